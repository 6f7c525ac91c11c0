"""The date grammar: regex rules, each with a handler that turns its match into a `Period`.

Two levels. *Point* rules match one date expression ("20 January 2015", "last May",
"mid-2014"). *Composite* rules embed the union of the point patterns ("since X", "by X",
"from X to Y", "between X and Y") and call `parse_point` on the captured parts, so every
point form also works inside a range or after "since". See `dyad.time.resolver` for the
resolution conventions the handlers implement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from dyad.time import lexicon as lx
from dyad.time.periods import (
    Direction,
    Period,
    day_period,
    make_date,
    month_period,
    natural_value,
    range_period,
    season_for,
    season_period,
    shift,
    third,
    week_period,
    weekday_date,
    year_for_day,
    year_for_month,
    year_ok,
    year_period,
)

Groups = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a handler needs besides the match: the reference date, the direction partial dates
    resolve in, and (inside a range) the year given at the other end."""

    published: dt.date
    direction: Direction = "past"
    year: int | None = None


Handler = Callable[[Groups, Ctx], Period | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str  # with named groups; compiled case-insensitively
    handler: Handler
    # In running text, the text before a match must end with this ("in 2011", not "170 2011").
    cue: re.Pattern[str] | None = None
    standalone: bool = True  # found in running text (False: only inside other rules)

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)

    @property
    def scanner(self) -> re.Pattern[str]:
        """The pattern for scanning running text: it never starts inside a word."""
        return _compile(r"(?<![\w-])(?:" + self.pattern + ")")


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# --- small helpers --------------------------------------------------------------------------


def _month(text: str | None) -> int:
    assert text is not None
    word = text.rstrip(".").capitalize()
    if word in lx.MONTHS_FULL:
        return lx.MONTHS_FULL.index(word) + 1
    return lx.MONTH_ABBREVIATIONS[word]


def _int(text: str | None) -> int:
    assert text is not None
    m = re.match(r"\d+", text)
    assert m is not None
    return int(m.group())


def _weekday(text: str | None) -> int | None:
    return None if text is None else lx.WEEKDAYS.index(text.capitalize())


def _norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text.lower())


def _rel(text: str | None) -> str | None:
    rel = _norm(text)
    return {"past": "last", "previous": "last", "coming": "next", "the current": "this"}.get(
        rel or "", rel
    )


def _direction(rel: str | None, ctx: Ctx) -> Direction:
    if rel == "last":
        return "past"
    if rel == "next":
        return "future"
    return ctx.direction


def _count(text: str | None) -> int | None:
    """A number word or digits; None for vague amounts ("a few", "several")."""
    word = _norm(text)
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return lx.NUMBER_WORDS.get(word)


def _this(unit: str, published: dt.date) -> Period | None:
    if unit == "week":
        return week_period(published)
    if unit == "month":
        return month_period(published.year, published.month)
    return year_period(published.year)


# --- point handlers -------------------------------------------------------------------------


def _iso(g: Groups, ctx: Ctx) -> Period | None:
    d = make_date(_int(g["y"]), _int(g["m"]), _int(g["d"]))
    return None if d is None else day_period(d)


def _full_date(g: Groups, ctx: Ctx) -> Period | None:
    d = make_date(_int(g["y"]), _month(g["mon"]), _int(g["d"]))
    return None if d is None else day_period(d)


def _partial_date(g: Groups, ctx: Ctx) -> Period | None:
    month, day = _month(g["mon"]), _int(g["d"])
    year = ctx.year
    if year is None:
        direction = _direction(_rel(g.get("rel")), ctx)
        year = year_for_day(month, day, ctx.published, direction, _weekday(g.get("wd")))
    if year is None:
        return None
    d = make_date(year, month, day)
    return None if d is None else day_period(d)


def _month_year(g: Groups, ctx: Ctx) -> Period | None:
    return month_period(_int(g["y"]), _month(g["mon"]))


def _month_rel_year(g: Groups, ctx: Ctx) -> Period | None:
    step = {"last": -1, "next": 1}.get(_rel(g["rel"]) or "", 0)
    return month_period(ctx.published.year + step, _month(g["mon"]))


def _day_ordinal(g: Groups, ctx: Ctx) -> Period | None:
    """ "on the 20th": that day of the publication month, or of the month before (past) or
    after (future) when the day does not fit; "of last/next month" says which."""
    day, pub = _int(g["d"]), ctx.published
    rel = _rel(g.get("rel"))
    if rel is not None:
        months = [{"last": -1, "next": 1}.get(rel, 0)]
    elif ctx.direction == "future":
        months = [0, 1] if day >= pub.day else [1, 2]
    elif ctx.direction == "past":
        months = [0, -1] if day <= pub.day else [-1, -2]
    else:
        months = [0, -1, 1]
    for step in months:
        moved = shift(pub.replace(day=1), "month", step)
        d = None if moved is None else make_date(moved.year, moved.month, day)
        if d is not None:
            return day_period(d)
    return None


def _bare_month(g: Groups, ctx: Ctx) -> Period | None:
    month = _month(g["mon"])
    year = ctx.year if ctx.year is not None else year_for_month(month, ctx.published, ctx.direction)
    return month_period(year, month)


def _rel_month(g: Groups, ctx: Ctx) -> Period | None:
    month, rel, pub = _month(g["mon"]), _rel(g["rel"]), ctx.published
    if rel == "last":  # strictly before the publication month
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":  # strictly after it
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year
    return month_period(year, month)


def _bare_year(g: Groups, ctx: Ctx) -> Period | None:
    return year_period(_int(g["y"]))


def _day_range(g: Groups, ctx: Ctx) -> Period | None:
    if _norm(g.get("sep")) == "and" and _norm(g.get("kw")) != "between":
        return None
    month, d1, d2 = _month(g["mon"]), _int(g["d1"]), _int(g["d2"])
    if d1 >= d2:
        return None
    if g.get("y"):
        year: int | None = _int(g["y"])
    elif ctx.year is not None:
        year = ctx.year
    else:
        year = year_for_day(month, d1, ctx.published, ctx.direction)
    if year is None:
        return None
    start, end = make_date(year, month, d1), make_date(year, month, d2)
    if start is None or end is None:
        return None
    return range_period(start, end, start.isoformat())


def _part_of_year(g: Groups, ctx: Ctx) -> Period | None:
    base = _norm(g["base"]) or ""
    pub = ctx.published
    if base.isdigit():
        year = int(base)
    else:
        year = pub.year + {"last": -1, "next": 1}.get(base.split()[0], 0)
    if g.get("q"):
        parts, index = 4, _int(g["q"])
    else:
        parts = 2 if _norm(g["part"]) == "half" else 4
        index = lx.ORDINALS[_norm(g["ord"]) or ""]
        index = parts if index == -1 else index
    if not 1 <= index <= parts or not year_ok(year):
        return None
    months = 12 // parts
    first = (index - 1) * months + 1
    last = first + months - 1
    start = dt.date(year, first, 1)
    end_p = month_period(year, last)
    if end_p is None:
        return None
    return range_period(start, end_p.end, f"{year:04d}-{first:02d}")


def _quarter(g: Groups, ctx: Ctx) -> Period | None:
    return _part_of_year({"q": g["q"], "base": g["y"]}, ctx)


def _decade(g: Groups, ctx: Ctx) -> Period | None:
    first = _int(g["dec"])
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(_norm(g.get("mod")) or "", (0, 9))
    if not year_ok(first + hi):
        return None
    return range_period(dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31), f"{first + lo:04d}")


def _season_year(g: Groups, ctx: Ctx) -> Period | None:
    return season_period(_norm(g["s"]) or "", _int(g["y"]))


def _season_rel(g: Groups, ctx: Ctx) -> Period | None:
    rel = _rel(g.get("rel"))
    season = _norm(g["s"]) or ""
    if rel is None and ctx.year is not None:
        return season_period(season, ctx.year)
    return season_for(season, ctx.published, rel, _direction(rel, ctx))


def _weekday_rule(g: Groups, ctx: Ctx) -> Period | None:
    wd = _weekday(g["wd"])
    assert wd is not None
    rel = _rel(g.get("rel"))
    d = weekday_date(wd, ctx.published, rel, _direction(rel, ctx))
    return day_period(d) if year_ok(d.year) else None


_RELATIVE_DAYS = {
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}


def _relday(g: Groups, ctx: Ctx) -> Period | None:
    offset = _RELATIVE_DAYS.get(_norm(g["w"]) or "", 0)
    d = shift(ctx.published, "day", offset)
    return None if d is None else day_period(d)


def _rel_unit(g: Groups, ctx: Ctx) -> Period | None:
    rel, unit, pub = _rel(g["rel"]), _norm(g["unit"]) or "", ctx.published
    step = {"last": -1, "next": 1}.get(rel or "", 0)
    if unit == "weekend":
        saturday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=5 + 7 * step)
        return range_period(saturday, saturday + dt.timedelta(days=1), saturday.isoformat())
    moved = shift(pub, unit, step)
    return None if moved is None else _this(unit, moved)


def _the_weekend(g: Groups, ctx: Ctx) -> Period | None:
    """ "The weekend": the latest one already begun (past), else the next one not yet over."""
    pub = ctx.published
    if ctx.direction == "future":
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if pub.weekday() == 6:
            saturday = pub - dt.timedelta(days=1)
    else:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    return range_period(saturday, saturday + dt.timedelta(days=1), saturday.isoformat())


def _week_of_month(g: Groups, ctx: Ctx) -> Period | None:
    month = parse_point(g["base"] or "", ctx, base_only=True)
    if month is None or month.precision != "month":
        return None
    index = lx.ORDINALS[_norm(g["ord"]) or ""]
    if index == -1:
        start = month.end - dt.timedelta(days=6)
    else:
        start = month.start + dt.timedelta(days=7 * (index - 1))
    end = min(start + dt.timedelta(days=6), month.end)
    return range_period(start, end, start.isoformat())


def _numeric_date(g: Groups, ctx: Ctx) -> Period | None:
    """m/d/yyyy (US order) unless the first number cannot be a month (then d/m/yyyy)."""
    a, b, year = _int(g["a"]), _int(g["b"]), _int(g["y"])
    month, day = (b, a) if a > 12 else (a, b)
    d = make_date(year, month, day)
    return None if d is None else day_period(d)


def _the_period(g: Groups, ctx: Ctx) -> Period | None:
    return _this(_norm(g["unit"]) or "", ctx.published)


def _earlier_later(g: Groups, ctx: Ctx) -> Period | None:
    base = _this(_norm(g["unit"]) or "", ctx.published)
    if base is None:
        return None
    if (_norm(g["el"]) or "") == "earlier":
        return base.narrowed(base.start, ctx.published)
    return base.narrowed(ctx.published, base.end)


def _ago(g: Groups, ctx: Ctx) -> Period | None:
    unit = (_norm(g["unit"]) or "").rstrip("s")
    n = _count(g["n"])
    pub = ctx.published
    if n is None:  # "a few weeks ago", "several years ago": two to five units back
        start, end = shift(pub, unit, -5), shift(pub, unit, -2)
        if start is None or end is None:
            return None
        return range_period(start, end, natural_value(start, unit))
    moved = shift(pub, unit, -n)
    if moved is None:
        return None
    if unit == "day":
        return day_period(moved)
    if unit == "week":
        return week_period(moved)
    if unit == "month":
        return month_period(moved.year, moved.month)
    return year_period(moved.year)


# How far "in recent days / in the coming months" reaches, in units.
_VAGUE_SPAN = {"hour": 24, "day": 7, "week": 6, "month": 6, "year": 5, "decade": 2}


def _recent(g: Groups, ctx: Ctx) -> Period | None:
    raw_unit = _norm(g["unit"]) or ""
    unit = raw_unit.rstrip("s")
    direction = _norm(g.get("dir")) or "within"
    n = _count(g.get("n"))
    if n is None:
        n = _VAGUE_SPAN[unit] if (g.get("n") or raw_unit.endswith("s")) else 1
    if unit == "hour":  # "the past 24 hours": whole days, at least one
        unit, n = "day", max(1, -(-n // 24))
    start: dt.date | None
    end: dt.date | None
    if direction in ("coming", "next", "following", "within"):
        start, end = ctx.published, shift(ctx.published, unit, n)
    else:
        start, end = shift(ctx.published, unit, -n), ctx.published
    if start is None or end is None:
        return None
    return range_period(start, end, natural_value(start, unit))


_MOD_KIND = {
    "mid": "mid",
    "middle": "mid",
    "early": "early",
    "beginning": "early",
    "start": "early",
    "outset": "early",
    "turn": "early",
    "late": "late",
    "end": "late",
    "close": "late",
}


def _modifier(g: Groups, ctx: Ctx) -> Period | None:
    words = re.findall(r"[a-z]+", (g["mod"] or "").lower())
    kinds = [_MOD_KIND[w] for w in words if w in _MOD_KIND]
    if "part" in words:  # "the early part of": the adjective decides, not "part"
        kinds = [w for w in words if w in ("early", "late")]
    base = parse_point(g["base"] or "", ctx, base_only=True)
    if base is None or not kinds:
        return None
    first = third(base, kinds[0])  # type: ignore[arg-type]
    last = third(base, kinds[-1])  # type: ignore[arg-type]
    if first is None or last is None:
        return None
    # "mid-to-late March": from the start of the first third to the end of the last.
    return base.narrowed(min(first.start, last.start), max(first.end, last.end))


def _since(g: Groups, ctx: Ctx) -> Period | None:
    inner = parse_point(g["a"] or "", replace(ctx, direction="past"))
    if inner is None or inner.start > ctx.published:
        return None
    return range_period(inner.start, ctx.published, inner.value)


def _until(g: Groups, ctx: Ctx) -> Period | None:
    return parse_point(g["a"] or "", ctx)


def _has_year(text: str) -> bool:
    return lx.YEAR_RE.search(text) is not None


def _is_bare(text: str) -> bool:
    return any(rule_named(n).regex.fullmatch(text.strip()) for n in BARE_RULES)


def _range(g: Groups, ctx: Ctx) -> Period | None:
    a_text, b_text = g["a"] or "", g["b"] or ""
    # "in March and April", "in 2011 and 2012": two bare names joined by "and" span a range;
    # other dates joined by "and" are two separate dates unless "between" came first.
    joined = _norm(g.get("sep")) == "and" and _norm(g.get("kw")) != "between"
    if joined and not (_is_bare(a_text) and _is_bare(b_text)):
        return None
    if not _has_year(a_text) and _has_year(b_text):
        b = parse_point(b_text, ctx)
        if b is None:
            return None
        a = parse_point(a_text, replace(ctx, year=b.start.year))
        if a is not None and a.start > b.start:
            a = parse_point(a_text, replace(ctx, year=b.start.year - 1))
    else:
        a = parse_point(a_text, ctx)
        if a is None:
            return None
        b_ctx = ctx if _has_year(b_text) else replace(ctx, year=a.start.year)
        b = parse_point(b_text, b_ctx)
        if b is not None and b.end < a.start and not _has_year(b_text):
            b = parse_point(b_text, replace(b_ctx, year=a.start.year + 1))
            if b is not None and b.end < a.start:
                # Weekdays ignore the year: "from Friday to Monday" crosses a weekend.
                b2 = shift(b.start, "week", 1)
                b = None if b2 is None else day_period(b2)
    if a is None or b is None or b.end < a.start:
        return None
    return range_period(a.start, b.end, a.value)


# --- the rules --------------------------------------------------------------------------------

_RELP = rf"(?:(?P<rel>{lx.REL})\s+)?"
_WDP = (
    r"(?:(?:the\s+)?(?:night|morning|evening|afternoon)\s+of\s+)?"
    rf"(?:(?P<wd>{lx.WEEKDAY}),?\s+)?"
)
_SEP = r"\s*(?P<sep>-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*"
_KW = r"(?:(?P<kw>from|between)\s+)?"


def _simple_rules() -> list[Rule]:
    y, mon_d, mon, day = lx.YEAR, lx.MONTH_D, lx.MONTH, lx.DAY
    return [
        Rule(
            "iso",
            r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
            _iso,
        ),
        Rule(
            "day_month_year",
            rf"{_RELP}{_WDP}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon_d}),?\s+(?P<y>{y})",
            _full_date,
        ),
        Rule(
            "month_day_year",
            rf"{_RELP}{_WDP}(?P<mon>{mon_d})\s+(?P<d>{day}),?\s+(?P<y>{y})",
            _full_date,
        ),
        Rule(
            "month_day_range",
            rf"{_KW}(?P<mon>{mon_d})\s+(?P<d1>{day}){_SEP}(?P<d2>{day})(?:,?\s+(?P<y>{y}))?",
            _day_range,
        ),
        Rule(
            "day_month_range",
            rf"{_KW}(?P<d1>{day}){_SEP}(?P<d2>{day})\s+(?:of\s+)?(?P<mon>{mon_d})"
            rf"(?:,?\s+(?P<y>{y}))?",
            _day_range,
        ),
        Rule(
            "day_month",
            rf"{_RELP}{_WDP}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon_d})",
            _partial_date,
        ),
        Rule("month_day", rf"{_RELP}{_WDP}(?P<mon>{mon_d})\s+(?P<d>{day})", _partial_date),
        Rule("month_year", rf"(?P<mon>{mon_d}),?\s+(?:of\s+)?(?P<y>{y})", _month_year),
        Rule(
            "month_rel_year",
            rf"(?P<mon>{mon_d}),?\s+(?:of\s+)?(?P<rel>this|last|next|the\s+current)\s+year(?!\w)",
            _month_rel_year,
        ),
        Rule(
            "numeric_date",
            rf"(?<![\d/])(?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])/(?P<y>{y})",
            _numeric_date,
        ),
        Rule(
            "week_of_month",
            r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+week\s+"
            rf"(?:of|in)\s+(?P<base>{mon}(?:,?\s+(?:of\s+)?{y})?)",
            _week_of_month,
        ),
        Rule(
            "part_of_year",
            r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
            rf"(?P<part>half|quarter)\s+of\s+(?P<base>(?:the|this|last|next)\s+year|{y})",
            _part_of_year,
        ),
        Rule("quarter", rf"Q(?P<q>[1-4])\s+(?P<y>{y})", _quarter),
        Rule(
            "decade",
            r"the\s+(?:(?P<mod>early|mid|late)[-\s]+)?(?P<dec>(?:19|20)\d0)'?s(?!\w)",
            _decade,
        ),
        Rule("season_year", rf"(?:the\s+)?(?P<s>{lx.SEASON})\s+(?:of\s+)?(?P<y>{y})", _season_year),
        Rule("season_rel", rf"(?P<rel>{lx.REL})\s+(?P<s>{lx.SEASON})", _season_rel),
        Rule("rel_month", rf"(?P<rel>{lx.REL})\s+(?P<mon>{mon})", _rel_month),
        Rule(
            "earlier_later",
            r"(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)(?!\w)",
            _earlier_later,
        ),
        Rule(
            "ago",
            rf"(?P<n>{lx.NUM})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago(?!\w)",
            _ago,
        ),
        Rule(
            "weekday",
            rf"(?:(?P<rel>{lx.REL})\s+)?(?P<wd>{lx.WEEKDAY})"
            r"(?:\s+(?:morning|afternoon|evening|night)(?!\w))?",
            _weekday_rule,
        ),
        Rule(
            "relative_day",
            r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
            r"|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
            r"|earlier\s+today|later\s+today)(?!\w)(?:\s+(?:morning|afternoon|evening|night)(?!\w))?",
            _relday,
        ),
        Rule(
            "rel_unit",
            rf"(?P<rel>{lx.REL}|the\s+current)\s+(?P<unit>week|month|year|weekend)(?!\w)",
            _rel_unit,
        ),
        Rule(
            "recent",
            r"(?:the\s+)?(?P<dir>recent|past|last|previous|coming|next|following)\s+"
            rf"(?:(?P<n>{lx.NUM})\s+)?(?P<unit>hours|days?|weeks?|months?|years?|decades?)(?!\w)",
            _recent,
        ),
        Rule(
            "within",
            rf"within\s+(?:the\s+next\s+)?(?P<n>{lx.NUM})\s+(?P<unit>hours?|days?|weeks?|months?"
            r"|years?)(?!\w)",
            _recent,
        ),
        Rule("the_weekend", r"the\s+weekend(?!\w)", _the_weekend),
        Rule("year_phrase", rf"the\s+year\s+(?P<y>{y})", _bare_year),
        Rule("the_period", r"the\s+(?P<unit>week|month|year)(?!\w)", _the_period, standalone=False),
        Rule(
            "day_ordinal",
            r"the\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))"
            r"(?:\s+of\s+(?P<rel>this|last|next)\s+month)?"
            r"(?!\w)(?!\s+(?!(?:of|and|or|when|as|at|in|after|before|to|but|while)\b)[A-Za-z])",
            _day_ordinal,
            cue=lx.DAY_CUE_BEFORE,
        ),
        Rule("season_bare", rf"(?:the\s+)?(?P<s>{lx.SEASON})", _season_rel, cue=lx.CUE_BEFORE),
        Rule("bare_month", rf"(?P<mon>{mon})", _bare_month, cue=lx.CUE_BEFORE),
        Rule("bare_year", rf"(?P<y>{y})", _bare_year, cue=lx.CUE_BEFORE),
    ]


# Bases a modifier can narrow ("early" + "next month"), most specific first.
_BASE_NAMES = (
    "month_year",
    "month_rel_year",
    "rel_month",
    "rel_unit",
    "the_period",
    "season_year",
    "season_rel",
    "weekday",
    "relative_day",
    "season_bare",
    "bare_month",
    "bare_year",
)
# Points a composite rule can embed, most specific first (the first alternative that matches
# wins inside a regex union, so "January 20, 2015" must come before "January").
_POINT_NAMES = (
    "modifier",
    "iso",
    "day_month_year",
    "month_day_year",
    "day_month",
    "month_day",
    "month_year",
    "month_rel_year",
    "numeric_date",
    "week_of_month",
    "part_of_year",
    "quarter",
    "decade",
    "season_year",
    "season_rel",
    "rel_month",
    "earlier_later",
    "ago",
    "weekday",
    "relative_day",
    "rel_unit",
    "the_weekend",
    "day_ordinal",
    "year_phrase",
    "season_bare",
    "bare_month",
    "bare_year",
)
BARE_RULES = ("season_bare", "bare_month", "bare_year")


@cache
def rules() -> tuple[Rule, ...]:
    """All rules, in priority order (earlier wins a tie between equally long matches)."""
    simple = {r.name: r for r in _simple_rules()}
    base = "|".join(_unnamed(simple[n].pattern) for n in _BASE_NAMES)
    modifier = Rule(
        "modifier",
        r"(?P<mod>(?:early|mid)[-\s]*(?:to|-)[-\s]*(?:mid|late)[-\s]+"
        r"|mid-?\s*|(?:the\s+)?middle\s+of\s+|(?:the\s+)?(?:early|late)\s+part\s+of\s+"
        r"|early[-\s]+(?:(?:in|on)\s+)?|late[-\s]+(?:(?:in|on)\s+)?"
        r"|(?:the\s+)?(?:beginning|start|outset|turn|end|close)\s+of\s+)"
        rf"(?P<base>{base})",
        _modifier,
    )
    named = {**simple, "modifier": modifier}
    point = "|".join(_unnamed(named[n].pattern) for n in _POINT_NAMES)
    composite = [
        Rule("since", rf"(?P<kw>since)\s+(?P<a>{point})", _since),
        Rule("until", rf"(?P<kw>by|until|till|through|throughout)\s+(?P<a>{point})", _until),
        Rule("range", rf"{_KW}(?P<a>{point}){_SEP}(?P<b>{point})", _range),
    ]
    ordered = list(simple.values())
    first_bare = next(i for i, r in enumerate(ordered) if r.name == "the_period")
    return (*ordered[:first_bare], modifier, *composite, *ordered[first_bare:])


@cache
def rule_named(name: str) -> Rule:
    return next(r for r in rules() if r.name == name)


def cue_for(rule: Rule, groups: Groups) -> re.Pattern[str] | None:
    """What the text before a standalone match of `rule` must end with, if anything."""
    if rule.cue is not None:
        return rule.cue
    if rule.name == "range" and not groups.get("kw") and _is_bare(groups.get("a") or ""):
        return lx.CUE_BEFORE
    return None


def parse_point(text: str, ctx: Ctx, base_only: bool = False) -> Period | None:
    """Resolve `text` if one rule matches all of it (cue words are not required here)."""
    text = text.strip()
    names = _BASE_NAMES if base_only else None
    for rule in rules():
        if names is not None and rule.name not in names:
            continue
        m = rule.regex.fullmatch(text)
        if m is None:
            continue
        period = rule.handler(m.groupdict(), ctx)
        if period is not None:
            return period
    return None
