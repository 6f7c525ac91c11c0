"""The analyst brief: every statement cites numbered sources that exist and say it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.analysis.source import load_selection
from dyad.errors import UnsafePathError
from dyad.store.db import Store
from dyad.store.query import make_filter
from test_analysis_series import run
from test_web_fixtures import build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())  # built once per session


CITE = re.compile(r"(?<!\\)\[(\d+)\]")
CLAIM_SECTIONS = ("## Headline", "## Key events", "## Conflicts between sources")


def sections(md: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in md.splitlines():
        if line.startswith("## "):
            current = line
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def test_markdown_brief_cites_every_claim(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    out = run(sample_db, "brief", "--dyad", "RUS", "IRN", "--format", "md", "-o", str(target))
    assert out.exit_code == 0, out.output
    md = target.read_text()
    parts = sections(md)
    sources = {
        int(m.group(1)): line
        for line in parts["## Sources"]
        if (m := re.match(r"\[(\d+)\] ", line))
    }
    assert sources and sorted(sources) == list(range(1, len(sources) + 1))
    claims = [
        line
        for name in CLAIM_SECTIONS
        for line in parts[next(k for k in parts if k.startswith(name))]
        if line.lstrip().startswith("- ")
    ]
    assert len(claims) >= 8
    cited: set[int] = set()
    for line in claims:
        assert re.search(r"(\[\d+\])+\.$", line), f"claim without sources: {line}"
        nums = {int(n) for n in CITE.findall(line)}
        assert nums <= set(sources), line
        cited |= nums
    assert cited == set(sources), "every listed source is cited somewhere"
    # one statement per stored conflict of the clusters the brief covers
    with Store(sample_db, read_only=True) as store:
        sel = load_selection(store, make_filter(dyad=("RUS", "IRN")))
    conflict_claims = [ln for ln in parts["## Conflicts between sources"] if ln.startswith("- ")]
    assert len(conflict_claims) == len(sel.conflicts) > 0
    for line, c in zip(conflict_claims, sel.conflicts, strict=True):
        assert line.startswith(f"- Sources disagree on the {c['field']} of")
    # every cited sentence is a stored sentence of the cited document
    with Store(sample_db, read_only=True) as store:
        stored = {(d, t) for d, t in store.query("SELECT doc_id, text FROM sentences")}
    for line in sources.values():
        m = re.match(r"\[\d+\] .*?, doc `([^`]+)`.*: “(.*)”$", line)
        assert m, line
        sentence = m.group(2).replace("\\", "")
        assert (m.group(1), sentence) in stored, line
    png = tmp_path / "brief-series.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "](brief-series.png)" in md


def test_unique_and_report_counts_differ(sample_db: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "u.md", tmp_path / "r.md"
    assert run(sample_db, "brief", "--dyad", "RUS", "IRN", "-o", str(a)).exit_code == 0
    assert run(sample_db, "brief", "--dyad", "RUS", "IRN", "--reports", "-o", str(b)).exit_code == 0
    head_u = sections(a.read_text())["## Headline"]
    head_r = sections(b.read_text())["## Headline"]
    assert any("distinct events of verbal cooperation" in line for line in head_u)
    assert any("reports of verbal cooperation" in line for line in head_r)


def test_html_brief_escapes_and_links_sources(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "jpn.html"
    out = run(sample_db, "brief", "--actor", "JPN", "--format", "html", "-o", str(target))
    assert out.exit_code == 0, out.output
    html = target.read_text()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html  # the article title, shown as text
    assert "<svg" in html  # the chart, inline
    anchors = set(re.findall(r'href="#src-(\d+)"', html))
    ids = set(re.findall(r'id="src-(\d+)"', html))
    assert anchors and anchors == ids
    claims = re.findall(r'<ul class="claims">(.*?)</ul>', html, flags=re.S)
    items = [li for block in claims for li in re.findall(r"<li>(.*?)(?:</li>|<ul>)", block, re.S)]
    assert items and all(re.search(r'class="cite" href="#src-\d+">\[\d+\]</a>\.$', li.strip())
                         for li in items), items  # fmt: skip
    md = tmp_path / "jpn.md"
    assert run(sample_db, "brief", "--actor", "JPN", "-o", str(md)).exit_code == 0
    assert "<script" not in md.read_text()


def test_brief_refuses_overwrite_and_empty(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    target.write_text("mine")
    out = run(sample_db, "brief", "--actor", "RUS", "-o", str(target))
    assert isinstance(out.exception, UnsafePathError) and target.read_text() == "mine"
    empty = run(sample_db, "brief", "--actor", "BRA", "-o", str(tmp_path / "none.md"))
    assert empty.exit_code == 1 and not (tmp_path / "none.md").exists()
