"""Readers and normaliser on real files of every supported form, good and bad."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dyad.errors import UnreadablePathError, UnsupportedFormatError
from dyad.ingest.article import make_article
from dyad.ingest.normalize import normalize
from dyad.ingest.readers import iter_inputs
from dyad.model import Article, Quarantined

TEXT = "Turkey and Qatar signed a defence pact in Doha on Monday."


def _split(items: list[Article | Quarantined]) -> tuple[list[Article], list[Quarantined]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Quarantined)
    ]


def test_normalize_quotes_spaces_and_offsets() -> None:
    raw = "The minister said \u201cno\u201d.\r\n\r\n\r\n\tBeijing\u00a0 agreed\u2019s  "
    n = normalize(raw)
    assert n.text == 'The minister said "no".\n\nBeijing agreed\'s'
    # every kept character maps back to the input character it came from
    for i, ch in enumerate(n.text):
        src = raw[n.source_index[i]]
        assert (
            ch == src
            or (ch, src) in {('"', "\u201c"), ('"', "\u201d"), ("'", "\u2019")}
            or (ch in " \n" and src.isspace())
        )


def test_nfc_composes_accents() -> None:
    assert normalize("E\u0301lyse\u0301e").text == "\u00c9lys\u00e9e"


def test_jsonl_good_bad_and_missing_fields(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": TEXT, "source": "Wire", "published": "2016-03-07"}),
        "{not json",
        json.dumps({"id": "nodate", "text": TEXT + " Again.", "published": "last spring"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "typed", "text": ["a list"]}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Kenya recalled its ambassador from Somalia."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = _split(list(iter_inputs([str(f)])))
    assert next(a.doc_id for a in good) == "ok1"
    assert good[0].published is not None and good[0].published.isoformat() == "2016-03-07"
    assert good[1].doc_id.startswith("d-")  # no id: from the content hash
    assert {q.code for q in bad} == {"E106", "E107", "E105"}
    assert sorted(q.origin for q in bad) == [f"{f}:{n}" for n in (2, 3, 4, 5, 6)]
    assert len(good) + len(bad) == len(lines)


def test_txt_html_csv_and_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Talks</title><script>var x=1;</script></head><body>"
        "<nav>Home | World</nav><article><h1>Talks</h1><p>"
        + "Chile and Peru held talks in Lima on Friday about their maritime border. " * 3
        + "</p><p>The two foreign ministers agreed to meet again in March.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        'id,title,source,published,text\nc1,T,Desk,2014-05-02,"Line one, with a comma.\nLine two ""quoted""."\n',
        encoding="utf-8",
    )
    (tmp_path / "latin1.txt").write_bytes(
        "Le ministre fran\xe7ais a visit\xe9 Alger.".encode("latin-1")
    )
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "notes.md").write_text("ignored in a directory")
    good, bad = _split(list(iter_inputs([str(tmp_path)])))
    by_origin = {Path(a.origin.split(":")[0]).name: a for a in good}
    assert set(by_origin) == {"a.txt", "b.html", "c.csv"}
    assert "Lima" in by_origin["b.html"].text and "var x" not in by_origin["b.html"].text
    assert by_origin["c.csv"].text == 'Line one, with a comma.\nLine two "quoted".'
    assert {Path(q.origin).name: q.code for q in bad} == {"latin1.txt": "E103", "bin.txt": "E104"}


def test_utf16_with_bom_is_read_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes(TEXT.encode("utf-16"))
    (item,) = iter_inputs([str(f)])
    assert isinstance(item, Article) and item.text == TEXT
    assert any("UTF-16" in w for w in item.warnings)


def test_stdin_jsonl() -> None:
    data = (json.dumps({"id": "s1", "text": TEXT}) + "\n").encode()
    (item,) = iter_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(item, Article) and item.origin == "<stdin>:1"


def test_unreadable_and_unsupported_paths_fail_before_reading(tmp_path: Path) -> None:
    with pytest.raises(UnreadablePathError):
        list(iter_inputs([str(tmp_path / "missing.jsonl")]))
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(UnsupportedFormatError):
        list(iter_inputs([str(tmp_path / "x.pdf")]))


def test_same_content_same_id_and_limits() -> None:
    a = make_article("  Japan  protested to China.  ")
    b = make_article("Japan protested to China.")
    assert a.doc_id == b.doc_id and a.content_hash == b.content_hash
    from dyad.errors import TooLargeError

    with pytest.raises(TooLargeError):
        make_article("x" * 50, max_chars=10)
