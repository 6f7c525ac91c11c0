"""Actor network: who does what to whom, as a networkx DiGraph.

Nodes are actor codes (or countries with `level="country"`); an edge source -> target holds
how many events link them and their mean Goldstein score. With `unique=True` (the default) a
real-world event told by several outlets adds one to an edge, not one per report.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from dyad.analysis.common import HAPPENED, cluster_key
from dyad.errors import UsageError

LEVELS: tuple[str, ...] = ("code", "country")


def _node(a: dict[str, Any] | None, level: str) -> str | None:
    if not a:
        return None
    value = a.get("country") if level == "country" else a.get("code")
    if level == "country" and not value and a.get("type") == "igo":
        value = a.get("code")  # an IGO has no country: it stands for itself
    return str(value) if value else None


def build_network(
    events: Iterable[dict[str, Any]],
    unique: bool = True,
    level: str = "code",
    modalities: Sequence[str] | None = HAPPENED,
) -> Any:
    """A DiGraph with node attributes `label`, `events` and edge attributes `events`,
    `reports`, `goldstein_mean`, `goldstein_sum`, `q1`..`q4` (events per quad class)."""
    if level not in LEVELS:
        raise UsageError(f"--level must be one of {', '.join(LEVELS)}")
    # (source, target) -> cluster -> Goldstein scores and quad classes of its reports
    edges: dict[tuple[str, str], dict[str, list[tuple[float, int]]]] = defaultdict(dict)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        if modalities is not None and e.get("modality") not in modalities:
            continue
        src, tgt = _node(e.get("source"), level), _node(e.get("target"), level)
        if src is None or tgt is None or src == tgt:
            continue
        for node, side in ((src, e.get("source")), (tgt, e.get("target"))):
            name = (
                (side or {}).get("name")
                if level == "country"
                else ((side or {}).get("person") or (side or {}).get("name"))
            )
            labels[node][str(name or node)] += 1
        unit = cluster_key(e) if unique else str(e["event_id"])
        edges[(src, tgt)].setdefault(unit, []).append(
            (float(e.get("goldstein") or 0.0), int(e.get("quad_class") or 0))
        )
    graph = nx.DiGraph()
    for node, names in labels.items():
        graph.add_node(node, label=names.most_common(1)[0][0], events=0)
    for (src, tgt), units in edges.items():
        # one score per unit: the mean over the reports of one real-world event
        scores = [sum(g for g, _ in r) / len(r) for r in units.values()]
        quads = Counter(Counter(q for _, q in r).most_common(1)[0][0] for r in units.values())
        graph.add_edge(
            src,
            tgt,
            events=len(units),
            reports=sum(len(r) for r in units.values()),
            goldstein_sum=round(sum(scores), 3),
            goldstein_mean=round(sum(scores) / len(scores), 3),
            **{f"q{q}": quads.get(q, 0) for q in (1, 2, 3, 4)},
        )
        graph.nodes[src]["events"] += len(units)
        graph.nodes[tgt]["events"] += len(units)
    return graph


def ego(graph: Any, actor: str) -> Any:
    """The part of the network touching `actor` (a code or code prefix)."""
    actor = actor.upper()
    keep = {n for n in graph.nodes if str(n).startswith(actor)}
    keep |= {m for n in list(keep) for m in (*graph.successors(n), *graph.predecessors(n))}
    return graph.subgraph(keep).copy()


def top_edges(graph: Any, n: int = 20) -> list[dict[str, Any]]:
    """The busiest edges first (ties: the most hostile first, then by name)."""
    rows = [{"source": s, "target": t, **data} for s, t, data in graph.edges(data=True)]
    rows.sort(key=lambda r: (-r["events"], r["goldstein_mean"], r["source"], r["target"]))
    return rows[:n]


def to_node_link(graph: Any) -> dict[str, Any]:
    data = nx.node_link_data(graph, edges="links")
    assert isinstance(data, dict)
    return data


def node_link_json(graph: Any) -> str:
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=1)


def write_graphml(graph: Any, path: Path) -> None:
    nx.write_graphml(graph, str(path))


def edge_lookup(graph: Any) -> Mapping[tuple[str, str], dict[str, Any]]:
    return {(s, t): dict(d) for s, t, d in graph.edges(data=True)}
