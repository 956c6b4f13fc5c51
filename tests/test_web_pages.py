"""The pages: each renders from the same queries as the API; marked text and charts on their own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import SEEDS
from summitry.web.app import create_app
from summitry.web.charts import network_chart, timeline_chart
from summitry.web.markup import Mark, highlighted_snippet, marked

needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="the shared seed corpus is not here")
EVENT = "vladimir-putin-xi-jinping-2026-02-04-call"


@pytest.fixture(scope="module")
def web(web_store):
    return TestClient(create_app(web_store))


@pytest.mark.parametrize("url, shown", [
    ("/timeline", ["Contacts over time", "<svg", "olaf-scholz-vladimir-putin-2024-11-15-call"]),
    ("/timeline?actor=Scholz&kind=phone_call", ["Olaf Scholz – Vladimir Putin", 'value="Scholz"']),
    ("/actors", ["Vladimir Putin", "Olaf Scholz"]),
    ("/actors?name=scholz", ["Olaf Scholz"]),
    ("/actors/Q7747", ["Russia: head of state", "Counterparts", '<svg class="network"', "Olaf Scholz (1)"]),
    ("/documents", ["de-scholz-putin-telefonat", "Scholz nach Telefonat"]),
    ("/documents?lang=en", ["en-biden-xi-woodside"]),
    ("/documents/de-scholz-putin-telefonat", ['class="m-main"', 'class="m-quote"', "Show the original text"]),
    ("/documents/de-scholz-putin-telefonat?raw=1", ['<pre class="raw">', "Original text"]),
    ("/search", ['name="q"']),
    ("/ingest", ['enctype="multipart/form-data"', 'type="file"']),
])
def test_web_pages_render(web, url, shown):
    r = web.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for text in shown:
        assert text in r.text, text


def test_web_pages_filters_leave_out_what_does_not_match(web):
    text = web.get("/timeline?actor=Scholz").text
    assert "olaf-scholz-vladimir-putin-2024-11-15-call" in text and "joe-biden-xi-jinping" not in text
    assert "en-biden-xi-woodside" not in web.get("/documents?lang=de").text


@needs_seeds
def test_web_pages_event_compares_the_sides_with_facts_keyed_to_their_sentences(web):
    text = web.get(f"/events/{EVENT}").text
    assert "Russia (RU)" in text and "China (CN)" in text and "Where the sources disagree" in text
    # a fact in the table and its sentence in the document share the key
    key = text.split('class="fact" href="#', 1)[1].split('"', 1)[0]
    assert f'id="{key}"' in text and f'data-k="{key}' in text


@pytest.mark.parametrize("url, status, message", [
    ("/events/no-such-event", 404, "no event &#39;no-such-event&#39;"),
    ("/documents/nope", 404, "no document &#39;nope&#39;"),
    ("/actors/Q0", 404, "no actor &#39;Q0&#39;"),
    ("/timeline?kind=bogus", 422, "kind: &#39;bogus&#39; is not one of"),
    ("/nowhere", 404, "nothing at /nowhere"),
])
def test_web_pages_errors_are_pages(web, url, status, message):
    r = web.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert message in r.text


def test_web_pages_home_goes_to_the_timeline(web):
    r = web.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/timeline"


# -- marked text ------------------------------------------------------------------

@pytest.mark.parametrize("text, marks, html", [
    ("a <b> c", [], "a &lt;b&gt; c"),
    ("Xi met Putin", [Mark(0, 2, "m-person", title="Xi <Jinping>")],
     '<span class="m-person" title="Xi &lt;Jinping&gt;">Xi</span> met Putin'),
    # overlapping spans: each piece carries the classes (and keys) of every span over it
    ("abcdef", [Mark(0, 4, "a", key="k1"), Mark(2, 6, "b")],
     '<span class="anchor" id="k1"></span><span class="a" data-k="k1">ab</span>'
     '<span class="a b" data-k="k1">cd</span><span class="b">ef</span>'),
    ("abc", [Mark(1, 9, "out-of-range"), Mark(2, 2, "empty")], "abc"),
])
def test_web_markup_escapes_every_piece(text, marks, html):
    assert str(marked(text, marks)) == html


def test_web_markup_search_snippet():
    assert str(highlighted_snippet("New START <x>", [[0, 9]])) == '<span class="hit">New START</span> &lt;x&gt;'


# -- charts -------------------------------------------------------------------------

def _contact(i, day, kind="phone_call", people=("A", "B"), status="occurred"):
    return {"id": f"e{i}", "date": day, "kind": kind, "status": status, "participants": list(people),
            "documents": []}


def test_web_timeline_chart_rows_ticks_and_markers():
    result = {"contacts": [_contact(1, "2024-01-10"), _contact(2, "2024-06-01", "visit", ("A", "C"), "planned"),
                           _contact(3, "2025-02-01")], "undated": [], "pairs": [], "series": []}
    chart = timeline_chart(result)
    assert [r["label"] for r in chart["rows"]] == ["A – B", "A – C"]
    assert [m["id"] for m in chart["markers"]] == ["e1", "e2", "e3"]
    assert [m["filled"] for m in chart["markers"]] == [True, False, True]
    xs = [float(m["d"][1:].split(",")[0]) for m in chart["markers"]]
    assert xs == sorted(xs) and chart["ticks"]
    assert {entry["label"] for entry in chart["legend"]} == {"phone call", "visit"}
    assert timeline_chart({"contacts": []}) is None


def test_web_network_chart_places_counterparts_around_the_person():
    rows = [{"id": "Q1", "name": "One", "contacts": 4}, {"id": "Q2", "name": "Two", "contacts": 1}]
    chart = network_chart("Me", rows)
    assert [n["id"] for n in chart["nodes"]] == ["Q1", "Q2"]
    assert chart["nodes"][0]["stroke"] > chart["nodes"][1]["stroke"]
    assert network_chart("Me", []) is None


# -- summitry serve -------------------------------------------------------------------

@pytest.mark.parametrize("args, host, read_only, warned", [
    ([], "127.0.0.1", False, False),
    (["--read-only", "--port", "8123"], "127.0.0.1", True, False),
    (["--host", "0.0.0.0"], "0.0.0.0", False, True),
])
def test_web_serve_starts_uvicorn_on_the_store(monkeypatch, web_store, args, host, read_only, warned):
    import uvicorn
    from click.testing import CliRunner

    from summitry.cli import cli

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    out = CliRunner().invoke(cli, ["serve", "--db", web_store, *args])
    assert out.exit_code == 0, out.output
    assert started["host"] == host and started["port"] == (8123 if "--port" in args else 8000)
    assert started["app"].state.settings.read_only is read_only
    assert started["app"].state.settings.db_path == web_store
    assert ("other machines can reach this app" in out.output) is warned


def test_web_serve_read_only_needs_a_store(tmp_path):
    from click.testing import CliRunner

    from summitry.cli import cli
    from summitry.errors import StoreError

    out = CliRunner().invoke(cli, ["serve", "--read-only", "--db", str(tmp_path / "none.db")])
    assert isinstance(out.exception, StoreError) and "no store at" in str(out.exception)
