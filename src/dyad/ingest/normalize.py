"""Text normalisation that keeps an exact map back to the input characters.

The stored article text is the normalised text, and every offset dyad records points into it.
`normalize` also returns, for each output character, the index of the input character it came
from, so evidence can be traced back to the raw input (after Unicode NFC, which is applied first
because composition is not a character-by-character operation).

Besides the quote, dash and space folding below, two rules make `normalize` idempotent on any
input: a lone surrogate (a JSON "\\ud800" escape, never valid text) becomes U+FFFD, and when
dropping an invisible character brings a base letter next to a combining mark (e, soft hyphen,
acute accent) the text is composed again: a composed character maps to the input character it
starts with, and combining marks that composition puts in canonical order map to the positions
of the marks, in order.

"The NFC input" is `nfc_input(raw)`: NFC of the input after every run of more than 30 combining
marks is cut to 30, as in Unicode's stream-safe text format (UAX #15). Composition reorders a
run of marks with a quadratic sort, so a document of "Zalgo" marks would otherwise take minutes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Typographic quotes and dashes folded to the plain forms the lexicons are written in.
_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u00ad": "",  # soft hyphen: invisible, dropped
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte order mark
}
_REPLACEMENT = "\ufffd"
_MAX_MARKS = 30  # UAX #15: at most 30 non-starters in a row
_KEPT_CONTROLS = frozenset("\r\n\t\x0b\x0c")  # controls that become spaces or line breaks
_SPACES = {"\t", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\x0b", "\x0c"}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    source_index: tuple[int, ...]  # source_index[i] = index in nfc_input(raw) of text[i]
    marks_dropped: int = 0  # combining marks beyond 30 in a row, cut before NFC


def _invisible(ch: str) -> bool:
    """A character `normalize` drops without a trace (soft hyphen, zero-width space, controls)."""
    if _CHAR_MAP.get(ch) == "":
        return True
    return unicodedata.category(ch) == "Cc" and ch not in _KEPT_CONTROLS


def _stream_safe(raw: str) -> tuple[str, int]:
    """`raw` with runs of combining marks cut to `_MAX_MARKS`, and how many were cut."""
    out: list[str] = []
    run = dropped = 0
    for ch in raw:
        if unicodedata.combining(ch):
            run += 1
            if run > _MAX_MARKS:
                dropped += 1
                continue
        elif not _invisible(ch):  # `normalize` drops invisible characters: runs join up
            run = 0
        out.append(ch)
    return ("".join(out) if dropped else raw), dropped


def nfc_input(raw: str) -> str:
    """The text `Normalized.source_index` points into."""
    return unicodedata.normalize("NFC", _stream_safe(raw)[0])


def normalize(raw: str) -> Normalized:
    """NFC, plain quotes, one space between words, at most one blank line between paragraphs."""
    safe, dropped = _stream_safe(raw)
    nfc = unicodedata.normalize("NFC", safe)
    out: list[str] = []
    index: list[int] = []
    newlines = 0
    for i, ch in enumerate(nfc):
        if ch == "\r":  # CRLF and lone CR both end a line
            if nfc[i + 1 : i + 2] == "\n":
                continue
            ch = "\n"
        ch = _CHAR_MAP.get(ch, ch)
        if "\ud800" <= ch <= "\udfff":  # a lone surrogate cannot be stored or encoded
            ch = _REPLACEMENT
        if ch == "":
            continue
        if ch in _SPACES or ch == " ":
            if out and out[-1] not in (" ", "\n"):
                out.append(" ")
                index.append(i)
            continue
        if ch == "\n":
            if out and out[-1] == " ":  # no trailing space before a line break
                out.pop()
                index.pop()
            newlines += 1
            if out and newlines <= 2:
                out.append("\n")
                index.append(i)
            continue
        if unicodedata.category(ch) == "Cc":  # other control characters are noise
            continue
        newlines = 0
        out.append(ch)
        index.append(i)
    while out and out[-1] in (" ", "\n"):
        out.pop()
        index.pop()
    text = "".join(out)
    if not unicodedata.is_normalized("NFC", text):
        text, composed_index = _compose(out, index)
        return Normalized(text, composed_index, dropped)
    return Normalized(text, tuple(index), dropped)


def _base(ch: str) -> str:
    """The first character of the canonical decomposition (the base letter of a composite)."""
    return unicodedata.normalize("NFD", ch)[0]


def _composes(prev: list[str], ch: str) -> bool:
    """Whether starter `ch` composes with the end of `prev` (Hangul jamo, some Indic vowels)."""
    tail = "".join(prev[-8:])  # a composition only ever involves the last starter and marks
    return unicodedata.normalize("NFC", tail + ch) != unicodedata.normalize("NFC", tail) + ch


def _compose(chars: list[str], index: list[int]) -> tuple[str, tuple[int, ...]]:
    """NFC again after dropping characters, keeping a strictly increasing map to the input.

    Rare (only when a dropped character separated characters that compose), so it may be slow:
    the text is cut before every character that does not combine with what precedes it, and
    each piece is composed on its own.
    """
    groups: list[tuple[list[str], list[int]]] = []  # lists: a run of marks grows in place
    for ch, i in zip(chars, index, strict=True):
        if groups:
            prev_chars, prev_index = groups[-1]
            if unicodedata.combining(ch) or _composes(prev_chars, ch):
                prev_chars.append(ch)
                prev_index.append(i)
                continue
        groups.append(([ch], [i]))
    out: list[str] = []
    out_index: list[int] = []
    for group_chars, positions in groups:
        group = "".join(group_chars)
        composed = unicodedata.normalize("NFC", group)
        p = 0
        for j, ch in enumerate(composed):
            base = _base(ch)
            last = len(group) - (len(composed) - j)  # leave one source per output left
            window = range(p, min(last, p + 32) + 1)  # reordering is local: bounded search
            q = next((k for k in window if _base(group[k]) == base), p)
            out.append(ch)
            out_index.append(positions[q])
            p = q + 1
    return "".join(out), tuple(out_index)


def normalize_text(raw: str) -> str:
    return normalize(raw).text
