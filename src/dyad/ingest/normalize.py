"""Text normalisation that keeps an exact map back to the input characters.

The stored article text is the normalised text, and every offset dyad records points into it.
`normalize` also returns, for each output character, the index of the input character it came
from, so evidence can be traced back to the raw input (after Unicode NFC, which is applied first
because composition is not a character-by-character operation).
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
    return Normalized("".join(out), tuple(index))


def normalize_text(raw: str) -> str:
    return normalize(raw).text
