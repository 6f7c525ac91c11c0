"""Attaching a date to an event trigger in a parsed spaCy Doc.

Order of preference:
1. date expressions in the trigger's sentence that sit in the trigger's own clause: the
   date's head token is in the trigger's subtree and the path up to the trigger crosses no
   embedded clause (ccomp, advcl, relcl, xcomp, acl, csubj, parataxis, or a conjoined verb);
   the nearest such date wins;
2. otherwise the nearest date expression anywhere in the sentence;
   A "since" range is no date for an infinitive under a superlative ("the first minister to
   travel to Iran since 1979"): it bounds the comparison;
3. otherwise, only when the sentence has a temporal anaphor ("then", "at that time", "at the
   time"), the last date of the previous sentence;
4. otherwise the publication date (precision "publication"), or None when that is unknown too.

Dates inside a parenthesised list of document numbers ("resolutions 1737 (2006) and 1929
(2010)") are never event dates. The trigger's tense (see `event_tense`) decides which way
partial dates resolve; an event in the past tense dated after publication, or in the future
tense dated before it, comes back with `suspicious=True`. Without a publication date only
expressions that do not depend on it ("20 January 2015", "in 2011") are used; open ranges
("since 2011") end at publication, so they are dropped too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.model import DateRef
from dyad.time.expressions import find_date_expressions
from dyad.time.resolver import resolve_date

if TYPE_CHECKING:  # annotations only: resolving dates should not import spaCy
    from spacy.tokens import Doc, Span, Token

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis"})
_ANAPHOR = re.compile(r"(?i)\b(?:then|at\s+th(?:at|e)\s+time|at\s+that\s+point)\b")
_DOCUMENT_WORDS = re.compile(
    r"(?i)\b(?:resolutions?|decisions?|S/RES|A/RES|S/\d|A/\d|documents?|No\.)|\d+\s*\(\s*(?:19|20)\d{2}\s*\)"
)
_FUTURE_HEADS = frozenset(
    {
        "plan",
        "agree",
        "expect",
        "intend",
        "aim",
        "hope",
        "promise",
        "decide",
        "want",
        "seek",
        "threaten",
        "vow",
        "pledge",
        "prepare",
        "schedule",
        "set",
        "due",
        "go",
        "be",
        "propose",
        "offer",
    }
)
_SUPERLATIVES = frozenset({"first", "last", "only"})
# Two reference dates far apart: an expression that resolves the same against both does not
# depend on the publication date.
_PROBES = (dt.date(1990, 7, 15), dt.date(2030, 2, 3))


def _aux(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass")]


def _verb_tense(verb: Token) -> str | None:
    tense = _own_tense(verb)
    if (
        tense is None
        and verb.dep_ == "conj"
        and not _aux(verb)
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # "will meet on Monday and sign the accord": the second verb shares the first's tense.
        return _own_tense(verb.head)
    return tense


def _own_tense(verb: Token) -> str | None:
    auxes = _aux(verb)
    lemmas = [a.lower_ for a in auxes] + [a.lemma_.lower() for a in auxes]
    if any(w in ("will", "shall", "'ll", "wo") for w in lemmas):
        return "future"
    if "would" in lemmas or "'d" in lemmas:
        return "past" if "have" in lemmas else "future"
    if any(w in ("could", "might", "may", "should", "must", "can") for w in lemmas):
        return None
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"  # had signed, was signed, did sign, were meeting
    if any(a.lower_ in ("has", "have", "'ve", "'s") and a.lemma_ == "have" for a in auxes):
        return "past"  # present perfect reports a past event
    if "to" in lemmas and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl"):
        head = verb.head
        if head.lemma_ in _FUTURE_HEADS or head.lower_ in ("going", "due", "set", "scheduled"):
            return "future"
        return "future" if verb.tag_ == "VB" else None
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # "are meeting", "are scheduled"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    return None


def event_tense(doc: Doc, trigger_i: int) -> str | None:
    """Return "past", "present", "future" or None, from the trigger's morphology and auxiliaries.

    A nominal trigger takes the tense of the verb it is the subject or object of."""
    token = doc[trigger_i]
    if token.pos_ in ("VERB", "AUX") and _superlative_scope(token):
        # "became the first minister to travel to Iran": the infinitive happened when the
        # verb above says
        above = token.head if token.head.pos_ in ("VERB", "AUX") else token.head.head
        return _verb_tense(above)
    if token.pos_ in ("VERB", "AUX"):
        return _verb_tense(token)
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if head.pos_ in ("VERB", "AUX") and head is not token:
        return _verb_tense(head)
    return None


def _in_document_list(sent_text: str, start: int, end: int) -> bool:
    """Whether [start, end) sits inside parentheses that list document numbers."""
    depth, open_at = 0, -1
    for i in range(start - 1, -1, -1):
        ch = sent_text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                open_at = i
                break
            depth -= 1
    before = sent_text[:start]
    if open_at < 0:
        # "resolution 1929 (2010)" where the year alone is parenthesised
        return bool(re.search(r"\d\s*\(\s*$", before)) and sent_text[end:].lstrip().startswith(")")
    close_at = sent_text.find(")", end)
    inside = sent_text[open_at + 1 : close_at if close_at >= 0 else len(sent_text)]
    if _DOCUMENT_WORDS.search(inside) or re.search(r"\d\s*\(\s*$", before):
        return True
    # "resolution 2231 (adopted on 20 July 2015)": a note on a document number
    return bool(
        re.search(r"(?i)(?:resolutions?|decisions?|No\.)\s+[\d/]+\s*$", sent_text[:open_at])
    )


def _same_clause(date_root: Token, trigger: Token) -> bool:
    node = date_root
    while node.i != trigger.i:
        if node.head.i == node.i:
            return False  # reached the sentence root without meeting the trigger
        if node.dep_ in _CLAUSE_DEPS or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            return False
        node = node.head
    return True


def _distance(span: Span, trigger: Token) -> int:
    if span.start <= trigger.i < span.end:
        return 0
    return min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))


def _resolve(expr: str, published: dt.date | None, tense: str | None) -> DateRef | None:
    if published is not None:
        return resolve_date(expr, published, tense)
    refs = [resolve_date(expr, p, tense) for p in _PROBES]
    first = refs[0]
    if first is None or any(
        r is None or r.start != first.start or r.end != first.end for r in refs
    ):
        return None
    return first


def _candidates(
    doc: Doc, sent: Span, published: dt.date | None, tense: str | None
) -> list[tuple[Span, DateRef]]:
    out: list[tuple[Span, DateRef]] = []
    base = sent.start_char
    for start, end, expr in find_date_expressions(sent.text):
        if _in_document_list(sent.text, start, end):
            continue
        span = doc.char_span(base + start, base + end, alignment_mode="expand")
        ref = _resolve(expr, published, tense)
        if span is None or ref is None:
            continue
        out.append((span, replace(ref, text=expr, char_start=base + start, char_end=base + end)))
    return out


def _suspicious(ref: DateRef, tense: str | None, published: dt.date | None) -> bool:
    if published is None or ref.start is None or ref.end is None:
        return False
    if tense == "past" and ref.start > published:
        return True
    return tense == "future" and ref.end < published


def _superlative_scope(trigger: Token) -> bool:
    """Is the trigger an infinitive under a superlative noun ("the first Russian minister to
    travel to Iran since 1979", "the only leader to visit since ...")? Such a noun may be the
    infinitive's head or, as the parser often has it, the attribute of the verb above."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    head = trigger.head
    nouns = [head] if trigger.dep_ in ("acl", "relcl") else []
    nouns += [c for c in head.children if c.dep_ in ("attr", "nsubj", "dobj", "oprd")]
    return any(
        a.lower_ in _SUPERLATIVES or a.tag_ == "JJS"
        for n in nouns
        for a in n.children
        if a.dep_ in ("amod", "advmod", "nummod")
    )


def _under_since(span: Span, trigger: Token) -> bool:
    """Does the date sit in a since-phrase ("since 1979", "since the uprising began in 2011")?"""
    if span.text.lower().startswith("since"):
        return True
    node = span.root
    for _ in range(12):
        if node.lower_ == "since" or any(
            c.lower_ == "since" and c.dep_ in ("mark", "prep") for c in node.children
        ):
            return True
        if node.i == trigger.i or node.head.i == node.i:
            return False
        node = node.head
    return False


def date_for_event(doc: Doc, trigger_i: int, published: dt.date | None) -> DateRef | None:
    """The date of the event whose trigger is token `trigger_i` of `doc` (offsets into
    doc.text); the publication date when the text gives none; None when neither is known."""
    trigger = doc[trigger_i]
    sent = trigger.sent
    tense = event_tense(doc, trigger_i)
    found = _candidates(doc, sent, published, tense)
    if found and _superlative_scope(trigger):
        # "became the first minister to travel to Iran since 1979": the since-phrase bounds
        # the comparison ("the first since"), it does not date the visit
        found = [(s, r) for s, r in found if not _under_since(s, trigger)]
    chosen: DateRef | None = None
    if found:
        own = [(s, r) for s, r in found if _same_clause(s.root, trigger)]
        pool = own or found
        chosen = min(pool, key=lambda sr: (_distance(sr[0], trigger), sr[0].start))[1]
    elif sent.start > 0 and _ANAPHOR.search(sent.text):
        previous = doc[sent.start - 1].sent
        earlier = _candidates(doc, previous, published, tense)
        if earlier:
            chosen = earlier[-1][1]
    if chosen is not None:
        return replace(chosen, suspicious=_suspicious(chosen, tense, published))
    if published is None:
        return None
    return DateRef(
        value=published.isoformat(),
        precision="publication",
        text=None,
        start=published,
        end=published,
    )
