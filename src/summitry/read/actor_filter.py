"""The pre-filter for archives: does a page mention a known person at all?

Most pages of a news crawl are about other things; extracting them is the
expensive part (trafilatura, then the pipeline). One Aho-Corasick automaton of
the gazetteer's names of people (full names, and the family names and
nicknames that stand for a person alone, with their genitives and ASCII
spellings) scans the raw page first, and only pages with a hit go on.

It matches the names as written, capitalised, not on lower-cased text: short
family names ("Xi", "Li") would otherwise hit every <li> tag and "taxi", and
"Merz" every "Schmerz". A hit must also stand as a word, since "Modi" opens
"Modifikation". Headline capitals ("PUTIN") are added as forms of their own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import ahocorasick

from summitry.annotate.gazetteer import SHORT, gazetteer

_PERSON_KINDS = frozenset({"name", "surname"})


def person_forms() -> set[str]:
    """The surface forms that name one known person alone, as written (and in capitals)."""
    g = gazetteer()
    people = set(g.people)
    forms: set[str] = set()
    buckets = [entries for _, (_, entries) in g.automaton.items()]
    buckets += [entries for _, entries in g.short_entries.values()]
    for entries in buckets:
        for entry in entries:
            # a non-standalone family name is a common word too ("May", "Price"): its full name counts
            if entry.kind in _PERSON_KINDS and entry.standalone and set(entry.targets) <= people:
                forms.add(entry.surface)
    # Short forms stay as written: in capitals they are tags and numerals ("<LI>", "Ludwig XI").
    return forms | {form.upper() for form in forms if len(form) > SHORT}


@lru_cache(maxsize=1)
def _automaton() -> Any:
    """The automaton of `person_forms` (built once)."""
    automaton = ahocorasick.Automaton()
    for form in person_forms():
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


def _bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word (no letter or digit glued to either side)."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def mentions_text(text: str) -> bool:
    """True when the text names a known person."""
    for last, length in _automaton().iter(text):
        if _bounded(text, last + 1 - length, last + 1):
            return True
    return False


def mentions_actor(data: bytes) -> bool:
    """True when a raw page names a known person (bytes decoded as UTF-8, bad bytes replaced)."""
    # Any encoding of German or English spells the names in ASCII (and the gazetteer has ASCII
    # variants of names with diacritics), so decoding as UTF-8 is enough and costs next to nothing.
    return mentions_text(data.decode("utf-8", "replace"))
