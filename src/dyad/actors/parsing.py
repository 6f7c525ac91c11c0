"""Reading and validating knowledge-base YAML entries (package data and the user file)."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from collections.abc import Mapping
from typing import Any, cast

import yaml

from dyad.errors import KnowledgeBaseError
from dyad.model import ActorType

from .normalize import fold_words
from .records import OFFICE_ROLES, CaseRule, Entity, Office, Person


def case_rule(surface: str) -> CaseRule:
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "upper"
    return "cap"


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def as_date(value: Any, where: str) -> dt.date | None:
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


def str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(cast(list[str], value))


def req_str(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"{where}: field {key!r} is missing or not a string")
    return value.strip()


def opt_str(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KnowledgeBaseError(f"{where}: field {key!r} must be a string")
    return value.strip() or None


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~5x faster


def read_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{origin}: not valid YAML: {exc}") from exc


def package_text(name: str) -> str | None:
    resource = importlib.resources.files("dyad") / "data" / "actors" / name
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


def sector_for_role(role: str) -> str:
    return "MIL" if role == "defence_minister" else "GOV"


def parse_person(entry: Any, where: str, known_codes: frozenset[str]) -> Person:
    if not isinstance(entry, dict):
        raise KnowledgeBaseError(f"{where}: a person must be a mapping, got {entry!r}")
    name = req_str(entry, "name", where)
    pid = opt_str(entry, "id", where) or re.sub(r"\W+", "_", name.lower()).strip("_")
    country = req_str(entry, "country", where).upper()
    if country not in known_codes:
        raise KnowledgeBaseError(f"{where}: unknown country or IGO code {country!r} for {name}")
    gender = opt_str(entry, "gender", where)
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
        role = req_str(raw, "role", owhere)
        if role not in OFFICE_ROLES:
            raise KnowledgeBaseError(
                f"{owhere}: unknown role {role!r} (one of {', '.join(sorted(OFFICE_ROLES))})"
            )
        start = as_date(raw.get("start"), owhere)
        end = as_date(raw.get("end"), owhere)
        if start and end and end < start:
            raise KnowledgeBaseError(f"{owhere}: office ends ({end}) before it starts ({start})")
        sector = (opt_str(raw, "sector", owhere) or sector_for_role(role)).upper()
        title = opt_str(raw, "title", owhere) or role.replace("_", " ")
        offices.append(Office(role=role, title=title, start=start, end=end, sector=sector))
    aliases = str_list(entry.get("aliases"), f"{where} aliases")
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
    name = req_str(entry, "name", where)
    eid = opt_str(entry, "id", where) or re.sub(r"\W+", "_", name.upper()).strip("_")
    kind = (opt_str(entry, "kind", where) or default_kind).lower()
    declared = (opt_str(entry, "type", where) or "").lower()
    if kind == "org" and declared in {"igo", "group"}:
        kind = declared
    if kind not in {"igo", "group", "org", "metonym"}:
        raise KnowledgeBaseError(f"{where}: unknown kind {kind!r} (igo, group, org, metonym)")
    country = opt_str(entry, "country", where)
    country = country.upper() if country else None
    if country is not None and country not in states:
        raise KnowledgeBaseError(f"{where}: unknown country code {country!r} for {name}")
    sector = opt_str(entry, "sector", where)
    sector = sector.upper() if sector else None
    igo = opt_str(entry, "igo", where)
    code = opt_str(entry, "code", where)
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
    members = tuple(m.upper() for m in str_list(entry.get("members"), f"{where} members"))
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
        aliases=str_list(entry.get("aliases"), f"{where} aliases"),
        adjectives=str_list(entry.get("adj"), f"{where} adj"),
        members=members,
        locative=bool(entry.get("locative", False)),
    )


def role_tokens(phrase: str) -> tuple[str, ...]:
    """Split a role phrase the way the tokenizer splits text ("secretary-general" -> 3 tokens)."""
    return tuple(fold_words(phrase).replace("-", " - ").split())
