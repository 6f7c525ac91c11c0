"""Event queries shared by `dyad events`, exports, the web API and `--from DIR` on Parquet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import UsageError


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # actor code, country code or code prefix, either side
    dyad: tuple[str, str] | None = None  # two actors, either direction
    code: str | None = None  # CAMEO code prefix
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None  # outlet name (case-insensitive substring)
    cluster: str | None = None
    limit: int | None = None


def parse_day(text: str | None, flag: str) -> dt.date | None:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD (the first day of it)."""
    if text is None:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{flag} {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def _until_end(text: str | None, day: dt.date | None) -> dt.date | None:
    """--until 2015 means through 2015-12-31; --until 2015-01 through 2015-01-31."""
    if text is None or day is None:
        return None
    n = len(text.split("-"))
    if n == 1:
        return dt.date(day.year, 12, 31)
    if n == 2:
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return day


def make_filter(
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    code: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    cluster: str | None = None,
    limit: int | None = None,
) -> EventFilter:
    return EventFilter(
        actor=actor.upper() if actor else None,
        dyad=(dyad[0].upper(), dyad[1].upper()) if dyad else None,
        code=code,
        since=parse_day(since, "--since"),
        until=_until_end(until, parse_day(until, "--until")),
        source=source,
        cluster=cluster,
        limit=limit,
    )


def _side(prefix: str, value: str) -> tuple[str, list[Any]]:
    return (
        f"({prefix}_code LIKE ? OR {prefix}_country = ?)",
        [value + "%", value],
    )


def events_sql(f: EventFilter, relation: str = "events") -> tuple[str, list[Any]]:
    """SQL returning the `json` column of matching events, oldest first.

    Dates respect precision: an event matches --since/--until when the interval of days its
    date covers (date_start..date_end; the publication day when the text gave no date)
    overlaps the asked range.
    """
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        s_sql, s_p = _side("source", f.actor)
        t_sql, t_p = _side("target", f.actor)
        where.append(f"({s_sql} OR {t_sql})")
        params += s_p + t_p
    if f.dyad:
        a, b = f.dyad
        sa, pa = _side("source", a)
        tb, pb = _side("target", b)
        sb, pb2 = _side("source", b)
        ta, pa2 = _side("target", a)
        where.append(f"(({sa} AND {tb}) OR ({sb} AND {ta}))")
        params += pa + pb + pb2 + pa2
    if f.code:
        where.append("cameo LIKE ?")
        params.append(f.code + "%")
    start = "coalesce(date_start, published)"
    end = "coalesce(date_end, date_start, published)"
    if f.since:
        where.append(f"{end} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{start} <= ?")
        params.append(f.until)
    if f.source:
        where.append("source_name ILIKE ?")
        params.append(f"%{f.source}%")
    if f.cluster:
        where.append("cluster_id = ?")
        params.append(f.cluster)
    sql = f"SELECT json FROM {relation}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {start} NULLS LAST, doc_id, sentence_index, event_id"
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


def parquet_relation(folder: Path) -> str:
    """A DuckDB relation over the event shards a Ray ingest wrote to `folder`."""
    pattern = (folder / "events" / "*.parquet").as_posix().replace("'", "''")
    return f"read_parquet('{pattern}')"
