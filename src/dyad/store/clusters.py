"""Cluster rows: the writer's upkeep of counts, and records read back with their members.

A cluster row holds the best estimates and the report counts. Its member list is not stored
in the record: it is read from the events table (`events_cluster` index) when a record is
read, so a cluster that keeps growing is never rewritten in full. The counts (reports,
outlets, first and last report) are refreshed in SQL at every batch that touches the
cluster; the best estimates and conflicts follow `LinkConfig.summary_due`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dyad.store.db import Store

_MEMBERS_SQL = (
    "SELECT cluster_id, event_id, doc_id, source_name, sentence_index FROM events"
    " WHERE cluster_id IN (SELECT unnest(?))"
    # the report order of `dyad.link.summary.summarize_cluster`
    " ORDER BY cluster_id, published NULLS FIRST, doc_id, sentence_index, event_id"
)


def cluster_progress(store: Store, cluster_ids: Sequence[str]) -> dict[str, tuple[int, int | None]]:
    """For each cluster: how many reports it holds now, and how many its best estimates were
    computed from (None: never summarised, or summarised before that was recorded)."""
    if not cluster_ids:
        return {}
    rows = store.query(
        "SELECT e.cluster_id, count(*), any_value(c.summarized_events)"
        " FROM events e LEFT JOIN clusters c ON c.cluster_id = e.cluster_id"
        " WHERE e.cluster_id IN (SELECT unnest(?)) GROUP BY e.cluster_id",
        [list(cluster_ids)],
    )
    return {str(cid): (int(n), None if done is None else int(done)) for cid, n, done in rows}


def refresh_cluster_counts(store: Store, cluster_ids: Sequence[str]) -> None:
    """Recount reports, outlets (the outlet name, or the document when it is unknown) and
    first and last report dates of these clusters from their events.

    The rows are replaced (read, deleted, inserted), not updated in place: DuckDB 2.0 can
    write a column segment its own checkpoint then fails to read when integer columns are
    updated over and over (an ingest of 100,000 articles died of it at 10,000)."""
    if not cluster_ids:
        return
    fresh = store.con.sql(
        "SELECT c.cluster_id, s.n AS n_events, s.outlets AS n_sources,"
        " s.first_day AS first_reported, s.last_day AS last_reported, c.record,"
        " c.summarized_events FROM clusters c JOIN ("
        "  SELECT cluster_id, count(*) AS n,"
        "   count(DISTINCT coalesce(source_name, 'doc:' || doc_id)) AS outlets,"
        "   min(published) AS first_day, max(published) AS last_day"
        "  FROM events WHERE cluster_id IN (SELECT unnest(?)) GROUP BY cluster_id) s"
        " ON c.cluster_id = s.cluster_id",
        params=[list(cluster_ids)],
    ).to_arrow_table()
    if fresh.num_rows == 0:
        return
    columns = ", ".join(fresh.column_names)
    with store.registered("_dyad_cluster_counts", fresh):
        store.con.execute(
            "DELETE FROM clusters WHERE cluster_id IN (SELECT cluster_id FROM _dyad_cluster_counts)"
        )
        store.con.execute(
            f"INSERT INTO clusters ({columns}) SELECT {columns} FROM _dyad_cluster_counts"
        )


def _day(value: Any) -> str | None:
    return None if value is None else str(value)


def cluster_records(
    store: Store,
    where: str = "TRUE",
    params: Sequence[Any] = (),
    order: str = "cluster_id",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Cluster records (`ClusterRecord.to_json` shape, plus `summarized_events`) of the rows
    matching `where` (an SQL condition over the clusters table), with their members."""
    sql = (
        "SELECT cluster_id, n_events, n_sources, first_reported, last_reported,"
        f" summarized_events, record FROM clusters WHERE {where} ORDER BY {order}"
    )
    args = list(params)
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows = store.query(sql, args)
    members: dict[str, list[dict[str, Any]]] = {str(r[0]): [] for r in rows}
    if members:
        for cid, event_id, doc_id, source_name, sentence_index in store.query(
            _MEMBERS_SQL, [list(members)]
        ):
            members[str(cid)].append(
                {
                    "event_id": event_id,
                    "doc_id": doc_id,
                    "source_name": source_name,
                    "sentence_index": sentence_index,
                }
            )
    out: list[dict[str, Any]] = []
    for cid, n_events, n_sources, first, last, summarized, record in rows:
        data = json.loads(record)
        out.append(
            {
                "cluster_id": str(cid),
                "members": members[str(cid)],
                "n_events": int(n_events),
                "n_sources": int(n_sources),
                "first_reported": _day(first),
                "last_reported": _day(last),
                "best": data.get("best", {}),
                "summarized_events": int(summarized if summarized is not None else n_events),
            }
        )
    return out
