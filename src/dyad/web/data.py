"""The store reads behind the web pages and the JSON API (one read-only Store per request)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from dyad.errors import DyadError, UsageError
from dyad.store.clusters import cluster_records
from dyad.store.db import Store
from dyad.store.query import EventFilter, events_sql, make_filter
from dyad.web.highlight import Segment, Span, event_spans, segments

MAX_LIMIT = 5000


class NotFoundError(DyadError):
    """A web or API request for an event, cluster or article that is not stored."""

    code = "E404"
    exit_code = 1


def parse_dyad(text: str | None) -> tuple[str, str] | None:
    """`RUS,IRN` or `RUS IRN` as two actor codes."""
    if not text or not text.strip():
        return None
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if len(parts) != 2:
        raise UsageError(f"dyad {text!r}: give two actor codes, e.g. RUS,IRN")
    return (parts[0], parts[1])


def build_filter(
    actor: str | None = None,
    dyad: str | None = None,
    code: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    cluster: str | None = None,
    limit: int | None = None,
) -> EventFilter:
    """The `dyad events` filter from query parameters (empty form fields count as absent)."""

    def clean(v: str | None) -> str | None:
        return v.strip() if v and v.strip() else None

    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}")
    return make_filter(
        clean(actor), parse_dyad(dyad), clean(code), clean(since), clean(until), clean(source),
        clean(cluster), limit,
    )  # fmt: skip


def query_events(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    sql, params = events_sql(f)
    return [json.loads(r[0]) for r in store.query(sql, params)]


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    rows = store.query("SELECT json FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise NotFoundError(f"no event {event_id!r}")
    data = json.loads(rows[0][0])
    assert isinstance(data, dict)
    return data


def get_article(store: Store, doc_id: str) -> dict[str, Any]:
    rows = store.query(
        "SELECT doc_id, title, source_name, published, url, text FROM articles WHERE doc_id = ?",
        [doc_id],
    )
    if not rows:
        raise NotFoundError(f"no article {doc_id!r}")
    doc, title, source_name, published, url, text = rows[0]
    return {
        "doc_id": doc,
        "title": title,
        "source_name": source_name,
        "published": published.isoformat() if published else None,
        "url": url,
        "text": text,
    }


def mentions_of(store: Store, doc_id: str) -> list[tuple[int, int, int, str, str | None]]:
    rows = store.query(
        "SELECT sentence_index, char_start, char_end, text, actor_code FROM mentions"
        " WHERE doc_id = ? ORDER BY char_start",
        [doc_id],
    )
    return [(int(a), int(b), int(c), str(d), e) for a, b, c, d, e in rows]


def article_with_spans(store: Store, doc_id: str) -> dict[str, Any]:
    """The article text with the evidence spans of every event coded from it."""
    art = get_article(store, doc_id)
    mentions = mentions_of(store, doc_id)
    rows = store.query(
        "SELECT json FROM events WHERE doc_id = ? ORDER BY sentence_index, event_id", [doc_id]
    )
    events = []
    for (raw,) in rows:
        e = json.loads(raw)
        events.append(
            {
                "event_id": e["event_id"],
                "sentence_index": e["sentence_index"],
                "char_start": e["char_start"],
                "char_end": e["char_end"],
                "cameo": e.get("cameo"),
                "plover": e.get("plover"),
                "spans": [s.to_json() for s in event_spans(art["text"], e, mentions)],
            }
        )
    return {**art, "events": events}


@dataclass(frozen=True, slots=True)
class EventView:
    event: dict[str, Any]
    article: dict[str, Any]
    spans: list[Span]
    segments: list[Segment]


def event_view(store: Store, event_id: str) -> EventView:
    e = get_event(store, event_id)
    art = get_article(store, e["doc_id"])
    spans = event_spans(art["text"], e, mentions_of(store, e["doc_id"]))
    segs = segments(art["text"], spans, (int(e["char_start"]), int(e["char_end"])))
    return EventView(e, art, spans, segs)


def list_clusters(store: Store, min_sources: int = 1, limit: int = 200) -> list[dict[str, Any]]:
    return cluster_records(
        store,
        "n_sources >= ? AND n_events > 1",
        [min_sources],
        order="n_sources DESC, n_events DESC, first_reported, cluster_id",
        limit=limit,
    )


def list_conflicts(store: Store, cluster_id: str | None = None) -> list[dict[str, Any]]:
    sql = 'SELECT cluster_id, field, "values" FROM conflicts'
    params: list[Any] = []
    if cluster_id:
        sql += " WHERE cluster_id = ?"
        params.append(cluster_id)
    rows = store.query(sql + " ORDER BY cluster_id, field", params)
    return [{"cluster_id": c, "field": f, "values": json.loads(v)} for c, f, v in rows]


def get_cluster(store: Store, cluster_id: str) -> dict[str, Any]:
    """A cluster record with its member events (full JSON) and its conflicts."""
    rows = cluster_records(store, "cluster_id = ?", [cluster_id])
    if not rows:
        raise NotFoundError(f"no cluster {cluster_id!r}")
    record = rows[0]
    members = [e.to_json() for e in store.events_in_cluster(cluster_id)]
    return {**record, "events": members, "conflicts": list_conflicts(store, cluster_id)}


def list_actors(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT m.actor_code, any_value(coalesce(m.person, m.actor_name)), any_value(m.actor_type),"
        " any_value(m.country), any_value(m.sector), count(*) AS n,"
        " list(DISTINCT m.text ORDER BY m.text),"
        " (SELECT count(*) FROM events e WHERE e.source_code = m.actor_code"
        "  OR e.target_code = m.actor_code)"
        " FROM mentions m WHERE m.actor_code IS NOT NULL GROUP BY m.actor_code"
        " ORDER BY n DESC, m.actor_code LIMIT ?",
        [limit],
    )
    return [
        {"code": c, "name": n, "type": t, "country": co, "sector": s, "mentions": k,
         "forms": list(forms), "events": ev}
        for c, n, t, co, s, k, forms, ev in rows
    ]  # fmt: skip
