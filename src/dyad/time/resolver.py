"""Resolving one date expression against the publication date.

Every result is a `DateRef`: `value` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `start`/`end` are
the first and last day covered; `precision` is day | week | month | year | range. The choices:

Tense. `tense` is "past", "present", "future" or None. Past and None resolve partial dates
backwards (the most recent match not after publication), future forwards (the next one not
before it), present to the nearest candidate (ties go to the past). "last"/"next" override
the tense.

Absolute and partial dates.
- "20 January 2015", "January 20, 2015", "Jan. 20 2015", "2015-01-20", "1/20/2015" -> day.
  Numeric dates are read m/d/yyyy (US order) unless the first number cannot be a month.
- "January 2015", "March this year", "June last year" -> month; "in 2011", "the year 1994" ->
  year. A bare month or year counts in running text only after a cue word ("in", "since",
  "by", "until", "during", "of", "from", "for", "before", "after", ...); the modal "may" and
  the verb "march" are never months (month names must be capitalised).
- "May 5", "12 June", "the 3rd of January", "in March": the year by the tense rule above. A
  weekday named with the date ("Tuesday, January 20") picks the year in which it matches.

Days and weekdays. "yesterday", "last night" -> publication - 1; "today", "tonight", "this
morning", "earlier today" -> publication; "tomorrow" -> + 1. "on Monday" / "Monday" (news
convention): past/None -> the most recent Monday on or before publication (a report
published on a Monday that says "on Monday" means that day); future -> the next one on or
after publication. "last Monday" is strictly before publication, "next Monday" strictly
after, "this Monday" the Monday of the publication week.

Weeks: precision "week", value the Monday (`YYYY-MM-DD`), start/end Monday..Sunday. "last
week", "this week", "next week", "two weeks ago" (the week containing publication - 14 days),
"earlier this week" (Monday..publication), "later this week" (publication..Sunday).

Months and years: "last/this/next month|year" -> that calendar month or year; "N months
ago" -> the month containing publication - N months; "a year ago", "a decade ago" -> the
year (precision year). "earlier this month|year" -> start of the period..publication,
"later this month|year" -> publication..end, with the period's precision. "last May" -> the
most recent May strictly before the publication month; "next May" the first after it.

Seasons (northern hemisphere, meteorological): spring Mar-May, summer Jun-Aug, autumn/fall
Sep-Nov, winter Dec-Feb (winter Y runs from December Y). Precision "range", value `YYYY-MM` of
the first month. "last summer" -> the latest summer already over at publication; "this
summer" -> the one containing publication, else the one of the publication year; "next
summer" -> the first one starting after publication; bare "the summer" -> by tense (past: the
latest one already begun).

Modifiers keep the base precision and value and narrow start/end to a third: month -> days
1-10, 11-20, 21-end; year -> Jan-Apr, May-Aug, Sep-Dec; week -> Mon-Tue, Wed-Thu, Fri-Sun;
seasons and other whole-month runs split by months. "early", "the beginning/start of" ->
first third; "mid-", "the middle of" -> middle; "late", "the end of", "by the end of" -> last
third; "mid-to-late March" spans two thirds. On a single day ("late on Tuesday") a modifier
changes nothing. "the late 1990s" -> range 1997-1999 (early 0-3, mid 4-6, late 7-9).

Ranges: precision "range", value the start in its natural precision, start/end the covered
days. "from July 8-12", "July 8 to 12", "8-12 June 2012", "between 2009 and 2011", "from
March to May 2014" (a year given at one end applies to both), "in March and April", "from
Monday to Wednesday", "the second half of the year", "the first quarter of 2015", "Q3 2014",
"the first week of March" (days 1-7), "the 1990s", "the weekend" (latest Saturday-Sunday
begun by publication; future: the next one).

Open ranges: "since X" -> start of X .. publication, value X's value, precision "range";
None when X starts after publication. "until X", "by X", "through X" resolve to X itself.

Vague spans (decided: a low-precision range, not None, because they still say "before
publication"): "in recent days" 7 days, "recent weeks" 6 weeks, "recent months" 6 months,
"recent years" 5 years back to publication; "the coming weeks" etc. forward from it;
"the past N units" / "the last two weeks" / "the past 24 hours" N units back; "within a
month" forward; "a few / several weeks ago" -> 5 to 2 units back. Value: the start, as a day
for days/weeks, `YYYY-MM` for months, `YYYY` for years.

Not dates: amounts ("$800 million", "170", "500,000", "in 2000 cases", "15 percent"),
document numbers ("resolution 1929 (2010)": neither number), bare years without a cue
("Flight 2015"), anaphoric expressions ("two weeks later", "the 20th" is not handled).
"""

from __future__ import annotations

import datetime as dt
import re

from dyad.model import DateRef
from dyad.time.expressions import find_date_expressions
from dyad.time.grammar import Ctx, parse_point
from dyad.time.periods import Direction, Period

_LEADING_PREPOSITION = re.compile(r"(?i)^\s*(?:(?:in|on|at|during|of|for|over)\s+)?")

_DIRECTIONS: dict[str | None, Direction] = {
    None: "past",
    "past": "past",
    "present": "nearest",
    "future": "future",
}


def direction_for(tense: str | None) -> Direction:
    """Past and unknown tense resolve partial dates backwards, future forwards, present to
    the nearest candidate."""
    return _DIRECTIONS.get(tense, "past")


def _dateref(period: Period, text: str, start: int, end: int) -> DateRef:
    return DateRef(
        value=period.value,
        precision=period.precision,
        text=text,
        start=period.start,
        end=period.end,
        char_start=start,
        char_end=end,
    )


def resolve_date(text: str, published: dt.date, tense: str | None = None) -> DateRef | None:
    """Resolve one date expression (or the first resolvable one in a longer text).

    Offsets in the result are into `text`. Returns None when nothing in `text` is a date.
    """
    ctx = Ctx(published=published, direction=direction_for(tense))
    lead = _LEADING_PREPOSITION.match(text)
    offset = lead.end() if lead else 0
    core = text[offset:].rstrip(" \t\n.,;:")
    if core:
        whole = parse_point(core, ctx)
        if whole is not None:
            return _dateref(whole, core, offset, offset + len(core))
    for start, end, span in find_date_expressions(text):
        period = parse_point(span, ctx)
        if period is not None:
            return _dateref(period, span, start, end)
    return None
