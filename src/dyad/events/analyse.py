"""Turn one trigger token into a `Pred`: the code and the argument heads.

The rules, each one a construction of English rather than a fix for one sentence:
- a lexicon verb, with a more specific code chosen by the class of its object
  ("withdraw troops" 0874, "withdraw inspectors" 1662);
- a light or phase verb over an event noun ("hold talks" 046, "lift sanctions" 085);
- a frame verb over a complement ("agreed to supply" 033, "refused to supply" 122,
  "demanded that X withdraw" 1056, "threatened to impose sanctions" 1312);
- reported speech with a deontic complement ("X said Y must return ..." -> X demands of Y);
- an event noun with possessive, of/by/to/against/between arguments ("Shoigu's visit to Iran").
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.events.lexicon import COMPOSING_FRAMES, Lexicon, VerbEntry
from dyad.events.mentions import MentionIndex, groups_under
from dyad.events.predicates import (
    _NOUN_TARGET_PREPS,
    Pred,
    children,
    class_of,
    complement_of,
    direct_object,
    find_targets,
    is_passive,
    match_noun,
    match_verb,
    noun_code,
    patients,
    prep_objects,
    stop_code,
    subjects,
)

_DEONTIC = frozenset({"must", "should", "ought"})
_CONFLICT_FIRST_ROOT = 11


def _root(code: str) -> int:
    return int(code[:2])


def _event_noun(tok: Token | None, lex: Lexicon) -> tuple[str, Token, float] | None:
    """(code, root token, strength) if `tok` heads an event noun."""
    if tok is None:
        return None
    hit = match_noun(tok, lex)
    if hit is None:
        # a multi-word noun whose first word precedes the head ("hunger strike")
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                hit = match_noun(c, lex)
                if hit is not None and tok in hit[1]:
                    break
                hit = None
    if hit is None:
        return None
    entry, toks = hit
    root = tok if tok in toks else toks[-1]
    code = noun_code(entry, root)
    if code is None:
        return None
    return code, root, entry.strength


def _stop_for(tok: Token, lex: Lexicon) -> str | None:
    hit = match_noun(tok, lex)
    if hit is None:
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                hit = match_noun(c, lex)
                if hit is not None:
                    break
    if hit is None:
        return None
    entry, toks = hit
    code = noun_code(entry, tok)
    if entry.stop:
        return entry.stop
    return stop_code(entry, code) if code else None


def analyse_verb(
    v: Token, entry: VerbEntry, lex: Lexicon, index: MentionIndex, depth: int = 0
) -> Pred | None:
    if depth > 3:
        return None
    obj = direct_object(v)
    if entry.key in ("put halt", "put end"):
        objs = prep_objects([v] + children(v, "dobj"), "to")
        obj = objs[0] if objs else None
    tokens = [v]
    heads = [v]
    consumed: set[int] = set()
    code: str | None = None
    strength = entry.strength
    obj_is_event = False
    symmetric = entry.symmetric
    composed = False
    refine_tok: Token = v

    subj = subjects(v, lex)
    if entry.crowd_subject and subj and subj[0].lemma_.lower() in lex.crowd_nouns:
        code = entry.crowd_subject
    if code is None and entry.transitive and children(v, "dobj"):
        code = entry.transitive
    if code is None and entry.actor_object and obj is not None and index.at(obj.i) is not None:
        code = entry.actor_object
    if code is None and entry.objects and obj is not None:
        cls = class_of(obj, lex)
        if cls and cls in entry.objects:
            code = entry.objects[cls]
            consumed.add(obj.i)
            tokens.append(obj)
            obj_is_event = cls not in ("PERSON", "TERRITORY", "PROPERTY")
    if code is None and entry.frame in ("START", "SAY", "PLAN", "PASS") and obj is not None:
        ev = _event_noun(obj, lex)
        if ev is not None:
            code, root, s = ev
            strength = max(strength, s)
            consumed.add(root.i)
            tokens.append(root)
            obj_is_event = True
            refine_tok = root
            symmetric = symmetric or bool(
                (hit := match_noun(root, lex)) and hit[0].symmetric
            )
    if code is None and entry.frame == "STOP" and obj is not None:
        stop = _stop_for(obj, lex)
        if stop is not None:
            code = stop
            consumed.add(obj.i)
            tokens.append(obj)
            obj_is_event = True
    if code is None and entry.frame == "ACCUSE":
        code = _accuse_code(v, lex) or entry.code

    addressee: list[Token] = []
    comp_targets: list[Token] = []
    comp_sources: list[Token] = []
    if code is None and entry.frame in COMPOSING_FRAMES:
        comp = complement_of(v)
        comp_pred = analyse_token(comp, lex, index, depth + 1) if comp is not None else None
        frame = entry.frame
        if comp is not None and entry.control_object:
            addressee = children(v, "dobj") or prep_objects([v], "on") or prep_objects([v], "upon")
        if comp is not None and comp.dep_ == "ccomp":
            addressee = addressee or children(comp, "nsubj", "nsubjpass")
        if comp_pred is not None:
            inner = comp_pred.code
            comp_targets, comp_sources = comp_pred.targets, comp_pred.sources
            if frame == "INTENT" and _root(inner) >= _CONFLICT_FIRST_ROOT:
                frame = "THREATEN"
            if frame in ("DEMAND", "APPEAL") and _root(inner) >= 13 and not inner.startswith("16"):
                code = "111"  # calling for force or punishment against Y disapproves of Y
                addressee = []
            else:
                code = lex.frame_code(frame, inner)
            if code is not None:
                composed = True
                consumed |= comp_pred.consumed | {t.i for t in comp_pred.tokens}
                tokens.extend(comp_pred.tokens)
                heads.extend(comp_pred.heads)
                symmetric = symmetric and comp_pred.symmetric
                refine_tok = comp_pred.refine_tok or refine_tok
        elif comp is not None and frame == "PERMIT":
            code = lex.complement_lemmas.get(comp.lemma_.lower())
            inner_obj = children(comp, "dobj")
            if code is None and inner_obj:
                cls = class_of(inner_obj[0], lex)
                code = entry.objects.get(cls) if cls else None
        if code is None and frame in ("DEMAND", "APPEAL") and comp is not None and not addressee:
            if comp.dep_ == "xcomp":
                return None  # "seek to build": an attempt by the subject, not an appeal
        if code is None:
            code = entry.code
    if code is None:
        code = entry.code
    if code is None:
        return None

    if entry.frame in COMPOSING_FRAMES and addressee and entry.frame not in ("INTENT", "REFUSE"):
        targets = addressee
    elif comp_targets or comp_sources:
        if entry.frame in ("DEMAND", "APPEAL", "PERMIT") and not addressee and code != "111":
            targets = comp_sources or comp_targets
        else:
            targets = comp_targets
        if not has_any(targets, index):
            targets = find_targets(v, entry.target, obj, obj_is_event, index)
    else:
        targets = find_targets(v, entry.target, obj, obj_is_event, index)
        if not targets and is_passive(v) and entry.frame not in ("SAY", "CLAIM"):
            targets = [p for p in patients(v) if p.i not in consumed]
    between = prep_objects([v] + ([obj] if obj is not None else []), "between")
    return Pred(
        code=code,
        tokens=tokens,
        heads=heads,
        strength=strength,
        symmetric=symmetric,
        sources=subj,
        targets=targets,
        between=between,
        consumed=consumed,
        composed=composed,
        refine_tok=refine_tok,
    )


def has_any(toks: list[Token], index: MentionIndex) -> bool:
    return any(groups_under(t, index) for t in toks)


def _accuse_code(v: Token, lex: Lexicon) -> str | None:
    words: set[str] = set()
    for p in children(v, "prep"):
        if p.lemma_.lower() in ("of", "for", "over"):
            for t in p.subtree:
                words.add(t.lemma_.lower())
                words.add(t.lower_)
    text = " ".join(sorted(words))
    for code, cues in lex.accuse_topics.items():
        if any((c in words) if " " not in c else (c in text) for c in cues):
            return code
    return None


def analyse_adjective(a: Token, entry: VerbEntry, lex: Lexicon, index: MentionIndex, depth: int) -> Pred | None:
    """Predicative adjectives: "is ready to contribute" (INTENT), "is opposed to" (120)."""
    if a.dep_ not in ("acomp", "amod", "oprd", "ROOT", "ccomp", "xcomp", "conj"):
        return None
    be = a.head if a.dep_ in ("acomp", "oprd") else a
    comp = next((c for c in a.children if c.dep_ == "xcomp"), None)
    code: str | None = None
    tokens, heads = [a], [a, be]
    consumed: set[int] = set()
    targets: list[Token] = []
    composed = False
    if entry.frame in COMPOSING_FRAMES and comp is not None:
        inner = analyse_token(comp, lex, index, depth + 1)
        if inner is not None:
            frame = entry.frame
            if frame == "INTENT" and _root(inner.code) >= _CONFLICT_FIRST_ROOT:
                frame = "THREATEN"
            code = lex.frame_code(frame, inner.code)
            if code is not None:
                composed = True
                tokens.extend(inner.tokens)
                heads.extend(inner.heads)
                consumed |= inner.consumed | {t.i for t in inner.tokens}
                targets = inner.targets
    if code is None:
        if entry.frame in COMPOSING_FRAMES and comp is None:
            return None
        code = entry.code
        if entry.frame == "PLAN" or code is None:
            return None
        targets = prep_objects([a], entry.target[0]) if entry.target else []
    subj = subjects(be, lex) if be is not a else subjects(a, lex)
    return Pred(code, tokens, heads, entry.strength, False, subj, targets, [], consumed,
                composed=composed, refine_tok=a)  # fmt: skip


def analyse_noun(n: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """An event noun with its own arguments: possessive/adjective/by/from = source,
    to/with/against/on = target, of = per noun, between X and Y = a joint pair."""
    hit = match_noun(n, lex)
    if hit is None:
        return None
    entry, toks = hit
    root = n.doc[toks[0].i : toks[-1].i + 1].root
    code = noun_code(entry, root)
    if code is None:
        return None
    sources: list[Token] = []
    targets: list[Token] = []
    for c in root.children:
        if c.dep_ == "poss":
            sources.append(c)
        elif c.dep_ in ("amod", "compound", "nmod") and c not in toks and index.at(c.i) is not None:
            sources.append(c)
    sources += prep_objects([root], "by") + prep_objects([root], "from")
    of_args = prep_objects([root], "of")
    if entry.of_role == "source":
        sources += of_args
    else:
        targets += of_args
    for p in _NOUN_TARGET_PREPS:
        targets += prep_objects([root], p)
    between = prep_objects([root], "between")
    return Pred(
        code=code,
        tokens=[root],
        heads=[root],
        strength=entry.strength,
        symmetric=entry.symmetric,
        sources=sources,
        targets=targets,
        between=between,
        consumed={t.i for t in toks},
        nominal=True,
        refine_tok=root,
    )


def deontic_report(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "X said (that) Y must do Z": X demands Z of Y (10x), Z coded through DEMAND."""
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if comp is None or not any(a.lower_ in _DEONTIC for a in children(comp, "aux")):
        return None
    addressee = children(comp, "nsubj", "nsubjpass")
    if not addressee or not has_any(addressee, index):
        return None
    inner = analyse_token(comp, lex, index, 1)
    code = "100"
    tokens, heads, consumed = [v], [v], set()
    if inner is not None:
        code = lex.frame_code("DEMAND", inner.code) or "100"
        tokens += inner.tokens
        heads += inner.heads
        consumed = inner.consumed | {t.i for t in inner.tokens}
    else:
        tokens.append(comp)
        heads.append(comp)
        consumed = {comp.i}
    return Pred(code, tokens, heads, 0.75, False, subjects(v, lex), addressee, [], consumed,
                composed=True, refine_tok=comp)  # fmt: skip


def analyse_token(tok: Token | None, lex: Lexicon, index: MentionIndex, depth: int = 0) -> Pred | None:
    """The predicate a token triggers, if any (verbs, predicative adjectives, event nouns)."""
    if tok is None or depth > 3:
        return None
    if tok.pos_ == "VERB":
        entry = match_verb(tok, lex)
        if entry is not None:
            if entry.frame in ("SAY", "CLAIM", "PLAN", "PASS"):
                pred = analyse_verb(tok, entry, lex, index, depth)
                if pred is not None and len(pred.tokens) > 1:
                    return pred  # "announced an agreement", "declared a ceasefire"
                if entry.frame == "SAY":
                    return deontic_report(tok, lex, index)
                if entry.frame == "PASS" and depth > 0:
                    comp = complement_of(tok)
                    return analyse_token(comp, lex, index, depth + 1)
                return None
            return analyse_verb(tok, entry, lex, index, depth)
        return None
    if tok.pos_ == "ADJ":
        aentry = lex.adjectives.get(tok.lemma_.lower())
        if aentry is not None:
            return analyse_adjective(tok, aentry, lex, index, depth)
        return None
    if tok.pos_ in ("NOUN", "PROPN"):
        return analyse_noun(tok, lex, index)
    if tok.pos_ == "AUX" and tok.lemma_.lower() == "be":
        for c in tok.children:
            if c.dep_ == "acomp" and c.pos_ == "ADJ":
                return analyse_token(c, lex, index, depth + 1)
    return None
