"""Turning what a name matched (plus role words) into an `Actor`, shared by the document
passes and by name resolution."""

from __future__ import annotations

import datetime as dt

from rapidfuzz import fuzz

from dyad.model import Actor

from .kb import AliasEntry, Entity, KnowledgeBase, Person, RoleInfo
from .normalize import fuzzy_form, translit_key

_NAME_METHOD = {"adj": "demonym", "plural": "demonym", "capital": "capital", "iso": "alias"}


class ActorBuilder:
    """Actors for alias entries, role words and office holders on a date."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def entity_of(self, entry: AliasEntry) -> Entity | None:
        """The organisation an alias names (entity names, and adjectives such as 'Western')."""
        if entry.kind in {"entity", "adj"}:
            return self.kb.entities.get(entry.target)
        return None

    @staticmethod
    def method(entry: AliasEntry) -> str:
        if entry.source == "user":
            return "user"
        if entry.kind == "entity":
            return "metonym" if entry.source == "metonym" else "alias"
        if entry.kind == "state":
            return "exact"
        return _NAME_METHOD.get(entry.kind, "alias")

    def choose_person(
        self, entries: tuple[AliasEntry, ...], on: dt.date | None, country: str | None
    ) -> Person | None:
        people = [self.kb.people[e.target] for e in entries if e.kind in {"person", "surname"}]
        if not people:
            return None
        if len(people) == 1:
            return people[0]

        def rank(p: Person) -> tuple[int, int]:
            return (
                0 if p.office_at(on) is not None else 1,
                0 if country is None or p.country == country else 1,
            )

        return min(people, key=rank)

    def given_name_match(
        self, entries: tuple[AliasEntry, ...], given: str, on: dt.date | None
    ) -> Person | None:
        """Among people with this surname, one whose first names agree with `given`."""
        best: Person | None = None
        best_rank = (2, 0.0)
        form, key = fuzzy_form(given), translit_key(given)
        for entry in entries:
            person = self.kb.people.get(entry.target)
            if person is None or entry.kind != "surname":
                continue
            for name in (person.name, *person.aliases):
                first = " ".join(name.split()[:-1])
                if not first:
                    continue
                score = max(
                    fuzz.ratio(form, fuzzy_form(first)),
                    fuzz.ratio(form, fuzzy_form(first.split()[-1])),
                    100.0 if translit_key(first) == key else 0.0,
                )
                if score < 70:
                    continue
                rank = (0 if person.office_at(on) else 1, -score)
                if rank < best_rank:
                    best, best_rank = person, rank
        return best

    def actor_for(
        self,
        entry: AliasEntry,
        entity: Entity | None,
        role: RoleInfo | None,
        on: dt.date | None,
        lookup: bool = True,
    ) -> tuple[Actor, str | None, str]:
        """The actor for a name plus role words: (actor, method override, why)."""
        kb = self.kb
        if entity is not None:
            if role is not None and role.person and role.office and entity.country:
                return self.office_holder(entity.country, role, on, lookup)
            sector = role.sector if role is not None else None
            if (
                entity.kind == "metonym"
                and role is not None
                and role.phrase
                in {"officials", "official", "spokesman", "sources", "aides", "aide"}
            ):
                sector = entity.sector  # "Kremlin officials" stay with the Kremlin's sector
            return kb.entity_actor(entity, sector), None, ""
        country = entry.target
        if role is not None and role.person:
            return self.office_holder(country, role, on, lookup)
        if role is not None:
            return kb.state_actor(country, role.sector), None, ""
        if entry.kind == "capital":
            return kb.state_actor(country, "GOV"), None, ""
        return kb.state_actor(country), None, ""

    def office_holder(
        self, country: str, role: RoleInfo, on: dt.date | None, lookup: bool = True
    ) -> tuple[Actor, str | None, str]:
        kb = self.kb
        if role.office and lookup:
            holders = kb.holders(country, role.office, on, role.title)
            if not holders and role.title:
                holders = kb.titled(country, role.title, on)
            if holders:
                actor, why = kb.person_actor(holders[0], on)
                return actor, "title", f"{holders[0].name} held it ({why})"
        actor = Actor(
            name=f"{kb.state_name(country)} {role.phrase}",
            code=country + role.sector,
            type="person",
            country=country,
            sector=role.sector,
        )
        why = "holder not in the knowledge base" if lookup else "a past holder: not identified"
        return actor, "title", why
