"""Actor recognition: people, countries and organisations linked to Wikidata.

STUB: replaced by the gazetteer-based implementation.
"""

from __future__ import annotations

from datetime import date

from summitry.records import Mention, Span


def find_mentions(text: str, sentences: list[Span], *, published: date | None, lang: str | None) -> list[Mention]:
    """All actor mentions in the text, in order."""
    return []
