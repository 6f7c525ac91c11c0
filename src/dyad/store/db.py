"""The embedded DuckDB store: one file, numbered migrations, one writer.

Every article is written with its sentences, mentions and events in one transaction, so a
crash leaves either the whole article or none of it. Writes are idempotent by doc_id and
content hash: re-ingesting the same text adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from dyad.errors import MigrationError, StoreError, StoreLockedError
from dyad.model import DocResult, Event, Quarantined


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    folder = resources.files("dyad") / "store" / "migrations"
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text("utf-8")))
    return sorted(out)


LATEST_VERSION = 5


def _event_row(e: Event, blocking_key: str | None) -> tuple[Any, ...]:
    src = e.source or {}
    tgt = e.target or {}
    return (
        e.event_id,
        e.doc_id,
        e.source_name,
        e.published,
        e.sentence_index,
        e.cameo,
        e.cameo_root,
        e.plover,
        e.quad_class,
        e.goldstein,
        src.get("code"),
        src.get("country"),
        tgt.get("code"),
        tgt.get("country"),
        e.date,
        e.date_precision,
        e.date_start,
        e.date_end,
        e.modality,
        e.confidence,
        e.cluster_id,
        blocking_key,
        json.dumps(e.to_json(), ensure_ascii=False),
    )


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """`table` queryable as `name` for the statements in the block.

    When a statement fails or is interrupted (Ctrl-C inside DuckDB), the transaction is
    aborted and DuckDB refuses even to unregister until it is rolled back: the view is then
    left for the connection to drop, so the original error is the one that reaches the user.
    """
    con.register(name, table)
    yield
    con.unregister(name)


def block_patterns(key: str) -> list[str]:
    """A blocking key and the one-"*" patterns of `candidate_keys` that match it."""
    parts = key.split("|")
    if len(parts) != 3:
        return [key]
    return [key, f"*|{parts[1]}|{parts[2]}", f"{parts[0]}|*|{parts[2]}"]


def iso_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def event_from_json(text: str) -> Event:
    # orjson reads an event about 2.5 times faster than json, and linking reads thousands of
    # stored events per batch; it refuses the NaN and Infinity that json.dumps may write
    try:
        fields = orjson.loads(text)
    except orjson.JSONDecodeError:
        fields = json.loads(text)
    return Event(**fields)


@dataclass(slots=True)
class StoredEvent:
    """A stored event by its ids and JSON, parsed on first `load` (then kept)."""

    event_id: str
    cluster_id: str | None
    published: str | None
    text: str | None
    event: Event | None = None

    def load(self) -> Event:
        """The event (its JSON must have been read: `Store.fetch_events`)."""
        if self.event is None:
            if self.text is None:
                raise StoreError(f"{self.event_id}: read with Store.fetch_events before load")
            self.event = event_from_json(self.text)
            self.text = None  # the parsed event replaces its JSON
        return self.event

    @classmethod
    def of(cls, event: Event) -> StoredEvent:
        return cls(event.event_id, event.cluster_id, event.published, None, event)


class Store:
    """A DuckDB file opened for reading or as the single writer."""

    def __init__(
        self, path: Path, read_only: bool = False, memory_limit: str | None = None
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._block_limit: int | None = None  # `block_limit`, read once
        if read_only and not path.exists():
            raise StoreError(f"{path}: no database here yet (run `dyad ingest` first)")
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            config: dict[str, str | bool | int | float | list[str]] = (
                {"memory_limit": memory_limit} if memory_limit else {}
            )
            self.con = duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(f"{path}: another dyad process is writing to it") from exc
            raise StoreError(f"{path}: cannot open ({exc})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path}: not a dyad database ({exc})") from exc
        if not read_only:
            self.migrate()
        elif self.version() < LATEST_VERSION:
            raise StoreError(f"{path}: schema version {self.version()} is old; run `dyad ingest`")

    # --- lifecycle ---------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            self._block_limit = None  # a rebuild inside it was undone
            raise
        self.con.execute("COMMIT")

    def registered(self, name: str, table: pa.Table) -> AbstractContextManager[None]:
        """`table` queryable as `name` on this store's connection (see `registered`)."""
        return registered(self.con, name, table)

    # --- schema ------------------------------------------------------------------------
    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self, target: int | None = None) -> int:
        """Apply every missing migration, each in its own transaction."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.version()
        for version, name, sql in migrations():
            if version <= current or (target is not None and version > target):
                continue
            try:
                with self.transaction():
                    self.con.execute(sql)
                    self.con.execute(
                        "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                        [version, name],
                    )
            except duckdb.Error as exc:
                raise MigrationError(f"migration {name} failed: {exc}") from exc
            current = version
        return current

    # --- writing -----------------------------------------------------------------------
    def known_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each document of `doc_ids` stored (one query)."""
        rows = self._where_in("articles", "doc_id", doc_ids, "doc_id, content_hash")
        return {str(doc_id): str(digest) for doc_id, digest in rows}

    def stored_contents(self, content_hashes: Sequence[str]) -> set[str]:
        """The hashes among `content_hashes` that some stored article has."""
        rows = self._where_in("articles", "content_hash", content_hashes, "content_hash")
        return {str(r[0]) for r in rows}

    def write_document(self, result: DocResult, run_id: str | None, keys: dict[str, str]) -> None:
        """Insert one article with everything found in it (call inside a transaction)."""
        a = result.article
        self.con.execute(
            "INSERT INTO articles (doc_id, content_hash, title, source_name, url, published,"
            " origin, text, warnings, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                a.doc_id,
                a.content_hash,
                a.title,
                a.source_name,
                a.url,
                a.published,
                a.origin,
                a.text,
                json.dumps([*a.warnings, *result.warnings]),
                run_id,
            ],
        )
        if result.sentences:
            self.con.executemany(
                "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                [(a.doc_id, i, s, e, t) for i, s, e, t in result.sentences],
            )
        if result.mentions:
            self.con.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.doc_id,
                        m.sentence_index,
                        m.char_start,
                        m.char_end,
                        m.text,
                        m.actor.code,
                        m.actor.name,
                        m.actor.type,
                        m.actor.country,
                        m.actor.sector,
                        m.actor.person,
                        m.method,
                        m.score,
                        m.evidence,
                    )
                    for m in result.mentions
                ],
            )
        if result.events:
            self.con.executemany(
                "INSERT INTO events VALUES (" + ", ".join("?" * 23) + ")",
                [_event_row(e, keys.get(e.event_id)) for e in result.events],
            )

    def quarantine(self, items: Iterable[Quarantined], run_id: str | None) -> int:
        """Store quarantined records once each (same origin, reason and content: same row)."""
        added = 0
        for q in items:
            qid = hashlib.sha256(f"{q.origin}\0{q.code}\0{q.reason}\0{q.raw}".encode()).hexdigest()
            row = self.con.execute(
                "SELECT 1 FROM quarantine WHERE quarantine_id = ?", [qid[:32]]
            ).fetchone()
            if row:
                continue
            self.con.execute(
                "INSERT INTO quarantine (quarantine_id, origin, code, reason, raw, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [qid[:32], q.origin, q.code, q.reason, q.raw, run_id],
            )
            added += 1
        return added

    # --- runs (resume) -----------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> tuple[str, int]:
        """The unfinished run over the same inputs (to resume) or a new one; (run_id, position)."""
        key = json.dumps(list(inputs))
        row = self.con.execute(
            "SELECT run_id, position FROM runs WHERE inputs = ? AND finished_at IS NULL"
            " ORDER BY started_at DESC LIMIT 1",
            [key],
        ).fetchone()
        if row:
            return str(row[0]), int(row[1])
        run_id = (
            "r-" + hashlib.sha1(f"{key}{dt.datetime.now().isoformat()}".encode()).hexdigest()[:12]
        )
        self.con.execute("INSERT INTO runs (run_id, inputs) VALUES (?, ?)", [run_id, key])
        return run_id, 0

    def checkpoint(self, run_id: str, position: int, articles: int, quarantined: int) -> None:
        self.con.execute(
            "UPDATE runs SET position = ?, articles = articles + ?, quarantined = quarantined + ?"
            " WHERE run_id = ?",
            [position, articles, quarantined, run_id],
        )

    def finish_run(self, run_id: str) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = current_timestamp WHERE run_id = ?", [run_id]
        )

    # --- reading -----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "sentences", "mentions", "events", "quarantine", "clusters"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(*) FROM conflicts").fetchone()
        out["conflicts"] = int(row[0]) if row else 0
        return out

    def events_by_block(self, key: str, limit: int | None = None) -> list[Event]:
        """Stored events of one blocking key, the most recently published first.

        "*" in a key stands for any one actor code. `limit` keeps the newest events only, so
        linking costs the same however large a block grows.
        """
        found = self.events_by_blocks([key], limit)[key]
        self.fetch_events(found)
        return [s.load() for s in found]

    def events_by_blocks(
        self, keys: Sequence[str], limit: int | None = None
    ) -> dict[str, list[StoredEvent]]:
        """`events_by_block` for many keys and patterns in one query, unparsed
        (`StoredEvent.load` parses one).

        Read from `block_recent`, which holds the newest events of every key and pattern
        (`add_to_blocks`), so the cost does not grow with the blocks; a limit above what it
        keeps makes it keep more first (`ensure_block_limit`).
        """
        out: dict[str, list[StoredEvent]] = {k: [] for k in keys}
        if not out:
            return out
        self.ensure_block_limit(limit if limit is not None else self._count_events())
        wanted = pa.table({"pattern": pa.array(list(out), pa.string())})
        with self.registered("_dyad_wanted", wanted):
            ranked = self.con.execute(
                "SELECT pattern, event_id, cluster_id, published::VARCHAR FROM block_recent"
                " WHERE pattern IN (SELECT pattern FROM _dyad_wanted)"
                " QUALIFY row_number() OVER (PARTITION BY pattern"
                "  ORDER BY published DESC NULLS LAST, event_id) <= ?"
                " ORDER BY pattern, published DESC NULLS LAST, event_id",
                [limit if limit is not None else 2**62],
            ).fetchall()
        shared: dict[str, StoredEvent] = {}  # one per stored event, shared by its patterns
        for pattern, event_id, cluster_id, published in ranked:
            stored = shared.get(event_id)
            if stored is None:
                stored = shared[event_id] = StoredEvent(event_id, cluster_id, published, None)
            out[str(pattern)].append(stored)
        return out

    def fetch_events(self, items: Sequence[object]) -> None:
        """Read, in one query, the JSON of the `StoredEvent`s among `items` not read yet."""
        todo: dict[str, list[StoredEvent]] = {}  # one event may be held by several objects
        for x in items:
            if isinstance(x, StoredEvent) and x.text is None and x.event is None:
                todo.setdefault(x.event_id, []).append(x)
        if not todo:
            return
        rows = self._where_in("events", "event_id", sorted(todo), "event_id, json")
        for event_id, text in rows:
            for x in todo[str(event_id)]:
                x.text = text
        missing = set(todo) - {str(r[0]) for r in rows}
        if missing:
            raise StoreError(f"events listed in block_recent but not stored: {sorted(missing)[:3]}")

    def block_limit(self) -> int:
        """How many newest events `block_recent` keeps per key and pattern."""
        if self._block_limit is None:  # changed only by `rebuild_blocks`, on this connection
            rows = self.con.execute("SELECT max(max_per_pattern) FROM block_recent_meta").fetchall()
            self._block_limit = int(rows[0][0]) if rows and rows[0][0] is not None else 0
        return self._block_limit

    def ensure_block_limit(self, limit: int) -> None:
        """Keep at least `limit` events per key and pattern (rebuilds once when raised)."""
        if limit > self.block_limit():
            self.rebuild_blocks(limit)

    def rebuild_blocks(self, limit: int) -> None:
        """Recompute `block_recent` from the events (after rows were copied in by SQL)."""
        self._block_limit = None
        self.con.execute("DELETE FROM block_recent")
        self.con.execute(
            "INSERT INTO block_recent SELECT pattern, published, event_id, cluster_id FROM ("
            " SELECT blocking_key AS pattern, published, event_id, cluster_id FROM events"
            "  WHERE blocking_key IS NOT NULL"
            " UNION ALL SELECT '*|' || split_part(blocking_key, '|', 2) || '|'"
            "  || split_part(blocking_key, '|', 3), published, event_id, cluster_id FROM events"
            "  WHERE len(string_split(blocking_key, '|')) = 3"
            " UNION ALL SELECT split_part(blocking_key, '|', 1) || '|*|'"
            "  || split_part(blocking_key, '|', 3), published, event_id, cluster_id FROM events"
            "  WHERE len(string_split(blocking_key, '|')) = 3)"
            " QUALIFY row_number() OVER (PARTITION BY pattern"
            "  ORDER BY published DESC NULLS LAST, event_id) <= ?",
            [limit],
        )
        self.con.execute("DELETE FROM block_recent_meta")
        self.con.execute("INSERT INTO block_recent_meta VALUES (?)", [limit])

    def add_to_blocks(self, events: Sequence[tuple[str, Event]]) -> None:
        """Record just-written events under their blocking keys and patterns, and drop what
        falls beyond the kept limit (call inside the batch's transaction)."""
        rows = [
            (p, e.published, e.event_id, e.cluster_id)
            for key, e in events
            for p in block_patterns(key)
        ]
        if not rows:
            return
        table = pa.table(
            {
                "pattern": pa.array([r[0] for r in rows], pa.string()),
                "published": pa.array([iso_date(r[1]) for r in rows], pa.date32()),
                "event_id": pa.array([r[2] for r in rows], pa.string()),
                "cluster_id": pa.array([r[3] for r in rows], pa.string()),
            }
        )
        with self.registered("_dyad_new_blocks", table):
            self.con.execute(
                "INSERT INTO block_recent SELECT pattern, published, event_id, cluster_id"
                " FROM _dyad_new_blocks"
            )
            # The rows past the limit are named by (pattern, event_id), which is unique, not
            # by row id: row ids carried through the window came back as garbage once the
            # table spanned several row groups (DuckDB 2.0.0), and deleting those corrupted
            # the database ("Could not find node in column segment tree", then crashes).
            self.con.execute(
                "DELETE FROM block_recent USING (SELECT pattern, event_id FROM block_recent"
                " WHERE pattern IN (SELECT DISTINCT pattern FROM _dyad_new_blocks)"
                " QUALIFY row_number() OVER (PARTITION BY pattern"
                "  ORDER BY published DESC NULLS LAST, event_id) > ?) AS past"
                " WHERE block_recent.pattern = past.pattern"
                " AND block_recent.event_id = past.event_id",
                [self.block_limit()],
            )

    def _count_events(self) -> int:
        rows = self.con.execute("SELECT count(*) FROM events").fetchall()
        return max(1, int(rows[0][0]) if rows else 0)

    def events_in_cluster(self, cluster_id: str) -> list[Event]:
        rows = self.con.execute(
            "SELECT json FROM events WHERE cluster_id = ? ORDER BY published, doc_id, event_id",
            [cluster_id],
        ).fetchall()
        return [event_from_json(r[0]) for r in rows]

    def events_in_clusters(self, cluster_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The members of each cluster, in the order of `events_in_cluster`, in one query."""
        out: dict[str, list[Event]] = {cid: [] for cid in cluster_ids}
        if not out:
            return out
        # A semi-join, not `_where_in`'s list of parameters: the list form was 8 times faster
        # at 100k stored articles, but a 100k-article ingest with DuckDB's buffers capped at
        # 256MB died in it between 30k and 40k articles ("failed to pin block"), while this
        # form ran to 47k at 512MB; its scan cost grows with the database (about 0.5 s per
        # 200 new articles at 100k stored).
        rows = self.con.execute(
            "SELECT cluster_id, json FROM events WHERE cluster_id IN (SELECT unnest(?))"
            " ORDER BY cluster_id, published, doc_id, event_id",
            [list(out)],
        ).fetchall()
        for cid, text in rows:
            out[str(cid)].append(event_from_json(text))
        return out

    def _where_in(
        self,
        table: str,
        column: str,
        values: Sequence[str],
        columns: str,
        order: str | None = None,
        chunk: int = 1_000,
    ) -> list[tuple[Any, ...]]:
        """`columns` of the rows of `table` whose `column` is one of `values` (ordered by
        `order` within each chunk of values).

        The values go in as a list of parameters, `IN (?, ?, ...)`, which DuckDB answers
        from the column's index: 300 event ids took 0.012 s at 400k stored events, where
        `IN (SELECT unnest(?))` scanned the JSON column of the whole table (0.15 s), a cost
        that grew with the database."""
        rows: list[tuple[Any, ...]] = []
        for at in range(0, len(values), chunk):
            part = list(values[at : at + chunk])
            marks = ", ".join("?" * len(part))
            sql = f"SELECT {columns} FROM {table} WHERE {column} IN ({marks})"
            rows += self.con.execute(sql + (f" ORDER BY {order}" if order else ""), part).fetchall()
        return rows

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()
