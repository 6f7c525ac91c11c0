"""Coding in worker processes stores exactly what coding in the writer's process stores."""

from __future__ import annotations

import json
import signal
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dyad.config import Settings
from dyad.ingest.runner import ingest
from dyad.ingest.workers import CodingPool
from dyad.store.db import Store
from signals import default_sigint
from test_scale_resume import DYAD, _contents, _corpus, _env, wait_for_wal_growth

ROOT = Path(__file__).resolve().parents[1]


def test_two_workers_store_the_same_as_one_process(tmp_path: Path, pipeline: Any) -> None:
    corpus = _corpus(tmp_path / "news.jsonl")
    # small batches: several batches in flight, and a resume-like re-run that adds nothing
    settings = replace(Settings(), commit_every=8, batch_size=4)
    with Store(tmp_path / "one.duckdb") as store:
        one = ingest([str(corpus)], settings, store, lambda: pipeline)
    parallel = replace(settings, n_process=2)
    pool = CodingPool(parallel, 2)  # one pool for both runs: the workers load the model once
    try:
        with Store(tmp_path / "two.duckdb") as store:
            two = ingest([str(corpus)], parallel, store, lambda: pipeline, pool=pool)
            again = ingest([str(corpus)], parallel, store, lambda: pipeline, pool=pool)
    finally:
        pool.close()
    assert (one.articles, one.events, one.unchanged) == (two.articles, two.events, two.unchanged)
    assert two.articles > 20 and two.events > 100
    assert again.articles == 0 and again.unchanged == one.articles + one.unchanged
    assert _contents(tmp_path / "one.duckdb") == _contents(tmp_path / "two.duckdb")


@pytest.mark.skipif(not DYAD.exists(), reason=f"{DYAD} is not installed (run `make install`)")
def _long_corpus(path: Path, copies: int) -> Path:
    """The resume corpus several times over (ids and texts made distinct): long enough that
    the interrupt arrives while the workers are still busy, on a fast machine too."""
    lines = _corpus(path).read_text("utf-8").splitlines()
    out = []
    for k in range(copies):
        for line in lines:
            rec = json.loads(line)
            out.append(
                json.dumps({**rec, "id": f"{rec['id']}-c{k}", "text": f"{rec['text']} ({k})"})
            )
    path.write_text("\n".join(out) + "\n", "utf-8")
    return path


def test_ctrl_c_stops_the_workers_and_the_rerun_resumes(tmp_path: Path, pipeline: Any) -> None:
    corpus = _long_corpus(tmp_path / "news.jsonl", copies=4)
    db = tmp_path / "x.duckdb"
    env = {**_env(db), "DYAD_N_PROCESS": "2"}
    proc = subprocess.Popen(
        [str(DYAD), "ingest", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=default_sigint,
    )
    wal = Path(str(db) + ".wal")
    wait_for_wal_growth(proc, wal, seconds=180)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, f"{out}\n{err}"
    again = subprocess.run(
        [str(DYAD), "ingest", str(corpus)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert again.returncode == 0, again.stderr
    assert "resumed after" in again.stdout
    # the same as one uninterrupted run in one process, batch for batch
    with Store(tmp_path / "one.duckdb") as store:
        ingest([str(corpus)], replace(Settings(), commit_every=2), store, lambda: pipeline)
    assert _contents(db) == _contents(tmp_path / "one.duckdb")
