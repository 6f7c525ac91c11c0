"""Cross-source linking: one cluster per real-world event, and conflicts between sources.

Pure functions over `dyad.model.Event`; the store calls them:

- `extract_attributes(doc, trigger_i)` / `attach_attributes(doc, events)`: instrument,
  amounts and venue of an event (stored in `Event.attributes`).
- `blocking_key(event)`, `score_pair(a, b, cfg)`, `assign_clusters(new, candidates, cfg)`;
  `candidates(key)` is asked for the keys of `candidate_keys(event)`, some of them patterns
  with "*" for one actor code (`key_matches` says what matches; in SQL: LIKE with "%").
- `summarize_cluster(cluster_id, members)` -> `ClusterRecord`.
- `find_conflicts(cluster_id, members)` -> list of `Conflict`.
"""

from __future__ import annotations

from dyad.link.attributes import attach_attributes, extract_attributes
from dyad.link.cluster import (
    assign_clusters,
    blocking_key,
    candidate_keys,
    key_matches,
    new_cluster_id,
)
from dyad.link.config import LinkConfig
from dyad.link.conflicts import find_conflicts
from dyad.link.scoring import score_pair
from dyad.link.summary import ClusterRecord, MemberRef, summarize_cluster

__all__ = [
    "ClusterRecord",
    "LinkConfig",
    "MemberRef",
    "assign_clusters",
    "attach_attributes",
    "blocking_key",
    "candidate_keys",
    "extract_attributes",
    "find_conflicts",
    "key_matches",
    "new_cluster_id",
    "score_pair",
    "summarize_cluster",
]
