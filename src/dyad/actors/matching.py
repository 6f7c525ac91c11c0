"""Finding knowledge-base aliases in a document: one Aho-Corasick automaton built per resolver.

The automaton runs over the folded document text (same length as the text, so offsets carry
over); a hit counts only when it starts and ends on token boundaries and passes its case rule
("US" must be in capitals, "Jordan" must be capitalised).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
from spacy.tokens import Doc

from .kb import AliasEntry, KnowledgeBase
from .normalize import fold, fold_words
from .parsing import strip_the


@dataclass(frozen=True, slots=True)
class AliasHit:
    tok_start: int
    tok_end: int
    char_start: int
    char_end: int
    entries: tuple[AliasEntry, ...]


@dataclass(slots=True)
class DocIndex:
    """Per-document lookups computed once: token boundaries and sentence of each token."""

    doc: Doc
    starts: dict[int, int]
    ends: dict[int, int]
    sent_of: list[int]
    sent_bounds: list[tuple[int, int]]
    lower: list[str]

    @classmethod
    def build(cls, doc: Doc) -> DocIndex:
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        lower: list[str] = []
        for tok in doc:
            starts[tok.idx] = tok.i
            ends[tok.idx + len(tok.text)] = tok.i + 1
            text = tok.text
            lower.append(tok.lower_ if text.isascii() else fold(text))
        sent_of = [0] * len(doc)
        bounds: list[tuple[int, int]] = []
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            for si, sent in enumerate(doc.sents):
                bounds.append((sent.start, sent.end))
                for i in range(sent.start, sent.end):
                    sent_of[i] = si
        else:
            bounds.append((0, len(doc)))
        return cls(doc, starts, ends, sent_of, bounds, lower)


def _case_ok(entry: AliasEntry, text: str) -> bool:
    if entry.case == "any":
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if entry.case == "upper":
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


class AliasMatcher:
    """All aliases of a knowledge base in one automaton; built once, used for every document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        automaton = ahocorasick.Automaton()
        for key in kb.aliases:
            automaton.add_word(key, key)
        automaton.make_automaton()
        self._automaton = automaton

    def hits(self, text: str, index: DocIndex) -> list[AliasHit]:
        """Non-overlapping alias hits in text order; the longest hit wins an overlap."""
        folded = fold(text)
        found: list[AliasHit] = []
        for end_pos, key in self._automaton.iter(folded):
            end = end_pos + 1
            start = end - len(key)
            tok_start = index.starts.get(start)
            tok_end = index.ends.get(end)
            if tok_start is None or tok_end is None:
                continue
            surface = text[start:end]
            entries = tuple(e for e in self._kb.aliases[key] if _case_ok(e, surface))
            if entries:
                found.append(AliasHit(tok_start, tok_end, start, end, entries))
        found.sort(key=lambda h: (-(h.char_end - h.char_start), h.char_start))
        taken: list[AliasHit] = []
        used: set[int] = set()
        for hit in found:
            span = range(hit.tok_start, hit.tok_end)
            if any(i in used for i in span):
                continue
            used.update(span)
            taken.append(hit)
        taken.sort(key=lambda h: h.char_start)
        return taken

    def lookup(self, text: str) -> tuple[str, list[AliasEntry]] | None:
        """The entries for a whole string (used by `resolve_name`)."""
        key = fold_words(strip_the(text.strip()))
        entries = self._kb.aliases.get(key)
        if not entries:
            return None
        ok = [e for e in entries if _case_ok(e, text.strip())] or list(entries)
        return key, ok
