"""The `dyad` command as a subprocess, on real sample articles and a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import SAMPLES, run_dyad

ARTICLES = [
    {
        "id": "cli-1",
        "source": "Harbour Post",
        "published": "2015-03-12",
        "title": "Talks",
        "text": "Japanese Prime Minister Shinzo Abe visited Beijing on Tuesday. Chinese Foreign "
        "Minister Wang Yi accused Japan of provoking tension in the East China Sea.",
    },
    {
        "id": "cli-2",
        "source": "Nile Courier",
        "published": "2014-06-02",
        "title": "Aid",
        "text": "Egypt and Sudan signed a water agreement in Khartoum last week. "
        "The European Union pledged humanitarian aid to Sudan.",
    },
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES) + "{broken\n")
    path = folder / "t.duckdb"
    out = run_dyad(["ingest", str(src)], db=path)
    assert out.returncode == 0, out.stderr
    assert "stored: 2 new articles" in out.stdout
    assert "quarantined: 1" in out.stdout
    return path


def test_version_and_help() -> None:
    out = run_dyad(["--version"])
    assert out.returncode == 0 and out.stdout.startswith("dyad ")
    for cmd in ("ingest", "events", "extract", "conflicts", "clusters", "actor", "eval", "load"):
        h = run_dyad([cmd, "--help"])
        assert h.returncode == 0 and "Usage" in h.stdout, cmd


def test_reingest_adds_nothing(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "again.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    before = run_dyad(["events", "--format", "jsonl"], db=db).stdout
    out = run_dyad(["ingest", str(src)], db=db)
    assert out.returncode == 0
    assert "stored: 0 new articles" in out.stdout and "unchanged: 2" in out.stdout
    assert run_dyad(["events", "--format", "jsonl"], db=db).stdout == before


def test_events_formats_round_trip(db: Path, tmp_path: Path) -> None:
    out = run_dyad(["events", "--format", "jsonl"], db=db)
    assert out.returncode == 0
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events, "the sample sentences must yield events"
    required = {
        "event_id", "doc_id", "source_name", "published", "sentence", "sentence_index",
        "char_start", "char_end", "trigger", "source", "target", "cameo", "cameo_root", "plover",
        "quad_class", "goldstein", "date", "date_precision", "date_text", "location", "modality",
        "attribution", "confidence", "cluster_id",
    }  # fmt: skip
    for e in events:
        assert required <= set(e)
        text = next(a["text"] for a in ARTICLES if a["id"] == e["doc_id"])
        assert text[e["char_start"] : e["char_end"]] == e["sentence"]
        assert text[e["trigger_start"] : e["trigger_end"]] == e["trigger"]
    # CSV: same events, same ids, same codes
    c = run_dyad(["events", "--format", "csv"], db=db)
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    assert [r["cameo"] for r in rows] == [e["cameo"] for e in events]
    # Parquet to a file, then refuse to overwrite it
    target = tmp_path / "ev.parquet"
    p = run_dyad(["events", "--format", "parquet", "-o", str(target)], db=db)
    assert p.returncode == 0, p.stderr
    table = pq.read_table(target).to_pylist()
    assert [r["event_id"] for r in table] == [e["event_id"] for e in events]
    again = run_dyad(["events", "--format", "parquet", "-o", str(target)], db=db)
    assert again.returncode == 2 and "E003" in again.stderr
    # table for people
    t = run_dyad(["events", "--format", "table"], db=db)
    assert t.returncode == 0 and "events" in t.stdout


def test_filters(db: Path) -> None:
    def ids(*args: str) -> set[str]:
        out = run_dyad(["events", "--format", "jsonl", *args], db=db)
        assert out.returncode == 0, out.stderr
        return {json.loads(x)["doc_id"] for x in out.stdout.splitlines()}

    assert ids("--source", "nile") <= {"cli-2"}
    assert ids("--until", "2014") <= {"cli-2"}
    assert ids("--since", "2015-01") <= {"cli-1"}
    assert "cli-1" in ids("--actor", "CHN")


def test_quarantine_lists_the_broken_line(db: Path) -> None:
    out = run_dyad(["quarantine", "--format", "jsonl"], db=db)
    (row,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert row["code"] == "E106" and row["origin"].endswith("in.jsonl:3")


def test_bad_usage_exits_2_without_traceback(tmp_path: Path) -> None:
    out = run_dyad(["ingest", str(tmp_path / "nope.jsonl")], db=tmp_path / "x.duckdb")
    assert out.returncode == 2
    assert "E101" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "x.duckdb").exists()
    bad_date = run_dyad(["events", "--since", "soon"], db=tmp_path / "x.duckdb")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr
    dbg = run_dyad(["--debug", "ingest", str(tmp_path / "nope.jsonl")])
    assert dbg.returncode == 2 and "Traceback" in dbg.stderr


def test_extract_without_database(tmp_path: Path) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(ARTICLES[1]) + "\n")
    out = run_dyad(["extract", str(src), "--format", "jsonl"], cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    events = [json.loads(x) for x in out.stdout.splitlines()]
    assert events and all(e["cluster_id"] is None for e in events)
    assert not (tmp_path / "dyad.duckdb").exists()


def test_stdin_ingest(tmp_path: Path) -> None:
    data = json.dumps(ARTICLES[0]) + "\n"
    out = run_dyad(["ingest", "-"], db=tmp_path / "s.duckdb", stdin=data.encode())
    assert out.returncode == 0, out.stderr
    assert "stored: 1 new articles" in out.stdout


def test_samples_corpus_ingests(tmp_path: Path) -> None:
    db = tmp_path / "samples.duckdb"
    out = run_dyad(["ingest", str(SAMPLES / "news.jsonl"), str(SAMPLES / "extra")], db=db)
    assert out.returncode == 0, out.stderr
    assert "quarantined: 0" in out.stdout
    summary = run_dyad(["summary"], db=db)
    assert summary.returncode == 0
    n_articles = sum(1 for _ in (SAMPLES / "news.jsonl").open()) + 3  # + 2 CSV + 1 HTML
    assert f"articles: {n_articles}" in summary.stdout


def test_user_actor_file_named_in_dyad_toml(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "people:\n  - name: Ana Kovach\n    country: SRB\n    gender: f\n    offices:\n"
        "      - {role: foreign_minister, title: Minister of Foreign Affairs,"
        " start: 2019-03-01, end: null}\n"
    )
    (tmp_path / "dyad.toml").write_text('user_actors = "mine.yaml"\n')
    out = run_dyad(["actor", "Ana Kovach", "--date", "2020-05-01"], cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "SRB" in out.stdout
    src = tmp_path / "a.jsonl"
    text = "Serbian Foreign Minister Ana Kovach visited Budapest on Monday."
    src.write_text(json.dumps({"id": "u1", "text": text, "published": "2020-05-06"}) + "\n")
    ext = run_dyad(["extract", str(src), "--format", "jsonl"], cwd=tmp_path)
    assert ext.returncode == 0, ext.stderr
    sources = [json.loads(x)["source"] for x in ext.stdout.splitlines()]
    assert any(s and s.get("person") == "Ana Kovach" and s.get("country") == "SRB" for s in sources)
    (tmp_path / "dyad.toml").write_text('user_actors = "missing.yaml"\n')
    bad = run_dyad(["actor", "Ana Kovach"], cwd=tmp_path)
    assert bad.returncode == 2 and "E202" in bad.stderr
