"""Character-level repairs: HTML entities, invisible characters, spaces.

Every repair goes through `OffsetText.sub`, so a decoded `&amp;hellip;` still
points at its eleven raw characters and deleted soft hyphens leave no trace
in the clean text but keep their neighbours' offsets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Final

from summitry.offsets import OffsetText

# Soft hyphen, zero-width and bidi controls, variation selectors (U+FE0F after emoji):
# invisible in a browser, but they split words for every later stage.
_INVISIBLE: Final = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff"
# NBSP and the typographic spaces: a reader sees a plain space.
_SPACE: Final = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_SET: Final = frozenset("\t\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
_ODD_NEWLINES: Final = "\r\u2028\u2029\x0b\x0c\x85"
_NEWLINE: Final = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Double-escaped entities ("&amp;hellip;", "&amp;amp;") come from pages escaped twice
# by their CMS; the whole run is one edit so it maps back to all of it.
_ENTITY: Final = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# One character class, no alternation: re then scans with its fast charset loop.
_ODD_CHAR: Final = re.compile(f"[{_INVISIBLE}{_SPACE}]")
# " ." and " ," from CMS templates go only before a mark that ends a word
# (not " .5", not " ..."); see tidy_spaces.
_MARKS: Final = ",.;:!?"
_AFTER_MARK: Final = frozenset(" \n\t\"“”»«'’)]")
# What every tidy_spaces edit starts at: one regex pass finds whether there is any
# (most texts have none), where a str.find per mark would scan the text seven times.
_TIDY_CANDIDATE: Final = re.compile(f" [ {re.escape(_MARKS)}]")


def _decode_entity(m: re.Match[str]) -> str:
    """The character(s) an entity stands for, unescaped as often as it was escaped."""
    text = m.group(0)
    for _ in range(4):  # "&amp;amp;hellip;" needs one round per escape
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _odd_char(m: re.Match[str]) -> str:
    """A space for a typographic space, nothing for an invisible character."""
    return " " if m.group(0) in _SPACE_SET else ""


def _has_any(text: str, needles: Iterable[str]) -> bool:
    """Whether any of the needles occurs in the text."""
    # `in` is a C-level scan; most texts have none of these, so no regex pass runs
    for needle in needles:
        if needle in text:
            return True
    return False


def normalize(ot: OffsetText) -> OffsetText:
    """Decode entities, drop invisible characters, make every space a plain single space."""
    if _has_any(ot.text, _ODD_NEWLINES):
        ot = ot.sub(_NEWLINE, "\n")
    # Entities and odd characters in one edit of the text: a decoded entity
    # ("&nbsp;", "&shy;") has its odd characters repaired at once.
    text = ot.text
    edits = []
    if "&" in text:
        for m in _ENTITY.finditer(text):
            decoded = _plain(_decode_entity(m))
            if decoded != m.group(0):
                edits.append((m.start(), m.end(), decoded))
    if not text.isascii() or "\t" in text:  # one scan: a search first would scan twice where there is one
        edits += [(m.start(), m.end(), _odd_char(m)) for m in _ODD_CHAR.finditer(text)]
    return tidy_spaces(ot.replace_spans(edits))


def _plain(text: str) -> str:
    """The text with its typographic spaces as plain ones and its invisible characters dropped."""
    if text.isascii() and "\t" not in text:
        return text
    return _ODD_CHAR.sub(_odd_char, text)


def tidy_spaces(ot: OffsetText) -> OffsetText:
    """One space between words, none before , . ; : ! ? (line edges are stripped with the lines)."""
    text = ot.text
    if _TIDY_CANDIDATE.search(text) is None:
        return ot
    edits = []
    # str.find instead of a regex: a pattern starting with " " stops at every space
    pos = text.find("  ")
    while pos >= 0:
        end = pos + 2
        while end < len(text) and text[end] == " ":
            end += 1
        if not (end < len(text) and text[end] in _MARKS and _ends_word(text, end + 1)):
            edits.append((pos + 1, end, ""))  # keep one space
        pos = text.find("  ", end)
    for mark in _MARKS:
        pos = text.find(" " + mark)
        while pos >= 0:
            if _ends_word(text, pos + 2):
                start = pos
                while start > 0 and text[start - 1] == " ":
                    start -= 1
                if start > 0 and text[start - 1] != "\n":  # not at a line start (": Die …")
                    edits.append((start, pos + 1, ""))
            pos = text.find(" " + mark, pos + 2)
    if not edits:
        return ot
    edits.sort()
    merged = [edits[0]]
    for start, end, repl in edits[1:]:  # a run before a mark is in both lists
        last = merged[-1]
        if start < last[1]:
            merged[-1] = (min(start, last[0]), max(end, last[1]), "")
        else:
            merged.append((start, end, repl))
    return ot.replace_spans(merged)


def _ends_word(text: str, pos: int) -> bool:
    """The mark before `pos` closes a word: end of text, whitespace, a closing quote or bracket."""
    return pos >= len(text) or text[pos] in _AFTER_MARK


