"""Topics from a small taxonomy, per sentence and per document.

STUB: replaced by the implementation.
"""

from __future__ import annotations

from summitry.records import Span, Statement


def tag_topics(text: str, sentences: list[Span], *, lang: str | None) -> tuple[list[str], list[Statement]]:
    """(document topics, one Statement per sentence that carries a topic)."""
    return [], []
