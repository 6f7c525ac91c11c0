"""Property tests for the date resolver: it never raises, and what it returns is coherent."""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyad.model import DateRef
from dyad.time import find_date_expressions, resolve_date

# Fragments of the date grammar, so generated text reaches the rules (random text alone
# almost never spells "the end of June").
FRAGMENTS = [
    "in", "on", "at", "since", "by", "until", "from", "between", "and", "to", "-", "through",
    "last", "next", "this", "coming", "past", "the", "of", "early", "late", "mid-", "mid",
    "middle", "end", "beginning", "start", "half", "quarter", "first", "second", "fourth",
    "week", "weeks", "month", "months", "year", "years", "day", "days", "decade", "hours",
    "weekend", "ago", "recent", "within", "earlier", "later", "today", "yesterday",
    "tomorrow", "tonight", "night", "morning", "a", "two", "several", "few", "ten",
    "January", "February", "March", "May", "June", "July", "September", "December",
    "Jan.", "Sept", "Feb.", "MAY", "may", "march",
    "Monday", "Tuesday", "Friday", "Sunday", "spring", "summer", "autumn", "fall", "winter",
    "1990s", "(", ")", ",", "$", "%", "Q3", "1/20/2015", "2015-01-20", "2014-02-30",
    "29", "30", "31", "1st", "20th", "the 5th of",
]  # fmt: skip

_WORDS = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.integers(min_value=0, max_value=3100).map(str),
    st.text(alphabet="ab1- ,()/", max_size=4),
)
GRAMMAR_TEXT = st.lists(_WORDS, max_size=9).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=60), GRAMMAR_TEXT)
PUBLISHED = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31))
TENSE = st.sampled_from([None, "past", "present", "future"])


def _value_period(value: str) -> tuple[dt.date, dt.date]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = dt.date.fromisoformat(value)
        return d, d
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = int(value[:4]), int(value[5:])
        return dt.date(y, m, 1), dt.date(y, m, monthrange(y, m)[1])
    assert re.fullmatch(r"\d{4}", value), value
    return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)


def check_coherent(ref: DateRef, text: str) -> None:
    assert ref.start is not None and ref.end is not None
    assert ref.start <= ref.end
    lo, hi = _value_period(ref.value)
    if ref.precision == "day":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref.value)
        assert ref.start == ref.end == lo
    elif ref.precision == "week":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref.value)
        assert lo.weekday() == 0
        assert lo <= ref.start <= ref.end <= lo + dt.timedelta(days=6)
    elif ref.precision == "month":
        assert re.fullmatch(r"\d{4}-\d{2}", ref.value)
        assert lo <= ref.start <= ref.end <= hi
    elif ref.precision == "year":
        assert re.fullmatch(r"\d{4}", ref.value)
        assert lo <= ref.start <= ref.end <= hi
    else:
        assert ref.precision == "range"
        assert lo <= ref.start <= hi  # the value is the range's start in its own precision
    assert ref.char_start is not None and ref.char_end is not None
    assert 0 <= ref.char_start < ref.char_end <= len(text)
    assert text[ref.char_start : ref.char_end] == ref.text


@settings(max_examples=1500, deadline=None)
@given(text=ANY_TEXT, published=PUBLISHED, tense=TENSE)
def test_resolve_never_raises_and_is_coherent(
    text: str, published: dt.date, tense: str | None
) -> None:
    ref = resolve_date(text, published, tense)
    if ref is not None:
        check_coherent(ref, text)


@settings(max_examples=800, deadline=None)
@given(text=ANY_TEXT)
def test_find_spans_are_valid_and_disjoint(text: str) -> None:
    spans = find_date_expressions(text)
    previous_end = 0
    for start, end, expr in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == expr
        previous_end = end


@settings(max_examples=600, deadline=None)
@given(text=GRAMMAR_TEXT, published=PUBLISHED, tense=TENSE)
@example(text="999 years ago, 100 decades ago", published=dt.date(1950, 1, 1), tense=None)
@example(text="the past 999 years", published=dt.date(1950, 1, 1), tense="past")
@example(text="from December to January", published=dt.date(2050, 12, 31), tense="future")
def test_every_found_span_resolves_coherently(
    text: str, published: dt.date, tense: str | None
) -> None:
    # Everything the finder reports is a date for any publication date in range... except
    # "since X" when X lies after publication, which is not a date at all.
    for _start, _end, expr in find_date_expressions(text):
        ref = resolve_date(expr, published, tense)
        if ref is None:
            assert expr.lower().startswith("since")
            continue
        check_coherent(ref, expr)
