"""`summitry ingest FEED|URL` and `summitry watch`, against feeds and pages on a local server."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from local_server import Reply
from news_pages import PUTIN_XI_DE, TRUMP_MERZ_EN, article, rss
from summitry.cli import cli
from summitry.store import open_store
from summitry.watch import Round, Watcher, parse_duration, watch

DATE = "Wed, 04 Feb 2026 10:00:00 +0100"


@pytest.fixture
def server(http_server):
    http_server.routes["/a"] = Reply(body=article("Putin spricht mit Xi", PUTIN_XI_DE))
    http_server.routes["/b"] = Reply(body=article("Trump calls Merz", TRUMP_MERZ_EN, lang="en"))
    http_server.routes["/c"] = Reply(body=article("Merz und Putin", PUTIN_XI_DE[:1] + TRUMP_MERZ_EN[1:2]))
    return http_server


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.db")


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", db, *args])


def stored(db) -> list[str]:
    with open_store(db) as store:
        return [d["id"] for d in store.documents()]


def test_cli_ingest_feed_url_with_a_missing_page(server, db):
    server.routes["/feed.rss"] = Reply(body=rss([("A", "/a", DATE), ("gone", "/gone", DATE), ("B", "/b", DATE)],
                                                link=server.base + "/"), content_type="application/rss+xml")
    result = run(db, "ingest", server.url("/feed.rss"), "--delay", "0")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"ERROR: {server.url('/gone')}: HTTP 404"
    assert "ingested 3 documents: 2 new, 0 already known, 0 new versions, 1 failed" in result.stdout
    assert stored(db) == ["127-0-0-1-a", "127-0-0-1-b"]


def test_cli_ingest_page_url(server, db):
    result = run(db, "ingest", server.url("/b"))
    assert result.exit_code == 0, result.output
    assert stored(db) == ["127-0-0-1-b"]
    [(_, headers)] = server.requests
    assert headers["User-Agent"].startswith("summitry/")


def test_cli_watch_two_rounds_ingests_only_new_items(server, db):
    server.routes["/feed.rss"] = [
        Reply(body=rss([("A", server.url("/a"), DATE), ("B", server.url("/b"), DATE)])),
        Reply(body=rss([("C", server.url("/c"), DATE), ("A", server.url("/a"), DATE), ("B", server.url("/b"), DATE)])),
    ]
    result = run(db, "watch", server.url("/feed.rss"), "--rounds", "2", "--every", "0s", "--delay", "0")
    assert result.exit_code == 0, result.output
    rounds = re.findall(r"round \d: .*", result.stdout)
    assert rounds == ["round 1: 2 new, 0 known, 0 failed", "round 2: 1 new, 2 known, 0 failed"]
    assert server.paths() == ["/feed.rss", "/a", "/b", "/feed.rss", "/c"]  # no page fetched twice
    assert stored(db) == ["127-0-0-1-a", "127-0-0-1-b", "127-0-0-1-c"]


def test_cli_watch_a_broken_feed_is_reported_and_the_others_go_on(server, db, tmp_path):
    feed = tmp_path / "local.rss"
    feed.write_text(rss([("A", server.url("/a"), DATE)]), encoding="utf-8")
    result = run(db, "watch", server.url("/nofeed"), str(feed), "--rounds", "1", "--delay", "0")
    assert result.exit_code == 0
    assert result.stderr.strip() == f"ERROR: {server.url('/nofeed')}: HTTP 404"
    assert "round 1: 1 new, 0 known, 1 failed" in result.stdout


def test_watch_waits_between_rounds_and_stops_when_told(server, tmp_path):
    feed = tmp_path / "local.rss"
    feed.write_text(rss([("A", server.url("/a"), DATE)]), encoding="utf-8")
    waits, lines = [], []

    def wait(seconds):
        waits.append(seconds)
        return len(waits) == 2  # Ctrl-C during the second wait

    from summitry.read.fetch import Fetcher

    with open_store(str(tmp_path / "w.db")) as store, Fetcher(delay=0) as fetcher:
        done = watch(Watcher([str(feed)], store, fetcher), every=900, rounds=None, on_round=lines.append,
                     wait=wait)
    assert done == 2 and waits == [900, 900]
    assert lines == [Round(1, new=1), Round(2, known=1)]


def test_watch_skips_pages_another_run_stored_between_rounds(server, tmp_path):
    feed = tmp_path / "local.rss"
    feed.write_text(rss([("A", server.url("/a"), DATE)]), encoding="utf-8")
    db = str(tmp_path / "w.db")
    lines = []
    from summitry.read.fetch import Fetcher

    with open_store(db) as store, Fetcher(delay=0) as fetcher:
        watcher = Watcher([str(feed)], store, fetcher)
        lines.append(watcher.poll(1))
        feed.write_text(rss([("B", server.url("/b"), DATE), ("A", server.url("/a"), DATE)]), encoding="utf-8")
        assert run(db, "ingest", server.url("/b")).exit_code == 0  # another run, while watch waits
        lines.append(watcher.poll(2))
    assert lines == [Round(1, new=1), Round(2, known=2)]
    assert server.paths() == ["/a", "/b"]  # watch fetched neither page again


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("2", 2),
                                           ("0.5s", 0.5), ("1d", 86400)])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "m", "1h30", "-5s"])
def test_parse_duration_refuses(text):
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


def test_cli_watch_bad_every(db):
    result = run(db, "watch", "feed.rss", "--every", "soon")
    assert result.exit_code == 2 and "not a duration" in result.output
