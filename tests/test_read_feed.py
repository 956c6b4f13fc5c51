"""read/feed.py: RSS and Atom feeds followed to their pages, and pages by URL, from a local server."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from local_server import Reply
from news_pages import PUTIN_XI_DE, TRUMP_MERZ_EN, article, atom, rss
from summitry.errors import InputError
from summitry.read import ReadOptions, read_inputs
from summitry.read.feed import FeedItem, item_date, looks_like_feed, parse_feed
from summitry.read.fetch import Fetcher
from summitry.records import RawDocument


@pytest.fixture
def server(http_server):
    return http_server


@pytest.fixture
def options():
    opts = ReadOptions(fetcher=Fetcher(delay=0, retries=0, timeout=5))
    yield opts
    opts.close()


def serve_two_articles(server) -> None:
    server.routes["/de/putin-xi"] = Reply(body=article("Putin spricht mit Xi", PUTIN_XI_DE))
    # no <title> or <h1> the extractor would take: the feed's title fills in
    server.routes["/en/trump-merz"] = Reply(body=article("", TRUMP_MERZ_EN, lang="en"))


def test_rss_file_items_fetched_with_feed_metadata(server, options, tmp_path):
    serve_two_articles(server)
    feed = tmp_path / "news.rss"
    feed.write_text(rss([
        ("Putin und Xi beraten per Video", server.url("/de/putin-xi"), "Wed, 04 Feb 2026 23:30:00 +0100"),
        ("Trump calls Merz", server.url("/en/trump-merz"), "Tue, 03 Feb 2026 18:00:00 GMT"),
    ]), encoding="utf-8")
    de, en = read_inputs([str(feed)], options)
    assert isinstance(de, RawDocument) and isinstance(en, RawDocument)
    assert de.url == server.url("/de/putin-xi") and de.source == server.url("/de/putin-xi")
    assert de.id == "127-0-0-1-de-putin-xi"
    assert de.published == date(2026, 2, 4)  # the publisher's day, not the UTC one (5 February)
    assert de.title == "Putin spricht mit Xi"  # the page's own title wins
    assert "Xi lud Putin zu einem Besuch nach Peking ein." in de.text and de.format == "html"
    assert en.title == "Trump calls Merz" and en.published == date(2026, 2, 3)


def test_atom_feed_by_url_with_relative_links(server, options):
    serve_two_articles(server)
    server.routes["/feeds/atom.xml"] = Reply(body=atom([
        ("Putin und Xi", "../de/putin-xi", "2026-02-04T21:00:00+01:00"),
        ("Trump and Merz", "/en/trump-merz", "2026-02-03T10:00:00Z"),
    ]), content_type="application/atom+xml")
    docs = list(read_inputs([server.url("/feeds/atom.xml")], options))
    assert [d.url for d in docs] == [server.url("/de/putin-xi"), server.url("/en/trump-merz")]
    assert [d.published for d in docs] == [date(2026, 2, 4), date(2026, 2, 3)]
    assert server.paths() == ["/feeds/atom.xml", "/de/putin-xi", "/en/trump-merz"]


def test_rss_relative_links_resolve_against_the_channel_link(tmp_path):
    feed = rss([("A", "/politik/a.html", "Mon, 02 Feb 2026 08:00:00 +0100")], link="https://news.example/start/")
    [item] = parse_feed(feed.encode("utf-8"), "f.rss")
    assert item == FeedItem("https://news.example/politik/a.html", "A", date(2026, 2, 2))


def test_feed_item_errors_are_one_line_each_and_the_batch_goes_on(server, options, tmp_path):
    serve_two_articles(server)
    server.routes["/report.pdf"] = Reply(body=b"%PDF-1.7", content_type="application/pdf")
    feed = tmp_path / "news.xml"
    feed.write_text(rss([
        ("Missing", server.url("/nothing-here"), ""),
        ("A PDF", server.url("/report.pdf"), ""),
        ("Putin und Xi", server.url("/de/putin-xi"), ""),
    ]), encoding="utf-8")
    missing, pdf, good = read_inputs([str(feed)], options)
    assert str(missing) == f"{server.url('/nothing-here')}: HTTP 404"
    assert str(pdf) == f"{server.url('/report.pdf')}: not an HTML page (application/pdf)"
    assert isinstance(good, RawDocument) and good.published is None


def test_url_of_an_html_page(server, options):
    server.routes["/en/trump-merz"] = Reply(body=article("Trump calls Merz", TRUMP_MERZ_EN, lang="en",
                                                        published="2026-02-03T18:00:00Z"))
    [doc] = read_inputs([server.url("/en/trump-merz")], options)
    assert doc.url == server.url("/en/trump-merz") and doc.title == "Trump calls Merz"
    assert doc.published is None and doc.published_hint == date(2026, 2, 3)  # from the page: a hint only


def test_url_of_a_page_with_no_article_text(server, options):
    server.routes["/empty"] = Reply(body="<html><body><div></div></body></html>")
    [err] = read_inputs([server.url("/empty")], options)
    assert str(err) == f"{server.url('/empty')}: no article text found in the HTML page"


def test_feed_url_that_is_not_a_feed(server, options, tmp_path):
    server.routes["/data.json"] = Reply(body='{"a": 1}', content_type="application/json")
    [err] = read_inputs([server.url("/data.json")], options)
    assert str(err) == f"{server.url('/data.json')}: not an HTML page (application/json)"


@pytest.mark.parametrize("data", [b"", b"hello", b"<html><body>x</body></html>", b"\x00\xff" * 10])
def test_not_a_feed_file(tmp_path, options, data):
    feed = tmp_path / "broken.rss"
    feed.write_bytes(data)
    [err] = read_inputs([str(feed)], options)
    assert isinstance(err, InputError) and err.source == str(feed)


@pytest.mark.parametrize("data, content_type, expected", [
    (b"<?xml version='1.0'?><rss version='2.0'>", "", True),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "text/plain", True),
    (b"<html><body><a href='/rss'>rss</a></body></html>", "", False),
    (b"<?xml version='1.0'?>\n<rss version='2.0'>", "text/html", True),  # a feed served as a page
    (b"{}", "application/rss+xml", True),
])
def test_looks_like_feed(data, content_type, expected):
    assert looks_like_feed(data, content_type) is expected


@pytest.mark.parametrize("entry, day", [
    ({"published": "Wed, 04 Feb 2026 23:30:00 +0100"}, date(2026, 2, 4)),
    ({"updated": "2026-02-04T23:30:00-05:00"}, date(2026, 2, 4)),
    ({"dc_date": "2026-02-04"}, date(2026, 2, 4)),
    ({"published": "gestern"}, None),
    ({}, None),
])
def test_item_date_is_the_publishers_day(entry, day):
    assert item_date(entry) == day


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: f"<rss version='2.0'><channel><item>{t}</item></channel></rss>".encode()),
    st.text(max_size=300).map(lambda t: f"<feed xmlns='http://www.w3.org/2005/Atom'><entry>{t}".encode()),
))
def test_parse_feed_never_crashes(data):
    try:
        items = parse_feed(data, "fuzz.rss", base="https://news.example/")
    except InputError as exc:
        assert exc.source == "fuzz.rss" and "\n" not in exc.problem
    else:
        assert all(isinstance(i, FeedItem) and i.link for i in items)
