"""Memory: peak resident memory while `dyad ingest` streams a large JSONL file.

The corpus is generated into a temporary JSONL file by a separate process (so the generator
never counts against this one), then ingested through the library path of `dyad ingest`
(`dyad.ingest.runner.ingest` into a fresh DuckDB file). RSS is read from /proc/self/status at
checkpoints (every 10% of the input and 25%: 10k, 20k, 25k, 30k ... 100k at the default size) and
a thread samples it every 0.2 s; VmHWM is the kernel's own peak. Goal: peak < 1.5 GB and flat
(the RSS at the last checkpoint close to the first).

    python bench/memory.py [--n 100000] [--quick]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import machine_description, rss_mib, tree_rss_mib

GOAL_MIB = 1.5 * 1024


class Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.peak = max(self.peak, tree_rss_mib())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    ap.add_argument("--quick", action="store_true", help="2,000 articles")
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--n-process", type=int, default=1, help="worker processes (1: none)")
    args = ap.parse_args()
    n = 2_000 if args.quick else args.n

    from dyad.config import Settings
    from dyad.ingest.runner import ingest
    from dyad.pipeline import Pipeline
    from dyad.store.db import Store

    print("== dyad memory: peak RSS while streaming an ingest ==")
    print(machine_description())
    checkpoints = sorted({max(1, n * p // 100) for p in (10, 20, 25, *range(30, 101, 10))})
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        gen = Path(__file__).with_name("corpus.py")
        with corpus.open("w", encoding="utf-8") as fh:
            subprocess.run(
                [sys.executable, str(gen), str(n), str(args.seed)], stdout=fh, check=True
            )
        size_mb = corpus.stat().st_size / 1e6
        settings = Settings(db=Path(tmp) / "mem.duckdb", n_process=args.n_process)
        base = rss_mib()
        sampler = Sampler()
        sampler.start()
        # (articles done, seconds, writer RSS, RSS with the workers, writer peak, DuckDB)
        marks: list[tuple[int, float, float, float, float, float]] = []
        start = time.perf_counter()
        pending = list(checkpoints)

        store = Store(settings.db, memory_limit=settings.db_memory_limit)

        def duckdb_mib() -> float:
            """Memory DuckDB's buffer manager holds (part of the RSS)."""
            row = store.query("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")
            return float(row[0][0] or 0) / 2**20 if row else 0.0

        def progress(done: int, _batch: int) -> None:
            while pending and done >= pending[0]:
                pending.pop(0)
                secs = time.perf_counter() - start
                mark = (done, secs, rss_mib(), tree_rss_mib(), rss_mib("VmHWM"), duckdb_mib())
                marks.append(mark)
                print(
                    f"  {done:>7} articles  {secs:8.1f}s  RSS {mark[2]:7.1f} MiB, with workers"
                    f" {mark[3]:7.1f} MiB  (DuckDB {mark[5]:6.1f} MiB)",
                    flush=True,
                )

        with store:
            summary = ingest(
                [str(corpus)], settings, store, lambda: Pipeline.load(settings), progress
            )
        elapsed = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        db_mb = settings.db.stat().st_size / 1e6
    peak = max(rss_mib("VmHWM"), sampler.peak)
    print(
        f"corpus: {n} articles ({size_mb:.0f} MB JSONL), stored {summary.articles} articles, "
        f"{summary.sentences} sentences, {summary.events} events in {elapsed:.0f}s "
        f"({summary.inputs / elapsed:.1f} articles/s); database {db_mb:.0f} MB"
    )
    print(f"RSS before ingest (Python + imports): {base:.0f} MiB")
    for done, secs, rss, tree, hwm, duck in marks:
        print(
            f"  at {done:>7} articles ({secs:7.0f}s): RSS {rss:7.1f} MiB "
            f"(with workers {tree:7.1f}), writer's peak so far {hwm:7.1f}, "
            f"DuckDB buffers {duck:6.1f}"
        )
    first, last = marks[0][3], marks[-1][3]
    growth = last - first
    print(
        f"peak RSS {peak:.0f} MiB, workers included "
        f"({'meets' if peak < GOAL_MIB else 'ABOVE'} the goal of "
        f"{GOAL_MIB:.0f} MiB); RSS (with workers) from first to last checkpoint {growth:+.0f} MiB "
        f"({100 * growth / first:+.1f}%)"
    )


if __name__ == "__main__":
    main()
