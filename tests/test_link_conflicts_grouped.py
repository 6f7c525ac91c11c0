"""`find_conflicts` compares reports by projection (cost: distinct values, not the square of
the cluster); it must give exactly what pairing every two reports gives
(`conflicts_from_pairs(conflicting_pairs(...))`), entries and their order included.

The reports are real pipeline output on articles written here, then drawn by hypothesis into
clusters with repeated reports, shared documents and shuffled publication dates: the shapes a
big cluster of a long ingest takes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.link.conflicts import conflicting_pairs, conflicts_from_pairs, find_conflicts
from dyad.model import Article, Event

# One dispute told several ways: dates, places, venues, sides, amounts and modality differ.
ARTICLES = [
    "Russia refused in 2010 to deliver the S-300 missiles to Iran. "
    "Iran took Russia to the arbitration court in Geneva, seeking $4 billion.",
    "Moscow refused in 2011 to ship S-300 missiles to Tehran. "
    "Tehran filed a claim for $3.9 billion against Moscow at a court in Paris.",
    "Iran refused in 2010 to accept the Russian offer of Tor missiles. "
    "Iran sued Russia for $3 billion in Paris.",
    "Russia did not refuse to deliver the missiles to Iran, the Kremlin said on Monday. "
    "Iran did not sue Russia, officials in Tehran said.",
    "Russian and Iranian ministers met in Tehran on Tuesday and signed a defence pact. "
    "The two ministers met in Moscow in May 2014.",
]


@pytest.fixture(scope="module")
def reports(pipeline: Any) -> list[Event]:
    found: list[Event] = []
    for i, text in enumerate(ARTICLES):
        article = Article(f"a{i}", text, f"h{i}", published=dt.date(2015, 1, 20 + i))
        result = next(iter(pipeline.process([article])))
        assert not isinstance(result, Exception)
        found.extend(result.events)
    assert any(e.attributes.get("amounts") for e in found)
    assert len({e.date for e in found if e.date}) >= 3
    return found


def _copy(e: Event, n: int, doc: str, published: str) -> Event:
    return dataclasses.replace(
        e,
        event_id=f"{e.event_id}~{n}",
        doc_id=doc,
        published=published,
        attributes=dict(e.attributes),
    )


@st.composite
def clusters(draw: st.DrawFn, pool: list[Event]) -> list[Event]:
    picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=2, max_size=40))
    docs = draw(st.lists(st.sampled_from("pqrstu"), min_size=len(picks), max_size=len(picks)))
    days = draw(st.lists(st.integers(1, 5), min_size=len(picks), max_size=len(picks)))
    return [
        _copy(pool[p], n, doc, f"2015-02-0{day}")
        for n, (p, doc, day) in enumerate(zip(picks, docs, days, strict=True))
    ]


def test_real_reports_disagree_on_several_fields(reports: list[Event]) -> None:
    # the pool must exercise the comparison: several fields conflict across its reports
    fields = {c.field for c in find_conflicts("c", reports)}
    assert {"date", "amount"} <= fields, fields


def test_grouped_conflicts_equal_pairwise_ones(reports: list[Event]) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(clusters(reports))
    def check(members: list[Event]) -> None:
        expected = conflicts_from_pairs("c", conflicting_pairs(members))
        assert find_conflicts("c", members) == expected

    check()


def test_a_big_cluster_of_repeats_costs_its_distinct_values(reports: list[Event]) -> None:
    # 2,000 reports, 6 documents: pairing all of them would be 2 million pairs per field
    members = [
        _copy(reports[n % len(reports)], n, f"d{n % 6}", f"2015-02-0{1 + n % 5}")
        for n in range(2000)
    ]
    few = members[:60]
    small = {(c.field, len(c.values)) for c in find_conflicts("c", few)}
    big = find_conflicts("c", members)
    # the same conflicts as the first 60 show, each with every document that holds a value
    assert {c.field for c in big} == {f for f, _ in small}
    assert all(len(c.values) >= n for c in big for f, n in small if f == c.field)
