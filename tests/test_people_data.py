"""Schema and fact checks for the people part of the actor knowledge base.

The file is data written by hand, so these tests guard against the mistakes such a file
attracts: a mistyped key or role, an impossible date range, two people holding the same
single-holder office at once, and facts that a broken file would get wrong.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from collections import defaultdict
from typing import Any

import pycountry
import pytest
import yaml

PERSON_KEYS = {"id", "name", "aliases", "country", "gender", "offices"}
OFFICE_REQUIRED = {"role", "title", "start", "end"}
OFFICE_OPTIONAL = {"sector"}
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "supreme_leader",
    "igo_head",
    "other",
}
# Roles held by one person at a time in a given country (or, for igo_head, a given title).
SINGLE_HOLDER_ROLES = ROLES - {"other"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "REL", "NGO", "MED", "OPP", "REB", "BUS"}
IGO_CODES = {"UNO", "NAT", "EUR", "IAE", "AFU", "ARL"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_OVERLAP = dt.timedelta(days=31)
LATEST_PLAUSIBLE_DATE = dt.date(2026, 12, 31)

# Overlaps that are historical fact: rival authorities claiming the same office.
KNOWN_RIVAL_OVERLAPS = {
    # Libya 2011: the National Transitional Council against Gaddafi's government.
    frozenset({"muammar-gaddafi", "mustafa-abdul-jalil"}),
    # Libya 2016-2021: the eastern (House of Representatives) government against the GNA.
    frozenset({"abdullah-al-thani", "fayez-al-sarraj"}),
}

Person = dict[str, Any]


@pytest.fixture(scope="module")
def people() -> list[Person]:
    path = importlib.resources.files("dyad") / "data" / "actors" / "people.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def holders(
    people: list[Person], country: str, role: str, on: dt.date, post: str = ""
) -> list[str]:
    """Names of everyone holding `role` for `country` on date `on` (end date exclusive).

    `post` narrows by a substring of the title (an IGO code such as EUR has several heads).
    """
    found = []
    for person in people:
        if person["country"] != country:
            continue
        for office in person["offices"]:
            end = office["end"] or dt.date.max
            if office["role"] == role and post in office["title"] and office["start"] <= on < end:
                found.append(person["name"])
    return found


def test_file_is_large_enough(people: list[Person]) -> None:
    offices = sum(len(p["offices"]) for p in people)
    assert len(people) >= 500
    assert offices >= 700


def test_person_keys_and_types(people: list[Person]) -> None:
    for person in people:
        assert set(person) == PERSON_KEYS, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip()
        assert isinstance(person["aliases"], list)
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert person["name"] not in person["aliases"], person["id"]
        assert len(set(person["aliases"])) == len(person["aliases"]), person["id"]
        assert person["gender"] in {"m", "f"}, person["id"]
        assert person["offices"], f"{person['id']} has no office"


def test_ids_are_unique_slugs(people: list[Person]) -> None:
    ids = [p["id"] for p in people]
    assert all(ID_PATTERN.match(i) for i in ids), [i for i in ids if not ID_PATTERN.match(i)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


def test_canonical_names_are_unambiguous(people: list[Person]) -> None:
    names = [p["name"] for p in people]
    assert len(set(names)) == len(names)
    # No alias of one person may be the canonical name of another.
    by_name = {p["name"]: p["id"] for p in people}
    clashes = [
        (p["id"], a, by_name[a])
        for p in people
        for a in p["aliases"]
        if a in by_name and by_name[a] != p["id"]
    ]
    assert not clashes


def test_country_codes_are_iso_or_igo(people: list[Person]) -> None:
    for person in people:
        code = person["country"]
        assert code in IGO_CODES or pycountry.countries.get(alpha_3=code) is not None, code


def test_office_keys_roles_sectors_and_dates(people: list[Person]) -> None:
    for person in people:
        for office in person["offices"]:
            where = f"{person['id']}: {office}"
            assert OFFICE_REQUIRED <= set(office) <= OFFICE_REQUIRED | OFFICE_OPTIONAL, where
            assert office["role"] in ROLES, where
            assert isinstance(office["title"], str) and office["title"].strip(), where
            assert isinstance(office["start"], dt.date), where
            assert office["end"] is None or isinstance(office["end"], dt.date), where
            if office["end"] is not None:
                assert office["start"] <= office["end"], where
                assert office["end"] <= LATEST_PLAUSIBLE_DATE, where
            assert office["start"] <= LATEST_PLAUSIBLE_DATE, where
            if office["role"] == "other":
                assert office.get("sector") in SECTORS, where
            elif "sector" in office:
                assert office["sector"] in SECTORS, where
            if office["role"] == "igo_head":
                assert person["country"] in IGO_CODES, where
            if office["role"] == "supreme_leader":
                assert person["country"] == "IRN", where


def _overlaps(people: list[Person]) -> list[tuple[str, str, str, str, int]]:
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person in people:
        for office in person["offices"]:
            if office["role"] not in SINGLE_HOLDER_ROLES:
                continue
            # IGO heads are single-holder per post, not per organisation code.
            post = office["title"] if office["role"] == "igo_head" else ""
            key = (person["country"], office["role"], post)
            spans[key].append((office["start"], office["end"] or dt.date.max, person["id"]))
    found = []
    for (country, role, _post), items in spans.items():
        items.sort()
        for i, (_s1, e1, p1) in enumerate(items):
            for s2, e2, p2 in items[i + 1 :]:
                if s2 >= e1:
                    break
                overlap = min(e1, e2) - s2
                if overlap > MAX_OVERLAP and frozenset({p1, p2}) not in KNOWN_RIVAL_OVERLAPS:
                    found.append((country, role, p1, p2, overlap.days))
    return found


def test_no_overlapping_single_holder_offices(people: list[Person]) -> None:
    assert _overlaps(people) == []


def test_every_incumbent_office_is_unique_per_country_and_role(people: list[Person]) -> None:
    incumbents: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for person in people:
        for office in person["offices"]:
            if office["role"] in SINGLE_HOLDER_ROLES and office["end"] is None:
                post = office["title"] if office["role"] == "igo_head" else ""
                incumbents[(person["country"], office["role"], post)].append(person["id"])
    assert {k: v for k, v in incumbents.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("country", "role", "on", "expected"),
    [
        ("RUS", "defence_minister", "2015-01-20", "Sergei Shoigu"),
        ("USA", "foreign_minister", "2015-01-20", "John Kerry"),
        ("IRN", "foreign_minister", "2015-01-20", "Mohammad Javad Zarif"),
        ("IRN", "defence_minister", "2015-01-20", "Hossein Dehghan"),
        ("RUS", "head_of_state", "2011-06-01", "Dmitry Medvedev"),
        ("RUS", "head_of_state", "2015-06-01", "Vladimir Putin"),
        ("RUS", "head_of_government", "2011-06-01", "Vladimir Putin"),
        ("RUS", "foreign_minister", "2015-01-20", "Sergei Lavrov"),
        ("RUS", "interior_minister", "2015-01-20", "Vladimir Kolokoltsev"),
        ("IRN", "supreme_leader", "2015-01-20", "Ali Khamenei"),
        ("IRN", "head_of_state", "2015-01-20", "Hassan Rouhani"),
        ("IRN", "head_of_state", "2010-01-20", "Mahmoud Ahmadinejad"),
        ("SYR", "head_of_state", "2015-01-20", "Bashar al-Assad"),
        ("SYR", "foreign_minister", "2015-01-20", "Walid Muallem"),
        ("USA", "head_of_state", "2015-01-20", "Barack Obama"),
        ("USA", "defence_minister", "2015-01-20", "Chuck Hagel"),
        ("USA", "defence_minister", "2015-06-01", "Ashton Carter"),
        ("GBR", "head_of_government", "2015-01-20", "David Cameron"),
        ("DEU", "head_of_government", "2015-01-20", "Angela Merkel"),
        ("FRA", "head_of_state", "2015-01-20", "François Hollande"),
        ("CHN", "head_of_state", "2015-01-20", "Xi Jinping"),
        ("TUR", "head_of_state", "2015-01-20", "Recep Tayyip Erdoğan"),
        ("TUR", "head_of_government", "2015-01-20", "Ahmet Davutoğlu"),
        ("SAU", "head_of_state", "2015-01-20", "Abdullah bin Abdulaziz"),
        ("SAU", "head_of_state", "2015-02-01", "Salman bin Abdulaziz"),
        ("ISR", "head_of_government", "2015-01-20", "Benjamin Netanyahu"),
        ("IRQ", "head_of_government", "2015-01-20", "Haider al-Abadi"),
        ("UKR", "head_of_state", "2015-01-20", "Petro Poroshenko"),
        ("UNO", "igo_head", "2015-01-20", "Ban Ki-moon"),
        ("EUR", "igo_head:High Representative", "2012-01-20", "Catherine Ashton"),
        ("EUR", "igo_head:European Commission", "2012-01-20", "José Manuel Barroso"),
        ("EUR", "igo_head:European Council", "2012-01-20", "Herman Van Rompuy"),
        ("IAE", "igo_head", "2015-01-20", "Yukiya Amano"),
        ("NAT", "igo_head", "2015-01-20", "Jens Stoltenberg"),
        ("USA", "head_of_state", "2026-01-01", "Donald Trump"),
    ],
)
def test_known_office_holders(
    people: list[Person], country: str, role: str, on: str, expected: str
) -> None:
    role, _, post = role.partition(":")
    assert holders(people, country, role, dt.date.fromisoformat(on), post) == [expected]


def test_transliteration_aliases_present(people: list[Person]) -> None:
    by_id = {p["id"]: p for p in people}
    expected = {
        "sergei-lavrov": "Sergey Lavrov",
        "dmitry-medvedev": "Dmitri Medvedev",
        "hassan-rouhani": "Hassan Rowhani",
        "hossein-dehghan": "Hussain Dehghan",
        "mohammad-javad-zarif": "Mohammad-Javad Zarif",
        "bashar-al-assad": "Bashar Al Assad",
    }
    for pid, alias in expected.items():
        assert alias in by_id[pid]["aliases"], pid


def test_named_notables_are_present(people: list[Person]) -> None:
    by_id = {p["id"]: p for p in people}
    pukhov = by_id["ruslan-pukhov"]
    assert pukhov["country"] == "RUS"
    assert [o["sector"] for o in pukhov["offices"]] == ["NGO"]
    velayati = by_id["ali-akbar-velayati"]
    assert any("Supreme Leader" in o["title"] for o in velayati["offices"])
    for pid in ("dmitry-rogozin", "ali-larijani", "hassan-nasrallah", "federica-mogherini"):
        assert pid in by_id
