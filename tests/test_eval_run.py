"""`run_eval` end to end: the real pipeline over gold files, floors, and the shared benchmark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyad.config import Settings
from dyad.eval.run import run_eval

SHARED = Path(__file__).resolve().parents[2] / "shared"
PLOVER_DEV = SHARED / "bench" / "plover_gsr_dev.jsonl"
SAMPLE_GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold.jsonl"


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_sentence_gold_floors(tmp_path: Path) -> None:
    gold = write(
        tmp_path / "plover_like.jsonl",
        [
            {"id": "g1", "text": "Turkey threatened to impose sanctions on Iraq.",
             "plover": "THREATEN", "quad_class": 3,
             "source": [{"code": "TUR"}], "target": [{"code": "IRQ"}]},
            {"id": "g2", "text": "Israeli aircraft bombed Syrian air defences on Sunday.",
             "plover": "ASSAULT", "quad_class": 4,
             "source": [{"code": "ISR"}], "target": [{"code": "SYR"}]},
            {"id": "g3", "text": "Cuba and Mexico signed a trade agreement.",
             "plover": "AGREE", "quad_class": 1,
             "source": [{"code": "CUB"}, {"code": "MEX"}], "target": []},
        ],
    )  # fmt: skip
    report, ok = run_eval(gold, Settings(), min_plover_macro_f1=0.6, min_quad_acc=0.6)
    assert report.kind == "sentence" and report.n_gold == 3
    assert ok and report.plover_accuracy == 1.0 and report.actor_agreement == 1.0
    report, ok = run_eval(gold, Settings(), min_f1=1.01)
    assert not ok and any("floor not met" in n for n in report.notes)
    assert report.timing["coding alone, sentences/s"] > 0


def test_document_gold_reads_the_articles_next_to_it(tmp_path: Path) -> None:
    text = (
        "Russia and Iran signed a defence agreement in Tehran on Tuesday. "
        "Moscow refused to deliver the air defence systems to Iran."
    )
    write(tmp_path / "news.jsonl", [{"id": "n1", "text": text, "published": "2015-01-21"}])
    gold = write(
        tmp_path / "gold.jsonl",
        [{"doc_id": "n1", "published": "2015-01-21", "events": [
            {"text": "Russia and Iran signed a defence agreement", "cameo": "057",
             "source": "RUS", "target": "IRN", "symmetric": True, "modality": "asserted"},
            {"text": "Moscow refused to deliver", "cameo": "1222", "source": "RUS",
             "target": "IRN", "symmetric": False, "modality": "asserted"}]}],
    )  # fmt: skip
    report, ok = run_eval(gold, Settings(), min_f1=0.9)
    assert report.kind == "document"
    assert (report.true_positives, report.recall, report.precision) == (2, 1.0, 1.0)
    assert ok and report.root_accuracy == 1.0 and report.modality_accuracy == 1.0


@pytest.mark.skipif(not PLOVER_DEV.exists(), reason="shared PLOVER benchmark not available")
def test_plover_benchmark_floor() -> None:
    # floors just under the measured figures (macro-F1 0.892, quad accuracy 0.903, type
    # accuracy 0.867): a change that makes the coder worse on the benchmark fails here
    report, ok = run_eval(PLOVER_DEV, Settings(), min_plover_macro_f1=0.885, min_quad_acc=0.895)
    assert ok, report.render(5)
    assert report.n_gold > 100
    assert report.plover_accuracy >= 0.86, report.render(5)


@pytest.mark.skipif(not SAMPLE_GOLD.exists(), reason="samples/gold.jsonl not available")
def test_sample_gold_floor() -> None:
    # floors just under the measured figures (F1 0.870, root accuracy 0.913)
    report, ok = run_eval(SAMPLE_GOLD, Settings(), min_f1=0.86)
    assert ok, report.render(5)
    assert report.root_accuracy is not None and report.root_accuracy >= 0.90, report.render(5)
