"""The pre-filter for archives: does a page mention a known person at all?

Most pages of a news crawl are about other things; extracting them is the
expensive part (trafilatura, then the pipeline). One Aho-Corasick automaton of
the gazetteer's names of people (full names, and the family names and
nicknames that stand for a person alone, with their genitives and ASCII
spellings) scans the raw page first, and only pages with a hit go on.

It matches the names as written, capitalised, not on lower-cased text: short
family names ("Xi", "Li") would otherwise hit every <li> tag, and "Merz" every
"Schmerz". A hit must stand as a word ("Modi" opens "Modifikation"): page and
forms alike have every byte that is not an ASCII letter or digit turned into a
space (one bytes.translate), and each form is looked for with a space on both
sides. That also gives the automaton a single first step, the space, which
makes the scan several times faster than one starting at every letter. Bytes
of non-ASCII characters become spaces too, on both sides, so "Erdoğan" still
matches (as "Erdo  an"), in UTF-8 and in Windows-1252.
Headline capitals ("PUTIN") are added as forms of their own.
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


# every byte but ASCII letters and digits → space
_WORD_BYTES = bytes(b if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))
_ENCODINGS = ("utf-8", "cp1252")


def _squash(data: bytes) -> str:
    """Bytes with all but ASCII letters and digits as spaces, padded with a space, as a str."""
    return (b" " + data.translate(_WORD_BYTES) + b" ").decode("latin-1")


@lru_cache(maxsize=1)
def _automaton() -> Any:
    """The automaton of `person_forms`, squashed, in the encodings pages come in (built once)."""
    automaton = ahocorasick.Automaton()
    for form in person_forms():
        for encoding in _ENCODINGS:
            try:
                automaton.add_word(_squash(form.encode(encoding)), None)
            except UnicodeEncodeError:
                pass
    automaton.make_automaton()
    return automaton


def mentions_actor(data: bytes) -> bool:
    """True when a raw page (any encoding of German or English) names a known person."""
    for _ in _automaton().iter(_squash(data)):
        return True
    return False


def mentions_text(text: str) -> bool:
    """True when a text names a known person."""
    return mentions_actor(text.encode("utf-8", "surrogatepass"))
