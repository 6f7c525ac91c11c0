"""Write a whole batch of coded documents, and the clusters they touched, in a few statements.

`Store.write_document` inserts one article at a time with `executemany`, which DuckDB runs
row by row; on the throughput benchmark that was about a quarter of dyad's ingest time.
`write_documents` writes the same rows (same values, same order) for a whole batch: each
table's rows become one Arrow table that DuckDB inserts in a single statement.
`write_clusters` replaces the summaries and conflicts of the touched clusters the same way.
Both run inside the batch's transaction (see `dyad.ingest.runner.link_and_write`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from dyad.link.summary import ClusterRecord
from dyad.model import Conflict, DocResult
from dyad.scale.shards import EVENT_ROW_COLUMNS, EVENT_SCHEMA, event_row, iso_day, rows_to_table
from dyad.store.db import Store

ARTICLE_COLUMNS = (
    "doc_id", "content_hash", "title", "source_name", "url", "published", "origin", "text",
    "warnings", "run_id",
)  # fmt: skip
_ARTICLE_SCHEMA = pa.schema(
    [(c, pa.date32() if c == "published" else pa.string()) for c in ARTICLE_COLUMNS]
)
_SENTENCE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sentence_index", pa.int64()),
        ("char_start", pa.int64()),
        ("char_end", pa.int64()),
        ("text", pa.string()),
    ]
)
_MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sentence_index", pa.int64()),
        ("char_start", pa.int64()),
        ("char_end", pa.int64()),
        ("text", pa.string()),
        ("actor_code", pa.string()),
        ("actor_name", pa.string()),
        ("actor_type", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("person", pa.string()),
        ("method", pa.string()),
        ("score", pa.float64()),
        ("evidence", pa.string()),
    ]
)
_EVENT_TABLE_SCHEMA = pa.schema([EVENT_SCHEMA.field(c) for c in EVENT_ROW_COLUMNS])


def _insert(store: Store, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    view = f"_dyad_bulk_{table}"
    columns = ", ".join(f'"{c}"' for c in rows.column_names)
    with store.registered(view, rows):
        store.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {view}")


def write_documents(
    store: Store, results: Sequence[DocResult], run_id: str | None, keys: Mapping[str, str]
) -> None:
    """Insert every article of `results` with its sentences, mentions and events.

    The same rows as calling `store.write_document(r, run_id, keys)` for each result in turn.
    """
    articles: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for r in results:
        a = r.article
        articles.append(
            {
                "doc_id": a.doc_id,
                "content_hash": a.content_hash,
                "title": a.title,
                "source_name": a.source_name,
                "url": a.url,
                "published": a.published,
                "origin": a.origin,
                "text": a.text,
                "warnings": json.dumps([*a.warnings, *r.warnings]),
                "run_id": run_id,
            }
        )
        sentences.extend(
            {"doc_id": a.doc_id, "sentence_index": i, "char_start": s, "char_end": e, "text": t}
            for i, s, e, t in r.sentences
        )
        mentions.extend(
            {
                "doc_id": a.doc_id,
                "sentence_index": m.sentence_index,
                "char_start": m.char_start,
                "char_end": m.char_end,
                "text": m.text,
                "actor_code": m.actor.code,
                "actor_name": m.actor.name,
                "actor_type": m.actor.type,
                "country": m.actor.country,
                "sector": m.actor.sector,
                "person": m.actor.person,
                "method": m.method,
                "score": m.score,
                "evidence": m.evidence,
            }
            for m in r.mentions
        )
        events.extend(event_row(0, 0, e, keys.get(e.event_id)) for e in r.events)
    _insert(store, "articles", rows_to_table(articles, _ARTICLE_SCHEMA))
    _insert(store, "sentences", rows_to_table(sentences, _SENTENCE_SCHEMA))
    _insert(store, "mentions", rows_to_table(mentions, _MENTION_SCHEMA))
    _insert(store, "events", rows_to_table(events, _EVENT_TABLE_SCHEMA))


_CLUSTER_SCHEMA = pa.schema(
    [
        ("cluster_id", pa.string()),
        ("n_events", pa.int32()),
        ("n_sources", pa.int32()),
        ("first_reported", pa.date32()),
        ("last_reported", pa.date32()),
        ("record", pa.string()),
        ("summarized_events", pa.int32()),
    ]
)
_CONFLICT_SCHEMA = pa.schema(
    [("cluster_id", pa.string()), ("field", pa.string()), ("values", pa.string())]
)


def write_clusters(
    store: Store, clusters: Sequence[tuple[ClusterRecord, Sequence[Conflict]]]
) -> None:
    """Replace the summaries and conflicts of these clusters, in four statements (call inside
    a transaction).

    The stored record leaves out the member list: members are read from the events table
    when a record is read (`Store.cluster_records`), so a growing cluster is not rewritten
    in full at every new report."""
    records: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for record, found in clusters:
        data = record.to_json()
        del data["members"]
        records.append(
            {
                "cluster_id": data["cluster_id"],
                "n_events": data["n_events"],
                "n_sources": data["n_sources"],
                "first_reported": iso_day(data.get("first_reported")),
                "last_reported": iso_day(data.get("last_reported")),
                "record": json.dumps(data, ensure_ascii=False),
                "summarized_events": data["n_events"],
            }
        )
        conflicts.extend(
            {
                "cluster_id": c.cluster_id,
                "field": c.field,
                "values": json.dumps(list(c.values), ensure_ascii=False),
            }
            for c in found
        )
    if not records:
        return
    ids = pa.table({"cluster_id": pa.array([r["cluster_id"] for r in records], pa.string())})
    with store.registered("_dyad_bulk_ids", ids):
        for table in ("clusters", "conflicts"):
            store.con.execute(
                f"DELETE FROM {table} WHERE cluster_id IN (SELECT cluster_id FROM _dyad_bulk_ids)"
            )
    _insert(store, "clusters", rows_to_table(records, _CLUSTER_SCHEMA))
    _insert(store, "conflicts", rows_to_table(conflicts, _CONFLICT_SCHEMA))
