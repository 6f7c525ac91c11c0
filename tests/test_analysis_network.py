"""Actor network: edge weights count real-world events; GraphML and node-link outputs."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from dyad.analysis.network import build_network, ego, to_node_link, top_edges
from dyad.errors import UnsafePathError
from dyad.store.db import Store
from test_analysis_series import ev, run
from test_web_fixtures import build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())  # built once per session


def test_edges_weigh_clusters_not_reports() -> None:
    events = [
        ev("a", "c-1", "2015-01-20", 1, 8.0, outlet="Wire"),
        ev("b", "c-1", "2015-01-20", 1, 6.0, outlet="Gulf"),
        ev("c", None, "2015-02-01", 4, -10.0, source={"code": "IRN", "name": "Iran", "country": "IRN"},
           target={"code": "RUSMIL", "name": "Russia", "country": "RUS"}),
        ev("d", None, "2015-02-03", 3, -4.0, modality="hypothetical"),
    ]  # fmt: skip
    g = build_network(events)
    assert set(g.edges) == {("RUS", "IRN"), ("IRN", "RUSMIL")}
    e = g.edges["RUS", "IRN"]
    assert (e["events"], e["reports"], e["goldstein_mean"], e["q1"]) == (1, 2, 7.0, 1)
    by_reports = build_network(events, unique=False)
    assert by_reports.edges["RUS", "IRN"]["events"] == 2
    assert build_network(events, modalities=None).edges["RUS", "IRN"]["events"] == 2
    countries = build_network(events, level="country")
    assert set(countries.edges) == {("RUS", "IRN"), ("IRN", "RUS")}
    assert top_edges(g)[0]["source"] == "IRN"  # same weight: the more hostile edge first
    assert set(ego(g, "RUSMIL").nodes) == {"RUSMIL", "IRN"}


def test_network_of_stored_events(sample_db: Path) -> None:
    out = run(sample_db, "network", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    g = nx.node_link_graph(data, edges="links")
    assert g.has_edge("RUS", "IRN")
    with Store(sample_db, read_only=True) as store:
        rows = store.query(
            "SELECT event_id, cluster_id FROM events WHERE source_code = 'RUS'"
            " AND target_code = 'IRN' AND modality IN ('asserted', 'reported')"
        )
    assert g.edges["RUS", "IRN"]["reports"] == len(rows)
    assert g.edges["RUS", "IRN"]["events"] == len({c or e for e, c in rows})
    total_reports = sum(d["reports"] for _, _, d in g.edges(data=True))
    total_events = sum(d["events"] for _, _, d in g.edges(data=True))
    assert total_reports > total_events, "linked reports must weigh once"
    table = run(sample_db, "network", "--actor", "CHN", "--top", "5")
    assert table.exit_code == 0 and "CHN" in table.stdout
    assert to_node_link(g)["links"]


def test_graphml_written_and_not_overwritten(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "net.graphml"
    out = run(sample_db, "network", "--format", "graphml", "-o", str(target))
    assert out.exit_code == 0, out.output
    g = nx.read_graphml(target)
    assert g.is_directed() and g.number_of_edges() > 5
    assert int(g.edges["RUS", "IRN"]["events"]) >= 1
    target.write_text("keep me")
    again = run(sample_db, "network", "--format", "graphml", "-o", str(target))
    assert isinstance(again.exception, UnsafePathError)
    assert target.read_text() == "keep me"
    forced = run(sample_db, "network", "--format", "graphml", "-o", str(target), "--force")
    assert forced.exit_code == 0 and nx.read_graphml(target).number_of_nodes() > 5
    no_file = run(sample_db, "network", "--format", "graphml")
    assert no_file.exception is not None and "-o" in str(no_file.exception)
