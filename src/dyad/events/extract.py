"""extract_events: one parsed document + its actor mentions -> coded events.

Per sentence, candidate triggers are visited from the top of the parse down, so a frame verb
("refused") claims its complement ("to supply") before the complement could be coded alone.
Each predicate's argument heads are resolved to actor groups; coordination and groups give
one event per (source, target) pair; joint predicates with all actors on one side give one
symmetric event per pair. Modality, attribution, contexts and confidence are added last.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.events.analyse import analyse_token
from dyad.events.codes import code_info
from dyad.events.confidence import Evidence, score
from dyad.events.context import contexts_in, event_contexts, refine_code, sentence_words
from dyad.events.lexicon import Lexicon
from dyad.events.mentions import ActorGroup, MentionIndex, groups_under
from dyad.events.modality import ModalityResult, _speaker, assess, chain, verb_frame
from dyad.events.predicates import Pred
from dyad.model import Actor, Article, Event, Mention

_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})
_MAX_TRIGGER_TOKENS = 6


@dataclass(frozen=True, slots=True)
class _Side:
    mention: Mention

    @property
    def actor(self) -> Actor:
        return self.mention.actor


def extract_events(doc: Doc, mentions: list[Mention], article: Article, lexicon: Lexicon) -> list[Event]:
    """Code every sentence of `doc`; see the module docstring."""
    index = MentionIndex(mentions)
    events: list[Event] = []
    if not index:
        return events
    for si, sent in enumerate(doc.sents):
        if not any(index.at(t.i) is not None for t in sent):
            continue
        events.extend(_sentence_events(sent, si, index, article, lexicon))
    return _dedupe(events)


def _depth(tok: Token) -> int:
    return len(chain(tok))


def _sentence_events(
    sent: Span, si: int, index: MentionIndex, article: Article, lexicon: Lexicon
) -> list[Event]:
    consumed: set[int] = set()
    out: list[Event] = []
    words, low = sentence_words(sent)
    sentence_ctx = contexts_in(words, low, lexicon)
    for tok in sorted(sent, key=_depth):
        if tok.i in consumed or tok.pos_ not in ("VERB", "NOUN", "PROPN", "ADJ"):
            continue
        pred = analyse_token(tok, lexicon, index)
        if pred is None or any(t.i in consumed for t in pred.tokens if t.i != tok.i):
            continue
        consumed |= pred.consumed | {t.i for t in pred.tokens}
        out.extend(_events_for(pred, sent, si, index, article, lexicon, sentence_ctx))
    return out


def _resolve(heads: list[Token], index: MentionIndex, speaker: Token | None) -> list[ActorGroup]:
    groups: list[ActorGroup] = []
    for h in heads:
        found = groups_under(h, index)
        if not found and h.lower_ in _PRONOUNS and speaker is not None:
            found = groups_under(speaker, index)  # "Iraq said it would allow ..."
        for g in found:
            if all(g is not x for x in groups):
                groups.append(g)
    return groups


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


def is_self_event(a: Actor, b: Actor) -> bool:
    """Same actor on both sides: same code, or the same state with no distinct sector."""
    if a.code == b.code and a.person == b.person:
        return True
    if a.type == "state" and b.type == "state" and a.country and a.country == b.country:
        return (a.sector or "") == (b.sector or "")
    return False


def _say_speaker(pred: Pred, lexicon: Lexicon) -> Token | None:
    for t in chain(pred.heads[0])[1:]:
        if verb_frame(t, lexicon) in ("SAY", "CLAIM"):
            return _speaker(t)
    return None


def _trigger_span(pred: Pred) -> tuple[int, int]:
    idx = sorted({t.i for t in pred.tokens})
    first = pred.anchor.i
    if idx[-1] - idx[0] < _MAX_TRIGGER_TOKENS:
        return idx[0], idx[-1] + 1
    return first, first + 1


def _convert_planned(code: str, mod: ModalityResult, lexicon: Lexicon) -> str:
    """A material action the actor announces it will take is, in CAMEO, an expression of
    intent (06-08 -> 03x) or a threat (14-20 -> 13x); verbal codes stay as they are."""
    root = int(code[:2])
    if mod.modality == "planned" and mod.volitional and 6 <= root <= 8:
        return lexicon.frame_code("INTENT", code) or code
    if mod.modality in ("planned", "hypothetical") and root >= 14 and (
        mod.volitional or mod.modality == "hypothetical"
    ):
        return lexicon.frame_code("THREATEN", code) or code
    return code


def _events_for(
    pred: Pred,
    sent: Span,
    si: int,
    index: MentionIndex,
    article: Article,
    lexicon: Lexicon,
    sentence_ctx: list[str],
) -> list[Event]:
    speaker = _say_speaker(pred, lexicon)
    src_groups = _resolve(pred.sources, index, speaker)
    tgt_groups = _resolve(pred.targets, index, speaker)
    pair_groups = _resolve(pred.between, index, speaker)
    sources, targets = _mentions(src_groups), _mentions(tgt_groups)
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
        pairs = [(s, t, pred.symmetric) for s in sources for t in targets]
    elif pred.nominal:
        return []  # a bare event noun needs both participants to count as a report of an event
    elif sources:
        pairs = [(s, None, False) for s in sources]
    elif targets:
        pairs = [(None, t, False) for t in targets]
    pairs = [
        (s, t, sym)
        for s, t, sym in pairs
        if s is None or t is None or not is_self_event(s.actor, t.actor)
    ]
    if not pairs:
        return []

    mod = assess(pred.anchor, pred.heads, lexicon, index)
    code = refine_code(pred.code, pred.refine_tok or pred.anchor, sentence_ctx, lexicon)
    code = _convert_planned(code, mod, lexicon)
    info = code_info(code)
    start, end = _trigger_span(pred)
    doc = sent.doc
    trigger = doc[start:end]
    far = max(
        [abs(t.i - pred.anchor.i) for t in pred.sources + pred.targets + pred.between] or [0]
    )
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
                plover=info.plover,
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
    return events


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, code, source, target): the most confident reading wins."""
    best: dict[tuple[object, ...], Event] = {}
    for e in events:
        src = (e.source or {}).get("code")
        tgt = (e.target or {}).get("code")
        pair = tuple(sorted([str(src), str(tgt)])) if e.symmetric else (src, tgt)
        key = (e.sentence_index, e.cameo, pair)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.sentence_index, e.trigger_start, e.event_id))
