"""`write_documents` stores exactly the rows `Store.write_document` stores, much faster."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from dyad.ingest.readers import iter_inputs
from dyad.link.cluster import blocking_key
from dyad.model import Article, DocResult
from dyad.store.bulk import write_documents
from dyad.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "news.jsonl"
TABLES = ("articles", "sentences", "mentions", "events")


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in TABLES:
        # insertion order matters too: events_by_block returns rows in table order
        cols = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
        out[table] = store.query(f"SELECT {cols} FROM {table}")
    return out


def test_bulk_rows_equal_per_document_rows(pipeline: Any, tmp_path: Path) -> None:
    articles = [a for a in iter_inputs([str(SAMPLES)]) if isinstance(a, Article)][:10]
    results = [r for r in pipeline.process(articles) if isinstance(r, DocResult)]
    assert len(results) == len(articles)
    keys = {e.event_id: blocking_key(e) for r in results for e in r.events}
    assert keys, "the sample articles should yield events"

    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "bulk.duckdb") as bulk:
        start = time.perf_counter()
        with one.transaction():
            for r in results:
                one.write_document(r, "r-test", keys)
        per_doc = time.perf_counter() - start
        start = time.perf_counter()
        with bulk.transaction():
            write_documents(bulk, results, "r-test", keys)
        batched = time.perf_counter() - start
        expected = _rows(one)
        got = _rows(bulk)
    for table in TABLES:
        assert got[table] == expected[table], table
    assert all(expected[t] for t in TABLES)
    # the event JSON survives the trip unchanged
    assert json.loads(got["events"][0][-1]) == results[0].events[0].to_json()
    print(f"per document {per_doc:.3f}s, one insert per table {batched:.3f}s")


def test_empty_batch_writes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        with store.transaction():
            write_documents(store, [], None, {})
        assert store.counts()["articles"] == 0
