"""Words and regex pieces of the date grammar.

Month and weekday names are matched case-sensitively (Capitalised or UPPER) inside otherwise
case-insensitive patterns, so the modal "may" and the verb "march" are never months.
"""

from __future__ import annotations

import re

from dyad.numbers import CARDINALS

MONTHS_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# "Sept" before "Sep" so the longer abbreviation wins; May has no abbreviation.
MONTH_ABBREVIATIONS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sept": 9,
    "Sep": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NUMBER_WORDS = {"a": 1, "an": 1, **CARDINALS, "a couple of": 2, "couple of": 2}
VAGUE_NUMBERS = ("a few", "few", "several", "some")

ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": -1,
    "last": -1,
}


def _cased(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"{w}|{w.upper()}" for w in words)


MONTH = rf"(?-i:{_cased(MONTHS_FULL)})(?![A-Za-z])"
MONTH_D = rf"(?-i:(?:{_cased(MONTHS_FULL)})|(?:{_cased(list(MONTH_ABBREVIATIONS))})\.?)(?![A-Za-z])"
WEEKDAY = rf"(?-i:{_cased(WEEKDAYS)})(?![A-Za-z])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
YEAR = r"(?<![\d$€£])(?:19|20)\d{2}(?![\w])"
SEASON = r"(?:spring|summer|autumn|fall|winter)(?![\w])"
NUM = r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|some|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"  # noqa: E501
REL = r"(?:last|next|this|coming|past|previous)"

YEAR_RE = re.compile(YEAR)

# Preceding words that make a bare year, a bare month or a bare season a date ("in 2011",
# "since March", "during the summer"); anything else ("170", "resolution 1929") is not one.
CUE_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:in|during|since|by|until|till|through|throughout|before|after|of|from"
    r"|for|around|early|late|mid|spring|summer|autumn|fall|winter)[\s-]+(?:the\s+)?$"
)

# "on the 20th", "by the 5th": a bare day of the month needs one of these right before it.
DAY_CUE_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:on|by|until|till|since|from|before|after)\s+$")

# What follows a number that is a count or an amount, not a year ("in 2000 cases").
COUNT_AFTER = re.compile(
    r"(?i)^(?:\s*(?:%|percent\b|per\s+cent\b|[.,]\d)|\s+(?:people|persons|troops|soldiers|"
    r"civilians|men|women|children|cases|votes|members|residents|refugees|deaths|dead|killed|"
    r"km|kilometres|kilometers|miles|metres|meters|tonnes|tons|dollars|euros|pounds|barrels|"
    r"units|times|hours|minutes|seconds|million|billion|thousand|of\s+(?:the|them|whom|which)"
    r"\b))"
)

# "1929 (2010)": a document number followed by its year in parentheses.
DOC_YEAR_AFTER = re.compile(r"^\s*\(\s*(?:19|20)\d{2}\s*\)")
DOC_NUMBER_BEFORE = re.compile(r"\d[\d/]*\s*\(\s*$")
