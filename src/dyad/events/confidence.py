"""Per-event confidence from the evidence that produced it.

A product of independent discounts, each a judgement a coder would make about the reading:
how reliable the trigger word is, whether both participants were found, how far apart in the
parse they are, how sure the actor resolution was, and whether the event is only reported,
hypothetical or built from a noun rather than a clause. Calibrated against the gold files by
`dyad eval` (confidence bins vs precision).
"""

from __future__ import annotations

from dataclasses import dataclass

_MODALITY_FACTOR = {
    "asserted": 1.0,
    "negated": 0.9,
    "planned": 0.9,
    "reported": 0.85,
    "hypothetical": 0.8,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    strength: float  # lexicon entry reliability
    has_source: bool
    has_target: bool
    symmetric_pair: bool  # both actors found on one side of a joint predicate
    distance: int  # parse-tree distance from trigger to the farthest argument head
    resolution: float  # lowest actor-resolution score of the participants
    modality: str
    nominal: bool  # coded from an event noun with no verb
    composed: bool  # coded through a complement frame ("agreed to supply")


def score(ev: Evidence) -> float:
    p = ev.strength
    if ev.has_source and (ev.has_target or ev.symmetric_pair):
        p *= 1.0
    elif ev.has_source:
        p *= 0.75
    else:
        p *= 0.6  # target only: a passive without its agent
    p *= 1.0 / (1.0 + 0.06 * max(0, ev.distance - 2))
    p *= max(0.3, min(1.0, ev.resolution))
    p *= _MODALITY_FACTOR.get(ev.modality, 0.8)
    if ev.nominal:
        p *= 0.85
    if ev.composed:
        p *= 0.95
    return round(max(0.05, min(0.99, p)), 3)
