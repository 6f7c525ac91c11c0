"""Scaling: ingest rate of a fixed batch of new articles into databases of growing size.

The batch (500 new articles by default) is ingested through `dyad.ingest.runner.ingest` into a
database that already holds 1k, 10k and 100k articles. Linking is incremental: each new event
is compared only with the newest stored events of its blocking key (at most
`link_max_candidates`; `events_by_blocks` reads the keys a batch needs and the writer's cache
does not hold, in one query), so the rate should stay flat as the database grows.

Filling the database quickly: `--base` synthetic articles (default: the first size) are
ingested for real; every size is reached by copying every stored row (articles, sentences,
mentions, events, clusters, conflicts) in SQL with a suffix `~k` on doc ids, event ids,
content hashes and cluster ids (the event JSON is patched to match). The copies keep their
blocking keys, so blocks grow in proportion to the database, which is the hard case: a real
archive spreads over many more dyads than a corpus recombined from a few sample articles.
With `--spread` the copies get blocking keys of their own instead, so blocks keep their size
and only the table grows: that isolates the cost of the lookup itself. The report
shows the lookups' share of the time and the average block size, to tell index cost from
scoring cost.

    python bench/scaling.py [--n 500] [--sizes 1000,10000,100000] [--base 1000] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import machine_description, write_jsonl

TABLE_KEYS = {
    "articles": "doc_id || '~' || c AS doc_id, sha256(content_hash || '~' || c) AS content_hash",
    "sentences": "doc_id || '~' || c AS doc_id",
    "mentions": "doc_id || '~' || c AS doc_id",
    "events": "event_id || '~' || c AS event_id, doc_id || '~' || c AS doc_id, "
    "cluster_id || '~' || c AS cluster_id, "
    "json_merge_patch(json, json_object('event_id', event_id || '~' || c, "
    "'doc_id', doc_id || '~' || c, 'cluster_id', cluster_id || '~' || c))::VARCHAR AS json",
    "clusters": "cluster_id || '~' || c AS cluster_id",
    "conflicts": "cluster_id || '~' || c AS cluster_id",
}
ORIGINAL = {
    "articles": "doc_id NOT LIKE '%~%'",
    "sentences": "doc_id NOT LIKE '%~%'",
    "mentions": "doc_id NOT LIKE '%~%'",
    "events": "doc_id NOT LIKE '%~%'",
    "clusters": "cluster_id NOT LIKE '%~%'",
    "conflicts": "cluster_id NOT LIKE '%~%'",
}


def fill(db: Path, copies_from: int, copies_to: int, spread: bool) -> None:
    """Add copies number copies_from..copies_to-1 of the original rows.

    With `spread`, copies get blocking keys of their own (`key~k`): the database grows across
    other dyads, blocks stay the size they had, and only the table size changes.
    """
    import duckdb

    con = duckdb.connect(str(db))
    try:
        for table, replace in TABLE_KEYS.items():
            if spread and table == "events":
                replace += ", blocking_key || '~' || c AS blocking_key"
            con.execute(
                f"INSERT INTO {table} SELECT * EXCLUDE (c) REPLACE ({replace}) FROM "
                f"(SELECT * FROM {table} WHERE {ORIGINAL[table]}), "
                f"range({copies_from}, {copies_to}) r(c)"
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _index_scan(store: Any, column: str) -> str:
    """Whether DuckDB answers `column = value` with an index scan (EXPLAIN ANALYZE)."""
    row = store.query(f"SELECT {column} FROM events WHERE {column} IS NOT NULL LIMIT 1")
    if not row:
        return "n/a"
    plan = store.query(f"EXPLAIN ANALYZE SELECT json FROM events WHERE {column} = ?", [row[0][0]])
    text = " ".join(str(r) for r in plan)
    return "yes" if "Index Scan" in text else "no"


class Timed:
    """Wraps a store method that answers many keys at once (a dict of key -> events) to count
    queries, keys asked, events returned and seconds spent."""

    def __init__(self, fn: Callable[..., dict[str, list[Any]]]) -> None:
        self.fn = fn
        self.calls = 0
        self.keys = 0
        self.rows = 0
        self.seconds = 0.0

    def __call__(self, keys: Any, *args: Any) -> dict[str, list[Any]]:
        start = time.perf_counter()
        out = self.fn(keys, *args)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        self.keys += len(out)
        self.rows += sum(len(v) for v in out.values())
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="new articles per measurement")
    ap.add_argument("--sizes", default="1000,10000,100000", help="database sizes (articles)")
    ap.add_argument(
        "--base", type=int, default=0, help="articles ingested for real (default: the first size)"
    )
    ap.add_argument(
        "--spread",
        action="store_true",
        help="copies get blocking keys of their own: blocks keep their size as the table grows",
    )
    ap.add_argument("--quick", action="store_true", help="--n 100 --sizes 100,1000,10000")
    args = ap.parse_args()
    n = 100 if args.quick else args.n
    sizes = [100, 1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]

    from dyad.config import Settings
    from dyad.ingest.runner import ingest
    from dyad.pipeline import Pipeline
    from dyad.store.db import Store

    print("== dyad scaling: a fixed batch of new articles into growing databases ==")
    print(
        "fill: copies "
        + (
            "with blocking keys of their own (blocks keep their size)"
            if args.spread
            else "keep their blocking keys (blocks grow with the database)"
        )
    )
    print(machine_description())
    base_n = args.base or sizes[0]
    if any(size % base_n for size in sizes):
        ap.error("every size must be a multiple of --base")
    rows = []
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        folder = Path(tmp)
        base_corpus = write_jsonl(folder / "base.jsonl", base_n, seed=31)
        batch = write_jsonl(folder / "batch.jsonl", n, seed=32)
        db = folder / "grow.duckdb"
        settings = Settings(db=db)
        pipeline = Pipeline.load(settings)
        start = time.perf_counter()
        with Store(db, memory_limit=settings.db_memory_limit) as store:
            ingest([str(base_corpus)], settings, store, lambda: pipeline)
        print(f"base: ingested {base_n} articles in {time.perf_counter() - start:.0f}s")
        copies = 1
        for size in sizes:
            want = size // base_n
            if want > copies:
                t = time.perf_counter()
                fill(db, copies, want, args.spread)
                with Store(db, memory_limit=settings.db_memory_limit) as store:
                    # the copies were added by SQL: recompute the kept newest events per key
                    store.rebuild_blocks(settings.link_max_candidates)
                print(f"filled to {size} articles by SQL copies in {time.perf_counter() - t:.0f}s")
                copies = want
            run_db = folder / f"run-{size}.duckdb"
            shutil.copy(db, run_db)
            with Store(run_db, memory_limit=settings.db_memory_limit) as store:
                held = store.counts()
                uses_index = _index_scan(store, "blocking_key")
                cluster_index = _index_scan(store, "cluster_id")
                lookups = Timed(store.events_by_blocks)
                members = Timed(store.events_in_clusters)
                store.events_by_blocks = lookups  # type: ignore[method-assign]
                store.events_in_clusters = members  # type: ignore[method-assign]
                pipeline.clock.seconds.clear()
                t = time.perf_counter()
                summary = ingest([str(batch)], settings, store, lambda: pipeline)
                secs = time.perf_counter() - t
            coding = sum(pipeline.clock.seconds.values())
            rows.append(
                (size, held, summary, secs, coding, lookups, members, uses_index, cluster_index)
            )
            run_db.unlink()
            print(
                f"  measured at {held['articles']} articles: {n / secs:.1f} articles/s", flush=True
            )
    print(f"batch: {n} new articles, {rows[0][2].events} events each time")
    print(
        f"{'db articles':>11} {'db events':>10} {'art/s':>7} {'total s':>8} {'coding s':>9} "
        f"{'lookup s':>9} {'queries':>7} {'per key ms':>10} {'avg block':>9} "
        f"{'cluster reads s':>15} "
        "index scans (block, cluster)"
    )
    for _size, held, _summary, secs, coding, lookups, members, uses_index, cluster_index in rows:
        per = 1000 * lookups.seconds / max(lookups.keys, 1)
        block = lookups.rows / max(lookups.keys, 1)
        print(
            f"{held['articles']:>11} {held['events']:>10} {n / secs:>7.1f} {secs:>8.1f} "
            f"{coding:>9.1f} {lookups.seconds:>9.2f} {lookups.calls:>7} {per:>10.2f} {block:>9.1f} "
            f"{members.seconds:>15.2f} {uses_index}, {cluster_index}"
        )
    first, last = rows[0], rows[-1]
    print(
        f"rate at {last[1]['articles']} articles / rate at {first[1]['articles']}: "
        f"{first[3] / last[3]:.2f} (1.0 = flat)"
    )


if __name__ == "__main__":
    main()
