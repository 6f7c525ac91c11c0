"""Resolving one date expression against the publication date."""

from __future__ import annotations

import datetime as dt
import re

from dyad.model import DateRef
from dyad.time.expressions import find_date_expressions
from dyad.time.grammar import Ctx, parse_point
from dyad.time.periods import Direction, Period

Tense = str  # "past" | "present" | "future"

_LEADING_PREPOSITION = re.compile(r"(?i)^\s*(?:(?:in|on|at|during|of|for|over)\s+)?")

_DIRECTIONS: dict[str | None, Direction] = {
    None: "past",
    "past": "past",
    "present": "nearest",
    "future": "future",
}


def direction_for(tense: str | None) -> Direction:
    """Past and unknown tense resolve partial dates backwards, future forwards, present to
    the nearest candidate."""
    return _DIRECTIONS.get(tense, "past")


def _dateref(period: Period, text: str, start: int, end: int) -> DateRef:
    return DateRef(
        value=period.value,
        precision=period.precision,
        text=text,
        start=period.start,
        end=period.end,
        char_start=start,
        char_end=end,
    )


def resolve_date(text: str, published: dt.date, tense: str | None = None) -> DateRef | None:
    """Resolve one date expression (or the first resolvable one in a longer text).

    Offsets in the result are into `text`. Returns None when nothing in `text` is a date.
    """
    ctx = Ctx(published=published, direction=direction_for(tense))
    lead = _LEADING_PREPOSITION.match(text)
    offset = lead.end() if lead else 0
    core = text[offset:].rstrip(" \t\n.,;:")
    if core:
        whole = parse_point(core, ctx)
        if whole is not None:
            return _dateref(whole, core, offset, offset + len(core))
    for start, end, span in find_date_expressions(text):
        period = parse_point(span, ctx)
        if period is not None:
            return _dateref(period, span, start, end)
    return None
