"""The Parquet shard folder written by `dyad ingest --engine ray` and read by `dyad load`.

Layout of a shard folder::

    OUT/_dyad_shards.json     manifest: marks the folder as dyad's, inputs, counts, complete flag
    OUT/events/*.parquet      one row per event: the columns of the store's `events` table
                              (`json` holds the event JSON; cluster_id is null until `dyad load`)
    OUT/articles/*.parquet    one row per coded article, sentences and mentions as JSON columns
    OUT/quarantine/*.parquet  one row per record that could not be ingested

Every row carries `input_index`, the position of its document in the input order
(`dyad.ingest.readers.iter_inputs`), and events carry `event_order`, their position within
the document: workers finish in any order, and these two columns let `dyad load` replay the
documents exactly in the order a single-process ingest would have met them.

The functions here convert between the typed records of `dyad.model` and plain rows, so the
Ray workers and the loader share one definition of every column.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from dyad.errors import UnsafePathError, UsageError
from dyad.model import Actor, Article, DocResult, Event, Mention, Quarantined
from dyad.store.db import _event_row

MANIFEST = "_dyad_shards.json"
FORMAT = "dyad-shards"
FORMAT_VERSION = 1
PARTS = ("events", "articles", "quarantine")

# The order of `dyad.store.db._event_row`, which is the order of the store's `events` table.
EVENT_ROW_COLUMNS = (
    "event_id", "doc_id", "source_name", "published", "sentence_index", "cameo", "cameo_root",
    "plover", "quad_class", "goldstein", "source_code", "source_country", "target_code",
    "target_country", "date", "date_precision", "date_start", "date_end", "modality",
    "confidence", "cluster_id", "blocking_key", "json",
)  # fmt: skip
_EVENT_TYPES: dict[str, pa.DataType] = {
    "published": pa.date32(),
    "date_start": pa.date32(),
    "date_end": pa.date32(),
    "sentence_index": pa.int64(),
    "quad_class": pa.int64(),
    "goldstein": pa.float64(),
    "confidence": pa.float64(),
}
_DATE_COLUMNS = ("published", "date_start", "date_end")

EVENT_SCHEMA = pa.schema(
    [("input_index", pa.int64()), ("event_order", pa.int64())]
    + [(c, _EVENT_TYPES.get(c, pa.string())) for c in EVENT_ROW_COLUMNS]
)
ARTICLE_SCHEMA = pa.schema(
    [
        ("input_index", pa.int64()),
        ("doc_id", pa.string()),
        ("content_hash", pa.string()),
        ("title", pa.string()),
        ("source_name", pa.string()),
        ("url", pa.string()),
        ("published", pa.date32()),
        ("origin", pa.string()),
        ("text", pa.string()),
        ("warnings", pa.string()),  # JSON list: the article's own warnings
        ("result_warnings", pa.string()),  # JSON list: warnings raised while coding it
        ("sentences", pa.string()),  # JSON list of [index, char_start, char_end, text]
        ("mentions", pa.string()),  # JSON list of mention objects (see mention_to_json)
        ("n_sentences", pa.int64()),
        ("n_events", pa.int64()),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("input_index", pa.int64()),
        ("origin", pa.string()),
        ("code", pa.string()),
        ("reason", pa.string()),
        ("raw", pa.string()),
    ]
)
SCHEMAS: dict[str, pa.Schema] = {
    "events": EVENT_SCHEMA,
    "articles": ARTICLE_SCHEMA,
    "quarantine": QUARANTINE_SCHEMA,
}


def _union_schema() -> pa.Schema:
    """One schema holding every part's columns, plus `part` saying which part a row is."""
    fields: dict[str, pa.Field] = {"part": pa.field("part", pa.string())}
    for schema in SCHEMAS.values():
        for f in schema:
            if f.name in fields and fields[f.name].type != f.type:
                raise TypeError(f"shard column {f.name} has two types")  # a programming error
            fields.setdefault(f.name, f)
    return pa.schema(list(fields.values()))


# The workers return one table of this schema per batch; the driver splits it by `part`.
ROW_SCHEMA = _union_schema()

# What the driver hands to the workers: one row per input document, in input order.
INPUT_SCHEMA = pa.schema(
    [
        ("input_index", pa.int64()),
        ("kind", pa.string()),  # "article" or "quarantined"
        ("doc_id", pa.string()),
        ("text", pa.string()),
        ("content_hash", pa.string()),
        ("title", pa.string()),
        ("source_name", pa.string()),
        ("url", pa.string()),
        ("published", pa.string()),
        ("origin", pa.string()),
        ("warnings", pa.string()),
        ("code", pa.string()),
        ("reason", pa.string()),
        ("raw", pa.string()),
    ]
)


# --- input rows ------------------------------------------------------------------------------
def item_to_input_row(index: int, item: Article | Quarantined) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in INPUT_SCHEMA.names}
    row["input_index"] = index
    row["origin"] = item.origin
    if isinstance(item, Quarantined):
        row.update(kind="quarantined", code=item.code, reason=item.reason, raw=item.raw)
        return row
    row.update(
        kind="article",
        doc_id=item.doc_id,
        text=item.text,
        content_hash=item.content_hash,
        title=item.title,
        source_name=item.source_name,
        url=item.url,
        published=item.published.isoformat() if item.published else None,
        warnings=json.dumps(list(item.warnings), ensure_ascii=False),
    )
    return row


def input_row_to_item(row: Mapping[str, Any]) -> tuple[int, Article | Quarantined]:
    index = int(row["input_index"])
    if row["kind"] == "quarantined":
        return index, Quarantined(row["origin"], row["code"], row["reason"], row["raw"] or "")
    published = row["published"]
    return index, Article(
        doc_id=row["doc_id"],
        text=row["text"],
        content_hash=row["content_hash"],
        title=row["title"],
        source_name=row["source_name"],
        url=row["url"],
        published=dt.date.fromisoformat(published) if published else None,
        origin=row["origin"],
        warnings=tuple(json.loads(row["warnings"] or "[]")),
    )


# --- output rows -----------------------------------------------------------------------------
def iso_day(value: Any) -> dt.date | None:
    """An ISO day (or datetime) string as a date, for the DATE columns of the store."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def event_row(index: int, order: int, event: Event, key: str | None) -> dict[str, Any]:
    """One events-shard row: the store's own `_event_row`, so both hold the same values."""
    row = dict(zip(EVENT_ROW_COLUMNS, _event_row(event, key), strict=True))
    for name in _DATE_COLUMNS:
        row[name] = iso_day(row[name])
    row["input_index"] = index
    row["event_order"] = order
    return row


def mention_to_json(m: Mention) -> dict[str, Any]:
    a = m.actor
    return {
        "sentence_index": m.sentence_index,
        "tok_start": m.tok_start,
        "tok_end": m.tok_end,
        "char_start": m.char_start,
        "char_end": m.char_end,
        "text": m.text,
        "method": m.method,
        "score": m.score,
        "evidence": m.evidence,
        "actor": {
            "name": a.name,
            "code": a.code,
            "type": a.type,
            "country": a.country,
            "sector": a.sector,
            "person": a.person,
            "igo": a.igo,
        },
    }


def mention_from_json(d: Mapping[str, Any]) -> Mention:
    return Mention(
        sentence_index=d["sentence_index"],
        tok_start=d["tok_start"],
        tok_end=d["tok_end"],
        char_start=d["char_start"],
        char_end=d["char_end"],
        text=d["text"],
        actor=Actor(**d["actor"]),
        method=d["method"],
        score=d["score"],
        evidence=d["evidence"],
    )


def article_row(index: int, result: DocResult) -> dict[str, Any]:
    a = result.article
    return {
        "input_index": index,
        "doc_id": a.doc_id,
        "content_hash": a.content_hash,
        "title": a.title,
        "source_name": a.source_name,
        "url": a.url,
        "published": a.published,
        "origin": a.origin,
        "text": a.text,
        "warnings": json.dumps(list(a.warnings), ensure_ascii=False),
        "result_warnings": json.dumps(list(result.warnings), ensure_ascii=False),
        "sentences": json.dumps([list(s) for s in result.sentences], ensure_ascii=False),
        "mentions": json.dumps([mention_to_json(m) for m in result.mentions], ensure_ascii=False),
        "n_sentences": len(result.sentences),
        "n_events": len(result.events),
    }


def quarantine_row(index: int, q: Quarantined) -> dict[str, Any]:
    return {
        "input_index": index,
        "origin": q.origin,
        "code": q.code,
        "reason": q.reason,
        "raw": q.raw,
    }


def result_from_rows(article: Mapping[str, Any], events_json: Sequence[str]) -> DocResult:
    """Rebuild the DocResult a worker coded from its article row and its events' JSON."""
    published = article["published"]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc = Article(
        doc_id=article["doc_id"],
        text=article["text"],
        content_hash=article["content_hash"],
        title=article["title"],
        source_name=article["source_name"],
        url=article["url"],
        published=published,
        origin=article["origin"],
        warnings=tuple(json.loads(article["warnings"] or "[]")),
    )
    return DocResult(
        article=doc,
        sentences=[
            (int(i), int(s), int(e), str(t)) for i, s, e, t in json.loads(article["sentences"])
        ],
        mentions=[mention_from_json(m) for m in json.loads(article["mentions"])],
        events=[Event(**json.loads(text)) for text in events_json],
        warnings=list(json.loads(article["result_warnings"] or "[]")),
    )


def rows_to_table(rows: Iterable[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows (missing keys are null) as a table of exactly `schema`."""
    rows = list(rows)
    return pa.table(
        {f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema},
        schema=schema,
    )


# --- the folder ------------------------------------------------------------------------------
def read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a readable dyad shard manifest ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f"{path}: not a dyad shard manifest")
    return data


def write_manifest(folder: Path, data: Mapping[str, Any]) -> None:
    body = {"format": FORMAT, "version": FORMAT_VERSION, **data}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(folder / MANIFEST)  # atomic: a reader never sees half a manifest


def _is_shard(name: str) -> bool:
    """A shard, or the temporary file of one that a killed worker left behind."""
    return name.endswith(".parquet") or (name.startswith(".") and name.endswith(".parquet.tmp"))


def _foreign_files(folder: Path) -> list[Path]:
    """Entries of a dyad shard folder that dyad did not write."""
    foreign: list[Path] = []
    for entry in folder.iterdir():
        if entry.name in (MANIFEST, MANIFEST + ".tmp"):
            continue
        if entry.name in PARTS and entry.is_dir():
            foreign += [p for p in entry.iterdir() if not (p.is_file() and _is_shard(p.name))]
            continue
        foreign.append(entry)
    return foreign


def prepare_out(out: Path) -> None:
    """Make `out` ready for new shards, refusing to touch anything dyad did not write.

    A missing or empty folder is used as it is; a previous dyad shard folder (it has the
    manifest and nothing but dyad's own shards) is emptied; anything else is refused.
    """
    if out.exists() and not out.is_dir():
        raise UnsafePathError(f"{out} is a file; --out needs a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise UnsafePathError(
                f"{out} is not empty and is not a dyad shard folder; give an empty or new folder"
            )
        read_manifest(out)
        foreign = _foreign_files(out)
        if foreign:
            names = ", ".join(str(p) for p in foreign[:5])
            raise UnsafePathError(
                f"{out} holds files dyad did not write ({names}); not replacing it"
            )
        for part in PARTS:
            if (out / part).is_dir():
                shutil.rmtree(out / part)
        (out / MANIFEST).unlink()
    out.mkdir(parents=True, exist_ok=True)


def shard_files(folder: Path, part: str) -> list[Path]:
    return sorted((folder / part).glob("*.parquet"))
