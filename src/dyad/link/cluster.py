"""Incremental clustering of coded events into real-world events across sources.

New events are compared only with stored events of the same blocking key (unordered dyad +
CAMEO family, see `dyad.link.families`; events missing one side meet the dyads of the side
they have, see `candidate_keys`) and with the new events before them in the batch.
Each joins the cluster holding its best-scoring partner when that score reaches
`LinkConfig.link_threshold`, or starts a new cluster. Stored assignments never change, so
clustering a new batch never recomputes the database, and the same input in the same order
gives the same cluster ids.

Events of one document are reports by one source: a document's event joins a cluster that
already holds an event of the same document only when it scores at least
`same_doc_threshold` against it (a repeat within the article, "the signing ... the deal
signed on Tuesday"), which keeps two different events of one article apart; two predicates
of one sentence ("cancelled the delivery and put a halt to cooperation") never merge.

Thresholds and weights: `LinkConfig` (documented in `dyad.link.config`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Protocol

from dyad.link.config import LinkConfig
from dyad.link.families import NEIGHBOUR_FAMILIES
from dyad.link.features import dyad_key, family
from dyad.link.scoring import FactsMemo, score_pair
from dyad.model import Event

__all__ = [
    "LinkConfig",
    "assign_clusters",
    "blocking_key",
    "candidate_keys",
    "key_matches",
    "new_cluster_id",
    "score_pair",
]


def blocking_key(e: Event) -> str:
    """Unordered dyad + code family, e.g. "IRN|RUS|refuse"."""
    return f"{dyad_key(e)}|{family(e)}"


def new_cluster_id(first_event_id: str) -> str:
    return "c-" + hashlib.sha1(first_event_id.encode("utf-8")).hexdigest()[:12]


def _same_trigger(a: Event, b: Event) -> bool:
    if a.trigger_end > a.trigger_start and b.trigger_end > b.trigger_start:
        return a.trigger_start < b.trigger_end and b.trigger_start < a.trigger_end
    return a.trigger == b.trigger


def _cluster_score(
    event: Event, members: list[Event], cfg: LinkConfig, facts: FactsMemo
) -> float | None:
    """How well `event` fits a cluster; None when the cluster is barred to it.

    The best score against a member (a member of a neighbouring code family counts the
    cross-family margin less), plus `w_support` when a second member also scores above the
    threshold: between two near-equal candidates, the cluster with corroboration wins (a
    tie-break only: the bonus does not grow with the cluster, so big clusters do not
    attract).
    """
    scores: list[float] = []
    same_doc_ok = True
    has_same_doc = False
    own_family = family(event)
    margin = cfg.cross_family_threshold - cfg.link_threshold
    for member in members:
        score, _ = score_pair(event, member, cfg, facts)
        if family(member) != own_family:
            score -= margin
        if member.doc_id == event.doc_id:
            if member.sentence_index == event.sentence_index and not _same_trigger(event, member):
                return None  # two predicates of one sentence are two events
            has_same_doc = True  # the pair score carries the same-document penalty
            same_doc_ok = same_doc_ok and score >= cfg.link_threshold
        scores.append(score)
    if not scores or (has_same_doc and not same_doc_ok):
        return None
    supporting = sum(1 for s in scores if s >= cfg.link_threshold)
    return max(scores) + (cfg.w_support if supporting >= 2 else 0.0)


def candidate_keys(e: Event) -> list[str]:
    """The blocking keys whose stored events may report the same event as `e`.

    Its own key first, then the same for the neighbouring code families (see
    `dyad.link.families`). An event with both sides known also meets one-sided events of
    either side ("-|IRN|refuse", "-|RUS|refuse": the coder missed the other actor). A
    one-sided event meets every dyad of its side, through patterns in which "*" stands for
    any one actor code ("RUS|*|refuse", "*|RUS|refuse"), and the one-sided events of the
    other states its sentence names (attribute `sentence_countries`).
    """
    own = blocking_key(e)
    sides = own.split("|")[:2]
    known = sorted({s for s in sides if s != "-"})
    keys = [own]
    for fam in (family(e), *NEIGHBOUR_FAMILIES.get(family(e), ())):
        keys.append(f"{sides[0]}|{sides[1]}|{fam}")
        if len(known) == 2:
            keys += [f"-|{known[0]}|{fam}", f"-|{known[1]}|{fam}"]
        elif len(known) == 1:
            keys += [f"{known[0]}|*|{fam}", f"*|{known[0]}|{fam}"]
            # two reports that each found a different side only: meet the one-sided events
            # of the other states the sentence names
            for other in e.attributes.get("sentence_countries") or ():
                if other not in known:
                    keys.append(f"-|{other}|{fam}")
    return list(dict.fromkeys(keys))


def key_matches(pattern: str, key: str) -> bool:
    """Whether a blocking key matches a key or pattern of `candidate_keys`."""
    parts, actual = pattern.split("|"), key.split("|")
    return len(parts) == len(actual) and all(
        p in ("*", a) for p, a in zip(parts, actual, strict=True)
    )


class _BatchIndex:
    """This batch's already-assigned events by blocking key, for the patterns of
    `candidate_keys`: an exact key is one dict lookup, and so is a pattern with one "*" (by
    the key's other side and family), never a scan of the batch."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[int, Event]]] = {}
        self._by_side: dict[tuple[int, str, str], list[str]] = {}  # (side, code, family)
        self._size = 0

    def add(self, key: str, event: Event) -> None:
        if key not in self._by_key:
            self._by_key[key] = []
            parts = key.split("|")
            if len(parts) == 3:
                for side in (0, 1):
                    self._by_side.setdefault((side, parts[side], parts[2]), []).append(key)
        self._by_key[key].append((self._size, event))
        self._size += 1

    def _keys_for(self, pattern: str) -> list[str]:
        parts = pattern.split("|")
        if "*" not in pattern:
            return [pattern] if pattern in self._by_key else []
        if len(parts) == 3 and parts.count("*") == 1:
            side = 1 if parts[0] == "*" else 0
            return self._by_side.get((side, parts[side], parts[2]), [])
        return [k for k in self._by_key if key_matches(pattern, k)]

    def matching(self, patterns: list[str]) -> list[Event]:
        """Events whose key matches any pattern, in the order they were added."""
        found: dict[int, Event] = {}
        for pattern in patterns:
            for key in self._keys_for(pattern):
                found.update(self._by_key[key])
        return [found[i] for i in sorted(found)]


class StoredCandidate(Protocol):
    """A stored event known by its ids, read in full (`load`) only if it is scored: most
    candidates of a big block are skipped (their cluster already has enough members)."""

    @property
    def event_id(self) -> str: ...

    @property
    def cluster_id(self) -> str | None: ...

    def load(self) -> Event: ...


def _stored_members(
    event: Event,
    keys: list[str],
    stored: dict[str, Sequence[Event | StoredCandidate]],
    candidates: Callable[[str], Sequence[Event | StoredCandidate]],
    new_ids: set[str],
    cfg: LinkConfig,
) -> dict[str, list[Event | StoredCandidate]]:
    """The stored events `event` is scored against, by cluster, in order of meeting.

    Candidates come newest first: a big cluster is judged by its latest reports, and at
    most `max_clusters_scored` clusters are met (the rest are older or further).
    """
    clusters: dict[str, list[Event | StoredCandidate]] = {}
    seen: set[str] = set()
    for key in keys:
        if key not in stored:
            stored[key] = candidates(key)
        for other in stored[key]:
            cid = other.cluster_id
            if not cid or other.event_id in seen or other.event_id in new_ids:
                continue
            seen.add(other.event_id)
            if cid not in clusters and len(clusters) >= cfg.max_clusters_scored:
                continue
            members = clusters.setdefault(cid, [])
            if len(members) < cfg.max_members_scored:
                members.append(other)
    return clusters


def assign_clusters(
    new_events: list[Event],
    candidates: Callable[[str], Sequence[Event | StoredCandidate]],
    cfg: LinkConfig,
    preload: Callable[[list[StoredCandidate]], None] | None = None,
) -> dict[str, str]:
    """Map each new event id to a cluster id (existing or new). Pure: events are not changed.

    `candidates(key)` returns stored events (or `StoredCandidate`s) with that blocking key (or
    matching that pattern, see `candidate_keys`), newest first, their `cluster_id` set; it is
    called at most once per key. `preload`, if given, is called once with every
    `StoredCandidate` that will be scored, before any is loaded (one read for the batch).
    """
    stored: dict[str, Sequence[Event | StoredCandidate]] = {}  # key or pattern -> candidates
    new_ids = {e.event_id for e in new_events}
    # which stored events each new event meets does not depend on this batch's assignments
    selected = {
        e.event_id: _stored_members(e, candidate_keys(e), stored, candidates, new_ids, cfg)
        for e in new_events
    }
    if preload is not None:
        wanted = {
            id(m): m
            for chosen in selected.values()
            for members in chosen.values()
            for m in members
            if not isinstance(m, Event)
        }
        preload(list(wanted.values()))
    batch = _BatchIndex()  # this batch's events, by blocking key, in order
    facts = FactsMemo()  # each event's facts read once, however many pairs it is in
    assigned: dict[str, str] = {}
    for event in new_events:
        if event.event_id in assigned:
            continue  # the same event twice in one batch
        clusters: dict[str, list[Event]] = {
            cid: [m if isinstance(m, Event) else m.load() for m in members]
            for cid, members in selected[event.event_id].items()
        }
        # this batch's members of a cluster are always all added
        for other in batch.matching(candidate_keys(event)):
            clusters.setdefault(assigned[other.event_id], []).append(other)
        best_id: str | None = None
        best_score = cfg.link_threshold
        for cluster_id, members in clusters.items():
            score = _cluster_score(event, members, cfg, facts)
            # ties keep the cluster met first, so results follow the input order
            if (
                score is not None
                and score >= best_score
                and (best_id is None or score > best_score)
            ):
                best_id, best_score = cluster_id, score
        assigned[event.event_id] = best_id or new_cluster_id(event.event_id)
        batch.add(blocking_key(event), event)
    return assigned
