"""The JSON API and HTML pages through FastAPI's TestClient, on a real small database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.config import Settings
from dyad.store.db import Store
from dyad.store.query import events_sql, make_filter
from dyad.web.app import create_app
from test_web_fixtures import build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())  # built once per session


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=sample_db))) as c:
        yield c


def stored(db: Path, **kw: Any) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        sql, params = events_sql(make_filter(**kw))
        return [json.loads(r[0]) for r in store.query(sql, params)]


@pytest.mark.parametrize(
    ("query", "kw"),
    [
        ("actor=IRN", {"actor": "IRN"}),
        ("dyad=RUS,IRN", {"dyad": ("RUS", "IRN")}),
        ("dyad=irn%20rus", {"dyad": ("IRN", "RUS")}),
        ("code=05", {"code": "05"}),
        ("since=2015-01&until=2015-01-20", {"since": "2015-01", "until": "2015-01-20"}),
        ("source=levant", {"source": "levant"}),
        ("actor=RUS&limit=3", {"actor": "RUS", "limit": 3}),
    ],
)
def test_event_filters_match_the_store(
    client: TestClient, sample_db: Path, query: str, kw: dict[str, Any]
) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    body = r.json()
    expected = stored(sample_db, **kw)
    assert expected, query
    assert [e["event_id"] for e in body["events"]] == [e["event_id"] for e in expected]
    assert body["count"] == len(expected)


def test_filters_mean_what_they_say(client: TestClient) -> None:
    for e in client.get("/api/events?actor=IRN").json()["events"]:
        sides = [e.get("source") or {}, e.get("target") or {}]
        assert any((s.get("code") or "").startswith("IRN") or s.get("country") == "IRN"
                   for s in sides)  # fmt: skip
    for e in client.get("/api/events?code=05").json()["events"]:
        assert e["cameo"].startswith("05")
    for e in client.get("/api/events?source=wire").json()["events"]:
        assert e["source_name"] == "Wire Desk"
    cid = client.get("/api/clusters").json()["clusters"][0]["cluster_id"]
    members = client.get(f"/api/events?cluster={cid}").json()["events"]
    assert len(members) > 1 and {e["cluster_id"] for e in members} == {cid}


def test_one_event_cluster_and_conflicts(client: TestClient) -> None:
    e = client.get("/api/events?dyad=RUS,IRN&code=057").json()["events"][0]
    assert client.get(f"/api/events/{e['event_id']}").json() == e
    biggest = client.get("/api/clusters").json()["clusters"][0]
    c = client.get(f"/api/clusters/{biggest['cluster_id']}").json()
    assert len(c["events"]) == len(c["members"]) > 1
    assert {m["event_id"] for m in c["members"]} == {x["event_id"] for x in c["events"]}
    assert all(x["cluster_id"] == biggest["cluster_id"] for x in c["events"])
    conflicts = client.get("/api/conflicts").json()
    assert conflicts["count"] == len(conflicts["conflicts"]) > 0
    cid = conflicts["conflicts"][0]["cluster_id"]
    expected = [k for k in conflicts["conflicts"] if k["cluster_id"] == cid]
    assert client.get(f"/api/clusters/{cid}").json()["conflicts"] == expected
    assert client.get(f"/api/conflicts?cluster={cid}").json()["conflicts"] == expected
    actors = client.get("/api/actors?limit=5").json()["actors"]
    assert actors[0]["code"] == "RUS" and actors[0]["mentions"] >= actors[-1]["mentions"]


def test_series_and_network(client: TestClient) -> None:
    u = client.get("/api/series?dyad=RUS,IRN&period=year").json()
    r = client.get("/api/series?dyad=RUS,IRN&period=year&unique=false").json()
    assert u["unit"] == "events" and r["unit"] == "reports"
    assert sum(p["count"] for p in r["points"]) > sum(p["count"] for p in u["points"]) > 0
    net = client.get("/api/network?actor=IRN").json()
    assert any(link["source"] == "RUS" and link["target"] == "IRN" for link in net["links"])


def test_article_spans_point_at_the_words(client: TestClient) -> None:
    art = client.get("/api/articles/s01-rus-irn-defence-pact").json()
    assert art["events"]
    for ev in art["events"]:
        for span in ev["spans"]:
            assert art["text"][span["start"] : span["end"]] == span["text"]
            assert ev["char_start"] <= span["start"] < span["end"] <= ev["char_end"]
    full = {e["event_id"]: e for e in client.get("/api/events?source=wire").json()["events"]}
    found = {"source": 0, "target": 0, "date": 0, "place": 0}
    for ev in art["events"]:
        e = full[ev["event_id"]]
        kinds = {s["kind"]: s["text"] for s in ev["spans"]}
        assert kinds["trigger"] == e["trigger"]
        sentence = e["sentence"].lower()
        for kind, surface in (
            ("source", (e["source"] or {}).get("text")),
            ("target", (e["target"] or {}).get("text")),
            ("date", e["date_text"]),
            ("place", (e["location"] or {}).get("name")),
        ):
            if surface and surface.lower() in sentence:
                assert kinds[kind].lower() == surface.lower(), (kind, e["sentence"])
                found[kind] += 1
    assert all(found.values()), found  # each kind of span was exercised


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events/e-nope", 404, "E404"),
        ("/api/clusters/c-nope", 404, "E404"),
        ("/api/articles/nope", 404, "E404"),
        ("/api/nothing-here", 404, "not_found"),
        ("/api/events?since=2015-13", 400, "E002"),
        ("/api/events?dyad=RUS", 400, "E002"),
        ("/api/events?limit=0", 400, "E002"),
        ("/api/series?period=fortnight", 400, "E002"),
    ],
)
def test_errors_are_json(client: TestClient, url: str, status: int, code: str) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == code and r.json()["error"]["message"]


def test_pages_escape_untrusted_text(client: TestClient) -> None:
    e = next(x for x in client.get("/api/events?source=harbour").json()["events"])
    page = client.get(f"/events/{e['event_id']}")
    assert page.status_code == 200
    html = page.text
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "Harbour &lt;b&gt;Post&lt;/b&gt;" in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    listing = client.get("/events?source=harbour").text
    assert "<b>Post</b>" not in listing and "Harbour &lt;b&gt;Post&lt;/b&gt;" in listing


def with_all_spans(client: TestClient) -> dict[str, Any]:
    """A stored event whose source, date and place words are all in its sentence."""
    for e in client.get("/api/events?limit=500").json()["events"]:
        words = [(e["source"] or {}).get("text"), e["date_text"], (e["location"] or {}).get("name")]
        if all(w and w in e["sentence"] for w in words):
            return e
    raise AssertionError("no event with source, date and place in its sentence")


def test_event_page_highlights_evidence(client: TestClient) -> None:
    e = with_all_spans(client)
    html = client.get(f"/events/{e['event_id']}").text
    trigger = f'class="hl-trigger in-sentence" data-kind="trigger">{e["trigger"]}</mark>'
    assert trigger in html
    assert f'data-kind="source">{e["source"]["text"]}</mark>' in html
    assert f'data-kind="date">{e["date_text"]}</mark>' in html
    assert f'data-kind="place">{e["location"]["name"]}</mark>' in html
    assert html.count('data-kind="trigger"') == 1


def test_html_pages_render(client: TestClient) -> None:
    clusters = client.get("/clusters")
    assert clusters.status_code == 200 and "c-" in clusters.text
    cid = client.get("/api/clusters").json()["clusters"][0]["cluster_id"]
    one = client.get(f"/clusters/{cid}")
    assert one.status_code == 200 and one.text.count('class="version"') > 1
    assert client.get("/conflicts").text.count('class="conflict"') >= 2
    brief = client.get("/brief?dyad=RUS,IRN&period=year")
    assert brief.status_code == 200 and 'href="#src-1"' in brief.text and "<svg" in brief.text
    missing = client.get("/events/e-nope")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert client.get("/", follow_redirects=False).status_code == 307


def test_segments_keep_overlapping_kinds() -> None:
    from dyad.web.highlight import Span, segments

    text = "Iran hosted talks in Tehran on Monday. Later text."
    spans = [Span(21, 27, "target", "Tehran"), Span(21, 27, "place", "Tehran")]
    segs = segments(text, [Span(5, 11, "trigger", "hosted"), *spans], (0, 38))
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["Tehran"].kinds == ("target", "place")
    assert by_text["hosted"].kinds == ("trigger",) and by_text["hosted"].in_sentence
    assert not by_text[" Later text."].in_sentence


def test_serve_command_checks_before_listening(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from dyad import cli
    from dyad.errors import StoreError
    from dyad.web.commands import _is_loopback, register

    app = typer.Typer(pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    register(app)
    runner = CliRunner()
    help_text = runner.invoke(app, ["serve", "--help"]).stdout
    assert "127.0.0.1" in help_text and "8765" in help_text
    bad_port = runner.invoke(app, ["--db", str(tmp_path / "x.duckdb"), "serve", "--port", "0"])
    assert bad_port.exception is not None and "--port" in str(bad_port.exception)
    no_db = runner.invoke(app, ["--db", str(tmp_path / "none.duckdb"), "serve"])
    assert isinstance(no_db.exception, StoreError)
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.4")
