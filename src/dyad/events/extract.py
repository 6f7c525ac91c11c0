"""extract_events: one parsed document + its actor mentions -> coded events.

Per sentence, candidate triggers are visited from the top of the parse down, so a frame verb
("refused") claims its complement ("to supply") before the complement could be coded alone.
Each predicate's argument heads are resolved to actor groups; coordination and groups give
one event per (source, target) pair; joint predicates with all actors on one side give one
symmetric event per pair. Modality, attribution, contexts and confidence are added last.

Discourse rules: a reaction to a definite act ("condemned the rocket fire", "dismissed the
move", "voted against the deployment") targets the author of the last such act, preferring
acts aimed at the reacting party; a denial answers the last accusation aimed at the denier;
"it" in a main or adverbial clause is the last state or organisation named before it in the
sentence; "X and his counterparts from A and B" pairs X with each of them. One event is kept
per (sentence, CAMEO root, pair of parties), and an untargeted act of the same kind by the
same source in a sentence elaborates the targeted one ("launched an offensive against X,
striking ...").
"""

from __future__ import annotations

import bisect
import hashlib
import itertools

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from dyad.events.analyse import analyse_token
from dyad.events.codes import code_info
from dyad.events.confidence import Evidence, score
from dyad.events.context import contexts_in, event_contexts, refine_code, sentence_words
from dyad.events.discourse import implicit_targets
from dyad.events.lexicon import Lexicon
from dyad.events.mentions import (
    RELATIONAL_NOUNS,
    ActorGroup,
    MentionIndex,
    conjuncts,
    groups_under,
)
from dyad.events.modality import ModalityResult, assess, chain, speaker_of, verb_frame
from dyad.events.places import misspelt_state, place_candidates, place_group
from dyad.events.predicates import Pred, lemma_candidates, match_noun, noun_code, prep_objects
from dyad.model import Actor, Article, Event, Mention

_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})
_MAX_TRIGGER_TOKENS = 6
_NEUTER = frozenset({"it", "its"})
_PROTEST_ROOT = "14"
_SIGNING = "057"
_COOPERATIVE_ROOTS = frozenset({"03", "05", "06", "07"})
_OWN_POSSESSIVES = frozenset({"its", "their", "our"})
_REFLEXIVES = frozenset({"itself", "themselves", "ourselves", "himself", "herself"})
_OTHER_PARTIES = frozenset(
    {"ally", "partner", "neighbour", "neighbor", "friend", "proxy", "client"}
)
_OFFICIALS = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "authority"})
_TARGETED_STATEMENTS = frozenset({"010", "012", "013", "017", "018", "019"})


def extract_events(
    doc: Doc, mentions: list[Mention], article: Article, lexicon: Lexicon
) -> list[Event]:
    """Code every sentence of `doc`; see the module docstring."""
    index = MentionIndex(mentions)
    events: list[Event] = []
    if not index:
        return events
    starts = sorted(m.tok_start for m in mentions)
    history: list[Past] = []  # (root, source, sentence, target) of the events so far
    named: set[str] = set()  # events whose other party is named but not resolved to an actor
    for si, (a, b) in enumerate(sentence_bounds(doc)):
        k = bisect.bisect_left(starts, a)
        if (k == len(starts) or starts[k] >= b) and doc[a].lower_ != "it":
            continue  # no actor in this sentence (nor an "It" continuing one): nothing to code
        events.extend(_sentence_events(doc[a:b], si, index, article, lexicon, history, named))
    return _dedupe(implicit_targets(_drop_elaborations(_dedupe(events)), frozenset(named)))


def _drop_elaborations(events: list[Event]) -> list[Event]:
    """ "launched an operation against Hamas, striking 150 targets": an act of the same kind
    by the same source in the same sentence, with no target of its own, elaborates the
    targeted one and is not a second event."""
    targeted = {
        (e.sentence_index, e.cameo_root, (e.source or {}).get("code"))
        for e in events
        if e.target is not None and e.source is not None
    }
    return [
        e
        for e in events
        if e.target is not None
        or e.source is None
        or (e.sentence_index, e.cameo_root, e.source.get("code")) not in targeted
    ]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the sentences, as `doc.sents` gives them, read from the sentence-start
    array (iterating `doc.sents` costs as much as the whole coding of a document)."""
    if len(doc) == 0:
        return []
    flags = doc.to_array(SENT_START) if doc.has_annotation("SENT_START") else None
    if flags is None:
        return [(s.start, s.end) for s in doc.sents]
    starts = [0] + [int(i) for i in (flags == 1).nonzero()[0] if i > 0]
    ends = [*starts[1:], len(doc)]
    return list(zip(starts, ends, strict=True))


def _depth(tok: Token) -> int:
    return len(chain(tok))


def _is_candidate(tok: Token, lexicon: Lexicon) -> bool:
    """Could this token trigger a predicate? (a cheap lexical filter before any parse walk)"""
    pos = tok.pos_
    if pos == "VERB":
        return any(c in lexicon.verbs for c in lemma_candidates(tok))
    if pos in ("NOUN", "PROPN") or (pos == "VERB" and tok.dep_ in ("dobj", "pobj")):
        return tok.lemma_.lower() in lexicon.nouns or tok.lower_ in lexicon.nouns
    if pos == "ADJ":
        return tok.lemma_.lower() in lexicon.adjectives or tok.lower_ in lexicon.nouns
    return False


def _sentence_events(
    sent: Span,
    si: int,
    index: MentionIndex,
    article: Article,
    lexicon: Lexicon,
    history: list[Past],
    named: set[str],
) -> list[Event]:
    consumed: set[int] = set()
    roots: dict[int, str] = {}  # trigger token -> CAMEO root of the predicates coded so far
    coded: list[tuple[Pred, list[Event]]] = []
    sentence_ctx: list[str] | None = None
    candidates = [t for t in sent if _is_candidate(t, lexicon)]
    for tok in sorted(candidates, key=_depth):
        if tok.i in consumed:
            continue
        pred = analyse_token(tok, lexicon, index)
        if pred is None or any(t.i in consumed for t in pred.tokens if t.i != tok.i):
            continue
        consumed |= pred.consumed | {t.i for t in pred.tokens}
        roots[pred.anchor.i] = pred.code[:2]
        if _outcome_of(pred.anchor, pred.code, roots):
            continue
        if sentence_ctx is None:
            words, low = sentence_words(sent)
            sentence_ctx = contexts_in(words, low, lexicon)
        evs = _events_for(pred, sent, si, index, article, lexicon, sentence_ctx, history)
        if _unresolved_party(pred, index):
            named.update(e.event_id for e in evs)
        coded.append((pred, evs))
    signed = {
        p.anchor.head.i
        for p, _ in coded
        if p.code == _SIGNING and p.anchor.dep_ == "advcl" and p.anchor.tag_ == "VBG"
    }
    # "Russia and Iran agreed to widen their ties, signing a memorandum": the signing is the
    # agreement made, and the promise it records is not a second event
    return [e for p, evs in coded if not (p.code[:2] == "03" and p.anchor.i in signed) for e in evs]


_PARTY_NOUNS = frozenset(
    {"power", "side", "party", "country", "nation", "state", "government", "group", "rebel",
     "militant", "faction", "ally", "neighbour", "neighbor", "official", "leader", "minister",
     "authority", "force", "army", "police", "opponent", "opposition", "militia", "regime"}
)  # fmt: skip


def _unresolved_party(pred: Pred, index: MentionIndex) -> bool:
    """Does the sentence name the other party ("urged the powers", "Iran and six world powers
    were negotiating", "mediates between the government and its opponents") with words the
    actor resolver did not resolve? Such a party is expressed, not implicit."""
    heads = list(pred.targets) + list(pred.between)
    if pred.symmetric:
        heads += [c for h in pred.sources for c in conjuncts(h)[1:]]
    return any(
        t.lemma_.lower() in _PARTY_NOUNS and index.at(t.i) is None
        for h in heads
        for t in conjuncts(h)
    )


def _outcome_of(anchor: Token, code: str, roots: dict[int, str]) -> bool:
    """ "exchanged heavy fire, killing five civilians": a participle with no subject of its own
    that reports an act of the same kind as the verb it hangs on tells the outcome of that act,
    not a second event."""
    if anchor.dep_ != "advcl" or anchor.tag_ != "VBG":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in anchor.children):
        return False
    return roots.get(anchor.head.i) == code[:2]


Past = tuple[str, Mention, int, Mention | None]  # root, source, sentence, target of an event
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_EVENT_ANAPHORS = frozenset(
    {"move", "step", "decision", "measure", "action", "finding", "ruling", "verdict",
     "deployment", "announcement", "initiative", "report", "plan", "proposal", "statement",
     "remark", "comment", "accusation", "allegation", "charge", "claim", "criticism"}
)  # fmt: skip
_REACTIONS = frozenset({"01", "02", "05", "11", "12"})  # what one says about another's act
_ANAPHOR_WINDOW = 3
_DENIAL = "016"
_ACCUSING_ROOTS = frozenset({"11", "10", "13"})
_AIMED_WINDOW = 6  # an act aimed at the reacting party stays salient for a paragraph


def _aimed_at(
    sources: list[Mention], history: list[Past], now: int, roots: frozenset[str]
) -> list[Mention]:
    own = {m.actor.country or m.actor.code for m in sources}
    for root, m, si, t in reversed(history):
        if now - si > _AIMED_WINDOW:
            break
        aimed = t is not None and (t.actor.country or t.actor.code) in own
        if root in roots and aimed and (m.actor.country or m.actor.code) not in own:
            return [m]
    return []


def _anaphoric_target(
    pred: Pred,
    sources: list[Mention],
    lexicon: Lexicon,
    history: list[Past],
    now: int,
) -> list[Mention]:
    """ "France condemned the veto": a definite event noun with no participants of its own
    refers back to the last event of that kind; its agent is the target."""
    if pred.nominal:
        return []
    if pred.code == _DENIAL and not pred.targets:
        # "Pakistan denied that its soldiers fired first": a denial answers the latest
        # accusation aimed at the one who denies
        return _aimed_at(sources, history, now, _ACCUSING_ROOTS)
    objects = [c for c in pred.anchor.children if c.dep_ == "dobj"]
    objects += prep_objects([pred.anchor], "against")  # "voted against the deployment"
    objects += [  # "said the arrests were unjustified"
        c for cc in pred.anchor.children if cc.dep_ == "ccomp" for c in cc.children
        if c.dep_ == "nsubj" and pred.code[:2] == "11"
    ]  # fmt: skip
    if not objects or not any(d.lower_ in _DEFINITE for d in objects[0].children):
        return []
    hit = None
    for c in objects[0].children:  # "the rocket fire": a multi-word event noun
        if c.dep_ in ("compound", "amod") and c.i < objects[0].i:
            found_noun = match_noun(c, lexicon)
            if found_noun is not None and objects[0] in found_noun[1]:
                hit = found_noun
                break
    hit = hit or match_noun(objects[0], lexicon)
    code = noun_code(hit[0], objects[0]) if hit is not None else None
    own = {m.actor.code for m in sources}
    own_countries = {m.actor.country for m in sources if m.actor.country}
    found: list[tuple[Mention, int]] = []
    if code is not None:
        found = [
            (m, si) for root, m, si, _ in history if root == code[:2] and m.actor.code not in own
        ]
    if not found and objects[0].lemma_.lower() in _EVENT_ANAPHORS and pred.code[:2] in _REACTIONS:
        # "Moscow dismissed the move": a general word for an act refers to the latest act of
        # another party within the last sentences; that party is the target
        recent = [
            (m, si, t)
            for _, m, si, t in history
            if m.actor.code not in own
            and m.actor.country not in own_countries
            and now - si <= _AIMED_WINDOW
        ]
        # a reaction answers an act aimed at the reacting party, if there is one
        aimed = [
            (m, si)
            for m, si, t in recent
            if t is not None and (t.actor.code in own or t.actor.country in own_countries)
        ]
        found = aimed or [(m, si) for m, si, _ in recent if now - si <= _ANAPHOR_WINDOW]
    if not found:
        return []
    last = found[-1][1]  # all agents of the latest such event ("Russia and China vetoed")
    return list({m.actor.code: m for m, si in found if si == last}.values())


def _crowd_home(pred: Pred, targets: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "protesters stormed the Saudi embassy in Tehran": an unnamed crowd protesting against
    another state is of the state where it protests, named by an in/at-phrase of the verb or of
    what it acts on; none when that is the target's own state."""
    if not any(h.lemma_.lower() in lexicon.crowd_nouns for h in pred.sources):
        return []
    acted_on = [c for c in pred.anchor.children if c.dep_ == "dobj"]
    acted_on += [g for p in pred.anchor.children if p.dep_ == "prep" for g in p.children
                 if g.dep_ == "pobj"]  # fmt: skip
    spots = [g for t in [pred.anchor, *acted_on] for p in t.children
             if p.dep_ == "prep" and p.lower_ in ("in", "at") for g in p.children
             if g.dep_ == "pobj"]  # fmt: skip
    found = [m for g in (place_group(c) for c in spots) if g is not None for m in g.mentions]
    own = {t.actor.country for t in targets}
    return [m for m in found if m.actor.country and m.actor.country not in own]


def _restates(
    pred: Pred, sources: list[Mention], lexicon: Lexicon, history: list[Past], now: int
) -> bool:
    """ "Kerry made the appeal in Beijing": a light verb over a definite event noun with no
    participants of its own names again an act the same source was reported making in the
    last sentences; it is the same event, not a second one."""
    if pred.nominal or pred.targets or pred.between or not sources:
        return False
    trigger = {t.i for t in pred.tokens}
    objects = [c for c in pred.anchor.children if c.dep_ == "dobj" and c.i in trigger]
    if not objects or not any(d.lower_ in _DEFINITE for d in objects[0].children):
        return False
    named = match_noun(objects[0], lexicon)
    kind = noun_code(named[0], objects[0]) if named is not None else None
    if kind is None or kind[:2] != pred.code[:2]:
        return False  # "has not accepted the offer": the noun names another's act
    own = {m.actor.country or m.actor.code for m in sources}
    return any(
        root == pred.code[:2] and (m.actor.country or m.actor.code) in own and now - si > 0
        for root, m, si, _ in history
        if now - si <= _ANAPHOR_WINDOW
    )


def _previous_subject(h: Token, index: MentionIndex) -> list[ActorGroup]:
    if h.sent.start == 0:
        return []
    prev = h.doc[h.sent.start - 1].sent.root
    for c in prev.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            groups = groups_under(c, index)
            if groups and all(m.actor.type != "person" for g in groups for m in g.mentions):
                return groups
    return []


def _last_institution(h: Token, index: MentionIndex) -> list[ActorGroup]:
    start = h.sent.start
    for i in range(h.i - 1, start - 1, -1):
        g = index.at(i)
        if g is not None and all(m.actor.type != "person" for m in g.mentions):
            return [g]
    return []


def _own_object(pred: Pred) -> bool:
    objects = [o for o in pred.anchor.children if o.dep_ == "dobj"]
    if any(o.lower_ in _REFLEXIVES for o in objects):
        return True  # "Iran is arming itself"
    return any(
        g.dep_ == "poss" and g.lower_ in _OWN_POSSESSIVES
        for o in objects
        if o.lemma_.lower() not in _OTHER_PARTIES
        for g in o.children
    )


def _relational(tok: Token) -> bool:
    return tok.lemma_.lower() in RELATIONAL_NOUNS and any(
        c.dep_ == "prep" and c.lower_ in ("from", "of", "in") for c in tok.children
    )


def _resolve(
    heads: list[Token], index: MentionIndex, speaker: Token | None, places: bool = False
) -> list[ActorGroup]:
    groups: list[ActorGroup] = []
    for h in heads:
        found = groups_under(h, index)
        if not found and h.lower_ in _PRONOUNS and speaker is not None:
            found = groups_under(speaker, index)  # "Iraq said it would allow ..."
        if not found:
            typos = [misspelt_state(c) for c in conjuncts(h) if index.at(c.i) is None]
            found = [g for g in typos if g is not None]
        if not found and h.lower_ in _NEUTER and h.head.dep_ in ("advcl", "ROOT"):
            # "tried to isolate the Kremlin since it annexed Crimea": the last state or
            # organisation named before the pronoun in its sentence (not in a reported or
            # demanded clause, where the speaker's words decide)
            found = _last_institution(h, index)
        if not found and h.lower_ == "it" and h.i == h.sent.start and h.dep_ == "nsubj":
            # "Burundi's government rejected a plan ... It warned that ...": a sentence opening
            # with "it" continues the subject of the sentence before, when that is a state or
            # organisation
            found = _previous_subject(h, index)
        if not found and places:
            found = [g for g in (place_group(c) for c in place_candidates(h)) if g is not None]
        if not found and h.lemma_.lower() in _OFFICIALS:
            # "a judiciary official in Tehran", "officials in Kabul": the authorities there
            spots = [g for p in h.children if p.dep_ == "prep" and p.lower_ == "in"
                     for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            found = [g for g in (place_group(c) for c in spots) if g is not None]
        for g in found:
            g = _enumerating_group(g, h.doc, index) or g
            if all(g is not x for x in groups):
                groups.append(g)
    return groups


_COLLECTIVE = frozenset({"igo", "group"})
_MAX_LIST_TOKENS = 40


def _enumerating_group(g: ActorGroup, doc: Doc, index: MentionIndex) -> ActorGroup | None:
    """ "Iran and the P5+1 (the US, Britain, France, Russia, China and Germany)": a list in
    parentheses right after a group's name spells out its members; the group is the party,
    not each member. The group when `g` is such a member, else None."""
    depth = 0
    sent_start = doc[g.head].sent.start
    for i in range(g.head - 1, max(sent_start, g.head - _MAX_LIST_TOKENS) - 1, -1):
        text = doc[i].text
        if text == ")":
            depth += 1
        elif text == "(":
            if depth:
                depth -= 1
                continue
            owner = index.at(i - 1) if i > sent_start else None
            if owner is not None and all(m.actor.type in _COLLECTIVE for m in owner.mentions):
                return owner
            return None
    return None


def _mentions(groups: list[ActorGroup]) -> list[Mention]:
    seen: set[tuple[str, str | None]] = set()
    out: list[Mention] = []
    for g in groups:
        for m in g.mentions:
            key = (m.actor.code, m.actor.person)
            if key not in seen:
                seen.add(key)
                out.append(m)
    return out


_OWN = ("its ", "their ", "his ", "her ", "our ")


def is_self_event(a: Actor, b: Actor, target_text: str = "") -> bool:
    """Same actor on both sides: same code, the same state with no distinct sector, or the
    source's own people or forces named by a possessive ("mobilized its army")."""
    if a.code == b.code and a.person == b.person:
        return True
    if a.country and a.country == b.country and target_text.lower().startswith(_OWN):
        return True
    if a.type == "state" and b.type == "state" and a.country and a.country == b.country:
        return (a.sector or "") == (b.sector or "")
    if a.type == "person" and a.country == b.country and b.type == "state" and not b.sector:
        return True  # "the Iranian president called for coordination between the two" (Iran)
    # "the Secretary-General urged the council": one organisation
    return not a.country and not b.country and a.code == b.code and a.code != "IGO"


def _sayspeaker_of(pred: Pred, lexicon: Lexicon) -> Token | None:
    for t in chain(pred.heads[0])[1:]:
        # "Moscow dismissed reports that its jets ...": a denier speaks of its own
        if verb_frame(t, lexicon) in ("SAY", "CLAIM") or (
            t.pos_ == "VERB" and t.lemma_.lower() in lexicon.modality.denial_verbs
        ):
            return speaker_of(t)
    return None


def _trigger_span(pred: Pred) -> tuple[int, int]:
    idx = sorted({t.i for t in pred.tokens})
    first = pred.anchor.i
    if idx[-1] - idx[0] < _MAX_TRIGGER_TOKENS:
        return idx[0], idx[-1] + 1
    return first, first + 1


def plover_type(plover: str | None, quad: int, mod: ModalityResult) -> str | None:
    """PLOVER codes an action the actor says it will take as a future intention: AGREE when it
    is cooperative, THREATEN when it is hostile. CAMEO keeps the action's own code (with
    modality planned), so only the PLOVER type changes."""
    conditional = mod.modality == "hypothetical"
    if plover is None or not (conditional or (mod.modality == "planned" and mod.volitional)):
        return plover
    if quad in (1, 2):
        return "AGREE" if plover not in ("REQUEST",) else plover
    return "THREATEN" if quad == 4 else plover


def _events_for(
    pred: Pred,
    sent: Span,
    si: int,
    index: MentionIndex,
    article: Article,
    lexicon: Lexicon,
    sentence_ctx: list[str],
    history: list[Past],
) -> list[Event]:
    speaker = _sayspeaker_of(pred, lexicon)
    src_heads, tgt_heads = pred.sources, pred.targets
    relatives = [c for h in src_heads for c in conjuncts(h)[1:] if _relational(c)]
    if len(src_heads) == 1 and relatives and not tgt_heads:
        # "Zarif and his counterparts from A and B will meet": Zarif with each of them
        src_groups = groups_under(src_heads[0], index, coordinated=False)
        tgt_heads = relatives
    else:
        src_groups = _resolve(src_heads, index, speaker, places=pred.source_places)
    tgt_groups = _resolve(tgt_heads, index, speaker, places=True)
    pair_groups = _resolve(pred.between, index, speaker, places=True)
    sources, targets = _mentions(src_groups), _mentions(tgt_groups)
    if not sources and targets and pred.code[:2] == _PROTEST_ROOT and not pred.nominal:
        sources = _crowd_home(pred, targets, lexicon)
    if (
        pred.symmetric
        and len(sources) >= 2
        and targets
        and all(index.at(h.i) is None for h in tgt_heads)
    ):
        targets = []  # "X and Y discussed the war in Syria": a topic names no third party
    if not targets and not pair_groups:
        if _restates(pred, sources, lexicon, history, si):
            return []
        targets = _anaphoric_target(pred, sources, lexicon, history, si)
    pairs: list[tuple[Mention | None, Mention | None, bool]] = []
    between = _mentions(pair_groups)
    if len(between) >= 2 and not (sources and pred.nominal and not pred.symmetric):
        if not sources or pred.symmetric:
            pairs = [(a, b, True) for a, b in itertools.combinations(between, 2)]
        else:  # "mediation between X and Y": the mediator acts on both
            pairs = [(s, t, False) for s in sources for t in between]
    elif pred.symmetric and len(sources) >= 2 and not targets:
        pairs = [(a, b, True) for a, b in itertools.combinations(sources, 2)]
    elif sources and targets:
        # one source and one target of a joint predicate ("met with", "signed with") is joint;
        # an offer or refusal of joint action ("offered to hold talks with") is not
        sym = pred.symmetric and not pred.composed
        pairs = [(s, t, sym) for s in sources for t in targets]
    elif pred.nominal and sources and pred.code[:2] == _PROTEST_ROOT:
        # "Nigerians converged for a rally in Lagos": a protest is held where it is held
        spots = [g for p in pred.anchor.children if p.dep_ == "prep" and p.lower_ == "in"
                 for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        places = [m for g in (place_group(c) for c in spots) if g is not None for m in g.mentions]
        pairs = [(s, t, False) for s in sources for t in places] or [
            (s, None, False) for s in sources
        ]
    elif pred.nominal:
        return []  # a bare event noun needs both participants to count as a report of an event
    elif sources:
        pairs = [(s, None, False) for s in sources]
    elif targets:
        pairs = [(None, t, False) for t in targets]
    kept: list[tuple[Mention | None, Mention | None, bool]] = []
    for s, t, sym in pairs:
        if s is not None and t is not None and is_self_event(s.actor, t.actor, t.text):
            if t.method != "place":
                continue
            t, sym = None, False  # "rebels blocked roads into Abidjan": a place, not a target
        if (s, t, sym) not in kept:
            kept.append((s, t, sym))
    pairs = kept
    if pred.code in _TARGETED_STATEMENTS:
        pairs = [p for p in pairs if p[1] is not None]  # a statement is coded only about someone
    if pred.code[:2] in _COOPERATIVE_ROOTS and _own_object(pred):
        # "would defend its sovereignty", "to modernise its army": help given to oneself;
        # "is arming itself (against X)" helps no one else whoever it is aimed at
        reflexive = any(o.dep_ == "dobj" and o.lower_ in _REFLEXIVES for o in pred.anchor.children)
        pairs = [] if reflexive else [p for p in pairs if p[1] is not None]
    if not pairs:
        return []

    # a composed event (a threat, a refusal, a demand) is as certain as its frame verb: the
    # modals of the complement ("warned it would close") belong to what is threatened
    heads = pred.heads[:1] if pred.composed and not pred.nominal else pred.heads
    mod = assess(pred.anchor, heads, lexicon, index, frozenset(pred.absorbed_negation))
    code = refine_code(pred.code, pred.refine_tok or pred.anchor, sentence_ctx, lexicon)
    info = code_info(code)
    start, end = _trigger_span(pred)
    doc = sent.doc
    trigger = doc[start:end]
    far = max([abs(t.i - pred.anchor.i) for t in pred.sources + pred.targets + pred.between] or [0])
    events: list[Event] = []
    for s, t, sym in pairs:
        resolution = min([m.score for m in (s, t) if m is not None] or [1.0])
        conf = score(
            Evidence(
                strength=pred.strength,
                has_source=s is not None,
                has_target=t is not None,
                symmetric_pair=sym and s is not None and t is not None,
                distance=min(far, 12) // 2,
                resolution=resolution,
                modality=mod.modality,
                nominal=pred.nominal,
                composed=pred.composed,
            )
        )
        src_json = s.actor.to_json(s.text) if s is not None else None
        tgt_json = t.actor.to_json(t.text) if t is not None else None
        key = "|".join(
            [
                article.doc_id,
                str(trigger.start_char),
                str(trigger.end_char),
                code,
                s.actor.code if s else "",
                t.actor.code if t else "",
            ]
        )
        events.append(
            Event(
                event_id="e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20],
                doc_id=article.doc_id,
                source_name=article.source_name,
                published=article.published.isoformat() if article.published else None,
                sentence=sent.text,
                sentence_index=si,
                char_start=sent.start_char,
                char_end=sent.end_char,
                trigger=trigger.text,
                source=src_json,
                target=tgt_json,
                cameo=code,
                cameo_root=info.root,
                plover=plover_type(info.plover, info.quad_class, mod),
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                modality=mod.modality,
                attribution=mod.attribution,
                confidence=conf,
                plover_mode=info.plover_mode,
                plover_context=event_contexts(info.plover_context, sentence_ctx),
                symmetric=sym,
                trigger_start=trigger.start_char,
                trigger_end=trigger.end_char,
            )
        )
        if s is not None:
            history.append((info.root, s, si, t))
    return events


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, CAMEO root, source, target): the most confident reading wins."""
    best: dict[tuple[object, ...], Event] = {}
    for e in events:
        src = (e.source or {}).get("code")
        tgt = (e.target or {}).get("code")
        # one event per kind and pair of parties, whichever way round: "met ... on the margins
        # of a conference" is one meeting, "to return to China for the summit" one visit
        pair = tuple(sorted([str(src), str(tgt)]))
        key = (e.sentence_index, e.cameo_root, pair)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.sentence_index, e.trigger_start, e.event_id))
