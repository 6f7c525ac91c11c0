"""Measure linking and conflict finding against a hand-made link set (tests/data/link_set.jsonl).

Each line is a group of short articles with the events a reader finds in them, named by
document id and a trigger substring; `same_event` lists the reports of each real-world
event, `different_event` explicit hard negatives, `conflicts` the planted disagreements as
(field, two document ids). Pairs of mentions within one `same_event` list are positives;
pairs across lists of one group and the explicit negatives are negatives.

Scores:
- linking: pairwise precision and recall over the labelled mention pairs whose two
  mentions were found among the coded events (`coverage` says how many were found);
- conflicts: precision and recall of (group, field, document pair) among the conflicts
  found in clusters, counting only pairs of found gold mentions.

`oracle_events` builds `Event`s from the gold values (actors, code, date, place, modality)
with attributes read from the text by `extract_attributes`: it measures the linker on its
own, apart from errors of the stages before it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from dyad.errors import GoldFormatError
from dyad.link.attributes import extract_attributes, token_at
from dyad.link.cluster import assign_clusters, blocking_key, key_matches
from dyad.link.config import LinkConfig
from dyad.link.conflicts import conflicting_pairs
from dyad.model import Event

Mention = tuple[str, str]  # (doc id, trigger substring)
IGO_CODES = frozenset({"EUR", "EU", "NAT", "UNO", "IGO", "AFR", "ARL", "ASN", "OPC"})


@dataclass(frozen=True, slots=True)
class LinkGroup:
    name: str
    articles: tuple[dict[str, str], ...]
    events: tuple[dict[str, Any], ...]
    same: tuple[tuple[Mention, ...], ...]
    different: tuple[tuple[Mention, Mention], ...]
    conflicts: tuple[tuple[str, frozenset[str]], ...]


@dataclass(slots=True)
class LinkReport:
    link_tp: int = 0
    link_fp: int = 0
    link_fn: int = 0
    link_tn: int = 0
    unscored_pairs: int = 0  # a mention of the pair was not found among the coded events
    mentions: int = 0
    found: int = 0
    conflict_tp: int = 0
    conflict_fp: int = 0
    conflict_fn: int = 0
    conflict_fn_unfound: int = 0  # missed because the coder did not find a report's event
    errors: list[str] = field(default_factory=list)

    @property
    def link_precision(self) -> float:
        return _ratio(self.link_tp, self.link_tp + self.link_fp)

    @property
    def link_recall(self) -> float:
        return _ratio(self.link_tp, self.link_tp + self.link_fn)

    @property
    def conflict_precision(self) -> float:
        return _ratio(self.conflict_tp, self.conflict_tp + self.conflict_fp)

    @property
    def conflict_recall(self) -> float:
        return _ratio(self.conflict_tp, self.conflict_tp + self.conflict_fn)

    @property
    def scorable_conflicts(self) -> int:
        """Planted conflicts whose reports the coder found."""
        return self.conflict_tp + self.conflict_fn - self.conflict_fn_unfound

    @property
    def conflict_recall_found(self) -> float:
        return _ratio(self.conflict_tp, self.scorable_conflicts)

    @property
    def coverage(self) -> float:
        return _ratio(self.found, self.mentions)

    def summary(self) -> str:
        return (
            f"mentions found {self.found}/{self.mentions}; "
            f"link P {self.link_precision:.3f} R {self.link_recall:.3f} "
            f"(tp {self.link_tp} fp {self.link_fp} fn {self.link_fn} tn {self.link_tn}, "
            f"unscored {self.unscored_pairs}); "
            f"conflict P {self.conflict_precision:.3f} R {self.conflict_recall:.3f} "
            f"(tp {self.conflict_tp} fp {self.conflict_fp} fn {self.conflict_fn}; "
            f"R {self.conflict_recall_found:.3f} over the {self.scorable_conflicts} "
            f"whose reports were found)"
        )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _mention(raw: Any, where: str) -> Mention:
    if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, str) for x in raw)):
        raise GoldFormatError(f"{where}: a mention is [doc_id, trigger], got {raw!r}")
    return raw[0], raw[1]


def parse_group(record: dict[str, Any], where: str) -> LinkGroup:
    try:
        same = tuple(tuple(_mention(x, where) for x in chain) for chain in record["same_event"])
        different: list[tuple[Mention, Mention]] = []
        for pair in record.get("different_event", []):
            if len(pair) != 2:
                raise GoldFormatError(f"{where}: different_event entries are pairs")
            different.append((_mention(pair[0], where), _mention(pair[1], where)))
        conflicts = tuple(
            (str(c["field"]), frozenset(str(d) for d in c["docs"]))
            for c in record.get("conflicts", [])
        )
        return LinkGroup(
            name=str(record["group"]),
            articles=tuple(record["articles"]),
            events=tuple(record.get("events", [])),
            same=same,
            different=tuple(different),
            conflicts=conflicts,
        )
    except (KeyError, TypeError) as exc:
        raise GoldFormatError(f"{where}: {exc!r}") from exc


def load_link_set(path: Path) -> list[LinkGroup]:
    groups: list[LinkGroup] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{n}: {exc}") from exc
        groups.append(parse_group(record, f"{path}:{n}"))
    return groups


def labelled_pairs(group: LinkGroup) -> tuple[set[frozenset[Mention]], set[frozenset[Mention]]]:
    """(positive pairs, negative pairs) of mentions of one group."""
    positives: set[frozenset[Mention]] = set()
    for chain in group.same:
        positives.update(frozenset(p) for p in combinations(chain, 2) if p[0] != p[1])
    negatives: set[frozenset[Mention]] = {frozenset(p) for p in group.different}
    for c1, c2 in combinations(group.same, 2):
        negatives.update(frozenset((a, b)) for a in c1 for b in c2)
    return positives, negatives - positives


def match_mentions(
    groups: Iterable[LinkGroup], events: list[Event], texts: dict[str, str]
) -> dict[Mention, Event]:
    """The coded event for each gold mention: its trigger overlaps the gold trigger text."""
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id, []).append(e)
    found: dict[Mention, Event] = {}
    for group in groups:
        mentions = {m for chain in group.same for m in chain}
        mentions |= {m for pair in group.different for m in pair}
        for doc_id, trigger in sorted(mentions):
            text = texts.get(doc_id, "")
            start = text.find(trigger)
            if start < 0:
                continue
            end = start + len(trigger)
            for e in by_doc.get(doc_id, []):
                if e.trigger_end > e.trigger_start:
                    hit = e.trigger_start < end and start < e.trigger_end
                else:
                    hit = e.char_start <= start < e.char_end and (
                        e.trigger.lower() in trigger.lower() or trigger.lower() in e.trigger.lower()
                    )
                if hit:
                    found[(doc_id, trigger)] = e
                    break
    return found


def _lookup(stored: dict[str, list[Event]], key: str) -> list[Event]:
    """What a store answers for a key or a pattern of `candidate_keys`."""
    if "*" not in key:
        return list(stored.get(key, []))
    return [e for k, events in stored.items() if key_matches(key, k) for e in events]


def cluster_stream(
    events: list[Event], cfg: LinkConfig, docs_in_order: list[str]
) -> dict[str, str]:
    """Cluster documents one at a time as a store would: each is a batch."""
    stored: dict[str, list[Event]] = {}
    assigned: dict[str, str] = {}
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id, []).append(e)
    for doc_id in docs_in_order:
        batch = sorted(by_doc.get(doc_id, []), key=lambda e: (e.sentence_index, e.char_start))
        mapping = assign_clusters(batch, lambda key: _lookup(stored, key), cfg)
        for e in batch:
            assigned[e.event_id] = mapping[e.event_id]
            stored.setdefault(blocking_key(e), []).append(
                dataclasses.replace(e, cluster_id=mapping[e.event_id])
            )
    return assigned


def score(
    groups: list[LinkGroup], events: list[Event], texts: dict[str, str], clusters: dict[str, str]
) -> LinkReport:
    report = LinkReport()
    matched = match_mentions(groups, events, texts)
    gold_event_ids = {e.event_id for e in matched.values()}
    doc_group = {a["id"]: g.name for g in groups for a in g.articles}
    gold_conflicts: set[tuple[str, frozenset[str]]] = set()
    for group in groups:
        mentions = {m for chain in group.same for m in chain}
        report.mentions += len(mentions)
        report.found += sum(1 for m in mentions if m in matched)
        positives, negatives = labelled_pairs(group)
        for pair, same in [(p, True) for p in positives] + [(p, False) for p in negatives]:
            a, b = sorted(pair)
            ea, eb = matched.get(a), matched.get(b)
            if ea is None or eb is None:
                report.unscored_pairs += 1
                continue
            linked = clusters.get(ea.event_id) == clusters.get(eb.event_id) or ea is eb
            if linked and same:
                report.link_tp += 1
            elif linked:
                report.link_fp += 1
                report.errors.append(f"{group.name}: wrongly linked {a} ~ {b}")
            elif same:
                report.link_fn += 1
                report.errors.append(f"{group.name}: missed link {a} ~ {b}")
            else:
                report.link_tn += 1
        gold_conflicts.update((f, docs) for f, docs in group.conflicts)
    members: dict[str, list[Event]] = {}
    for e in events:
        if e.event_id in gold_event_ids:
            members.setdefault(clusters[e.event_id], []).append(e)
    predicted: set[tuple[str, frozenset[str]]] = set()
    for cluster_members in members.values():
        for name, first, _, second, _ in conflicting_pairs(cluster_members):
            predicted.add((name, frozenset((first.doc_id, second.doc_id))))
    for item in sorted(predicted, key=lambda x: (x[0], sorted(x[1]))):
        if item in gold_conflicts:
            report.conflict_tp += 1
        else:
            report.conflict_fp += 1
            groups_of = sorted({doc_group.get(d, "?") for d in item[1]})
            report.errors.append(
                f"{'/'.join(groups_of)}: spurious {item[0]} conflict {sorted(item[1])}"
            )
    found_docs = {doc_id for doc_id, _ in matched}
    for item in sorted(gold_conflicts - predicted, key=lambda x: (x[0], sorted(x[1]))):
        report.conflict_fn += 1
        if not item[1] <= found_docs:
            report.conflict_fn_unfound += 1
        report.errors.append(
            f"{doc_group.get(min(item[1]), '?')}: missed {item[0]} conflict {sorted(item[1])}"
        )
    return report


def describe_event(e: Event) -> str:
    """One line with what the coder gave an event: code, actors, date, place, attributes."""
    attrs = e.attributes or {}
    instrument = (attrs.get("instrument") or {}).get("key")
    venue = attrs.get("venue") or {}
    money = [str(a.get("text")) for a in attrs.get("amounts") or [] if a.get("currency")]
    loc = e.location or {}
    place = f"{loc.get('name')} ({loc.get('country')})" if loc.get("name") else "-"
    words = attrs.get("place_words") or []
    return (
        f"{e.doc_id} s{e.sentence_index} {e.trigger!r} {e.cameo} "
        f"{(e.source or {}).get('code') or '-'} -> {(e.target or {}).get('code') or '-'} "
        f"date {e.date}/{e.date_precision} place {place}"
        + (f" words {words}" if words else "")
        + f" {e.modality} instrument {instrument or '-'}"
        + (f" venue {venue.get('text')}/{venue.get('city')}" if venue else "")
        + (f" money {money}" if money else "")
    )


def explain_errors(report: LinkReport, events: list[Event]) -> list[str]:
    """Each error of `score` followed by the events coded in the documents it names."""
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id, []).append(e)
    lines: list[str] = []
    for error in report.errors:
        lines.append(error)
        named = sorted({d for d in by_doc if f"'{d}'" in error})
        for doc_id in named:
            lines.extend(f"    {describe_event(e)}" for e in by_doc[doc_id])
        if not named:
            lines.append("    (the coder found no event in these documents)")
    return lines


def _actor(code: str | None) -> dict[str, Any] | None:
    if not code:
        return None
    if code in IGO_CODES:
        return {"text": code, "name": code, "code": code, "country": None, "type": "igo"}
    return {"text": code, "name": code, "code": code, "country": code, "type": "state"}


def oracle_events(
    groups: list[LinkGroup], parse: Callable[[str], Doc]
) -> tuple[list[Event], dict[str, str]]:
    """Events with the gold values of the link set, attributes read from the parsed text."""
    events: list[Event] = []
    texts: dict[str, str] = {}
    for group in groups:
        articles = {a["id"]: a for a in group.articles}
        docs = {doc_id: parse(a["text"]) for doc_id, a in articles.items()}
        texts.update({doc_id: a["text"] for doc_id, a in articles.items()})
        for gold in group.events:
            article = articles[gold["doc"]]
            doc = docs[gold["doc"]]
            start = article["text"].find(gold["trigger"])
            if start < 0:
                raise GoldFormatError(f"{group.name}: trigger {gold['trigger']!r} not in text")
            end = start + len(gold["trigger"])
            index = token_at(doc, start, end)
            assert index is not None
            sent = doc[index].sent
            sentences = list(doc.sents)
            date = gold.get("date") or article["published"]
            events.append(
                Event(
                    event_id=f"{gold['doc']}:{gold['trigger']}",
                    doc_id=gold["doc"],
                    source_name=article["source"],
                    published=article["published"],
                    sentence=sent.text,
                    sentence_index=next(
                        i for i, s in enumerate(sentences) if s.start == sent.start
                    ),
                    char_start=sent.start_char,
                    char_end=sent.end_char,
                    trigger=gold["trigger"],
                    source=_actor(gold.get("src")),
                    target=_actor(gold.get("tgt")),
                    cameo=gold["cameo"],
                    cameo_root=gold["cameo"][:2],
                    plover=None,
                    quad_class=0,
                    goldstein=0.0,
                    date=date,
                    date_precision=gold.get("precision") or "publication",
                    date_start=date if gold.get("date_end") else None,
                    date_end=gold.get("date_end"),
                    location=gold.get("location"),
                    modality=gold.get("modality", "asserted"),
                    symmetric=bool(gold.get("symmetric")),
                    trigger_start=start,
                    trigger_end=end,
                    attributes=extract_attributes(doc, index),
                )
            )
    return events, texts


def documents_in_order(groups: list[LinkGroup]) -> list[str]:
    """All documents, oldest publication first (the order a news archive arrives in)."""
    articles = [a for g in groups for a in g.articles]
    return [a["id"] for a in sorted(articles, key=lambda a: (a["published"], a["id"]))]
