"""Reading what an analysis needs from the store: events, their clusters and conflicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.store.clusters import cluster_records
from dyad.store.db import Store
from dyad.store.query import EventFilter, events_sql


@dataclass(slots=True)
class Selection:
    """The events matching a filter, with the records of the clusters they belong to."""

    filter: EventFilter
    events: list[dict[str, Any]]
    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # conflict JSON
    # doc_id -> title, source_name, published, url of every article the above cite
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def conflict_fields(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in self.conflicts:
            out.setdefault(c["cluster_id"], []).append(c["field"])
        return out


def _chunks(items: Sequence[str], n: int = 500) -> list[Sequence[str]]:
    return [items[i : i + n] for i in range(0, len(items), n)]


def load_selection(store: Store, f: EventFilter) -> Selection:
    sql, params = events_sql(f)
    events = [json.loads(r[0]) for r in store.query(sql, params)]
    ids = sorted({str(e["cluster_id"]) for e in events if e.get("cluster_id")})
    clusters: dict[str, dict[str, Any]] = {}
    conflicts: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for data in cluster_records(store, f"cluster_id IN ({marks})", chunk):
            clusters[data["cluster_id"]] = data
        for cid, fld, values in store.query(
            f'SELECT cluster_id, field, "values" FROM conflicts WHERE cluster_id IN ({marks})'
            " ORDER BY cluster_id, field",
            chunk,
        ):
            conflicts.append({"cluster_id": cid, "field": fld, "values": json.loads(values)})
    docs = sorted(
        {str(e["doc_id"]) for e in events}
        | {str(v["doc_id"]) for c in conflicts for v in c["values"] if v.get("doc_id")}
    )
    articles: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(docs):
        marks = ", ".join("?" * len(chunk))
        for doc_id, title, source_name, published, url in store.query(
            "SELECT doc_id, title, source_name, published, url FROM articles"
            f" WHERE doc_id IN ({marks})",
            chunk,
        ):
            articles[doc_id] = {
                "title": title,
                "source_name": source_name,
                "published": published.isoformat() if published else None,
                "url": url,
            }
    return Selection(f, events, clusters, conflicts, articles)
