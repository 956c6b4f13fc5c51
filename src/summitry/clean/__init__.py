"""Cleaning: RawDocument → Document (entities, boilerplate, wraps, repeats, metadata, offsets).

The steps, each in its own module:

1. entities     decode HTML entities, drop invisible characters, tidy spaces
2. metadata     take the crawl header (" date 2026-02-09 Larry Johnson") off the top
3. boilerplate  cut inline notes ("Artikel anhören"); drop navigation, markers and
                their blocks, captions, teaser boxes
4. wraps        join hard-wrapped lines into paragraphs; headings stay apart
                (then the line rules once more, for captions spread over lines)
5. metadata     bylines, author credits and datelines out of the body
6. repeats      truncated teasers, echo paragraphs, duplicates, contained paragraphs
7. metadata     title, language, publication date

Every edit goes through `OffsetText`, so each clean character maps back into
`raw.text`; what is dropped is logged in `Document.removed` with its reason.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from summitry.clean.boilerplate import remove_boilerplate, remove_wrapped_boilerplate, strip_inline
from summitry.clean.entities import normalize, tidy_spaces
from summitry.offsets import OffsetText
from summitry.clean.metadata import Found, detect_language, read_bylines, read_header, settle_title
from summitry.clean.repeats import remove_echoes, remove_repeats, remove_teasers
from summitry.clean.rules import Rules, load_rules
from summitry.clean.text import Removals, has_year
from summitry.clean.wraps import join_lines, split_lines
from summitry.records import Document, RawDocument, Span

__all__ = ["clean_document"]

PARAGRAPH_BREAK: Final = "\n\n"


def clean_document(raw: RawDocument) -> Document:
    """Clean one raw document, keeping an offset map back into raw.text."""
    rules = load_rules()
    removals = Removals()
    found = Found()

    ot = normalize(OffsetText.from_raw(raw.text))
    ot = read_header(ot, rules, found, removals)
    ot = strip_inline(ot, rules, removals)
    lines, crumb_title = remove_boilerplate(split_lines(ot), rules, removals, ot.text)
    paragraphs = join_lines(lines, rules.function_words, lambda line: _is_byline(line, rules))
    paragraphs = remove_wrapped_boilerplate(paragraphs, rules, removals)
    paragraphs = read_bylines(paragraphs, rules, found, removals)
    paragraphs = remove_teasers(paragraphs, removals)
    paragraphs = remove_echoes(paragraphs, removals)
    paragraphs = remove_repeats(paragraphs, removals)
    paragraphs, title = settle_title(paragraphs, raw.title or crumb_title, removals)

    text = tidy_spaces(OffsetText.join([p.ot for p in paragraphs if len(p.ot)] or [ot[0:0]], PARAGRAPH_BREAK))
    published, published_source = _published(raw, found)
    authors = list(raw.authors)
    known = {a.casefold() for a in authors}
    authors += [a for a in found.authors if a.casefold() not in known]

    return Document(
        id=raw.id, source=raw.source, raw_text=raw.text, text=text.text, offsets=text.to_map(),
        paragraphs=_paragraph_spans(text.text), language=raw.lang or detect_language(text.text),
        title=title, published=published, published_source=published_source, authors=authors,
        published_month=found.header_month if published is None else None,
        content_hash=raw.content_hash, url=raw.url, format=raw.format, html=raw.html,
        removed=removals.sorted(),
    )


def _published(raw: RawDocument, found: Found) -> tuple[date | None, str | None]:
    """The input's date wins, then the crawl header, a byline, HTML metadata, a dateline, the crawl day."""
    for day, source in (
        (raw.published, "input"),
        (found.header_date, "header"),
        (found.byline_date, "byline"),
        (raw.published_hint, "html-meta"),
        (found.text_date, "text"),
        (raw.crawled, "crawl"),
    ):
        if day is not None:
            return day, source
    return None, None


def _paragraph_spans(text: str) -> list[Span]:
    """The spans of the paragraphs, which the text separates with a blank line."""
    spans = []
    start = 0
    while start < len(text):
        end = text.find(PARAGRAPH_BREAK, start)
        if end < 0:
            end = len(text)
        spans.append(Span(start, end))
        start = end + len(PARAGRAPH_BREAK)
    return spans


def _is_byline(line: str, rules: Rules) -> bool:
    """A line that is a byline by itself (never joined to its neighbours as a wrapped sentence)."""
    if rules.bylines.match(line) is not None:
        return True
    # A glued byline has a date, hence a year. Without this check the name lists of
    # the glued patterns are tried on every line of a hard-wrapped text: a third of
    # the cleaning time of such a text.
    return has_year(line) and any(p.match(line) for p in rules.glued_bylines)
