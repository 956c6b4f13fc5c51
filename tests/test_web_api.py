"""The JSON API: every endpoint, its filters and pagination, and clear 4xx errors for bad parameters."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from summitry.web.app import create_app

from conftest import SEEDS

needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="the shared seed corpus is not here")
EVENT = "vladimir-putin-xi-jinping-2026-02-04-call"


@pytest.fixture(scope="module")
def api(web_store):
    return TestClient(create_app(web_store, read_only=True))


def _get(api, url, status=200):
    r = api.get(url)
    assert r.status_code == status, r.text
    return r.json()


@pytest.mark.parametrize("url", ["/api/documents", "/api/events", "/api/actors", "/api/quotes"])
def test_web_api_listings_are_pages(api, url):
    whole = _get(api, url)
    assert whole["offset"] == 0 and whole["limit"] == 50 and whole["total"] >= len(whole["items"]) > 0
    page = _get(api, f"{url}?limit=1&offset=1")
    assert (page["total"], page["limit"], page["offset"]) == (whole["total"], 1, 1)
    assert page["items"] == whole["items"][1:2]


@pytest.mark.parametrize("query, check", [
    ("lang=en", lambda d: d["language"] == "en"),
    ("date_from=2024-01-01&date_to=2024-12-31", lambda d: "2024-01-01" <= d["published"] <= "2024-12-31"),
])
def test_web_api_documents_filters(api, query, check):
    items = _get(api, f"/api/documents?{query}")["items"]
    assert items and all(check(d) for d in items)


def test_web_api_document_by_id_with_its_extraction_and_events(api):
    doc = _get(api, "/api/documents/de-scholz-putin-telefonat")
    assert doc["text"] and doc["contacts"] and "raw_text" not in doc
    assert doc["events"][0]["event_id"].startswith("olaf-scholz-vladimir-putin-2024-11-15")
    assert "raw_text" in _get(api, "/api/documents/de-scholz-putin-telefonat?raw=true")


@pytest.mark.parametrize("query, check", [
    ("actor=Putin&actor=Scholz", lambda e: {p["name"] for p in e["participants"]} >= {"Vladimir Putin", "Olaf Scholz"}),
    ("actor=Q7747", lambda e: "Vladimir Putin" in {p["name"] for p in e["participants"]}),
    ("kind=phone_call", lambda e: e["kind"] == "phone_call"),
    ("status=planned", lambda e: e["status"] == "planned"),
    ("lang=en", lambda e: "en" in e["languages"]),
    ("date_from=2024-01-01&date_to=2024-12-31", lambda e: e["date"] and e["date"].startswith("2024")),
])
def test_web_api_events_filters(api, query, check):
    items = _get(api, f"/api/events?{query}")["items"]
    assert items and all(check(e) for e in items)


@needs_seeds
def test_web_api_event_by_id_or_prefix_and_its_comparison(api):
    event = _get(api, f"/api/events/{EVENT}")
    assert event["documents"] == ["seed-000", "seed-001"] and event["date_support"] == 2
    assert _get(api, f"/api/events/{EVENT[:40]}")["id"] == EVENT
    comparison = _get(api, f"/api/events/{EVENT}/comparison")
    assert comparison["sides"] == ["RU", "CN"] and "iran" in comparison["matrix"]


def test_web_api_actors_and_one_actor(api):
    names = [a["name"] for a in _get(api, "/api/actors?name=putin")["items"]]
    assert names == ["Vladimir Putin"]
    putin = _get(api, "/api/actors/Q7747")
    assert putin["country"] == "Russia"
    latest = putin["roles"][-1]
    assert (latest["role"], latest["start"], latest["end"]) == ("RU.head_of_state", "2012-05-07", None)
    assert {"Olaf Scholz", "Donald Trump"} <= {c["name"] for c in putin["counterparts"]}
    assert putin["contacts"] and putin["quotes"]


def test_web_api_quotes_by_speaker(api):
    items = _get(api, "/api/quotes?speaker=Scholz")["items"]
    assert items and {q["speaker"]["name"] for q in items} == {"Olaf Scholz"}
    assert all(q["document"] and q["end"] > q["start"] for q in items)


def test_web_api_timeline_filtered(api):
    result = _get(api, "/api/timeline?actor=Putin&kind=phone_call")
    assert result["contacts"] and all(c["kind"] == "phone_call" for c in result["contacts"])
    assert {"contacts", "undated", "pairs", "series"} <= set(result)


@pytest.mark.parametrize("url, status, message", [
    ("/api/events?limit=0", 422, "limit: Input should be greater than or equal to 1"),
    ("/api/documents?limit=100000", 422, "limit: Input should be less than or equal to 200"),
    ("/api/quotes?offset=-1", 422, "offset: Input should be greater than or equal to 0"),
    ("/api/events?limit=ten", 422, "limit: Input should be a valid integer"),
    ("/api/events?kind=bogus", 422, "kind: 'bogus' is not one of phone_call, video_call, call, meeting, visit"),
    ("/api/timeline?status=maybe", 422, "status: 'maybe' is not one of"),
    ("/api/documents?lang=fr", 422, "lang: 'fr' is not one of de, en"),
    ("/api/events?date_from=2024-13-01", 422, "date_from: '2024-13-01' is not a date (YYYY-MM-DD)"),
    ("/api/events?date_from=2025-01-01&date_to=2024-01-01", 422, "date_from: 2025-01-01 is after date_to"),
    ("/api/documents/no-such-doc", 404, "no document 'no-such-doc'"),
    ("/api/events/no-such-event", 404, "no event 'no-such-event'"),
    ("/api/events/no-such-event/comparison", 404, "no event 'no-such-event'"),
    ("/api/actors/Q0", 404, "no actor 'Q0'"),
    ("/api/no-such-endpoint", 404, "nothing at /api/no-such-endpoint"),
    ("/api/search", 422, "q: Field required"),
])
def test_web_api_bad_parameters_are_clear_json_errors(api, url, status, message):
    r = api.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) <= {"error", "details"} and isinstance(body["error"], str)
    assert message in body["error"]


def test_web_api_an_ambiguous_prefix_is_a_400_naming_the_matches(api):
    body = _get(api, "/api/documents/wire-", 400)
    assert "matches 3 documents" in body["error"] and "give more of the id" in body["error"]


def test_web_api_has_openapi_docs_for_every_endpoint(api):
    paths = set(_get(api, "/openapi.json")["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/events/{event_id}",
            "/api/events/{event_id}/comparison", "/api/actors", "/api/actors/{actor_id}", "/api/quotes",
            "/api/timeline", "/api/search", "/api/export/{fmt}"} <= paths
    assert "/api/ingest" not in paths  # read-only
    assert api.get("/docs").status_code == 200


@needs_seeds
def test_web_api_search_finds_the_phrase_with_its_document_and_event(api):
    result = _get(api, '/api/search?q="New START"&scope=documents')
    hit = next(h for h in result["hits"] if h["doc_id"] == "seed-001")
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] in ("New", "New START") and EVENT in hit["events"]
    assert _get(api, '/api/search?q="New START"&lang=en')["total"] == 0


@pytest.mark.parametrize("query, message", [
    ("q=%22%22", "nothing to search for"),  # no words
    ("q=Putin&scope=everything", "scope: 'everything' is not one of all, documents, quotes"),
    ("q=Putin&limit=500", "limit: Input should be less than or equal to 200"),
    ("q=Putin&date_to=yesterday", "date_to: 'yesterday' is not a date"),
])
def test_web_api_search_bad_parameters(api, query, message):
    r = api.get(f"/api/search?{query}")
    assert r.status_code in (400, 422) and message in r.json()["error"]


@pytest.mark.parametrize("fmt, media_type, marker", [
    ("jsonl", "application/x-ndjson", '"id": "olaf-scholz-vladimir-putin-2024-11-15-call"'),
    ("csv", "text/csv", "olaf-scholz-vladimir-putin-2024-11-15-call"),
    ("ics", "text/calendar", "BEGIN:VCALENDAR"),
    ("graphml", "application/graphml+xml", "<graphml"),
])
def test_web_api_exports_the_filtered_timeline(api, fmt, media_type, marker):
    r = api.get(f"/api/export/{fmt}?actor=Scholz")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    assert f'filename="summitry-timeline.{fmt}"' in r.headers["content-disposition"]
    assert marker in r.text and "joe-biden-xi-jinping" not in r.text


def test_web_api_export_unknown_format_or_filter(api):
    r = api.get("/api/export/pdf")
    assert r.status_code == 404 and r.json()["error"] == "no export format 'pdf'; formats: jsonl, csv, ics, graphml"
    assert api.get("/api/export/csv?kind=chat").status_code == 422


def test_web_app_bound_to_loopback_answers_only_loopback_host_names(web_store):
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets no data."""
    from summitry.web.app import LOOPBACK_NAMES

    app = create_app(web_store, read_only=True, allowed_hosts=LOOPBACK_NAMES)
    assert TestClient(app, base_url="http://localhost:8000").get("/api/events").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/events").status_code == 200
    assert TestClient(app, base_url="http://rebound.example:8000").get("/api/events").status_code == 400
