"""Event attributes read from the event's sentence and its neighbours: instrument, amounts,
venue, and the dates of a statement that reports the event.

`extract_attributes(doc, trigger_i)` looks at the sentence of the trigger token, then at its
neighbours when the sentences are tied by a reference (attributes taken from a neighbour say
so with `"from_sentence": -1`, `-2` or `1`):

- instrument and venue: when the sentence names none and only refers back ("the deal", "the
  missile delivery", "the court"), from the nearest of the two sentences before it that names
  one; when its subject is a bare demonstrative ("This resulted in a lawsuit ...", "That
  prompted Tehran to sue"), it tells the sequel of the sentence before: that sentence's
  instrument;
- money: when the sentence gives none, from the next sentence when that one refers back to
  the thing ("... signed a deal for 36 jets. The contract is worth $8 billion."), or from the
  sentence before when this one refers back to it ("... agreed on the sale for $800 million.
  Moscow later froze the delivery.").
- statement dates: the dates on a verb of saying or denying whose clause holds the trigger
  ("denied on Monday that the prince had met ..."): they date the statement, not the deed
  (see `features.is_weak_date`).
- place words: the names the trigger's clause gives as the place of the event, read from the
  syntax (`dyad.link.place_words`), for the places the gazetteer does not know.
- sentence countries: the states the sentence names (`dyad.link.states`): the coder that
  finds one side of an event often misses the other, which the sentence still names.

Result (all keys always present):

    {"instrument": {"text", "key", "kind"} | None,   # the one nearest the trigger
     "instruments": [{"text", "key", "kind"}, ...],  # every one in the sentence
     "amounts": [{"text", "value", "currency", "unit"}, ...],
     "venue": {"text", "key", "kind", "city"} | None,
     "statement_dates": ["Monday", ...],
     "place_words": ["Jermuk", "Goris"],   # see `dyad.link.place_words`
     "object_places": ["Tal Abyad"],
     "sentence_countries": ["RUS", "UKR"]}  # states the sentence names (`dyad.link.states`)
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.errors import DyadError
from dyad.link.amounts import amounts_in
from dyad.link.instruments import AGREEMENT_HEADS, Candidate, instruments_in
from dyad.link.place_words import object_places, place_words
from dyad.link.states import countries_named
from dyad.link.venues import Venue, venues_in
from dyad.model import Event

# Nouns that, with "the"/"this", point back to an instrument named earlier.
_THING_REFERENCES = frozenset(
    {"missile", "system", "delivery", "weapon", "jet", "aircraft", "sale", "purchase", "shipment"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Nouns that, with "the", point back to a deal or sale whose price a neighbour gives.
_PRICED_REFERENCES = frozenset(AGREEMENT_HEADS) | frozenset(
    {"sale", "purchase", "order", "package", "delivery", "shipment", "loan", "aid"}
)
# Verbs of saying or denying: a date on them dates the statement, not the deed it reports.
_STATEMENT_VERBS = frozenset(
    {
        "say",
        "tell",
        "deny",
        "confirm",
        "announce",
        "report",
        "claim",
        "insist",
        "state",
        "add",
        "reveal",
        "disclose",
        "acknowledge",
        "admit",
        "allege",
        "dismiss",
        "reject",
        "accuse",
        "write",
        "recall",
    }
)
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


def _next_sentence(sent: Span) -> Span | None:
    return sent.doc[sent.end].sent if sent.end < len(sent.doc) else None


def continues_previous(sent: Span) -> bool:
    """The main clause's subject is a bare demonstrative pronoun ("This resulted in a
    lawsuit", "That prompted Tehran to sue"): the sentence tells the sequel of the one
    before."""
    root = sent.root
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _DEMONSTRATIVES and c.pos_ == "PRON"
        for c in root.children
    )


def _informative_json(item: dict[str, Any]) -> bool:
    return item.get("kind") != "agreement" or not str(item.get("key", "")).endswith(":")


def _instruments(
    trigger: Token, depth: int = 0
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    sent = trigger.sent
    ranked = _rank(trigger, instruments_in(sent))
    if any(_informative(c) for c in ranked):
        return ranked[0].to_json(), [c.to_json() for c in ranked]
    reference = _refers_back(sent, frozenset(AGREEMENT_HEADS) | _THING_REFERENCES)
    if reference is None and sent.start > 0 and depth < _LOOKBACK and continues_previous(sent):
        # the sequel of the sentence before: its instrument, however that one found it
        previous = sent.doc[sent.start - 1].sent
        first, inherited = _instruments(previous.root, depth + 1)
        if first is not None and _informative_json(first):
            items = [
                {**c, "from_sentence": int(c.get("from_sentence", 0)) - 1}
                for c in inherited
                if _informative_json(c)
            ]
            return items[0], items
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


def _money(sent: Span) -> list[dict[str, Any]]:
    return [a for a in amounts_in(sent) if a["currency"]]


def _amounts(trigger: Token, instrument: dict[str, Any] | None) -> list[dict[str, Any]]:
    sent = trigger.sent
    found = amounts_in(sent)
    if any(a["currency"] for a in found):
        return found
    # the price told in the next sentence: "... a deal for 36 jets. The contract is worth ..."
    following = _next_sentence(sent)
    if (
        following is not None
        and (instrument is not None or _mentions(sent, _PRICED_REFERENCES))
        and _refers_back(following, _PRICED_REFERENCES) is not None
    ):
        money = _money(following)
        if money:
            return found + [{**a, "from_sentence": 1} for a in money]
    # the price told before: "... the sale for $800 million. Moscow froze the delivery."
    if sent.start > 0 and (
        _refers_back(sent, _PRICED_REFERENCES) is not None or continues_previous(sent)
    ):
        money = _money(sent.doc[sent.start - 1].sent)
        if money:
            return found + [{**a, "from_sentence": -1} for a in money]
    return found


def _mentions(sent: Span, nouns: frozenset[str]) -> bool:
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in nouns for t in sent)


def statement_dates(trigger: Token) -> list[str]:
    """Dates on the verb of saying or denying whose complement clause holds the trigger:
    "X denied on Monday that the prince had met ..." -> ["Monday"]."""
    node = trigger
    while node.dep_ != "ccomp":
        if node.head.i == node.i or node.dep_ in ("relcl", "advcl", "acl"):
            return []
        node = node.head
    speech = node.head
    if speech.lemma_.lower() not in _STATEMENT_VERBS:
        return []
    dates: list[str] = []
    for ent in trigger.sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        head = ent.root
        while head.head.i != head.i and head.i != speech.i and head.i != node.i:
            head = head.head
        if head.i == speech.i:  # on the statement's verb, outside the reported clause
            dates.append(ent.text)
    return dates


def extract_attributes(doc: Doc, trigger_i: int) -> dict[str, Any]:
    """The attributes of the event whose trigger is token `trigger_i` (see the module's
    docstring): instrument, amounts, venue, statement dates, place words and named states."""
    if not 0 <= trigger_i < len(doc):
        raise TriggerIndexError(f"trigger token {trigger_i} outside a document of {len(doc)}")
    trigger = doc[trigger_i]
    instrument, all_instruments = _instruments(trigger)
    return {
        "instrument": instrument,
        "instruments": all_instruments,
        "amounts": _amounts(trigger, instrument),
        "venue": _venue(trigger),
        "statement_dates": statement_dates(trigger),
        "place_words": place_words(trigger),
        "object_places": object_places(trigger),
        "sentence_countries": countries_named(trigger.sent),
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
