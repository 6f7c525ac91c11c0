"""Predicates from the dependency parse: which tokens trigger which CAMEO code, with which
argument heads.

A `Pred` is found for a verb (with its particles, light-verb object or complement clause), a
predicative adjective ("ready to contribute") or an event noun ("Shoigu's visit to Iran").
Arguments are token heads; mentions.py turns them into actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyad.events.lexicon import COMPOSING_FRAMES, Lexicon, NounEntry, VerbEntry
from dyad.events.mentions import MentionIndex, groups_under

_SKIP_NEAR = frozenset({"nsubj", "nsubjpass", "conj", "cc", "punct", "ccomp", "advcl", "relcl"})
_NEAR_DOWN = frozenset({"prep", "prt", "dobj", "acomp", "oprd", "attr", "xcomp", "npadvmod"})
_WH = frozenset({"which", "who", "that", "whom"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
_DEFAULT_TARGETS = ("dobj", "against", "with", "to", "on", "at", "into", "toward", "towards")
_NOUN_TARGET_PREPS = ("to", "with", "against", "on", "into", "toward", "towards", "over", "for")
_STOP_DEFAULTS = (
    ("045", "165"), ("042", "161"), ("04", "164"), ("05", "160"), ("06", "160"), ("07", "162"),
    ("163", "085"), ("1723", "0813"), ("1724", "0814"), ("17", "081"), ("191", "0872"),
    ("19", "087"), ("15", "0873"),
)  # fmt: skip


@dataclass(slots=True)
class Pred:
    code: str
    tokens: list[Token]  # the words of the trigger ("held" + "talks", "refused" + "supply")
    heads: list[Token]  # clause heads whose negation/modals/markers count for modality
    strength: float
    symmetric: bool
    sources: list[Token]
    targets: list[Token]
    between: list[Token] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    nominal: bool = False
    composed: bool = False
    refine_tok: Token | None = None
    speaker_fallback: Token | None = None  # for pronoun subjects inside reported speech

    @property
    def anchor(self) -> Token:
        return self.tokens[0]


# --- lexical matching ----------------------------------------------------------------------
def near_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in _SKIP_NEAR:
            continue
        out.add(c.lemma_.lower())
        out.add(c.lower_)
        if c.dep_ in _NEAR_DOWN:
            for g in c.children:
                if g.dep_ in ("pobj", "compound", "amod", "dobj", "prt", "prep"):
                    out.add(g.lemma_.lower())
                    out.add(g.lower_)
    return out


def match_verb(tok: Token, lex: Lexicon) -> VerbEntry | None:
    if tok.pos_ != "VERB":
        return None
    entries = lex.verbs.get(tok.lemma_.lower()) or lex.verbs.get(tok.lower_)
    if not entries:
        return None
    near: set[str] | None = None
    for e in entries:  # longest first
        if len(e.words) == 1:
            return e
        near = near if near is not None else near_lemmas(tok)
        if all(w in near for w in e.words[1:]):
            return e
    return None


def match_noun(tok: Token, lex: Lexicon) -> tuple[NounEntry, list[Token]] | None:
    """The event noun starting at `tok` (multi-word entries first)."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None
    doc = tok.doc
    for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
        for e in lex.nouns.get(key, ()):
            n = len(e.words)
            if n == 1:
                if tok.pos_ in ("NOUN", "PROPN"):
                    return e, [tok]
                continue
            seq = doc[tok.i : tok.i + n]
            if len(seq) == n and all(
                w in (t.lemma_.lower(), t.lower_) for w, t in zip(e.words, seq, strict=True)
            ):
                return e, list(seq)
    return None


def class_of(tok: Token, lex: Lexicon) -> str | None:
    for key in (tok.lower_, tok.lemma_.lower()):
        if key in lex.classes:
            return lex.classes[key]
    for c in tok.children:
        if c.dep_ in ("compound", "amod"):
            for key in (f"{c.lower_} {tok.lower_}", f"{c.lemma_.lower()} {tok.lemma_.lower()}"):
                if key in lex.classes:
                    return lex.classes[key]
    for c in tok.children:
        if c.dep_ == "compound":
            for key in (c.lower_, c.lemma_.lower()):
                if key in lex.classes:
                    return lex.classes[key]
    return None


def noun_code(entry: NounEntry, root: Token) -> str | None:
    if entry.code is None:
        return None
    for c in root.children:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            hit = entry.mods.get(c.lemma_.lower()) or entry.mods.get(c.lower_)
            if hit:
                return hit
    return entry.code


def stop_code(entry: NounEntry, code: str) -> str:
    if entry.stop:
        return entry.stop
    for prefix, stop in _STOP_DEFAULTS:
        if code.startswith(prefix):
            return stop
    return "160"


# --- syntax helpers --------------------------------------------------------------------------
def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN"
    )


def pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]


def prep_objects(heads: list[Token], lemma: str) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lemma_.lower() == lemma:
                out.extend(pobjs(c))
    return out


def subjects(v: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The agent heads of a verb: subject, passive agent, or the controller of an infinitive."""
    if depth > 4:
        return []
    if is_passive(v):
        agents = prep_objects([v], "by")
        if agents:
            return agents
        if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
            return []
        return []
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            if c.lower_ in _WH and v.dep_ == "relcl":
                return [v.head]
            if c.dep_ == "expl":
                continue
            return [c]
    if v.dep_ == "relcl":
        return [v.head]
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return [v.head]
    h = v.head
    if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX"):
        return subjects(h, lex, depth + 1)
    if v.dep_ in ("xcomp", "advcl", "pcomp", "acomp", "ccomp") and h.i != v.i:
        if h.pos_ == "ADJ":  # "ready to contribute": the subject of "is"
            return subjects(h.head, lex, depth + 1) if h.head.i != h.i else []
        entry = match_verb(h, lex)
        if v.dep_ == "xcomp" and entry is not None and entry.control_object:
            objs = children(h, "dobj") or prep_objects([h], "on") or prep_objects([h], "upon")
            if objs:
                return objs
        if v.dep_ == "pcomp" and h.pos_ == "ADP":  # "about Russia agreeing"
            return []
        if v.dep_ == "ccomp":
            return []
        return subjects(h, lex, depth + 1)
    return []


def patients(v: Token) -> list[Token]:
    if v.dep_ in ("acl", "relcl") and v.tag_ == "VBN":
        return [v.head]
    return children(v, "nsubjpass")


def direct_object(v: Token) -> Token | None:
    objs = children(v, "dobj")
    if objs:
        return objs[0]
    if is_passive(v):
        pats = patients(v)
        return pats[0] if pats else None
    return None


def has_actor(toks: list[Token], index: MentionIndex) -> bool:
    return any(groups_under(t, index) for t in toks)


def find_targets(
    v: Token, specs: tuple[str, ...], obj: Token | None, obj_is_event: bool, index: MentionIndex
) -> list[Token]:
    heads = [v] + ([obj] if obj is not None else [])
    for spec in specs or _DEFAULT_TARGETS:
        if spec == "dobj":
            cands = [obj] if obj is not None else []
            if obj_is_event:
                cands = []
        elif spec in ("iobj", "dative"):
            cands = []
            for c in children(v, "dative", "iobj"):
                cands.extend(pobjs(c) if c.pos_ == "ADP" else [c])
        else:
            cands = prep_objects(heads, spec)
        if cands and has_actor(cands, index):
            return cands
    # no listed slot names an actor: any participant preposition will do ("vetoed the
    # resolution against Syria")
    for spec in _DEFAULT_TARGETS[1:]:
        cands = prep_objects(heads, spec)
        if cands and has_actor(cands, index):
            return cands
    return []


def complement_of(
    v: Token, preps: tuple[str, ...] = ("to", "on", "for", "upon", "about", "of")
) -> Token | None:
    """The clause or event noun a frame verb governs: "agreed to supply", "demanded that ...",
    "called for sanctions", "demanded the withdrawal"."""
    for c in v.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return c
    for c in v.children:
        if c.dep_ == "prep" and c.lemma_.lower() in preps:
            for g in pobjs(c):
                return g
    for c in v.children:
        if c.dep_ == "dobj":
            return c
    return None


# Heads that only carry an event noun ("a mediation effort", "10 days of war games",
# "part of a military aid programme"): the event is the modifier or the of-object.
LIGHT_HEADS = frozenset(
    {"effort", "mission", "process", "programme", "program", "initiative", "bid", "campaign",
     "operation", "round", "session", "ceremony", "package", "plan", "agreement", "deal"}
)  # fmt: skip
MEASURE_HEADS = frozenset(
    {"day", "week", "month", "year", "round", "series", "number", "part", "wave", "spate",
     "string", "set", "host", "hour", "kind", "form", "resumption", "start", "series"}
)  # fmt: skip


def event_heads(tok: Token) -> list[Token]:
    """The token itself, then the event noun it may carry (compound or of-object)."""
    out = [tok]
    low = tok.lemma_.lower()
    if low in LIGHT_HEADS:
        out.extend(c for c in tok.children if c.dep_ == "compound")
    if low in MEASURE_HEADS or low in LIGHT_HEADS:
        for p in children(tok, "prep"):
            if p.lemma_.lower() == "of":
                for g in pobjs(p):
                    out.append(g)
                    if g.lemma_.lower() in LIGHT_HEADS:
                        out.extend(c for c in g.children if c.dep_ == "compound")
    return out


def sentence_of(tok: Token) -> Span:
    return tok.sent
