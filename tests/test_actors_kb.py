"""The actor knowledge base: package data, the user YAML extension and its error messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dyad.actors.kb import KnowledgeBase
from dyad.actors.resolver import ActorResolver
from dyad.errors import KnowledgeBaseError

USER_YAML = """\
people:
  - id: ana-kovach
    name: Ana Kovach
    aliases: [Anna Kovac]
    country: SRB
    gender: f
    offices:
      - {role: foreign_minister, title: Minister of Foreign Affairs, start: 2019-03-01, end: null}
  - name: Tomas Reyes
    country: CHL
    gender: m
    offices:
      - {role: other, title: Army Chief of Staff, start: 2018-01-01, end: 2022-01-01, sector: MIL}
organisations:
  - {id: NORDWIND, name: Nordwind Analytics, aliases: [Nordwind], country: NOR, sector: NGO}
  - {id: DANUBE, name: Danube Commission, type: igo, code: DNC}
"""


def test_package_data_loads_states_igos_and_people() -> None:
    kb = KnowledgeBase.load()
    assert kb.states["RUS"].name == "Russia"
    assert "Russian" in kb.states["RUS"].adjectives
    assert "Moscow" in kb.states["RUS"].capitals
    assert len(kb.states) >= 190
    assert kb.entities["NATO"].code == "NAT"
    assert kb.entities["IAEA"].code == "IAE"
    assert any(p.name == "Sergei Shoigu" for p in kb.people.values())


def test_user_yaml_adds_people_and_organisations(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    kb = KnowledgeBase.load(path)
    resolver = ActorResolver(kb)
    on = dt.date(2020, 5, 1)
    r = resolver.resolve_name("Anna Kovac", on)
    assert r is not None
    assert (r.actor.person, r.actor.code, r.actor.type) == ("Ana Kovach", "SRBGOV", "person")
    text = "Ana Kovach met analysts from Nordwind and the Danube Commission. Tomas Reyes spoke too."
    ms = resolver.annotate(nlp(text), on)
    got = [(m.text, m.actor.code, m.actor.type, m.method) for m in ms]
    assert got == [
        ("Ana Kovach", "SRBGOV", "person", "user"),
        ("Nordwind", "NORNGO", "org", "user"),
        ("Danube Commission", "DNC", "igo", "user"),
        ("Tomas Reyes", "CHLMIL", "person", "user"),
    ]
    # the package data is still there, and a plain load does not see the user's actors
    assert resolver.resolve_name("Kremlin") is not None
    assert ActorResolver(KnowledgeBase.load()).resolve_name("Nordwind Analytics") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("people: [{name: X Y, country: ZZZ}]", "unknown country or IGO code 'ZZZ'"),
        ("people: [{country: RUS}]", "field 'name' is missing"),
        (
            "people: [{name: A B, country: RUS, offices: [{role: tsar, start: 2001}]}]",
            "unknown role 'tsar'",
        ),
        (
            "people: [{name: A B, country: RUS, offices: [{role: other, start: 2010-01-01,"
            " end: 2001-01-01}]}]",
            "ends (2001-01-01) before it starts",
        ),
        ("people: [{name: A B, country: RUS, gender: x}]", "gender must be 'm' or 'f'"),
        ("organisations: [{name: Foo}]", "needs a 'country' or a 'code'"),
        ("players: []", "unknown top-level keys ['players']"),
        ("people: {name: A}", "'people' must be a list"),
        ("people: [name: [unclosed", "not valid YAML"),
        ("- just a list", "expected a mapping"),
    ],
)
def test_bad_user_yaml_raises_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.code == "E202"


def test_missing_user_file_is_a_knowledge_base_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        KnowledgeBase.load(tmp_path / "absent.yaml")


def test_person_without_office_has_no_nearest_office() -> None:
    """User files may list people with no office (a suspect, a journalist)."""
    import datetime as _dt

    from dyad.actors.records import Person

    person = Person("x-y", "Xavier Ypres", (), "BEL", "m", ())
    assert person.nearest_office(_dt.date(2016, 1, 1)) is None
    assert person.office_at(None) is None
    assert Person("wang-yi", "Wang Yi", (), "CHN", "m", ()).surname == "Wang"
    assert person.surname == "Ypres"


def test_a_national_security_council_is_not_the_un() -> None:
    """Russia's Security Council secretary (Shoigu since 2024) is a Russian official; without a
    date the latest office codes him, and it must not be placed at the UN."""
    from dyad.actors.resolver import ActorResolver

    resolver = ActorResolver(KnowledgeBase.load(None))
    for name in ("Sergei Shoigu", "Nikolai Patrushev", "Dmitry Medvedev"):
        found = resolver.resolve_name(name)
        assert found is not None and found.actor.country == "RUS", (name, found)
    kb = KnowledgeBase.load(None)
    placed_at_un = [
        (p.name, o.title)
        for p in kb.people.values()
        for o in p.offices
        if o.where == "UNO" and "United Nations" not in o.title and "UN " not in o.title
    ]
    assert placed_at_un == []
