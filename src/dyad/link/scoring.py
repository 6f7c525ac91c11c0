"""Pair score: how much two coded events look like reports of one real-world event.

The score is a weighted sum of evidence terms, each in [-1, 1]; the weights and thresholds are
in `LinkConfig` (see `dyad.link.config`). Terms:

- date: overlapping intervals under each date's precision +1 (a year-only overlap +0.5, a
  fuzzy span longer than a month +0.25, one over a year 0);
  an explicit mismatch -0.25 when day or week dates are within `close_days` (0 when one is a
  week date: "last week" read across the week's boundary), -0.5 when
  near (a gap no longer than the longer of the two intervals, at least `near_min_days`:
  2010 against 2011), and beyond
  that -1 with its own weight `w_far_date` (reports of dates that far apart are two events).
  When either date only stands in for the publication date the term is weak
  (`w_publication_date`): +1 when the dates are within `publication_near_days`, -1 when more
  than `publication_far_days` apart (an undated report is mostly of a deed of its day).
  An undated report published before the other report's explicit date begins cannot tell
  of the same deed (unless it tells of a plan): -1 with weight `w_far_date`.
- location: same place +1, one inside the other +0.3, different city -0.5, different country -1;
  the place of a deal's object is not the place of the deal (`features.event_place`).
- instrument: same weapon system or object +1, overlapping agreement topics up to +1,
  different named systems -1, disjoint agreements -0.6.
- amount: +1 when both report an equal amount (same currency and unit, within tolerance).
- venue: same court / conference / talks +1, same venue city +0.5.
- trigger: rapidfuzz similarity of the stemmed trigger words (0..1), each word replaced by its
  class of words for one act (`dyad.link.event_words`).
- text: Dice overlap of the content-word stems of the two sentences (0..1).
- code: same CAMEO code +1, a general code and a specific one under it +0.8 ("120" and
  "1222": the coder of the one did not contradict the other), same root or an intent and the
  deed it announces +0.6 ("032" and "057"), same family +0.2.
- direction: the same source country +1, the other side named as the source -1 (symmetric
  events 0).
- modality: a plan or hypothesis against a done or denied deed -1.
- same_document: two events of one article are one source telling two things (or one thing
  twice): the pair loses `same_doc_threshold - link_threshold`, so only a near-repeat links.
- missing_side: a report coded with one side whose sentence names other states, none of
  them the second side of the other report, -1 (`features.side_missing_elsewhere`).
- reciprocal: the roles are reversed and the explicit dates do not overlap -1: Britain
  expelling Russian diplomats on Wednesday and Russia expelling British ones on Saturday are
  two events, while two sides blaming each other for one clash on one day are one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dyad.link.config import LinkConfig
from dyad.link.features import (
    Interval,
    actor_key,
    amounts,
    amounts_shared,
    code_relation,
    content_stems,
    event_interval,
    event_place,
    event_sides,
    instruments,
    instruments_similarity,
    interval_days,
    interval_gap_days,
    interval_relation,
    intervals_miss_by_week_boundary,
    is_weak_date,
    named_states,
    place_relation,
    side_missing_elsewhere,
    text_overlap,
    trigger_similarity,
    venue,
    venues_similarity,
)
from dyad.model import Event

_PLACE_SCORE = {"same": 1.0, "contains": 0.3, "differ_city": -0.5, "differ_country": -1.0}
_UNREALISED = frozenset({"planned", "hypothetical"})


def reported_before_it_happened(
    a: Event, b: Event, spans: tuple[Interval | None, Interval | None] | None = None
) -> bool:
    """An undated report published before the other report's dated event began cannot tell
    of it as done. (Two explicit dates are compared as dates: a mismatch may be an error.)"""
    ia, ib = spans if spans is not None else (event_interval(a), event_interval(b))
    for report, span in ((a, ib), (b, ia)):
        published = _day(report.published)
        if (
            published is None
            or span is None
            or span.weak
            or not is_weak_date(report)
            or report.modality in _UNREALISED
        ):
            continue
        if (span.start - published).days > 1:  # a day of slack for time zones
            return True
    return False


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def date_term(
    a: Event,
    b: Event,
    cfg: LinkConfig,
    spans: tuple[Interval | None, Interval | None] | None = None,
) -> tuple[float, float]:
    """(term value, weight) for the dates of two events (`spans`: their intervals, when the
    caller has them)."""
    ia, ib = spans if spans is not None else (event_interval(a), event_interval(b))
    if reported_before_it_happened(a, b, (ia, ib)):
        return -1.0, cfg.w_far_date
    relation, weak = interval_relation(ia, ib, cfg.near_min_days)
    if relation == "unknown" or ia is None or ib is None:
        return 0.0, 0.0
    if weak:
        gap = abs((ia.start - ib.start).days)
        if gap <= cfg.publication_near_days:
            return 1.0, cfg.w_publication_date
        return (-1.0 if gap > cfg.publication_far_days else 0.0), cfg.w_publication_date
    if relation == "overlap":
        # an overlap is evidence in proportion to how narrow the dates are: two days agreeing
        # say much, a year less, and a span of several years ("in recent years") nothing
        width = max(interval_days(ia), interval_days(ib))
        if width > 366:
            return 0.0, cfg.w_date
        if width > 31 and "year" not in (a.date_precision, b.date_precision):
            # a fuzzy span ("in recent months", "since spring") says less than a named year
            return 0.25, cfg.w_date
        coarse = "year" in (a.date_precision, b.date_precision)
        return (0.5 if coarse else 1.0), cfg.w_date
    if relation == "far":
        return -1.0, cfg.w_far_date
    if intervals_miss_by_week_boundary(a, b, ia, ib):
        return 0.0, cfg.w_date  # "last week" read across the week's boundary
    short = max(interval_days(ia), interval_days(ib)) <= 7  # days or weeks, not years
    close = short and interval_gap_days(ia, ib) <= cfg.close_days
    return (-0.25 if close else -0.5), cfg.w_date


_CODE_SCORE = {"same": 1.0, "general": 0.8, "root": 0.6, "family": 0.2, "other": 0.0}


def code_term(a: Event, b: Event) -> float:
    return _CODE_SCORE[code_relation(a, b)]


def _direction(
    symmetric: bool, source_a: str | None, target_a: str | None, source_b: str | None
) -> float:
    if symmetric or not source_a or not source_b:
        return 0.0
    if source_a == source_b:
        return 1.0
    return -1.0 if source_b == target_a else 0.0


def _reciprocal(
    direction: float, ia: Interval | None, ib: Interval | None, cfg: LinkConfig
) -> float:
    if direction >= 0:
        return 0.0
    relation, weak = interval_relation(ia, ib, cfg.near_min_days)
    return -1.0 if relation in ("near", "far") and not weak else 0.0


def modality_term(a: Event, b: Event) -> float:
    return -1.0 if (a.modality in _UNREALISED) != (b.modality in _UNREALISED) else 0.0


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the pair score reads from one event, computed once: a new event is scored
    against hundreds of stored ones, and each of them against many new events."""

    interval: Interval | None
    place: dict[str, Any] | None
    instruments: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    venue: dict[str, Any] | None
    stems: frozenset[str]
    source_key: str | None
    target_key: str | None
    sides: set[str]
    named_states: list[str] | None


def event_facts(e: Event) -> EventFacts:
    return EventFacts(
        interval=event_interval(e),
        place=event_place(e),
        instruments=instruments(e),
        amounts=amounts(e),
        venue=venue(e),
        stems=content_stems(e.sentence),
        source_key=actor_key(e.source),
        target_key=actor_key(e.target),
        sides=event_sides(e),
        named_states=named_states(e),
    )


class FactsMemo:
    """`event_facts` of the events of one linking call, each computed once. It holds the
    events themselves, so the ids it is keyed by stay theirs while it lives."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[Event, EventFacts]] = {}

    def __call__(self, e: Event) -> EventFacts:
        held = self._held.get(id(e))
        if held is None:
            held = self._held[id(e)] = (e, event_facts(e))
        return held[1]


def score_pair(
    a: Event, b: Event, cfg: LinkConfig, facts: Callable[[Event], EventFacts] = event_facts
) -> tuple[float, dict[str, float]]:
    """The link score of two events and its weighted terms (for explanations and tuning).

    `facts` gives what is read from each event (pass a `FactsMemo` when scoring many pairs).
    """
    fa, fb = facts(a), facts(b)
    spans = (fa.interval, fb.interval)
    date_value, date_weight = date_term(a, b, cfg, spans)
    direction = _direction(a.symmetric or b.symmetric, fa.source_key, fa.target_key, fb.source_key)
    missing = side_missing_elsewhere(fa.sides, fa.named_states, fb.sides, fb.named_states)
    terms = {
        "date": date_weight * date_value,
        "location": cfg.w_location * _PLACE_SCORE.get(place_relation(fa.place, fb.place), 0.0),
        "instrument": cfg.w_instrument * instruments_similarity(fa.instruments, fb.instruments),
        "amount": cfg.w_amount
        * (1.0 if amounts_shared(fa.amounts, fb.amounts, cfg.amount_tolerance) else 0.0),
        "venue": cfg.w_venue * venues_similarity(fa.venue, fb.venue),
        "trigger": cfg.w_trigger * trigger_similarity(a.trigger, b.trigger),
        "text": cfg.w_text * text_overlap(fa.stems, fb.stems),
        "code": cfg.w_code * code_term(a, b),
        "direction": cfg.w_direction * direction,
        "modality": cfg.w_modality * modality_term(a, b),
        "reciprocal": cfg.w_reciprocal * _reciprocal(direction, *spans, cfg),
        "missing_side": -cfg.w_missing_side if missing else 0.0,
        # one article is one source: its repeats must clear `same_doc_threshold`
        "same_document": (
            cfg.link_threshold - cfg.same_doc_threshold if a.doc_id == b.doc_id else 0.0
        ),
    }
    return sum(terms.values()), terms
