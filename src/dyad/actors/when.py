"""The date a sentence is about, when it says so up front ("In 2011, the Russian president ...").

Offices are looked up on the article date, except when the sentence opens with (or its main
verb carries) "in <year>" / "in <month> <year>" naming a past year: then "the Russian
president" is whoever held the office then. Only this narrow pattern is used; a year
elsewhere in a sentence ("the 2007 contract") says nothing about who the actors are.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span

from .matching import DocIndex

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}  # fmt: skip


def sentence_date(
    doc: Doc,
    index: DocIndex,
    dates: list[Span],
    tok: int,
    published: dt.date | None,
) -> dt.date | None:
    """The date of 'in <year>' framing the sentence of token `tok`, if it is before `published`.

    `dates` are the document's DATE entities (collected once per document)."""
    start, end = index.sent_bounds[index.sent_of[tok]]
    for ent in dates:
        if ent.start < start or ent.end > end:
            continue
        prep = doc[ent.start - 1] if ent.start > start else None
        if prep is None or prep.lower_ not in {"in", "during", "by"}:
            continue
        head = prep.head
        framing = ent.start - 1 == start or head.dep_ == "ROOT" or head.i == head.sent.root.i
        if not framing:
            continue
        years = _YEAR.findall(ent.text)
        if len(years) != 1:
            continue
        year = int(years[0])
        month = next((n for w, n in _MONTHS.items() if w in ent.text.lower()), 7)
        when = dt.date(year, month, 1)  # a bare year: its middle (July)
        if published is not None and when >= published:
            continue
        return when
    return None
