"""Modality (asserted, negated, planned, reported, hypothetical) and attribution of a clause.

Both read the dependency path from the trigger up to the sentence root: a reporting verb
above the trigger gives the attribution, an `if` clause or a conditional modal makes it
hypothetical, `will` / `plans to` / `is to` make it planned, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyad.events.lexicon import Lexicon, ModalityCues
from dyad.events.mentions import MentionIndex

SAY_FRAMES = frozenset({"SAY", "CLAIM"})
_VOLITIONAL_PLAN = frozenset({"plan", "intend", "aim", "prepare", "decide", "be"})
_PLAN_ADJECTIVES = frozenset({"likely", "due", "set", "expected"})


@dataclass(frozen=True, slots=True)
class ModalityResult:
    modality: str
    volitional: bool  # planned by the actor itself (will, plans to, is to), not just expected
    attribution: dict[str, object] | None
    cues: tuple[str, ...]


def chain(tok: Token) -> list[Token]:
    """The token and its governors up to the sentence root."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def verb_frame(tok: Token, lexicon: Lexicon) -> str | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for entry in lexicon.verbs.get(tok.lemma_.lower(), ()):
        if len(entry.words) == 1 and entry.frame:
            return entry.frame
    if tok.lemma_.lower() == "speak" and any(c.lemma_.lower() == "about" for c in tok.children):
        return "CLAIM"
    return None


def phrase_text(head: Token, max_tokens: int = 12) -> str:
    """A compact text for an argument phrase: its subtree without clauses."""
    skip = {"relcl", "acl", "advcl", "ccomp", "punct"}
    toks = [head]
    stack = [c for c in head.children if c.dep_ not in skip]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in skip)
    toks.sort(key=lambda t: t.i)
    if len(toks) > max_tokens:
        toks = [t for t in toks if t.i <= head.i][-max_tokens:]
    return head.doc[toks[0].i : toks[-1].i + 1].text


def _attribution(head: Token, index: MentionIndex) -> dict[str, object]:
    from dyad.events.mentions import groups_under

    groups = groups_under(head, index, max_depth=3)
    actor = None
    if groups:
        m = groups[0].mentions[0]
        actor = m.actor.to_json(m.text)
    return {"text": phrase_text(head), "actor": actor}


def speaker_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ == "it" and any(a.dep_ == "agent" for a in verb.children):
                break
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "reports claiming that ..."
    return None


# words that move the focus of a denial off the event itself: "denied that Rezaian was held
# because of his work" (the reason is denied, not the detention), "denied that its soldiers
# fired first" (the order of the firing is denied, not the firing)
_DENIAL_FOCUS = frozenset({"because", "first", "deliberately", "intentionally", "only", "solely"})


def _denied(top: Token, cues: ModalityCues) -> bool:
    """Is the clause what a denial verb denies: its complement ("denied that X crossed",
    "denied meeting X") or the content of a report it denies ("dismissed claims that ...")?"""
    head = top.head
    if top.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in cues.denial_verbs:
        return True
    return (
        top.dep_ in ("acl", "ccomp")
        and head.lemma_.lower() in cues.denied_nouns
        and head.dep_ == "dobj"
        and head.head.lemma_.lower() in cues.denial_verbs
    )


def _denial_focus(head: Token) -> bool:
    for c in head.children:
        if c.lower_ in _DENIAL_FOCUS and c.dep_ in ("advmod", "prep", "npadvmod", "mark"):
            return True
        if c.dep_ == "advcl" and any(m.lower_ in _DENIAL_FOCUS for m in _children(c, ("mark",))):
            return True
    return False


def _according_to(tokens: list[Token]) -> Token | None:
    for t in tokens:
        for c in t.children:
            if c.lower_ == "according":
                for p in c.subtree:
                    if p.dep_ == "pobj":
                        return p
    return None


def assess(
    trigger: Token,
    clause_heads: list[Token],
    lexicon: Lexicon,
    index: MentionIndex,
    absorbed_negation: frozenset[int] = frozenset(),
) -> ModalityResult:
    """Modality and attribution for an event whose trigger is `trigger`.

    `clause_heads` are the tokens that carry the event's own verbs (the frame verb and the
    complement verb of "refused to supply", or the light verb of "held talks"): negation,
    modals and markers are read on them and on the governors above them.
    """
    cues = lexicon.modality
    top = min(clause_heads, key=lambda t: len(chain(t)))  # the highest clause head
    path = chain(top)
    below_say: list[Token] = []
    say_verb: Token | None = None
    say_frame: str | None = None
    for t in path:
        frame = verb_frame(t, lexicon) if t not in clause_heads else None
        if frame in SAY_FRAMES:
            say_verb, say_frame = t, frame
            break
        below_say.append(t)
    own = list(dict.fromkeys(clause_heads + below_say))
    found: list[str] = []

    # --- negation -------------------------------------------------------------------------
    negated = False
    for t in clause_heads:
        if t.i in absorbed_negation:
            continue
        if any(
            c.dep_ == "neg" or c.lower_ in cues.negative_adverbs
            for c in _children(t, ("neg", "advmod"))
        ):
            negated = True
        if t.pos_ in ("VERB", "AUX") and any(
            c.lower_ in cues.negative_determiners
            for s in _children(t, ("nsubj", "nsubjpass"))
            for c in _children(s, ("det",))
        ):
            negated = True  # "No Russian defence chief had travelled to Iran": no one did
        if t.dep_ == "pcomp" and t.head.lower_ == "without":
            negated = True  # "agreed to resign without returning to Kyrgyzstan"
        if t.pos_ in ("NOUN", "PROPN"):
            if any(c.lower_ in cues.negative_determiners for c in _children(t, ("det",))):
                negated = True
            # "there was no mention of talks", "talks that never took place"
            h = t.head
            if (
                t.dep_ == "pobj"
                and h.lower_ == "of"
                and h.head.pos_ == "NOUN"
                and any(c.lower_ in cues.negative_determiners for c in _children(h.head, ("det",)))
            ):
                negated = True
            if t.dep_ == "pobj" and h.lower_ == "without":
                negated = True
            if (
                t.dep_ in ("nsubj", "nsubjpass")
                and h.lemma_.lower() in ("take", "happen", "occur", "materialize", "go")
                and any(c.dep_ == "neg" for c in h.children)
            ):
                negated = True  # "the delivery never took place"
            for rc in _children(t, ("relcl",)):
                if rc.lemma_.lower() in ("take", "happen", "occur") and any(
                    c.dep_ == "neg" or c.lower_ == "never" for c in rc.children
                ):
                    negated = True
    if _denied(top, cues) and not any(_denial_focus(t) for t in clause_heads):
        # "denied that its soldiers crossed into Iraq": what is denied did not happen, by the
        # denier's account; "denied it had not paid" asserts the payment
        negated = not negated
        found.append("denied")
    if negated:
        found.append("negation")

    # --- hypothetical ---------------------------------------------------------------------
    hypothetical = False
    in_report = say_verb is not None
    for t in own:
        marks = [c.lower_ for c in _children(t, ("mark",))]
        if t.dep_ == "advcl" and any(m in cues.hypothetical_marks for m in marks):
            hypothetical = True  # the event is the condition: "if the North carried out a test"
    for t in own:
        for adv in _children(t, ("advcl",)):
            if any(m.lower_ in cues.hypothetical_marks for m in _children(adv, ("mark",))):
                hypothetical = True  # the event depends on one: "will withdraw ... unless"
        for a in _children(t, ("aux",)):
            low = a.lower_
            if (
                low == "should"
                and a.i < t.i
                and any(s.dep_ in ("nsubj", "nsubjpass") and s.i > a.i for s in t.children)
            ):
                hypothetical = True  # "should anything happen"
            elif low in cues.hypothetical_modals and not (low == "would" and in_report):
                hypothetical = True
    if hypothetical:
        found.append("hypothetical")

    # --- planned --------------------------------------------------------------------------
    planned = False
    volitional = False
    for t in own:
        if t.i in absorbed_negation:
            continue  # "would not accept": the refusal is made now
        for a in _children(t, ("aux",)):
            if a.lower_ in cues.planned_modals or (a.lower_ == "would" and in_report):
                planned = volitional = True
        if (
            t.dep_ == "xcomp"
            and t.head.lemma_.lower() == "be"
            and any(a.lower_ == "to" for a in _children(t, ("aux",)))
        ):
            planned = volitional = True  # "Moscow is to support"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() == "go" and t.head.tag_ == "VBG":
            planned = volitional = True  # "is going to"
        if t is not trigger and t not in clause_heads and verb_frame(t, lexicon) == "PLAN":
            planned = True
            volitional = volitional or t.lemma_.lower() in _VOLITIONAL_PLAN
        if t.pos_ == "ADJ" and t.lemma_.lower() in _PLAN_ADJECTIVES and t is not trigger:
            planned = True
        if t.pos_ in ("NOUN", "PROPN"):
            if any(c.lower_ in cues.planned_adjectives for c in _children(t, ("amod", "compound"))):
                planned = True
            if t.dep_ == "pobj" and t.head.head.lemma_.lower() == "plan":
                planned = volitional = True  # "plans for joint exercises"
    if planned:
        found.append("planned")

    # --- reported -------------------------------------------------------------------------
    reported = False
    according = _according_to(own + ([say_verb] if say_verb is not None else []) + [path[-1]])
    # "according to X" only attributes; it makes an event "reported" unless it is planned
    attributed_only = according is not None
    for t in own:
        if any(c.lower_ in cues.reported_adverbs for c in _children(t, ("advmod",))):
            reported = True
        if t.pos_ in ("NOUN", "PROPN"):
            if any(c.lower_ in cues.reported_adjectives for c in _children(t, ("amod",))):
                reported = True
            if t.lemma_.lower() in cues.reported_nouns and t not in clause_heads:
                reported = True  # "reports of a tentative agreement"
    speaker = speaker_of(say_verb) if say_verb is not None else None
    if say_frame == "CLAIM":
        reported = True
    if speaker is not None and speaker.lemma_.lower() in cues.reported_nouns:
        reported = True
    if reported:
        found.append("reported")

    if negated:
        modality = "negated"
    elif hypothetical:
        modality = "hypothetical"
    elif reported:
        modality = "reported"
    elif planned:
        modality = "planned"
    elif attributed_only:
        modality = "reported"
        found.append("according-to")
    else:
        modality = "asserted"

    attribution: dict[str, object] | None = None
    if speaker is not None:
        attribution = _attribution(speaker, index)
    elif according is not None:
        attribution = _attribution(according, index)
    return ModalityResult(modality, volitional, attribution, tuple(found))
