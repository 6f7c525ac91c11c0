"""Calendar periods and the date arithmetic the grammar needs.

A `Period` is what every grammar rule produces: the first and last day it covers, a precision
(the `DatePrecision` vocabulary of `dyad.model`) and the `value` string (`YYYY`, `YYYY-MM` or
`YYYY-MM-DD`). Constructors here never raise for out-of-range years: they return None, so the
grammar can treat "999 years ago" published in 1950 as "not a date" instead of crashing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from dateutil.relativedelta import relativedelta

from dyad.model import DatePrecision

Direction = Literal["past", "future", "nearest"]

# Years outside this window are not usable dates; staying well inside datetime's 1..9999
# means arithmetic on them (a year either side) cannot overflow.
MIN_YEAR = 100
MAX_YEAR = 3000


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    precision: DatePrecision
    value: str

    def narrowed(self, start: dt.date, end: dt.date) -> Period:
        """The same precision covering only [start, end] (clamped to self). A range's value
        follows its new start, in the same format ("late summer" 2015 -> "2015-08")."""
        lo, hi = max(start, self.start), min(end, self.end)
        value = self.value
        if self.precision == "range":
            value = lo.isoformat()[: len(self.value)]
        return replace(self, start=lo, end=hi, value=value)


def year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def make_date(year: int, month: int, day: int) -> dt.date | None:
    if not year_ok(year) or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def day_period(d: dt.date) -> Period:
    return Period(d, d, "day", d.isoformat())


def month_period(year: int, month: int) -> Period | None:
    if not year_ok(year):
        return None
    return Period(
        dt.date(year, month, 1), month_end(year, month), "month", f"{year:04d}-{month:02d}"
    )


def year_period(year: int) -> Period | None:
    if not year_ok(year):
        return None
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year:04d}")


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def week_period(d: dt.date) -> Period | None:
    monday = monday_of(d)
    if not year_ok(monday.year) or not year_ok((monday + dt.timedelta(days=6)).year):
        return None
    return Period(monday, monday + dt.timedelta(days=6), "week", monday.isoformat())


def natural_value(d: dt.date, unit: str) -> str:
    """The value string of a range starting on `d`, in the natural precision of `unit`."""
    if unit.startswith("year") or unit.startswith("decade"):
        return f"{d.year:04d}"
    if unit.startswith("month"):
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def range_period(start: dt.date, end: dt.date, value: str) -> Period | None:
    if start > end or not year_ok(start.year) or not year_ok(end.year):
        return None
    return Period(start, end, "range", value)


def shift(d: dt.date, unit: str, n: int) -> dt.date | None:
    """`d` moved by n units (day/week/month/year/decade); None when out of range."""
    unit = unit.rstrip("s")
    if unit == "decade":
        if abs(n) > 100:
            return None  # "190 decades ago" is not a date, whatever the publication date
        unit, n = "year", 10 * n
    if unit == "year" and not year_ok(d.year + n):
        return None
    if abs(n) > 100_000:
        return None
    try:
        if unit == "day":
            out = d + dt.timedelta(days=n)
        elif unit == "week":
            out = d + dt.timedelta(weeks=n)
        elif unit == "month":
            out = d + relativedelta(months=n)
        else:
            out = d + relativedelta(years=n)
    except OverflowError:
        # timedelta arithmetic past datetime's limits: the expression is not a usable date.
        return None
    return out if year_ok(out.year) else None


# --- choosing the year of a partial date ---------------------------------------------------


def year_for_month(month: int, published: dt.date, direction: Direction) -> int:
    """Past: the most recent such month not after publication; future: the next one not
    before it; nearest: whichever is closer (ties go to the past)."""
    y, m = published.year, published.month
    if direction == "past":
        return y if month <= m else y - 1
    if direction == "future":
        return y if month >= m else y + 1
    # Ties go to the earlier year: sorting (distance, year) puts it first.
    return min((abs((yy * 12 + month) - (y * 12 + m)), yy) for yy in (y - 1, y, y + 1))[1]


def year_for_day(
    month: int, day: int, published: dt.date, direction: Direction, weekday: int | None = None
) -> int | None:
    """Like `year_for_month` for a month and day; a weekday named with it breaks ties between
    candidate years (so "Tuesday, January 20" finds the January 20 that was a Tuesday)."""
    options: list[tuple[int, dt.date]] = []
    for yy in (published.year - 1, published.year, published.year + 1):
        d = make_date(yy, month, day)
        if d is not None:
            options.append((yy, d))
    if not options:
        # February 29 in a span of three non-leap years: look a little further.
        for yy in range(published.year - 4, published.year + 5):
            d = make_date(yy, month, day)
            if d is not None:
                options.append((yy, d))
    if direction == "past":
        ranked = sorted((o for o in options if o[1] <= published), key=lambda o: published - o[1])
        ranked += sorted((o for o in options if o[1] > published), key=lambda o: o[1] - published)
    elif direction == "future":
        ranked = sorted((o for o in options if o[1] >= published), key=lambda o: o[1] - published)
        ranked += sorted((o for o in options if o[1] < published), key=lambda o: published - o[1])
    else:
        ranked = sorted(options, key=lambda o: (abs((o[1] - published).days), o[1]))
    if not ranked:
        return None
    if weekday is not None:
        # Only the two best-ranked candidates: a weekday should not drag a date years away.
        for yy, d in ranked[:2]:
            if d.weekday() == weekday:
                return yy
    return ranked[0][0]


def weekday_date(
    weekday: int, published: dt.date, rel: str | None, direction: Direction
) -> dt.date:
    """The date of a named weekday. `rel` is last/next/this or None ("on Monday")."""
    pw = published.weekday()
    if rel in ("last", "past", "previous"):
        return published - dt.timedelta(days=(pw - weekday - 1) % 7 + 1)
    if rel in ("next", "coming"):
        return published + dt.timedelta(days=(weekday - pw - 1) % 7 + 1)
    if rel == "this":
        return monday_of(published) + dt.timedelta(days=weekday)
    before = published - dt.timedelta(days=(pw - weekday) % 7)
    after = published + dt.timedelta(days=(weekday - pw) % 7)
    if direction == "past":
        return before
    if direction == "future":
        return after
    return before if (published - before) <= (after - published) else after


# --- seasons (northern hemisphere, meteorological) ------------------------------------------

SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def season_period(season: str, year: int) -> Period | None:
    """Three months from the season's first month; winter Y runs December Y to February Y+1."""
    first = SEASON_START[season]
    if not year_ok(year) or not year_ok(year + 1):
        return None
    start = dt.date(year, first, 1)
    last = start + relativedelta(months=2)
    return Period(start, month_end(last.year, last.month), "range", f"{year:04d}-{first:02d}")


def season_for(
    season: str, published: dt.date, rel: str | None, direction: Direction
) -> Period | None:
    periods = [season_period(season, y) for y in range(published.year - 2, published.year + 2)]
    seasons = [p for p in periods if p is not None]
    if not seasons:
        return None
    if rel in ("last", "past", "previous"):
        done = [p for p in seasons if p.end < published]
        return done[-1] if done else None
    if rel in ("next", "coming"):
        ahead = [p for p in seasons if p.start > published]
        return ahead[0] if ahead else None
    if rel == "this":
        containing = [p for p in seasons if p.start <= published <= p.end]
        if containing:
            return containing[0]
        this_year = [p for p in seasons if p.start.year == published.year]
        return this_year[0] if this_year else None
    begun = [p for p in seasons if p.start <= published]
    upcoming = [p for p in seasons if p.end >= published]
    if direction == "future":
        return upcoming[0] if upcoming else None
    if direction == "past":
        return begun[-1] if begun else None
    containing = [p for p in seasons if p.start <= published <= p.end]
    if containing:
        return containing[0]
    best = min(
        seasons, key=lambda p: min(abs((p.start - published).days), abs((p.end - published).days))
    )
    return best


# --- thirds: early / mid / late ---------------------------------------------------------------


def third(period: Period, which: Literal["early", "mid", "late"]) -> Period | None:
    """Narrow a period to its first, middle or last third.

    Month: days 1-10, 11-20, 21-end. Year: January-April, May-August, September-December.
    Week: Monday-Tuesday, Wednesday-Thursday, Friday-Sunday. A run of whole months divisible
    by three (a season, a quarter) splits by months; anything else by days. A single day is
    returned unchanged ("early Monday" is still Monday).
    """
    idx = {"early": 0, "mid": 1, "late": 2}[which]
    s, e = period.start, period.end
    if period.precision == "day" or s == e:
        return period
    if period.precision == "month":
        bounds = [(1, 10), (11, 20), (21, e.day)]
        lo, hi = bounds[idx]
        return period.narrowed(s.replace(day=lo), s.replace(day=hi))
    if period.precision == "week":
        lo_d, hi_d = [(0, 1), (2, 3), (4, 6)][idx]
        return period.narrowed(s + dt.timedelta(days=lo_d), s + dt.timedelta(days=hi_d))
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    whole = s.day == 1 and e == month_end(e.year, e.month)
    if whole and months % 3 == 0:
        k = months // 3
        first_day = s + relativedelta(months=idx * k)
        last_month = s + relativedelta(months=idx * k + k - 1)
        return period.narrowed(first_day, month_end(last_month.year, last_month.month))
    days = (e - s).days + 1
    lo_i = days * idx // 3
    hi_i = days * (idx + 1) // 3 - 1
    return period.narrowed(s + dt.timedelta(days=lo_i), s + dt.timedelta(days=max(hi_i, lo_i)))
