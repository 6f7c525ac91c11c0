"""The whole pipeline on real sentences: every stage fills its fields, with evidence."""

from __future__ import annotations

from typing import Any

from dyad.ingest.article import make_article
from dyad.model import DocResult


def _run(
    pipeline: Any, text: str, published: str = "2015-01-26", source: str = "Desk"
) -> DocResult:
    article = make_article(text, published=published, source_name=source)
    (result,) = list(pipeline.process([article]))
    assert isinstance(result, DocResult)
    return result


def test_signing_in_a_capital_is_coded_with_date_place_and_evidence(pipeline: Any) -> None:
    text = (
        "Russia and Iran signed a defence pact in Tehran last Tuesday. "
        "Analysts said the deal would anger Washington."
    )
    result = _run(pipeline, text)
    signed = [e for e in result.events if e.trigger.startswith("signed")]
    assert len(signed) == 1
    e = signed[0]
    assert e.cameo.startswith("05")
    assert e.symmetric
    assert {e.source and e.source["country"], e.target and e.target["country"]} == {"RUS", "IRN"}
    assert e.date == "2015-01-20" and e.date_precision == "day"
    assert e.date_text is not None and "Tuesday" in e.date_text
    assert e.location is not None and e.location["name"] == "Tehran"
    assert e.modality == "asserted"
    assert 0.0 < e.confidence <= 1.0
    assert text[e.char_start : e.char_end] == e.sentence
    assert text[e.trigger_start : e.trigger_end] == e.trigger
    assert e.plover == "AGREE" and e.quad_class == 1


def test_metonym_subject_and_refusal(pipeline: Any) -> None:
    result = _run(pipeline, "Moscow refused to deliver the S-300 missile system to Iran in 2010.")
    (e,) = [e for e in result.events if e.cameo.startswith("12")]
    assert e.source is not None and e.source["country"] == "RUS"
    assert e.target is not None and e.target["country"] == "IRN"
    assert e.date == "2010" and e.date_precision == "year"
    assert e.attributes.get("instrument")


def test_no_date_in_text_falls_back_to_publication(pipeline: Any) -> None:
    result = _run(
        pipeline, "Germany criticised Turkey over the arrest of journalists.", "2016-11-04"
    )
    (e,) = [e for e in result.events if e.cameo.startswith("11")]
    assert e.date == "2016-11-04" and e.date_precision == "publication" and e.date_text is None


def test_negated_and_planned_modality(pipeline: Any) -> None:
    neg = _run(pipeline, "India did not meet Pakistani officials at the summit in Kathmandu.")
    assert any(e.modality == "negated" and e.cameo.startswith("04") for e in neg.events)
    plan = _run(pipeline, "The Chinese foreign minister will visit Moscow next month.")
    (e,) = [e for e in plan.events if e.cameo.startswith("04")]
    assert e.modality == "planned"
    assert e.date == "2015-02" and e.date_precision == "month"


def test_sentences_and_mentions_are_offsets_into_the_text(pipeline: Any) -> None:
    text = "Sergei Lavrov met John Kerry in Geneva. He said the talks were useful."
    result = _run(pipeline, text)
    for _i, start, end, sent in result.sentences:
        assert text[start:end] == sent
    for m in result.mentions:
        assert text[m.char_start : m.char_end] == m.text
    people = {m.actor.person for m in result.mentions if m.actor.person}
    assert {"Sergei Lavrov", "John Kerry"} <= people
