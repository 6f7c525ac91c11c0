"""Typed records passed between the stages of the pipeline.

Every record that came from text keeps the document id, the sentence index and character
offsets into the *normalised* article text, so any field can be traced back to its words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Modality = Literal["asserted", "negated", "planned", "reported", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year", "range", "publication"]
ActorType = Literal["state", "igo", "person", "org", "group", "unknown"]

MODALITIES: tuple[str, ...] = ("asserted", "negated", "planned", "reported", "hypothetical")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "range", "publication")


@dataclass(frozen=True, slots=True)
class Article:
    """One normalised input document, ready for the NLP stage."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    source_name: str | None = None
    url: str | None = None
    published: dt.date | None = None
    origin: str = ""  # where it came from: "path" or "path:line"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A record that could not be ingested, kept with the reason and where it came from."""

    origin: str
    code: str  # the DyadError code, e.g. "E103"
    reason: str
    raw: str = ""  # a bounded excerpt of the raw input


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor. `code` is CAMEO-style: country + sector (RUSGOV), or an IGO code."""

    name: str
    code: str
    type: ActorType = "state"
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, JUD, LEG, OPP, REB, BUS, MED, NGO, REL, CVL, ...
    person: str | None = None
    igo: str | None = None  # IGO code when the actor is (part of) an organisation

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "text": text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "person": self.person,
            "type": self.type,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names (or refers back to) an actor."""

    sentence_index: int
    tok_start: int  # spaCy token index in the Doc, end exclusive
    tok_end: int
    char_start: int
    char_end: int
    text: str
    actor: Actor
    method: str  # exact | alias | demonym | capital | metonym | fuzzy | title | coref | user
    score: float = 1.0
    evidence: str = ""  # why it resolved this way, for `dyad actor NAME`


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved date: value `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (range start for ranges)."""

    value: str
    precision: DatePrecision
    text: str | None = None
    start: dt.date | None = None  # first day covered
    end: dt.date | None = None  # last day covered
    char_start: int | None = None
    char_end: int | None = None
    suspicious: bool = False  # e.g. a past-tense event dated in the future


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    feature: str  # city | country | admin | sea | region | venue
    text: str = ""
    char_start: int | None = None
    char_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
        }


@dataclass(slots=True)
class Event:
    """One coded event, as in the event JSON contract of DESIGN.md (plus additive fields)."""

    event_id: str
    doc_id: str
    source_name: str | None
    published: str | None
    sentence: str
    sentence_index: int
    char_start: int
    char_end: int
    trigger: str
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    cameo: str
    cameo_root: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: dict[str, Any] | None = None
    modality: str = "asserted"
    attribution: dict[str, Any] | None = None
    confidence: float = 0.5
    cluster_id: str | None = None
    # additive fields
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    symmetric: bool = False
    trigger_start: int = 0
    trigger_end: int = 0
    attributes: dict[str, Any] = field(default_factory=dict)
    date_start: str | None = None
    date_end: str | None = None

    def to_json(self) -> dict[str, Any]:
        # a shallow copy (nested dicts and lists are copied one level): `asdict`'s deep copy
        # cost more than coding the event, and callers only serialise or read the result
        out: dict[str, Any] = {}
        for f in _EVENT_FIELDS:
            value = getattr(self, f)
            out[f] = value.copy() if isinstance(value, dict | list) else value
        return out


_EVENT_FIELDS = tuple(f.name for f in fields(Event))


def party_of(actor: dict[str, Any] | None) -> str | None:
    """The party an event actor stands for: its country (ISO alpha-3), or its organisation
    code for IGOs; None when unknown. Linking blocks and discourse targets both use it."""
    if not actor:
        return None
    if actor.get("type") == "igo" and actor.get("code"):
        return str(actor["code"])[:3]
    if actor.get("country"):
        return str(actor["country"])
    code = actor.get("code")
    return str(code)[:3] if code else None


@dataclass(frozen=True, slots=True)
class Conflict:
    cluster_id: str
    field: str
    values: tuple[dict[str, Any], ...]


@dataclass(slots=True)
class DocResult:
    """Everything the pipeline learned from one article, written to the store in one transaction."""

    article: Article
    sentences: list[tuple[int, int, int, str]]  # (index, char_start, char_end, text)
    mentions: list[Mention]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
