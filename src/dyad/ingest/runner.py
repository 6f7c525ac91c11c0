"""Streaming ingest: read lazily, code in batches, write in transactions, link, checkpoint.

Memory stays flat: at most `commit_every` articles are in flight. Every batch is one
transaction that also moves the run's checkpoint, so an ingest killed at any point and run
again resumes after the last committed batch with no duplicates and no gaps.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from dyad.config import Settings
from dyad.errors import DuplicateIdError, InputError
from dyad.ingest.readers import iter_inputs
from dyad.ingest.workers import CodingPool
from dyad.model import Article, DocResult, Event, Quarantined
from dyad.pipeline import Pipeline
from dyad.store.blocks import BlockCache
from dyad.store.db import Store

WARNINGS_KEPT = 20


@dataclass(slots=True)
class IngestSummary:
    inputs: int = 0  # documents met in the input (including skipped on resume)
    articles: int = 0  # new articles stored
    unchanged: int = 0  # already stored with the same content
    quarantined: int = 0
    sentences: int = 0
    events: int = 0
    resumed_from: int = 0
    warnings: list[str] = field(default_factory=list)  # the first `WARNINGS_KEPT` of them
    warnings_total: int = 0  # every warning is also stored with its article

    def warn(self, found: Iterable[str]) -> None:
        for w in found:
            self.warnings_total += 1
            if len(self.warnings) < WARNINGS_KEPT:  # a long ingest must not grow with them
                self.warnings.append(w)


def _batched(
    items: Iterable[tuple[int, Article | Quarantined]], n: int
) -> Iterator[list[tuple[int, Article | Quarantined]]]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def link_and_write(
    store: Store,
    results: list[DocResult],
    settings: Settings,
    run_id: str | None,
    blocks: BlockCache | None = None,
) -> None:
    """Assign clusters to the new events and write the documents (inside a transaction).

    `blocks` carries the stored blocks from one batch to the next (see `BlockCache`); without
    it, each block is read from the store once for this batch.
    """
    from dyad.link.cluster import assign_clusters, blocking_key, candidate_keys
    from dyad.link.conflicts import find_conflicts
    from dyad.link.summary import summarize_cluster
    from dyad.store.bulk import write_clusters, write_documents
    from dyad.store.clusters import cluster_progress, refresh_cluster_counts

    if blocks is None:
        blocks = BlockCache(store, settings.link_max_candidates)
    new_events: list[Event] = [e for r in results for e in r.events]
    keys = {e.event_id: blocking_key(e) for e in new_events}
    blocks.prefetch(k for e in new_events for k in candidate_keys(e))
    assignment = assign_clusters(new_events, blocks.get, settings.link, blocks.preload)
    for e in new_events:
        e.cluster_id = assignment.get(e.event_id)
    write_documents(store, results, run_id, keys)
    written = [(keys[e.event_id], e) for e in new_events]
    store.add_to_blocks(written)
    blocks.add(written)
    touched = sorted({e.cluster_id for e in new_events if e.cluster_id})
    # A big cluster is summarised again only when it has grown by a set share, so each of
    # its reports is read a bounded number of times however long the ingest runs.
    progress = cluster_progress(store, touched)
    due = [cid for cid in touched if settings.link.summary_due(*progress[cid])]
    members = store.events_in_clusters(due)
    write_clusters(
        store,
        [(summarize_cluster(cid, members[cid]), find_conflicts(cid, members[cid])) for cid in due],
    )
    refresh_cluster_counts(store, sorted(set(touched) - set(due)))  # `due` were just written


def _commit(
    batch: _Batch,
    store: Store,
    settings: Settings,
    run_id: str | None,
    blocks: BlockCache,
    summary: IngestSummary,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Collect a batch's coded documents, link and write them in one transaction."""
    summary.inputs += len(batch.items)
    results: list[DocResult] = []
    bad = list(batch.bad)
    if batch.outcomes is not None:
        done_before = summary.inputs - len(batch.todo)
        outcomes = batch.outcomes()
        for n, (article, out) in enumerate(zip(batch.todo, outcomes, strict=True)):
            if progress is not None:
                progress(done_before + n + 1, 1)
            if isinstance(out, InputError):
                bad.append(Quarantined(article.origin, out.code, out.message, article.text[:300]))
            elif isinstance(out, Exception):
                raise out
            else:
                results.append(out)
    with store.transaction():
        link_and_write(store, results, settings, run_id, blocks)
        store.quarantine(bad, run_id)
        if run_id is not None:
            store.checkpoint(run_id, batch.items[-1][0] + 1, len(results), len(bad))
    summary.unchanged += batch.unchanged
    summary.articles += len(results)
    summary.quarantined += len(bad)
    summary.sentences += sum(len(r.sentences) for r in results)
    summary.events += sum(len(r.events) for r in results)
    summary.warn(
        f"{r.article.origin}: {w}" for r in results for w in (*r.article.warnings, *r.warnings)
    )
    if progress is not None:
        progress(summary.inputs, len(batch.items))


@dataclass(slots=True)
class _Batch:
    """One commit batch: its input items, what to code, what is bad, and the coding call."""

    items: list[tuple[int, Article | Quarantined]]
    todo: list[Article]
    bad: list[Quarantined]
    unchanged: int
    outcomes: Callable[[], Iterable[DocResult | Exception]] | None = None


@dataclass(slots=True)
class _InFlight:
    """Ids and hashes of accepted articles not committed yet (this batch and those ahead)."""

    ids: dict[str, str] = field(default_factory=dict)  # doc_id -> content hash
    hashes: set[str] = field(default_factory=set)

    def forget(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.ids.pop(a.doc_id, None)
            self.hashes.discard(a.content_hash)


def _triage(
    items: list[tuple[int, Article | Quarantined]], store: Store, flight: _InFlight
) -> _Batch:
    batch = _Batch(items, [], [], 0)
    articles = [item for _, item in items if isinstance(item, Article)]
    # what the store knows of the batch, in two queries (one per article each cost more
    # than the rest of the triage); nothing is written to the store during the triage
    stored_ids = store.known_hashes([a.doc_id for a in articles])
    stored_contents = store.stored_contents([a.content_hash for a in articles])
    for _index, item in items:
        # Items before the checkpoint were committed by the run we resume; they are still
        # checked against the store (cheap) rather than skipped blindly, so an input that
        # changed since the interruption cannot leave a gap.
        if isinstance(item, Quarantined):
            batch.bad.append(item)  # the store keeps one row per distinct quarantined record
            continue
        known = stored_ids.get(item.doc_id) or flight.ids.get(item.doc_id)
        digest = item.content_hash
        if known == digest or (
            known is None and (digest in flight.hashes or digest in stored_contents)
        ):
            batch.unchanged += 1
            continue
        if known is not None:
            err = DuplicateIdError(f"id {item.doc_id!r} is already used for other content")
            batch.bad.append(Quarantined(item.origin, err.code, err.message, item.text[:300]))
            continue
        flight.ids[item.doc_id] = digest
        flight.hashes.add(digest)
        batch.todo.append(item)
    return batch


def ingest(
    paths: Sequence[str],
    settings: Settings,
    store: Store,
    pipeline_factory: Callable[[], Pipeline],
    progress: Callable[[int, int], None] | None = None,
    stdin: IO[bytes] | None = None,
    pool: CodingPool | None = None,
) -> IngestSummary:
    """Ingest every document of `paths` into `store`; returns what happened.

    With `settings.n_process > 1` the articles are coded by worker processes
    (`dyad.ingest.workers.CodingPool`; pass `pool` to reuse one) one batch ahead of the
    writer; otherwise by `pipeline_factory()` in this process. The stored result is the same.
    """
    summary = IngestSummary()
    resumable = "-" not in paths
    run_id, position = store.start_run(paths) if resumable else (None, 0)
    summary.resumed_from = position
    items = enumerate(iter_inputs(paths, settings.max_doc_chars, stdin=stdin))
    parallel = pool is not None or settings.n_process > 1
    pools: list[CodingPool] = []  # started on the first article to code, when parallel
    pipelines: list[Pipeline] = []  # loaded on the first article to code, otherwise

    def submit(todo: list[Article]) -> Callable[[], Iterable[DocResult | Exception]]:
        if parallel:
            if not pools:
                pools.append(pool or CodingPool(settings, settings.n_process))
            return pools[0].submit(todo)

        def run() -> Iterable[DocResult | Exception]:
            if not pipelines:
                pipelines.append(pipeline_factory())
            return pipelines[0].process(todo)

        return run

    blocks = BlockCache(store, settings.link_max_candidates)
    flight = _InFlight()
    ahead: collections.deque[_Batch] = collections.deque()
    # the workers code this many batches ahead of the writer (in-process coding: none)
    lookahead = 1 if parallel else 0
    ok = False
    try:
        for items_ in _batched(items, settings.commit_every):
            batch = _triage(items_, store, flight)
            if batch.todo:
                batch.outcomes = submit(batch.todo)
            ahead.append(batch)
            if len(ahead) > lookahead:
                done = ahead.popleft()
                _commit(done, store, settings, run_id, blocks, summary, progress)
                flight.forget(done.todo)
        while ahead:
            _commit(ahead.popleft(), store, settings, run_id, blocks, summary, progress)
        ok = True
    finally:
        if pools and pool is None:  # a pool passed in is the caller's to close
            pools[0].close() if ok else pools[0].terminate()
    if run_id is not None:
        store.finish_run(run_id)
    return summary
