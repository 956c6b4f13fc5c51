"""WARC and WARC.gz archives (warcio), read as a stream of HTML pages.

Only HTTP `response` records with status 200 and an HTML content type are
pages. Before the expensive extraction a page must name a known person
(read/actor_filter.py); after it, its text must be in one of the wanted
languages (read/language.py). The archive is never held in memory: records
are read one at a time, each body up to the size cap.

A page without article text, or over the cap, is counted, not reported as an
error: in a crawl such pages are the rule, not a fault of the input.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summitry.errors import InputError
from summitry.read import decode
from summitry.read.actor_filter import mentions_actor, mentions_text
from summitry.read.fetch import HTML_TYPES, content_type, page_id
from summitry.read.html import html_document
from summitry.read.language import text_language
from summitry.records import RawDocument

WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD = 4096
_CHUNK = 1 << 16


def is_warc(name: str) -> bool:
    """True for a .warc or .warc.gz file name."""
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass
class WarcCounts:
    """What reading one archive did with its records."""

    source: str
    records: int = 0
    html: int = 0  # HTTP 200 responses with an HTML content type
    prefiltered: int = 0  # pages naming no known person
    language: int = 0  # pages in a language not asked for
    no_text: int = 0  # pages with no article text, undecodable or over the size cap
    documents: int = 0  # pages handed on to cleaning and extraction

    def summary(self) -> str:
        """One line for the CLI."""
        return (f"{self.source}: {self.records} records, {self.html} HTML responses, "
                f"{self.prefiltered} skipped by the actor pre-filter, {self.language} skipped by language, "
                f"{self.no_text} without article text, {self.documents} documents")


def _warc_date(value: str | None) -> date | None:
    """The day of a WARC-Date (2026-02-05T10:00:00Z)."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_warc(path: Path, source: str, counts: WarcCounts, *, langs: frozenset[str] | None = None,
              prefilter: bool = True, at: Callable[[int], None] | None = None) -> Iterator[RawDocument | InputError]:
    """The article pages of an archive that pass the filters; `counts` is kept up to date, and
    `at(offset)` hears how many bytes of the file are read after each record."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as fh:
            if not _starts_as_warc(fh.read(_HEAD)):
                yield InputError(source, "not a WARC archive (it does not start with a WARC record)")
                return
            fh.seek(0)
            records = ArchiveIterator(fh)
            for record in records:
                counts.records += 1
                doc = _page(record, counts, langs=langs, prefilter=prefilter)
                if _cut_off(record):
                    yield InputError(source, f"archive cut off in record {counts.records}")
                    return
                if at is not None:
                    at(fh.tell())
                if doc is not None:
                    counts.documents += 1
                    yield doc
    except OSError as exc:
        yield decode.os_error(source, exc)
        return
    except Exception as exc:  # noqa: BLE001 — warcio on a damaged archive fails in many ways
        yield InputError(source, f"archive damaged after record {counts.records} ({_first_line(exc)})")
        return
    if records.err_count:  # warcio read on past a record whose length was wrong (a cut or broken file)
        yield InputError(source, f"archive damaged: {records.err_count} records of a wrong length")


def _cut_off(record) -> bool:
    """True when the file ended before the record's declared length (read to its end here)."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) > 0


def _starts_as_warc(head: bytes) -> bool:
    """True when the (possibly gzipped) bytes open with a WARC record header."""
    if head[:2] == _GZIP_MAGIC:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _page(record, counts: WarcCounts, *, langs: frozenset[str] | None, prefilter: bool) -> RawDocument | None:
    """A response record as a document, or None when it is no page or a filter drops it."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media, charset = content_type(record.http_headers.get_header("content-type"))
    if media not in HTML_TYPES:
        return None
    counts.html += 1
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    cap = decode.max_bytes()
    body = record.content_stream().read(cap + 1)
    if len(body) > cap:
        counts.no_text += 1
        return None
    if prefilter and not mentions_actor(body):
        counts.prefiltered += 1
        return None
    try:
        text = decode.decode_bytes(body, uri, charset or decode.declared_charset(body), what="page")
        doc = html_document(text, page_id(uri) if uri else "warc-page", uri or counts.source, url=uri or None)
    except InputError:
        counts.no_text += 1
        return None
    if prefilter and not mentions_text(doc.text):  # the name was in the page's menus or teasers only
        counts.prefiltered += 1
        return None
    if langs is not None and text_language(doc.text) not in langs:
        counts.language += 1
        return None
    doc.crawled = _warc_date(record.rec_headers.get_header("WARC-Date"))
    return doc


def _first_line(exc: Exception) -> str:
    """An exception's message, one line."""
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__
