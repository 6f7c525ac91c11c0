"""Actor mentions indexed by token, and the search for the actors under an argument head."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.model import Mention

# Dependencies we follow down from an argument head to find the actor it names: modifiers
# ("Russian troops", "Iran's navy") and of/from/in phrases ("rebels in the Ivory Coast").
_DOWN_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "appos", "npadvmod", "nn", "prep", "pobj", "det"}
)
RELATIONAL_NOUNS = frozenset({"counterpart", "colleague", "opposite", "peer"})
_DOWN_PREPS = frozenset({"of", "from", "in", "at", "within", "inside", "throughout", "across"})


@dataclass(frozen=True, slots=True)
class ActorGroup:
    """The mentions sharing one span: one actor, or a group ("the two countries")."""

    mentions: tuple[Mention, ...]
    head: int  # token index of the span start

    @property
    def text(self) -> str:
        return self.mentions[0].text

    @property
    def score(self) -> float:
        return min(m.score for m in self.mentions)


class MentionIndex:
    """Maps token indices to the actor group covering them (longest span wins)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        spans: dict[tuple[int, int], list[Mention]] = {}
        for m in mentions:
            spans.setdefault((m.tok_start, m.tok_end), []).append(m)
        self._by_token: dict[int, ActorGroup] = {}
        for (start, end), ms in sorted(spans.items(), key=lambda kv: kv[0][1] - kv[0][0]):
            group = ActorGroup(tuple(ms), start)
            for i in range(start, end):
                self._by_token[i] = group  # later (longer) spans overwrite shorter ones

    def at(self, i: int) -> ActorGroup | None:
        return self._by_token.get(i)

    def __bool__(self) -> bool:
        return bool(self._by_token)


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and China" -> both)."""
    out = [tok]
    stack = [c for c in tok.children if _coordinated(c)]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(g for g in c.children if _coordinated(g))
    return out


def _coordinated(c: Token) -> bool:
    """A conjunct, or an apposition that starts a list ("Kiev, Moscow, the OSCE and ...")."""
    return c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children))


def groups_under(
    head: Token, index: MentionIndex, max_depth: int = 4, coordinated: bool = True
) -> list[ActorGroup]:
    """The actor groups an argument head names, one per conjunct, nearest mention first.

    For each conjunct: the mention covering the head itself, else the nearest mention among
    its modifiers and of/in/from phrases (breadth first, stopping at the first depth that
    has one), never crossing into clauses or other participants' phrases.
    """
    found: list[ActorGroup] = []
    seen: set[int] = set()
    for conj in conjuncts(head) if coordinated else [head]:
        for group in _nearest(conj, index, max_depth):
            if id(group) not in seen:
                seen.add(id(group))
                found.append(group)
    return found


def _nearest(tok: Token, index: MentionIndex, max_depth: int) -> list[ActorGroup]:
    """All groups at the shallowest depth that has any ("Chinese and Russian warships")."""
    level: Sequence[Token] = [tok]
    for _ in range(max_depth + 1):
        hits = [index.at(t.i) for t in level]
        groups = list({id(g): g for g in hits if g is not None}.values())
        if groups:
            # "vetoes from Russia and China": the conjuncts of a hit are at the same level
            for t in level:
                if index.at(t.i) is not None:
                    for c in conjuncts(t)[1:]:
                        g = index.at(c.i)
                        if g is not None and all(g is not x for x in groups):
                            groups.append(g)
        if groups and level[0] is tok:
            # "Chinese and Russian warships" where the mention covers "Russian warships"
            for c in tok.children:
                if c.dep_ in ("amod", "nmod"):  # "by Shoygu and General Dehghan" parses as nmod
                    for m in [c, *(x for x in c.children if x.dep_ == "conj")]:
                        g = index.at(m.i)
                        if g is not None and all(g is not x for x in groups):
                            groups.append(g)
        if groups:
            return sorted(groups, key=lambda g: abs(g.head - tok.i))
        nxt: list[Token] = []
        for t in level:
            for c in t.children:
                if c.dep_ not in _DOWN_DEPS:
                    continue
                if c.dep_ == "poss" and t.lemma_.lower() in RELATIONAL_NOUNS:
                    continue  # "his counterparts from X": X, not the one they are relative to
                if c.dep_ == "prep" and c.lemma_.lower() not in _DOWN_PREPS:
                    continue
                nxt.append(c)
        if not nxt:
            return []
        # coordinated modifiers sit one level further down ("Chinese and Russian")
        level = nxt + [c for t in nxt for c in t.children if c.dep_ == "conj" and t.dep_ == "amod"]
    return []
