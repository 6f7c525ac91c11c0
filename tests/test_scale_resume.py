"""An ingest killed with SIGKILL after a committed checkpoint resumes with no gaps or duplicates.

`dyad ingest` runs as a subprocess with a checkpoint every 2 articles. It is killed once its
database's write-ahead log has grown by more than a couple of articles' worth (DuckDB writes
the log at commit, and another process cannot open the locked database to look at
`runs.position`), then run again; the resumed database must equal that of a run that was
never interrupted, row for row.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "news.jsonl"
DYAD = Path(sys.executable).with_name("dyad")
WAL_GROWTH = 40_000  # bytes: more than the run and migration records, about two articles


def _corpus(path: Path) -> Path:
    """Every sample article twice, with its paragraphs rotated (so the texts differ)."""
    records = [json.loads(line) for line in SAMPLES.read_text("utf-8").splitlines() if line]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(2):
            for rec in records:
                paragraphs = rec["text"].split("\n\n")
                k_rot = k % len(paragraphs)
                text = "\n\n".join(paragraphs[k_rot:] + paragraphs[:k_rot])
                if k and text == rec["text"]:
                    text += "\n\nThe report was updated."
                fh.write(json.dumps({**rec, "id": f"{rec['id']}-v{k}", "text": text}) + "\n")
    return path


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["DYAD_DB"] = str(db)
    env["DYAD_COMMIT_EVERY"] = "2"
    return env


def _ingest(db: Path, corpus: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DYAD), "ingest", str(corpus)],
        env=_env(db),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def wait_for_wal_growth(proc: subprocess.Popen[Any], wal: Path, seconds: float) -> None:
    """Return once the write-ahead log has grown by `WAL_GROWTH` past its first size (the
    schema and the run record): batches are being committed, and most are still to come.
    Also returns when the process ends or `seconds` pass."""
    deadline = time.monotonic() + seconds
    first_size: int | None = None
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists():
            size = wal.stat().st_size
            first_size = size if first_size is None else first_size
            if size - first_size > WAL_GROWTH:
                return
        time.sleep(0.02)


def _contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "articles": "SELECT doc_id, content_hash, title, source_name, url, published, origin,"
        " text, warnings FROM articles",
        "sentences": "SELECT * FROM sentences",
        "mentions": "SELECT * FROM mentions",
        "events": "SELECT * FROM events",
        "quarantine": "SELECT origin, code, reason, raw FROM quarantine",
        "clusters": "SELECT * FROM clusters",
        "conflicts": "SELECT * FROM conflicts",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(q).fetchall(), key=repr) for t, q in queries.items()}
    finally:
        con.close()


@pytest.mark.skipif(not DYAD.exists(), reason=f"{DYAD} is not installed (run `make install`)")
def test_sigkill_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl")

    whole = tmp_path / "whole.duckdb"
    done = _ingest(whole, corpus)
    assert done.returncode == 0, done.stderr
    expected = _contents(whole)
    n_articles = len(expected["articles"])
    assert n_articles > 20 and expected["events"]

    killed = tmp_path / "killed.duckdb"
    wal = Path(str(killed) + ".wal")
    proc = subprocess.Popen(
        [str(DYAD), "ingest", str(corpus)],
        env=_env(killed),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        wait_for_wal_growth(proc, wal, seconds=120)
        assert proc.poll() is None, "the ingest finished before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    partial = _contents(killed)
    assert 0 < len(partial["articles"]) < n_articles, "killed after a checkpoint, before the end"

    resumed = _ingest(killed, corpus)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed after" in resumed.stdout
    assert _contents(killed) == expected

    # and a third run adds nothing
    again = _ingest(killed, corpus)
    assert again.returncode == 0, again.stderr
    assert _contents(killed) == expected
