"""Throughput: dyad's whole ingest against bare spaCy over the same texts.

dyad: read JSONL, normalise, parse, resolve actors, code events, dates, places, link across
sources and store into a fresh DuckDB file (`dyad.ingest.runner.ingest`). Bare spaCy:
`nlp.pipe` over the same normalised texts with the same model as spaCy ships it
(`spacy.load`), batch size and n_process, doing nothing with the docs. dyad parses with that
model as `dyad.nlp.loader` tunes it (its fast attribute ruler, which gives identical
annotations, and its sentence-length guard); the parse of that tuned pipeline alone is
printed too. Models are loaded before timing (load time is excluded from both), after a
warm-up; spaCy runs before and after dyad and the mean is used, so drift from other load on
the machine affects both sides alike. Goal: ratio >= 0.8.

    python bench/throughput.py [--n 300] [--quick] [--batch-size 32] [--n-process 1]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus import machine_description, write_jsonl

GOAL = 0.8
STORE_STEPS = ("events_by_blocks", "events_in_clusters")
LINK_STEPS = (
    ("dyad.link.cluster", "assign_clusters"),
    ("dyad.link.summary", "summarize_cluster"),
    ("dyad.link.conflicts", "find_conflicts"),
    ("dyad.store.bulk", "write_documents"),
    ("dyad.store.bulk", "write_clusters"),
)


class Timers:
    """Seconds spent in named functions (store methods, link steps) during the dyad run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start

        return timed


timers = Timers()


def _wrap_link_steps() -> None:
    """The runner imports these at call time, so wrapping the module attribute times them."""
    import importlib

    for module_name, attr in LINK_STEPS:
        module = importlib.import_module(module_name)
        area = module_name.split(".")[1]
        setattr(module, attr, timers.wrap(f"{area}.{attr}", getattr(module, attr)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--quick", action="store_true", help="60 articles")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    n = 60 if args.quick else args.n

    from dyad.config import Settings
    from dyad.ingest.readers import iter_inputs
    from dyad.ingest.runner import ingest
    from dyad.ingest.workers import CodingPool
    from dyad.model import Article
    from dyad.pipeline import Pipeline
    from dyad.store.db import Store

    _wrap_link_steps()
    print("== dyad throughput: end-to-end ingest vs bare spaCy nlp.pipe ==")
    print(machine_description())
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        folder = Path(tmp)
        corpus = write_jsonl(folder / "corpus.jsonl", n, seed=args.seed)
        warm = write_jsonl(folder / "warm.jsonl", 12, seed=args.seed + 1000)
        settings = replace(
            Settings(), batch_size=args.batch_size, n_process=args.n_process, db=folder / "x.duckdb"
        )
        t0 = time.perf_counter()
        pipeline = Pipeline.load(settings)
        load_s = time.perf_counter() - t0
        import spacy

        nlp = pipeline.nlp
        stock = spacy.load(settings.model)
        texts = [a.text for a in iter_inputs([str(corpus)]) if isinstance(a, Article)]
        n_sent = 0

        def bare(model: Any = stock) -> float:
            start = time.perf_counter()
            for _doc in model.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
                pass
            return time.perf_counter() - start

        # n_process > 1: dyad's worker processes are started (and load the model) once, before
        # timing, as the loaded model is for one process; bare spaCy starts its own per call
        pool = CodingPool(settings, args.n_process) if args.n_process > 1 else None

        def run_dyad(path: Path, db: Path) -> tuple[float, int, int]:
            with Store(db, memory_limit=settings.db_memory_limit) as store:
                for name in STORE_STEPS:
                    setattr(store, name, timers.wrap(name, getattr(store, name)))
                start = time.perf_counter()
                summary = ingest([str(path)], settings, store, lambda: pipeline, pool=pool)
                return time.perf_counter() - start, summary.sentences, summary.events

        # warm-up: both code paths once on other texts
        for model in (stock, nlp):
            for _doc in model.pipe(texts[:8], batch_size=args.batch_size):
                pass
        run_dyad(warm, folder / "warm.duckdb")
        pipeline.clock.seconds.clear()
        if pool is not None:
            pool.stage_seconds.clear()
        timers.seconds.clear()

        spacy_1 = bare()
        dyad_s, n_sent, n_events = run_dyad(corpus, folder / "bench.duckdb")
        spacy_2 = bare()
        tuned_s = bare(nlp)
        spacy_s = (spacy_1 + spacy_2) / 2
        if pool is not None:
            pool.close()

    ratio = spacy_s / dyad_s
    print(
        f"corpus: {n} synthetic articles ({sum(map(len, texts)) / len(texts):.0f} chars avg), "
        f"{n_sent} sentences; batch_size={args.batch_size} n_process={args.n_process}; "
        f"model load {load_s:.1f}s (excluded); load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"bare spaCy : {spacy_s:7.2f}s  {n / spacy_s:6.1f} articles/s  {n_sent / spacy_s:6.1f} "
        f"sentences/s  (runs {spacy_1:.2f}s, {spacy_2:.2f}s)"
    )
    print(
        f"dyad's tuned parse alone: {tuned_s:7.2f}s  {n / tuned_s:6.1f} articles/s "
        f"(the same annotations; {spacy_s / tuned_s:.2f}x bare spaCy)"
    )
    print(
        f"dyad ingest: {dyad_s:7.2f}s  {n / dyad_s:6.1f} articles/s  {n_sent / dyad_s:6.1f} "
        f"sentences/s  ({n_events} events)"
    )
    verdict = "meets" if ratio >= GOAL else "BELOW"
    print(f"ratio dyad/spaCy throughput: {ratio:.2f} ({verdict} the goal of {GOAL})")
    if pool is None:
        print("profile (seconds, share of the dyad ingest):")
        stages = dict(pipeline.clock.seconds)
        rest = dyad_s - sum(stages.values())
        profile = [*sorted(stages.items(), key=lambda kv: -kv[1]), ("read+link+store", rest)]
    else:
        print(
            f"profile: the {args.n_process} workers' stages (seconds of their time, summed over "
            "workers; share of the wall time), then the writer's"
        )
        profile = sorted(pool.stage_seconds.items(), key=lambda kv: -kv[1])
    for stage, secs in profile:
        print(f"  {stage:28s} {secs:7.2f}s  {100 * secs / dyad_s:5.1f}%")
    print("  of which (nested: the link step includes its candidate lookups):")
    for name, secs in sorted(timers.seconds.items(), key=lambda kv: -kv[1]):
        print(f"    {name:26s} {secs:7.2f}s  {100 * secs / dyad_s:5.1f}%")


if __name__ == "__main__":
    main()
