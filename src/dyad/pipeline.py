"""The pipeline: article -> parse -> actors -> events -> dates -> places -> attributes.

`Pipeline` is the one entry point used by the CLI, `dyad extract`, `dyad eval`, the web app
and the Ray workers. It holds the loaded resources (spaCy model, actor knowledge base, event
lexicon, gazetteer) and is otherwise stateless: `process` maps articles to `DocResult`s.
Cross-source linking is not here: it needs the store (see dyad.ingest.runner).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dyad.config import Settings
from dyad.errors import TimeBudgetError
from dyad.model import Article, DocResult, Event


@dataclass(slots=True)
class StageClock:
    """Seconds spent per stage, for the throughput benchmark's profile."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - since
        return now


class Pipeline:
    def __init__(
        self, settings: Settings, nlp: Any, resolver: Any, lexicon: Any, gazetteer: Any
    ) -> None:
        self.settings = settings
        self.nlp = nlp
        self.resolver = resolver
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.clock = StageClock()

    @classmethod
    def load(cls, settings: Settings) -> Pipeline:
        from dyad.actors.kb import KnowledgeBase
        from dyad.actors.resolver import ActorResolver
        from dyad.events.lexicon import load_lexicon
        from dyad.events.places import load_gazetteer as load_target_places
        from dyad.nlp.loader import load_nlp
        from dyad.places.gazetteer import load_gazetteer
        from dyad.places.towns import load_towns

        nlp = load_nlp(settings.model, settings.max_doc_chars, settings.max_sentence_chars)
        resolver = ActorResolver(KnowledgeBase.load(settings.user_actors))
        gazetteer = load_gazetteer(settings.min_city_population)
        load_target_places()  # built once here so the first document is not slow
        load_towns(settings.min_city_population)  # the small-town index, likewise
        pipeline = cls(settings, nlp, resolver, load_lexicon(), gazetteer)
        pipeline.warm_up()
        # The model, knowledge base and gazetteers are millions of long-lived objects: left
        # in the collector's generations, every full collection walks them all again (the
        # parse inside a 300-article ingest took 19% longer). Frozen, they are never
        # scanned; they are never garbage either, as the pipeline lives as long as the
        # process.
        gc.freeze()
        return pipeline

    def warm_up(self) -> None:
        """Code one short article written for the purpose, so every stage builds its lazy
        tables and regular expressions now: the first real document must not pay for them
        out of its time budget (E110)."""
        text = (
            "On 3 March 2015 the Russian defence minister signed a $2 billion contract in "
            "Tehran to supply S-300 missiles to Iran, the ministry said. Iran will hold "
            "talks with France in Geneva next week, according to Irna."
        )
        article = Article("dyad-warm-up", text, "", published=dt.date(2015, 3, 5))
        self.code_doc(self.nlp(text), article, budget=float("inf"))
        self.clock.seconds.clear()

    def process(self, articles: Iterable[Article]) -> Iterator[DocResult | Exception]:
        """Parse in batches with nlp.pipe and code each document.

        Yields a DocResult per article, or the named error that made one article fail its
        time budget, in input order.
        """
        s = self.settings
        texts = ((a.text, a) for a in articles)
        t = time.perf_counter()
        for doc, article in self.nlp.pipe(
            texts, as_tuples=True, batch_size=s.batch_size, n_process=s.n_process
        ):
            t = self.clock.add("parse", t)
            try:
                yield self.code_doc(doc, article)
            except TimeBudgetError as err:
                yield err
            t = time.perf_counter()

    def code_doc(self, doc: Any, article: Article, budget: float | None = None) -> DocResult:
        """Everything after the parse, for one document, within `budget` seconds (default:
        the `doc_time_budget_s` setting; over it, TimeBudgetError)."""
        from dyad.events.extract import extract_events
        from dyad.link.attributes import extract_attributes
        from dyad.places.geoparse import find_places
        from dyad.places.locate import location_for_event
        from dyad.time.attach import date_for_event

        if budget is None:
            budget = self.settings.doc_time_budget_s
        start = t = time.perf_counter()

        def check(stage: str) -> None:
            if time.perf_counter() - start > budget:
                raise TimeBudgetError(
                    f"{article.doc_id}: over the {budget:g}s budget at stage {stage}"
                )

        sents = list(doc.sents)
        sentences = [_trimmed(i, s.start_char, s.text) for i, s in enumerate(sents)]
        mentions = self.resolver.annotate(doc, article.published)
        t = self.clock.add("actors", t)
        check("actors")
        events: list[Event] = extract_events(doc, mentions, article, self.lexicon)
        t = self.clock.add("events", t)
        check("events")
        countries = frozenset(m.actor.country for m in mentions if m.actor.country)
        places = find_places(doc, countries, min_population=self.settings.min_city_population)
        t = self.clock.add("places", t)
        for event in events:
            # evidence is the sentence without the whitespace spaCy leaves at its end
            _, event.char_start, event.char_end, event.sentence = sentences[event.sentence_index]
            span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            trigger_i = span.root.i
            ref = date_for_event(doc, trigger_i, article.published)
            if ref is not None:
                event.date = ref.value
                event.date_precision = ref.precision
                event.date_text = ref.text
                event.date_start = ref.start.isoformat() if ref.start else None
                event.date_end = ref.end.isoformat() if ref.end else None
                if ref.suspicious:
                    event.confidence = round(event.confidence * 0.7, 3)
                    event.attributes["date_suspicious"] = True
            t = self.clock.add("time", t)
            place = location_for_event(doc, trigger_i, places)
            event.location = place.to_json() if place is not None else None
            t = self.clock.add("places", t)
            event.attributes.update(extract_attributes(doc, trigger_i))
            t = self.clock.add("attributes", t)
            check("dates and places")
        return DocResult(article=article, sentences=sentences, mentions=mentions, events=events)


def _trimmed(index: int, start: int, text: str) -> tuple[int, int, int, str]:
    """A sentence record without surrounding whitespace, offsets adjusted to match."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return index, start + lead, start + lead + len(body), body
