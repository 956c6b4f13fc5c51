"""Temporal expressions, valued in TimeML against the publication date.

STUB: replaced by the implementation.
"""

from __future__ import annotations

from datetime import date

from summitry.records import Timex


def tag_timexes(text: str, *, published: date | None, lang: str | None) -> list[Timex]:
    """Every temporal expression in the text, in order."""
    return []
