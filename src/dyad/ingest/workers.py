"""Coding on several cores: worker processes that parse and code, one writer that links.

With `n_process > 1` the ingest does not hand spaCy's own `n_process` the parse and then code
every Doc in the main process (the Docs would be serialised back to it, and all of dyad's
coding would still run on one core). Each worker process loads its own `Pipeline` once and
runs the whole per-document pipeline (`nlp.pipe` + `code_doc`) on chunks of `batch_size`
articles; only the small `DocResult`s come back. The main process stays the single writer:
it links the events and stores them (linking depends on everything stored before, so it
cannot be split), while the workers already code the next batch.

Workers are started with "spawn" (the writer holds an open DuckDB connection and its
threads, which a forked child must not inherit) and ignore SIGINT: Ctrl-C reaches the
writer, which stops the pool and leaves the last committed checkpoint for the resume.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.pool import AsyncResult, Pool

from dyad.config import Settings
from dyad.model import Article, DocResult
from dyad.pipeline import Pipeline

Outcome = DocResult | Exception
ChunkResult = tuple[list[Outcome], dict[str, float]]

# The one Pipeline of a worker process, set by `_start_worker` in that process only.
_worker_pipeline: list[Pipeline] = []


def _start_worker(settings: Settings) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline.append(Pipeline.load(replace(settings, n_process=1)))


def _code_chunk(articles: list[Article]) -> ChunkResult:
    pipeline = _worker_pipeline[0]
    pipeline.clock.seconds.clear()
    outcomes = list(pipeline.process(articles))
    return outcomes, dict(pipeline.clock.seconds)


class CodingPool:
    """`workers` processes coding articles; results come back in input order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.chunk = settings.batch_size
        self.stage_seconds: dict[str, float] = {}
        context = multiprocessing.get_context("spawn")
        self._pool: Pool = context.Pool(workers, _start_worker, (settings,))

    def submit(self, articles: list[Article]) -> Callable[[], list[Outcome]]:
        """Start coding `articles`; the returned call waits for their outcomes, in order."""
        pending: list[AsyncResult[ChunkResult]] = [
            self._pool.apply_async(_code_chunk, (articles[i : i + self.chunk],))
            for i in range(0, len(articles), self.chunk)
        ]

        def collect() -> list[Outcome]:
            out: list[Outcome] = []
            for job in pending:
                outcomes, seconds = job.get()  # a worker's unexpected error is raised here
                out.extend(outcomes)
                for stage, secs in seconds.items():
                    self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + secs
            return out

        return collect

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
