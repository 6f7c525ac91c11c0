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

import bisect
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
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

_CHECKS: dict[str, tuple[Callable[[Event], str | None], Callable[[Event, Event], bool]]] = {
    "date": (_date_value, dates_conflict),
    "location": (_place_value, _places_differ),
    "venue": (_venue_value, _venues_differ),
    "actor": (_actor_value, _actors_differ),
    "modality": (_modality_value, _modalities_clash),
}


def _report_order(members: list[Event]) -> list[Event]:
    return sorted(members, key=lambda e: (e.published or "", e.doc_id, e.sentence_index))


def conflicting_pairs(members: list[Event]) -> list[Pair]:
    """Every pair of reports (of different documents) that disagree, with the field."""
    ordered = _report_order(members)
    found: list[Pair] = []
    for name, (value, incompatible) in _CHECKS.items():
        found.extend((name, a, va, b, vb) for a, va, b, vb in _pairs(ordered, value, incompatible))
    for a, b in combinations(ordered, 2):
        if a.doc_id != b.doc_id:
            clash = _amount_conflict(a, b)
            if clash is not None:
                found.append(("amount", a, clash[0], b, clash[1]))
    return found


FIELDS = ("date", "location", "venue", "actor", "modality", "amount")


def _dump(x: object) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False, default=str)


_PLACE_ATTRIBUTES = ("place_words", "object_places", "instrument", "instruments")

# What each field's value and test read from an event: reports with equal projections give
# equal values and answer every test alike, so a test runs once per pair of projections,
# not once per pair of reports (a cluster of thousands of reports has a few projections).
_PROJECTIONS: dict[str, Callable[[Event], Hashable]] = {
    "date": lambda e: (
        e.date,
        e.date_precision,
        e.date_start,
        e.date_end,
        e.date_text,
        _dump((e.attributes or {}).get("statement_dates")),
    ),
    "location": lambda e: (
        _dump(e.location),
        e.cameo,
        e.cameo_root,
        _dump({k: (e.attributes or {}).get(k) for k in _PLACE_ATTRIBUTES}),
    ),
    "venue": lambda e: _dump(venue(e)),
    "actor": lambda e: (e.symmetric, _dump(e.source)),
    "modality": lambda e: e.modality,
    "amount": lambda e: _dump(amounts(e)),
}


@dataclass(slots=True)
class _Group:
    """Reports sharing one projection: their positions in report order, and a representative."""

    rep: Event
    value: str | None  # the field's value (amounts: None, they depend on the other report)
    positions: list[int] = field(default_factory=list)
    other_doc: int | None = None  # first position whose document differs from the first's

    def first_not_of(self, doc: str, docs: list[str]) -> int | None:
        """The first position whose report is not of document `doc`."""
        first = self.positions[0]
        return first if docs[first] != doc else self.other_doc

    def first_after_not_of(self, pos: int, doc: str, docs: list[str]) -> int | None:
        for q in self.positions[bisect.bisect_right(self.positions, pos) :]:
            if docs[q] != doc:
                return q
        return None


def _groups(ordered: list[Event], name: str) -> list[_Group]:
    """The reports that can take part in a conflict on `name`, grouped by projection."""
    projection = _PROJECTIONS[name]
    value = _CHECKS[name][0] if name in _CHECKS else None
    by_key: dict[Hashable, _Group] = {}
    for pos, e in enumerate(ordered):
        key = projection(e)
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = _Group(e, value(e) if value else None)
        elif group.other_doc is None and e.doc_id != group.rep.doc_id:
            group.other_doc = pos
        group.positions.append(pos)
    if value is None:
        return [g for g in by_key.values() if amounts(g.rep)]
    return [g for g in by_key.values() if g.value is not None]


def _clash(name: str, g: _Group, h: _Group) -> tuple[str, str] | None:
    """The values reports of `g` and `h` show when one of `g` comes first and they
    disagree; None when they agree."""
    if name == "amount":
        return _amount_conflict(g.rep, h.rep)
    if g.value is None or h.value is None or g.value == h.value:
        return None
    return (g.value, h.value) if _CHECKS[name][1](g.rep, h.rep) else None


def _field_conflict(cluster_id: str, name: str, ordered: list[Event]) -> Conflict | None:
    """The conflict on one field: the same entries, in the same order, as pairing every two
    reports of different documents in report order (`conflicting_pairs`) gives, at the cost
    of pairing projections."""
    groups = _groups(ordered, name)
    docs = [e.doc_id for e in ordered]
    # entry (document, value) -> (the first pair of reports showing it, its place in the pair)
    first: dict[tuple[str, str], tuple[int, int, int]] = {}

    def note(pos: int, value: str, key: tuple[int, int, int]) -> None:
        entry = (docs[pos], value)
        if entry not in first or key < first[entry]:
            first[entry] = key

    clashes = {
        (i, j): _clash(name, groups[i], groups[j])
        for i in range(len(groups))
        for j in range(len(groups))
        if i != j
    }
    for i, g in enumerate(groups):
        for j, h in enumerate(groups):
            if i == j:
                continue
            forward = clashes[i, j]  # a report of g before one of h
            backward = clashes[j, i]  # a report of h before one of g
            if forward is None and backward is None:
                continue
            for pos in g.positions:
                doc = docs[pos]
                earliest = h.first_not_of(doc, docs)
                if earliest is None:
                    continue
                if backward is not None and earliest < pos:
                    note(pos, backward[1], (earliest, pos, 1))
                if forward is not None:
                    later = earliest if earliest > pos else h.first_after_not_of(pos, doc, docs)
                    if later is not None:
                        note(pos, forward[0], (pos, later, 0))
    if not first:
        return None
    entries = sorted(first.items(), key=lambda item: item[1])
    return Conflict(
        cluster_id=cluster_id,
        field=name,
        values=tuple(
            _entry(ordered[key[0] if key[2] == 0 else key[1]], v) for (_, v), key in entries
        ),
    )


def conflicts_from_pairs(cluster_id: str, pairs: list[Pair]) -> list[Conflict]:
    """The conflicts `conflicting_pairs` shows, one per field in the order of `FIELDS`: the
    reference `find_conflicts` is tested against (it costs the square of the cluster)."""
    conflicts: list[Conflict] = []
    for name in FIELDS:
        chosen = [(a, va, b, vb) for f, a, va, b, vb in pairs if f == name]
        if chosen:
            conflicts.append(_conflict(cluster_id, name, chosen))
    return conflicts


def find_conflicts(cluster_id: str, members: list[Event]) -> list[Conflict]:
    """Every field on which reports of one cluster disagree, in the order of `FIELDS`.

    Each conflict lists every (document, value) involved, in the order in which pairing the
    reports in report order meets them first (what `conflicting_pairs` gives); the reports
    are compared by projection (`_PROJECTIONS`), so a big cluster costs its distinct values,
    not the square of its size.
    """
    ordered = _report_order(members)
    found = (_field_conflict(cluster_id, name, ordered) for name in FIELDS)
    return [c for c in found if c is not None]
