"""Hard line wraps: join the lines of a paragraph, keep real paragraph breaks and headings.

Scraped text comes in two shapes. Most pages give one line per paragraph, with
headings on lines of their own, sometimes without a blank line after them.
Copies from PDFs, mails and some apps are hard-wrapped at a fixed width
(~60–80 characters), and their blank lines may even fall inside a sentence.
A line is joined to the next one when

- it ends in "Wort-" (joined without a space, the hyphen kept: "Trump-Administration"),
- the next line starts in lower case,
- it ends in a function word ("… im" + "Gespräch"), from data/<lang>/function_words.txt,
- or the text is hard-wrapped and the line is long for its wrap width (a short line
  there ends a paragraph or is a heading);

never after a sentence end, except inside a block of a hard-wrapped text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from summitry.clean.text import Line, ends_sentence, first_word, last_word, starts_lower
from summitry.offsets import OffsetText

# Hard wrapping shows as many lines, nearly all short, many ending mid-sentence.
MIN_LINES: Final = 6
MAX_WRAPPED_LEN: Final = 100
SHORT_SHARE: Final = 0.85
MID_SENTENCE_SHARE: Final = 0.4
# A line at least this share of the wrap width was wrapped, not ended.
LONG_LINE_SHARE: Final = 0.6


def split_lines(ot: OffsetText) -> list[Line]:
    """Non-empty, stripped lines, each knowing how many blank lines came before it."""
    lines: list[Line] = []
    gap = 0
    pos = 0  # where the line starts in ot
    for line in ot.text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            lines.append(Line(ot.part(pos + lead, pos + lead + len(stripped)), gap if lines else 0))
            # Trailing spaces count as one blank line after the line, as they always have
            # (this function's first version went on from the stripped end): joining depends on it.
            gap = 1 if lead + len(stripped) < len(line) else 0
        else:
            gap += 1
        pos += len(line) + 1
    return lines


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when it is not hard-wrapped."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 20]
    if len(lengths) < MIN_LINES:
        return None
    if sum(1 for n in lengths if n <= MAX_WRAPPED_LEN) < SHORT_SHARE * len(lengths):
        return None
    inner = [a for a, b in zip(lines, lines[1:]) if b.gap == 0]
    if not inner or sum(1 for a in inner if not ends_sentence(a.text)) < MID_SENTENCE_SHARE * len(inner):
        return None
    lengths.sort()
    return lengths[int(0.9 * (len(lengths) - 1))]


def join_lines(lines: list[Line], function_words: frozenset[str],
               stands_alone: Callable[[str], bool] | None = None) -> list[Line]:
    """Paragraphs from lines: wrapped lines joined, breaks and headings kept apart.

    `stands_alone(line)` vetoes joining a line that must start a paragraph of its
    own (a byline "by Jane Doe" under a subtitle, "Von Jan Petersen | 09.07.2024"
    under a headline ending in a particle like "an").
    """
    if not lines:
        return []
    width = wrap_width(lines)
    paragraphs: list[Line] = []
    pieces = [lines[0].ot]
    seps: list[str] = []
    first_gap = lines[0].gap
    block_len = 1  # lines so far in the current block (lines without blank lines between)
    for prev, line in zip(lines, lines[1:]):
        sep = joiner(prev.text, line.text, line.gap, block_len, width, function_words)
        if sep is not None and stands_alone is not None and stands_alone(line.text):
            sep = None
        if sep is None:
            paragraphs.append(Line(OffsetText.join(pieces, seps), first_gap, len(pieces)))
            pieces, seps, first_gap = [line.ot], [], line.gap
        else:
            pieces.append(line.ot)
            seps.append(sep)
        block_len = block_len + 1 if line.gap == 0 else 1
    paragraphs.append(Line(OffsetText.join(pieces, seps), first_gap, len(pieces)))
    return paragraphs


def joiner(a: str, b: str, gap: int, block_len: int, width: int | None,
           function_words: frozenset[str]) -> str | None:
    """What goes between line a and line b: ' ', '' (after 'Wort-'), or None for a paragraph break."""
    hard = width is not None
    long_line = width is not None and len(a) >= LONG_LINE_SHARE * width
    if len(a) >= 2 and a[-1] == "-" and a[-2].isalpha() and b[:1].isalpha() and (gap == 0 or hard):
        # "Staats-\nund Regierungschefs" keeps its space; "Trump-\nAdministration" is one word
        return " " if first_word(b).casefold() in function_words else ""
    if ends_sentence(a):
        return " " if long_line and gap == 0 else None
    if starts_lower(b):
        return " "
    if (gap == 0 or hard) and last_word(a).casefold() in function_words:
        return " "
    if long_line and (gap == 0 or block_len >= 2):
        # a blank line after the last line of a wrapped block cut a sentence in two
        return " "
    return None
