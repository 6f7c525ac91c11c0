"""A faster drop-in for the model's `attribute_ruler`, with exactly its output.

The small English model's attribute ruler maps fine tags to coarse POS and morphology and
fixes a few words' lemmas, through a spaCy `Matcher` run over every token: about 12% of the
whole parse, nearly as much as the parser. Its rules test nothing but a token's tag,
lower-case form, dependency label and whether it is a space, over one or two tokens without
operators. Whether a token satisfies a rule's token test therefore depends only on those
four values, and news text repeats the same combinations over and over: they are worked out
once per combination and kept, and a rule over several tokens matches where consecutive
tokens satisfy its tests in turn (what the Matcher does for a pattern without operators).

A rule this cannot express (another attribute, an operator) goes through a `Matcher` holding
just it, so any model's ruler is handled. Rules apply in the ruler's order, the later
winning, as in spaCy's `AttributeRuler.match` and `set_annotations`; each token's result is
written with spaCy's own `set_token_attrs`. `tests/test_nlp_attribute_ruler.py` checks the
output equals the original's, token by token, on real articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# the token attributes the fast path reads, in the order of a token's key
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_Key = tuple[int, int, int, bool]  # string ids of tag, lower, dep; is_space
_Values = tuple[str, str, str, bool]
_Test = Callable[[_Values], bool]
_Rule = tuple[int, dict[Any, Any]]  # (the rule's order in the ruler, attributes it sets)
_MAX_KEYS = 100_000


def _value_test(position: int, value: Any) -> _Test | None:
    """A test of one attribute's value as the Matcher applies it, or None if this pattern
    value is beyond the fast path."""
    if isinstance(value, (str, bool)):
        return lambda got: got[position] == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and isinstance(arg, list):
            members = set(arg)
            return lambda got: got[position] in members
        if op == "NOT_IN" and isinstance(arg, list):
            others = set(arg)
            return lambda got: got[position] not in others
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda got: bool(rx.search(str(got[position])))
    return None


def _token_test(spec: dict[str, Any]) -> _Test | None:
    """The test one pattern token makes, over a token's key values; None if not expressible."""
    tests: list[_Test] = []
    for attr, value in spec.items():
        test = _value_test(_KEY_ATTRS.index(attr), value) if attr in _KEY_ATTRS else None
        if test is None:
            return None
        tests.append(test)
    return lambda values: all(test(values) for test in tests)


@dataclass(frozen=True, slots=True)
class _Sequence:
    """A rule pattern over several tokens: `tests[k]` must hold for the k-th token."""

    order: int
    tests: tuple[_Test, ...]
    attrs: dict[Any, Any]
    index: int


@dataclass(frozen=True, slots=True)
class _KeyFacts:
    """What the rules say about a token with a given key."""

    rules: list[_Rule]  # one-token rules it matches, in order
    merged: dict[Any, Any]  # their attributes as applied in order
    steps: frozenset[tuple[int, int]]  # (sequence, position) whose test it passes


def _merged(rules: list[_Rule]) -> dict[Any, Any]:
    """The attributes rules applied in order leave: the later rule wins each attribute."""
    merged: dict[Any, Any] = {}
    for _, attrs in rules:
        merged.update(attrs)
    return merged


class FastAttributeRuler:
    """Built from an `AttributeRuler`'s `patterns`; call it on a Doc like the original."""

    def __init__(self, vocab: Any, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import normalize_token_attrs

        self.vocab = vocab
        self._single: list[tuple[int, _Test, dict[Any, Any]]] = []
        self._sequences: list[_Sequence] = []
        self._matcher = Matcher(self.vocab)  # the rules the fast path cannot express
        self._matcher_rules: dict[int, tuple[int, dict[Any, Any], int]] = {}
        for order, rule in enumerate(patterns):
            attrs = normalize_token_attrs(self.vocab, rule["attrs"])
            index = int(rule.get("index", 0))
            for pattern in rule["patterns"]:
                if pattern and not -len(pattern) <= index < len(pattern):
                    # spaCy's ruler fails on the first match of such a rule (E1001)
                    raise ValueError(f"attribute rule {order}: index {index} outside {pattern}")
                tests = [_token_test(spec) for spec in pattern]
                if not tests or any(test is None for test in tests):
                    key = self.vocab.strings.add(f"dyad_attribute_rule_{order}")
                    self._matcher.add(key, [pattern])
                    self._matcher_rules[key] = (order, attrs, index)
                elif len(tests) == 1 and index in (0, -1):
                    self._single.append((order, tests[0], attrs))  # type: ignore[arg-type]
                else:
                    self._sequences.append(_Sequence(order, tuple(tests), attrs, index))  # type: ignore[arg-type]
        # key -> facts. Common combinations come back constantly; rare words keep adding
        # new ones over a long ingest, so the table is emptied when it reaches `_MAX_KEYS`
        # (about 30 MB) and refills with what is in use.
        self._facts: dict[_Key, _KeyFacts] = {}

    def _facts_for(self, key: _Key) -> _KeyFacts:
        facts = self._facts.get(key)
        if facts is None:
            strings = self.vocab.strings
            values = (strings[key[0]], strings[key[1]], strings[key[2]], key[3])
            rules = [(order, attrs) for order, test, attrs in self._single if test(values)]
            steps = frozenset(
                (s, k)
                for s, seq in enumerate(self._sequences)
                for k, test in enumerate(seq.tests)
                if test(values)
            )
            if len(self._facts) >= _MAX_KEYS:
                self._facts.clear()
            facts = self._facts[key] = _KeyFacts(rules, _merged(rules), steps)
        return facts

    def _sequence_hits(self, facts: list[_KeyFacts]) -> Iterator[tuple[int, int, int]]:
        """(target token, sequence, order) for every match of a several-token rule."""
        n = len(facts)
        for start, first in enumerate(facts):
            for s, k in first.steps:
                if k != 0:
                    continue
                seq = self._sequences[s]
                end = start + len(seq.tests)
                if end <= n and all(
                    (s, j) in facts[start + j].steps for j in range(1, end - start)
                ):
                    yield (start if seq.index >= 0 else end) + seq.index, s, seq.order

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        facts = [self._facts_for((tag, low, dep, bool(sp))) for tag, low, dep, sp in rows]
        extra: dict[int, list[_Rule]] = {}
        for target, s, order in self._sequence_hits(facts):
            extra.setdefault(target, []).append((order, self._sequences[s].attrs))
        if self._matcher_rules:
            for match_id, start, end in self._matcher(doc, allow_missing=True, as_spans=False):
                order, attrs, index = self._matcher_rules[match_id]
                extra.setdefault((start if index >= 0 else end) + index, []).append((order, attrs))
        for i, fact in enumerate(facts):
            merged = fact.merged
            if i in extra:
                merged = _merged(sorted([*fact.rules, *extra[i]], key=lambda rule: rule[0]))
            if merged:
                set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)
