"""A small real database shared by the analysis and web tests (built once per session).

Six sample articles (three outlets on the Russia–Iran defence pact, the Russia–China gas deal,
two outlets on the Syria veto) plus one article of our own carrying markup in its text,
title and outlet name, to check that the web pages show it as text.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from conftest import SAMPLES

SAMPLE_IDS = (
    "s01-rus-irn-defence-pact",
    "s02-rus-irn-defence-pact-gulf",
    "s03-rus-irn-defence-pact-caspian",
    "s04-rus-chn-gas-deal",
    "s06-unsc-syria-veto",
    "s07-unsc-syria-veto-levant",
)
XSS_DOC = {
    "id": "x01-markup",
    "source": "Harbour <b>Post</b>",
    "published": "2015-03-12",
    "title": "<script>alert('title')</script> Talks in Beijing",
    "text": "Japanese Prime Minister Shinzo Abe visited Beijing on Tuesday. "
    "A protester's sign read <script>alert('xss')</script> outside the hall. "
    "Chinese Foreign Minister Wang Yi accused Japan of provoking tension in the East China Sea.",
}


@functools.cache
def build_sample_db(folder: Path) -> Path:
    from dyad.config import Settings
    from dyad.ingest.runner import ingest
    from dyad.pipeline import Pipeline
    from dyad.store.db import Store

    rows = [json.loads(line) for line in (SAMPLES / "news.jsonl").read_text().splitlines()]
    chosen = [r for r in rows if r["id"] in SAMPLE_IDS]
    assert len(chosen) == len(SAMPLE_IDS)
    src = folder / "analysis-web-input.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [*chosen, XSS_DOC]), encoding="utf-8")
    db = folder / "analysis-web.duckdb"
    settings = Settings(db=db)
    with Store(db) as store:
        summary = ingest([str(src)], settings, store, lambda: Pipeline.load(settings))
    assert summary.articles == len(chosen) + 1, summary
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())


def test_sample_db_has_linked_reports(sample_db: Path) -> None:
    from dyad.store.db import Store

    with Store(sample_db, read_only=True) as store:
        counts = store.counts()
        assert counts["articles"] == 7
        assert counts["events"] > 20
        multi = store.query("SELECT count(*) FROM clusters WHERE n_sources > 1")[0][0]
        assert multi >= 2, "the three defence-pact reports must be linked"
        text = store.query("SELECT text FROM articles WHERE doc_id = 'x01-markup'")[0][0]
        assert "<script>alert('xss')</script>" in text
