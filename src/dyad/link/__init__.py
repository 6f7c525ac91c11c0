"""Cross-source linking: one cluster per real-world event, and conflicts between sources.

Pure functions over `dyad.model.Event`; the store calls them:

- `extract_attributes(doc, trigger_i)` / `attach_attributes(doc, events)`: instrument,
  amounts and venue of an event (stored in `Event.attributes`).
- `blocking_key(event)`, `score_pair(a, b, cfg)`, `assign_clusters(new, candidates, cfg)`;
  `candidates(key)` is asked for the keys of `candidate_keys(event)`, some of them patterns
  with "*" for one actor code (`key_matches` says what matches; in SQL: LIKE with "%").
- `summarize_cluster(cluster_id, members)` -> `ClusterRecord`.
- `find_conflicts(cluster_id, members)` -> list of `Conflict`.

The submodules are imported where used, not here: importing this package must stay cheap
(dyad.config reads dyad.link.config, and `attributes` needs spaCy).
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> submodule; resolved on first use (PEP 562) so the import stays lazy
_EXPORTS = {
    "attach_attributes": "attributes",
    "extract_attributes": "attributes",
    "assign_clusters": "cluster",
    "blocking_key": "cluster",
    "candidate_keys": "cluster",
    "key_matches": "cluster",
    "new_cluster_id": "cluster",
    "LinkConfig": "config",
    "find_conflicts": "conflicts",
    "score_pair": "scoring",
    "ClusterRecord": "summary",
    "MemberRef": "summary",
    "summarize_cluster": "summary",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dyad.link' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dyad.link.{_EXPORTS[name]}"), name)
