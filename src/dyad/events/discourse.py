"""Document-level rules over the coded events of one article.

Implicit targets: news reports of a bilateral relationship leave the counterpart unsaid once it
is established ("China would not accept international arbitration", "Hamas rejected calls for
a ceasefire", "New Delhi refused to resume the talks"). Analysts code such an act as aimed at
the source's counterpart in the article; so does this rule, when the article makes that
counterpart plain: the party the source deals with in targeted events of at least two other
sentences, more often than with anyone else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from dyad.model import Event, party_of

# roots whose acts are not aimed at a counterpart when none is named: statements about no one
# (01), protests (14), shows of force and weapons tests (15), and unconventional violence (18),
# whose victims are named when they are a party
_UNAIMED_ROOTS = frozenset({"01", "14", "15", "18"})
_MIN_SENTENCES = 1
_IMPLICIT_PENALTY = 0.9  # the target is inferred from the article, not read from the sentence


party = party_of  # The country of an actor, or its organisation code for IGOs.


def _counterpart(own: str, sentence: int, events: list[Event]) -> tuple[str, dict[str, Any]] | None:
    """The party `own` deals with most in targeted events of other sentences, with the actor
    record naming it, if that party is clear (two sentences at least, no tie)."""
    seen: dict[str, set[int]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e.sentence_index == sentence or e.source is None or e.target is None:
            continue
        a, b = party(e.source), party(e.target)
        if a is None or b is None or a == b or own not in (a, b):
            continue
        other, record = (b, e.target) if a == own else (a, e.source)
        seen.setdefault(other, set()).add(e.sentence_index)
        records.setdefault(other, []).append(record)
    ranked = sorted(((len(s), p) for p, s in seen.items()), reverse=True)
    if not ranked or ranked[0][0] < _MIN_SENTENCES:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    best = ranked[0][1]
    # the state itself rather than one of its people or agencies stands for the counterpart
    choices = Counter(
        (r.get("person") is not None, r.get("sector") or "", str(r.get("code")))
        for r in records[best]
    )
    plain = min(choices)
    record = next(
        r
        for r in records[best]
        if (r.get("person") is not None, r.get("sector") or "", str(r.get("code"))) == plain
    )
    return best, record


def implicit_targets(events: list[Event], named: frozenset[str] = frozenset()) -> list[Event]:
    """Give an untargeted one-sided act the source's counterpart in the article (see the
    module docstring); other events, and those in `named` (ids of events whose other party the
    sentence names without it being resolved: "urged the powers"), are returned unchanged."""
    out: list[Event] = []
    for e in events:
        own = party(e.source)
        if (
            e.target is not None
            or own is None
            or e.symmetric
            or e.cameo_root in _UNAIMED_ROOTS
            or e.event_id in named
        ):
            out.append(e)
            continue
        found = _counterpart(own, e.sentence_index, events)
        if found is None:
            out.append(e)
            continue
        out.append(
            replace(
                e,
                target=dict(found[1]),
                confidence=round(e.confidence * _IMPLICIT_PENALTY, 3),
                attributes={**e.attributes, "implicit_target": True},
            )
        )
    return out
