"""Place names an event's clause gives, read from the syntax when the gazetteer has no entry.

Small towns, ports and islands ("Jermuk", "Bandar Anzali", "Yeonpyeong") are often missing
from the gazetteer or read by the tagger as persons, so the event gets no location. The
frames that say "this is where it happened" do not depend on knowing the name:

- a locative preposition on the trigger or on its object, with a proper name:
  "shelled positions near Kalbajar", "met in Neom", "held exercises off Bandar Anzali";
- a place noun with "of" and a name: "the towns of Jermuk and Goris", "the port of X";
- a name before a place noun: "Yeonpyeong island", "the Murted air base";
- a name as the object of the act ("bombarded Tal Abyad"): kept apart, as `object_places`,
  since only an attack or a seizure happens at its object (`dyad.link.features.place_names`
  decides by the event's code).

Names of states and their people ("Iran", "Iranian") are left out: those the gazetteer
knows, and a country says nothing against a town inside it. The names are words, not
resolved places: `dyad.link.conflicts` compares them only where no resolved location is known.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.link.states import state_words

_LOCATIVE = frozenset({"in", "near", "off", "at", "outside", "around", "inside", "into", "over"})
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "port",
        "island",
        "region",
        "province",
        "district",
        "base",
        "area",
        "border",
        "coast",
        "capital",
        "enclave",
        "airport",
        "harbour",
        "harbor",
    }
)
_NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "NORP", "ORG", "MONEY", "CARDINAL", "ORDINAL"})


def _name_of(head: Token) -> str | None:
    """The proper name a token heads, with its compound parts ("Bandar Anzali")."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper() or head.ent_type_ in _NOT_PLACE_ENTS:
        return None
    start = head.i
    while start - 1 >= head.sent.start and (
        head.doc[start - 1].dep_ == "compound" and head.doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    text = head.doc[start : head.i + 1].text
    if text.casefold() in state_words() or text.casefold().removeprefix("the ") in state_words():
        return None
    return text


def _names(head: Token) -> list[str]:
    """A name and the names conjoined with it ("Jermuk and Goris")."""
    found = [head, *(c for c in head.children if c.dep_ == "conj")]
    return [n for n in (_name_of(t) for t in found) if n]


def _from_noun(noun: Token) -> list[str]:
    """Names given by a place noun: "the towns of Jermuk and Goris", "Yeonpyeong island"."""
    if noun.lemma_.lower() not in PLACE_NOUNS:
        return []
    names: list[str] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    names += _names(obj)
        elif child.dep_ == "compound" and child.i < noun.i:
            name = _name_of(child)
            if name:
                names.append(name)
    return names


def _from_preposition(prep: Token) -> list[str]:
    names: list[str] = []
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        names += _names(obj) or _from_noun(obj)
    return names


def object_places(trigger: Token) -> list[str]:
    """Names of places that are the object of the trigger: "Turkish guns bombarded Tal Abyad"."""
    names: list[str] = []
    for child in trigger.children:
        if child.dep_ == "dobj":
            names += _names(child)
    return list(dict.fromkeys(names))


def place_words(trigger: Token) -> list[str]:
    """Place names the trigger's clause gives for the event, in text order, no repeats."""
    anchors = [trigger] + [
        c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj")
    ]
    names: list[str] = []
    for anchor in anchors:
        names += _from_noun(anchor) if anchor is not trigger else []
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                names += _from_preposition(child)
    return list(dict.fromkeys(names))
