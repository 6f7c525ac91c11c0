"""Schema migrations: numbered, transactional, and correct from every earlier version."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad.errors import MigrationError, StoreError, StoreLockedError
from dyad.store.db import LATEST_VERSION, Store, migrations


def _tables(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    finally:
        con.close()


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("start", range(LATEST_VERSION + 1))
def test_upgrade_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    db = tmp_path / "x.duckdb"
    with Store(db, read_only=False) as s:
        pass  # fresh: at the latest version
    fresh = _tables(db)
    db.unlink()
    with Store.__new__(Store) as s:  # open without migrating, then migrate step by step
        s.path, s.read_only = db, False
        s.con = duckdb.connect(str(db))
        s.migrate(target=start)
        assert s.version() == start
    with Store(db) as s:
        assert s.version() == LATEST_VERSION
    assert _tables(db) == fresh


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.duckdb"
    good = migrations()
    broken = [*good, (LATEST_VERSION + 1, "999_broken.sql", "CREATE TABLE t1 (a INT); SELEC oops;")]
    monkeypatch.setattr("dyad.store.db.migrations", lambda: broken)
    with pytest.raises(MigrationError), Store(db):
        pass
    monkeypatch.setattr("dyad.store.db.migrations", lambda: good)
    with Store(db) as s:
        assert s.version() == LATEST_VERSION
    assert "t1" not in _tables(db)  # the half-applied migration left nothing behind


def test_read_only_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_second_writer_gets_a_named_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "x.duckdb"
    with Store(db):
        code = (
            "import sys\nfrom pathlib import Path\nfrom dyad.store.db import Store\n"
            "from dyad.errors import StoreLockedError\n"
            f"try:\n    Store(Path({str(db)!r}))\nexcept StoreLockedError as e:\n"
            "    print(e.code)\n    sys.exit(0)\nsys.exit(1)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == StoreLockedError.code
