"""Files written on request: no silent overwrite, no writing a folder, no path traversal.

`dyad events -o`, `dyad extract -o`, `dyad export -o` and `dyad ingest --engine ray --out DIR`
run as real subprocesses; `dyad.output.safe_child` guards names that come from data.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import DYAD, ROOT
from dyad.errors import UnsafePathError
from dyad.output import safe_child

SENTINEL = "precious data that must survive\n"


def dyad(args: list[str], db: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["DYAD_DB"] = str(db)
    return subprocess.run(
        [str(DYAD), *args], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("outputs")
    from dyad.store.db import Store

    with Store(d / "db.duckdb"):
        pass  # an empty, migrated database: enough to exercise every -o rule
    # an input with no article (only quarantined records): extract runs without the model
    (d / "bad.jsonl").write_text('{"id": "q", "text": ""}\n')
    return d


def _refused(out: subprocess.CompletedProcess[str]) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert out.stderr.strip().splitlines()[-1].startswith("error E003:"), out.stderr
    assert "Traceback" not in out.stderr


WRITERS = {
    "events jsonl": ["events", "--format", "jsonl"],
    "events csv": ["events", "--format", "csv"],
    "events table": ["events", "--format", "table"],
    "events parquet": ["events", "--format", "parquet"],
    "export gdelt": ["export", "--format", "gdelt"],
    "export plover": ["export", "--format", "plover"],
    "export parquet": ["export", "--format", "parquet"],
    "extract jsonl": ["extract", "{d}/bad.jsonl", "--format", "jsonl"],
}


@pytest.mark.parametrize("cmd", list(WRITERS.values()), ids=list(WRITERS))
def test_existing_file_needs_force(place: Path, cmd: list[str]) -> None:
    args = [a.format(d=place) for a in cmd]
    target = place / f"existing-{args[0]}-{args[-1]}.out"
    target.write_text(SENTINEL)
    _refused(dyad([*args, "-o", str(target)], place / "db.duckdb"))
    assert target.read_text() == SENTINEL, "refused, yet the file changed"
    ok = dyad([*args, "-o", str(target), "--force"], place / "db.duckdb")
    assert ok.returncode == 0, ok.stderr
    assert target.read_bytes() != SENTINEL.encode()  # --force did overwrite it


@pytest.mark.parametrize("cmd", list(WRITERS.values()), ids=list(WRITERS))
def test_folder_or_missing_parent_is_refused(place: Path, cmd: list[str]) -> None:
    args = [a.format(d=place) for a in cmd]
    folder = place / "a-folder"
    folder.mkdir(exist_ok=True)
    (folder / "keep.txt").write_text(SENTINEL)
    # refused even with --force (which only allows replacing an existing file)
    _refused(dyad([*args, "-o", str(folder), "--force"], place / "db.duckdb"))
    _refused(dyad([*args, "-o", str(place / "no" / "such" / "x.out")], place / "db.duckdb"))
    assert (folder / "keep.txt").read_text() == SENTINEL
    assert not (place / "no").exists()


def test_new_file_is_written(place: Path) -> None:
    target = place / "fresh.jsonl"
    out = dyad(["events", "--format", "jsonl", "-o", str(target)], place / "db.duckdb")
    assert out.returncode == 0, out.stderr
    assert target.is_file() and target.read_text() == ""  # empty database: no events


def test_symlink_to_existing_file_is_not_followed_silently(place: Path) -> None:
    victim = place / "victim.txt"
    victim.write_text(SENTINEL)
    link = place / "link.jsonl"
    if not link.exists():
        link.symlink_to(victim)
    _refused(dyad(["events", "--format", "jsonl", "-o", str(link)], place / "db.duckdb"))
    assert victim.read_text() == SENTINEL


def test_ray_out_refuses_a_file_and_a_foreign_folder(place: Path) -> None:
    src = place / "one.jsonl"
    src.write_text(json.dumps({"id": "r1", "text": "Peru protested to Chile."}) + "\n")
    a_file = place / "shards.txt"
    a_file.write_text(SENTINEL)
    base = ["ingest", "--engine", "ray", str(src), "--out"]
    _refused(dyad([*base, str(a_file)], place / "db.duckdb"))
    assert a_file.read_text() == SENTINEL
    foreign = place / "my-documents"
    foreign.mkdir(exist_ok=True)
    (foreign / "thesis.txt").write_text(SENTINEL)
    _refused(dyad([*base, str(foreign)], place / "db.duckdb"))
    assert (foreign / "thesis.txt").read_text() == SENTINEL
    assert sorted(p.name for p in foreign.iterdir()) == ["thesis.txt"]


@pytest.mark.parametrize(
    "name", ["../x", "..", ".", "", "a/b", "a\\b", "/etc/passwd", "x\0y", "../../etc/cron.d/x"]
)
def test_safe_child_rejects_escaping_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError) as err:
        safe_child(tmp_path, name)
    assert err.value.code == "E003"


@pytest.mark.parametrize("name", ["events.parquet", "c-1a2b.json", "..hidden", "a..b", "é.txt"])
def test_safe_child_accepts_plain_names(tmp_path: Path, name: str) -> None:
    child = safe_child(tmp_path, name)
    assert child.parent == tmp_path.resolve() and child.name == name


def test_safe_child_through_a_symlinked_folder(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    assert safe_child(tmp_path / "alias", "x.json") == (real / "x.json").resolve()
    (real / "escape").symlink_to(tmp_path, target_is_directory=True)
    # a name that is itself a symlink to a folder elsewhere must not be written through
    with pytest.raises(UnsafePathError):
        safe_child(real, "escape")


def test_extract_checks_output_before_doing_the_work(place: Path) -> None:
    src = place / "good.jsonl"
    src.write_text(json.dumps({"id": "g", "text": "Peru protested to Chile."}) + "\n")
    target = place / "taken.jsonl"
    target.write_text(SENTINEL)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["DYAD_MODEL"] = "no_such_spacy_model"  # the work would fail with E201 if attempted
    out = subprocess.run(
        [str(DYAD), "extract", str(src), "-o", str(target)],
        capture_output=True, text=True, env=env, cwd=place, timeout=300,
    )  # fmt: skip
    if not out.stderr.startswith(("error E003:", "error E201:")):
        pytest.fail(f"unexpected failure: {out.stderr[-800:]}")
    assert out.stderr.startswith("error E003:"), out.stderr
    assert target.read_text() == SENTINEL
