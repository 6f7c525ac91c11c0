"""Writing events for people (a Rich table) and machines (JSONL, CSV, Parquet), safely."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dyad.errors import UnsafePathError, UsageError

FORMATS = ("table", "jsonl", "csv", "parquet")

FLAT_COLUMNS = (
    "event_id", "doc_id", "source_name", "published", "sentence_index", "char_start",
    "char_end", "trigger", "source_text", "source_actor", "source_country", "source_sector",
    "source_code", "source_person", "source_type", "target_text", "target_actor",
    "target_country", "target_sector", "target_code", "target_person", "target_type", "cameo",
    "cameo_root", "plover", "quad_class", "goldstein", "date", "date_precision", "date_text",
    "location_name", "location_country", "location_lat", "location_lon", "modality",
    "attribution", "confidence", "cluster_id", "symmetric", "sentence",
)  # fmt: skip


def flatten(e: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row (CSV, Parquet, GDELT-style exports)."""
    row: dict[str, Any] = {k: e.get(k) for k in FLAT_COLUMNS if k in e}
    for side in ("source", "target"):
        actor = e.get(side) or {}
        row[f"{side}_text"] = actor.get("text")
        row[f"{side}_actor"] = actor.get("name")
        for key in ("country", "sector", "code", "person", "type"):
            row[f"{side}_{key}"] = actor.get(key)
    loc = e.get("location") or {}
    row["location_name"] = loc.get("name")
    row["location_country"] = loc.get("country")
    row["location_lat"] = loc.get("lat")
    row["location_lon"] = loc.get("lon")
    attribution = e.get("attribution")
    row["attribution"] = attribution.get("text") if isinstance(attribution, dict) else attribution
    return {k: row.get(k) for k in FLAT_COLUMNS}


def check_output_path(path: Path, force: bool) -> Path:
    """Refuse to overwrite silently, to write into a missing folder, or to write a folder."""
    if path.is_dir():
        raise UnsafePathError(f"{path} is a directory; give a file name")
    if path.exists() and not force:
        raise UnsafePathError(f"{path} exists; use --force to overwrite it")
    if not path.parent.exists():
        raise UnsafePathError(f"{path.parent} does not exist")
    return path


def safe_child(folder: Path, name: str) -> Path:
    """A file inside `folder` whose name came from data: no separators, no escaping."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise UnsafePathError(f"refusing to write a file named {name!r}")
    child = (folder / name).resolve()
    if child.parent != folder.resolve():
        raise UnsafePathError(f"{name!r} would be written outside {folder}")
    return child


def render_text(events: Sequence[dict[str, Any]], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for e in events:
            writer.writerow(flatten(e))
        return buf.getvalue()
    raise UsageError(f"unknown text format {fmt!r}")


def write_parquet(events: Iterable[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(e) for e in events]
    columns = {c: [r[c] for r in rows] for c in FLAT_COLUMNS}
    types = {
        "sentence_index": pa.int64(), "char_start": pa.int64(), "char_end": pa.int64(),
        "quad_class": pa.int64(), "goldstein": pa.float64(), "location_lat": pa.float64(),
        "location_lon": pa.float64(), "confidence": pa.float64(), "symmetric": pa.bool_(),
    }  # fmt: skip
    table = pa.table({c: pa.array(v, type=types.get(c, pa.string())) for c, v in columns.items()})
    pq.write_table(table, path)


def short_actor(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    who = a.get("person") or a.get("name") or a.get("text") or "?"
    return f"{who} [{a.get('code') or '?'}]"


def events_table(events: Sequence[dict[str, Any]], title: str = "events") -> Any:
    from rich.table import Table

    table = Table(title=f"{len(events)} {title}", show_lines=False, expand=False)
    for col in ("date", "source", "code", "event", "target", "modality", "where", "doc"):
        table.add_column(col, overflow="fold")
    for e in events:
        date = e.get("date") or "?"
        if e.get("date_precision") == "publication":
            date += "*"
        loc = (e.get("location") or {}).get("name") or ""
        table.add_row(
            date,
            short_actor(e.get("source")),
            f"{e.get('cameo')} {e.get('plover') or ''}",
            e.get("trigger") or "",
            short_actor(e.get("target")),
            e.get("modality") or "",
            loc,
            f"{e.get('doc_id')}#{e.get('sentence_index')}",
        )
    return table


def emit(events: Sequence[dict[str, Any]], fmt: str, out: Path | None, force: bool) -> None:
    """Write events in `fmt` to `out` (or standard output)."""
    from rich.console import Console

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    if out is not None:
        check_output_path(out, force)
    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet needs -o FILE")
        write_parquet(events, out)
        return
    if fmt == "table":
        console = Console(file=out.open("w", encoding="utf-8") if out else None, width=160)
        console.print(events_table(events))
        return
    text = render_text(events, fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
