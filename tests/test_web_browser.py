"""The web app in a real browser: headless Chromium (Debian's) driven by Playwright.

One app (uvicorn in a thread, on 127.0.0.1 and a free port) and one browser per module, over
the shared web store. Skipped, with the reason, without /usr/bin/chromium, Playwright or the
seed corpus; deselect with `-m "not browser"`. Also writes docs/event-page.png for the README.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest

from conftest import SEEDS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "event-page.png"
EVENT = "vladimir-putin-xi-jinping-2026-02-04-call"


@pytest.fixture(scope="module")
def server(web_store):
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}: apt-get install chromium (make setup does, as root)")
    if not SEEDS.exists():
        pytest.skip(f"the seed corpus is not at {SEEDS}")
    import uvicorn

    from summitry.web.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(web_store, read_only=True), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e .[test])")
    # Chromium will not start its sandbox as root (CI runs as root)
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 1050})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def test_browser_timeline_to_event_comparison_and_evidence(server, page):
    from playwright.sync_api import expect

    page.goto(f"{server}/timeline")
    expect(page.locator("h1")).to_have_text("Contacts over time")
    expect(page.locator("figure.chart svg a")).not_to_have_count(0)
    page.locator("table.contacts tr", has_text="2026-02-04").locator("a.event-link").click()
    expect(page).to_have_url(re.compile(f"/events/{EVENT}$"))

    heads = page.locator("table.comparison thead th")
    expect(heads.nth(1)).to_have_text("Russia (RU)")
    expect(heads.nth(2)).to_have_text("China (CN)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    # a Russian readout's point on Iran: click it, and its sentence lights up in seed-000
    fact = page.locator("table.comparison tbody tr", has_text="Iran").locator("td").nth(0).locator("a.fact").first
    key = fact.get_attribute("data-target")
    fact.click()
    lit = page.locator(f'[data-k~="{key}"].lit')
    expect(lit.first).to_be_visible()
    expect(lit.first).to_be_in_viewport()
    assert _same_words("".join(lit.all_text_contents()), fact.text_content())
    assert "Iran" in fact.text_content()
    expect(fact).to_have_class(re.compile(r"\bactive\b"))
    assert page.url.endswith(f"#{key}")


def test_browser_search_reaches_the_document(server, page):
    page.goto(f"{server}/search")
    page.fill("input[name=q]", '"New START"')
    page.locator("form.filters button").click()
    page.locator('li.hit a.doc-link[href="/documents/seed-001"]').first.click()
    page.wait_for_url(re.compile("/documents/seed-001"))
    assert "New START" in page.locator("article.doc .text").text_content()
