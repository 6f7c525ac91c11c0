"""Event attributes read from the event's sentence: instrument, amounts and venue.

`extract_attributes(doc, trigger_i)` looks at the sentence of the trigger token. When that
sentence only refers back ("the deal", "the missile delivery", "the court"), the instrument
or venue is taken from the nearest of the two sentences before it that names one, and the
attribute says so with `"from_sentence": -1` (or -2).

Result (all keys always present):

    {"instrument": {"text", "key", "kind"} | None,   # the one nearest the trigger
     "instruments": [{"text", "key", "kind"}, ...],  # every one in the sentence
     "amounts": [{"text", "value", "currency", "unit"}, ...],
     "venue": {"text", "key", "kind", "city"} | None}
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.errors import DyadError
from dyad.link.amounts import amounts_in
from dyad.link.instruments import AGREEMENT_HEADS, Candidate, instruments_in
from dyad.link.venues import Venue, venues_in
from dyad.model import Event

# Nouns that, with "the"/"this", point back to an instrument named earlier.
_THING_REFERENCES = frozenset(
    {"missile", "system", "delivery", "weapon", "jet", "aircraft", "sale", "purchase", "shipment"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_LOOKBACK = 2


class TriggerIndexError(DyadError):
    """A trigger index outside the document."""

    code = "E250"


def _depth_path(tok: Token) -> list[int]:
    path = [tok.i]
    while tok.head.i != tok.i:
        tok = tok.head
        path.append(tok.i)
    return path


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    pa, pb = _depth_path(a), _depth_path(b)
    index_b = {t: n for n, t in enumerate(pb)}
    for n, t in enumerate(pa):
        if t in index_b:
            return n + index_b[t]
    return len(pa) + len(pb) + abs(a.i - b.i)


def _informative(c: Candidate) -> bool:
    return c.kind != "agreement" or not c.key.endswith(":")


def _rank(trigger: Token, cands: list[Candidate]) -> list[Candidate]:
    doc = trigger.doc
    return sorted(
        cands,
        key=lambda c: (
            0 if _informative(c) else 1,
            tree_distance(trigger, doc[c.head]),
            abs(c.head - trigger.i),
        ),
    )


def _refers_back(sent: Span, nouns: frozenset[str]) -> str | None:
    """The noun of a definite reference in the sentence ("the deal" -> "deal"), if any."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in nouns:
            dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in _DEFINITE]
            if dets or (tok.i > sent.start and tok.doc[tok.i - 1].lower_ in _DEFINITE):
                return lemma
    return None


def _previous_sentences(sent: Span) -> list[Span]:
    found: list[Span] = []
    doc = sent.doc
    start = sent.start
    while start > 0 and len(found) < _LOOKBACK:
        prev = doc[start - 1].sent
        found.append(prev)
        start = prev.start
    return found


def _instruments(
    trigger: Token,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    sent = trigger.sent
    ranked = _rank(trigger, instruments_in(sent))
    if any(_informative(c) for c in ranked):
        return ranked[0].to_json(), [c.to_json() for c in ranked]
    reference = _refers_back(sent, frozenset(AGREEMENT_HEADS) | _THING_REFERENCES)
    if reference is not None:
        wants_agreement = reference in AGREEMENT_HEADS
        for offset, prev in enumerate(_previous_sentences(sent), start=1):
            earlier = [c for c in instruments_in(prev) if _informative(c)]
            if not earlier:
                continue
            earlier.sort(key=lambda c: 0 if (c.kind == "agreement") == wants_agreement else 1)
            items = [{**c.to_json(), "from_sentence": -offset} for c in earlier]
            return items[0], items
    if ranked:
        return ranked[0].to_json(), [c.to_json() for c in ranked]
    return None, []


def _venue(trigger: Token) -> dict[str, Any] | None:
    sent = trigger.sent
    doc = trigger.doc
    venues = venues_in(sent)
    named = sorted(
        (v for v in venues if v.named),
        key=lambda v: (tree_distance(trigger, doc[v.head]), abs(v.head - trigger.i)),
    )
    if named:
        return named[0].to_json()
    bare: list[Venue] = [v for v in venues if not v.named]
    if bare:
        for offset, prev in enumerate(_previous_sentences(sent), start=1):
            earlier = [v for v in venues_in(prev) if v.named and v.kind == bare[0].kind]
            if earlier:
                return {**earlier[-1].to_json(), "from_sentence": -offset}
    return None


def extract_attributes(doc: Doc, trigger_i: int) -> dict[str, Any]:
    """Instrument, amounts and venue of the event whose trigger is token `trigger_i`."""
    if not 0 <= trigger_i < len(doc):
        raise TriggerIndexError(f"trigger token {trigger_i} outside a document of {len(doc)}")
    trigger = doc[trigger_i]
    instrument, all_instruments = _instruments(trigger)
    return {
        "instrument": instrument,
        "instruments": all_instruments,
        "amounts": amounts_in(trigger.sent),
        "venue": _venue(trigger),
    }


def token_at(doc: Doc, char_start: int, char_end: int) -> int | None:
    """The index of the first token overlapping a character span, or None."""
    span = doc.char_span(char_start, char_end, alignment_mode="expand")
    if span is not None and len(span) > 0:
        return span.start
    return None


def attach_attributes(doc: Doc, events: list[Event]) -> list[Event]:
    """Fill `attributes` of events of `doc` that have none (uses the trigger offsets).

    Returns the same events (mutated in place: `Event` is a mutable record).
    """
    for event in events:
        if event.attributes:
            continue
        start, end = event.trigger_start, event.trigger_end
        if end <= start:
            start, end = event.char_start, event.char_end
        index = token_at(doc, start, end)
        if index is not None:
            event.attributes = extract_attributes(doc, index)
    return events
