"""Lazy readers for every input form: .txt, .html, .jsonl, .csv, directories and stdin.

`iter_inputs` yields an `Article` or a `Quarantined` record for every document it meets, in a
stable order, so an interrupted ingest can be resumed and counts reconcile exactly:
documents in = articles + quarantined. A path that cannot be read at all raises
`UnreadablePathError` before anything is ingested.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from dyad.errors import (
    BadRecordError,
    BinaryContentError,
    EmptyTextError,
    EncodingError,
    InputError,
    TooLargeError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from dyad.ingest.article import make_article
from dyad.model import Article, Quarantined

SUPPORTED = (".txt", ".html", ".htm", ".jsonl", ".csv")
_FIELDS = ("id", "text", "html", "title", "source", "url", "published")
_EXCERPT = 300
# JSON escapes make a line longer than its text (an escaped surrogate pair: 12 bytes, 1 char).
_JSON_BYTES_PER_CHAR = 12
_JSON_SLACK = 1 << 16
# Below this much text, a page trafilatura found no article in is taken as empty, not salvaged.
_FALLBACK_MIN_CHARS = 200

Item = Article | Quarantined


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a document; UTF-8 (with or without BOM) or UTF-16 with a BOM, nothing guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte order mark)"]
        except UnicodeDecodeError as exc:
            raise EncodingError(f"invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in data[:4096]:
        if _looks_like_utf16(data[:4096]):
            raise EncodingError("looks like UTF-16 without a byte order mark; save it as UTF-8")
        raise BinaryContentError("binary content (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at {exc.start})"
        ) from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 8 and controls > len(text[:4096]) // 50:
        raise BinaryContentError("binary content (control characters), not a text document")
    return text, []


def _looks_like_utf16(head: bytes) -> bool:
    """Mostly ASCII text in UTF-16: a NUL in every other byte, on one side only."""
    even, odd = head[0::2], head[1::2]
    pairs = min(len(even), len(odd))
    if pairs < 2:
        return False
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.6 * pairs and other.count(0) <= 0.05 * pairs:
            return True
    return False


def display_path(path: Path | str) -> str:
    """A path as printable, storable text (names that are not UTF-8 get U+FFFD)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")


def _excerpt(raw: object) -> str:
    text = raw if isinstance(raw, str) else repr(raw)
    # an excerpt of bad input must itself be storable: no lone surrogates
    return text[:_EXCERPT].encode("utf-8", errors="replace").decode("utf-8")


def _quarantine(origin: str, err: InputError, raw: object = "") -> Quarantined:
    return Quarantined(origin=origin, code=err.code, reason=err.message, raw=_excerpt(raw))


class _TextCollector(HTMLParser):
    """Visible text of any HTML, however deep or broken (the stdlib parser does not recurse)."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _fallback_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page (trafilatura); raises EmptyTextError."""
    text, title, date, _warnings = html_main_text(html)
    return text, title, date


def html_main_text(html: str) -> tuple[str, str | None, str | None, list[str]]:
    """Like `html_to_text`, with the warnings of a degraded extraction.

    When trafilatura finds no article (libxml2 gives up on pages nested deeper than 256
    levels) or fails on hostile markup, the visible text of the page is used if there is
    enough of it, with a warning; otherwise EmptyTextError.
    """
    import trafilatura  # heavy: imported only when HTML is met

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(html) if text and text.strip() else None
        why = "trafilatura found no main text"
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        # hostile markup can break the parser: salvage below rather than crash the ingest
        text, meta = None, None
        why = f"trafilatura failed: {type(exc).__name__}"
    if text and text.strip():
        title = meta.title if meta is not None else None
        date = meta.date if meta is not None else None
        return text, title, date, []
    salvaged = _fallback_text(html)
    if len(salvaged) < _FALLBACK_MIN_CHARS:
        raise EmptyTextError("no main text found in the HTML")
    return salvaged, None, None, [f"HTML read as all visible text ({why})"]


def record_to_article(rec: Mapping[str, Any], origin: str, max_chars: int) -> Article:
    """Validate one JSONL/CSV record and build its Article."""
    for key in ("id", "title", "source", "url", "published", "text", "html"):
        value = rec.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise BadRecordError(f"field {key!r} must be a string, not {type(value).__name__}")
    text = rec.get("text")
    html = rec.get("html")
    title = rec.get("title")
    published = rec.get("published")
    warnings: list[str] = []
    if (text is None or text == "") and isinstance(html, str) and html.strip():
        text, html_title, html_date, warnings = html_main_text(html)
        title = title or html_title
        published = published or html_date
    if text is None or text == "":
        raise EmptyTextError("record has no 'text' or 'html'")
    if not isinstance(text, str):
        raise BadRecordError("field 'text' must be a string")
    article = make_article(
        text,
        doc_id=str(rec["id"]) if rec.get("id") not in (None, "") else None,
        title=str(title) if title else None,
        source_name=str(rec["source"]) if rec.get("source") else None,
        url=str(rec["url"]) if rec.get("url") else None,
        published=str(published) if isinstance(published, int) else published,
        origin=origin,
        max_chars=max_chars,
    )
    return _with_warnings(article, warnings) if warnings else article


def _read_limited(path: Path, max_chars: int) -> bytes:
    limit = max_chars * 4 + 4  # a UTF-8 character is at most 4 bytes
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"file is larger than the document limit ({max_chars:,} characters)")
    return data


def _read_document(path: Path, max_chars: int) -> Iterator[Item]:
    origin = display_path(path)
    try:
        data = _read_limited(path, max_chars)
        text, warnings = decode_bytes(data)
        title = None
        published = None
        if path.suffix.lower() in (".html", ".htm"):
            text, title, published, html_warnings = html_main_text(text)
            warnings.extend(html_warnings)
        article = make_article(
            text, title=title, published=published, origin=origin, max_chars=max_chars
        )
        if warnings:
            article = _with_warnings(article, warnings)
        yield article
    except InputError as err:
        yield _quarantine(origin, err)


def _with_warnings(article: Article, warnings: Iterable[str]) -> Article:
    from dataclasses import replace

    return replace(article, warnings=(*article.warnings, *warnings))


def _iter_jsonl_lines(lines: Iterable[bytes], name: str, max_chars: int) -> Iterator[Item]:
    max_bytes = max_chars * _JSON_BYTES_PER_CHAR + _JSON_SLACK
    for lineno, raw in enumerate(lines, start=1):
        origin = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            if len(raw) > max_bytes:
                raise TooLargeError(
                    f"JSONL line of {len(raw):,} bytes is over the document limit "
                    f"({max_chars:,} characters)"
                )
            line, _ = decode_bytes(raw)
            try:
                rec = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                raise BadRecordError(f"broken JSON line ({exc.msg}, column {exc.colno})") from exc
            except RecursionError as exc:
                raise BadRecordError("JSON nested too deeply") from exc
            except ValueError as exc:  # e.g. an integer of more than 4300 digits
                raise BadRecordError(f"unreadable JSON value ({str(exc)[:80]})") from exc
            if not isinstance(rec, dict):
                raise BadRecordError(f"a JSONL line must be an object, not {type(rec).__name__}")
            yield record_to_article(rec, origin, max_chars)
        except InputError as err:
            yield _quarantine(origin, err, raw.decode("utf-8", errors="replace"))


def _iter_jsonl(path: Path, max_chars: int) -> Iterator[Item]:
    with path.open("rb") as fh:
        yield from _iter_jsonl_lines(fh, display_path(path), max_chars)


def _iter_csv(path: Path, max_chars: int) -> Iterator[Item]:
    name = display_path(path)
    try:
        text, _ = decode_bytes(path.read_bytes())
    except InputError as err:
        yield _quarantine(name, err)
        return
    csv.field_size_limit(max(max_chars * 4, 1 << 20))
    consumed = [0]  # physical lines the csv module has taken, even for a row it rejects

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed[0] += 1
            yield line

    reader = csv.DictReader(lines())
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        yield _quarantine(name, BadRecordError(f"broken CSV header ({exc})"))
        return
    if not fieldnames or not {"text", "html"} & set(fieldnames):
        yield _quarantine(name, BadRecordError("CSV has no 'text' or 'html' column"))
        return
    while True:
        before = consumed[0]
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # the reader has consumed the bad row: report it and go on with the next one
            yield _quarantine(f"{name}:{consumed[0]}", BadRecordError(f"broken CSV row ({exc})"))
            if consumed[0] == before:
                return
            continue
        origin = f"{name}:{reader.line_num}"
        try:
            if None in row:  # more cells than columns
                raise BadRecordError("CSV row has more cells than the header")
            rec = {k: v for k, v in row.items() if k in _FIELDS and v not in (None, "")}
            yield record_to_article(rec, origin, max_chars)
        except InputError as err:
            yield _quarantine(origin, err, json.dumps(row)[:_EXCERPT])


def _iter_path(path: Path, max_chars: int, explicit: bool) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path, max_chars)
    elif suffix == ".csv":
        yield from _iter_csv(path, max_chars)
    elif suffix in (".txt", ".html", ".htm"):
        yield from _read_document(path, max_chars)
    elif explicit:
        raise UnsupportedFormatError(f"{path}: unsupported file type (use {', '.join(SUPPORTED)})")


def expand_paths(paths: Iterable[str]) -> list[tuple[Path | None, bool]]:
    """Check every path up front (exit 2 before ingesting anything) and list the files."""
    out: list[tuple[Path | None, bool]] = []
    for name in paths:
        if name == "-":
            out.append((None, True))
            continue
        path = Path(name)
        if path.is_dir():
            # a dangling link is listed too: reading it quarantines it (E101), not skips it
            files = sorted(
                p for p in path.rglob("*") if p.is_file() or (p.is_symlink() and not p.exists())
            )
            out.extend((p, False) for p in files if p.suffix.lower() in SUPPORTED)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED:
                raise UnsupportedFormatError(
                    f"{path}: unsupported file type (use {', '.join(SUPPORTED)})"
                )
            try:
                with path.open("rb"):
                    pass
            except OSError as exc:
                raise UnreadablePathError(f"{path}: {exc.strerror}") from exc
            out.append((path, True))
        else:
            raise UnreadablePathError(f"{name}: no such file or directory")
    return out


def iter_inputs(
    paths: Iterable[str], max_chars: int = 200_000, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """Every document of every path, lazily; '-' reads JSONL from standard input."""
    for path, explicit in expand_paths(paths):
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _iter_jsonl_lines(stream, "<stdin>", max_chars)
        else:
            try:
                yield from _iter_path(path, max_chars, explicit)
            except OSError as exc:
                yield _quarantine(
                    display_path(path), UnreadablePathError(f"cannot read: {exc.strerror}")
                )


def count_documents(paths: Iterable[str], max_chars: int = 200_000) -> int | None:
    """How many documents `iter_inputs` will yield (for a progress ETA); None for stdin.

    JSONL lines are counted without parsing; CSV files are parsed, since a quoted field may
    hold newlines.
    """
    total = 0
    for path, _explicit in expand_paths(paths):
        if path is None:
            return None
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffix == ".csv":
                total += sum(1 for _ in _iter_csv(path, max_chars))
            else:
                total += 1
        except OSError:
            total += 1  # iter_inputs quarantines an unreadable file as one record (E101)
    return total
