"""Small towns: geonames places below the gazetteer's population floor, looked up only on demand.

The main gazetteer leaves out towns under `min_population`: their names collide with common
words and surnames, and matching them everywhere would cost precision. A news report still
names such towns ("the Armenian towns of Jermuk and Goris"), so the geoparser asks this index
only for a name the parse marks as a place, and keeps an answer only in a country the document
names (see `geoparse`). The index is built once per process, or loaded from the copy
`build_cache` keeps on disk.

Names are looked up by a loose key (`loose_key`) that also drops the Arabic and Persian
articles and linking vowels transliterations spell in many ways ("Ras al-Ain", "Ra's al 'Ayn",
"Ras el Ain"; "Bandar-e Anzali", "Bandar Anzali").
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeBaseError
from dyad.places.gazetteer import (
    DEFAULT_MIN_POPULATION,
    GazEntry,
    _geonames_file,
    _is_latin,
    _read_json,
    fold_accents,
)

# Transliteration marks for the Arabic 'ayn and hamza, and apostrophes, dropped from keys.
_MARKS = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
# Articles and linking particles written or left out at will: Arabic al- (assimilated as ar-,
# as-, ash-, ad-, an-, at-, az-, and el-, es-, ez-, ed- in French spellings), Persian ezafe -e.
_PARTICLES = frozenset(
    {"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "es", "ez", "ed", "e", "ul"}
)
_DIGIT = re.compile(r"\d")
_MIN_KEY_LENGTH = 4


# One town, kept small (the index holds some 136,000): name, ISO3 country, latitude,
# longitude, population, first-level admin code, geonames id.
Town = tuple[str, str, float, float, int, str | None, int]


@dataclass(frozen=True, slots=True)
class TownIndex:
    """Loose key -> towns below the main gazetteer's floor. Build with `load_towns`."""

    towns: Sequence[Town]
    index: Mapping[str, int | tuple[int, ...]]  # key -> position(s) in `towns`
    max_population: int  # towns at or above this are in the main gazetteer

    def lookup(self, text: str) -> list[GazEntry]:
        found = self.index.get(loose_key(text))
        if found is None:
            return []
        return [_entry(self.towns[k]) for k in ((found,) if isinstance(found, int) else found)]


def _entry(town: Town) -> GazEntry:
    name, iso3, lat, lon, population, admin1, geonameid = town
    return GazEntry(
        gid=f"city:{geonameid}",
        name=name,
        country=iso3,
        lat=lat,
        lon=lon,
        feature="city",
        population=population,
        admin1=admin1,
    )


def loose_key(text: str) -> str:
    """A key that ignores transliteration marks and particles: "Ras al-Ain" -> "ras ain".

    Only for the town index: the main gazetteer keeps the stricter `name_key`.
    """
    cleaned = _MARKS.sub("", fold_accents(text)).lower().replace("-", " ")
    words = cleaned.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    kept = [w for w in words if w not in _PARTICLES]
    return " ".join(kept)


def build_towns(min_population: int = DEFAULT_MIN_POPULATION) -> TownIndex:
    """Every geonames place of at least 1000 people (or seat of a district) below
    `min_population`, under its name and its plain-ASCII alternate names."""
    countries: dict[str, Any] = _read_json(_geonames_file("countries.json"))
    iso2_to_3 = {cc: str(c["iso3"]) for cc, c in countries.items()}

    def town(record: dict[str, Any]) -> Any:
        # Called by the JSON decoder on every object as it is read: each city becomes its
        # entry and keys at once, so the file's 170,000 records are never all held as dicts.
        if "geonameid" not in record:
            return record
        population = int(record.get("population") or 0)
        iso3 = iso2_to_3.get(str(record["countrycode"]))
        if population >= min_population or iso3 is None:
            return None
        return _town_keys(record, iso3, population)

    path = _geonames_file("cities1000.json")
    try:
        with path.open(encoding="utf-8") as fh:
            towns = json.load(fh, object_hook=town)
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(f"cannot read geonames data {path}: {exc}") from exc
    rows: list[Town] = []
    index: dict[str, int | tuple[int, ...]] = {}
    for found in towns.values():
        if found is None:
            continue
        town_row, keys = found
        k = len(rows)
        rows.append(town_row)
        for key in keys:
            old = index.get(key)
            index[key] = k if old is None else (*((old,) if isinstance(old, int) else old), k)
    return TownIndex(towns=rows, index=index, max_population=min_population)


def _town_keys(record: Mapping[str, Any], iso3: str, population: int) -> tuple[Town, set[str]]:
    geo_name = str(record["name"])
    admin1 = str(record.get("admin1code") or "")
    town: Town = (
        fold_accents(geo_name).strip("'\u2018\u2019"),
        iso3,
        float(record["latitude"]),
        float(record["longitude"]),
        population,
        sys.intern(admin1) if admin1 else None,
        int(record["geonameid"]),
    )
    keys = {loose_key(geo_name)} if _is_latin(geo_name) else set()
    # Alternate names in plain ASCII only: geonames spells most towns that way among its
    # variants, and skipping the rest keeps this build short.
    for alias in record.get("alternatenames") or ():
        if (
            alias.isascii()
            and (alias[:1].isupper() or alias[:1] in "'`")
            and not _DIGIT.search(alias)
        ):
            keys.add(loose_key(alias))
    return town, {k for k in keys if len(k) >= _MIN_KEY_LENGTH}


def load_towns(min_population: int = DEFAULT_MIN_POPULATION) -> TownIndex:
    """The town index for a population floor, built once per process and shared."""
    return _cached_towns(min_population)


@functools.cache
def _cached_towns(min_population: int) -> TownIndex:
    from dyad.places import gazetteer
    from dyad.places.build_cache import cached_build

    inputs = [
        _geonames_file("countries.json"),
        _geonames_file("cities1000.json"),
        Path(__file__),
        Path(gazetteer.__file__),  # its accent folding and script test make the keys
    ]
    return cached_build("towns", (min_population,), inputs, lambda: build_towns(min_population))
