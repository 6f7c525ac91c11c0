"""Accuracy of the actor layer on hand-written mentions in context (tests/data/actor_mentions.jsonl).

Each record is a sentence written for dyad, a publication date, the exact words of one mention
and the actor they must resolve to (or null: the words must NOT be coded as an actor, e.g. a
capital used as a place). A group record lists one actor per member state on one span. The
test parses every sentence with the real spaCy model, runs `ActorResolver.annotate`, prints
accuracy by category and asserts floors set just under what the resolver reaches.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.model import Mention

DATA = Path(__file__).parent / "data" / "actor_mentions.jsonl"
FIELDS = ("country", "sector", "code", "person", "type")
OVERALL_FLOOR = 0.98
CATEGORY_FLOOR = 0.90


def _records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _actor_fields(m: Mention) -> dict[str, Any]:
    a = m.actor
    return {
        "country": a.country,
        "sector": a.sector,
        "code": a.code,
        "person": a.person,
        "type": a.type,
    }


def _judge(record: dict[str, Any], mentions: list[Mention]) -> tuple[bool, str]:
    text: str = record["text"]
    start = text.index(record["mention"])
    end = start + len(record["mention"])
    overlapping = [m for m in mentions if m.char_start < end and start < m.char_end]
    expected = record["expected"]
    if expected is None:
        if overlapping:
            return False, f"expected no actor, got {[(m.text, m.actor.code) for m in overlapping]}"
        return True, ""
    if not overlapping:
        return False, "no mention found"
    best = max(overlapping, key=lambda m: min(end, m.char_end) - max(start, m.char_start))
    span = [
        m for m in overlapping if (m.char_start, m.char_end) == (best.char_start, best.char_end)
    ]
    got = [_actor_fields(m) for m in span]
    if isinstance(expected, list):
        ok = sorted(e["code"] for e in expected) == sorted(g["code"] for g in got)
        return ok, "" if ok else f"group {[g['code'] for g in got]}"
    ok = len(got) == 1 and all(got[0][f] == expected[f] for f in FIELDS)
    return ok, "" if ok else f"got {got} from {best.text!r} ({best.method}: {best.evidence})"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load(None))


def test_data_file_is_large_and_well_formed() -> None:
    records = _records()
    assert len(records) >= 220
    categories = {r["category"] for r in records}
    assert {
        "exact", "alias", "variant", "typo", "demonym", "capital_metonym", "building_metonym",
        "igo", "title_only", "apposition", "unknown_person", "coref_pronoun",
        "coref_counterpart", "coref_group", "time_office", "org",
    } <= categories  # fmt: skip
    for r in records:
        assert r["mention"] in r["text"], r
        dt.date.fromisoformat(r["published"])


def test_accuracy_by_category(nlp: Any, resolver: ActorResolver) -> None:
    records = _records()
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=64))
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    failures: list[str] = []
    for record, doc in zip(records, docs, strict=True):
        mentions = resolver.annotate(doc, dt.date.fromisoformat(record["published"]))
        ok, why = _judge(record, mentions)
        total[record["category"]] += 1
        right[record["category"]] += ok
        if not ok:
            failures.append(
                f"[{record['category']}] {record['mention']!r} in {record['text']!r}: {why}"
            )
    print()
    for cat in sorted(total):
        print(f"{cat:18} {right[cat]:3d}/{total[cat]:3d}  {right[cat] / total[cat]:.1%}")
    overall = sum(right.values()) / sum(total.values())
    print(f"{'overall':18} {sum(right.values()):3d}/{sum(total.values()):3d}  {overall:.1%}")
    for line in failures:
        print("  FAIL", line)
    assert overall >= OVERALL_FLOOR, f"overall accuracy {overall:.1%} below {OVERALL_FLOOR:.0%}"
    low = {c: right[c] / total[c] for c in total if right[c] / total[c] < CATEGORY_FLOOR}
    assert not low, f"categories below {CATEGORY_FLOOR:.0%}: {low}"
