"""Property-based tests (hypothesis): readers, normaliser and actor matcher on arbitrary input.

The readers must turn any bytes into Article or Quarantined items and nothing else (no crash,
no other exception); for JSONL exactly one item per non-blank line. The normaliser must be
idempotent and keep an exact, strictly increasing map back to the NFC input.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dyad import errors
from dyad.errors import InputError
from dyad.ingest.article import make_article
from dyad.ingest.normalize import _CHAR_MAP, _SPACES, nfc_input, normalize
from dyad.ingest.readers import iter_inputs, record_to_article
from dyad.model import Article, Quarantined

INPUT_CODES = {
    cls.code
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, InputError)
}

# Characters that exercise every rule of the normaliser, mixed into arbitrary text.
TRICKY = [
    "\u00ad", "\u200b", "\ufeff", "\r", "\n", "\r\n", "\t", " ", "  ", "\u00a0", "\u3000",
    "\u2019", "\u201c", "\u00ab", "\u2011", "\u0301", "\u0316", "\u0327", "e", "E", "\u00e9",
    "\u1100", "\u1161", "\u11a8", "\x00", "\x01", "\x85", "\x0b", "\ud800", "\udfff", ".",
    "\u0915", "\u093c", "\u0b47", "\u0b3e", "\u2028", "A\u030a", "\u212b",
]  # fmt: skip
SURROGATE_OK = st.characters(blacklist_categories=())  # every code point, surrogates included
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), SURROGATE_OK), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=60), tricky_text, st.text(SURROGATE_OK, max_size=30))

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # hypothesis re-runs the test body many times: one folder for the module, files rewritten
    with tempfile.TemporaryDirectory(prefix="dyad-prop-") as d:
        yield Path(d)


def _check_items(items: list[Any]) -> None:
    for item in items:
        assert isinstance(item, Article | Quarantined), type(item)
        if isinstance(item, Quarantined):
            assert item.code in INPUT_CODES, item
            assert item.reason
            item.raw.encode("utf-8")  # storable
            item.origin.encode("utf-8")
        else:
            assert item.text.strip() and item.doc_id
            assert item.content_hash == hashlib.sha256(item.text.encode("utf-8")).hexdigest()
            assert normalize(item.text).text == item.text
            item.doc_id.encode("utf-8")
            item.origin.encode("utf-8")


# --- readers ---------------------------------------------------------------------------------
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), any_text.filter(lambda t: True)
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
record = st.fixed_dictionaries(
    {},
    optional={
        k: st.one_of(json_value, any_text)
        for k in ("id", "text", "html", "title", "source", "url", "published")
    },
)


def _json_line(rec: dict[str, Any], ascii_only: bool) -> bytes:
    return json.dumps(rec, ensure_ascii=ascii_only).encode("utf-8", errors="surrogatepass")


jsonl_line = st.one_of(
    st.builds(_json_line, record, st.booleans()),
    st.binary(max_size=60).filter(lambda b: b"\n" not in b),
    st.sampled_from([b"", b"  ", b"\r", b"{", b"[]", b"null", b'"text"', b"\xff\xfe{}", b"{}"]),
)
jsonl_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(jsonl_line, max_size=8).map(b"\n".join),
    st.lists(jsonl_line, max_size=8).map(lambda ls: b"\r\n".join(ls) + b"\n"),
)


@FAST
@given(data=jsonl_bytes)
@example(data=b'{"id": "s", "text": "Iran \\ud800 protested."}\n')  # lone surrogate escape
@example(data=b'{"id": "u", "text": "Kenya.", "url": "http://x/\\udfff"}')
@example(data=b"[" * 5000 + b"\n" + b'{"text": ' * 3000)  # nested deeper than the recursion limit
@example(data=b'{"id": ' + b"7" * 5000 + b', "text": "Peru."}')  # int over 4300 digits
@example(data=b'{"text": "Chad.", "id": true}\n{"text": "Mali.", "published": []}')
def test_jsonl_any_bytes_one_item_per_nonblank_line(workdir: Path, data: bytes) -> None:
    f = workdir / "x.jsonl"
    f.write_bytes(data)
    items = list(iter_inputs([str(f)], max_chars=5_000))
    _check_items(items)
    nonblank = sum(1 for line in data.split(b"\n") if line.strip())
    assert len(items) == nonblank
    # origins name the line, so every item is accounted for exactly once
    assert len({i.origin for i in items}) == len(items)


@FAST
@given(
    data=st.one_of(
        st.binary(max_size=400), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_txt_any_bytes_is_one_item(workdir: Path, data: bytes) -> None:
    f = workdir / "x.txt"
    f.write_bytes(data)
    items = list(iter_inputs([str(f)], max_chars=5_000))
    _check_items(items)
    assert len(items) == 1


csv_cell = st.one_of(any_text, st.sampled_from(['"', '""', ",", "\n", "\r\n", 'a "b" c', "x\ny"]))
csv_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(csv_cell, max_size=5).map(",".join), max_size=6).map(
        lambda rows: ("id,text,published\n" + "\n".join(rows)).encode("utf-8", "surrogatepass")
    ),
)


@FAST
@given(data=csv_bytes)
def test_csv_any_bytes_only_articles_or_quarantine(workdir: Path, data: bytes) -> None:
    f = workdir / "x.csv"
    f.write_bytes(data)
    items = list(iter_inputs([str(f)], max_chars=5_000))
    _check_items(items)


@settings(max_examples=400, deadline=None)
@given(rec=record)
def test_record_to_article_raises_only_named_input_errors(rec: dict[str, Any]) -> None:
    try:
        article = record_to_article(rec, "prop:1", 5_000)
    except InputError as err:
        assert err.code in INPUT_CODES
    else:
        _check_items([article])


# --- normaliser ------------------------------------------------------------------------------
def _folded(out: str, src: str) -> bool:
    """The documented differences between an output character and its input character."""
    if out == src:
        return True
    if _CHAR_MAP.get(src) == out:
        return True
    if out == " " and (src in _SPACES or src == " "):
        return True
    if out == "\n" and src in ("\r", "\n"):
        return True
    if out == "\ufffd" and "\ud800" <= src <= "\udfff":
        return True
    # combining marks put in canonical order after an invisible character between them went
    if unicodedata.combining(out) and unicodedata.combining(src):
        return True
    # composed again after an invisible character between base and mark was dropped
    return unicodedata.normalize("NFD", out)[0] == unicodedata.normalize("NFD", src)[0]


@settings(max_examples=1500, deadline=None)
@given(raw=any_text)
@example(raw="x e\u00ad" + "\u0301\u0316" * 40 + " y")  # a run of marks longer than 30
@example(raw="e" + "\u0301" * 20 + "\u00ad\x01" + "\u0316" * 20)  # runs joined by a dropped char
def test_normalize_is_idempotent_and_maps_back(raw: str) -> None:
    n = normalize(raw)
    assert normalize(n.text).text == n.text, ascii(raw)
    assert normalize(n.text).source_index == tuple(range(len(n.text)))
    nfc = nfc_input(raw)
    assert len(n.source_index) == len(n.text)
    assert all(a < b for a, b in zip(n.source_index, n.source_index[1:], strict=False))
    assert all(0 <= i < len(nfc) for i in n.source_index)
    for i, ch in enumerate(n.text):
        assert _folded(ch, nfc[n.source_index[i]]), (ascii(raw), i, ascii(ch))
    n.text.encode("utf-8")  # always storable
    assert n.text == n.text.strip(" \n")


@settings(max_examples=300, deadline=None)
@given(text=any_text, doc_id=st.one_of(st.none(), any_text), url=st.one_of(st.none(), any_text))
def test_make_article_never_crashes(text: str, doc_id: str | None, url: str | None) -> None:
    try:
        article = make_article(text, doc_id=doc_id, url=url, title=text, source_name=text)
    except InputError as err:
        assert err.code in INPUT_CODES
    else:
        _check_items([article])
        for value in (article.title, article.source_name, article.url):
            assert value is None or value.encode("utf-8")


# --- actor matcher ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def resolver() -> Any:
    from dyad.actors.kb import KnowledgeBase
    from dyad.actors.resolver import ActorResolver

    return ActorResolver(KnowledgeBase.load())


names = st.one_of(
    any_text,
    st.sampled_from(
        ["Russia", "the Kremlin", "Putin", "U.S.", "UN", "NATO", "", " ", "'s"]
    ).flatmap(lambda base: st.tuples(st.just(base), tricky_text).map(lambda t: t[0] + t[1])),
)


@settings(max_examples=500, deadline=None)
@given(text=names)
def test_actor_resolver_never_raises(resolver: Any, text: str) -> None:
    resolver.resolve_name(text)


# --- the whole pipeline on news-like nonsense ---------------------------------------------------
VOCAB = [
    "Russia", "Iran", "the United States", "NATO", "the UN", "Putin", "Mr. Zarif", "Tehran",
    "Kyiv", "the European Union", "Hamas", "the army", "rebels", "police", "protesters",
    "said", "signed", "attacked", "accused", "rejected", "met", "will", "not", "may",
    "denied", "agreed to", "threatened", "an agreement", "talks", "sanctions", "aid",
    "on Monday", "last week", "in 2015", "tomorrow", "next year", "January 32", "the 1990s",
    "yesterday", "on 12/31/1999", "in March", "two days later", "in Geneva", "near Aleppo",
    ".", ".", ",", '"', "'", "(", ")", ";", ":", "\n\n", "-", "'s", "1,000", "$4 billion",
    "U.S.", "e.g.", "...", "!", "?", "\u2014", "\u00e9t\u00e9", "\u0416", "\u4e2d\u56fd", "\U0001f600",
    "according to officials", "who", "which", "and", "or", "but", "if", "would",
]  # fmt: skip
news_like = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.text(max_size=8)), min_size=1, max_size=60
).map(" ".join)


@settings(
    max_examples=int(os.environ.get("RELIABILITY_PIPELINE_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    text=news_like,
    published=st.one_of(
        st.none(),
        st.dates(min_value=__import__("datetime").date(1, 1, 2)),
    ),
)
def test_pipeline_never_crashes_and_offsets_hold(pipeline: Any, text: str, published: Any) -> None:
    from dyad.errors import TimeBudgetError
    from dyad.model import DATE_PRECISIONS, MODALITIES, DocResult

    try:
        article = make_article(text, published=published.isoformat() if published else None)
    except InputError:
        return
    (out,) = list(pipeline.process([article]))
    if isinstance(out, TimeBudgetError):
        return
    assert isinstance(out, DocResult), out
    t = article.text
    for _i, start, end, sent in out.sentences:
        assert t[start:end] == sent
    for m in out.mentions:
        assert t[m.char_start : m.char_end] == m.text, m
    for e in out.events:
        assert t[e.char_start : e.char_end] == e.sentence, e
        assert t[e.trigger_start : e.trigger_end] == e.trigger, e
        assert e.cameo.startswith(e.cameo_root) and e.quad_class in (1, 2, 3, 4)
        assert -10.0 <= e.goldstein <= 10.0 and 0.0 <= e.confidence <= 1.0
        assert e.modality in MODALITIES
        assert e.date_precision is None or e.date_precision in DATE_PRECISIONS
        json.dumps(e.to_json())
