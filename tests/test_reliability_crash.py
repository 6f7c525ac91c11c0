"""Crash safety: `dyad ingest` killed with SIGKILL at random points, then resumed.

A small corpus (12 articles, six events each told by two outlets, plus two bad lines) is
ingested with one article pair per transaction (DYAD_COMMIT_EVERY=2). The ingest is killed at
seeded random moments: once during start-up, then at random delays after it has committed new
batches (seen on its progress bar, which it shows on a terminal: the test gives it a pty).
After every kill the database must open and hold no partial article; after a final
uninterrupted run its contents must equal those of a run that was never interrupted.
"""

from __future__ import annotations

import json
import os
import pty
import random
import re
import select
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import DYAD, ROOT
from signals import default_sigint

COMMIT_EVERY = 2
SEED = 20261123
MIN_KILLS = 4

# Six events, each reported by two outlets in their own words (written for this test).
ARTICLES = [
    ("Harbour Post", "2016-03-01", "Kenya and Tanzania signed a trade agreement in Arusha on "
     "Monday. The deal cuts tariffs on maize, cement and steel. President Kenyatta said the "
     "agreement would double trade within five years. Tanzanian officials welcomed the move."),
    ("Coast Wire", "2016-03-02", "Tanzania and Kenya signed a long-awaited trade pact in Arusha "
     "on Monday, officials said. Under the agreement tariffs on maize and cement will fall. "
     "Traders in Mombasa said they hoped the border queues would shorten."),
    ("Andes Daily", "2016-04-11", "Chile accused Peru of violating its airspace on Sunday. The "
     "Chilean foreign ministry summoned the Peruvian ambassador in Santiago. Lima denied that "
     "any aircraft had crossed the border."),
    ("Pacific Herald", "2016-04-12", "Peru rejected accusations from Chile that its jets had "
     "crossed into Chilean airspace. Chile had accused Peru of the violation on Sunday and "
     "summoned the Peruvian envoy."),
    ("Nordic Times", "2016-05-20", "The foreign ministers of Norway and Sweden met in Oslo on "
     "Thursday to discuss fishing quotas in the Barents Sea. Both sides agreed to meet again in "
     "September. Environmental groups protested outside the ministry."),
    ("Baltic Review", "2016-05-21", "Norway's foreign minister hosted her Swedish counterpart "
     "in Oslo on Thursday for talks on fishing quotas. The two governments plan further talks "
     "in September."),
    ("Nile Courier", "2016-06-03", "Egypt accused Ethiopia of breaking an agreement on the Nile "
     "dam on Wednesday. Cairo demanded that Addis Ababa stop filling the reservoir. Ethiopia "
     "rejected the demand."),
    ("Horn Gazette", "2016-06-04", "Ethiopia rejected a demand from Egypt to halt filling the "
     "dam reservoir. Egypt had accused Ethiopia of breaking the Nile agreement."),
    ("Indus Monitor", "2016-07-09", "Indian and Pakistani troops exchanged fire across the Line "
     "of Control in Kashmir on Friday, officials said. Two soldiers were wounded. Pakistan "
     "condemned the shelling."),
    ("Kashmir Times", "2016-07-10", "Pakistan condemned Indian shelling across the Line of "
     "Control on Friday. Troops of the two countries exchanged fire for several hours."),
    ("Gulf Ledger", "2016-08-15", "Qatar pledged humanitarian aid to Yemen on Monday. The "
     "Qatari government said it would send food and medicine to Aden. The United Nations "
     "welcomed the pledge."),
    ("Desert Wire", "2016-08-16", "Qatar promised food and medical aid to Yemen on Monday, the "
     "Qatari foreign ministry said. The aid will be delivered through the port of Aden."),
]  # fmt: skip
BAD_LINES = ['{"id": "crash-broken", "text": "Peru', '{"id": "crash-date", "text": "Chile '
             'protested.", "published": "the other day"}']  # fmt: skip


def _corpus(path: Path) -> int:
    lines = [
        json.dumps({"id": f"crash-{i:02d}", "source": src, "published": pub, "text": text})
        for i, (src, pub, text) in enumerate(ARTICLES)
    ]
    lines.insert(5, BAD_LINES[0])
    lines.insert(9, BAD_LINES[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


@dataclass(slots=True)
class Run:
    exit_code: int | None  # None when killed
    seconds: float
    first_new_progress: float | None = None  # when it first showed a batch it committed
    last_progress: float | None = None
    progress: list[int] = field(default_factory=list)
    stdout: str = ""
    terminal: bytes = b""  # what it wrote to its stderr (the pty), for failure messages


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env.update(
        DYAD_DB=str(db),
        DYAD_COMMIT_EVERY=str(COMMIT_EVERY),
        DYAD_BATCH_SIZE="2",
        TERM="xterm",
        COLUMNS="120",
    )
    return env


def _ingest(
    src: Path,
    db: Path,
    kill_after: float | None,
    at_progress: int | None = None,
    sig: signal.Signals = signal.SIGKILL,
) -> Run:
    """Run `dyad ingest` with stderr on a pty and send `sig` `kill_after` seconds after it
    starts (at_progress None) or after its progress bar first shows `at_progress` documents."""
    master, slave = pty.openpty()
    start = time.monotonic()
    proc = subprocess.Popen(
        [str(DYAD), "ingest", str(src)],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=_env(db),
        cwd=ROOT,
        preexec_fn=default_sigint,
    )
    os.close(slave)
    run = Run(exit_code=None, seconds=0.0)
    deadline = start + kill_after if kill_after is not None and at_progress is None else None
    try:
        while proc.poll() is None:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                proc.send_signal(sig)
                deadline = at_progress = None
                if sig == signal.SIGKILL:
                    proc.wait()
                    run.seconds = time.monotonic() - start
                    return run
                continue  # other signals: let it shut down by itself
            if now - start > 240:
                proc.kill()
                raise AssertionError("ingest did not finish in 240 s")
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                continue
            run.terminal = (run.terminal + chunk)[-4000:]
            for n in re.findall(rb"(\d+)/(?:\?|\d+)", chunk):
                run.progress.append(int(n))
                seen = time.monotonic() - start
                run.last_progress = seen
                if run.first_new_progress is None and int(n) > 0:
                    run.first_new_progress = seen
                if deadline is None and at_progress is not None and int(n) >= at_progress:
                    deadline = time.monotonic() + (kill_after or 0.0)
    finally:
        os.close(master)
    assert proc.stdout is not None
    run.stdout = proc.stdout.read().decode()
    run.exit_code = proc.wait()
    run.seconds = time.monotonic() - start
    return run


def _check_whole(db: Path) -> dict[str, Any]:
    """The database opens and holds no partial article; returns the last run's state."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = con.execute
        tables = {r[0] for r in q("SELECT table_name FROM information_schema.tables").fetchall()}
        if "articles" not in tables:
            # killed during start-up before the first migration committed (each migration
            # is one transaction): no schema yet, nothing stored, the next run starts over
            assert tables <= {"schema_version"}, tables
            return {"articles": 0, "position": 0, "finished": False}
        articles = q("SELECT doc_id, text FROM articles").fetchall()
        texts = dict(articles)
        sentences = q("SELECT doc_id, char_start, char_end, text FROM sentences").fetchall()
        with_sents = {s[0] for s in sentences}
        assert set(texts) <= with_sents, f"articles without sentences: {set(texts) - with_sents}"
        for doc_id, start, end, text in sentences:
            assert doc_id in texts, f"sentence of a missing article {doc_id}"
            assert texts[doc_id][start:end] == text
        for table in ("mentions", "events"):
            orphans = q(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM articles)"
            ).fetchone()
            assert orphans == (0,), f"{table} rows without an article"
        stray = q(
            "SELECT count(*) FROM events WHERE cluster_id IS NOT NULL AND cluster_id NOT IN"
            " (SELECT cluster_id FROM clusters)"
        ).fetchone()
        assert stray == (0,), "events pointing at a cluster that was not written"
        # the checkpoint moved in the same transactions as the data
        counted = q("SELECT coalesce(sum(articles), 0) FROM runs").fetchone()
        assert counted == (len(articles),), (counted, len(articles))
        run = q(
            "SELECT position, finished_at IS NOT NULL FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    position, finished = run if run else (0, False)
    assert position % COMMIT_EVERY == 0 or finished
    return {"articles": len(articles), "position": position, "finished": finished}


def _contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row, sorted, without timestamps and run ids."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = {
            "articles": "SELECT doc_id, content_hash, title, source_name, url, published,"
            " origin, text, warnings FROM articles",
            "sentences": "SELECT * FROM sentences",
            "mentions": "SELECT * FROM mentions",
            "events": "SELECT * FROM events",
            "quarantine": "SELECT origin, code, reason, raw FROM quarantine",
            "clusters": "SELECT * FROM clusters",
            "conflicts": 'SELECT cluster_id, field, "values" FROM conflicts',
        }
        return {k: sorted(con.execute(v).fetchall(), key=repr) for k, v in sql.items()}
    finally:
        con.close()


def _diff(want: list[tuple[Any, ...]], got: list[tuple[Any, ...]]) -> str:
    missing = [r for r in want if r not in got][:3]
    extra = [r for r in got if r not in want][:3]
    return (
        f"{len(want)} rows wanted, {len(got)} got; missing {missing!r:.1500} extra {extra!r:.1500}"
    )


def test_sigkill_at_random_points_then_resume_equals_uninterrupted(tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    total = _corpus(src)
    ref_db = tmp_path / "reference.duckdb"
    ref = _ingest(src, ref_db, kill_after=None)
    assert ref.exit_code == 0, ref.terminal.decode(errors="replace")
    assert f"stored: {len(ARTICLES)} new articles" in ref.stdout
    assert "quarantined: 2" in ref.stdout
    assert ref.first_new_progress is not None and ref.last_progress is not None, "no progress"
    startup = ref.first_new_progress
    expected = _contents(ref_db)
    assert expected["events"], "the corpus must yield events"

    rng = random.Random(SEED)
    log: list[str] = []
    kills = part_way = cycles = 0
    while kills < MIN_KILLS and cycles < 3:
        # one cycle: a fresh database, killed until everything is committed, then finished
        cycles += 1
        db = tmp_path / f"killed-{cycles}.duckdb"
        state: dict[str, Any] = {"position": 0, "finished": False}
        for attempt in range(6):
            if state["position"] >= total:
                break  # all committed: the next run only has to mark the run finished
            if attempt == 0:
                # during start-up: migrations, the run record, loading the model
                delay, target = rng.uniform(0.2, min(1.5, startup * 0.8)), None
                what = f"{delay:.2f}s after start"
            else:
                # after the bar shows a random batch committed, part-way into the next one
                step = COMMIT_EVERY * rng.choice((1, 1, 2))
                delay, target = rng.uniform(0.0, 0.15), min(state["position"] + step, total)
                what = f"{delay:.2f}s after {target} documents"
            run = _ingest(src, db, kill_after=delay, at_progress=target)
            before = state["position"]
            if db.exists():
                state = _check_whole(db)
            if run.exit_code is None:
                kills += 1
                part_way += 0 < state["position"] < total
                log.append(
                    f"cycle {cycles} kill {kills} {what}: committed {before} -> "
                    f"{state['position']} of {total}, database whole"
                )
            else:
                assert run.exit_code == 0, run.terminal.decode(errors="replace")
                log.append(f"cycle {cycles}: the run finished before its kill ({what})")
        final = _ingest(src, db, kill_after=None)
        assert final.exit_code == 0, final.terminal.decode(errors="replace")
        state = _check_whole(db)
        assert state["finished"] and state["articles"] == len(ARTICLES)
        got = _contents(db)
        for table, rows in expected.items():
            assert got[table] == rows, f"cycle {cycles}: {table} differs: " + _diff(
                rows, got[table]
            )
        log.append(f"cycle {cycles}: final run finished, contents equal the uninterrupted run")
    print("\n" + "\n".join(log))
    print(f"kills survived: {kills} ({part_way} left the ingest part-way through the corpus)")
    assert kills >= MIN_KILLS


def test_ctrl_c_rolls_back_the_batch_and_says_how_to_resume(tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    total = _corpus(src)
    db = tmp_path / "interrupted.duckdb"
    # interrupt as soon as the first batch is committed: the corpus has many more to go
    run = _ingest(src, db, kill_after=0.01, at_progress=COMMIT_EVERY * 2, sig=signal.SIGINT)
    terminal = run.terminal.decode(errors="replace")
    if "Traceback" in terminal and "Query interrupted" not in terminal:
        pytest.fail(f"the ingest crashed for another reason: {terminal[-1500:]}")
    if run.first_new_progress is None:
        pytest.fail("the interrupt came before the ingest showed progress")
    state = _check_whole(db)  # whatever the exit, the database is whole
    if state["finished"]:
        pytest.skip("the ingest finished before the interrupt arrived")
    assert run.exit_code == 130, terminal
    assert "interrupted: run the same command again to resume" in terminal
    assert "Traceback" not in terminal
    state = _check_whole(db)
    assert 0 < state["position"] < total and not state["finished"]
    again = _ingest(src, db, kill_after=None)
    assert again.exit_code == 0, again.terminal.decode(errors="replace")
    assert f"resumed after {state['position']}" in again.stdout
    state = _check_whole(db)
    assert state["finished"] and state["articles"] == len(ARTICLES)


def test_resume_after_the_input_changed_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    for i in (3, 4):
        (folder / f"2016-0{i}.txt").write_text(ARTICLES[i][2])
    db = tmp_path / "feed.duckdb"

    def ingest() -> None:
        out = subprocess.run(
            [str(DYAD), "ingest", str(folder)],
            capture_output=True, text=True, env=_env(db), cwd=ROOT, timeout=600,
        )  # fmt: skip
        if out.returncode != 0:
            pytest.fail(f"ingest failed: {out.stderr[-1500:]}")

    ingest()
    # the state a SIGKILL leaves after the last batch committed, before the run was marked
    # finished (seen in the kill test above)
    con = duckdb.connect(str(db))
    con.execute("UPDATE runs SET finished_at = NULL")
    con.close()
    # meanwhile new reports arrived, one of them sorted first
    for i in (1, 5, 6):
        (folder / f"2016-0{i}.txt").write_text(ARTICLES[i][2])
    ingest()
    con = duckdb.connect(str(db), read_only=True)
    try:
        origins = {Path(o).name for (o,) in con.execute("SELECT origin FROM articles").fetchall()}
    finally:
        con.close()
    assert origins == {p.name for p in folder.iterdir()}, sorted(origins)


def test_a_database_killed_before_its_first_migration_is_taken_up(tmp_path: Path) -> None:
    """Start-up creates the file, then applies each migration in its own transaction: a kill
    in between leaves a file with no schema (or only the version table). The next ingest
    migrates it and stores everything."""
    src = tmp_path / "corpus.jsonl"
    _corpus(src)
    db = tmp_path / "bare.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR,"
                " applied_at TIMESTAMP)")  # fmt: skip
    con.close()
    assert _check_whole(db) == {"articles": 0, "position": 0, "finished": False}
    run = _ingest(src, db, kill_after=None)
    assert run.exit_code == 0, run.terminal.decode(errors="replace")
    state = _check_whole(db)
    assert state["finished"] and state["articles"] == len(ARTICLES)
