"""Focused behaviour of the actor resolver on sentences written for dyad (real spaCy model)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.model import Mention

JAN_2015 = dt.date(2015, 1, 26)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load(None))


def annotate(nlp: Any, resolver: ActorResolver, text: str, on: dt.date | None) -> list[Mention]:
    return resolver.annotate(nlp(text), on)


def find(mentions: list[Mention], words: str) -> list[Mention]:
    return [m for m in mentions if m.text == words]


def test_shoigu_and_shoygu_are_one_person_with_office_at_the_date(
    nlp: Any, resolver: ActorResolver
) -> None:
    text = (
        "Russian Defence Minister Sergei Shoigu landed in Tehran on Monday. "
        "A day later Shoygu toured a naval base on the coast."
    )
    ms = annotate(nlp, resolver, text, JAN_2015)
    people = [m for m in ms if m.actor.type == "person"]
    assert [m.actor.person for m in people] == ["Sergei Shoigu", "Sergei Shoigu"]
    assert {m.actor.code for m in people} == {"RUSMIL"}
    assert people[0].text == "Russian Defence Minister Sergei Shoigu"
    assert people[0].sentence_index == 0 and people[1].sentence_index == 1
    # offsets point into the text
    for m in ms:
        assert text[m.char_start : m.char_end] == m.text


def test_shoigu_in_2010_was_not_defence_minister(resolver: ActorResolver) -> None:
    r = resolver.resolve_name("Sergei Shoigu", dt.date(2010, 6, 1))
    assert r is not None
    assert r.actor.person == "Sergei Shoigu"
    assert r.actor.code == "RUSGOV"  # Minister of Emergency Situations then
    r15 = resolver.resolve_name("Sergei Shoigu", dt.date(2015, 6, 1))
    assert r15 is not None and r15.actor.code == "RUSMIL"


def test_typo_srgei_lavrov_is_accepted_only_with_context(nlp: Any, resolver: ActorResolver) -> None:
    ms = annotate(nlp, resolver, "Russian Foreign Minister Srgei Lavrov arrived late.", JAN_2015)
    (lav,) = [m for m in ms if m.actor.type == "person"]
    assert lav.actor.person == "Sergei Lavrov" and lav.actor.code == "RUSGOV"
    # a lookalike name with a contradicting nationality is not forced onto the known person
    ms = annotate(nlp, resolver, "Brazilian footballer Sergio Lavros scored twice.", JAN_2015)
    assert all(m.actor.person != "Sergei Lavrov" for m in ms)


def test_jarad_zarif_with_title(nlp: Any, resolver: ActorResolver) -> None:
    ms = annotate(
        nlp, resolver, "Iranian Foreign Minister Jarad Zarif said the talks went well.", JAN_2015
    )
    (z,) = [m for m in ms if m.actor.type == "person"]
    assert z.actor.person == "Mohammad Javad Zarif" and z.actor.code == "IRNGOV"


def test_fuzzy_variant_of_an_unlisted_spelling(nlp: Any, resolver: ActorResolver) -> None:
    ms = annotate(nlp, resolver, "Russian Foreign Minister Serghei Lavrov spoke.", JAN_2015)
    (lav,) = [m for m in ms if m.actor.type == "person"]
    assert lav.actor.person == "Sergei Lavrov"
    assert lav.method in {"variant", "fuzzy"}


def test_teheran_and_moscow_as_governments_and_as_places(nlp: Any, resolver: ActorResolver) -> None:
    ms = annotate(
        nlp,
        resolver,
        "Teheran rejected the offer. Later the envoy flew to Moscow, and Moscow said nothing.",
        JAN_2015,
    )
    assert [(m.text, m.actor.code, m.method) for m in ms] == [
        ("Teheran", "IRNGOV", "capital"),
        ("Moscow", "RUSGOV", "capital"),
    ]
    assert ms[1].char_start > ms[0].char_end + 30  # the second Moscow, not the destination


def test_the_kremlin(nlp: Any, resolver: ActorResolver) -> None:
    ms = annotate(nlp, resolver, "The Kremlin denied the report on Friday.", JAN_2015)
    (k,) = ms
    assert (k.text, k.actor.code, k.actor.type, k.method) == (
        "Kremlin",
        "RUSGOV",
        "state",
        "metonym",
    )


def test_his_iranian_counterpart_hussain_dehghan(nlp: Any, resolver: ActorResolver) -> None:
    text = (
        "Russian Defence Minister Sergey Shoygu signed the pact with his Iranian "
        "counterpart Hussain Dehghan in Tehran."
    )
    ms = annotate(nlp, resolver, text, JAN_2015)
    counterpart = find(ms, "his Iranian counterpart")
    assert len(counterpart) == 1
    assert counterpart[0].method == "coref"
    assert counterpart[0].actor.person == "Hossein Dehghan"
    assert counterpart[0].actor.code == "IRNMIL"
    (named,) = find(ms, "Hussain Dehghan")
    assert named.actor.person == "Hossein Dehghan"
    assert not find(ms, "Tehran")  # a place here


def test_the_two_countries_is_a_group_of_two_mentions(nlp: Any, resolver: ActorResolver) -> None:
    text = (
        "Russia and Iran signed a defence agreement on Tuesday. "
        "The two countries plan joint exercises in the spring."
    )
    ms = annotate(nlp, resolver, text, JAN_2015)
    group = find(ms, "The two countries")
    assert sorted(m.actor.code for m in group) == ["IRN", "RUS"]
    assert len({(m.char_start, m.char_end) for m in group}) == 1
    assert all(m.method == "coref" and m.sentence_index == 1 for m in group)


def test_the_russian_president_depends_on_the_date(nlp: Any, resolver: ActorResolver) -> None:
    text = "The Russian president signed the decree."
    (m2011,) = annotate(nlp, resolver, text, dt.date(2011, 6, 1))
    (m2015,) = annotate(nlp, resolver, text, dt.date(2015, 6, 1))
    assert m2011.actor.person == "Dmitry Medvedev"
    assert m2015.actor.person == "Vladimir Putin"
    assert m2011.actor.code == m2015.actor.code == "RUSGOV"


def test_sector_words_after_state_adjectives(nlp: Any, resolver: ActorResolver) -> None:
    text = (
        "The Iranian navy and Russian media disagreed, Syrian rebels said, while the "
        "Russian army and Iranian officers stayed silent and Russian officials left."
    )
    ms = annotate(nlp, resolver, text, JAN_2015)
    assert [(m.text, m.actor.code) for m in ms] == [
        ("Iranian navy", "IRNMIL"),
        ("Russian media", "RUSMED"),
        ("Syrian rebels", "SYRREB"),
        ("Russian army", "RUSMIL"),
        ("Iranian officers", "IRNMIL"),
        ("Russian officials", "RUSGOV"),
    ]


def test_unknown_person_coded_from_apposition_and_followed_by_surname(
    nlp: Any, resolver: ActorResolver
) -> None:
    text = (
        "Nikolai Voronin, the deputy director of a Moscow think tank, was sceptical. "
        "Voronin expects the deal to collapse."
    )
    ms = annotate(nlp, resolver, text, JAN_2015)
    people = [m for m in ms if m.actor.type == "person"]
    assert [(m.text, m.actor.code, m.actor.person) for m in people] == [
        ("Nikolai Voronin", "RUSNGO", "Nikolai Voronin"),
        ("Voronin", "RUSNGO", "Nikolai Voronin"),
    ]
    assert people[1].method == "coref"


def test_igos_and_orgs(nlp: Any, resolver: ActorResolver) -> None:
    text = "NATO, the EU, the IAEA and the P5+1 responded, as did IRNA and Gazprom."
    codes = [(m.text, m.actor.code, m.actor.type) for m in annotate(nlp, resolver, text, JAN_2015)]
    assert codes == [
        ("NATO", "NAT", "igo"),
        ("EU", "EUR", "igo"),
        ("IAEA", "IAE", "igo"),
        ("P5+1", "IGO", "igo"),
        ("IRNA", "IRNMED", "org"),
        ("Gazprom", "RUSBUS", "org"),
    ]


def test_pronoun_follows_gender(nlp: Any, resolver: ActorResolver) -> None:
    text = "Vladimir Putin phoned Angela Merkel. She asked for a ceasefire and he agreed."
    ms = annotate(nlp, resolver, text, dt.date(2015, 2, 1))
    assert find(ms, "She")[0].actor.person == "Angela Merkel"
    assert find(ms, "he")[0].actor.person == "Vladimir Putin"


def test_resolve_name_and_explain(resolver: ActorResolver) -> None:
    r = resolver.resolve_name("Shoygu", dt.date(2015, 1, 20))
    assert r is not None and r.actor.person == "Sergei Shoigu"
    r = resolver.resolve_name("Teheran")
    assert r is not None and r.actor.code == "IRNGOV"
    r = resolver.resolve_name("Russian president", dt.date(2011, 6, 1))
    assert r is not None and r.actor.person == "Dmitry Medvedev"
    r = resolver.resolve_name("Jarad Zarif", dt.date(2015, 1, 20))
    assert r is not None and r.actor.person == "Mohammad Javad Zarif"
    lines = resolver.explain("Hussein Dehgan", dt.date(2015, 1, 20))
    assert any("Hossein Dehghan" in line for line in lines)
    assert lines[-1].startswith("=> ")
    assert resolver.resolve_name("Qwxzzv Plorbik") is None
    assert "does not resolve" in resolver.explain("Qwxzzv Plorbik")[-1]


def test_reference_reports_code_the_key_actors(
    nlp: Any, resolver: ActorResolver, shared_dir: Path
) -> None:
    """Read the reference reports at run time (never copied) and check their key actors."""
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 3
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in seeds}
    dates = {"000": dt.date(2015, 1, 26), "001": dt.date(2015, 1, 29), "002": dt.date(2013, 8, 1)}
    found: dict[str, set[tuple[str, str | None]]] = {}
    for key, text in texts.items():
        ms = resolver.annotate(nlp(text), dates[key])
        found[key] = {(m.actor.code, m.actor.person) for m in ms}
        for m in ms:
            assert text[m.char_start : m.char_end] == m.text
    assert ("RUSMIL", "Sergei Shoigu") in found["000"]
    assert ("IRNMIL", "Hossein Dehghan") in found["000"]
    assert ("RUSGOV", "Sergei Lavrov") in found["001"]
    assert ("IRNMIL", "Hossein Dehghan") in found["001"]
    assert ("RUSGOV", None) in found["001"]  # "Moscow refused ..."
    assert ("IRNMIL", None) in found["002"]  # the Iranian navy
    assert ("RUSGOV", "Dmitry Medvedev") in found["002"]


def test_offices_for_another_state_or_an_igo(resolver: ActorResolver) -> None:
    """people.yaml files offices served abroad as role 'other' with 'of X' in the title."""
    pm = resolver.resolve_name("Jens Stoltenberg", dt.date(2010, 1, 1))
    sg = resolver.resolve_name("Jens Stoltenberg", dt.date(2016, 1, 1))
    assert pm is not None and (pm.actor.code, pm.actor.country) == ("NORGOV", "NOR")
    assert sg is not None and (sg.actor.code, sg.actor.country, sg.actor.igo) == (
        "NAT",
        None,
        "NAT",
    )


def test_place_names_inside_other_names_are_not_states(nlp: Any, resolver: ActorResolver) -> None:
    text = (
        "Chad Smith watched the US Open with friends. The Iranian-born engineer ordered "
        "Turkish coffee, and the Persian Gulf was calm."
    )
    assert annotate(nlp, resolver, text, JAN_2015) == []


def test_shared_role_words_and_its(nlp: Any, resolver: ActorResolver) -> None:
    text = "Russian and Iranian officials met in Baku. Iran said its navy would join the drill."
    got = [(m.text, m.actor.code, m.method) for m in annotate(nlp, resolver, text, JAN_2015)]
    assert got == [
        ("Russian", "RUSGOV", "demonym"),
        ("Iranian officials", "IRNGOV", "demonym"),
        ("Iran", "IRN", "exact"),
        ("its navy", "IRNMIL", "coref"),
    ]


def test_former_and_definite_titles(nlp: Any, resolver: ActorResolver) -> None:
    on = dt.date(2015, 6, 1)
    (former,) = annotate(nlp, resolver, "The former Russian president criticised the plan.", on)
    assert (former.actor.code, former.actor.person) == ("RUSGOV", None)
    text = "Sergei Lavrov met John Kerry in Geneva. The Russian minister later flew home."
    ms = annotate(nlp, resolver, text, on)
    (minister,) = find(ms, "Russian minister")
    assert minister.actor.person == "Sergei Lavrov" and minister.method == "coref"


_PIECES = [
    "Russia", "the Kremlin", "Moscow", "in Tehran", "Putin", "U.S.", "UN", "NATO", "'s", "he",
    "his Iranian counterpart", "the two countries", "Shoygu", "Iranian navy", "-", ",", ".",
    "Élysée", "ＮＡＴＯ", "İstanbul", "\n\n", "Srgei Lavrov", "the minister", "both", "al-",
]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=14),
    on=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
)
def test_annotate_never_raises_and_offsets_hold(
    nlp: Any, resolver: ActorResolver, parts: list[str], on: dt.date | None
) -> None:
    text = " ".join(parts)
    doc = nlp(text)
    ms = resolver.annotate(doc, on)
    n_sents = len(list(doc.sents)) if len(doc) else 0
    previous = (-1, -1)
    for m in ms:
        assert text[m.char_start : m.char_end] == m.text
        assert doc[m.tok_start : m.tok_end].text == m.text
        assert 0 <= m.sentence_index < max(n_sents, 1)
        assert (m.char_start, m.char_end) >= previous
        previous = (m.char_start, m.char_end)
        assert m.actor.code or m.actor.type == "person"
    spans = sorted({(m.char_start, m.char_end) for m in ms})
    for (_, end_a), (start_b, _) in itertools.pairwise(spans):
        assert end_a <= start_b, f"overlapping mentions: {spans}"


def test_a_framing_past_year_selects_the_office_holder(nlp: Any, resolver: ActorResolver) -> None:
    text = (
        "In 2011, the Russian president refused to deliver the missiles. "
        "The Russian president said on Monday that the 2007 contract was void."
    )
    first, second = annotate(nlp, resolver, text, dt.date(2015, 6, 1))
    assert first.actor.person == "Dmitry Medvedev"
    assert second.actor.person == "Vladimir Putin"
