"""Conflicts: values reported for one event (cluster) that cannot both be true.

Reports are compared across documents only (one article repeating itself is not two
sources). A conflict lists every report holding one of the incompatible values.

- date: two explicit dates whose intervals under their precisions do not overlap (2010 vs
  2011 conflicts; 2015-01 vs 2015-01-20 does not). A date that only stands in for the
  publication date, or dates the statement reporting the deed ("denied on Monday that they
  had met"), never conflicts; nor does a week date across the week's boundary.
- location: different countries, or different cities of one country; a city inside the
  other report's country is no conflict. The site of the thing a deal is about is not the
  place of the deal (`features.event_place`). Where the gazetteer resolved no place, the
  place names read from the event's clause are compared (`features.place_words_differ`:
  "the towns of Jermuk and Goris" against "near Kalbajar"), and so are they where one
  report's place was resolved only to a country that holds the other's town.
- venue: the venues' cities differ (a court "in Geneva" against one "Paris-based").
- actor: the source actor's country (or IGO) differs — who did it (symmetric events, where
  both sides act, are left out).
- amount: both give money in one currency (or a count of one unit) and no two figures agree
  within 5%, while some pair is within a factor of 2.5 (so a price is not set against a
  damages claim ten times larger).
- modality: one report asserts (or reports) the event, another says it did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import Any

from dyad.link.features import (
    actor_key,
    amounts,
    amounts_match,
    dates_conflict,
    event_place,
    finest_place,
    is_weak_date,
    place_relation,
    place_words_differ,
    venue,
)
from dyad.model import Conflict, Event

AMOUNT_TOLERANCE = 0.05
AMOUNT_SAME_FIGURE_FACTOR = 2.5
_AFFIRMED = frozenset({"asserted", "reported"})


def _date_value(e: Event) -> str | None:
    return e.date if e.date and not is_weak_date(e) else None


def _place_value(e: Event) -> str | None:
    names, loc = finest_place(e)
    country = (loc or {}).get("country")
    if names:  # a city, or the names the clause gave when the gazetteer knew no better
        return f"{', '.join(names)} ({country})" if country else ", ".join(names)
    if not loc or not loc.get("name"):
        return None
    return f"{loc['name']} ({country})" if country else str(loc["name"])


def _venue_value(e: Event) -> str | None:
    v = venue(e)
    if v is None or not v.get("city"):
        return None
    return f"{v['text']}, {v['city']}"


def _actor_value(e: Event) -> str | None:
    if e.symmetric:
        return None
    key = actor_key(e.source)
    if key is None:
        return None
    name = (e.source or {}).get("name")
    return f"{name} ({key})" if name and name != key else key


def _modality_value(e: Event) -> str | None:
    return e.modality or None


def _amount_conflict(a: Event, b: Event) -> tuple[str, str] | None:
    ams_a, ams_b = amounts(a), amounts(b)
    groups = {(x.get("currency"), x.get("unit")) for x in ams_a} & {
        (y.get("currency"), y.get("unit")) for y in ams_b
    }
    for group in sorted(groups, key=str):
        xs = [x for x in ams_a if (x.get("currency"), x.get("unit")) == group]
        ys = [y for y in ams_b if (y.get("currency"), y.get("unit")) == group]
        if any(amounts_match(x, y, AMOUNT_TOLERANCE) for x in xs for y in ys):
            continue
        for x in xs:
            for y in ys:
                vx, vy = abs(float(x["value"])), abs(float(y["value"]))
                if min(vx, vy) > 0 and max(vx, vy) / min(vx, vy) <= AMOUNT_SAME_FIGURE_FACTOR:
                    return str(x["text"]), str(y["text"])
    return None


def _pairs(
    members: list[Event],
    value: Callable[[Event], str | None],
    incompatible: Callable[[Event, Event], bool],
) -> list[tuple[Event, str, Event, str]]:
    found: list[tuple[Event, str, Event, str]] = []
    for a, b in combinations(members, 2):
        if a.doc_id == b.doc_id:
            continue
        va, vb = value(a), value(b)
        if va is None or vb is None or va == vb:
            continue
        if incompatible(a, b):
            found.append((a, va, b, vb))
    return found


def _entry(e: Event, value: str) -> dict[str, Any]:
    return {
        "value": value,
        "doc_id": e.doc_id,
        "source_name": e.source_name,
        "sentence": e.sentence,
    }


def _conflict(cluster_id: str, name: str, pairs: list[tuple[Event, str, Event, str]]) -> Conflict:
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for a, va, b, vb in pairs:
        for e, v in ((a, va), (b, vb)):
            if (e.doc_id, v) not in seen:
                seen.add((e.doc_id, v))
                entries.append(_entry(e, v))
    return Conflict(cluster_id=cluster_id, field=name, values=tuple(entries))


def _places_differ(a: Event, b: Event) -> bool:
    relation = place_relation(event_place(a), event_place(b))
    if relation in ("differ_city", "differ_country", "same"):
        return relation != "same"
    return place_words_differ(a, b)  # unknown, or one inside the other: the finer names


def _venues_differ(a: Event, b: Event) -> bool:
    va, vb = venue(a), venue(b)
    assert va is not None and vb is not None
    return str(va["city"]).casefold() != str(vb["city"]).casefold()


def _actors_differ(a: Event, b: Event) -> bool:
    # "Russia" and "President Medvedev" are one side: compare countries, not names
    return actor_key(a.source) != actor_key(b.source)


def _modalities_clash(a: Event, b: Event) -> bool:
    pair = {a.modality, b.modality}
    return "negated" in pair and bool(pair & _AFFIRMED)


Pair = tuple[str, Event, str, Event, str]  # field, report a, its value, report b, its value


def conflicting_pairs(members: list[Event]) -> list[Pair]:
    """Every pair of reports (of different documents) that disagree, with the field."""
    ordered = sorted(members, key=lambda e: (e.published or "", e.doc_id, e.sentence_index))
    checks: list[tuple[str, Callable[[Event], str | None], Callable[[Event, Event], bool]]] = [
        ("date", _date_value, dates_conflict),
        ("location", _place_value, _places_differ),
        ("venue", _venue_value, _venues_differ),
        ("actor", _actor_value, _actors_differ),
        ("modality", _modality_value, _modalities_clash),
    ]
    found: list[Pair] = []
    for name, value, incompatible in checks:
        found.extend((name, a, va, b, vb) for a, va, b, vb in _pairs(ordered, value, incompatible))
    for a, b in combinations(ordered, 2):
        if a.doc_id != b.doc_id:
            clash = _amount_conflict(a, b)
            if clash is not None:
                found.append(("amount", a, clash[0], b, clash[1]))
    return found


FIELDS = ("date", "location", "venue", "actor", "modality", "amount")


def find_conflicts(cluster_id: str, members: list[Event]) -> list[Conflict]:
    """Every field on which reports of one cluster disagree, in the order of `FIELDS`."""
    pairs = conflicting_pairs(members)
    conflicts: list[Conflict] = []
    for name in FIELDS:
        chosen = [(a, va, b, vb) for f, a, va, b, vb in pairs if f == name]
        if chosen:
            conflicts.append(_conflict(cluster_id, name, chosen))
    return conflicts
