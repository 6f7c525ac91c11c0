"""Recognising people: exact aliases, transliteration variants and typos, gated by context.

A variant or fuzzy match is accepted only when the context agrees: a title or nationality next
to the name names the person's country, or the person held an office on the article date and
that country is mentioned in the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .kb import KnowledgeBase, Person
from .normalize import fuzzy_form, translit_key

FUZZY_CUTOFF = 84.0
VARIANT_MIN_RATIO = 70.0


@dataclass(frozen=True, slots=True)
class PersonGuess:
    person: Person
    method: str  # variant | fuzzy
    score: float
    evidence: str


class PersonIndex:
    """Variant keys and fuzzy forms of every person name in the knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        choices: list[str] = []
        owners: list[str] = []
        for person in kb.people.values():
            for name in (person.name, *person.aliases):
                choices.append(fuzzy_form(name))
                owners.append(person.id)
        self._choices = choices
        self._owners = owners
        surnames: dict[str, list[str]] = {}
        for person in kb.people.values():
            surnames.setdefault(fuzzy_form(person.surname), []).append(person.id)
        self._surname_choices = list(surnames)
        self._surname_owners = [surnames[k] for k in self._surname_choices]

    def candidates(self, name: str) -> list[PersonGuess]:
        """Possible people for a name not found verbatim, best first."""
        kb = self._kb
        guesses: list[PersonGuess] = []
        seen: set[str] = set()
        key = translit_key(name)
        single = len(name.split()) == 1
        table = kb.surname_translit if single else kb.translit
        form = fuzzy_form(name)
        for pid in table.get(key, []):
            if pid in seen:
                continue
            person = kb.people[pid]
            names = (person.name, *person.aliases)
            targets = [n.split()[-1] for n in names] if single else list(names)
            # equal keys are not enough on their own ("Rusia" and "Raisi" share one)
            closeness = max(fuzz.ratio(form, fuzzy_form(t)) for t in targets)
            if closeness < VARIANT_MIN_RATIO:
                continue
            seen.add(pid)
            why = f"spelling variant of '{person.name}' (key '{key}', similarity {closeness:.0f})"
            guesses.append(PersonGuess(person, "variant", 0.95, why))
        if single:
            for match, score, i in process.extract(
                form, self._surname_choices, scorer=fuzz.ratio, limit=3, score_cutoff=FUZZY_CUTOFF
            ):
                for pid in self._surname_owners[i]:
                    if pid not in seen and len(form) >= 5:
                        seen.add(pid)
                        why = f"surname '{match}' ~ '{form}' score {score:.0f}"
                        guesses.append(PersonGuess(kb.people[pid], "fuzzy", score / 100, why))
        else:
            for match, score, i in process.extract(
                form, self._choices, scorer=fuzz.ratio, limit=5, score_cutoff=FUZZY_CUTOFF
            ):
                pid = self._owners[i]
                if pid not in seen:
                    seen.add(pid)
                    why = f"name '{match}' ~ '{form}' score {score:.0f}"
                    guesses.append(PersonGuess(kb.people[pid], "fuzzy", score / 100, why))
        return guesses


def context_agrees(
    person: Person,
    on: dt.date | None,
    title_country: str | None,
    title_office: str | None,
    doc_countries: set[str],
) -> tuple[bool, str]:
    """Is a variant/fuzzy match plausible here? Returns (accepted, why)."""
    if title_country is not None:
        if title_country == person.country:
            return True, f"title names {title_country}"
        return False, f"title names {title_country}, person is {person.country}"
    office = person.office_at(on) if on is not None else person.office_at(None)
    if title_office is not None and office is not None and office.role == title_office:
        return True, f"title matches office {office.title}"
    if office is not None and person.country in doc_countries:
        return True, f"holds {office.title} on {on} and {person.country} is in the text"
    return False, "no title, nationality or office on that date to confirm it"
