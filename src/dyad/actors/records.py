"""Typed records of the actor knowledge base: offices, people, states, organisations, roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dyad.model import ActorType

AliasKind = Literal[
    "person", "entity", "state", "adj", "plural", "capital", "surname", "blocker", "iso"
]
CaseRule = Literal["upper", "cap", "any"]

OFFICE_ROLES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "interior_minister",
        "supreme_leader",
        "igo_head",
        "other",
    }
)
_ROLE_RANK = {
    role: rank
    for rank, role in enumerate(
        (
            "head_of_state",
            "head_of_government",
            "supreme_leader",
            "igo_head",
            "foreign_minister",
            "defence_minister",
            "interior_minister",
            "other",
        )
    )
}
# Lower number wins when one alias names several things.
_PRIORITY: dict[str, int] = {
    "blocker": 0,
    "person": 1,
    "entity": 2,
    "state": 3,
    "adj": 4,
    "plural": 5,
    "iso": 6,
    "capital": 7,
    "surname": 8,
}


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    title: str
    start: dt.date | None
    end: dt.date | None
    sector: str
    where: str | None = None  # another state or IGO the office serves ("Prime Minister of Norway")

    def holds_on(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    gender: str | None
    offices: tuple[Office, ...]

    @property
    def surname(self) -> str:
        """The family name: last in most names, first in Chinese and Korean ones ("Wang Yi",
        "Park Geun-hye"), which English reports keep in their own order."""
        parts = self.name.split()
        if self.country in FAMILY_NAME_FIRST and len(parts) > 1:
            return parts[0]
        return parts[-1]

    def office_at(self, on: dt.date | None) -> Office | None:
        """The office held on `on` (the most senior listed first); without a date, the latest."""
        if not self.offices:
            return None
        if on is None:
            current = [o for o in self.offices if o.end is None]
            if current:
                return current[0]
            return max(self.offices, key=lambda o: o.end or dt.date.min)
        held = [o for o in self.offices if o.holds_on(on)]
        if not held:
            return None
        # Two offices at once (Prime Minister and Minister of Defence): the senior one codes.
        return min(held, key=lambda o: _ROLE_RANK.get(o.role, len(_ROLE_RANK)))

    def nearest_office(self, on: dt.date | None) -> Office | None:
        """The office held on `on`, else the last one before it, else the first one after."""
        held = self.office_at(on)
        if held is not None or on is None:
            return held
        before = [o for o in self.offices if o.end is not None and o.end < on]
        if before:
            return max(before, key=lambda o: o.end or dt.date.min)
        if not self.offices:
            return None  # a person known without any office (a suspect, a journalist)
        return min(self.offices, key=lambda o: o.start or dt.date.min)


@dataclass(frozen=True, slots=True)
class StateInfo:
    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    plurals: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """An IGO, a multi-country or armed group, a national organisation, or a metonym."""

    id: str
    name: str
    kind: Literal["igo", "group", "org", "metonym"]
    type: ActorType
    code: str
    country: str | None
    sector: str | None
    igo: str | None
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    members: tuple[str, ...]
    locative: bool


@dataclass(frozen=True, slots=True)
class RoleInfo:
    phrase: str
    sector: str
    office: str | None
    title: str | None
    person: bool


@dataclass(frozen=True, slots=True)
class AliasEntry:
    surface: str
    kind: AliasKind
    target: str
    case: CaseRule
    source: str  # which file or table the alias came from, for `explain`

    @property
    def priority(self) -> int:
        return _PRIORITY[self.kind]
