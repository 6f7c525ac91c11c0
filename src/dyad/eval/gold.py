"""Gold files for `dyad eval`, in either of two forms (detected from the first record):

- document gold (samples/gold.jsonl): `{"doc_id", "published", "events": [{"text", "trigger",
  "cameo", "source", "target", "symmetric", "modality", ...}]}`; `text` is an exact substring
  of the sentence that reports the event; the articles come from the gold file's directory.
- sentence gold (PLOVER style): one sentence per record with `id`, `text`, `plover`,
  `quad_class` and `source`/`target` lists of `{text, code}`; each sentence is its own document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dyad.errors import GoldFormatError
from dyad.model import Article

GoldKind = Literal["document", "sentence"]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc_id: str
    text: str  # the evidence text (document gold) or the sentence (sentence gold)
    cameo: str | None
    plover: str | None
    quad_class: int | None
    sources: tuple[str, ...]  # country (ISO alpha-3) or IGO code
    targets: tuple[str, ...]
    symmetric: bool
    modality: str | None
    record_id: str


@dataclass(frozen=True, slots=True)
class Gold:
    kind: GoldKind
    events: tuple[GoldEvent, ...]
    doc_ids: tuple[str, ...]
    sentence_articles: tuple[Article, ...] = ()  # sentence gold: the sentences as documents


def actor_key(raw: Any) -> str | None:
    """A comparable key for an actor: country for states and people, IGO code for IGOs."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw.strip().upper()[:3] or None
    if isinstance(raw, dict):
        if raw.get("type") == "igo":
            return str(raw.get("code") or "IGO").upper()
        for key in ("country", "code"):
            value = raw.get(key)
            if value:
                return str(value).upper()[:3]
    return None


def _keys(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out = [k for k in (actor_key(i) for i in items) if k]
    return tuple(dict.fromkeys(out))


def _read_records(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})") from exc
    records: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(rec, dict):
            raise GoldFormatError(f"{path}:{n}: expected a JSON object")
        records.append(rec)
    if not records:
        raise GoldFormatError(f"{path}: no records")
    return records


def load_gold(path: Path) -> Gold:
    records = _read_records(path)
    first = records[0]
    if "events" in first and "doc_id" in first:
        return _document_gold(records, path)
    if "text" in first and "plover" in first:
        return _sentence_gold(records)
    raise GoldFormatError(
        f"{path}: neither document gold (doc_id, events) nor sentence gold (text, plover)"
    )


def _document_gold(records: list[dict[str, Any]], path: Path) -> Gold:
    events: list[GoldEvent] = []
    doc_ids: list[str] = []
    for n, rec in enumerate(records, 1):
        doc_id = rec.get("doc_id")
        evs = rec.get("events")
        if not isinstance(doc_id, str) or not isinstance(evs, list):
            raise GoldFormatError(f"{path}:{n}: document gold needs doc_id and an events list")
        doc_ids.append(doc_id)
        for k, ev in enumerate(evs):
            if not isinstance(ev, dict) or not isinstance(ev.get("text"), str):
                raise GoldFormatError(f"{path}:{n}: event {k} has no text")
            cameo = ev.get("cameo")
            events.append(
                GoldEvent(
                    doc_id=doc_id,
                    text=ev["text"],
                    cameo=str(cameo) if cameo else None,
                    plover=ev.get("plover"),
                    quad_class=None,
                    sources=_keys(ev.get("source")),
                    targets=_keys(ev.get("target")),
                    symmetric=bool(ev.get("symmetric", False)),
                    modality=ev.get("modality"),
                    record_id=f"{doc_id}#{k}",
                )
            )
    return Gold("document", tuple(events), tuple(doc_ids))


def _sentence_gold(records: list[dict[str, Any]]) -> Gold:
    by_text: dict[str, str] = {}
    events: list[GoldEvent] = []
    articles: list[Article] = []
    for rec in records:
        text = str(rec.get("text", "")).strip()
        if not text or not rec.get("plover"):
            raise GoldFormatError(f"sentence gold record {rec.get('id')!r}: needs text and plover")
        if text not in by_text:
            doc_id = str(rec.get("id") or f"s{len(by_text)}")
            by_text[text] = doc_id
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
            articles.append(Article(doc_id=doc_id, text=text, content_hash=digest))
        sources = _keys(rec.get("source"))
        targets = _keys(rec.get("target"))
        quad = rec.get("quad_class")
        events.append(
            GoldEvent(
                doc_id=by_text[text],
                text=text,
                cameo=None,
                plover=str(rec["plover"]),
                quad_class=int(quad) if quad is not None else None,
                sources=sources,
                targets=targets,
                symmetric=not targets and len(sources) >= 2,
                modality=None,
                record_id=str(rec.get("id")),
            )
        )
    return Gold("sentence", tuple(events), tuple(by_text.values()), tuple(articles))
