"""Cluster upkeep as a cluster grows: counts and members exact at every batch; best estimates
and conflicts recomputed while small, then each time the cluster has grown by
`summary_growth` (so a big cluster's reports are read a bounded number of times)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.ingest.runner import ingest
from dyad.link.config import LinkConfig
from dyad.link.summary import summarize_cluster
from dyad.store.clusters import cluster_records
from dyad.store.db import Store

OUTLETS = ["Harbour Gazette", "Plains Courier", "Evening Ledger", "Summit Review"]
WORDING = [
    "Russia and Iran signed a defence cooperation agreement in Tehran on 20 January 2015.",
    "Iran and Russia signed an agreement on military cooperation in Tehran on 20 January 2015.",
    "The defence ministers of Russia and Iran signed a cooperation accord in Tehran"
    " on 20 January 2015.",
]


def _article(n: int) -> dict[str, Any]:
    # the twelfth report dates the signing a year later: a conflict the cluster must show
    year = 2016 if n == 11 else 2015
    return {
        "id": f"sign-{n}",
        "source": OUTLETS[n % len(OUTLETS)],
        "published": f"{year}-01-2{n % 3 + 1}",
        "text": WORDING[n % len(WORDING)].replace("2015", str(year))
        + f" Officials described talks number {n} as constructive.",
    }


def test_growing_cluster_counts_exact_best_estimates_by_growth(
    tmp_path: Path, pipeline: Any
) -> None:
    cfg = LinkConfig(summary_exact_up_to=3, summary_growth=2.0)
    settings = Settings(db=tmp_path / "c.duckdb", commit_every=1, link=cfg)
    seen: list[tuple[int, int]] = []
    with Store(settings.db) as store:
        for n in range(13):
            src = tmp_path / f"a{n}.jsonl"
            src.write_text(json.dumps(_article(n)) + "\n", encoding="utf-8")
            ingest([str(src)], settings, store, lambda: pipeline)
            (biggest,) = cluster_records(store, order="n_events DESC, cluster_id", limit=1)
            events = store.events_in_cluster(biggest["cluster_id"])
            # counts and members are exact after every batch
            assert biggest["n_events"] == len(events)
            assert {m["event_id"] for m in biggest["members"]} == {e.event_id for e in events}
            assert biggest["n_sources"] == len({e.source_name for e in events})
            seen.append((biggest["n_events"], biggest["summarized_events"]))
            if biggest["summarized_events"] == len(events):  # just summarised: in full
                assert biggest["best"] == summarize_cluster("c", events).best
        final = biggest
        exact = summarize_cluster(final["cluster_id"], events).to_json()
        conflicts = store.query(
            "SELECT field FROM conflicts WHERE cluster_id = ?", [final["cluster_id"]]
        )
    sizes = [s for s, _ in seen]
    assert sizes[-1] >= 12, seen  # the reports form one cluster
    for size, summarized in seen:
        if size <= 3:
            assert summarized == size
        else:  # summarised at most a factor 2 ago, never ahead of the cluster
            assert size / 2 < summarized <= size, seen
    assert any(summarized < size for size, summarized in seen), seen
    # members and report dates are those of a full summary; the best estimates were computed
    # from the reports counted in `summarized_events`
    assert final["members"] == exact["members"]
    assert (final["first_reported"], final["last_reported"]) == (
        exact["first_reported"],
        exact["last_reported"],
    )
    assert final["summarized_events"] >= 12  # the late report with another date was read
    assert ("date",) in conflicts
