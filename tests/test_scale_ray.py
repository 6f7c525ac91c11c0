"""The Ray engine codes exactly what the local ingest codes, and `load_shards` stores it the same.

One local Ray session (2 CPUs) serves the whole module: starting Ray is the slow part.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import ray

from dyad.config import Settings
from dyad.errors import UnsafePathError, UsageError
from dyad.ingest.runner import ingest
from dyad.scale.load import load_shards
from dyad.scale.ray_engine import run_ray_ingest
from dyad.scale.shards import EVENT_ROW_COLUMNS, MANIFEST
from dyad.store.db import Store
from dyad.store.query import events_sql, make_filter, parquet_relation

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "news.jsonl"
N_ARTICLES = 8
COMMIT_EVERY = 3


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight sample articles, one of them twice (unchanged on the repeat), and a broken line."""
    lines = [line for line in SAMPLES.read_text("utf-8").splitlines() if line.strip()]
    assert len(lines) >= N_ARTICLES, "samples/news.jsonl is too short for this test"
    chosen = lines[:N_ARTICLES]
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    broken = '{"id": "broken", "text": "Russia and Iran met'  # no closing quote or brace
    path.write_text("\n".join([*chosen[:5], broken, *chosen[5:], chosen[0]]) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(commit_every=COMMIT_EVERY)


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory, corpus: Path, settings: Settings) -> Path:
    from dyad.pipeline import Pipeline

    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store(db) as store:
        summary = ingest([str(corpus)], settings, store, lambda: Pipeline.load(settings))
    assert summary.articles == N_ARTICLES
    assert summary.quarantined == 1
    assert summary.unchanged == 1
    assert summary.events > 0
    return db


@pytest.fixture(scope="module")
def shards(
    tmp_path_factory: pytest.TempPathFactory, corpus: Path, settings: Settings, ray_session: None
) -> Path:
    out = tmp_path_factory.mktemp("ray") / "shards"
    report = run_ray_ingest([str(corpus)], settings, out, address=None, workers=2)
    assert f"inputs: {N_ARTICLES + 2} documents" in report
    assert "quarantined: 1" in report
    assert "unchanged: 1 repeated in the input" in report  # the repeat is not coded twice
    return out


def _events(con: Any, relation: str, keep_cluster: bool) -> list[str]:
    sql, params = events_sql(make_filter(), relation)
    out = []
    for (text,) in con.execute(sql, params).fetchall():
        event = json.loads(text)
        if not keep_cluster:
            event.pop("cluster_id")
        out.append(json.dumps(event, sort_keys=True))
    return sorted(out)


def _db_events(db: Path, keep_cluster: bool = True) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _events(con, "events", keep_cluster)
    finally:
        con.close()


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an ingest stores, minus what names the run (run ids and timestamps)."""
    queries = {
        "articles": "SELECT doc_id, content_hash, title, source_name, url, published, origin,"
        " text, warnings FROM articles",
        "sentences": "SELECT * FROM sentences",
        "mentions": "SELECT * FROM mentions",
        "events": "SELECT * FROM events",
        "quarantine": "SELECT origin, code, reason, raw FROM quarantine",
        "clusters": "SELECT * FROM clusters",
        "conflicts": "SELECT * FROM conflicts",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(q).fetchall(), key=repr) for t, q in queries.items()}
    finally:
        con.close()


def test_ray_events_equal_local_events(shards: Path, local_db: Path) -> None:
    con = duckdb.connect()
    ray_events = _events(con, parquet_relation(shards), keep_cluster=False)
    assert ray_events, "the sample articles should yield events"
    assert ray_events == _db_events(local_db, keep_cluster=False)
    # workers do not link: clusters are made by `dyad load`
    nulls = con.execute(
        f"SELECT count(*) FROM {parquet_relation(shards)} WHERE cluster_id IS NOT NULL"
    ).fetchone()
    assert nulls == (0,)


def test_event_shards_have_the_store_columns(shards: Path, local_db: Path) -> None:
    con = duckdb.connect(str(local_db), read_only=True)
    store_columns = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    con.close()
    assert tuple(store_columns) == EVENT_ROW_COLUMNS
    shard = duckdb.connect().execute(f"DESCRIBE SELECT * FROM {parquet_relation(shards)}")
    types = {r[0]: r[1] for r in shard.fetchall()}
    assert set(EVENT_ROW_COLUMNS) <= set(types)
    assert types["published"] == "DATE" and types["date_start"] == "DATE"
    # the filters of `dyad events --from DIR` work on the shards
    sql, params = events_sql(
        make_filter(since="2014-01", until="2015-12"), parquet_relation(shards)
    )
    assert duckdb.connect().execute(sql, params).fetchall()


def test_load_shards_stores_what_local_ingest_stores(
    shards: Path, local_db: Path, settings: Settings, tmp_path: Path
) -> None:
    db = tmp_path / "loaded.duckdb"
    with Store(db) as store:
        first = load_shards(shards, store, settings)
    assert first["articles"] == N_ARTICLES
    assert first["quarantined"] == 1
    assert first["unchanged"] == 0  # the driver already dropped the repeat
    local = _tables(local_db)
    loaded = _tables(db)
    for table in local:
        assert loaded[table] == local[table], table
    # linking replays the input order, so even the cluster ids are those of a local ingest
    assert _db_events(db) == _db_events(local_db)

    with Store(db) as store:
        again = load_shards(shards, store, settings)
    assert again["articles"] == 0
    assert again["unchanged"] == N_ARTICLES
    assert _tables(db) == loaded


def test_load_into_a_database_that_already_has_the_articles(
    shards: Path, local_db: Path, settings: Settings, tmp_path: Path
) -> None:
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(local_db, db)
    before = _tables(db)
    with Store(db) as store:
        counts = load_shards(shards, store, settings)
    assert counts["articles"] == 0
    assert _tables(db) == before


def test_out_folder_safety(shards: Path, corpus: Path, settings: Settings, tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", "utf-8")
    with pytest.raises(UnsafePathError):
        run_ray_ingest([str(corpus)], settings, foreign, address=None, workers=1)
    assert (foreign / "notes.txt").read_text("utf-8") == "keep me"

    # a shard folder with a file dyad did not write is not replaced either
    extra = shards / "events" / "README.txt"
    extra.write_text("mine", "utf-8")
    try:
        with pytest.raises(UnsafePathError):
            run_ray_ingest([str(corpus)], settings, shards, address=None, workers=1)
        assert (shards / MANIFEST).is_file()
    finally:
        extra.unlink()

    with pytest.raises(UsageError), Store(tmp_path / "x.duckdb") as store:
        load_shards(foreign, store, settings)


def test_a_worker_error_reaches_the_user_as_a_dyad_error(
    corpus: Path, ray_session: None, tmp_path: Path
) -> None:
    from dataclasses import replace

    from dyad.errors import ModelLoadError

    bad = replace(Settings(), model="no_such_spacy_model")
    with pytest.raises(ModelLoadError):
        run_ray_ingest([str(corpus)], bad, tmp_path / "out", address=None, workers=1)
    # the unfinished folder is marked as dyad's but cannot be loaded by mistake
    with pytest.raises(UsageError, match="did not finish"), Store(tmp_path / "x.duckdb") as store:
        load_shards(tmp_path / "out", store, Settings())
