"""Limits: document size (E108), sentence length, and the per-document time budget (E110).

Through the real `dyad ingest` with settings from the environment and from dyad.toml.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from conftest import DYAD, ROOT

SHORT = "Chile and Peru signed a fishing agreement in Lima on Monday."
# ~3,000 characters with no sentence end at all: a table or a list pasted as one line
NO_STOPS = " ".join(
    f"Bolivia and Paraguay discussed river trade and border posts in session {i}, and"
    for i in range(40)
)


def dyad(
    args: list[str], db: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    base["DYAD_DB"] = str(db)
    return subprocess.run(
        [str(DYAD), *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=ROOT,
        timeout=600,
    )


def _count(stdout: str, what: str) -> int:
    m = re.search(rf"{what}: (\d+)", stdout)
    assert m, stdout
    return int(m.group(1))


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_max_doc_chars_from_env_and_toml(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "small.txt").write_text(SHORT)  # 61 characters
    (inputs / "over.txt").write_text(SHORT + " " + SHORT[::-1] * 4)  # ~300 characters
    (inputs / "big.txt").write_text("Peru protested. " * 400)  # 6,400 bytes: not even read
    (inputs / "r.jsonl").write_text(
        json.dumps({"id": "ok", "text": "Kenya recalled its envoy from Uganda."})
        + "\n"
        + json.dumps({"id": "long", "text": "Ghana protested to Togo. " * 20})
        + "\n"
    )
    toml = tmp_path / "dyad.toml"
    toml.write_text("max_doc_chars = 200\n")
    for label, args, env in (
        ("env", ["ingest", str(inputs)], {"DYAD_MAX_DOC_CHARS": "200"}),
        ("toml", ["--config", str(toml), "ingest", str(inputs)], {}),
    ):
        db = tmp_path / f"{label}.duckdb"
        out = dyad(args, db, env)
        assert out.returncode == 0, out.stderr[-2000:]
        assert _count(out.stdout, "quarantined") == 3, out.stdout
        rows = _rows(db, "SELECT origin, code, reason FROM quarantine ORDER BY origin")
        assert {Path(o.split(":")[0]).name for o, _c, _r in rows} == {
            "over.txt",
            "big.txt",
            "r.jsonl",
        }
        assert {c for _o, c, _r in rows} == {"E108"}
        for _o, _c, reason in rows:
            assert "limit 200" in reason or "(200 characters)" in reason, reason
        stored = _rows(db, "SELECT doc_id FROM articles ORDER BY doc_id")
        assert len(stored) == 2 and ("ok",) in stored


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DYAD_MAX_DOC_CHARS", "lots"),
        ("DYAD_MAX_SENTENCE_CHARS", "1.5k"),
        ("DYAD_DOC_TIME_BUDGET_S", "soon"),
    ],
)
def test_unusable_limit_values_are_config_errors(tmp_path: Path, name: str, value: str) -> None:
    (tmp_path / "a.txt").write_text(SHORT)
    out = dyad(["ingest", str(tmp_path / "a.txt")], tmp_path / "x.duckdb", {name: value})
    assert out.returncode == 2
    assert out.stderr.startswith("error E001:") and name[5:].lower() in out.stderr, out.stderr
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DYAD_MAX_DOC_CHARS", "0"),
        ("DYAD_MAX_SENTENCE_CHARS", "-5"),
        ("DYAD_DOC_TIME_BUDGET_S", "-1"),
    ],
)
def test_nonsense_limits_are_config_errors(tmp_path: Path, name: str, value: str) -> None:
    out = dyad(["events"], tmp_path / "x.duckdb", {name: value})
    if "Traceback" in out.stderr:
        pytest.fail(f"crashed: {out.stderr[-800:]}")
    assert out.returncode == 2 and out.stderr.startswith("error E001:"), out.stderr


def test_long_sentences_are_split_by_max_sentence_chars(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(
        json.dumps({"id": "nostop", "text": NO_STOPS})
        + "\n"
        + json.dumps({"id": "normal", "text": SHORT})
        + "\n"
    )
    for limit in (None, 400):
        db = tmp_path / f"s-{limit}.duckdb"
        env = {"DYAD_MAX_SENTENCE_CHARS": str(limit)} if limit else {}
        out = dyad(["ingest", str(src)], db, env)
        assert out.returncode == 0, out.stderr[-2000:]
        assert _count(out.stdout, "quarantined") == 0
        cap = limit or 2_000
        rows = _rows(db, "SELECT char_start, char_end, text FROM sentences WHERE doc_id = 'nostop'")
        lengths = [e - s for s, e, _t in rows]
        # a sentence may end one token past the limit
        assert max(lengths) <= cap + 20, (cap, lengths)
        assert len(rows) >= len(NO_STOPS) // (cap + 20), (cap, lengths)
        # the pieces still cover the text: nothing dropped
        assert sum(len(t) for _s, _e, t in rows) >= len(NO_STOPS) - len(rows) * 2
        assert _rows(db, "SELECT count(*) FROM sentences WHERE doc_id = 'normal'") == [(1,)]


def test_time_budget_quarantines_e110_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "t.jsonl"
    docs = [
        {"id": f"t{i}", "text": f"{SHORT} Talks resume on day {i} in Santiago."} for i in range(5)
    ]
    src.write_text("".join(json.dumps(d) + "\n" for d in docs) + "{broken\n")
    db = tmp_path / "t.duckdb"
    out = dyad(["ingest", str(src)], db, {"DYAD_DOC_TIME_BUDGET_S": "0"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert _count(out.stdout, "inputs") == 6
    assert _count(out.stdout, "quarantined") == 6
    assert "stored: 0 new articles" in out.stdout
    rows = _rows(db, "SELECT origin, code, reason FROM quarantine ORDER BY origin")
    assert sorted(c for _o, c, _r in rows) == ["E106"] + ["E110"] * 5
    assert all("budget" in r for _o, c, r in rows if c == "E110")
    assert _rows(db, "SELECT count(*) FROM articles") == [(0,)]
    # nothing lost: with the normal budget the same input is stored in full
    again = dyad(["ingest", str(src)], db)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "stored: 5 new articles" in again.stdout
    assert _rows(db, "SELECT count(*) FROM articles") == [(5,)]
