"""A real browser (Debian's chromium, headless, through Selenium) against `uvicorn`.

Skips only when /usr/bin/chromium is absent (`apt-get install chromium chromium-driver`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.config import Settings
from test_web_fixtures import build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.getbasetemp())  # built once per session


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1280,1000",
)  # fmt: skip
SCREENSHOTS = Path("/tmp")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is absent: apt-get install chromium chromium-driver",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    import uvicorn

    from dyad.web.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(db=sample_db)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    # the Debian driver, so Selenium Manager never tries to download one
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def event_with_place(server: str) -> dict[str, Any]:
    """A stored event whose actors and place are named in its sentence (asked of the API)."""
    with urllib.request.urlopen(f"{server}/api/events?limit=500", timeout=30) as r:
        events = json.load(r)["events"]
    for e in events:
        src, tgt, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
        words = (src.get("text"), tgt.get("text"), loc.get("name"))
        if src.get("code") and tgt.get("code") and all(w and w in e["sentence"] for w in words):
            return dict(e)
    raise AssertionError("no event names its actors and place in its sentence")


def test_filter_then_open_event_with_highlights(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20)
    e = event_with_place(server)
    browser.get(f"{server}/events")
    total = int(browser.find_element(By.ID, "count").text.split()[0])
    dyad = f"{e['source']['code']},{e['target']['code']}"
    browser.find_element(By.ID, "f-dyad").send_keys(dyad)
    browser.find_element(By.ID, "f-code").send_keys(e["cameo"])
    browser.find_element(By.ID, "f-submit").click()
    wait.until(ec.url_contains("dyad="))
    shown = int(browser.find_element(By.ID, "count").text.split()[0])
    assert 0 < shown < total
    browser.save_screenshot(str(SCREENSHOTS / "dyad_events_page.png"))
    link = browser.find_element(By.CSS_SELECTOR, f'a.event-link[href="/events/{e["event_id"]}"]')
    assert link.text == e["trigger"]
    link.click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "mark.hl-trigger")))
    trigger = browser.find_element(By.CSS_SELECTOR, "#article mark.hl-trigger")
    assert trigger.is_displayed() and trigger.text == e["trigger"]
    colour = trigger.value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    marks = browser.find_elements(By.CSS_SELECTOR, "#article mark")
    kinds = {m.get_attribute("data-kind"): m.text for m in marks}
    assert kinds.get("place") == e["location"]["name"]
    assert kinds.get("source") == e["source"]["text"]
    browser.save_screenshot(str(SCREENSHOTS / "dyad_event_page.png"))


def test_markup_in_article_is_shown_not_run(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/events?source=harbour")
    browser.find_elements(By.CSS_SELECTOR, "a.event-link")[0].click()
    text = browser.find_element(By.ID, "article").text
    assert "<script>alert('xss')</script>" in text  # visible as text
    assert browser.execute_script("return document.scripts.length") == 0
    assert "Harbour <b>Post</b>" in browser.find_element(By.TAG_NAME, "body").text
    browser.save_screenshot(str(SCREENSHOTS / "dyad_markup_page.png"))


def test_cluster_versions_side_by_side(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/clusters")
    browser.find_elements(By.CSS_SELECTOR, "a.cluster-link")[0].click()
    versions = browser.find_elements(By.CSS_SELECTOR, ".version")
    assert len(versions) > 1
    tops = {v.location["y"] for v in versions[:2]}
    assert len(tops) == 1, "the first two versions sit on one row"
    browser.save_screenshot(str(SCREENSHOTS / "dyad_cluster_page.png"))


def test_brief_page_with_chart(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/brief")
    browser.find_element(By.NAME, "dyad").send_keys("RUS,IRN")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    chart = browser.find_element(By.CSS_SELECTOR, "figure.chart svg")
    assert chart.is_displayed() and chart.size["height"] > 100
    browser.save_screenshot(str(SCREENSHOTS / "dyad_brief_page.png"))
    first = browser.find_element(By.CSS_SELECTOR, "ul.claims li a.cite")
    first.click()
    assert browser.current_url.endswith(first.get_attribute("hash"))
    browser.save_screenshot(str(SCREENSHOTS / "dyad_brief_sources.png"))
