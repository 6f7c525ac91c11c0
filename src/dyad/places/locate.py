"""Where an event happened: the place the dependency parse ties to the event's clause.

A place is the event's location when it is governed by a locative preposition attached within
the trigger's clause ("held talks in Tehran", "exercises in the Caspian Sea", "a lawsuit at
the court in Geneva"), when it is the destination of a visit or a journey ("visit to Tehran",
"travelled to Iran"), or when it is the seat of a venue that takes part in the event ("the
Paris-based court ruled"). A place that is an argument of the verb by itself ("Moscow
refused", "signed an agreement with Iran") is an actor, not a location.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.model import Place

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "off",
        "inside",
        "outside",
        "across",
        "within",
        "throughout",
        "around",
        "into",
        "along",
        "aboard",
        "through",
    }
)
DIRECTION_PREPS = frozenset({"to", "toward", "towards"})
# Verbs and nouns of motion whose destination ("to X") is where the event takes place.
MOTION_LEMMAS = frozenset(
    {
        "visit",
        "send",
        "ship",
        "travel",
        "trip",
        "fly",
        "flight",
        "arrive",
        "arrival",
        "go",
        "come",
        "return",
        "head",
        "journey",
        "tour",
        "deploy",
        "deployment",
        "dispatch",
        "sail",
        "move",
        "march",
        "advance",
        "flee",
        "relocate",
        "voyage",
        "mission",
        "delegation",
        "pilgrimage",
        "expedition",
    }
)
# Verbs whose direct object is the place they take the subject to.
VISIT_LEMMAS = frozenset({"visit", "tour", "enter", "reach", "invade", "occupy"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
# Nouns through which "of" still leads to the place: "the coast of Somalia", "the city of Aleppo".
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "capital",
        "village",
        "province",
        "region",
        "district",
        "state",
        "country",
        "area",
        "coast",
        "shore",
        "waters",
        "outskirts",
        "suburb",
        "suburbs",
        "port",
        "island",
        "islands",
        "heart",
        "centre",
        "center",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "part",
        "streets",
        "border",
        "sector",
        "section",
        "quarter",
        "neighbourhood",
        "neighborhood",
        "zone",
        "enclave",
        "camp",
        "county",
        "governorate",
    }
)
# Dependencies that start a new clause: a place attached beyond one belongs to another event.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis", "ROOT"})
_SPAN_DEPS = frozenset({"appos", "conj", "compound", "nmod", "amod"})
# Words of agreeing, planning, offering and threatening. The action of their infinitive ("agreed
# to build two units at the Bushehr plant", "a deal to build reactors at Bushehr", "threatened
# to strike targets in Syria") is still to come: where it would happen is not where the
# agreement, the plan or the threat was made.
INTENT_LEMMAS = frozenset(
    {"agree", "agreement", "deal", "contract", "accord", "plan", "promise", "pledge", "vow"}
    | {"offer", "propose", "proposal", "threaten", "threat", "refuse", "decline", "decide"}
    | {"decision", "intend", "seek", "want", "hope", "aim", "ask", "urge", "invite", "bid"}
    | {"invitation", "commit", "commitment", "undertake", "consent", "request", "demand"}
)
_INFINITIVE_DEPS = frozenset({"xcomp", "acl"})
# Nouns of meeting: the parser often hangs "after talks in Beijing" or "at a summit in Al-Ula"
# on the infinitive, but the agreement was made there.
MEETING_LEMMAS = frozenset(
    {"talk", "talks", "summit", "meeting", "conference", "negotiation", "negotiations"}
    | {"ceremony", "session", "visit", "trip", "forum", "round", "gathering"}
)


def location_for_event(doc: Doc, trigger_i: int, places: list[Place]) -> Place | None:
    """The place where the event whose trigger is token `trigger_i` happened, or None."""
    trigger = doc[trigger_i]
    sent = trigger.sent
    clause = _clause_head(trigger)
    best: tuple[int, int, Place] | None = None
    for place in places:
        if place.char_start is None or place.char_end is None:
            continue
        if place.char_start < sent.start_char or place.char_end > sent.end_char:
            continue
        span = doc.char_span(place.char_start, place.char_end, alignment_mode="expand")
        if span is None:
            continue
        anchor = _anchor(span.root, over_ok=place.feature == "sea")
        if anchor is None or _clause_head(anchor).i != clause.i:
            continue
        if _in_intended_action(anchor, trigger):
            continue
        rank = (_distance(anchor, trigger), abs(span.start - trigger_i), place)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def _clause_head(tok: Token) -> Token:
    cur = tok
    while cur.dep_ not in CLAUSE_DEPS and not (cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")):
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


def _in_intended_action(anchor: Token, trigger: Token) -> bool:
    """Whether `anchor` lies in the infinitive of a word of intent ("agreed to build ... at
    Bushehr") that the trigger is not part of: the place is where the intended action would
    be, not where the event happened. A meeting the place is attached to ("agreed ... after
    talks in Beijing") is where the event happened, whatever the parser hangs it on."""
    if anchor.lemma_ in MEETING_LEMMAS:
        return False
    cur = anchor
    while cur.dep_ not in CLAUSE_DEPS and cur.head.i != cur.i:
        if cur.i == trigger.i:
            return False
        if (
            cur.dep_ in _INFINITIVE_DEPS
            and cur.pos_ in ("VERB", "AUX")
            and cur.head.lemma_ in INTENT_LEMMAS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
            and trigger not in cur.subtree
        ):
            return True
        cur = cur.head
    return False


def _anchor(root: Token, *, over_ok: bool = False) -> Token | None:
    """The token a place mention is attached to as a location, or None if it is not one.

    `over_ok`: "over" is locative for seas ("a patrol over the Sea of Japan") but elsewhere it
    mostly names a topic ("a dispute over Crimea").
    """
    cur = root
    via_place_noun = False
    for _ in range(8):  # bounded: chains like "the port of the city of X" are short
        while cur.dep_ in _SPAN_DEPS and cur.head.i != cur.i and cur.head.pos_ in ("PROPN", "NOUN"):
            if cur.dep_ == "amod" and cur.head.pos_ != "PROPN":
                break
            cur = cur.head
        if cur.dep_ == "npadvmod" and cur.head.lemma_ == "base" and cur.head.head.i != cur.head.i:
            return cur.head.head  # "the Paris-based court": the court sits in Paris
        if cur.dep_ in _OBJECT_DEPS and cur.head.pos_ in ("VERB", "AUX"):
            # "shelled districts of Aleppo": a place noun as the object is where it happened;
            # "visited Seoul": the object of a visit is its destination. A subject ("the city
            # of Aleppo condemned") is an actor.
            if via_place_noun or (cur.dep_ == "dobj" and cur.head.lemma_ in VISIT_LEMMAS):
                return cur.head
            return None
        if cur.dep_ != "pobj":
            return None
        prep = cur.head
        word = prep.lower_
        if word == "of" and prep.head.lemma_ in PLACE_NOUNS:
            cur = prep.head
            via_place_noun = True
            continue
        if word in LOCATIVE_PREPS or (word == "over" and over_ok):
            return prep.head
        if word in DIRECTION_PREPS and prep.head.lemma_ in MOTION_LEMMAS:
            return prep.head
        return None
    return None


def _distance(a: Token, b: Token) -> int:
    """Tree distance between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in index_b:
            return k + index_b[t.i]
    return len(up_a) + len(up_b)
