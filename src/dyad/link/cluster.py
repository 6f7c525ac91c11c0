"""Incremental clustering of coded events into real-world events across sources.

New events are compared only with stored events of the same blocking key (unordered dyad +
CAMEO family, see `dyad.link.families`) and with the new events before them in the batch.
Each joins the cluster holding its best-scoring partner when that score reaches
`LinkConfig.link_threshold`, or starts a new cluster. Stored assignments never change, so
clustering a new batch never recomputes the database, and the same input in the same order
gives the same cluster ids.

Events of one document are reports by one source: a document's event joins a cluster that
already holds an event of the same document only when it scores at least
`same_doc_threshold` against it (a repeat within the article, "the signing ... the deal
signed on Tuesday"), which keeps two different events of one article apart.

Thresholds and weights: `LinkConfig` (documented in `dyad.link.config`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from dyad.link.config import LinkConfig
from dyad.link.features import dyad_key, family
from dyad.link.scoring import score_pair
from dyad.model import Event

__all__ = ["LinkConfig", "assign_clusters", "blocking_key", "new_cluster_id", "score_pair"]


def blocking_key(e: Event) -> str:
    """Unordered dyad + code family, e.g. "IRN|RUS|refuse"."""
    return f"{dyad_key(e)}|{family(e)}"


def new_cluster_id(first_event_id: str) -> str:
    return "c-" + hashlib.sha1(first_event_id.encode("utf-8")).hexdigest()[:12]


def _cluster_score(event: Event, members: list[Event], cfg: LinkConfig) -> float | None:
    """Best score of `event` against a cluster's members; None when the cluster is barred."""
    best: float | None = None
    same_doc_ok = True
    has_same_doc = False
    for member in members:
        score, _ = score_pair(event, member, cfg)
        if member.doc_id == event.doc_id:
            has_same_doc = True
            same_doc_ok = same_doc_ok and score >= cfg.same_doc_threshold
        best = score if best is None or score > best else best
    if has_same_doc and not same_doc_ok:
        return None
    return best


def assign_clusters(
    new_events: list[Event],
    candidates: Callable[[str], list[Event]],
    cfg: LinkConfig,
) -> dict[str, str]:
    """Map each new event id to a cluster id (existing or new). Pure: events are not changed.

    `candidates(key)` returns stored events with that blocking key, their `cluster_id` set;
    it is called at most once per key.
    """
    pools: dict[str, dict[str, list[Event]]] = {}  # key -> cluster id -> members, in order
    assigned: dict[str, str] = {}
    for event in new_events:
        if event.event_id in assigned:
            continue  # the same event twice in one batch
        key = blocking_key(event)
        if key not in pools:
            pool: dict[str, list[Event]] = {}
            for stored in candidates(key):
                if stored.cluster_id and stored.event_id != event.event_id:
                    pool.setdefault(stored.cluster_id, []).append(stored)
            pools[key] = pool
        pool = pools[key]
        best_id: str | None = None
        best_score = cfg.link_threshold
        for cluster_id, members in pool.items():
            score = _cluster_score(event, members, cfg)
            # ties keep the cluster met first, so results follow the input order
            if (
                score is not None
                and score >= best_score
                and (best_id is None or score > best_score)
            ):
                best_id, best_score = cluster_id, score
        if best_id is None:
            best_id = new_cluster_id(event.event_id)
            pool[best_id] = []
        pool[best_id].append(event)
        assigned[event.event_id] = best_id
    return assigned
