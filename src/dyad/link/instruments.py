"""Instruments of an event: weapon systems, named objects and agreements, with a match key.

- weapon: a model designator ("S-300", "MiG-29", "Sukhoi-30") -> key "s-300", "mig-29",
  "su-30" (Sukhoi is written out or abbreviated, both meet).
- weapon, named: a capitalised name before a weapon noun ("36 Rafale fighter jets",
  "Patriot batteries", "Leopard tanks") -> key "rafale", "patriot", "leopard"; names of
  states, their adjectives and of makers ("Russian jets", "Sukhoi fighters") are no systems.
- object: a named thing headed by a noun such as destroyer or reactor ("Jamaran II
  destroyer", "Bushehr nuclear reactor") -> key from its name: "jamaran-ii", "bushehr".
- agreement: a noun phrase headed by agreement, pact, deal, contract, treaty, accord ...
  ("military cooperation agreement", "security pact", "$800-million contract") -> key
  "agreement:cooperation+military", "agreement:security", "contract:" — the head class and
  the sorted topic words; agreements are compared by the overlap of their topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.link.states import state_words

_DESIGNATOR = re.compile(r"^(?P<name>[A-Z][A-Za-z]{0,9})-(?P<num>\d{1,4}[A-Za-z0-9]*?)(?:s)?$")
_NOT_DESIGNATORS = frozenset({"g-7", "g-8", "g-20", "covid-19", "p5", "e3"})
_DESIGNATOR_ALIASES = {"sukhoi": "su", "tupolev": "tu", "ilyushin": "il", "mikoyan": "mig"}
OBJECT_HEADS = frozenset(
    {
        "destroyer",
        "frigate",
        "corvette",
        "submarine",
        "carrier",
        "cruiser",
        "warship",
        "reactor",
        "plant",
        "station",
        "pipeline",
        "satellite",
        "refinery",
        "dam",
        "facility",
    }
)
WEAPON_HEADS = frozenset(
    {
        "jet",
        "fighter",
        "aircraft",
        "plane",
        "warplane",
        "bomber",
        "helicopter",
        "drone",
        "missile",
        "rocket",
        "system",
        "battery",
        "tank",
        "howitzer",
        "gun",
        "launcher",
        "interceptor",
        "rifle",
    }
)
# Makers and blocs: "Sukhoi fighters", "NATO jets" name no one system.
_NOT_SYSTEM_NAMES = frozenset(
    {
        "sukhoi",
        "mig",
        "mikoyan",
        "tupolev",
        "ilyushin",
        "kamov",
        "antonov",
        "boeing",
        "lockheed",
        "airbus",
        "dassault",
        "saab",
        "northrop",
        "raytheon",
        "embraer",
        "sikorsky",
        "leonardo",
        "bae",
        "nato",
        "soviet",
        "western",
        "allied",
        "coalition",
        "un",
        "eu",
        "us",
    }
)
# Names of places, peoples, persons and groups before a weapon noun say whose weapon it is,
# not which: "Iranian drones", "Hamas rockets", "Houthi missiles".
_NOT_SYSTEM_ENTS = frozenset({"GPE", "LOC", "NORP", "PERSON", "ORG", "FAC", "DATE", "EVENT"})
AGREEMENT_HEADS = {
    "agreement": "agreement",
    "pact": "agreement",
    "deal": "agreement",
    "treaty": "agreement",
    "accord": "agreement",
    "memorandum": "agreement",
    "protocol": "agreement",
    "framework": "agreement",
    "roadmap": "agreement",
    "contract": "contract",
}
# Modifiers that say nothing about what an agreement is about.
_GENERIC = frozenset(
    {
        "new",
        "first",
        "second",
        "historic",
        "landmark",
        "tentative",
        "final",
        "interim",
        "major",
        "broad",
        "comprehensive",
        "bilateral",
        "joint",
        "former",
        "previous",
        "earlier",
        "long",
        "term",
        "long-term",
        "year",
        "billion",
        "million",
        "dollar",
        "worth",
        "such",
        "same",
        "whole",
        "entire",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An instrument found in a sentence, anchored at its head token."""

    head: int  # token index of the head in the Doc
    text: str
    key: str
    kind: str  # weapon | object | agreement

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "key": self.key, "kind": self.kind}


def designator_key(text: str) -> str | None:
    m = _DESIGNATOR.match(text)
    if m is None:
        return None
    name = m["name"].lower()
    key = f"{_DESIGNATOR_ALIASES.get(name, name)}-{m['num'].lower()}"
    return None if key in _NOT_DESIGNATORS or name in ("covid",) else key


def _phrase(doc: Doc, start: int, end: int) -> str:
    """The text of tokens start..end (exclusive); a Span reads only its own tokens."""
    return doc[start:end].text


def _weapon(tok: Token) -> Candidate | None:
    key = designator_key(tok.text)
    if key is None:
        return None
    # extend over the nouns that follow in the same phrase: "S-300 missile systems"
    end = tok.i
    while end + 1 < tok.sent.end and tok.doc[end + 1].pos_ == "NOUN":
        end += 1
        if tok.doc[end].dep_ != "compound":
            break
    return Candidate(tok.i, _phrase(tok.doc, tok.i, end + 1), key, "weapon")


def _named_object(tok: Token) -> Candidate | None:
    if tok.lemma_.lower() not in OBJECT_HEADS or tok.pos_ != "NOUN":
        return None
    # the proper-noun name directly before the head, allowing adjectives in between
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].pos_ in ("ADJ", "NOUN") and tok.doc[i].text.islower():
        i -= 1  # "Bushehr nuclear power plant"
    name_end = i
    while i >= tok.sent.start and tok.doc[i].pos_ == "PROPN" and tok.doc[i].text[:1].isupper():
        i -= 1
    name = list(tok.doc[i + 1 : name_end + 1])
    if not name or any(designator_key(t.text) for t in name):
        return None
    key = "-".join(t.text.lower() for t in name)
    return Candidate(tok.i, _phrase(tok.doc, i + 1, tok.i + 1), key, "object")


def _topic_words(head: Token) -> list[str]:
    words: list[str] = []
    for tok in head.subtree:
        if tok.i >= head.i:
            break
        if tok.pos_ in ("NOUN", "ADJ", "PROPN") and tok.is_alpha:
            lemma = tok.lemma_.lower()
            if lemma not in _GENERIC and designator_key(tok.text) is None:
                words.append(lemma)
    # "an agreement on nuclear cooperation", "a deal for the sale of ..."
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "over", "about"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    words.extend(
                        c.lemma_.lower()
                        for c in obj.children
                        if c.dep_ in ("amod", "compound") and c.is_alpha and c.i < obj.i
                    )
                    words.append(obj.lemma_.lower())
    return sorted(set(w for w in words if w not in _GENERIC))


def _name_word(tok: Token) -> bool:
    return (
        tok.pos_ in ("PROPN", "ADJ", "NOUN")
        and tok.text[:1].isupper()
        and tok.dep_ in ("compound", "amod", "nmod")
        and tok.ent_type_ not in _NOT_SYSTEM_ENTS
        and tok.text.casefold() not in state_words()
    )


def _named_weapon(tok: Token) -> Candidate | None:
    """ "36 Rafale fighter jets" -> rafale: capitalised words before a weapon noun."""
    if tok.lemma_.lower() not in WEAPON_HEADS or tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        return None  # "Rafale fighter jets": the phrase is read at its last noun
    doc, sent = tok.doc, tok.sent
    i = tok.i - 1
    while i >= sent.start and doc[i].pos_ in ("NOUN", "ADJ") and doc[i].text.islower():
        i -= 1  # "Rafale fighter jets", "Patriot air defence batteries"
    name_end = i
    # a sentence's first word is capitalised anyway; "Iris-T" is one name
    while i > sent.start and (
        _name_word(doc[i]) or (doc[i].text == "-" and _name_word(doc[i - 1]))
    ):
        i -= 1
    name = list(doc[i + 1 : name_end + 1])
    if not name or name[0].text == "-" or any(designator_key(t.text) for t in name):
        return None
    if any(t.text.casefold() in _NOT_SYSTEM_NAMES for t in name):
        return None
    key = re.sub(r"[^a-z0-9]+", "-", _phrase(doc, i + 1, name_end + 1).lower()).strip("-")
    if len(key) < 3:
        return None  # a stray capital ("T systems" from a name the tagger split)
    return Candidate(tok.i, _phrase(doc, i + 1, tok.i + 1), key, "weapon")


def _agreement(tok: Token) -> Candidate | None:
    head_class = AGREEMENT_HEADS.get(tok.lemma_.lower())
    if head_class is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    start = tok.left_edge.i
    while start < tok.i and tok.doc[start].pos_ in ("DET", "PRON", "PART", "PUNCT", "ADP"):
        start += 1
    if tok.doc[start].dep_ == "poss":
        start += 1
    while start < tok.i and tok.doc[start].pos_ in ("PART", "PUNCT"):
        start += 1
    topics = _topic_words(tok)
    key = f"{head_class}:{'+'.join(topics)}"
    return Candidate(tok.i, _phrase(tok.doc, start, tok.i + 1), key, "agreement")


def instruments_in(sent: Span) -> list[Candidate]:
    """Every instrument in a sentence, in text order."""
    found: list[Candidate] = []
    for tok in sent:
        for finder in (_weapon, _named_weapon, _named_object, _agreement):
            cand = finder(tok)
            if cand is not None:
                found.append(cand)
                break
    return found
