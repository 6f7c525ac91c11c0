"""The events of an actor or dyad in date order: one row per real-world event (cluster)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyad.analysis.common import (
    actor_label,
    event_day,
    first_day,
    group_by_cluster,
    outlets,
    representative,
)


@dataclass(frozen=True, slots=True)
class TimelineRow:
    cluster_id: str | None  # None for a report that no cluster holds
    date: str | None
    date_precision: str | None
    what: str  # CAMEO code, PLOVER type and the trigger words of the representative report
    source: str
    target: str
    where: str | None
    modality: str
    n_reports: int
    n_sources: int  # outlets among these reports
    outlets: tuple[str, ...]
    conflicts: tuple[str, ...]  # fields the sources disagree on
    event_id: str  # the representative report
    doc_id: str
    evidence: str  # its sentence
    member_ids: tuple[str, ...]  # every report of this event in the selection
    cluster_sources: int  # outlets of the whole cluster, including reports not selected

    def to_json(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "what": self.what,
            "source": self.source,
            "target": self.target,
            "where": self.where,
            "modality": self.modality,
            "n_reports": self.n_reports,
            "n_sources": self.n_sources,
            "outlets": list(self.outlets),
            "conflicts": list(self.conflicts),
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "evidence": self.evidence,
            "member_ids": list(self.member_ids),
            "cluster_sources": self.cluster_sources,
        }

    @property
    def sort_day(self) -> dt.date:
        return first_day(self.date) or dt.date.max


def _best_date(
    rep: dict[str, Any], members: Sequence[dict[str, Any]], record: dict[str, Any] | None
) -> tuple[str | None, str | None]:
    """The cluster's best date when one of the selected reports gives it (so the row can be
    traced to its evidence), else the representative report's own date."""
    best = ((record or {}).get("best") or {}).get("date") or {}
    if best.get("value") and any(m.get("date") == best["value"] for m in members):
        precision = best.get("precision") or (
            "publication" if best.get("rule") == "publication" else None
        )
        return str(best["value"]), precision
    return rep.get("date"), rep.get("date_precision")


def _what(e: dict[str, Any]) -> str:
    parts = (e.get("cameo"), e.get("plover"), e.get("trigger"))
    return " ".join(str(p) for p in parts if p)


def timeline(
    events: Iterable[dict[str, Any]],
    clusters: Mapping[str, dict[str, Any]] | None = None,
    conflicts: Mapping[str, Sequence[str]] | None = None,
) -> list[TimelineRow]:
    """One row per cluster of the given reports, oldest first (more sources first on ties).

    `clusters` maps cluster ids to their stored records (best date, code, place);
    `conflicts` maps cluster ids to the fields their sources disagree on.
    """
    clusters = clusters or {}
    conflicts = conflicts or {}
    rows: list[TimelineRow] = []
    for key, members in group_by_cluster(events).items():
        cid = members[0].get("cluster_id")
        record = clusters.get(key)
        rep = representative(members, record)
        date, precision = _best_date(rep, members, record)
        if date is None:
            day = event_day(rep)
            date, precision = (day.isoformat(), "publication") if day else (None, None)
        where = (rep.get("location") or {}).get("name")
        n_sources = int(record["n_sources"]) if record and "n_sources" in record else 0
        rows.append(
            TimelineRow(
                cluster_id=str(cid) if cid else None,
                date=date,
                date_precision=precision,
                what=_what(rep),
                source=actor_label(rep.get("source")),
                target=actor_label(rep.get("target")),
                where=str(where) if where else None,
                modality=str(rep.get("modality") or "asserted"),
                n_reports=len(members),
                n_sources=len(outlets(members)),
                outlets=tuple(outlets(members)),
                conflicts=tuple(sorted(conflicts.get(key, ()))),
                event_id=str(rep["event_id"]),
                doc_id=str(rep.get("doc_id")),
                evidence=str(rep.get("sentence") or ""),
                member_ids=tuple(str(m["event_id"]) for m in members),
                cluster_sources=max(n_sources, len(outlets(members))),
            )
        )
    rows.sort(key=lambda r: (r.sort_day, -r.n_sources, r.event_id))
    return rows
