"""Names of states as news text writes them, read from the actors' package data.

`state_words()` folds every name, adjective and plural ("Russia", "Russian", "Russians");
`countries_named(sent)` lists the states a sentence names in those ways or by a capital
("Moscow"). The link layer uses them to tell a state's name from a weapon's or a town's, and
to record which states an event's sentence names (`attributes["sentence_countries"]`): a
coder that finds one side of an event often misses the other side the sentence names.
"""

from __future__ import annotations

import functools
import importlib.resources

import yaml
from spacy.tokens import Span

_MAX_WORDS = 4  # "United States of America"


_NAME_FIELDS = ("names", "adj", "pl")


@functools.cache
def _states_data() -> dict[str, dict[str, list[str]]]:
    resource = importlib.resources.files("dyad") / "data" / "actors" / "states.yaml"
    data = yaml.safe_load(resource.read_text(encoding="utf-8")) or {}
    return {str(code): entry for code, entry in data.items() if isinstance(entry, dict)}


def _fold(word: object) -> str:
    return str(word).casefold().removeprefix("the ")


@functools.cache
def _country_of_words() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, entry in _states_data().items():
        for field in (*_NAME_FIELDS, "cap"):
            for word in entry.get(field) or []:
                table.setdefault(_fold(word), code)
    return table


@functools.cache
def state_words() -> frozenset[str]:
    """Names, adjectives and plurals of states, folded ("russia", "russian", "russians");
    capitals are towns too, so they are not among them."""
    return frozenset(
        _fold(word)
        for entry in _states_data().values()
        for field in _NAME_FIELDS
        for word in entry.get(field) or []
    )


@functools.cache
def state_codes() -> frozenset[str]:
    """ISO alpha-3 codes of the states in the table."""
    return frozenset(_states_data())


@functools.cache
def _first_words() -> frozenset[str]:
    """The first word of every name: most tokens are ruled out by one set lookup."""
    return frozenset(name.split()[0] for name in _country_of_words() if name.split())


def countries_named(sent: Span) -> list[str]:
    """ISO alpha-3 codes of the states a sentence names, in order of first mention."""
    table, firsts = _country_of_words(), _first_words()
    doc = sent.doc
    found: list[str] = []
    i, end = sent.start, sent.end
    while i < end:
        tok = doc[i]
        step = 1
        if tok.text[:1].isupper() and tok.text.casefold() in firsts:
            words = [doc[j] for j in range(i, min(i + _MAX_WORDS, end))]
            for n in range(len(words), 0, -1):
                name = "".join(w.text_with_ws for w in words[:n]).strip().casefold()
                code = table.get(name)
                if code is not None:
                    if code not in found:
                        found.append(code)
                    step = n
                    break
        i += step
    return found
