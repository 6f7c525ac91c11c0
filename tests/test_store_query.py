"""Stored events queried by date respecting precision, by actor, dyad, code and source."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dyad.config import Settings
from dyad.ingest.article import make_article
from dyad.ingest.runner import link_and_write
from dyad.model import DocResult
from dyad.store.db import Store
from dyad.store.query import events_sql, make_filter

ARTICLES = [
    (
        "q1",
        "Harbour Post",
        "2015-03-01",
        "Russia and Iran held talks in January 2015 on arms sales.",
    ),
    (
        "q2",
        "Steppe Wire",
        "2015-03-01",
        "Kazakhstan hosted Chinese President Xi Jinping on 14 February 2015.",
    ),
    (
        "q3",
        "Harbour Post",
        "2012-06-10",
        "Japan protested to China over a naval patrol near the islands in 2012.",
    ),
]


@pytest.fixture(scope="module")
def store(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("q") / "q.duckdb"
    arts = [make_article(t, doc_id=i, source_name=s, published=p) for i, s, p, t in ARTICLES]
    results = [r for r in pipeline.process(arts) if isinstance(r, DocResult)]
    s = Store(db)
    with s.transaction():
        link_and_write(s, results, Settings(), None)
    return s


def _docs(store: Store, **kw: Any) -> list[str]:
    sql, params = events_sql(make_filter(**kw))
    return sorted({json.loads(r[0])["doc_id"] for r in store.query(sql, params)})


def test_month_precision_overlaps_a_day_range(store: Store) -> None:
    assert "q1" in _docs(store, since="2015-01-20")  # January 2015 reaches the 20th
    assert "q1" in _docs(store, until="2015-01-05")  # and starts before the 5th
    assert "q1" not in _docs(store, since="2015-02")
    assert "q2" in _docs(store, since="2015-02-14", until="2015-02-14")
    assert "q2" not in _docs(store, until="2015-02-13")
    assert _docs(store, until="2012") == ["q3"]


def test_actor_dyad_code_and_source_filters(store: Store) -> None:
    assert "q1" in _docs(store, actor="IRN")
    assert "q1" in _docs(store, dyad=("IRN", "RUS"))  # either direction
    assert "q3" in _docs(store, dyad=("CHN", "JPN"))
    assert _docs(store, source="steppe") == ["q2"]
    assert "q3" in _docs(store, code="11")  # a diplomatic protest is 114
    assert "q3" not in _docs(store, code="04")


def test_store_is_idempotent_on_rewrite(store: Store, pipeline: Any) -> None:
    before = store.counts()
    assert set(store.known_hashes([doc_id for doc_id, _s, _p, _t in ARTICLES])) == {
        "q1",
        "q2",
        "q3",
    }
    assert before["articles"] == 3 and before["events"] >= 3


def test_events_read_by_id_and_cluster_in_chunks(store: Store) -> None:
    """Reads by a list of ids go in chunks of parameters; every chunk size gives the same rows
    and each cluster's members keep their order."""
    rows = store.query("SELECT event_id, cluster_id, json FROM events ORDER BY event_id")
    ids = [r[0] for r in rows]
    assert len(ids) >= 3
    whole = store._where_in("events", "event_id", ids, "event_id, json")
    for chunk in (1, 2):
        assert sorted(
            store._where_in("events", "event_id", ids, "event_id, json", chunk=chunk)
        ) == (sorted(whole))
    assert sorted(whole) == sorted((r[0], r[2]) for r in rows)
    assert store._where_in("events", "event_id", ["no-such-event"], "event_id") == []
    clusters = sorted({r[1] for r in rows if r[1]})
    order = "cluster_id, published, doc_id, event_id"
    one = store._where_in("events", "cluster_id", clusters, "cluster_id, event_id", order)
    for chunk in (1, 2):
        assert (
            store._where_in(
                "events", "cluster_id", clusters, "cluster_id, event_id", order, chunk=chunk
            )
            == one
        )
    members = store.events_in_clusters(clusters)
    assert [e.event_id for c in clusters for e in members[c]] == [r[1] for r in one]
