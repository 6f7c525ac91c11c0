"""Ray scaling: `dyad ingest --engine ray` with 2 workers against 1 worker, same corpus.

One local Ray session (as many CPUs as workers asked for at most) serves every run, so Ray's
own start-up is paid once and not measured; each run includes what a user waits for:
reading the inputs, starting the actor pool (one model load per worker), coding, and writing
the Parquet shards; the coding phase alone (first batch started to last batch written) is
reported too, since actor start-up is a fixed cost that a larger corpus amortises. The
1-worker run is repeated after the 2-worker run and the mean is used, so drift from other
load on the machine affects both sides alike. Goal: ratio >= 1.7.

    python bench/ray_scaling.py [--n 2000] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

from corpus import machine_description, write_jsonl

GOAL = 1.7


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--quick", action="store_true", help="80 articles")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    n = 80 if args.quick else args.n

    import ray

    from dyad.config import Settings
    from dyad.scale.ray_engine import ray_ingest

    print(f"== dyad on Ray: {args.workers} workers vs 1 worker ==")
    print(machine_description())
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", n, seed=41)
        settings = Settings()
        ray.init(
            num_cpus=args.workers,
            include_dashboard=False,
            logging_level=logging.ERROR,
            log_to_driver=False,
        )
        try:
            times: dict[str, list[float]] = {"1": [], "w": []}
            coding: dict[str, list[float]] = {"1": [], "w": []}
            for label, workers in (("1", 1), ("w", args.workers), ("1", 1)):
                out = Path(tmp) / f"out-{label}-{len(times[label])}"
                start = time.perf_counter()
                report = ray_ingest([str(corpus)], settings, out, workers=workers)
                secs = time.perf_counter() - start
                times[label].append(secs)
                coding[label].append(report.coding_seconds)
                # CPU seconds used / CPU seconds the workers could have used while coding:
                # well below 100% means other processes took the cores
                busy = report.cpu_seconds / max(report.coding_seconds * workers, 1e-9)
                print(
                    f"  {workers} worker(s): {secs:6.1f}s  {n / secs:5.1f} articles/s  "
                    f"(start-up {report.startup_seconds:4.1f}s, coding "
                    f"{report.coding_seconds:5.1f}s, workers busy {busy:4.0%} of their CPUs; "
                    f"{report.articles} articles, {report.events} events)",
                    flush=True,
                )
        finally:
            ray.shutdown()

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs)

    ratio = mean(times["1"]) / mean(times["w"])
    coding_ratio = mean(coding["1"]) / mean(coding["w"])
    print(f"corpus: {n} synthetic articles; load average {os.getloadavg()[0]:.2f}")
    print(
        f"ratio {args.workers} workers / 1 worker throughput, whole run: {ratio:.2f} "
        f"({'meets' if ratio >= GOAL else 'BELOW'} the goal of {GOAL})"
    )
    print(
        f"ratio on the coding phase alone (first batch started to last batch written, "
        f"without Ray's actor start-up): {coding_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
