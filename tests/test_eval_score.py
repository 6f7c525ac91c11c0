"""Scoring logic of `dyad eval` on hand-built results (no parser involved)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import GoldFormatError
from dyad.eval.gold import load_gold
from dyad.eval.score import evaluate_documents, evaluate_sentences, macro_f1
from dyad.events.codes import code_info
from dyad.model import Article, DocResult, Event

TEXT = "Russia and Iran signed a pact in Tehran. Moscow later refused to deliver the missiles."
SENTS = [(0, 0, 40, TEXT[:40]), (1, 41, len(TEXT), TEXT[41:])]


def state(code: str) -> dict[str, Any]:
    return {"text": code, "name": code, "country": code, "sector": None, "code": code,
            "person": None, "type": "state"}  # fmt: skip


def event(doc_id: str, si: int, cameo: str, src: str | None, tgt: str | None,
          sym: bool = False, conf: float = 0.8, n: int = 0) -> Event:  # fmt: skip
    info = code_info(cameo)
    return Event(
        event_id=f"e-{doc_id}-{si}-{cameo}-{n}",
        doc_id=doc_id,
        source_name=None,
        published=None,
        sentence=SENTS[si][3] if si < 2 else "",
        sentence_index=si,
        char_start=0,
        char_end=1,
        trigger="x",
        source=state(src) if src else None,
        target=state(tgt) if tgt else None,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=info.plover,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        confidence=conf,
        symmetric=sym,
    )


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def doc_gold(tmp_path: Path) -> Path:
    return write(
        tmp_path / "gold.jsonl",
        [
            {
                "doc_id": "d1",
                "published": "2015-01-21",
                "events": [
                    {"text": "Russia and Iran signed a pact", "cameo": "057", "source": "IRN",
                     "target": "RUS", "symmetric": True, "modality": "asserted"},
                    {"text": "Moscow later refused to deliver", "cameo": "1222", "source": "RUS",
                     "target": "IRN", "symmetric": False, "modality": "asserted"},
                ],
            }
        ],
    )  # fmt: skip


def test_gold_forms_are_detected(tmp_path: Path) -> None:
    assert load_gold(doc_gold(tmp_path)).kind == "document"
    sent = write(
        tmp_path / "s.jsonl",
        [{"id": "a", "text": "X attacked Y.", "plover": "ASSAULT", "quad_class": 4,
          "source": [{"text": "X", "code": "RUS"}], "target": [{"text": "Y", "code": "UKR"}]}],
    )  # fmt: skip
    gold = load_gold(sent)
    assert gold.kind == "sentence" and gold.sentence_articles[0].doc_id == "a"
    bad = write(tmp_path / "bad.jsonl", [{"foo": 1}])
    with pytest.raises(GoldFormatError):
        load_gold(bad)
    (tmp_path / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError):
        load_gold(tmp_path / "broken.jsonl")


def test_document_scoring_matches_root_sentence_and_actors(tmp_path: Path) -> None:
    gold = load_gold(doc_gold(tmp_path))
    article = Article("d1", TEXT, "h")
    events = [
        event("d1", 0, "057", "RUS", "IRN", sym=True, conf=0.9),  # symmetric: either order
        event("d1", 1, "120", "RUS", None, conf=0.6, n=1),  # right root, target missing
        event("d1", 1, "190", "RUS", "IRN", conf=0.3, n=2),  # a false positive
    ]
    rep = evaluate_documents([DocResult(article, SENTS, [], events)], gold)
    assert rep.true_positives == 1
    assert rep.precision == pytest.approx(1 / 3, abs=1e-3)
    assert rep.recall == pytest.approx(0.5, abs=1e-3)
    assert rep.root_accuracy == pytest.approx(
        1.0, abs=1e-3
    )  # both gold events have a same-root reading
    kinds = {e["kind"] for e in rep.errors}
    assert "false positive" in kinds and "wrong" in kinds
    assert rep.calibration and all(0 <= b["precision"] <= 1 for b in rep.calibration)
    text = rep.render()
    assert "precision" in text and "confusion" in text and "calibration" in text


def test_sentence_scoring_and_macro_f1(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl",
        [
            {"id": "a", "text": "A.", "plover": "ASSAULT", "quad_class": 4,
             "source": [{"code": "RUS"}], "target": [{"code": "UKR"}]},
            {"id": "b", "text": "B.", "plover": "AGREE", "quad_class": 1,
             "source": [{"code": "RUS"}, {"code": "IRN"}], "target": []},
            {"id": "c", "text": "C.", "plover": "REQUEST", "quad_class": 3,
             "source": [{"code": "USA"}], "target": [{"code": "PRK"}]},
        ],
    )  # fmt: skip
    gold = load_gold(path)
    results = [
        DocResult(Article("a", "A.", "h"), [], [], [event("a", 0, "190", "RUS", "UKR")]),
        DocResult(Article("b", "B.", "h"), [], [], [event("b", 0, "030", "IRN", "RUS", sym=True)]),
        DocResult(Article("c", "C.", "h"), [], [], [event("c", 0, "111", "USA", "PRK")]),
    ]
    rep = evaluate_sentences(results, gold)
    assert rep.plover_accuracy == pytest.approx(2 / 3, abs=1e-3)
    assert rep.per_type_f1["REQUEST"] == 0.0 and rep.per_type_f1["ASSAULT"] == 1.0
    assert rep.quad_accuracy == pytest.approx(
        1.0, abs=1e-3
    )  # ACCUSE and REQUEST are both verbal conflict
    assert rep.actor_agreement == pytest.approx(
        1.0, abs=1e-3
    )  # the reciprocal pair matches either order
    assert rep.confusion["REQUEST"] == {"ACCUSE": 1}


def test_macro_f1_counts_false_positives_per_label() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "NONE")]
    macro, per = macro_f1(pairs, ["A", "B", "C"])
    assert per["A"] == pytest.approx(2 / 3, abs=1e-3)
    assert per["B"] == pytest.approx(2 / 3, abs=1e-3)
    assert per["C"] == 0.0
    assert macro == pytest.approx((2 / 3 + 2 / 3) / 3, abs=1e-3)


def test_document_scoring_counts_events_at_the_gold_grain(tmp_path: Path) -> None:
    """Two predictions that differ only below the gold's grain (two people of one state as
    targets) are one event for document gold: one true positive, no false positive."""
    gold = load_gold(doc_gold(tmp_path))
    article = Article("d1", TEXT, "h")
    person = {**state("IRN"), "code": "IRNGOV", "type": "person", "person": "A"}
    events = [
        event("d1", 1, "1222", "RUS", "IRN", conf=0.7, n=1),
        replace(event("d1", 1, "1222", "RUS", None, conf=0.6, n=2), target=person),
    ]
    rep = evaluate_documents([DocResult(article, SENTS, [], events)], gold)
    assert rep.n_pred == 1
    assert rep.true_positives == 1
    assert rep.precision == pytest.approx(1.0)
    # a different code in the same sentence is still a second event
    events.append(event("d1", 1, "120", "RUS", "IRN", conf=0.5, n=3))
    rep = evaluate_documents([DocResult(article, SENTS, [], events)], gold)
    assert rep.n_pred == 2
