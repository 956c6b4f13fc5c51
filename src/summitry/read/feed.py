"""RSS and Atom feeds (feedparser), and pages fetched by URL.

A feed is read for its items' links; each link is fetched (read/fetch.py) and
the page goes through the HTML reader. What the page does not say, the item
fills in: its link is the document's URL, its title stands in for a missing
one, and its date is the publication date (publishers date their feed items
precisely, more reliably than page templates do).
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from summitry.errors import InputError
from summitry.read import decode
from summitry.read.fetch import HTML_TYPES, Fetcher, Page, is_url, page_id
from summitry.read.html import html_document
from summitry.read.jsonl import parse_published
from summitry.records import RawDocument

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_TYPES = re.compile(r"(?:rss|atom|rdf|xml)")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_SNIFF = 2048


@dataclass(frozen=True)
class FeedItem:
    """What a feed says about one article."""

    link: str
    title: str | None = None
    published: date | None = None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True when a response is a feed: by its media type, else by its root element (servers send
    feeds as text/html or text/plain often enough)."""
    if content_type not in HTML_TYPES and _FEED_TYPES.search(content_type):
        return True
    return bool(_FEED_ROOT.search(data[:_SNIFF]))


def item_date(entry: dict) -> date | None:
    """The item's publication day as the publisher wrote it (its own time zone, as in JSON Lines)."""
    for key in ("published", "updated", "dc_date"):
        # dict.get: feedparser's own get maps a missing "published" to "updated", with a warning
        raw = dict.get(entry, key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            day = parse_published(raw)  # Atom and Dublin Core: ISO 8601
            if day:
                return day
        except ValueError:
            pass
        parsed = email.utils.parsedate_tz(raw)  # RSS: RFC 822, read in its own offset, not in UTC
        if parsed:
            try:
                return date(*parsed[:3])
            except ValueError:
                pass
    return None


def parse_feed(data: bytes, source: str, base: str | None = None) -> list[FeedItem]:
    """The items of an RSS or Atom feed, their links made absolute against `base` (raises InputError)."""
    import feedparser

    try:
        parsed = feedparser.parse(data, response_headers={"content-location": base} if base else None,
                                  sanitize_html=False)
    except Exception as exc:  # noqa: BLE001 — a third-party parser on arbitrary bytes
        raise InputError(source, f"cannot parse the feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        raise InputError(source, "not an RSS or Atom feed")
    base = base or parsed.feed.get("link") or None
    items = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if not link:
            continue  # an item with nothing to follow
        if base:
            link = urljoin(base, link)
        title = entry.get("title")
        items.append(FeedItem(link, title.strip() or None if isinstance(title, str) else None, item_date(entry)))
    return items


def _entry_link(entry: dict) -> str | None:
    """The item's article link: <link>, else an alternate link, else a guid that is a URL."""
    link = entry.get("link")
    if isinstance(link, str) and link.strip():
        return link.strip()
    for candidate in entry.get("links") or []:
        href = candidate.get("href")
        if isinstance(href, str) and href.strip() and candidate.get("rel", "alternate") == "alternate":
            return href.strip()
    guid = entry.get("id")
    return guid.strip() if isinstance(guid, str) and is_url(guid.strip()) else None


def page_document(page: Page, *, doc_id: str | None = None, url: str | None = None,
                  title: str | None = None, published: date | None = None) -> RawDocument:
    """A fetched HTML page as a RawDocument; given title and date fill what the page lacks (raises InputError)."""
    if page.content_type and page.content_type not in HTML_TYPES:
        raise InputError(page.url, f"not an HTML page ({page.content_type})")
    text = decode.decode_bytes(page.body, page.url, page.charset or decode.declared_charset(page.body),
                               what="page")
    url = url or page.url
    doc = html_document(text, doc_id or page_id(url), page.url, url=url, published=published)
    if doc.title is None:
        doc.title = title
    return doc


def fetch_items(items: Iterable[FeedItem], fetcher: Fetcher) -> Iterator[RawDocument | InputError]:
    """Fetch each item's page: a RawDocument or an InputError naming the link."""
    for item in items:
        try:
            yield page_document(fetcher.fetch(item.link), url=item.link, title=item.title,
                                published=item.published)
        except InputError as exc:
            yield exc


def read_feed_file(path: Path, source: str, fetcher: Fetcher) -> Iterator[RawDocument | InputError]:
    """A feed file: its items' pages, fetched."""
    try:
        items = parse_feed(decode.read_path(path, source), source)
    except InputError as exc:
        yield exc
        return
    yield from fetch_items(items, fetcher)


def fetch_feed(url: str, fetcher: Fetcher) -> list[FeedItem]:
    """The items of the feed at `url` (raises InputError, also when the URL is no feed)."""
    page = fetcher.fetch(url)
    if not looks_like_feed(page.body, page.content_type):
        raise InputError(url, f"not an RSS or Atom feed ({page.content_type or 'no content type'})")
    return parse_feed(page.body, url, base=page.final_url)


def read_url(url: str, fetcher: Fetcher) -> Iterator[RawDocument | InputError]:
    """A URL: a feed's items, or the one HTML page it is."""
    try:
        page = fetcher.fetch(url)
        if looks_like_feed(page.body, page.content_type):
            items = parse_feed(page.body, url, base=page.final_url)
        else:
            yield page_document(page, url=url)
            return
    except InputError as exc:
        yield exc
        return
    yield from fetch_items(items, fetcher)
