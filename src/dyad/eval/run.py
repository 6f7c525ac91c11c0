"""`dyad eval GOLD.jsonl`: run the pipeline over the gold documents and score the events."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.errors import GoldFormatError
from dyad.eval.gold import Gold, load_gold
from dyad.eval.score import Report, evaluate_documents, evaluate_sentences
from dyad.model import Article, DocResult


@dataclass(slots=True)
class _DirectPipeline:
    """spaCy + actor resolution + event coding, for when the full pipeline cannot load."""

    nlp: Any
    resolver: Any
    lexicon: Any
    clock: dict[str, float]

    def process(self, articles: Iterable[Article]) -> Iterator[DocResult]:
        from dyad.events.extract import extract_events

        for article in articles:
            t0 = time.perf_counter()
            doc = self.nlp(article.text)
            t1 = time.perf_counter()
            mentions = self.resolver.annotate(doc, article.published)
            t2 = time.perf_counter()
            events = extract_events(doc, mentions, article, self.lexicon)
            t3 = time.perf_counter()
            self.clock["parse"] = self.clock.get("parse", 0.0) + t1 - t0
            self.clock["actors"] = self.clock.get("actors", 0.0) + t2 - t1
            self.clock["events"] = self.clock.get("events", 0.0) + t3 - t2
            sents = [(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
            yield DocResult(article, sents, mentions, events)


def _load_direct(settings: Settings) -> _DirectPipeline:
    import spacy

    from dyad.actors.kb import KnowledgeBase
    from dyad.actors.resolver import ActorResolver
    from dyad.events.lexicon import load_lexicon

    nlp = spacy.load(settings.model)
    resolver = ActorResolver(KnowledgeBase.load(settings.user_actors))
    return _DirectPipeline(nlp, resolver, load_lexicon(), {})


def load_articles(gold: Gold, gold_path: Path, settings: Settings) -> list[Article]:
    """The documents the gold refers to: the sentences themselves (sentence gold) or the
    articles found next to the gold file (document gold)."""
    if gold.kind == "sentence":
        return list(gold.sentence_articles)
    from dyad.ingest.readers import iter_inputs

    wanted = set(gold.doc_ids)
    found: dict[str, Article] = {}
    for item in iter_inputs([str(gold_path.parent)], settings.max_doc_chars):
        if isinstance(item, Article) and item.doc_id in wanted:
            found.setdefault(item.doc_id, item)
    if not found:
        raise GoldFormatError(f"{gold_path}: none of the gold documents found next to it")
    return [found[d] for d in gold.doc_ids if d in found]


def _collect(runner: Iterable[Any], notes: list[str]) -> list[DocResult]:
    results: list[DocResult] = []
    for item in runner:
        if isinstance(item, Exception):
            notes.append(f"document failed: {item}")
            continue
        results.append(item)
    return results


def run_pipeline(
    articles: list[Article], settings: Settings
) -> tuple[list[DocResult], dict[str, float], list[str]]:
    """Run `dyad.pipeline.Pipeline`; if one of its stages cannot be imported (the tree is
    being built in parallel), fall back to spaCy + actors + events, and say so in the notes."""
    notes: list[str] = []
    try:
        from dyad.pipeline import Pipeline

        pipeline: Any = Pipeline.load(settings)
        results = _collect(pipeline.process(articles), notes)
        return results, {k: float(v) for k, v in pipeline.clock.seconds.items()}, notes
    except ImportError as exc:
        notes.append(f"full pipeline unavailable ({exc}); coded with spaCy + actors + events")
    direct = _load_direct(settings)
    results = _collect(direct.process(articles), notes)
    return results, dict(direct.clock), notes


def run_eval(
    gold_path: Path,
    settings: Settings,
    min_f1: float | None = None,
    min_plover_macro_f1: float | None = None,
    min_quad_acc: float | None = None,
) -> tuple[Report, bool]:
    """Score the pipeline on a gold file; the bool is False when a requested floor is not met."""
    from dyad.events.places import load_gazetteer

    gold = load_gold(gold_path)
    articles = load_articles(gold, gold_path, settings)
    load_gazetteer()  # a one-time load per process: keep it out of the per-document timing
    results, clock, notes = run_pipeline(articles, settings)
    if gold.kind == "sentence":
        report = evaluate_sentences(results, gold)
    else:
        report = evaluate_documents(results, gold)
    report.notes[:0] = notes
    n_sent = sum(len(r.sentences) for r in results)
    if clock.get("events"):
        report.timing["coding alone, sentences/s"] = n_sent / clock["events"]
        report.timing["coding ms/doc"] = 1000 * clock["events"] / max(1, len(results))
    if clock.get("parse"):
        report.timing["spaCy parse ms/doc"] = 1000 * clock["parse"] / max(1, len(results))
    ok = True
    for name, floor, value in (
        ("F1", min_f1, report.f1),
        ("PLOVER macro-F1", min_plover_macro_f1, report.plover_macro_f1),
        ("quad accuracy", min_quad_acc, report.quad_accuracy),
    ):
        if floor is not None and value < floor:
            ok = False
            report.notes.append(f"floor not met: {name} {value:.3f} < {floor:.3f}")
    return report, ok
