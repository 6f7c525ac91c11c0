"""Exports for other tools: GDELT-style TSV, PLOVER JSONL, Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

# GDELT 1.0 event-table column names for the fields dyad has (a documented subset).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)  # fmt: skip

ISO_TO_FIPS_NOTE = "ActionGeo_CountryCode holds ISO 3166 alpha-3 codes, not FIPS 10-4."


def _day(e: dict[str, Any]) -> str:
    """SQLDATE: the event's first day, else the publication day (YYYYMMDD)."""
    start = e.get("date_start") or e.get("published") or ""
    return start.replace("-", "")[:8]


def gdelt_rows(events: Sequence[dict[str, Any]], sources: dict[str, int]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
    writer.writerow(GDELT_COLUMNS)
    for e in events:
        src = e.get("source") or {}
        tgt = e.get("target") or {}
        loc = e.get("location") or {}
        day = _day(e)
        cameo = e.get("cameo") or ""
        members = sources.get(e.get("cluster_id") or "", 1)
        writer.writerow(
            [
                e["event_id"], day, day[:6], day[:4], src.get("code") or "",
                src.get("person") or src.get("name") or "", src.get("country") or "",
                src.get("sector") or "", tgt.get("code") or "",
                tgt.get("person") or tgt.get("name") or "", tgt.get("country") or "",
                tgt.get("sector") or "", 1, cameo, cameo[:3], e.get("cameo_root") or "",
                e.get("quad_class"), e.get("goldstein"), 1, members, loc.get("name") or "",
                loc.get("country") or "", loc.get("lat") or "", loc.get("lon") or "",
                (e.get("published") or "").replace("-", ""), e.get("url") or "",
            ]
        )  # fmt: skip
    return buf.getvalue()


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """One event in the PLOVER data model (event type, mode, context, actors, evidence)."""

    def actor(a: dict[str, Any] | None) -> dict[str, Any] | None:
        if not a:
            return None
        return {
            "text": a.get("text"),
            "actor": a.get("person") or a.get("name"),
            "code": a.get("code"),
            "country": a.get("country"),
            "sector": a.get("sector"),
        }

    return {
        "id": e["event_id"],
        "date": e.get("date"),
        "date_precision": e.get("date_precision"),
        "event_type": e.get("plover"),
        "mode": e.get("plover_mode"),
        "context": e.get("plover_context") or [],
        "source": actor(e.get("source")),
        "target": actor(e.get("target")),
        "location": e.get("location"),
        "modality": e.get("modality"),
        "cameo": e.get("cameo"),
        "text": e.get("sentence"),
        "event_text": e.get("trigger"),
        "doc_id": e.get("doc_id"),
        "publisher": e.get("source_name"),
        "cluster_id": e.get("cluster_id"),
    }


def plover_jsonl(events: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(plover_record(e), ensure_ascii=False) + "\n" for e in events)
