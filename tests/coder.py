"""A coder for rule tests: the real resolver, lexicon and extractor over one parsed text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.events.extract import extract_events
from dyad.events.lexicon import load_lexicon
from dyad.model import Article, Event

Coder = Callable[[str], list[Event]]


def make_coder(nlp: Any, day: dt.date) -> Coder:
    resolver = ActorResolver(KnowledgeBase.load())
    lexicon = load_lexicon()

    def run(text: str) -> list[Event]:
        doc = nlp(text)
        article = Article("t", text, "hash", source_name="Test Wire", published=day)
        return extract_events(doc, resolver.annotate(doc, day), article, lexicon)

    return run
