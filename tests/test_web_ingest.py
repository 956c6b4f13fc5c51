"""Ingest through the web app (page and API), its limits, read-only mode, and escaping of article text."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from summitry.web.app import create_app

SCRIPT = "<script>alert(1)</script>"
TITLE = '<img src=x onerror="alert(2)">'
# A call the extractor finds, with markup in the evidence sentence, the title and a quote.
HOSTILE = (f"Bundeskanzler Olaf Scholz hat am Freitag mit Kremlchef Wladimir Putin telefoniert. {SCRIPT} "
           f"Das Gespräch dauerte eine Stunde. „Das war {SCRIPT} ein ernstes Gespräch“, sagte Scholz.")


@pytest.fixture
def client(tmp_path):
    return TestClient(create_app(str(tmp_path / "w.db"), max_upload_bytes=20_000))


def _ingest_text(client, **fields):
    r = client.post("/api/ingest", data=fields)
    assert r.status_code == 200, r.text
    return r.json()


def test_web_ingest_pasted_text_shows_what_was_extracted(client):
    result = _ingest_text(client, text=HOSTILE.replace(SCRIPT, ""), id="pasted-call", published="2024-11-15",
                          lang="de", title="Telefonat")
    assert result["new"] == 1 and result["failed"] == 0
    doc = result["documents"][0]
    assert doc["id"] == "pasted-call" and doc["title"] == "Telefonat"
    main = next(c for c in doc["contacts"] if c["main"])
    assert main["kind"] == "phone_call" and main["date"] == "2024-11-15"
    assert {p["name"] for p in main["participants"]} == {"Olaf Scholz", "Vladimir Putin"}
    assert doc["events"] and doc["events"][0]["role"] == "main"
    assert _ingest_text(client, text=HOSTILE.replace(SCRIPT, ""), id="pasted-call")["known"] == 1


def test_web_ingest_page_uploads_files_and_shows_the_result(client, examples_dir):
    files = [("files", (p.name, p.read_bytes(), "text/plain"))
             for p in sorted(examples_dir.glob("*.txt"))[:2]]
    r = client.post("/ingest", files=files)
    assert r.status_code == 200 and "ingested 2 documents: 2 new" in r.text
    assert "de-modi-besuch-moskau" in r.text and "Narendra Modi" in r.text
    stored = client.get("/api/documents/de-modi-besuch-moskau").json()
    assert stored["source"] == "upload:de-modi-besuch-moskau.txt"  # not the temporary path


@pytest.mark.parametrize("files, data, message", [
    ([], {}, "nothing to ingest"),
    ([("files", ("notes.pdf", b"%PDF-1.4", "application/pdf"))], {}, "notes.pdf: cannot read this kind of file"),
    ([], {"text": "x", "published": "15.11.2024"}, "published: '15.11.2024' is not a date"),
    ([], {"text": "x", "lang": "fr"}, "lang: 'fr' is not one of de, en"),
])
def test_web_ingest_refuses_what_it_cannot_use(client, files, data, message):
    r = client.post("/api/ingest", files=files or None, data=data)
    assert r.status_code in (400, 422) and message in r.json()["error"]


def test_web_ingest_a_failing_document_is_reported_not_raised(client):
    r = client.post("/api/ingest", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert r.status_code == 200
    assert r.json()["failed"] == 1 and "empty.txt" in r.json()["errors"][0]


@pytest.mark.parametrize("url", ["/api/ingest", "/ingest"])
def test_web_ingest_over_the_size_limit_is_a_clear_413(client, url):
    r = client.post(url, data={"text": "Wort " * 10_000})
    assert r.status_code == 413
    assert "at most" in (r.json()["error"] if url.startswith("/api") else r.text)


def test_web_ingest_a_streamed_body_over_the_limit_is_cut_off(client):
    def body():
        for _ in range(50):
            yield b"x" * 1000

    r = client.post("/api/ingest", content=body(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and "too large" in r.json()["error"]


def test_web_ingest_from_another_site_is_refused(client):
    r = client.post("/api/ingest", data={"text": HOSTILE}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and "another site" in r.json()["error"]
    same = client.post("/api/ingest", data={"text": "Kurz."}, headers={"origin": "http://testserver"})
    assert same.status_code == 200


def test_web_read_only_mode_has_no_ingest_and_refuses_writes(tmp_path):
    db = str(tmp_path / "r.db")
    with pytest.raises(Exception, match="no store"):
        create_app(db, read_only=True)  # nothing to serve: said at start, not on each request
    TestClient(create_app(db)).get("/")  # creates it
    client = TestClient(create_app(db, read_only=True))
    for url in ("/api/ingest", "/ingest", "/timeline"):
        r = client.post(url, data={"text": HOSTILE})
        assert r.status_code == 403 and "read-only" in r.text
    assert client.get("/ingest").status_code == 404
    page = client.get("/timeline")
    assert page.status_code == 200 and 'href="/ingest"' not in page.text and "read-only" in page.text


def test_web_pages_show_article_markup_escaped(client):
    result = _ingest_text(client, text=HOSTILE, id="hostile", published="2024-11-15", title=TITLE)
    assert result["new"] == 1
    event_id = result["documents"][0]["events"][0]["event_id"]
    pages = {url: client.get(url) for url in (
        "/documents/hostile", "/documents/hostile?raw=1", "/documents", f"/events/{event_id}", "/timeline",
        "/actors/Q61053", "/search?q=alert")}
    pages["/ingest (result)"] = client.post("/ingest", data={"text": HOSTILE, "id": "hostile-2", "title": TITLE})
    for url, r in pages.items():
        assert r.status_code in (200, 501), url
        assert SCRIPT not in r.text and "<img src=x" not in r.text, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["/documents/hostile"].text
    assert "&lt;img src=x" in pages["/documents/hostile"].text  # the title, escaped
    assert pages["/documents/hostile"].headers["content-security-policy"].startswith("default-src 'self'")
    # the API gives the text as it is: JSON is no HTML
    assert SCRIPT in client.get("/api/documents/hostile").json()["text"]
    assert json.loads(client.get(f"/api/events/{event_id}").text)["id"] == event_id
