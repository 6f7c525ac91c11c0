"""Find place mentions in a parsed document and resolve each to one gazetteer entry.

Mentions come from a direct gazetteer match over the tokens (longest name first), checked
against spaCy's entities: a GPE/LOC/FAC entity vouches for a match; a match with no entity
must look like a proper noun and name something well known; a match inside a PERSON or ORG
entity ("Jordan Henderson", "University of Tehran") is not a place. Hyphenated forms split
into their parts ("the Paris-based court", "Tehran-Moscow honeymoon").

Ambiguous names are resolved by a score: a prior by kind, population and (against a namesake
abroad) fame, plus context from the document's countries (`doc_countries` and the other places
found), neighbouring countries, an explicit qualifier ("Paris, Texas") and cue words ("the state
of Georgia").

Towns below the gazetteer's population floor (`dyad.places.towns`) are admitted only where the
NER or the parse marks the name as a place ("the towns of Jermuk and Goris", "near Kalbajar")
and only in a country the document names; an unmarked name keeps the floor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from dyad.model import Place
from dyad.places.gazetteer import (
    DEFAULT_MIN_POPULATION,
    Candidate,
    GazEntry,
    Gazetteer,
    load_gazetteer,
    name_key,
)
from dyad.places.marks import marked_names, place_mark
from dyad.places.towns import load_towns, loose_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels under which a well-known place name still counts as a place when the entity
# is exactly the name: NER often reads a capital standing for its government as an ORG, and
# sometimes an unfamiliar spelling ("Kiev") as a PERSON, or a town ("Samarra") as a NORP. A
# NORP used as a modifier ("Thai military sources") is a demonym, whatever town shares it.
_METONYM_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
# A place name before one of these names a document or a club, not a place ("the Paris
# agreement", "the Minsk accords", "the Kyoto Protocol").
_DOCUMENT_NOUNS = frozenset(
    {"agreement", "agreements", "accord", "accords", "protocol", "convention", "conventions"}
    | {"treaty", "declaration", "format", "syndrome", "club"}
)
# Lower-case words allowed inside a name after its first word ("Kherson region").
_GENERIC_WORDS = frozenset({"region", "province", "oblast", "governorate", "state", "river"})
_PERSON_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "president", "senator", "sen", "rep", "governor", "gov"}
    | {"general", "gen", "king", "queen", "prince", "princess", "pope", "sheikh", "minister"}
    | {"chancellor", "premier", "secretary", "judge", "justice", "ambassador", "envoy"}
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_TITLE_WORDS = frozenset(
    {
        "mayor",
        "president",
        "minister",
        "governor",
        "city",
        "province",
        "region",
        "state",
        "government",
        "officials",
        "police",
        "army",
        "airport",
        "university",
        "port",
        "river",
    }
)
_NOT_NAMES = frozenset({"VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM", "PART"})
_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "de",
        "del",
        "des",
        "la",
        "le",
        "les",
        "el",
        "al",
        "ad",
        "ar",
        "as",
        "ash",
        "az",
        "ez",
        "es",
        "au",
        "aux",
        "en",
        "sur",
        "am",
        "an",
        "der",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "upon",
        "on",
        "-",
        "'s",
    ]
)
# A city this large (or a capital) is "well known": matched even without NER support.
DIRECT_MIN_POPULATION = 50000
_STRONG_POPULATION = 1_000_000

_PRIOR_AREA = 8.0  # countries, seas and regions
_PRIOR_ADMIN = 6.0
_CAPITAL_BONUS = 0.5
# A world city (one with names in dozens of languages) gets up to this much over a namesake the
# world does not write about, enough that a document's country alone ("the United States and
# Iran met in Geneva") does not move it to a small town; a qualifier or a named state does.
_FAME_BONUS = 1.0
_FAME_MIN_NAMES = 10
_FAME_FULL_NAMES = 50
_ALTERNATE_PENALTY = 0.5
_SHADOWED_ADMIN_PENALTY = 2.0  # "Washington" the state loses to Washington the city
_CONTEXT_BONUS = 1.5
_ADMIN_CONTEXT_BONUS = 2.5
_ADMIN_OF_CITY_BONUS = 1.0
_NEIGHBOUR_BONUS = 0.75
_QUALIFIER_BONUS = 3.0
_CUE_BONUS = 3.0
_ADMIN_CUES = frozenset({"state", "governor", "senator", "senators", "legislature"})


@dataclass(frozen=True, slots=True)
class _Match:
    start: int  # token indices, end exclusive
    end: int
    key: str
    candidates: tuple[Candidate, ...]


def find_places(
    doc: Doc,
    doc_countries: frozenset[str] = frozenset(),
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    direct_min_population: int = DIRECT_MIN_POPULATION,
    small_towns: bool = True,
) -> list[Place]:
    """Every place mention in `doc`, resolved, in text order.

    `doc_countries` are ISO3 codes the document is known to be about (from the actor layer);
    they break ties between places of the same name. `min_population` selects the gazetteer's
    city threshold; `direct_min_population` is the size a city needs to be matched where the
    NER did not tag it. `small_towns` admits towns below the threshold where the parse marks
    them as places (the town index is built on the first document that needs it).
    """
    gaz = load_gazetteer(min_population)
    ents = tuple(doc.ents)  # doc.ents builds new spans on every access
    found = _scan(doc, gaz)
    starts = {m.start for m in found}
    # Countries of the names the NER vouches for: context for the doubtful ones.
    context = doc_countries | frozenset(
        c.entry.country
        for m in found
        if len(m.candidates) == 1 and _place_entity(ents, m)
        for c in m.candidates
        if c.entry.country
    )
    matches = [
        m for m in found if _accept(doc, ents, m, gaz, direct_min_population, context, starts)
    ]
    # Demonyms ("Lebanese officials") say which countries the text is about.
    said = frozenset(
        gaz.demonyms[t.lower_] for t in doc if t.text[:1].isupper() and t.lower_ in gaz.demonyms
    )
    chosen = _resolve(doc, matches, gaz, doc_countries | said)
    towns: list[tuple[_Match, GazEntry]] = []
    if small_towns:
        chosen = _qualified_towns(doc, matches, chosen, min_population)
        named = context | said | {e.country for e in chosen if e.country}
        towns = _town_matches(doc, ents, found, matches, gaz, named, min_population)
    pairs = sorted([*zip(matches, chosen, strict=True), *towns], key=lambda p: p[0].start)
    places: list[Place] = []
    for m, entry in pairs:
        span = doc[m.start : m.end]
        places.append(
            Place(
                name=entry.name,
                country=entry.country,
                lat=round(entry.lat, 4),
                lon=round(entry.lon, 4),
                feature=entry.feature,
                text=span.text,
                char_start=span.start_char,
                char_end=span.end_char,
            )
        )
    return places


def place_json(p: Place) -> dict[str, Any]:
    """The event JSON `location` object, with the mention's text and offsets added."""
    out = p.to_json()
    out.update({"text": p.text, "char_start": p.char_start, "char_end": p.char_end})
    return out


# --- finding mentions -----------------------------------------------------------------------


def _scan(doc: Doc, gaz: Gazetteer) -> list[_Match]:
    """Longest gazetteer names, left to right, that look like names in the text."""
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    out: list[_Match] = []
    i, n = 0, len(doc)
    while i < n:
        found = None
        word = texts[i]
        # a name starts with a capital (checked again in _looks_like_name): test it first,
        # it is far cheaper than building the lookup key of every word
        if word[:1].isupper() and name_key(word).split(" ", 1)[0] in gaz.first_words:
            for length in range(min(gaz.max_words, n - i), 0, -1):
                if not texts[i + length - 1][:1].isalnum():
                    continue
                j = i + length
                surface = "".join(texts[k] + spaces[k] for k in range(i, j - 1)) + texts[j - 1]
                key = name_key(surface)
                cands = gaz.index.get(key)
                if cands and _looks_like_name(doc, doc[i:j], key, gaz):
                    found = _Match(i, j, key, cands)
                    break
        if found is None or word.lower() == "the":
            i += 1
            continue
        if i > 0 and texts[i - 1].lower() == "the" and _names_with_the(found):
            found = _Match(i - 1, found.end, found.key, found.candidates)  # "The Hague"
        out.append(found)
        i = found.end
    return out


def _names_with_the(m: _Match) -> bool:
    return any(c.entry.name.lower().startswith("the ") for c in m.candidates)


def _looks_like_name(doc: Doc, span: Span, key: str, gaz: Gazetteer) -> bool:
    if not span[0].text[:1].isupper():
        return False
    for k, tok in enumerate(span):
        if tok.is_alpha and not tok.text[0].isupper():
            if tok.lower_ in _CONNECTORS or (k > 0 and tok.lower_ in _GENERIC_WORDS):
                continue
            return False
    if key in gaz.upper_keys and not all(t.text.isupper() or not t.is_alpha for t in span):
        return False
    if key not in gaz.upper_keys and span.text.isupper() and not _in_capitals(doc, span):
        return False  # an acronym ("ILO"), not a name in a headline set in capitals
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in _DOCUMENT_NOUNS or after in gaz.noun_senses.get(key, ()):
        return False
    if key in gaz.needs_the:
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before != "the" or after == "of":
            return False
    return True


def _in_capitals(doc: Doc, span: Span) -> bool:
    """Whether the words around `span` are set in capitals too, as in a headline."""
    near = [t for t in doc[max(span.start - 2, 0) : span.end + 2] if t.is_alpha and len(t) > 1]
    return sum(t.text.isupper() for t in near) > len(span)


def _place_entity(ents: tuple[Span, ...], m: _Match) -> bool:
    return any(e.label_ in PLACE_LABELS and e.start < m.end and m.start < e.end for e in ents)


def _is_based(doc: Doc, m: _Match) -> bool:
    """'Paris-based', 'Moscow-based': a place name as the seat of what follows."""
    return m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ == "based"


def _big_enough(cands: tuple[Candidate, ...], min_population: int) -> bool:
    return any(
        c.entry.feature != "city" or c.entry.capital or c.entry.population >= min_population
        for c in cands
    )


def _person_evidence(doc: Doc, ents: tuple[Span, ...], m: _Match) -> bool:
    """Signs that a name tagged PERSON is a person: a fuller PERSON name with the same word
    elsewhere ("Jordan Henderson ... Jordan said") or a personal pronoun later in the sentence."""
    word = doc[m.start].text
    for ent in ents:
        if ent.start < m.end and m.start < ent.end:
            continue  # the entity of this very name
        if ent.label_ == "PERSON" and len(ent) > 1 and any(t.text == word for t in ent):
            return True
    sent_end = doc[m.start].sent.end
    return any(t.lower_ in _PERSONAL_PRONOUNS for t in doc[m.end : sent_end])


def _followed_by_surname(doc: Doc, m: _Match, starts: set[int]) -> bool:
    """'Israel Adesanya', 'India Hicks': a given-name place followed by a surname."""
    if m.end >= len(doc):
        return False
    nxt = doc[m.end]
    return (
        nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and nxt.lower_ not in _TITLE_WORDS
        and nxt.i not in starts
    )


def _after_title(doc: Doc, m: _Match) -> bool:
    """'President Bush', 'Mr Paris': a town's name used as a surname after a title."""
    if m.start == 0 or doc[m.start - 1].lower_.rstrip(".") not in _PERSON_TITLES:
        return False
    return all(c.entry.feature == "city" for c in m.candidates)


def _paired_with_person(doc: Doc, m: _Match) -> bool:
    """'Chad and Jessica married': a given-name place coordinated with a person."""
    tok = doc[m.start]
    linked = [tok.head] if tok.dep_ == "conj" else []
    linked += [c for c in tok.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)


def _accept(
    doc: Doc,
    ents: tuple[Span, ...],
    m: _Match,
    gaz: Gazetteer,
    direct_min_population: int,
    context: frozenset[str],
    starts: set[int],
) -> bool:
    if m.key in gaz.person_keys and (
        _followed_by_surname(doc, m, starts) or _paired_with_person(doc, m)
    ):
        return False
    if _after_title(doc, m):
        return False
    # An entity running over a verb is a broken one ("Citizens of Kiev queued"): ignore it.
    overlapping = [
        e
        for e in ents
        if e.start < m.end and m.start < e.end and not any(t.pos_ in ("VERB", "AUX") for t in e)
    ]
    if any(e.label_ in PLACE_LABELS for e in overlapping):
        return True
    # Beyond here only the gazetteer vouches for the name: a common word, or a name known
    # only as some city's foreign spelling ("Irna" for Salerno), is not enough.
    if m.key in gaz.stop_keys or all(c.alternate for c in m.candidates):
        return False
    others = [e for e in overlapping if e.label_ not in PLACE_LABELS]
    if others:
        if _is_based(doc, m):
            return True
        # Each entity must be the name itself or a part of it ("Kursk" of "Kursk region",
        # "Rostov" and "Don" of "Rostov-on-Don"); one running past the name is another thing.
        for ent in others:
            ent_start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
            ent_end = ent.end - 1 if doc[ent.end - 1].tag_ == "POS" else ent.end
            if ent_start < m.start or ent_end > m.end or ent.label_ not in _METONYM_LABELS:
                return False
        ent = next((e for e in others if e.label_ == "PERSON"), others[0])
        if not _big_enough(m.candidates, _min_size(doc, m, direct_min_population)):
            return False
        if ent.label_ == "NORP":
            as_noun = doc[m.end - 1].dep_ not in ("amod", "compound", "nmod")
            return as_noun or any(c.entry.feature != "city" for c in m.candidates)
        if ent.label_ == "PERSON":
            # The NER reads it as a person: believe that only if the text agrees.
            supported = any(
                c.entry.country in context or _near(gaz, c.entry.country, context)
                for c in m.candidates
            )
            if supported:
                return True
            if _person_evidence(doc, ents, m):
                return False
            # A lone given name is a place only if it names somewhere well known.
            return m.key not in gaz.person_keys or _big_enough(m.candidates, _STRONG_POPULATION)
        return True
    # No entity at all: the NER missed it, or it is not a name.
    first = doc[m.start]
    propn = first.pos_ == "PROPN" or (not first.is_sent_start and first.pos_ not in _NOT_NAMES)
    if not propn and not _is_based(doc, m):
        return False
    return _big_enough(m.candidates, _min_size(doc, m, direct_min_population))


def _min_size(doc: Doc, m: _Match, direct_min_population: int) -> int:
    """The population a city needs to count without NER support: any city of the gazetteer
    where the parse marks a place ("fighting near Avdiivka", "the towns of Jermuk and Goris"),
    a larger one elsewhere."""
    return 0 if place_mark(doc[m.start : m.end].root) is not None else direct_min_population


def _near(gaz: Gazetteer, country: str | None, context: frozenset[str]) -> bool:
    return country is not None and any(country in gaz.neighbours.get(c, ()) for c in context)


# --- small towns -------------------------------------------------------------------------------


def _town_matches(
    doc: Doc,
    ents: tuple[Span, ...],
    found: list[_Match],
    matches: list[_Match],
    gaz: Gazetteer,
    named: frozenset[str],
    min_population: int,
) -> list[tuple[_Match, GazEntry]]:
    """Names the parse or the NER marks as places that the main gazetteer did not take: a town
    below its population floor ("the towns of Jermuk and Goris"), or a city known only under
    an alternate spelling ("the port of Bandar Anzali"). Kept only in a country the document
    names, or, under a strong mark ("the town of X"), a neighbour of one.
    """
    if not named:
        return []
    # Tokens of accepted matches, and of rejected ones under a name of their own (a person
    # called "Jordan" stays rejected); a spelling known only as an alternate may be retried.
    taken = {
        i
        for m in found
        if m in matches or not all(c.alternate for c in m.candidates)
        for i in range(m.start, m.end)
    }
    near = frozenset(n for c in named for n in gaz.neighbours.get(c, frozenset()))
    out: list[tuple[_Match, GazEntry]] = []
    for span, mark in marked_names(doc, ents, taken):
        key = name_key(span.text)
        if key in gaz.stop_keys or (key in gaz.person_keys and mark == "weak"):
            continue
        if any(not c.alternate for c in gaz.index.get(key, ())):
            continue  # a name of the main gazetteer: its own rules took or refused it
        strong = mark == "strong"
        # A town's alternate names hold common words ("Victory" for a Juneau in Wisconsin):
        # a one-word alternate counts only where the text calls the name a town.
        alternates = strong or len(span.text.split()) > 1
        entry = _town_entry(
            span.text, gaz, named, near if strong else frozenset(), min_population, alternates
        )
        if entry is not None:
            out.append((_Match(span.start, span.end, key, ()), entry))
    return out


def _town_entry(
    text: str,
    gaz: Gazetteer,
    named: frozenset[str],
    near: frozenset[str],
    min_population: int,
    alternates: bool,
) -> GazEntry | None:
    """The most populous place called `text` in a named country, else in a neighbour of one;
    towns only under their own name unless `alternates`."""
    entries = [c.entry for c in gaz.lookup(text) if c.entry.feature == "city"]
    if not any(e.country in named for e in entries):
        # Only now build (once) the index of small towns: most documents never need it.
        key = loose_key(text)
        entries += [
            e
            for e in load_towns(min_population).lookup(text)
            if alternates or loose_key(e.name) == key
        ]
    best: tuple[int, int, GazEntry] | None = None
    for e in entries:
        rank = 2 if e.country in named else 1 if e.country in near else 0
        if rank and (best is None or (rank, e.population) > best[:2]):
            best = (rank, e.population, e)
    return best[2] if best else None


def _qualified_towns(
    doc: Doc, matches: list[_Match], chosen: list[GazEntry], min_population: int
) -> list[GazEntry]:
    """'Geneva, New York': a name qualified by a state or country that none of the gazetteer's
    places of that name lies in is the town of that name there, if the town index has one. A
    later bare mention of the name is the same town."""
    towns: dict[str, GazEntry] = {}
    for k, (m, entry) in enumerate(zip(matches, chosen, strict=True)):
        q = _qualifier(doc, matches, k)
        if q is None or entry.feature != "city" or _qualifies(entry, q):
            continue
        named = load_towns(min_population).lookup(doc[m.start : m.end].text)
        there = [e for e in named if _qualifies(e, q)]
        if there:
            towns[m.key] = max(there, key=lambda e: e.population)
    if not towns:
        return chosen
    return [towns.get(m.key, e) for m, e in zip(matches, chosen, strict=True)]


# --- resolving ambiguous names ----------------------------------------------------------------


def _prior(c: Candidate, cands: tuple[Candidate, ...]) -> float:
    e = c.entry
    if e.feature in ("country", "sea", "region", "venue"):
        score = _PRIOR_AREA
    elif e.feature == "admin":
        score = _PRIOR_ADMIN
        if any(
            o.entry.feature == "city"
            and o.entry.country == e.country
            and o.entry.population >= 100_000
            for o in cands
        ):
            score -= _SHADOWED_ADMIN_PENALTY
    else:
        score = math.log10(max(e.population, 10)) + (_CAPITAL_BONUS if e.capital else 0.0)
        if any(o.entry.feature == "city" and o.entry.country != e.country for o in cands):
            score += _FAME_BONUS * _fame(e.names)  # only against a namesake abroad
    return score - (_ALTERNATE_PENALTY if c.alternate else 0.0)


def _fame(names: int) -> float:
    """0 for a town known by a handful of names, rising to 1 for a world city."""
    spread = (names - _FAME_MIN_NAMES) / (_FAME_FULL_NAMES - _FAME_MIN_NAMES)
    return min(max(spread, 0.0), 1.0)


def _best(cands: tuple[Candidate, ...], scores: list[float]) -> GazEntry:
    best = max(range(len(cands)), key=lambda k: (scores[k], cands[k].entry.population))
    return cands[best].entry


def _resolve(
    doc: Doc, matches: list[_Match], gaz: Gazetteer, doc_countries: frozenset[str]
) -> list[GazEntry]:
    priors = [[_prior(c, m.candidates) for c in m.candidates] for m in matches]
    base = set(doc_countries)
    # What each distinct name most likely is before context; a name's context is everything
    # the *other* names say, so a name cannot vouch for itself.
    first: dict[str, list[GazEntry]] = {}
    for m, p in zip(matches, priors, strict=True):
        first.setdefault(m.key, []).append(_best(m.candidates, p))
    contexts: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for key in first:
        others = [e for k, es in first.items() if k != key for e in es]
        ctx = base | {e.country for e in others if e.country}
        ctx_admin = {e.admin1 for e in others if e.country == "USA" and e.admin1}
        near = {n for c in ctx for n in gaz.neighbours.get(c, frozenset())}
        contexts[key] = (ctx, ctx_admin, near)

    chosen: list[GazEntry] = []
    qualified: dict[str, GazEntry] = {}
    for k, m in enumerate(matches):
        ctx, ctx_admin, near = contexts[m.key]
        qualifier = _qualifier(doc, matches, k)
        cue = _cue(doc, m)
        scores: list[float] = []
        for c, prior in zip(m.candidates, priors[k], strict=True):
            e = c.entry
            score = prior
            if e.country in ctx:
                score += _ADMIN_CONTEXT_BONUS if e.feature == "admin" else _CONTEXT_BONUS
            elif e.country in near:
                score += _NEIGHBOUR_BONUS
            if e.admin1 and e.country == "USA" and e.admin1 in ctx_admin:
                score += _ADMIN_OF_CITY_BONUS if e.feature == "admin" else _CONTEXT_BONUS
            if qualifier is not None and _qualifies(e, qualifier):
                score += _QUALIFIER_BONUS
            if cue and e.feature == "admin":
                score += _CUE_BONUS
            scores.append(score)
        best = _best(m.candidates, scores)
        if qualifier is not None and _qualifies(best, qualifier):
            qualified[m.key] = best
        chosen.append(best)
    # One sense per document: once "Paris, Texas" is spelled out, a later "Paris" is the same.
    return [qualified.get(m.key, e) for m, e in zip(matches, chosen, strict=True)]


def _qualifier(doc: Doc, matches: list[_Match], k: int) -> _Match | None:
    """The match right after "<name>," ("Paris, Texas"; "Tripoli, Lebanon"), if any."""
    m = matches[k]
    if k + 1 < len(matches) and m.end < len(doc) and doc[m.end].text == ",":
        nxt = matches[k + 1]
        gap = doc[m.end + 1 : nxt.start]
        if nxt.start > m.end and all(t.lower_ == "the" for t in gap):
            return nxt
    return None


def _qualifies(e: GazEntry, q: _Match) -> bool:
    for c in q.candidates:
        if c.entry.feature == "country" and c.entry.country == e.country:
            return True
        # US states carry a code to compare; other regions only their country.
        if (
            c.entry.feature == "admin"
            and c.entry.country == e.country
            and e.feature == "city"
            and (c.entry.admin1 is None or e.admin1 == c.entry.admin1)
        ):
            return True
    return False


def _cue(doc: Doc, m: _Match) -> bool:
    """'the state of Georgia', 'the governor of Georgia': a first-level region, not a country."""
    if m.start >= 2 and doc[m.start - 1].lower_ == "of":
        return doc[m.start - 2].lower_ in _ADMIN_CUES
    return False
