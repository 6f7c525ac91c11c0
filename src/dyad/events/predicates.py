"""Predicates from the dependency parse: which tokens trigger which CAMEO code, with which
argument heads.

A `Pred` is found for a verb (with its particles, light-verb object or complement clause), a
predicative adjective ("ready to contribute") or an event noun ("Shoigu's visit to Iran").
Arguments are token heads; mentions.py turns them into actors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from dyad.events.lexicon import Lexicon, NounEntry, VerbEntry
from dyad.events.mentions import MentionIndex, groups_under
from dyad.events.places import place_candidates, place_group

_SKIP_NEAR = frozenset({"nsubj", "nsubjpass", "conj", "cc", "punct", "ccomp", "advcl", "relcl"})
_NEAR_DOWN = frozenset({"prep", "prt", "dobj", "acomp", "oprd", "attr", "xcomp", "npadvmod"})
_WH = frozenset({"which", "who", "that", "whom"})
_NOUN_SLOTS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})
_DEFAULT_TARGETS = ("dobj", "against", "with", "to", "on", "at", "into", "toward", "towards")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "into", "toward", "towards", "over", "for")
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
    absorbed_negation: set[int] = field(default_factory=set)  # "vowed not to": coded as refusal
    inner_code: str | None = None  # what a speech-act noun asks for ("calls for a ceasefire")
    source_places: bool = False  # the sources are places standing for their authorities

    @property
    def anchor(self) -> Token:
        return self.tokens[0]


# --- lexical matching ----------------------------------------------------------------------
def _is_time(prep: Token) -> bool:
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children if g.dep_ == "pobj")


def lemma_candidates(tok: Token) -> list[str]:
    """The parser's lemma, then plain de-inflections of the form (the small model lemmatises
    some verbs wrongly, e.g. "staged" -> "stag")."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):  # fmt: skip
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "stopped" -> "stop"
    return list(dict.fromkeys(out))


def near_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in _SKIP_NEAR or (c.dep_ == "prep" and _is_time(c)):
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
    entries: tuple[VerbEntry, ...] = ()
    for cand in lemma_candidates(tok):
        entries = lex.verbs.get(cand, ())
        if entries:
            break
    if not entries:
        return None
    near = near_lemmas(tok)
    direct = {w for c in tok.children for w in (c.lower_, c.lemma_.lower())}
    multi = [
        e
        for e in entries
        if len(e.words) > 1 and e.words[1] in direct and all(w in near for w in e.words[2:])
    ]
    if multi:
        # several phrasal readings ("call on" / "call for"): the particle nearest the verb
        return min(multi, key=lambda e: (_particle_distance(tok, e.words[1]), -len(e.words)))
    single = [e for e in entries if len(e.words) == 1]
    return single[0] if single else None


def _particle_distance(tok: Token, word: str) -> int:
    dists = [abs(t.i - tok.i) for t in tok.subtree if word in (t.lower_, t.lemma_.lower())]
    return min(dists) if dists else 99


def match_noun(tok: Token, lex: Lexicon) -> tuple[NounEntry, list[Token]] | None:
    """The event noun starting at `tok` (multi-word entries first)."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None
    doc = tok.doc
    for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
        for e in lex.nouns.get(key, ()):
            n = len(e.words)
            if n == 1:
                # the small model tags some nouns as verbs ("signed a gas supply deal")
                if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in _NOUN_SLOTS:
                    return e, [tok]
                continue
            seq = doc[tok.i : tok.i + n]
            if len(seq) == n and all(
                w in (t.lemma_.lower(), t.lower_) for w, t in zip(e.words, seq, strict=True)
            ):
                return e, list(seq)
    return None


def class_of(tok: Token, lex: Lexicon) -> str | None:
    """The most likely object class of a noun (see classes_of)."""
    found = classes_of(tok, lex)
    return found[0] if found else None


def classes_of(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    """The object classes of a noun: its two-word name ("peacekeeping force"), the modifier of
    a light head ("ceasefire agreement"), its own name, then its compound modifier; quantities
    defer to what they count ("dozens of rockets")."""
    if tok.lemma_.lower() in QUANTITY_HEADS:
        for p in children(tok, "prep"):
            if p.lemma_.lower() == "of":
                for g in pobjs(p):
                    return classes_of(g, lex)
    if tok.pos_ == "NUM":
        # "$20 million": the currency sign names what the number counts
        for c in tok.children:
            if c.dep_ in ("quantmod", "nmod", "compound") and c.lower_ in lex.classes:
                return lex.classes[c.lower_]
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod")]
    for c in mods:
        for key in (f"{c.lower_} {tok.lower_}", f"{c.lemma_.lower()} {tok.lemma_.lower()}"):
            if key in lex.classes:
                return lex.classes[key]
    compounds = [c for c in mods if c.dep_ == "compound"]
    if tok.lemma_.lower() in LIGHT_HEADS:
        for c in compounds:
            for key in (c.lower_, c.lemma_.lower()):
                if key in lex.classes:
                    return lex.classes[key]
    for key in (tok.lower_, tok.lemma_.lower()):
        if key in lex.classes:
            return lex.classes[key]
    for c in compounds:
        for key in (c.lower_, c.lemma_.lower()):
            if key in lex.classes:
                return lex.classes[key]
    return ()


def object_class(tok: Token, known: Mapping[str, str], lex: Lexicon) -> str | None:
    """The first class of `tok` that a verb's `objects` table knows ("shot down a helicopter":
    AIRCRAFT for shoot, WEAPON for supply)."""
    for cls in classes_of(tok, lex):
        if cls in known:
            return cls
    return None


def noun_code(entry: NounEntry, root: Token) -> str | None:
    """The noun's code, made specific by a modifier ("suicide bombing", "deployment of
    peacekeeping troops": the of-object's modifiers count too)."""
    if entry.code is None:
        return None
    of_objects = [g for p in children(root, "prep") if p.lower_ == "of" for g in pobjs(p)]
    for c in [*root.children, *(m for o in of_objects for m in o.children), *of_objects]:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "pobj"):
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
    # a participle on a noun is passive ("the jets sold to India"), unless it has a subject of
    # its own ("reports that it had bombed ...", parsed as a clause on the noun)
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN" and not children(v, "nsubj")
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
        if not agents and v.tag_ == "VBN":
            # "mediated and hosted by Oman": coordinated participles share the agent
            shared = [c for c in v.children if c.dep_ == "conj" and c.tag_ == "VBN"]
            if v.dep_ == "conj" and v.head.tag_ == "VBN":
                shared.append(v.head)
            agents = prep_objects(shared, "by")
        return agents
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in v.children):
        # "..., mediated and hosted by Oman": a participle the parser took for a finite verb
        # shares its conjunct's agent
        agents = [
            g
            for c in v.children
            if c.dep_ == "conj" and c.tag_ == "VBN"
            for a in c.children
            if a.dep_ == "agent"
            for g in pobjs(a)
        ]
        if agents:
            return agents
    subj_children = [c for c in v.children if c.dep_ in ("nsubj", "csubj", "expl")]
    if len(subj_children) > 1 and all(c.i < v.i for c in subj_children):
        # a split noun phrase ("The opposition | Syrian National Coalition appealed"): the
        # subject nearest the verb is the head of the phrase
        subj_children = subj_children[::-1]
    for c in subj_children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            if c.lower_ in _WH and v.dep_ == "relcl":
                return [_antecedent(v, lex)]
            if c.dep_ == "expl":
                continue
            return [c]
    if v.dep_ == "relcl":
        return [_antecedent(v, lex)]
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return [v.head]
    for mark in children(v, "mark"):
        # "as the European Union threatens": the parser hangs the subject on the conjunction
        found = children(mark, "pobj")
        if found:
            return found
    h = v.head
    if (
        v.dep_ == "conj"
        and h.dep_ == "ccomp"
        and h.head.i != h.i
        and _is_speech_act(v, lex)
        and not _is_speech_act(h, lex)
        and (m := match_verb(h.head, lex)) is not None
        and m.frame in ("SAY", "CLAIM")
    ):
        # "Putin said the forces were surrounded and accused Kiev ...": a speech act joined
        # to the reported clause is the speaker's second act, not the clause's
        return subjects(h.head, lex, depth + 1)
    if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX"):
        if is_passive(h):  # "was indicted ... and will resign": the shared grammatical subject
            return patients(h)
        return subjects(h, lex, depth + 1)
    if v.dep_ in ("xcomp", "advcl", "pcomp", "acomp", "ccomp") and h.i != v.i:
        if h.pos_ == "ADJ":  # "ready to contribute": the subject of "is"
            return subjects(h.head, lex, depth + 1) if h.head.i != h.i else []
        entry = match_verb(h, lex)
        if v.dep_ == "xcomp" and is_passive(h):
            return patients(h)  # raising: "Putin is expected to return", "is scheduled to visit"
        if v.dep_ == "xcomp" and entry is not None and entry.control_object:
            objs = children(h, "dobj") or prep_objects([h], "on") or prep_objects([h], "upon")
            if objs:
                return objs
        if v.dep_ == "xcomp" and entry is None and (objs := children(h, "dobj")):
            # a verb outside the lexicon with an object and an infinitive is object control:
            # "prompting Iran to resort to arbitration", "forced the ship to turn back"
            return objs
        if v.dep_ == "pcomp" and h.pos_ == "ADP":
            if h.lemma_.lower() in ("about", "of") or h.head.i == h.i:
                return []  # "about Russia agreeing": the gerund has its own subject or none
            return subjects(h.head, lex, depth + 1)  # "after meeting Xi": the main subject
        if v.dep_ == "ccomp":
            return []
        return subjects(h, lex, depth + 1)
    return []


def _antecedent(v: Token, lex: Lexicon) -> Token:
    """What a relative clause is about: the noun it hangs on, or, for a joint predicate on the
    last of coordinated nouns, the whole coordination ("X and Y, who also discussed ...")."""
    head = v.head
    entry = match_verb(v, lex)
    if entry is not None and entry.symmetric:
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
    return head


_SPEECH_FRAMES = frozenset({"SAY", "CLAIM", "ACCUSE", "DEMAND", "APPEAL", "THREATEN", "REFUSE"})


def _is_speech_act(v: Token, lex: Lexicon) -> bool:
    """A verb of saying, accusing, demanding, threatening or criticising."""
    entry = match_verb(v, lex)
    if entry is None:
        return False
    if entry.frame in _SPEECH_FRAMES:
        return True
    return entry.code is not None and entry.code[:2] in ("01", "02", "10", "11", "12", "13")


def patients(v: Token) -> list[Token]:
    if v.dep_ in ("acl", "relcl") and v.tag_ == "VBN":
        return [v.head]
    return children(v, "nsubjpass")


# heads a relative clause modifies as a time, place, manner or reason, not as its object ("the
# week Russia withdrew", "the way Iran negotiated")
_ADVERBIAL_HEADS = frozenset(
    {"time", "day", "week", "month", "year", "moment", "way", "reason", "place", "night", "hour"}
)


def relative_object(v: Token) -> Token | None:
    """The noun a relative clause modifies, when it is the clause's object: a relative pronoun
    object ("the deal that Iran signed") or an object gap ("the jets Russia delivered"). None
    when the clause has an object of its own, is passive, or the gap is elsewhere ("the city
    Putin flew to", "the day Russia withdrew")."""
    head = v.head
    if v.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN") or is_passive(v):
        return None
    objs = children(v, "dobj")
    if objs:
        return head if objs[0].lower_ in _WH else None
    subj = children(v, "nsubj")
    if not subj or any(c.lower_ in _WH for c in subj):
        return None  # "the country which attacked": the head is the subject
    if head.ent_type_ in ("DATE", "TIME") or head.lemma_.lower() in _ADVERBIAL_HEADS:
        return None
    if any(p.dep_ == "prep" and not pobjs(p) for p in v.children):
        return None  # a stranded preposition holds the gap
    if children(v, "ccomp", "xcomp", "attr", "acomp", "oprd"):
        return None
    return head


def direct_object(v: Token) -> Token | None:
    rel = relative_object(v)
    if rel is not None:
        return rel
    objs = children(v, "dobj")
    if objs:
        return objs[0]
    for c in children(v, "advcl"):
        # "suspended until further notice the delivery of ...": the parser reads the idiom as
        # a clause ("notice the delivery") and hands it the verb's object
        if c.lemma_.lower() == "notice" and any(m.lower_ == "until" for m in c.children):
            objs = children(c, "dobj")
            if objs:
                return objs[0]
    if is_passive(v):
        pats = patients(v)
        return pats[0] if pats else None
    return None


def has_actor(toks: list[Token], index: MentionIndex) -> bool:
    return any(
        groups_under(t, index) or any(place_group(c) is not None for c in place_candidates(t))
        for t in toks
    )


def conjuncts_of(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
    return out


def find_targets(
    v: Token,
    specs: tuple[str, ...],
    obj: Token | None,
    obj_is_event: bool,
    index: MentionIndex,
    fallback: bool = True,
) -> list[Token]:
    heads = [v] + ([obj] if obj is not None else [])
    for spec in specs or _DEFAULT_TARGETS:
        if spec == "dobj":
            # all direct objects: a split name parses as several ("telephoned al - Jubeir")
            direct = [c for c in children(v, "dobj") if c is not obj]
            cands = direct if obj is None or obj_is_event else [obj, *direct]
        elif spec in ("iobj", "dative"):
            cands = []
            for c in children(v, "dative", "iobj"):
                cands.extend(pobjs(c) if c.pos_ == "ADP" else [c])
        else:
            cands = prep_objects(heads, spec)
        if cands and has_actor(cands, index):
            return cands
    if not fallback:
        return []
    # no listed slot names an actor: the object or any participant preposition will do
    # ("vetoed the resolution against Syria", "froze the assets of Russian officials")
    if obj is not None and not obj_is_event and has_actor([obj], index):
        return [obj]
    for spec in _DEFAULT_TARGETS[1:]:
        cands = prep_objects(heads, spec)
        if cands and has_actor(cands, index):
            return cands
    return []


PARTICIPANT_CLASSES = frozenset(
    {
        "PERSON",
        "DIPLOMAT",
        "TERRITORY",
        "PROPERTY",
        "PARTY",
        "AGENCY",
        "INSPECTORS",
        "OBSERVERS",
        "PEACEKEEPERS",
        "DELEGATION",
        "AIRCRAFT",
    }
)  # fmt: skip  the object's nationality names the target ("expelled the American diplomat")


def complement_of(
    v: Token, preps: tuple[str, ...] = ("to", "on", "for", "upon", "about", "of")
) -> Token | None:
    """The clause or event noun a frame verb governs: "agreed to supply", "demanded that ...",
    "called for sanctions", "demanded the withdrawal"."""
    clauses = [
        c for c in v.children
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
    ]  # fmt: skip
    # an infinitive or a clause after the verb is what it governs; a clause before it is a
    # fronted quote or a mis-attached neighbour ("The dispute hangs over ...: Russia refused to
    # hand over ..."), taken only when there is nothing else
    after = [c for c in clauses if c.dep_ == "xcomp"] + [c for c in clauses if c.i > v.i]
    if after:
        return after[0]
    fronted = clauses[0] if clauses else None
    for c in v.children:
        if c.dep_ == "prep" and c.lemma_.lower() in preps and not _is_time(c):
            for g in pobjs(c):
                return g
    for c in v.children:
        if c.dep_ == "dobj":
            return c
    return fronted


# Heads that only carry an event noun ("a mediation effort", "10 days of war games",
# "part of a military aid programme"): the event is the modifier or the of-object.
LIGHT_HEADS = frozenset(
    {"effort", "mission", "process", "programme", "program", "initiative", "bid", "campaign",
     "operation", "round", "session", "ceremony", "package", "plan", "agreement", "deal"}
)  # fmt: skip
QUANTITY_HEADS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "number", "lot", "couple",
     "batch", "barrage", "salvo", "volley", "wave", "series", "fleet", "group", "pair"}
)  # fmt: skip
MEASURE_HEADS = frozenset(
    {"day", "week", "month", "year", "round", "series", "number", "part", "wave", "spate",
     "string", "set", "host", "hour", "kind", "form", "resumption", "start"}
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
