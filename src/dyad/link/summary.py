"""One record per cluster: its members, how many independent sources, and best estimates.

Best estimates, each as `{"value", "rule", ...}`:

- date: the most precise explicit date compatible with the most other explicit dates
  (ties: more reports of the same value, then the earliest report); without explicit
  dates, the earliest publication date stands in (rule "publication").
- location: the place named by most reports (where the act happened: not the site of what
  a deal is about, see `features.event_place`); ties go to the most specific (a city over
  its country), then to the first report.
- cameo: the code given by most reports; ties go to the most specific (longest) code, then
  to the code whose root has most votes.
- source / target: the actor (country or IGO) named by most reports in that role.
- modality, instrument: the value given by most reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from dyad.link.features import (
    actor_key,
    event_interval,
    event_place,
    instruments,
    interval_gap_days,
    is_weak_date,
    precision_rank,
)
from dyad.model import Event


@dataclass(frozen=True, slots=True)
class MemberRef:
    event_id: str
    doc_id: str
    source_name: str | None
    sentence_index: int


@dataclass(frozen=True, slots=True)
class ClusterRecord:
    cluster_id: str
    members: tuple[MemberRef, ...]
    n_sources: int  # distinct source names (doc id when the source is unknown)
    first_reported: str | None
    last_reported: str | None
    best: dict[str, dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "members": [
                {
                    "event_id": m.event_id,
                    "doc_id": m.doc_id,
                    "source_name": m.source_name,
                    "sentence_index": m.sentence_index,
                }
                for m in self.members
            ],
            "n_events": len(self.members),
            "n_sources": self.n_sources,
            "first_reported": self.first_reported,
            "last_reported": self.last_reported,
            "best": self.best,
        }


def source_of(e: Event) -> str:
    """Who reported the event: the outlet name, or the document when it is unknown."""
    return e.source_name or f"doc:{e.doc_id}"


def _best_date(members: list[Event]) -> dict[str, Any] | None:
    explicit = [e for e in members if not is_weak_date(e) and event_interval(e) is not None]
    if explicit:
        values = Counter(e.date for e in explicit)
        # reports with one interval give the same support: count by distinct interval, so a
        # big cluster costs its distinct dates squared, not its reports squared
        spans = Counter(event_interval(e) for e in explicit)
        overlapping = {
            i: sum(n for j, n in spans.items() if j is not None and interval_gap_days(i, j) == 0)
            for i in spans
            if i is not None
        }

        def support(e: Event) -> int:
            ie = event_interval(e)
            assert ie is not None
            return overlapping[ie] - 1  # not itself

        ordered = sorted(
            enumerate(explicit),
            key=lambda p: (
                -support(p[1]),
                -precision_rank(p[1]),
                -values[p[1].date],
                p[1].published or "",
                p[0],
            ),
        )
        best = ordered[0][1]
        rule = (
            f"most precise date compatible with {support(best)} of "
            f"{len(explicit) - 1} other dated reports"
            if len(explicit) > 1
            else "the only report with a date of its own"
        )
        return {"value": best.date, "precision": best.date_precision, "rule": rule}
    published = sorted(e.published for e in members if e.published)
    if published:
        return {"value": published[0], "precision": "publication", "rule": "publication"}
    return None


def _majority(
    members: list[Event],
    key: Callable[[Event], Hashable | None],
    value: Callable[[Event], Any],
    tie: Callable[[Event], tuple[Any, ...]] | None = None,
) -> dict[str, Any] | None:
    voters = [e for e in members if key(e) is not None]
    if not voters:
        return None
    votes = Counter(key(e) for e in voters)
    ranked = sorted(
        enumerate(voters),
        key=lambda p: (-votes[key(p[1])], *(tie(p[1]) if tie else ()), p[0]),
    )
    winner = ranked[0][1]
    n = votes[key(winner)]
    contested = len(votes) > 1 and list(votes.values()).count(n) > 1
    rule = f"majority ({n} of {len(voters)})" + (", tie broken by specificity" if contested else "")
    return {"value": value(winner), "rule": rule}


def _place_key(e: Event) -> str | None:
    loc = event_place(e) or {}
    name = loc.get("name")
    return str(name).casefold() if name else None


def _place_specificity(e: Event) -> tuple[int]:
    feature = str((event_place(e) or {}).get("feature") or "")
    return (0 if feature in ("city", "venue") else 1,)


def _code_tie(members: list[Event]) -> Callable[[Event], tuple[int, int]]:
    roots = Counter(e.cameo_root for e in members if e.cameo)
    return lambda e: (-len(e.cameo), -roots[e.cameo_root])


def _instrument_key(e: Event) -> str | None:
    found = instruments(e)
    return str(found[0]["key"]) if found else None


def summarize_cluster(cluster_id: str, members: list[Event]) -> ClusterRecord:
    """The cluster record of `members` (events of one cluster, in any order)."""
    ordered = sorted(members, key=lambda e: (e.published or "", e.doc_id, e.sentence_index))
    published = [e.published for e in ordered if e.published]
    best: dict[str, dict[str, Any]] = {}
    candidates: dict[str, dict[str, Any] | None] = {
        "date": _best_date(ordered),
        "location": _majority(ordered, _place_key, event_place, _place_specificity),
        "cameo": _majority(
            ordered, lambda e: e.cameo or None, lambda e: e.cameo, _code_tie(ordered)
        ),
        "source": _majority(ordered, lambda e: actor_key(e.source), lambda e: e.source),
        "target": _majority(ordered, lambda e: actor_key(e.target), lambda e: e.target),
        "modality": _majority(ordered, lambda e: e.modality, lambda e: e.modality),
        "instrument": _majority(
            ordered, _instrument_key, lambda e: instruments(e)[0] if instruments(e) else None
        ),
    }
    for name, estimate in candidates.items():
        if estimate is not None:
            best[name] = estimate
    return ClusterRecord(
        cluster_id=cluster_id,
        members=tuple(
            MemberRef(e.event_id, e.doc_id, e.source_name, e.sentence_index) for e in ordered
        ),
        n_sources=len({source_of(e) for e in ordered}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        best=best,
    )
