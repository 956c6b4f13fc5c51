"""HTML pages (.html/.htm): trafilatura takes out the article, htmldate the date.

RawDocument.text is the extracted main text, one paragraph per line, because
the clean stage's offsets must point into a text; the page itself is kept in
RawDocument.html. The page's date is only a hint (`published_hint`): pages
carry modified dates and template dates, so it must not outrank the text.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import date
from pathlib import Path

from summitry.errors import InputError
from summitry.read.decode import decode_file
from summitry.records import RawDocument

log = logging.getLogger(__name__)

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
# htmldate on meta tags, JSON-LD, <time> and the URL only: its extensive search
# reads dates out of the body, which in news are the dates of the events.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _date(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, None for anything else."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def split_authors(value: str | None) -> list[str]:
    """trafilatura's 'A; B' author string as a list."""
    return [a.strip() for a in (value or "").split(";") if a.strip()]


def page_language(html: str) -> str | None:
    """The primary language subtag of <html lang="de-DE">, lower-cased."""
    m = _HTML_LANG.search(html[:8192])
    return m.group(1).lower() if m else None


def html_document(html: str, doc_id: str, source: str, *, url: str | None = None,
                  published: date | None = None, lang: str | None = None,
                  title: str | None = None) -> RawDocument:
    """Extract one page into a RawDocument (raises InputError); given fields win over the page's."""
    # Imported here: trafilatura pulls in lxml and friends, which .txt and
    # .jsonl runs never need.
    import trafilatura
    from htmldate import find_date

    started = time.perf_counter()
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, include_formatting=False,
            with_metadata=True, date_extraction_params=_DATE_PARAMS)
        found = find_date(html, url=url, **_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 — a third-party parser on arbitrary pages
        raise InputError(source, f"cannot parse the HTML page: {exc}") from None
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError(source, "no article text found in the HTML page")
    log.debug("%s: extracted %d characters in %.1f ms", source, len(text),
              1000 * (time.perf_counter() - started))
    hint = _date(found) or _date(doc.date)
    return RawDocument(
        id=doc_id, source=source, text=text, format="html", html=html,
        url=url or doc.url or None, published=published, lang=lang or page_language(html),
        title=title or doc.title or None, authors=split_authors(doc.author),
        published_hint=hint, published_hint_source="html-meta" if hint else None,
    )


def read_html_file(path: Path, source: str) -> RawDocument:
    """Read and extract one .html/.htm file (raises InputError)."""
    return html_document(decode_file(path, source, html=True), path.stem, source)
