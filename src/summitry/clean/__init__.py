"""Cleaning: RawDocument → Document (boilerplate, repeats, wraps, entities, offsets).

STUB: replaced by the clean/ implementation.
"""

from __future__ import annotations

from summitry.offsets import OffsetText
from summitry.records import Document, RawDocument, Span


def clean_document(raw: RawDocument) -> Document:
    """Clean one raw document, keeping an offset map back into raw.text."""
    ot = OffsetText.from_raw(raw.text).strip()
    return Document(
        id=raw.id, source=raw.source, raw_text=raw.text, text=ot.text, offsets=ot.to_map(),
        paragraphs=[Span(0, len(ot))], language=raw.lang, title=raw.title,
        published=raw.published, published_source="input" if raw.published else None,
        authors=list(raw.authors), content_hash=raw.content_hash, url=raw.url, format=raw.format,
        html=raw.html,
    )
