"""The records that pass between pipeline stages.

read → RawDocument → clean → Document → annotate → Annotations → extract → Extraction

Every fact a stage finds is a `Span` over the document's clean text plus a
value, so it can be shown with its sentence and mapped back to the raw text
through `Document.offsets`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from summitry.offsets import OffsetMap


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # pickled by its fields: a compiled (mypyc) frozen class cannot be restored through __setstate__
        return Span, (self.start, self.end)


@dataclass
class RawDocument:
    """One input document as read, before any cleaning.

    `text` is the decoded text the offsets of the clean document point into
    (for HTML: the text the extractor took out of the page; `html` keeps the page).
    """

    id: str
    source: str
    text: str
    format: str = "txt"  # txt | html | jsonl
    html: str | None = None
    url: str | None = None
    published: date | None = None  # given by the input (JSON Lines field): wins over the text
    lang: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)  # given by the input (HTML metadata)
    published_hint: date | None = None  # weaker hint (HTML metadata): used when the text has none
    published_hint_source: str | None = None
    crawled: date | None = None  # the day a crawler fetched the page (WARC-Date): the last resort

    @property
    def content_hash(self) -> str:
        return hashlib.sha256((self.html if self.html is not None else self.text).encode("utf-8")).hexdigest()


@dataclass
class Document:
    """A cleaned document: clean text with its offset map back into `raw_text`."""

    id: str
    source: str
    raw_text: str
    text: str
    offsets: OffsetMap
    paragraphs: list[Span]
    language: str | None
    title: str | None
    published: date | None
    published_source: str | None  # input | header | byline | html-meta | text | crawl | None
    authors: list[str]
    content_hash: str
    url: str | None = None
    format: str = "txt"
    html: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)  # what cleaning dropped, and why
    # the month a crawl prefix gives ("2025-02") when nothing fixes the day: it anchors
    # relative dates ("am 4. November") without dating the document itself
    published_month: str | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.raw_span(start, end)

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "format": self.format,
            "language": self.language,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "published_month": self.published_month,
            "authors": list(self.authors),
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True)
class Actor:
    """A person, country or organisation from the gazetteer (or found by name only)."""

    id: str  # Wikidata id, or "name:<Name>" for people not in the gazetteer
    name: str  # English Wikipedia name
    kind: str  # person | country | organisation | place
    wikidata: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 for people and places

    def __reduce__(self) -> tuple[type[Actor], tuple[str, str, str, str | None, str | None]]:
        # pickled by its fields: a compiled (mypyc) frozen class cannot be restored through __setstate__
        return Actor, (self.id, self.name, self.kind, self.wikidata, self.country)


@dataclass
class Mention:
    span: Span
    actor: Actor
    surface: str
    kind: str  # name | surname | role | title | pronoun | adjective
    sentence: int = -1


@dataclass
class Timex:
    """A temporal expression, valued in TimeML (TIMEX3) conventions."""

    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # 2026-02-04, 2025-05, 2026-H1, 2023, PAST_REF, P1D ...
    precision: str | None = None  # day | week | month | quarter | half | season | year | decade | None
    sentence: int = -1

    def as_date(self) -> date | None:
        if self.type in ("DATE", "TIME"):
            return _day_of(self.value)
        return None


@lru_cache(maxsize=4096)
def _day_of(value: str) -> date | None:
    """The day a TIMEX3 value starts with ("2026-02-04", "2026-02-04T15:00"), remembered: the contact rules
    ask each timex for its day again and again."""
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@dataclass
class Quote:
    span: Span  # the quotation itself, marks excluded
    text: str
    speaker: Actor | None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    sentence: int = -1


@dataclass
class Statement:
    """A sentence with the side that reported it and the topics it carries."""

    span: Span
    side: str  # e.g. RU, CN, US (an official readout), media, expert
    topics: list[str] = field(default_factory=list)
    source_span: Span | None = None  # the cue that names the side ("laut Uschakow")


@dataclass
class Contact:
    kind: str  # phone_call | video_call | call | meeting | visit
    status: str  # occurred | planned | denied
    participants: list[Actor]
    date: date | None = None
    timex: Timex | None = None
    period: str | None = None  # TimeML value when the text fixes less than a day (2026-H1)
    duration_minutes: int | None = None
    places: list[str] = field(default_factory=list)
    initiator: Actor | None = None
    tone: list[str] = field(default_factory=list)
    main: bool = False
    evidence: list[Span] = field(default_factory=list)
    cameo: str | None = None
    plover: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    omissions: list[Statement] = field(default_factory=list)  # "in neither side's readout": topics left out
    contacts: list[Contact] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def to_plain(obj: Any) -> Any:
    """Dataclasses, dates and spans as JSON-ready values."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_plain(v) for k, v in asdict(obj).items()}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj
