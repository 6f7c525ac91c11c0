"""Unit tests of dyad.link over hand-built Event records (no NLP involved)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.errors import ConfigError
from dyad.link import (
    LinkConfig,
    assign_clusters,
    blocking_key,
    find_conflicts,
    new_cluster_id,
    score_pair,
    summarize_cluster,
)
from dyad.link.cluster import candidate_keys, key_matches
from dyad.link.conflicts import conflicting_pairs
from dyad.link.families import code_family
from dyad.link.features import dates_conflict, event_interval, place_relation
from dyad.model import Event

CFG = LinkConfig()


def actor(code: str | None, igo: bool = False) -> dict[str, Any] | None:
    if code is None:
        return None
    if igo:
        return {"name": code, "code": code, "country": None, "type": "igo"}
    return {"name": code, "code": code + "GOV", "country": code, "type": "state"}


def ev(
    event_id: str,
    doc_id: str,
    *,
    src: str | None = "RUS",
    tgt: str | None = "IRN",
    cameo: str = "057",
    date: str | None = None,
    precision: str | None = None,
    published: str = "2015-01-26",
    location: dict[str, Any] | None = None,
    sentence: str = "Russia and Iran signed a defence cooperation agreement in Tehran.",
    trigger: str = "signed",
    modality: str = "asserted",
    attributes: dict[str, Any] | None = None,
    source_name: str | None = None,
    symmetric: bool = False,
    sentence_index: int = 0,
) -> Event:
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        source_name=source_name if source_name is not None else f"outlet-{doc_id}",
        published=published,
        sentence=sentence,
        sentence_index=sentence_index,
        char_start=0,
        char_end=len(sentence),
        trigger=trigger,
        source=actor(src),
        target=actor(tgt),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        quad_class=1,
        goldstein=0.0,
        date=date if date is not None else published,
        date_precision=precision if date is not None else "publication",
        location=location,
        modality=modality,
        attributes=attributes or {},
        symmetric=symmetric,
    )


COORDS = {
    "Tehran": (35.69, 51.42),
    "Dubai": (25.20, 55.27),
    "Abu Dhabi": (24.47, 54.37),
    "Geneva": (46.20, 6.14),
    "Paris": (48.86, 2.35),
    "Vienna": (48.21, 16.37),
}


def city(name: str, country: str) -> dict[str, Any]:
    lat, lon = COORDS[name]
    return {"name": name, "country": country, "feature": "city", "lat": lat, "lon": lon}


def country(name: str, code: str) -> dict[str, Any]:
    return {"name": name, "country": code, "feature": "country"}


S300 = {"instrument": {"text": "S-300 missile systems", "key": "s-300", "kind": "weapon"}}
S400 = {"instrument": {"text": "S-400 systems", "key": "s-400", "kind": "weapon"}}


# --- families and blocking ---------------------------------------------------------------------


def test_code_families_group_codes_that_describe_one_act_differently() -> None:
    assert code_family("121") == code_family("1622") == "refuse"
    assert code_family("115") == code_family("1031") == "claim"
    assert code_family("057") == code_family("062") == code_family("036") == "cooperate"
    assert code_family("072") == "cooperate"  # an arms delivery: 062 or 072
    assert code_family("042") == "consult"
    assert code_family("195") == code_family("180") == "violence"
    assert code_family("") == "other"


def test_blocking_key_is_the_unordered_dyad_and_family() -> None:
    a = ev("a", "d1", src="RUS", tgt="IRN", cameo="121")
    b = ev("b", "d2", src="IRN", tgt="RUS", cameo="1622")
    assert blocking_key(a) == blocking_key(b) == "IRN|RUS|refuse"
    igo = ev("c", "d3", src="EUR", tgt="RUS", cameo="163")
    igo.source = actor("EUR", igo=True)
    assert blocking_key(igo) == "EUR|RUS|refuse"
    lone = ev("d", "d4", src="PRK", tgt=None, cameo="150")
    assert blocking_key(lone) == "-|PRK|force"


# --- dates -------------------------------------------------------------------------------------


def test_date_intervals_follow_precision() -> None:
    year = ev("a", "d1", date="2010", precision="year")
    month = ev("b", "d2", date="2015-01", precision="month")
    week = ev("c", "d3", date="2015-01-19", precision="week")
    interval = event_interval(year)
    assert interval is not None and (interval.start.isoformat(), interval.end.isoformat()) == (
        "2010-01-01",
        "2010-12-31",
    )
    interval = event_interval(month)
    assert interval is not None and interval.end.isoformat() == "2015-01-31"
    interval = event_interval(week)
    assert interval is not None and interval.end.isoformat() == "2015-01-25"


def test_date_conflicts_respect_precision_and_publication() -> None:
    y2010 = ev("a", "d1", date="2010", precision="year")
    y2011 = ev("b", "d2", date="2011", precision="year")
    month = ev("c", "d3", date="2015-01", precision="month")
    day = ev("d", "d4", date="2015-01-20", precision="day")
    week = ev("e", "d5", date="2015-01-19", precision="week")
    undated = ev("f", "d6", published="2016-05-01")
    assert dates_conflict(y2010, y2011)
    assert not dates_conflict(month, day)
    assert not dates_conflict(week, day)
    assert not dates_conflict(undated, y2010)  # publication stand-ins never conflict


# --- places ------------------------------------------------------------------------------------


def test_place_relation() -> None:
    tehran, iran = city("Tehran", "IRN"), country("Iran", "IRN")
    assert place_relation(tehran, dict(tehran)) == "same"
    assert place_relation(tehran, iran) == "contains"
    assert place_relation(city("Geneva", "CHE"), city("Paris", "FRA")) == "differ_country"
    assert place_relation(city("Dubai", "ARE"), city("Abu Dhabi", "ARE")) == "differ_city"
    assert place_relation(None, tehran) == "unknown"
    tripoli_lby = {"name": "Tripoli", "country": "LBY", "feature": "city"}
    tripoli_lbn = {"name": "Tripoli", "country": "LBN", "feature": "city"}
    assert place_relation(tripoli_lby, tripoli_lbn) == "differ_country"
    teheran = {**tehran, "name": "Teheran", "lat": 35.7, "lon": 51.4}
    assert place_relation(tehran, teheran) == "same"  # one city spelled two ways


# --- pair score --------------------------------------------------------------------------------


def test_score_rewards_agreement_and_penalises_disagreement() -> None:
    a = ev("a", "d1", date="2015-01-20", precision="day", location=city("Tehran", "IRN"))
    b = ev("b", "d2", date="2015-01-19", precision="week", location=city("Tehran", "IRN"))
    c = ev("c", "d3", date="2013-01-19", precision="day", location=city("Tehran", "IRN"))
    same, terms = score_pair(a, b, CFG)
    other, other_terms = score_pair(a, c, CFG)
    assert terms["date"] > 0 and terms["location"] > 0
    assert other_terms["date"] < 0
    assert same >= CFG.link_threshold > other


def test_explicit_date_mismatch_lowers_but_does_not_forbid_a_link() -> None:
    text_a = "Moscow halted the delivery of S-300 batteries to Iran in 2010."
    text_b = "In 2011 Russia refused to deliver the S-300 batteries to Iran."
    a = ev(
        "a",
        "d1",
        cameo="1622",
        date="2010",
        precision="year",
        sentence=text_a,
        trigger="halted",
        attributes=S300,
    )
    b = ev(
        "b",
        "d2",
        cameo="121",
        date="2011",
        precision="year",
        sentence=text_b,
        trigger="refused",
        attributes=S300,
    )
    score, terms = score_pair(a, b, CFG)
    assert terms["date"] < 0
    assert terms["instrument"] == pytest.approx(CFG.w_instrument)
    assert score >= CFG.link_threshold


def test_different_weapon_systems_are_strong_evidence_against() -> None:
    a = ev("a", "d1", attributes=S300, sentence="Russia agreed to sell S-300 systems to Iran.")
    b = ev("b", "d2", attributes=S400, sentence="Russia agreed to sell S-400 systems to Iran.")
    _, terms = score_pair(a, b, CFG)
    assert terms["instrument"] == pytest.approx(-CFG.w_instrument)


def test_reciprocal_actions_on_different_days_do_not_link() -> None:
    a = ev(
        "a",
        "d1",
        src="GBR",
        tgt="RUS",
        cameo="161",
        date="2018-03-14",
        precision="day",
        sentence="Britain expelled 23 Russian diplomats.",
        trigger="expelled",
    )
    b = ev(
        "b",
        "d2",
        src="RUS",
        tgt="GBR",
        cameo="161",
        date="2018-03-17",
        precision="day",
        sentence="Russia expelled 23 British diplomats.",
        trigger="expelled",
    )
    score, terms = score_pair(a, b, CFG)
    assert terms["reciprocal"] < 0 and terms["direction"] < 0
    assert score < CFG.link_threshold


def test_publication_dates_are_weak_evidence() -> None:
    a = ev("a", "d1", published="2015-04-21")
    b = ev("b", "d2", published="2015-04-22")
    far = ev("c", "d3", published="2019-04-22")
    _, near_terms = score_pair(a, b, CFG)
    _, far_terms = score_pair(a, far, CFG)
    assert 0 < near_terms["date"] <= CFG.w_publication_date
    assert -CFG.w_publication_date <= far_terms["date"] < 0


# --- clustering --------------------------------------------------------------------------------


def _signing(event_id: str, doc_id: str, **kw: Any) -> Event:
    base: dict[str, Any] = {
        "date": "2015-01-20",
        "precision": "day",
        "location": city("Tehran", "IRN"),
        "sentence": "Russia and Iran signed a defence cooperation agreement in Tehran.",
    }
    base.update(kw)
    return ev(event_id, doc_id, **base)


def _pact_2013(event_id: str, doc_id: str) -> Event:
    return ev(
        event_id,
        doc_id,
        date="2013-01-19",
        precision="day",
        sentence="Russia and Iran agreed a security pact on intelligence sharing.",
        trigger="agreed",
    )


def test_assign_clusters_links_reports_and_keeps_other_events_apart() -> None:
    batch = [_signing("e1", "d1"), _signing("e2", "d2"), _pact_2013("e3", "d3")]
    mapping = assign_clusters(batch, lambda key: [], CFG)
    assert mapping["e1"] == mapping["e2"] == new_cluster_id("e1")
    assert mapping["e3"] == new_cluster_id("e3") != mapping["e1"]
    assert new_cluster_id("e1").startswith("c-") and len(new_cluster_id("e1")) == 14


def test_assign_clusters_is_incremental_and_deterministic() -> None:
    first = assign_clusters([_signing("e1", "d1")], lambda key: [], CFG)
    stored = _signing("e1", "d1")
    stored.cluster_id = first["e1"]
    asked: list[str] = []

    def candidates(key: str) -> list[Event]:
        asked.append(key)
        return [stored] if key == blocking_key(stored) else []

    new = [_signing("e2", "d2"), _signing("e4", "d4"), _pact_2013("e3", "d3")]
    second = assign_clusters(new, candidates, CFG)
    assert second["e2"] == second["e4"] == first["e1"]
    assert second["e3"] not in (first["e1"],)
    # one call per key, however many events: the dyad, then the one-sided keys of each side
    # and the same for the neighbouring family (consult)
    assert asked == [
        "IRN|RUS|cooperate",
        "-|IRN|cooperate",
        "-|RUS|cooperate",
        "IRN|RUS|consult",
        "-|IRN|consult",
        "-|RUS|consult",
    ]
    again = assign_clusters(new, candidates, CFG)
    assert again == second
    assert stored.cluster_id == first["e1"]  # stored events are not touched


def test_same_document_events_merge_only_when_nearly_identical() -> None:
    sent = "Russia and Iran signed a defence cooperation agreement in Tehran."
    a = _signing("e1", "d1", sentence_index=0)
    repeat = _signing("e2", "d1", sentence=sent, sentence_index=3)
    other = ev(
        "e3",
        "d1",
        date="2014-11-11",
        precision="day",
        sentence="Russia and Iran also signed a deal on two reactors last year.",
        sentence_index=5,
    )
    mapping = assign_clusters([a, repeat, other], lambda key: [], CFG)
    assert mapping["e1"] == mapping["e2"]
    assert mapping["e3"] != mapping["e1"]
    _, terms = score_pair(a, other, CFG)
    assert terms["same_document"] == pytest.approx(CFG.link_threshold - CFG.same_doc_threshold)
    _, terms = score_pair(a, _signing("e9", "d9"), CFG)
    assert terms["same_document"] == 0.0
    # two predicates of one sentence never merge, however alike
    twin = _signing("e4", "d1", trigger="agreement", sentence_index=0)
    assert assign_clusters([a, twin], lambda key: [], CFG)["e4"] != mapping["e1"]


def test_one_sided_events_meet_the_dyads_of_their_side() -> None:
    assert candidate_keys(_signing("e1", "d1", tgt=None)) == [
        "-|RUS|cooperate",
        "RUS|*|cooperate",
        "*|RUS|cooperate",
        "-|RUS|consult",
        "RUS|*|consult",
        "*|RUS|consult",
    ]
    assert key_matches("*|RUS|cooperate", "IRN|RUS|cooperate")
    assert not key_matches("*|RUS|cooperate", "IRN|RUS|refuse")
    full = _signing("e1", "d1")
    one_sided = _signing("e2", "d2", tgt=None)  # the coder missed Iran in this report
    mapping = assign_clusters([full, one_sided], lambda key: [], CFG)
    assert mapping["e1"] == mapping["e2"]
    stored = _signing("e1", "d1")
    stored.cluster_id = "c-stored"

    def store(key: str) -> list[Event]:  # a store answering patterns
        return [stored] if key_matches(key, blocking_key(stored)) else []

    assert assign_clusters([one_sided], store, CFG) == {"e2": "c-stored"}


def test_events_of_different_blocks_never_meet() -> None:
    a = _signing("e1", "d1")
    b = _signing("e2", "d2", src="USA", tgt="IRN")
    mapping = assign_clusters([a, b], lambda key: [], CFG)
    assert mapping["e1"] != mapping["e2"]


# --- summary -----------------------------------------------------------------------------------


def test_summary_picks_best_values_with_rules() -> None:
    members = [
        ev(
            "e1",
            "d1",
            date="2015-01",
            precision="month",
            published="2015-02-02",
            location=country("Iran", "IRN"),
            cameo="057",
            source_name="A",
        ),
        ev(
            "e2",
            "d2",
            date="2015-01-20",
            precision="day",
            published="2015-01-21",
            location=city("Tehran", "IRN"),
            cameo="057",
            source_name="B",
        ),
        ev(
            "e3",
            "d3",
            date="2015-01-19",
            precision="week",
            published="2015-01-29",
            location=city("Tehran", "IRN"),
            cameo="05",
            source_name="B",
        ),
        ev(
            "e4",
            "d4",
            date="2014",
            precision="year",
            published="2015-01-30",
            location=None,
            cameo="036",
            source_name=None,
        ),
    ]
    rec = summarize_cluster("c-x", members)
    assert rec.n_sources == 3  # A, B and the unnamed source of d4
    assert (rec.first_reported, rec.last_reported) == ("2015-01-21", "2015-02-02")
    assert rec.best["date"]["value"] == "2015-01-20"
    assert "compatible with 2 of 3" in rec.best["date"]["rule"]
    assert rec.best["location"]["value"]["name"] == "Tehran"
    assert rec.best["location"]["rule"].startswith("majority (2 of 3)")
    assert rec.best["cameo"]["value"] == "057"
    assert rec.best["source"]["value"]["country"] == "RUS"
    assert [m.event_id for m in rec.members] == ["e2", "e3", "e4", "e1"]
    as_json = rec.to_json()
    assert as_json["members"][0]["doc_id"] == "d2" and as_json["n_sources"] == 3
    assert as_json["n_events"] == 4


def test_summary_without_explicit_dates_uses_publication() -> None:
    rec = summarize_cluster(
        "c-y", [ev("e1", "d1", published="2015-04-22"), ev("e2", "d2", published="2015-04-21")]
    )
    assert rec.best["date"] == {
        "value": "2015-04-21",
        "precision": "publication",
        "rule": "publication",
    }


# --- conflicts ---------------------------------------------------------------------------------


def _fields(conflicts: list[Any]) -> list[str]:
    return [c.field for c in conflicts]


def test_conflicts_dates_and_their_values() -> None:
    a = ev("e1", "d1", date="2010", precision="year", source_name="Monitor")
    b = ev(
        "e2",
        "d2",
        date="2011",
        precision="year",
        source_name="Review",
        sentence="In 2011 Moscow refused.",
    )
    c = ev("e3", "d3", published="2013-08-01")  # publication date only: never conflicts
    conflicts = find_conflicts("c-1", [a, b, c])
    assert _fields(conflicts) == ["date"]
    values = conflicts[0].values
    assert {v["value"] for v in values} == {"2010", "2011"}
    assert {v["doc_id"] for v in values} == {"d1", "d2"}
    entry = next(v for v in values if v["doc_id"] == "d2")
    assert entry == {
        "value": "2011",
        "doc_id": "d2",
        "source_name": "Review",
        "sentence": "In 2011 Moscow refused.",
    }
    assert conflicts[0].cluster_id == "c-1"


def test_no_conflict_for_compatible_dates_and_places() -> None:
    a = ev("e1", "d1", date="2015-01", precision="month", location=country("Iran", "IRN"))
    b = ev("e2", "d2", date="2015-01-20", precision="day", location=city("Tehran", "IRN"))
    assert find_conflicts("c-2", [a, b]) == []


def test_location_venue_actor_amount_and_modality_conflicts() -> None:
    geneva = {
        "venue": {"text": "OSCE Court", "key": "osce court", "kind": "court", "city": "Geneva"},
        "amounts": [{"text": "$800 million", "value": 8e8, "currency": "USD", "unit": None}],
    }
    paris = {
        "venue": {
            "text": "International Court of Arbitration",
            "key": "international court of arbitration",
            "kind": "court",
            "city": "Paris",
        },
        "amounts": [
            {"text": "$900 million", "value": 9e8, "currency": "USD", "unit": None},
            {"text": "Dh2.94 billion", "value": 2.94e9, "currency": "AED", "unit": None},
        ],
    }
    a = ev("e1", "d1", location=city("Vienna", "AUT"), attributes=geneva, src="IRN", tgt="RUS")
    b = ev(
        "e2",
        "d2",
        location=city("Geneva", "CHE"),
        attributes=paris,
        src="RUS",
        tgt="IRN",
        modality="negated",
    )
    fields = _fields(find_conflicts("c-3", [a, b]))
    assert fields == ["location", "venue", "actor", "modality", "amount"]


def test_amounts_far_apart_or_close_are_not_conflicts() -> None:
    def money(value: float) -> dict[str, Any]:
        return {"amounts": [{"text": "x", "value": value, "currency": "USD", "unit": None}]}

    price = ev("e1", "d1", attributes=money(8e8))
    damages = ev("e2", "d2", attributes=money(4e9))  # another figure, not a misreport
    rounded = ev("e3", "d3", attributes=money(8.2e8))  # within 5%
    assert "amount" not in _fields(find_conflicts("c-4", [price, damages]))
    assert "amount" not in _fields(find_conflicts("c-4", [price, rounded]))


def test_symmetric_events_and_same_document_never_conflict_on_actor() -> None:
    a = ev("e1", "d1", src="RUS", tgt="IRN", symmetric=True)
    b = ev("e2", "d2", src="IRN", tgt="RUS", symmetric=True)
    c = ev("e3", "d1", src="IRN", tgt="RUS", sentence_index=4)
    assert find_conflicts("c-5", [a, b]) == []
    assert conflicting_pairs([a, c]) == []


def test_two_names_of_one_side_are_no_actor_conflict() -> None:
    a = ev("e1", "d1", src="RUS")
    b = ev("e2", "d2", src="RUS")
    assert a.source is not None and b.source is not None
    b.source = {**b.source, "name": "Dmitry Medvedev", "type": "person"}
    assert find_conflicts("c-7", [a, b]) == []


def test_planned_and_done_do_not_clash_but_denied_and_done_do() -> None:
    done = ev("e1", "d1")
    planned = ev("e2", "d2", modality="planned")
    denied = ev("e3", "d3", modality="negated")
    assert "modality" not in _fields(find_conflicts("c-6", [done, planned]))
    assert "modality" in _fields(find_conflicts("c-6", [done, denied]))


# --- config ------------------------------------------------------------------------------------


def test_every_setting_is_documented() -> None:
    import dyad.link.config as module

    doc = module.__doc__ or ""
    for f in dataclasses.fields(LinkConfig):
        assert f"| {f.name} " in doc or f"| {f.name}|" in doc, f.name


def test_link_config_from_mapping() -> None:
    cfg = LinkConfig.from_mapping({"link_threshold": 2, "near_min_days": 10.0})
    assert cfg.link_threshold == 2.0 and cfg.near_min_days == 10
    with pytest.raises(ConfigError):
        LinkConfig.from_mapping({"link_treshold": 1.0})
    with pytest.raises(ConfigError):
        LinkConfig.from_mapping({"w_date": "high"})


# --- properties --------------------------------------------------------------------------------

_SIDES = st.sampled_from(["RUS", "IRN", "USA", None])
_CODES = st.sampled_from(["057", "042", "121", "1622", "111", "195"])
_DATES = st.sampled_from([None, "2010", "2011", "2015-01", "2015-01-20", "2015-01-22"])


@st.composite
def _events(draw: st.DrawFn) -> list[Event]:
    n = draw(st.integers(min_value=1, max_value=12))
    out: list[Event] = []
    for i in range(n):
        date = draw(_DATES)
        precision = None if date is None else {4: "year", 7: "month", 10: "day"}[len(date)]
        out.append(
            ev(
                f"e{i}",
                f"d{draw(st.integers(min_value=0, max_value=5))}",
                src=draw(_SIDES),
                tgt=draw(_SIDES),
                cameo=draw(_CODES),
                date=date,
                precision=precision,
                sentence_index=i,
                attributes=draw(st.sampled_from([{}, S300, S400])),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(_events())
def test_batches_and_streams_give_the_same_clusters(events: list[Event]) -> None:
    one_batch = assign_clusters(events, lambda key: [], CFG)
    assert set(one_batch) == {e.event_id for e in events}
    assert assign_clusters(events, lambda key: [], CFG) == one_batch  # deterministic
    stored: list[Event] = []
    streamed: dict[str, str] = {}
    for e in events:  # one event at a time, through a store that answers patterns
        mapping = assign_clusters(
            [e], lambda key: [s for s in stored if key_matches(key, blocking_key(s))], CFG
        )
        streamed.update(mapping)
        kept = dataclasses.replace(e, cluster_id=mapping[e.event_id])
        stored.append(kept)
    assert streamed == one_batch
    for cid in set(one_batch.values()):
        members = [e for e in events if one_batch[e.event_id] == cid]
        record = summarize_cluster(cid, members)
        assert len(record.members) == len(members)
        assert record.n_sources == len({e.source_name for e in members})
        for conflict in find_conflicts(cid, members):
            assert len({v["doc_id"] for v in conflict.values}) >= 2


def test_towns_across_a_border_disagree_like_two_cities() -> None:
    from dyad.link.features import place_relation

    jermuk = {"name": "Jermuk", "country": "ARM", "lat": 39.84, "lon": 45.67, "feature": "city"}
    kalbajar = {"name": "Kalbajar", "country": "AZE", "lat": 40.1, "lon": 46.04, "feature": "city"}
    tripoli_ly = {
        "name": "Tripoli",
        "country": "LBY",
        "lat": 32.89,
        "lon": 13.19,
        "feature": "city",
    }
    tripoli_lb = {
        "name": "Tripoli",
        "country": "LBN",
        "lat": 34.44,
        "lon": 35.85,
        "feature": "city",
    }
    armenia = {"name": "Armenia", "country": "ARM", "lat": 40.0, "lon": 45.0, "feature": "country"}
    assert place_relation(jermuk, kalbajar) == "differ_city"  # 40 km apart, one clash
    assert place_relation(tripoli_ly, tripoli_lb) == "differ_country"  # 2,100 km apart
    assert place_relation(kalbajar, armenia) == "differ_country"  # a country is no town
