"""Where the parse itself says a name is a place.

A name is *strongly* marked when the text calls it a settlement ("the towns of Jermuk and
Goris", "the port of Bandar Anzali", "the Goris district"), *weakly* when it stands where places
stand ("fighting near Kalbajar", "returned to Falluja"). A conjunct shares the mark of the name
it is coordinated with ("the towns of Jermuk and Goris"). The geoparser admits a small town only
under a mark (see `geoparse`), and any gazetteer city after one.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from dyad.places.locate import MOTION_LEMMAS

Mark = Literal["entity", "strong", "weak"]

# Nouns that say the name after "of" (or before them) is a settlement or a district of one.
SETTLEMENT_LEMMAS = frozenset(
    {"town", "city", "village", "port", "hamlet", "settlement", "district", "suburb"}
    | {"outskirts", "province", "region", "county", "municipality", "governorate", "oblast"}
    | {"township", "commune", "prefecture", "enclave", "capital"}
)
# Prepositions after which a proper noun is most often a place ("in", "near").
PLACE_PREPS = frozenset({"in", "near", "outside", "inside", "around", "across", "through"})
_MOTION_PREPS = frozenset({"to", "from", "into"})
# Lower-case words that may sit inside a place name ("Ras al-Ain", "Bandar-e Anzali").
_NAME_PARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "es", "e"})
# Words inside European and Arabic personal names ("Van den Broek", "bin Salman").
_SURNAME_PARTICLES = frozenset({"van", "von", "den", "der", "de", "da", "di", "du", "bin", "ibn"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entity labels a marked name may carry and still be a place: the NER often reads an
# unfamiliar town as a person ("Jermuk", "Ras al-Ain").
_WEAK_LABELS = frozenset({"", "PERSON"})
_MAX_NAME_TOKENS = 6


def place_mark(tok: Token) -> Mark | None:
    """The mark the parse puts on the name whose head is `tok`, if any (not the NER's)."""
    cur = tok
    for _ in range(_MAX_NAME_TOKENS):  # "Jermuk, Goris and Sisian": climb the conjuncts
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            break
        cur = cur.head
    if cur.dep_ in ("compound", "appos") and cur.head.lemma_ in SETTLEMENT_LEMMAS:
        return "strong"  # "the Goris district", "the town, Goris"
    if cur.dep_ != "pobj":
        return None
    prep = cur.head
    word = prep.lower_
    if word == "of" and prep.head.lemma_ in SETTLEMENT_LEMMAS:
        return "strong"
    if word in PLACE_PREPS:
        return "weak"
    if word in _MOTION_PREPS and prep.head.lemma_ in MOTION_LEMMAS:
        return "weak"
    return None


def marked_names(doc: Doc, ents: tuple[Span, ...], taken: set[int]) -> list[tuple[Span, Mark]]:
    """Names the NER or the parse marks as places, over no token of `taken`, in text order.

    A name is a GPE/LOC entity, or the proper nouns ending at a marked head; under a weak mark
    it must carry no entity label but PERSON ("in Congress", an ORG, is no town).
    """
    found: dict[int, tuple[Span, Mark]] = {}
    label_at: dict[int, Span] = {}
    for entity in ents:
        for i in range(entity.start, entity.end):
            label_at[i] = entity
        if entity.label_ in _PLACE_LABELS and _town_like(doc, entity) and _free(entity, taken):
            found[entity.start] = (entity, "entity")
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.i in taken:
            continue
        mark = place_mark(tok)
        if mark is None:
            continue
        ent = label_at.get(tok.i)
        if ent is not None and ent.end - 1 == tok.i and len(ent) <= _MAX_NAME_TOKENS:
            span = _without_the(doc, ent)
            label = ent.label_
        else:
            span = _name_before(doc, tok)
            label = ent.label_ if ent is not None else ""
        if mark == "weak" and label not in _WEAK_LABELS:
            continue
        if not len(span) or not _free(span, taken):
            continue
        if span.start not in found or (mark == "strong" and found[span.start][1] == "entity"):
            found[span.start] = (span, mark)  # "the town of X" says more than the NER's GPE
    return [found[k] for k in sorted(found)]


def _town_like(doc: Doc, entity: Span) -> bool:
    """Whether a GPE/LOC entity, with nothing else to mark it, can name a town: not after
    "the" ("the West") and not the tail of a person's name the NER cut in two ("Hans Van den
    Broek" read as PERSON "Hans Van" and GPE "Broek")."""
    if entity.start == 0:
        return True
    before = doc[entity.start - 1]
    if doc[entity.start].lower_ == "the" or before.lower_ == "the":
        return False
    return before.ent_type_ != "PERSON" and before.lower_ not in _SURNAME_PARTICLES


def _without_the(doc: Doc, span: Span) -> Span:
    start = span.start + 1 if doc[span.start].lower_ == "the" else span.start
    return doc[start : span.end]


def _free(span: Span, taken: set[int]) -> bool:
    return not any(i in taken for i in range(span.start, span.end))


def _name_before(doc: Doc, tok: Token) -> Span:
    """The proper noun `tok` ends: capitalised words, particles and hyphens before it."""
    start = tok.i
    while start > 0 and tok.i - start < _MAX_NAME_TOKENS - 1:
        prev = doc[start - 1]
        capital = prev.pos_ == "PROPN" and prev.text[:1].isupper()
        inner = prev.text == "-" or prev.lower_ in _NAME_PARTICLES
        if not (capital or (inner and start - 1 > 0)):
            break
        start -= 1
    while start < tok.i and not doc[start].text[:1].isupper():
        start += 1  # a name starts with a capital, not a particle or a hyphen
    return doc[start : tok.i + 1]
