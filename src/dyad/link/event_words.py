"""Classes of words that name one act ("shelled" / "bombarded", "exercise" / "drill").

Two outlets rarely tell an event with the same verb: the trigger similarity of the pair score
compares triggers after each word is replaced by its class (see
`dyad/data/link/event_words.yaml`). Words are matched on the crude 5-letter stems of
`dyad.link.features`, so inflections meet without a lemmatiser (scoring runs no spaCy).
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable, Iterable

import yaml

from dyad.errors import DyadError


class EventWordsError(DyadError):
    """The event-word classes file is malformed (a word in two classes, a bad entry)."""

    code = "E251"


def _forms(word: str) -> set[str]:
    """The word and its regular inflections (over-generating is harmless: stems are looked
    up, not produced)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) <= 4 and word[-1] not in "aeiouwy":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "shipped", "stopped"
    return forms


def build_classes(classes: dict[str, list[str]], stem: Callable[[str], str]) -> dict[str, str]:
    """stem -> class name; raises EventWordsError when one stem falls in two classes."""
    table: dict[str, str] = {}
    for name, words in classes.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise EventWordsError(f"event word class {name!r} must be a list of words")
        stems: set[str] = set()
        for word in words:
            stems |= {stem(f) for f in _forms(word.casefold())}
        for s in stems:
            if table.get(s, name) != name:
                raise EventWordsError(f"stem {s!r} is in classes {table[s]!r} and {name!r}")
            table[s] = name
    return table


@functools.cache
def _raw_classes() -> dict[str, list[str]]:
    resource = importlib.resources.files("dyad") / "data" / "link" / "event_words.yaml"
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("classes"), dict):
        raise EventWordsError("event_words.yaml needs a mapping 'classes'")
    return {str(k): v for k, v in data["classes"].items()}


@functools.cache
def word_classes(stem: Callable[[str], str]) -> dict[str, str]:
    """The packaged classes, keyed by the stems `stem` makes (read once)."""
    return build_classes(_raw_classes(), stem)


def canonical(stems: Iterable[str], table: dict[str, str]) -> list[str]:
    """Each stem replaced by its class name (prefixed, so a class never equals a word)."""
    return [f"={table[s]}" if s in table else s for s in stems]
