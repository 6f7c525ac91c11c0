"""Text normalisation for matching names.

`fold` maps every character to exactly one character (lower case, no diacritics, one kind of
apostrophe and dash), so offsets found in folded text are offsets in the original text.
`translit_key` is a lossy key that makes common transliteration variants of Slavic, Persian
and Arabic names collide ("Shoigu"/"Shoygu", "Hossein"/"Hussain", "Dmitry"/"Dmitri").
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    low = ch.lower()
    if len(low) != 1:
        return ch
    decomposed = unicodedata.normalize("NFD", low)
    base = decomposed[0]
    # Keep characters without a Latin base as they are (one char in, one char out).
    return base if base.isascii() or len(decomposed) == 1 else low


def fold(text: str) -> str:
    """Lower-case, strip diacritics and unify apostrophes; same length as `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def fold_words(text: str) -> str:
    """`fold` plus collapsed whitespace: the key used for alias tables."""
    return " ".join(fold(text).split())


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|ash|az)[- ]", re.IGNORECASE)
# Ordered rewrites: digraphs first, then single letters.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("gh", "g"),
    ("zh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ij", "i"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")


def _word_key(word: str) -> str:
    w = word
    for old, new in _REWRITES:
        w = w.replace(old, new)
    w = _DOUBLE.sub(r"\1", w)
    if len(w) <= 1:
        return w
    # Keep the first letter, collapse vowels elsewhere: vowels are where transliterations differ.
    return w[0] + _VOWELS.sub("a", w[1:])


@functools.lru_cache(maxsize=8192)
def translit_key(name: str) -> str:
    """A coarse spelling key: equal keys mean "probably the same name in another spelling"."""
    words = []
    for raw in fold(name).replace("-", " ").replace("'", "").replace(".", " ").split():
        raw = _ARTICLE_PREFIX.sub("", raw)
        if raw in {"al", "el", "ul", "bin", "ibn", "ben"}:
            continue
        key = _word_key(raw)
        if key:
            words.append(key)
    return " ".join(words)


@functools.lru_cache(maxsize=8192)
def fuzzy_form(name: str) -> str:
    """Folded form for edit-distance scoring, with the same light rewrites as `translit_key`."""
    words = []
    for raw in fold(name).replace("-", " ").replace("'", "").replace(".", " ").split():
        raw = _ARTICLE_PREFIX.sub("", raw)
        if raw in {"al", "el", "ul"}:
            continue
        for old, new in _REWRITES:
            raw = raw.replace(old, new)
        words.append(_DOUBLE.sub(r"\1", raw))
    return " ".join(words)
