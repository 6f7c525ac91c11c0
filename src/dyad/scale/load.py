"""`dyad load DIR`: merge the Parquet shards of a Ray ingest into the DuckDB store, then link.

Why linking runs here, after the parallel phase, and not in the Ray workers:

- Clusters need the global view. A cluster groups reports of one real-world event from
  *different* sources; a worker only sees its share of the documents, so two reports of the
  same signing coded by two workers would never meet. Only the store holds every source.
- Incremental linking is order-dependent. `dyad.link.cluster.assign_clusters` lets each event
  join the best cluster among those that exist when it arrives, and a new cluster is named
  after its first event; the same events in another order can give other clusters and ids.
  Workers finish in any order, so linking inside them would make the result depend on
  scheduling.
- So linking is done once, by the single writer, in a deterministic order: the input order.
  Every shard row carries its document's `input_index` (and every event its position in the
  document); the loader replays the documents in that order, in batches with the same
  boundaries as a local ingest (`commit_every` input documents each), through the very
  function the local ingest uses (`dyad.ingest.runner.link_and_write`). A Ray ingest followed
  by `dyad load` therefore stores the same articles, sentences, mentions, events *and
  clusters* as `dyad ingest` of the same inputs into the same database.

The merge is idempotent and resumable like a local ingest: a document whose doc_id is stored
with the same content hash (or whose text is stored under another id) is skipped, the same id
with other content is quarantined (E109), quarantine rows are deduplicated by the store, and
every batch is one transaction that also moves the load's checkpoint in the `runs` table, so
a load killed midway and run again continues after the last committed batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from dyad.config import Settings
from dyad.errors import DuplicateIdError, UsageError
from dyad.model import DocResult, Quarantined
from dyad.scale.shards import read_manifest, result_from_rows, shard_files
from dyad.store.db import Store

# Rows fetched from the shards at a time: bounded memory whatever the corpus size.
FETCH_ROWS = 256


def _glob(folder: Path, part: str) -> str:
    if not shard_files(folder, part):
        raise UsageError(f"{folder}/{part} holds no Parquet shards; the shard folder is damaged")
    return (folder / part / "*.parquet").as_posix().replace("'", "''")


def _shard_sql(folder: Path) -> str:
    """Every input document once, in input order: coded articles with their events' JSON
    (in document order), and quarantined records."""
    events = _glob(folder, "events")
    articles = _glob(folder, "articles")
    quarantine = _glob(folder, "quarantine")
    return f"""
        WITH ev AS (
            SELECT input_index, list(json ORDER BY event_order) AS events
            FROM read_parquet('{events}') GROUP BY input_index
        )
        SELECT 'article' AS kind, a.input_index, a.doc_id, a.content_hash, a.title,
               a.source_name, a.url, a.published, a.origin, a.text, a.warnings,
               a.result_warnings, a.sentences, a.mentions,
               coalesce(ev.events, []::VARCHAR[]) AS events,
               NULL::VARCHAR AS code, NULL::VARCHAR AS reason, NULL::VARCHAR AS raw
        FROM read_parquet('{articles}') a LEFT JOIN ev USING (input_index)
        UNION ALL
        SELECT 'quarantine', input_index, NULL, NULL, NULL, NULL, NULL, NULL, origin, NULL,
               NULL, NULL, NULL, NULL, []::VARCHAR[], code, reason, raw
        FROM read_parquet('{quarantine}')
        ORDER BY input_index
    """


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description or ()]
    while chunk := cur.fetchmany(FETCH_ROWS):
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def _count_inputs(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    total = 0
    for part in ("articles", "quarantine"):
        row = con.execute(f"SELECT count(*) FROM read_parquet('{_glob(folder, part)}')").fetchone()
        total += int(row[0]) if row else 0
    return total


def _triage(
    store: Store, rows: list[dict[str, Any]]
) -> tuple[list[DocResult], list[Quarantined], int]:
    """The batch's new documents, its quarantine and how many were already stored.

    The same rules as `dyad.ingest.runner.ingest`, applied to documents the workers coded.
    """
    todo: list[DocResult] = []
    bad: list[Quarantined] = []
    unchanged = 0
    documents = [row for row in rows if row["kind"] != "quarantine"]
    # what the store knows of the batch, in two queries rather than two per document
    stored_ids = store.known_hashes([row["doc_id"] for row in documents])
    stored_contents = store.stored_contents([row["content_hash"] for row in documents])
    for row in rows:
        if row["kind"] == "quarantine":
            bad.append(Quarantined(row["origin"], row["code"], row["reason"], row["raw"] or ""))
            continue
        doc_id, digest = row["doc_id"], row["content_hash"]
        known = stored_ids.get(doc_id)
        if known == digest or (known is None and digest in stored_contents):
            unchanged += 1
            continue
        if known is not None or any(r.article.doc_id == doc_id for r in todo):
            err = DuplicateIdError(f"id {doc_id!r} was already ingested with other content")
            bad.append(Quarantined(row["origin"], err.code, err.message, row["text"][:300]))
            continue
        todo.append(result_from_rows(row, row["events"]))
    return todo, bad, unchanged


def load_shards(folder: Path, store: Store, settings: Settings) -> dict[str, int]:
    """Merge a Ray ingest's shards into `store` and link the new events; returns the counts.

    Keys: inputs, articles (new), unchanged, quarantined, sentences, events, resumed_from.
    """
    from dyad.ingest.runner import link_and_write
    from dyad.store.blocks import BlockCache

    manifest = read_manifest(folder)
    if manifest is None:
        raise UsageError(f"{folder} is not a dyad shard folder (no manifest); see --engine ray")
    if not manifest.get("complete"):
        raise UsageError(f"{folder}: the Ray ingest that wrote it did not finish; run it again")
    reader = duckdb.connect()  # in memory: reads the shards, never the store
    try:
        listed = manifest.get("counts", {})
        # repeats of a document within the input were skipped by the Ray driver: no rows
        expected = int(listed.get("inputs", -1)) - int(listed.get("repeats", 0))
        found = _count_inputs(reader, folder)
        if expected != found:
            raise UsageError(
                f"{folder}: the manifest lists {expected} documents but the shards hold {found}"
            )
        key = f"load:{folder.resolve()}@{manifest.get('finished', '')}"
        run_id, position = store.start_run([key])
        counts = dict.fromkeys(
            ("inputs", "articles", "unchanged", "quarantined", "sentences", "events"), 0
        )
        counts["resumed_from"] = position
        step = settings.commit_every
        blocks = BlockCache(store, settings.link_max_candidates)
        # The batches of a local ingest: input documents [k*step, (k+1)*step).
        batches = itertools.groupby(
            _rows(reader, _shard_sql(folder)), lambda r: r["input_index"] // step
        )
        for _, group in batches:
            rows = list(group)
            counts["inputs"] += len(rows)
            todo_rows = [r for r in rows if r["input_index"] >= position]
            if not todo_rows:
                continue  # committed by the interrupted load we resume
            results, bad, unchanged = _triage(store, todo_rows)
            with store.transaction():
                link_and_write(store, results, settings, run_id, blocks)
                store.quarantine(bad, run_id)
                store.checkpoint(run_id, rows[-1]["input_index"] + 1, len(results), len(bad))
            counts["articles"] += len(results)
            counts["unchanged"] += unchanged
            counts["quarantined"] += len(bad)
            counts["sentences"] += sum(len(r.sentences) for r in results)
            counts["events"] += sum(len(r.events) for r in results)
        store.finish_run(run_id)
    finally:
        reader.close()
    return counts


def format_load_summary(counts: dict[str, int], folder: Path, db: Path) -> str:
    """The lines `dyad load` prints."""
    resumed = counts.get("resumed_from", 0)
    return "\n".join(
        [
            f"inputs: {counts['inputs']} documents from {folder}"
            + (f" (resumed after {resumed})" if resumed else ""),
            f"stored: {counts['articles']} new articles, {counts['sentences']} sentences, "
            f"{counts['events']} events (linked across sources)",
            f"unchanged: {counts['unchanged']} already in the database",
            f"quarantined: {counts['quarantined']}"
            + (" (see `dyad quarantine`)" if counts["quarantined"] else ""),
            f"database: {db}",
        ]
    )
