"""Small helpers shared by the analyses: event days, actor labels, cluster grouping."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# Events whose modality says they did not (yet) happen are left out of counts by default:
# a denied, planned or hypothetical visit is not a visit.
HAPPENED: tuple[str, ...] = ("asserted", "reported")


def event_day(e: dict[str, Any]) -> dt.date | None:
    """The first day an event's date covers; the publication day when the text gave none."""
    for key in ("date_start", "published"):
        value = e.get(key)
        if value:
            try:
                return dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def first_day(value: str | None) -> dt.date | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day it covers."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def actor_code(a: dict[str, Any] | None) -> str | None:
    if not a:
        return None
    code = a.get("code")
    return str(code) if code else None


def actor_label(a: dict[str, Any] | None) -> str:
    """A person's name or the actor's name, with its code: `Sergei Shoigu (RUSMIL)`."""
    if not a:
        return "-"
    who = a.get("person") or a.get("name") or a.get("text") or "?"
    code = a.get("code")
    return f"{who} ({code})" if code else str(who)


def cluster_key(e: dict[str, Any]) -> str:
    """The real-world event a report belongs to: its cluster, or itself when unlinked."""
    return str(e.get("cluster_id") or f"event:{e['event_id']}")


def group_by_cluster(events: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        groups.setdefault(cluster_key(e), []).append(e)
    return groups


def representative(
    members: Sequence[dict[str, Any]], record: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The report that stands for a cluster: the one agreeing with the cluster's best code and
    date (as summarised by dyad.link), else the most common code, else the most confident."""
    best = (record or {}).get("best") or {}
    best_cameo = (best.get("cameo") or {}).get("value")
    best_date = (best.get("date") or {}).get("value")
    if best_cameo is None:
        counts = Counter(str(m.get("cameo")) for m in members)
        best_cameo = counts.most_common(1)[0][0] if counts else None

    def rank(m: dict[str, Any]) -> tuple[int, int, float, str]:
        return (
            m.get("cameo") != best_cameo,
            m.get("date") != best_date,
            -float(m.get("confidence") or 0.0),
            str(m.get("event_id")),
        )

    return min(members, key=rank)


def outlets(members: Iterable[dict[str, Any]]) -> list[str]:
    """Distinct reporting outlets (the document when the outlet is unknown), sorted."""
    return sorted({str(m.get("source_name") or f"doc:{m.get('doc_id')}") for m in members})
