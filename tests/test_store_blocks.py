"""The writer's block cache answers exactly like the store, batch after batch, within its bound."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dyad.config import Settings
from dyad.errors import StoreError
from dyad.ingest.runner import ingest
from dyad.link.cluster import candidate_keys
from dyad.store import blocks as blocks_module
from dyad.store.blocks import BlockCache, patterns_for
from dyad.store.db import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "news.jsonl"


def test_patterns_of_a_key() -> None:
    assert patterns_for("IRN|RUS|consult") == ["IRN|RUS|consult", "*|RUS|consult", "IRN|*|consult"]


def test_cache_mirrors_the_store_after_every_batch(
    tmp_path: Path, pipeline: Any, monkeypatch: Any
) -> None:
    settings = replace(Settings(), commit_every=3, link_max_candidates=4)
    checked: list[int] = []
    real_add = BlockCache.add

    def add_then_compare(self: BlockCache, written: Any) -> None:
        written = list(written)
        real_add(self, written)
        # every key and pattern the next batch may ask for, read fresh from the store
        keys = {k for _, e in written for k in candidate_keys(e)} | set(self._entries)
        held = sum(len(v) for v in self._entries.values()) + len(self._entries)
        biggest = max(map(len, self._entries.values()), default=0)
        assert held <= max(self.max_events, biggest + 1)
        for key in sorted(keys):
            fresh = self.store.events_by_block(key, self.limit)
            cached = self.get(key)
            assert [e.event_id for e in cached] == [e.event_id for e in fresh], key
            self.preload(cached)  # the JSON is read only for what linking scores
            assert [e.load().to_json() for e in cached] == [e.to_json() for e in fresh], key
        checked.append(len(keys))

    # a small bound, so entries are evicted and read again while the ingest goes on
    monkeypatch.setattr(blocks_module.BlockCache, "add", add_then_compare)
    real_init = BlockCache.__init__

    def small(self: BlockCache, store: Store, limit: int, max_events: int = 0) -> None:
        real_init(self, store, limit, max_events=12)

    monkeypatch.setattr(blocks_module.BlockCache, "__init__", small)
    with Store(tmp_path / "x.duckdb") as store:
        summary = ingest([str(SAMPLES)], settings, store, lambda: pipeline)
    assert summary.events > 100
    assert len(checked) >= 7 and sum(checked) > 100


def test_many_keys_in_one_query(tmp_path: Path, pipeline: Any) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        ingest([str(SAMPLES)], Settings(), store, lambda: pipeline)
        keys = [k for (k,) in store.query("SELECT DISTINCT blocking_key FROM events")]
        patterns = sorted({p for k in keys for p in patterns_for(k)[1:]})
        together = store.events_by_blocks([*keys, *patterns], limit=5)
        for key in [*keys, *patterns]:
            # the plain per-key query it replaces: "*" as LIKE's "%"
            alone = store.query(
                "SELECT event_id FROM events WHERE blocking_key LIKE ?"
                " ORDER BY published DESC NULLS LAST, event_id LIMIT 5",
                [key.replace("*", "%")],
            )
            assert [e.event_id for e in together[key]] == [r[0] for r in alone], key
            assert together[key], key  # every pattern here matches at least its own key
        # LIKE-free: "*" is one whole actor code, never a part of one
        assert store.events_by_blocks(["I*|RUS|consult"])["I*|RUS|consult"] == []


def test_fetch_fills_every_object_of_one_event(tmp_path: Path, pipeline: Any) -> None:
    from dyad.store.db import StoredEvent

    with Store(tmp_path / "x.duckdb") as store:
        ingest([str(SAMPLES)], Settings(), store, lambda: pipeline)
        ((event_id, cluster_id),) = store.query("SELECT event_id, cluster_id FROM events LIMIT 1")
        # read by two lookups (a prefetch and a later miss): two objects, one event
        twins = [StoredEvent(event_id, cluster_id, None, None) for _ in range(2)]
        store.fetch_events(twins)
        assert twins[0].load().event_id == twins[1].load().event_id == event_id
        with pytest.raises(StoreError):
            StoredEvent(event_id, cluster_id, None, None).load()  # never fetched


def _stored_event(event_id: str, day: str) -> Any:
    from dyad.model import Event

    return Event(
        event_id=event_id, doc_id="d", source_name=None, published=day, sentence="s.",
        sentence_index=0, char_start=0, char_end=2, trigger="t", source=None, target=None,
        cameo="040", cameo_root="04", plover=None, quad_class=1, goldstein=1.0,
        cluster_id=f"c-{event_id}",
    )  # fmt: skip


def test_trimming_a_block_table_of_several_row_groups(tmp_path: Path) -> None:
    # 300,000 kept rows span three of DuckDB's row groups (122,880 rows each): trimming keeps
    # exactly the newest rows of every pattern (a long ingest reaches this size at ~10k
    # articles; there the former trimming by row ids failed inside DuckDB, which this small
    # table does not reproduce)
    with Store(tmp_path / "b.duckdb") as store:
        limit = store.block_limit()
        store.con.execute(
            "INSERT INTO block_recent SELECT 'P' || (i % 1000)::VARCHAR || '|RUS|consult',"
            " DATE '2010-01-01' + (i // 1000)::INTEGER, 'old-' || i::VARCHAR, NULL"
            " FROM range(?) t(i)",
            [1000 * limit],
        )
        written = [
            (f"P{p}|RUS|consult", _stored_event(f"new-{p}-{k}", "2020-01-01"))
            for p in range(0, 1000, 7)
            for k in range(3)
        ]
        with store.transaction():
            store.add_to_blocks(written)
        store.con.execute("CHECKPOINT")
        per_pattern = dict(
            store.query("SELECT pattern, count(*) FROM block_recent GROUP BY 1")  # type: ignore[arg-type]
        )
        newest = store.events_by_blocks(["P7|RUS|consult"], limit)["P7|RUS|consult"]
        oldest_kept = store.query(
            "SELECT min(published) FROM block_recent WHERE pattern = 'P7|RUS|consult'"
        )[0][0]
    assert max(per_pattern.values()) == limit
    assert per_pattern["P7|RUS|consult"] == limit  # 3 new rows in, the 3 oldest out
    assert [e.event_id for e in newest[:3]] == ["new-7-0", "new-7-1", "new-7-2"]
    assert str(oldest_kept) == "2010-01-04"  # days 2010-01-01 .. 03 were the oldest
    # new patterns: "P<p>|*|consult" (3 rows each) and "*|RUS|consult" (trimmed to the limit)
    assert sum(per_pattern.values()) == 1000 * limit + 3 * len(range(0, 1000, 7)) + limit
