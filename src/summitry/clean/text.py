"""Small shared pieces: the line record, the removal log, word tokens, sentence ends, names."""

from __future__ import annotations

import re
from typing import Final

from summitry.offsets import OffsetText

# A sentence ends in one of _FINAL, possibly followed by closing quotes or brackets.
_FINAL: Final = frozenset(".!?…:")
_CLOSERS: Final = "\"“”»«'’)]"
_NOT_WORD: Final = "„“”\"'‚‘’«»()[]{}.,;:!?…–—-/"
_WORD: Final = re.compile(r"\w+")
_FIRST_WORD: Final = re.compile(r"[^\W\d_][\w'’.-]*")
_YEAR: Final = re.compile(r"\d{4}")
# A kicker, the label before a headline ("Diplomatie: Xi und Putin sprechen"), has at most this many words.
MAX_KICKER_WORDS: Final = 3


class Line:
    """One non-empty line (or, after joining, one paragraph) of the document being cleaned."""

    # a plain slotted class: lines are made and read in the hot loops
    __slots__ = ("ot", "text", "gap", "parts", "tokens")

    def __init__(self, ot: OffsetText, gap: int = 0, parts: int = 1):
        self.ot = ot
        self.text = ot.text
        self.gap = gap  # blank or removed lines before it
        self.parts = parts  # lines joined into it
        self.tokens: list[str] | None = None  # lower-case words, cached by the repeats pass

    def __repr__(self) -> str:
        return f"Line({self.text!r}, gap={self.gap})"


class Removals:
    """What cleaning dropped, in raw offsets, with the reason (becomes Document.removed)."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, ot: OffsetText, reason: str, **extra: str) -> None:
        """Log the raw span a piece of text came from; `extra` keeps what was read from it."""
        if len(ot):
            self.items.append({"start": ot.raw_start, "end": ot.raw_end, "reason": reason, **extra})

    def sorted(self) -> list[dict]:
        """The log in raw order; a cut inside a line that was later removed whole is not repeated."""
        out: list[dict] = []
        for item in sorted(self.items, key=lambda d: (d["start"], -d["end"])):
            inside = out and out[-1]["start"] <= item["start"] and item["end"] <= out[-1]["end"]
            if inside and len(item) == 3:  # entries carrying a value (header, …) stay
                continue
            out.append(item)
        return out


def ends_sentence(text: str) -> bool:
    """True when the text ends in . ! ? … or :, possibly followed by closing quotes or brackets."""
    # string methods, not a regex: this runs for every line and is on the hot path
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] in _FINAL


def has_year(text: str) -> bool:
    """Whether the text has four digits in a row (every date form the rules know has a year)."""
    # `in` per digit first: a regex tries every position, this line is on the hot path
    for digit in "0123456789":
        if digit in text:
            return _YEAR.search(text) is not None
    return False


def words(text: str) -> list[str]:
    """The words (runs of letters and digits) of a text."""
    return _WORD.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where the words of `words(text)` are."""
    return [m.span() for m in _WORD.finditer(text)]


def key(text: str) -> str:
    """Comparison form of a paragraph: its words, case-folded, single-spaced."""
    return " ".join(_WORD.findall(text)).casefold()


def first_word(text: str) -> str:
    """The word the text starts with ('' when it starts otherwise)."""
    m = _FIRST_WORD.match(text)
    return m.group(0) if m else ""


def last_word(text: str) -> str:
    """The last word, without the punctuation around it."""
    tail = text[-40:].rsplit(None, 1)
    return tail[-1].strip(_NOT_WORD) if tail else ""


def starts_lower(text: str) -> bool:
    """Whether the text starts with a lower-case letter."""
    return bool(text) and text[0].islower()


def is_person_name(name: str, particles: frozenset[str], not_names: frozenset[str],
                   *, min_words: int = 2, max_words: int = 5) -> bool:
    """'Jana-Sophie Brüntjen', 'J. D. Vance', 'Ursula von der Leyen': capitalised words, no digits."""
    parts = name.split()
    if not min_words <= len(parts) <= max_words:
        return False
    capitals = 0
    for part in parts:
        if part in particles:
            continue
        if part.casefold().strip(".") in not_names or not part[0].isupper():
            return False
        if any(c.isdigit() for c in part) or not all(c.isalpha() or c in "-.'’" for c in part):
            return False
        capitals += 1
    return capitals >= min_words and parts[-1] not in particles
