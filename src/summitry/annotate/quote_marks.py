"""Quotation marks: one pass over the text pairs openers with closers.

German „…“ »…« «…» ‚…‘ and English “…” ‘…’ plus straight "…" '…' are all
read by one stack machine, so mixed styles („…" or “…” in a German text) pair
too. What a mark does depends on its neighbours and on what is open:

- a mark between two letters is an apostrophe (didn’t, CNN's), and a single
  mark after a letter with no single quote open is a possessive (Scholz' Besuch);
- a mark with a letter after it and space or an opening bracket before it
  opens; one with a letter or punctuation before it and space or punctuation
  after it closes the innermost quote it fits (“ closes „ but opens in English);
- quotes inside a quote are nested: they stay part of the outer quote;
- a double quote left open ends at the paragraph (a blank line), or at a line
  break when no closer for it follows before the paragraph ends and the line
  ends a sentence (English quotes that run over paragraphs reopen each one; a
  hard-wrapped line in mid-sentence runs on); an open single quote is dropped
  at the line end, since it is more often a stray apostrophe.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from summitry.annotate.doctext import char_positions

# which marks may close a quote opened by each mark
_DOUBLE_CLOSERS = {
    "„": "“”\"",
    "“": "”\"“",
    "\"": "\"”“",
    "»": "«",
    "«": "»",
}
_SINGLE_CLOSERS = {
    "‚": "‘’'",
    "‘": "’'",
    "'": "'’",
}
_CLOSERS = {**_DOUBLE_CLOSERS, **_SINGLE_CLOSERS}
_MARKS = "\"'„“”‚‘’»«\n"
_OPEN_AFTER = "([{—–-/:„‚“‘«»\"'"  # what may stand before an opening single mark besides space
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_DOUBLE_MARK = re.compile("[\"„“”»«]")
_LINE_FINAL = ".!?…:;\"'„“”‚‘’»«)"  # a line ending in these ends its paragraph's open quote


class QuoteMarks(NamedTuple):
    """One top-level quotation: marks at `open` and `close` (None when left open)."""

    open: int
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    close: int | None
    closed: bool

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


class _Open(NamedTuple):
    mark: str
    pos: int


def scan_quotes(text: str) -> list[QuoteMarks]:
    """Top-level quotations in text order (nested quotes stay inside their outer quote)."""
    n = len(text)
    stack: list[_Open] = []
    found: list[QuoteMarks] = []
    paragraph_ends: list[int] = []  # blank-line positions, found on the first line break inside a quote
    for i in char_positions(text, _MARKS):
        ch = text[i]
        if ch == "\n":
            if stack:
                if not paragraph_ends:
                    paragraph_ends = [m.start() for m in _BLANK_LINE.finditer(text)] + [n]
                _line_break(text, i, stack, found, paragraph_ends)
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        single = ch in "'’‘‚"
        if single and ch != "‚" and prev.isalnum():
            if nxt.isalpha() or not any(o.mark in _SINGLE_CLOSERS for o in stack):
                continue  # an apostrophe (didn’t, CNN's) or a possessive (Scholz' Besuch)
        if stack and not prev.isspace() and (ch == '"' or not nxt.isalnum() or ch in "“”«»"):
            depth = _closable(stack, ch)
            if depth is not None:
                del stack[depth + 1:]
                opened = stack.pop()
                if not stack:
                    found.append(QuoteMarks(opened.pos, opened.pos + 1, i, i, True))
                continue
        if ch in _CLOSERS and not nxt.isspace():
            if single and not (prev.isspace() or prev in _OPEN_AFTER or ch == "‚"):
                continue
            stack.append(_Open(ch, i))
    if stack:
        _end_open(text, n, stack, found)
    return found


def _closable(stack: list[_Open], ch: str) -> int | None:
    """Index of the innermost open quote `ch` closes; a double mark may close over open singles."""
    for depth in range(len(stack) - 1, -1, -1):
        if ch in _CLOSERS[stack[depth].mark]:
            return depth
        if stack[depth].mark not in _SINGLE_CLOSERS:
            return None  # never close past an open double quote
    return None


def _line_break(text: str, i: int, stack: list[_Open], found: list[QuoteMarks], paragraph_ends: list[int]) -> None:
    """Decide at a line break whether the open quotes run on into the next line."""
    while stack and stack[-1].mark in _SINGLE_CLOSERS:
        stack.pop()
    if not stack:
        return
    blank = _BLANK_LINE.match(text, i)
    if not blank:
        limit = paragraph_ends[bisect_right(paragraph_ends, i)] if paragraph_ends[-1] > i else len(text)
        nxt = _DOUBLE_MARK.search(text, i + 1, limit)
        if nxt and _is_closer_for(text, nxt.start(), stack[-1].mark):
            return  # a hard-wrapped quote: its closer follows on a later line
        line = text[max(0, i - 20):i].rstrip()
        if not nxt and line and line[-1] not in _LINE_FINAL:
            return  # a hard wrap in mid-sentence of a quote the excerpt leaves open
    _end_open(text, i, stack, found)


def _is_closer_for(text: str, j: int, opener: str) -> bool:
    """Whether the mark at `j` can close a quote opened by `opener` (it follows a non-space)."""
    ch = text[j]
    prev = text[j - 1] if j > 0 else " "
    return ch in _CLOSERS[opener] and not prev.isspace()


def _end_open(text: str, pos: int, stack: list[_Open], found: list[QuoteMarks]) -> None:
    """Close the outermost open double quote as unclosed at `pos`; singles are dropped."""
    outer = next((o for o in stack if o.mark in _DOUBLE_CLOSERS), None)
    stack.clear()
    if outer is None:
        return
    end = pos
    while end > outer.pos + 1 and text[end - 1].isspace():
        end -= 1
    found.append(QuoteMarks(outer.pos, outer.pos + 1, end, None, False))
