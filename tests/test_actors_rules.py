"""Coreference and alias rules of the actor layer, one mention at a time.

test_actors_accuracy.py holds floors over categories; the records of the categories below
(written for dyad in tests/data/actor_mentions.jsonl) must each resolve exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from test_actors_accuracy import _judge

DATA = Path(__file__).parent / "data" / "actor_mentions.jsonl"
STRICT = frozenset(
    {
        "coref_surname",
        "coref_kingdom",
        "coref_igo",
        "coref_people_group",
        "coref_ministry",
        "coref_plural_role",
    }
)


def _rows() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["category"] in STRICT]


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load(None))


def test_every_rule_has_mentions() -> None:
    assert {r["category"] for r in _rows()} == STRICT


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['category']}-{r['mention']}")
def test_rule_mention(row: dict[str, Any], nlp: Any, resolver: ActorResolver) -> None:
    doc = nlp(row["text"])
    mentions = resolver.annotate(doc, dt.date.fromisoformat(row["published"]))
    ok, why = _judge(row, mentions)
    assert ok, (row["text"], why)
