"""Direct quotations and their speakers.

STUB: replaced by the implementation.
"""

from __future__ import annotations

from summitry.records import Mention, Quote, Span


def find_quotes(text: str, sentences: list[Span], mentions: list[Mention], *, lang: str | None) -> list[Quote]:
    """Direct quotes in order, each with its speaker where the text says who."""
    return []
