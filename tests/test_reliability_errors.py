"""Every user-facing failure is a named dyad error: a short code, one line, no traceback.

Runs the real `dyad` command on a table of bad invocations; `--debug` adds the traceback. The
README's error table must list every error that can surface (leaf classes of
dyad.errors.DyadError, and any class raised directly in the source).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from conftest import DYAD, ROOT
from dyad import errors

LINE = re.compile(r"^error (E\d{3}): \S.*$")


def dyad(
    args: list[str], db: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    base["DYAD_DB"] = str(db)
    return subprocess.run(
        [str(DYAD), *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd or ROOT,
        timeout=300,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("errors")
    (d / "one.jsonl").write_text('{"id": "e1", "text": "Peru protested to Chile."}\n')
    (d / "report.pdf").write_bytes(b"%PDF-1.4 not a text document")
    (d / "broken.toml").write_text("batch_size = [unclosed\n")
    (d / "unknown.toml").write_text("batch_sise = 8\n")
    (d / "badtype.toml").write_text('batch_size = "many"\n')
    (d / "garbage.duckdb").write_bytes(b"this is not a database file at all" * 200)
    from dyad.store.db import Store

    with Store(d / "empty.duckdb"):
        pass  # a real, empty, migrated database
    return d


# (name, args, extra env, database file name, expected code, expected exit code)
CASES: list[tuple[str, list[str], dict[str, str], str, str, int]] = [
    ("missing input file", ["ingest", "{d}/nope.jsonl"], {}, "new.duckdb", "E101", 2),
    ("unsupported file type", ["ingest", "{d}/report.pdf"], {}, "new.duckdb", "E102", 2),
    ("bad --since", ["events", "--since", "soon"], {}, "empty.duckdb", "E002", 2),
    ("bad --until", ["events", "--until", "2015-13"], {}, "empty.duckdb", "E002", 2),
    ("unknown --format", ["events", "--format", "xml"], {}, "empty.duckdb", "E002", 2),
    ("broken dyad.toml", ["--config", "{d}/broken.toml", "events"], {}, "empty.duckdb", "E001", 2),
    ("unknown setting", ["--config", "{d}/unknown.toml", "events"], {}, "empty.duckdb", "E001", 2),
    ("bad setting type", ["--config", "{d}/badtype.toml", "events"], {}, "empty.duckdb", "E001", 2),
    ("missing --config", ["--config", "{d}/none.toml", "events"], {}, "empty.duckdb", "E001", 2),
    ("bad DYAD_ value", ["events"], {"DYAD_BATCH_SIZE": "abc"}, "empty.duckdb", "E001", 2),
    ("zero batch size", ["events"], {"DYAD_COMMIT_EVERY": "0"}, "empty.duckdb", "E001", 2),
    ("events on missing DB", ["events"], {}, "missing.duckdb", "E301", 2),
    ("not a database", ["events"], {}, "garbage.duckdb", "E301", 2),
    ("ingest into non-DB", ["ingest", "{d}/one.jsonl"], {}, "garbage.duckdb", "E301", 2),
    ("eval without gold", ["eval", "{d}/gold-missing.jsonl"], {}, "empty.duckdb", "E002", 2),
    ("unknown engine", ["ingest", "--engine", "spark", "{d}/one.jsonl"], {}, "x.duckdb", "E002", 2),
    ("ray without --out", ["ingest", "--engine", "ray", "{d}/one.jsonl"], {}, "x.duckdb", "E002", 2),
    ("load a non-folder", ["load", "{d}/one.jsonl"], {}, "empty.duckdb", "E002", 2),
    ("export bad format", ["export", "--format", "x", "-o", "{d}/x.out"], {}, "empty.duckdb", "E002", 2),
    ("parquet to stdout", ["events", "--format", "parquet"], {}, "empty.duckdb", "E002", 2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "env", "db_name", "code", "exit_code"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_bad_invocation_is_one_named_line(
    folder: Path, args: list[str], env: dict[str, str], db_name: str, code: str, exit_code: int
) -> None:
    out = dyad([a.format(d=folder) for a in args], folder / db_name, env)
    assert "Traceback" not in out.stderr, out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert lines, f"no message on stderr (exit {out.returncode})"
    m = LINE.match(lines[-1])
    assert m, f"not a named one-line error: {out.stderr!r}"
    assert m.group(1) == code, out.stderr
    assert out.returncode == exit_code, out.stderr
    assert len(lines) == 1, out.stderr  # one line, nothing else


def test_store_locked_by_another_process(folder: Path) -> None:
    db = folder / "locked.duckdb"
    from dyad.store.db import Store

    with Store(db):
        pass
    holder = duckdb.connect(str(db))  # this process holds the writer's lock
    try:
        for args in (["ingest", str(folder / "one.jsonl")], ["events"]):
            out = dyad(args, db)
            assert out.returncode == 2, out.stderr
            assert "Traceback" not in out.stderr
            assert LINE.match(out.stderr.strip()), out.stderr
            assert out.stderr.startswith("error E303:"), out.stderr
    finally:
        holder.close()
    # released: the same command works again
    assert dyad(["events", "--format", "jsonl"], db).returncode == 0


def test_debug_shows_the_traceback(folder: Path) -> None:
    for args in (
        ["--debug", "ingest", str(folder / "nope.jsonl")],
        ["--debug", "--config", str(folder / "broken.toml"), "events"],
    ):
        out = dyad(args, folder / "empty.duckdb")
        assert out.returncode == 2
        assert "Traceback (most recent call last)" in out.stderr
        assert out.stderr.strip().splitlines()[-1].startswith("error E")


# --- the README's error table ------------------------------------------------------------------
def _error_classes() -> dict[str, type[errors.DyadError]]:
    return {
        name: cls
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.DyadError)
    }


def _raised_directly() -> set[str]:
    """Names of dyad error classes that appear in a `raise` statement anywhere in src/dyad."""
    names: set[str] = set()
    for path in (ROOT / "src" / "dyad").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                if isinstance(func, ast.Name):
                    names.add(func.id)
                elif isinstance(func, ast.Attribute):
                    names.add(func.attr)
    return names


def _readme_table() -> dict[str, str]:
    rows = re.findall(r"^\|\s*(E\d{3})\s*\|\s*(\w+)\s*\|", (ROOT / "README.md").read_text(), re.M)
    return dict(rows)


def test_error_codes_are_unique_and_each_class_has_its_own() -> None:
    classes = _error_classes()
    codes = [cls.__dict__.get("code") for cls in classes.values()]
    assert None not in codes, [n for n, c in classes.items() if "code" not in c.__dict__]
    assert len(codes) == len(set(codes)), codes


def test_readme_rows_name_real_errors() -> None:
    classes = _error_classes()
    for code, name in _readme_table().items():
        assert name in classes, f"README lists {code} {name}, which errors.py does not define"
        assert classes[name].code == code, f"README says {name} is {code}"


def test_readme_lists_every_error_that_can_surface() -> None:
    classes = _error_classes()
    parents = {base for cls in classes.values() for base in cls.__mro__[1:]}
    raised = _raised_directly()
    surfacing = {
        cls.code: name for name, cls in classes.items() if cls not in parents or name in raised
    }
    missing = {code: name for code, name in surfacing.items() if code not in _readme_table()}
    assert not missing, f"README error table lacks {missing}"


def test_cli_start_up_does_not_import_spacy() -> None:
    code = "import sys, dyad.cli; sys.exit('spacy' in sys.modules)"
    out = subprocess.run(
        [str(DYAD.with_name("python")), "-c", code],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert out.returncode == 0, "importing dyad.cli imported spaCy"


CLICK_CASES = {
    "unknown command": ["no-such-command"],
    "missing argument": ["ingest"],
    "not an integer": ["events", "--limit", "many"],
    "unknown option": ["events", "--colour", "red"],
}


@pytest.mark.parametrize("args", list(CLICK_CASES.values()), ids=list(CLICK_CASES))
def test_click_usage_errors_are_named_one_liners(folder: Path, args: list[str]) -> None:
    out = dyad(args, folder / "empty.duckdb")
    if "Traceback" in out.stderr and "typer._click.exceptions" not in out.stderr:
        pytest.fail(f"another crash: {out.stderr[-800:]}")
    assert "Traceback" not in out.stderr, out.stderr[-600:]
    assert out.returncode == 2
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error E002: "), out.stderr


def test_eval_floor_not_met_exits_1(folder: Path) -> None:
    gold = folder / "tiny-gold.jsonl"
    gold.write_text(
        json.dumps({"id": "g1", "text": "Chile accused Peru of spying.", "plover": "ACCUSE",
                    "source": "CHL", "target": "PER", "quad_class": 3}) + "\n"
    )  # fmt: skip
    out = dyad(["eval", str(gold), "--min-f1", "1.01"], folder / "empty.duckdb")
    if "Traceback" in out.stderr or "floor not met" not in out.stdout:
        pytest.fail(f"eval did not run to its report: {out.stderr[-800:]}")
    assert out.returncode == 1
