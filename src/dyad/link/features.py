"""Comparable views of an `Event`: its date interval, place, actors, words and attributes.

Everything here is a pure function of one or two events; `scoring` weighs the results.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from dyad.link.event_words import canonical, word_classes
from dyad.link.families import code_family
from dyad.link.states import state_codes
from dyad.model import Event, party_of

DateRelation = Literal["overlap", "near", "far", "unknown"]
PlaceRelation = Literal["same", "contains", "differ_city", "differ_country", "unknown"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*|\d[\d,.]*")
# Towns of two countries this close (a border area) disagree about one place rather than
# name two.
NEAR_ACROSS_BORDER_KM = 300.0
# Places coarser than a city: an event "in Iran" is compatible with one "in Tehran".
_AREA_FEATURES = frozenset({"country", "admin", "region", "sea"})


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.date
    end: dt.date
    weak: bool  # only the publication date stands in for the event date


# Bounded memos of pure functions of strings: a new event is compared with many stored
# ones, and their sentences and dates would otherwise be re-read for every pair.
_MEMO = 65536


@functools.lru_cache(maxsize=_MEMO)
def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=_MEMO)
def _interval_of_value(value: str, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The days covered by a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value at its precision."""
    try:
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    if precision == "week":  # the value is the first day of the week
        return day, day + dt.timedelta(days=6)
    return day, day


def is_weak_date(e: Event) -> bool:
    """True when the event carries no date of its own: the publication date, nothing, or the
    date of the statement that reports it ("denied on Monday that they had met": Monday is
    when the denial was made; see `attributes.statement_dates`)."""
    return e.date_precision == "publication" or not e.date or dated_by_statement(e)


def dated_by_statement(e: Event) -> bool:
    said = (e.attributes or {}).get("statement_dates")
    if not said or not e.date_text or not isinstance(said, list):
        return False  # the common case, first: scoring asks this for every pair
    text = e.date_text.casefold().strip()
    return any(str(d).casefold() in text or text in str(d).casefold() for d in said)


def event_interval(e: Event) -> Interval | None:
    """The span of days the event's date allows, or None when nothing is known."""
    weak = is_weak_date(e)
    if not weak:
        start, end = _parse_day(e.date_start), _parse_day(e.date_end)
        if start and end and start <= end:
            return Interval(start, end, False)
        assert e.date is not None
        span = _interval_of_value(e.date, e.date_precision)
        if span is not None:
            return Interval(span[0], span[1], False)
    stand_in = _parse_day(e.date) if e.date else None
    stand_in = stand_in or _parse_day(e.published)
    if stand_in is None:
        return None
    return Interval(stand_in, stand_in, True)


def interval_gap_days(a: Interval, b: Interval) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def interval_days(i: Interval) -> int:
    return (i.end - i.start).days + 1


def date_relation(a: Event, b: Event, near_min_days: int) -> tuple[DateRelation, bool]:
    """How two events' dates relate, and whether either date is only a publication stand-in.

    A gap up to the length of the longer interval (at least `near_min_days`, at most a year)
    is "near": 2010 against 2011, or the 20th against the 22nd; beyond that the dates name
    different times.
    """
    return interval_relation(event_interval(a), event_interval(b), near_min_days)


def interval_relation(
    ia: Interval | None, ib: Interval | None, near_min_days: int
) -> tuple[DateRelation, bool]:
    """`date_relation` over intervals already computed (the pair score computes them once)."""
    if ia is None or ib is None:
        return "unknown", True
    weak = ia.weak or ib.weak
    gap = interval_gap_days(ia, ib)
    if gap == 0:
        return "overlap", weak
    # a long range ("since 1979") must not make every date near: lengths count up to a year
    limit = max(near_min_days, min(366, max(interval_days(ia), interval_days(ib))))
    return ("near" if gap <= limit else "far"), weak


# "Last week" read on a Sunday or a Monday may name the week before or the week ending: a
# week date this close to the other report's date is no disagreement.
WEEK_BOUNDARY_DAYS = 2


def week_boundary_miss(a: Event, b: Event) -> bool:
    """A week date that misses the other date by a few days across the week's boundary."""
    return intervals_miss_by_week_boundary(a, b, event_interval(a), event_interval(b))


def intervals_miss_by_week_boundary(
    a: Event, b: Event, ia: Interval | None, ib: Interval | None
) -> bool:
    if "week" not in (a.date_precision, b.date_precision):
        return False
    if ia is None or ib is None or ia.weak or ib.weak:
        return False
    return 0 < interval_gap_days(ia, ib) <= WEEK_BOUNDARY_DAYS


def dates_conflict(a: Event, b: Event) -> bool:
    """Two explicit dates whose intervals cannot overlap: 2010 vs 2011, not 2015-01 vs 01-20
    (nor a week date across its boundary: `week_boundary_miss`)."""
    ia, ib = event_interval(a), event_interval(b)
    if ia is None or ib is None or ia.weak or ib.weak:
        return False
    return interval_gap_days(ia, ib) > 0 and not week_boundary_miss(a, b)


def precision_rank(e: Event) -> int:
    """Higher is more precise; used to prefer the most precise of compatible dates."""
    order = {"day": 5, "week": 4, "range": 3, "month": 2, "year": 1}
    return order.get(e.date_precision or "", 0) if not is_weak_date(e) else 0


# --- places ---------------------------------------------------------------------------------


def _haversine_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        lat1, lon1 = math.radians(float(a["lat"])), math.radians(float(a["lon"]))
        lat2, lon2 = math.radians(float(b["lat"])), math.radians(float(b["lon"]))
    except (KeyError, TypeError, ValueError):
        return None
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _is_area(place: dict[str, Any]) -> bool:
    return str(place.get("feature") or "") in _AREA_FEATURES


def _same_name(a: dict[str, Any], b: dict[str, Any]) -> bool:
    na, nb = str(a.get("name") or "").casefold(), str(b.get("name") or "").casefold()
    return bool(na) and na == nb


def place_relation(a: dict[str, Any] | None, b: dict[str, Any] | None) -> PlaceRelation:
    """same place; one contains the other (city in its country); or they differ."""
    if not a or not b:
        return "unknown"
    ca, cb = a.get("country"), b.get("country")
    distance = _haversine_km(a, b)
    if ca and cb and ca != cb:
        # two towns near a border (a clash each side places on the other's soil)
        # disagree like two cities of one country; further apart they are
        # different places, even when the names agree: Tripoli, Libya or Lebanon
        near = distance is not None and distance <= NEAR_ACROSS_BORDER_KM
        return "differ_city" if near and not (_is_area(a) or _is_area(b)) else "differ_country"
    if _same_name(a, b):
        return "same"
    if distance is not None and distance < 40 and not (_is_area(a) or _is_area(b)):
        return "same"  # two spellings of one city ("Teheran", "Tehran")
    if ca and cb and ca == cb:
        if _is_area(a) or _is_area(b):
            return "contains"
        return "differ_city"
    return "unknown"


# --- actors ---------------------------------------------------------------------------------


actor_key = party_of  # The country (ISO alpha-3) of an actor, or its IGO code; None when unknown.


def dyad_key(e: Event) -> str:
    """The unordered pair of actor keys, e.g. "IRN|RUS"; "-" stands for an unknown side."""
    pair = sorted(k or "-" for k in (actor_key(e.source), actor_key(e.target)))
    return "|".join(pair)


def event_sides(e: Event) -> set[str]:
    return {k for k in (actor_key(e.source), actor_key(e.target)) if k}


def named_states(e: Event) -> list[str] | None:
    """The states the event's sentence names (None: stored before that was recorded)."""
    named = (e.attributes or {}).get("sentence_countries")
    return named if isinstance(named, list) else None


def side_missing_elsewhere(
    sides_a: set[str], named_a: list[str] | None, sides_b: set[str], named_b: list[str] | None
) -> bool:
    """A report missing one side (sides and `named_states` of each report), whose sentence
    names states, none of them the side the other report gives: "Medvedev refused to ship
    the S-300 system to Iran" (coded with no target) is not the refusal of Russia towards
    Ukraine. Only states are checked (the sentence's states are read from its words:
    `attributes["sentence_countries"]`)."""
    for mine, named, theirs in ((sides_a, named_a, sides_b), (sides_b, named_b, sides_a)):
        if len(mine) != 1 or not theirs - mine:
            continue
        if named is None:
            continue  # stored before the attribute existed: nothing to say
        others = set(named) - mine
        wanted = {k for k in theirs - mine if k in state_codes()}
        if wanted and others and not wanted & others:
            return True
    return False


def family(e: Event) -> str:
    return code_family(e.cameo, e.cameo_root)


def _code_ancestor(code: str) -> str:
    """The node a code names in the CAMEO tree: "120" (reject, not specified) is the root
    "12" itself; other codes name themselves."""
    code = code.strip()
    return code[:2] if len(code) == 3 and code.endswith("0") else code


# CAMEO's intents (03x) announce the deeds of other roots: "agreed to restore relations"
# is coded 032 (intent to cooperate diplomatically) by one coder and 05 (diplomatic
# cooperation) by another.
_INTENT_OF_ROOT = {"031": "06", "032": "05", "033": "07", "034": "08", "036": "04"}


def _announces(intent: str, deed: str) -> bool:
    return _INTENT_OF_ROOT.get(intent[:3]) == deed[:2]


def code_relation(a: Event, b: Event) -> str:
    """ "same", "general" (one code is an ancestor of the other: "120" and "1222", "162" and
    "1622": a coder who chose the general code does not contradict the specific one),
    "root" (siblings of one root, or an intent and the deed it announces: 032 and 057),
    "family" or "other"."""
    ca, cb = (a.cameo or "").strip(), (b.cameo or "").strip()
    if ca and ca == cb:
        return "same"
    if ca and cb:
        na, nb = _code_ancestor(ca), _code_ancestor(cb)
        if na == nb or nb.startswith(na) or na.startswith(nb):
            return "general"
        if _announces(ca, cb) or _announces(cb, ca):
            return "root"
    if a.cameo_root and a.cameo_root == b.cameo_root:
        return "root"
    return "family" if family(a) == family(b) else "other"


# --- words ----------------------------------------------------------------------------------


def _stem(word: str) -> str:
    """A crude stem good enough to meet "refused"/"refusal" or "Russia"/"Russian"."""
    w = word.casefold().removesuffix("'s")
    return w[:5] if len(w) > 5 else w


@functools.lru_cache(maxsize=_MEMO)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(
        _stem(w) for w in _WORD.findall(text) if w.casefold() not in STOP_WORDS and len(w) > 2
    )


def text_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two stem sets."""
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


@functools.lru_cache(maxsize=_MEMO)
def _trigger_key(text: str) -> str:
    words = _WORD.findall(text)
    # "staged a joint drill": the article says nothing; "made a visit": keep a lone verb
    content = [w for w in words if w.casefold() not in STOP_WORDS] or words
    stems = canonical((_stem(w) for w in content), word_classes(_stem))
    return " ".join(sorted(stems))


def trigger_similarity(a: str, b: str) -> float:
    """0..1: rapidfuzz ratio of the stemmed trigger words, each word replaced by its class of
    words for one act ("shelled" and "bombarded" meet; see `dyad.link.event_words`)."""
    sa, sb = _trigger_key(a), _trigger_key(b)
    if not sa or not sb:
        return 0.0
    return fuzz.ratio(sa, sb) / 100.0


# --- attributes -----------------------------------------------------------------------------


def instruments(e: Event) -> list[dict[str, Any]]:
    """Every instrument recorded on the event (the primary one first)."""
    attrs = e.attributes or {}
    found: list[dict[str, Any]] = []
    primary = attrs.get("instrument")
    if isinstance(primary, dict) and primary.get("key"):
        found.append(primary)
    for item in attrs.get("instruments") or []:
        if isinstance(item, dict) and item.get("key") and item not in found:
            found.append(item)
    return found


def _topics(key: str) -> frozenset[str]:
    _, _, tail = key.partition(":")
    return frozenset(t for t in tail.split("+") if t)


def instruments_similarity(ia: list[dict[str, Any]], ib: list[dict[str, Any]]) -> float:
    """How the instruments of two events (their `instruments`) compare, in [-1, 1].

    1 for a shared weapon system or object; -1 for two different named systems; agreements
    by the overlap of their topics (-0.6 when disjoint); -0.5 when both name something
    informative that does not meet (a nuclear plant against a defence pact); 0 when either
    names nothing or only "the deal".
    """
    if not ia or not ib:
        return 0.0
    things_a = {i["key"] for i in ia if i.get("kind") != "agreement"}
    things_b = {i["key"] for i in ib if i.get("kind") != "agreement"}
    if things_a & things_b:
        return 1.0
    if ia[0].get("kind") != "agreement" and ib[0].get("kind") != "agreement":
        return -1.0  # two different named systems or objects
    deals_a = [_topics(str(i["key"])) for i in ia if i.get("kind") == "agreement"]
    deals_b = [_topics(str(i["key"])) for i in ib if i.get("kind") == "agreement"]
    deals_a, deals_b = [t for t in deals_a if t], [t for t in deals_b if t]
    if deals_a and deals_b:
        best = max(
            (0.4 + 0.6 * len(ta & tb) / len(ta | tb)) if ta & tb else -0.6
            for ta in deals_a
            for tb in deals_b
        )
        return best
    informative_a = bool(things_a or deals_a)
    informative_b = bool(things_b or deals_b)
    return -0.5 if informative_a and informative_b else 0.0


# Families whose acts are done *about* their instrument, not at it, are the others: a deal
# "to build two reactors at the Bushehr plant" is signed in Moscow, while a shelling "of the
# Zaporizhzhia plant" happens at the plant.
_ACTS_AT_INSTRUMENT = frozenset({"violence", "force", "coerce", "protest"})


@functools.lru_cache(maxsize=_MEMO)
def _names_inside(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def event_place(e: Event) -> dict[str, Any] | None:
    """The place where the act happened: the event's location, unless that place is only the
    site of the thing the act is about (the location's name is inside the instrument's words:
    "a deal ... to build reactors at the Bushehr plant" -> Bushehr is not where it was signed).
    """
    loc = e.location
    if not loc or family(e) in _ACTS_AT_INSTRUMENT:
        return loc
    name = str(loc.get("name") or "").casefold()
    if name and any(
        _names_inside(name, str(i.get("text") or "").casefold()) for i in instruments(e)
    ):
        return None
    return loc


def place_names(e: Event) -> list[str]:
    """Place names read from the event's clause (`dyad.link.place_words`): for an act done at
    its object (an attack, a seizure) also the place that is its object ("bombarded Tal
    Abyad"); for others without those that only name the site of the thing a deal is about
    (see `event_place`)."""
    attrs = e.attributes or {}
    words = list(attrs.get("place_words") or [])
    if family(e) in _ACTS_AT_INSTRUMENT:
        words += attrs.get("object_places") or []
    names = list(dict.fromkeys(str(w) for w in words if isinstance(w, str) and w))
    if family(e) in _ACTS_AT_INSTRUMENT:
        return names
    inside = [str(i.get("text") or "").casefold() for i in instruments(e)]
    return [n for n in names if not any(_names_inside(n.casefold(), t) for t in inside)]


def _share_a_name(xs: list[str], ys: list[str]) -> bool:
    fx = [x.casefold() for x in xs]
    fy = [y.casefold() for y in ys]
    return any(x == y or _names_inside(x, y) or _names_inside(y, x) for x in fx for y in fy)


def finest_place(e: Event) -> tuple[list[str], dict[str, Any] | None]:
    """The most precise place names known for the event: a resolved city or site; else the
    names its clause gives (with the area they were resolved to, if any); else nothing."""
    loc = event_place(e)
    if loc and loc.get("name") and not _is_area(loc):
        return [str(loc["name"])], loc
    return place_names(e), loc


def place_words_differ(a: Event, b: Event) -> bool:
    """Where resolved locations do not settle it (one unknown to the gazetteer, or only
    resolved to a country or region): the finest names of the two reports share none ("the
    towns of Jermuk and Goris" / "near Kalbajar"; "Ras al-Ain" / "Tal Abyad in northern
    Syria"). A report with only an area and no names of its own never disagrees: the area
    may hold the other's town."""
    names_a, _ = finest_place(a)
    names_b, _ = finest_place(b)
    return bool(names_a) and bool(names_b) and not _share_a_name(names_a, names_b)


def amounts(e: Event) -> list[dict[str, Any]]:
    items = (e.attributes or {}).get("amounts") or []
    return [a for a in items if isinstance(a, dict) and isinstance(a.get("value"), (int, float))]


def amounts_match(x: dict[str, Any], y: dict[str, Any], tolerance: float) -> bool:
    if x.get("currency") != y.get("currency") or x.get("unit") != y.get("unit"):
        return False
    vx, vy = float(x["value"]), float(y["value"])
    if vx == vy:
        return True
    return abs(vx - vy) <= tolerance * max(abs(vx), abs(vy))


def amounts_shared(xs: list[dict[str, Any]], ys: list[dict[str, Any]], tolerance: float) -> bool:
    return any(amounts_match(x, y, tolerance) for x in xs for y in ys)


def venue(e: Event) -> dict[str, Any] | None:
    v = (e.attributes or {}).get("venue")
    return v if isinstance(v, dict) and v.get("key") else None


def venues_similarity(va: dict[str, Any] | None, vb: dict[str, Any] | None) -> float:
    if va is None or vb is None:
        return 0.0
    if va["key"] == vb["key"] or fuzz.token_set_ratio(va["key"], vb["key"]) >= 90:
        return 1.0
    ca, cb = (str(v.get("city") or "").casefold() for v in (va, vb))
    if ca and ca == cb:
        return 0.5
    return 0.0
