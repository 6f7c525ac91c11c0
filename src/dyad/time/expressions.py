"""Finding date expressions in running text.

Every standalone grammar rule scans the text; a match counts only if it resolves against a
reference date, and bare years, bare months and bare seasons count only after a cue word
("in 2011", "since March", "during the summer"). Numbers that are amounts ("in 2000 cases"),
and years that belong to document numbers ("resolution 1929 (2010)") are rejected. Of
overlapping matches the longest wins; ties go to the rule listed first in the grammar.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dyad.time import lexicon as lx
from dyad.time.grammar import Ctx, Rule, cue_for, rules

# Validation only asks "does this match denote a date at all"; a late reference date keeps
# "since 2011" valid for every year the grammar accepts.
_REFERENCE = Ctx(published=dt.date(2099, 12, 31))
_ENDS_WITH_NUMBER = re.compile(r"\d{4}$")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    priority: int


def _is_amount_or_document(text: str, start: int, end: int) -> bool:
    after = text[end:]
    if lx.DOC_YEAR_AFTER.match(after):
        return True  # "1929 (2010)": the number before the parenthesised year
    if after.lstrip().startswith(")") and lx.DOC_NUMBER_BEFORE.search(text[:start]):
        return True  # the "(2010)" of "1929 (2010)"
    return bool(_ENDS_WITH_NUMBER.search(text[start:end]) and lx.COUNT_AFTER.match(after))


def _candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for priority, rule in enumerate(rules()):
        if not rule.standalone:
            continue
        for m in rule.scanner.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            groups = m.groupdict()
            cue = cue_for(rule, groups)
            if cue is not None and not cue.search(text[max(0, start - 40) : start]):
                continue
            if _is_amount_or_document(text, start, end):
                continue
            if rule.handler(groups, _REFERENCE) is None:
                continue
            out.append(Candidate(start, end, rule, priority))
    return out


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Character spans (start, end, text) of the date expressions in `text`, in order.

    Spans never overlap. A leading "in", "on", "at" or "during" is not part of the span;
    "since", "by", "until", "from" and "between" are, because they change the meaning.
    """
    return list(_spans(text))


# Several event triggers in one sentence ask for the same sentence's spans; the function is
# pure, so a bounded memo is safe.
@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int, str], ...]:
    chosen: list[Candidate] = []
    ranked = sorted(_candidates(text), key=lambda c: (c.start - c.end, c.priority, c.start))
    for cand in ranked:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return tuple((c.start, c.end, text[c.start : c.end]) for c in chosen)
