"""Series and timeline: counts per period match the stored events; clusters count once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dyad.analysis.series import period_key, period_keys, series
from dyad.analysis.source import load_selection
from dyad.analysis.timeline import timeline
from dyad.store.db import Store
from dyad.store.query import make_filter
from test_web_fixtures import build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())  # built once per session


def cli_app() -> typer.Typer:
    from dyad import cli
    from dyad.analysis.commands import register

    app = typer.Typer(pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    register(app)
    return app


def run(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli_app(), ["--db", str(db), *args])
    return result


def ev(
    eid: str, cluster: str | None, day: str, quad: int, gold: float, **kw: Any
) -> dict[str, Any]:
    base = {
        "event_id": eid, "doc_id": f"d-{eid}", "source_name": kw.pop("outlet", "Outlet A"),
        "published": day, "date": day, "date_precision": "day", "date_start": day,
        "date_end": day, "cameo": kw.pop("cameo", "057"), "quad_class": quad, "goldstein": gold,
        "modality": "asserted", "cluster_id": cluster, "confidence": 0.8, "sentence": "s.",
        "trigger": "signed", "source": {"code": "RUS", "name": "Russia", "country": "RUS"},
        "target": {"code": "IRN", "name": "Iran", "country": "IRN"},
    }  # fmt: skip
    base.update(kw)
    return base


def test_period_keys() -> None:
    day = dt.date(2015, 1, 20)
    assert [period_key(day, p) for p in ("day", "week", "month", "year")] == [
        "2015-01-20", "2015-W04", "2015-01", "2015",
    ]  # fmt: skip
    assert period_keys(dt.date(2014, 11, 30), dt.date(2015, 2, 1), "month") == [
        "2014-11", "2014-12", "2015-01", "2015-02",
    ]  # fmt: skip
    # ISO weeks: 2015-01-01 is in week 1 of 2015, 2014-12-29 too
    assert period_key(dt.date(2014, 12, 29), "week") == "2015-W01"


def test_unique_counts_clusters_reports_counts_reports() -> None:
    events = [
        ev("a", "c-1", "2015-01-20", 1, 8.0, outlet="Wire"),
        ev("b", "c-1", "2015-01-20", 1, 8.0, outlet="Gulf"),
        ev("c", "c-1", "2015-01-19", 1, 6.0, outlet="Caspian", cameo="030"),
        ev("d", None, "2015-03-02", 4, -10.0),
        ev("e", None, "2015-03-05", 3, -2.0, modality="negated"),
    ]
    unique = series(events, "month")
    assert [(p.period, p.count) for p in unique] == [("2015-01", 1), ("2015-02", 0), ("2015-03", 1)]
    # the cluster counts once, with its most common code (057, Goldstein 8)
    assert unique[0].by_quad[1] == 1 and unique[0].goldstein_sum == 8.0
    assert unique[2].by_quad[4] == 1 and unique[2].goldstein_mean == -10.0
    reports = series(events, "month", unique=False)
    assert [p.count for p in reports] == [3, 0, 1]
    assert reports[0].goldstein_sum == 22.0
    everything = series(events, "month", unique=False, modalities=None)
    assert [p.count for p in everything] == [3, 0, 2]


def test_coarse_dates_are_flagged() -> None:
    year_only = ev("y", None, "2010-01-01", 3, -4.0, date="2010", date_precision="year",
                   date_end="2010-12-31")  # fmt: skip
    points = series([year_only], "month")
    assert points[0].period == "2010-01" and points[0].coarse == 1
    assert series([year_only], "year")[0].coarse == 0


def test_series_matches_stored_events(sample_db: Path) -> None:
    with Store(sample_db, read_only=True) as store:
        sel = load_selection(store, make_filter(dyad=("RUS", "IRN")))
        raw = store.query(
            "SELECT event_id, cluster_id, modality FROM events WHERE"
            " ((source_code LIKE 'RUS%' OR source_country = 'RUS') AND"
            "  (target_code LIKE 'IRN%' OR target_country = 'IRN')) OR"
            " ((source_code LIKE 'IRN%' OR source_country = 'IRN') AND"
            "  (target_code LIKE 'RUS%' OR target_country = 'RUS'))"
        )
    happened = [r for r in raw if r[2] in ("asserted", "reported")]
    assert len(sel.events) == len(raw) > 5
    reports = series(sel.events, "year", unique=False)
    assert sum(p.count for p in reports) == len(happened)
    unique = series(sel.events, "year")
    assert sum(p.count for p in unique) == len({r[1] or r[0] for r in happened})
    assert sum(p.count for p in unique) < len(happened), "linked reports must count once"
    for p in unique:
        assert p.count == sum(p.by_quad.values())


def test_series_cli_csv_and_jsonl(sample_db: Path) -> None:
    out = run(sample_db, "series", "--dyad", "RUS", "IRN", "--period", "year", "--format", "csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["period"] == "2010" and rows[-1]["period"] == "2015"
    unique_total = sum(int(r["count"]) for r in rows)
    out = run(sample_db, "series", "--dyad", "RUS", "IRN", "--period", "year", "--reports",
              "--format", "jsonl")  # fmt: skip
    points = [json.loads(line) for line in out.stdout.splitlines()]
    assert sum(p["count"] for p in points) > unique_total
    table = run(sample_db, "series", "--actor", "RUS")
    assert table.exit_code == 0 and "distinct events" in table.stdout
    bad = run(sample_db, "series", "--period", "fortnight")
    assert bad.exception is not None and "period" in str(bad.exception)


def test_timeline_one_row_per_cluster(sample_db: Path) -> None:
    with Store(sample_db, read_only=True) as store:
        sel = load_selection(store, make_filter(dyad=("RUS", "IRN"), since="2015-01"))
    rows = timeline(sel.events, sel.clusters, sel.conflict_fields())
    by_id = {e["event_id"]: e for e in sel.events}
    ids = [i for r in rows for i in r.member_ids]
    assert sorted(ids) == sorted(e["event_id"] for e in sel.events)  # every report, once
    assert len({r.cluster_id for r in rows if r.cluster_id}) == len(
        [r for r in rows if r.cluster_id]
    )
    days = [r.sort_day for r in rows]
    assert days == sorted(days)
    assert any(r.n_sources >= 2 for r in rows), "the defence-pact outlets must be linked"
    fields = sel.conflict_fields()
    with Store(sample_db, read_only=True) as store:
        table = store.query("SELECT cluster_id, field FROM conflicts")
    for r in rows:
        assert r.n_reports == len(r.member_ids) and r.n_sources <= r.n_reports
        assert r.evidence == by_id[r.event_id]["sentence"]
        expected = sorted(f for c, f in table if c == r.cluster_id)
        assert list(r.conflicts) == expected == sorted(fields.get(r.cluster_id or "", []))


def test_timeline_cli(sample_db: Path) -> None:
    out = run(sample_db, "timeline", "--dyad", "RUS", "IRN", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["evidence"] for r in rows)
    table = run(sample_db, "timeline", "--actor", "CHN", "--since", "2014-05", "--until", "2014-05")
    assert table.exit_code == 0 and "Shanghai" in table.stdout
    both = run(sample_db, "timeline", "--actor", "RUS", "--dyad", "RUS", "IRN")
    assert both.exception is not None and "not both" in str(both.exception)


@pytest.mark.parametrize("period", ["day", "week"])
def test_series_fills_every_period(sample_db: Path, period: str) -> None:
    with Store(sample_db, read_only=True) as store:
        sel = load_selection(store, make_filter(actor="RUS", since="2014-05", until="2014-05"))
    points = series(sel.events, period)
    assert len({p.period for p in points}) == len(points)
    if period == "day":
        days = [dt.date.fromisoformat(p.period) for p in points]
        assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
