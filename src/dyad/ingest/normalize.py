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
_SPACES = {"\t", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\x0b", "\x0c"}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    source_index: tuple[int, ...]  # source_index[i] = index in the NFC input of text[i]


def normalize(raw: str) -> Normalized:
    """NFC, plain quotes, one space between words, at most one blank line between paragraphs."""
    nfc = unicodedata.normalize("NFC", raw)
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
        return _compose(out, index)
    return Normalized(text, tuple(index))


def _base(ch: str) -> str:
    """The first character of the canonical decomposition (the base letter of a composite)."""
    return unicodedata.normalize("NFD", ch)[0]


def _compose(chars: list[str], index: list[int]) -> Normalized:
    """NFC again after dropping characters, keeping a strictly increasing map to the input.

    Rare (only when a dropped character separated characters that compose), so it may be slow:
    the text is cut before every character that does not combine with what precedes it, and
    each piece is composed on its own.
    """
    groups: list[tuple[str, list[int]]] = []
    for ch, i in zip(chars, index, strict=True):
        if groups:
            prev, prev_index = groups[-1]
            joined = prev + ch
            if unicodedata.combining(ch) or unicodedata.normalize("NFC", joined) != (
                unicodedata.normalize("NFC", prev) + ch
            ):
                groups[-1] = (joined, [*prev_index, i])
                continue
        groups.append((ch, [i]))
    out: list[str] = []
    out_index: list[int] = []
    for group, positions in groups:
        composed = unicodedata.normalize("NFC", group)
        p = 0
        for j, ch in enumerate(composed):
            base = _base(ch)
            last = len(group) - (len(composed) - j)  # leave one source per output left
            q = next((k for k in range(p, last + 1) if _base(group[k]) == base), p)
            out.append(ch)
            out_index.append(positions[q])
            p = q + 1
    return Normalized("".join(out), tuple(out_index))


def normalize_text(raw: str) -> str:
    return normalize(raw).text
