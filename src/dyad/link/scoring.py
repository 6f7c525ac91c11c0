"""Pair score: how much two coded events look like reports of one real-world event.

The score is a weighted sum of evidence terms, each in [-1, 1]; the weights and thresholds are
in `LinkConfig` (see `dyad.link.config`). Terms:

- date: overlapping intervals under each date's precision +1 (a year-only overlap +0.5);
  an explicit mismatch -0.25 when within `close_days`, -0.5 within `near_days`, and beyond
  that -1 with its own weight `w_far_date` (reports of dates that far apart are two events). When either date only stands
  in for the publication date the term is weak (`w_publication_date`): +1 when the publication
  dates are within `publication_near_days`, -1 when they are more than `near_days` apart.
- location: same place +1, one inside the other +0.3, different city -0.5, different country -1.
- instrument: same weapon system or object +1, overlapping agreement topics up to +1,
  different named systems -1, disjoint agreements -0.6.
- amount: +1 when both report an equal amount (same currency and unit, within tolerance).
- venue: same court / conference / talks +1, same venue city +0.5.
- trigger: rapidfuzz similarity of the stemmed trigger words (0..1).
- text: Dice overlap of the content-word stems of the two sentences (0..1).
- code: same CAMEO code +1, same root +0.6, same family +0.2.
- direction: the same source country +1, the other side named as the source -1 (symmetric
  events 0).
- modality: a plan or hypothesis against a done or denied deed -1.
- reciprocal: the roles are reversed and the explicit dates do not overlap -1: Britain
  expelling Russian diplomats on Wednesday and Russia expelling British ones on Saturday are
  two events, while two sides blaming each other for one clash on one day are one.
"""

from __future__ import annotations

from dyad.link.config import LinkConfig
from dyad.link.features import (
    actor_key,
    content_stems,
    date_relation,
    event_interval,
    interval_gap_days,
    family,
    instrument_similarity,
    place_relation,
    shared_amount,
    text_overlap,
    trigger_similarity,
    venue_similarity,
)
from dyad.model import Event

_PLACE_SCORE = {"same": 1.0, "contains": 0.3, "differ_city": -0.5, "differ_country": -1.0}
_UNREALISED = frozenset({"planned", "hypothetical"})


def date_term(a: Event, b: Event, cfg: LinkConfig) -> tuple[float, float]:
    """(term value, weight) for the dates of two events."""
    relation, weak = date_relation(a, b, cfg.near_days)
    if relation == "unknown":
        return 0.0, 0.0
    if weak:
        ia, ib = event_interval(a), event_interval(b)
        assert ia is not None and ib is not None
        gap = abs((ia.start - ib.start).days)
        if gap <= cfg.publication_near_days:
            return 1.0, cfg.w_publication_date
        return (-1.0 if gap > cfg.near_days else 0.0), cfg.w_publication_date
    if relation == "overlap":
        coarse = "year" in (a.date_precision, b.date_precision)
        return (0.5 if coarse else 1.0), cfg.w_date
    if relation == "far":
        return -1.0, cfg.w_far_date
    ia, ib = event_interval(a), event_interval(b)
    assert ia is not None and ib is not None
    return (-0.25 if interval_gap_days(ia, ib) <= cfg.close_days else -0.5), cfg.w_date


def code_term(a: Event, b: Event) -> float:
    if a.cameo and a.cameo == b.cameo:
        return 1.0
    if a.cameo_root and a.cameo_root == b.cameo_root:
        return 0.6
    return 0.2 if family(a) == family(b) else 0.0


def direction_term(a: Event, b: Event) -> float:
    if a.symmetric or b.symmetric:
        return 0.0
    sa, sb = actor_key(a.source), actor_key(b.source)
    if not sa or not sb:
        return 0.0
    if sa == sb:
        return 1.0
    return -1.0 if sb == actor_key(a.target) else 0.0


def reciprocal_term(a: Event, b: Event, cfg: LinkConfig) -> float:
    if direction_term(a, b) >= 0:
        return 0.0
    relation, weak = date_relation(a, b, cfg.near_days)
    return -1.0 if relation in ("near", "far") and not weak else 0.0


def modality_term(a: Event, b: Event) -> float:
    return -1.0 if (a.modality in _UNREALISED) != (b.modality in _UNREALISED) else 0.0


def score_pair(a: Event, b: Event, cfg: LinkConfig) -> tuple[float, dict[str, float]]:
    """The link score of two events and its weighted terms (for explanations and tuning)."""
    date_value, date_weight = date_term(a, b, cfg)
    terms = {
        "date": date_weight * date_value,
        "location": cfg.w_location * _PLACE_SCORE.get(place_relation(a.location, b.location), 0.0),
        "instrument": cfg.w_instrument * instrument_similarity(a, b),
        "amount": cfg.w_amount * (1.0 if shared_amount(a, b, cfg.amount_tolerance) else 0.0),
        "venue": cfg.w_venue * venue_similarity(a, b),
        "trigger": cfg.w_trigger * trigger_similarity(a.trigger, b.trigger),
        "text": cfg.w_text * text_overlap(content_stems(a.sentence), content_stems(b.sentence)),
        "code": cfg.w_code * code_term(a, b),
        "direction": cfg.w_direction * direction_term(a, b),
        "modality": cfg.w_modality * modality_term(a, b),
        "reciprocal": cfg.w_reciprocal * reciprocal_term(a, b, cfg),
    }
    return sum(terms.values()), terms
