"""Is a capital or a building a place here ("a conference in Moscow") or an actor ("Moscow
refused")? Decided from the dependency parse around the name."""

from __future__ import annotations

from spacy.tokens import Doc, Token

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within",
     "via", "through", "between", "beyond", "nearby", "off"}
)  # fmt: skip
DIRECTION_PREPS = frozenset({"to", "from", "into", "towards", "toward", "for", "onto"})
MOTION_LEMMAS = frozenset(
    {"visit", "travel", "trip", "journey", "fly", "go", "come", "arrive", "return", "head",
     "move", "flee", "relocate", "embark", "drive", "sail", "deploy", "leave", "depart",
     "flight", "arrival", "way", "road", "route", "tour", "bring", "take", "send",
     "transfer", "ship", "evacuate", "escape", "commute", "set", "land", "redeploy",
     "train", "bus", "railway", "rail", "ferry", "plane", "highway", "ride", "voyage"}
)  # fmt: skip
VISIT_LEMMAS = frozenset({"visit", "tour", "leave", "enter", "reach", "flee", "evacuate"})
PLACE_NOUNS = frozenset(
    {
        "capital",
        "city",
        "town",
        "heart",
        "centre",
        "center",
        "outskirts",
        "streets",
        "street",
        "suburb",
        "suburbs",
        "region",
        "downtown",
    }
)


def span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose syntactic head lies outside the span."""
    for i in range(end - 1, start - 1, -1):
        tok = doc[i]
        if tok.head.i < start or tok.head.i >= end or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def is_place(doc: Doc, start: int, end: int, role_after: bool) -> tuple[bool, str]:
    """(True, why) when the name at doc[start:end] is used as a location, not as an actor."""
    if end + 1 < len(doc) and doc[end].text in {"-", "–"} and doc[end + 1].lower_ == "based":
        return True, "'-based' names a location"
    if end < len(doc) and doc[end].lower_ in {"-based", "based"}:
        return True, "'-based' names a location"
    head = span_head(doc, start, end)
    if head.dep_ == "poss" or (end < len(doc) and doc[end].lower_ in {"'s", "’s"}):
        return False, "possessive: the government"
    if head.dep_ in {"nsubj", "nsubjpass", "agent"}:
        return False, f"subject of '{head.head.text}'"
    if head.dep_ == "dobj" and head.head.lemma_.lower() in VISIT_LEMMAS:
        return True, f"object of '{head.head.text}': a destination"
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None and start > 0:
        # the parser sometimes attaches the name elsewhere; trust the word right before it
        before = doc[start - 1]
        if before.lower_ == "the" and start > 1:
            before = doc[start - 2]
        if before.pos_ == "ADP":
            prep = before
    if prep is not None:
        word = prep.lower_
        if word in LOCATIVE_PREPS:
            return True, f"after the locative preposition '{prep.text}'"
        if word == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True, f"'{prep.head.text} of' names a place"
        if word in DIRECTION_PREPS:
            governor = prep.head
            siblings = {c.lower_ for c in governor.children if c.dep_ == "prep"}
            if word in {"from", "to"} and {"from", "to"} <= siblings:
                return True, f"'from ... to ...' after '{governor.text}' names a route"
            if governor.lemma_.lower() in MOTION_LEMMAS:
                return True, f"'{governor.text} {prep.text}' names a destination or origin"
            return False, f"'{prep.text}' after '{governor.text}' names a party"
        return False, f"object of '{prep.text}'"
    if head.dep_ == "appos" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True, "apposition to a place noun"
    if (
        end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].ent_type_ == "GPE"
        and doc[end + 1].pos_ == "PROPN"
        and head.dep_ not in {"nsubj", "nsubjpass"}
    ):
        return True, "'City, Country' names a place"
    if head.dep_ in {"compound", "amod", "nmod"} and not role_after:
        return True, f"modifies '{head.head.text}', not an actor"
    if head.dep_ == "npadvmod":
        return True, "adverbial place"
    return False, f"{head.dep_} of '{head.head.text}'"
