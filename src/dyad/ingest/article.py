"""Turn one raw record into an `Article`: normalised text, content hash, id, publication date."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from dyad.errors import BadDateError, BadRecordError, EmptyTextError, TooLargeError
from dyad.ingest.normalize import normalize, normalize_text
from dyad.model import Article

# Publication dates further ahead than this are taken as typos, not as embargoed news.
_FUTURE_SLACK = dt.timedelta(days=2)
# Lone surrogates (JSON "\ud800" escapes, undecodable file names) cannot be encoded or stored.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_field(name: str, value: str | None) -> str | None:
    """An id or URL as given, stripped; refused when it could not be stored as text."""
    if value is None:
        return None
    if _SURROGATE.search(value) or "\x00" in value:
        raise BadRecordError(f"field {name!r} holds invalid characters")
    return value.strip() or None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(raw: object) -> dt.date | None:
    """ISO date or datetime (a trailing Z or offset is fine); None/empty means unknown."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise BadDateError(f"published must be an ISO date string, not {type(raw).__name__}")
    text = raw.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise BadDateError(f"published {text[:40]!r} is not an ISO date") from exc


def make_article(
    text: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    source_name: str | None = None,
    url: str | None = None,
    published: object = None,
    origin: str = "",
    max_chars: int | None = None,
    today: dt.date | None = None,
) -> Article:
    """Normalise and validate one document; raises a named InputError for a bad record."""
    norm = normalize(text)
    normalized = norm.text
    clean_id = _clean_field("id", doc_id) or ""
    clean_url = _clean_field("url", url)
    if not normalized.strip():
        raise EmptyTextError("the document has no text")
    if max_chars is not None and len(normalized) > max_chars:
        raise TooLargeError(
            f"the document has {len(normalized):,} characters (limit {max_chars:,})"
        )
    pub = parse_published(published)
    warnings: list[str] = []
    if norm.marks_dropped:
        warnings.append(f"{norm.marks_dropped:,} combining marks beyond 30 in a row dropped")
    if _SURROGATE.search(text):
        warnings.append("invalid characters (lone surrogates) replaced by U+FFFD")
    if pub is not None and pub > (today or dt.date.today()) + _FUTURE_SLACK:
        warnings.append(f"published date {pub.isoformat()} is in the future")
    digest = content_hash(normalized)
    return Article(
        doc_id=clean_id or f"d-{digest[:16]}",
        text=normalized,
        content_hash=digest,
        title=normalize_text(title) or None if title else None,
        source_name=normalize_text(source_name) or None if source_name else None,
        url=clean_url,
        published=pub,
        origin=origin,
        warnings=tuple(warnings),
    )
