"""Sentence spans over clean text.

SoMaJo splits German well but at ~90 KB/s it is too slow for the hot path
(the extraction target is 200 documents/s, about 1 MB/s), so this is a small
rule splitter: paragraph breaks always split; '.', '!', '?' and '…' split
when followed by space and an upper-case letter, a digit or an opening quote,
unless the token before is a known abbreviation (data/<lang>/abbreviations.txt),
an ordinal date ("am 4. Februar") or a single initial ("J. D. Vance"); a mark
glued between two words ("the talks.The trip", a space lost in scraping) splits too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summitry.annotate.doctext import char_positions
from summitry.data import load_list
from summitry.records import Span

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_BOUNDARY = re.compile(
    r"""(?<=[.!?…])            # a sentence-final mark
        ["“”»«'’)\]]*          # closing quotes or brackets stay with the sentence
        (?=\s+["„“»«'‚(]*[A-ZÄÖÜ0-9])  # then space and a capital, digit or opening quote
    """,
    re.VERBOSE,
)
# `_BOUNDARY` can only match right after a mark, so it is tried there alone: run over the
# whole text it costs a lookbehind at every character.
_MARKS = ".!?…"
_CLOSERS = "\"“”»«'’)]"
_OPENERS = "(\"„“»"


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_list("de/abbreviations.txt") + load_list("en/abbreviations.txt"))


def _is_false_boundary(text: str, pos: int) -> bool:
    """True when the mark just before `pos` belongs to an abbreviation, ordinal or initial."""
    # the run of non-space characters ending at `pos` (at most 40 back); text[pos - 1] is the mark
    lo = max(0, pos - 40)
    run = text[lo:pos].rsplit(None, 1)[-1]
    run_start = pos - len(run)
    word = run.lstrip(_OPENERS)
    if word in _abbreviations():
        return True
    n = len(word)
    if n == 2 and word[1] == "." and (word[0].isalnum() or word[0] == "_") and not word[0].isdecimal():
        return True  # an initial or one-letter abbreviation: "J. D. Vance", "z. B."
    if 2 <= n <= 3 and word[-1] == "." and word[:-1].isdecimal():
        # "am 4. Februar", "zum 80. Jahrestag": an ordinal, not a sentence end
        before = text[max(0, run_start - 20):run_start].split()
        after = text[pos:pos + 30].split()
        context = _ordinal_context()
        return bool((before and before[-1] in context) or (after and after[0].strip(",.") in context))
    return False


@lru_cache(maxsize=None)
def _ordinal_context() -> frozenset[str]:
    return frozenset(load_list("de/ordinal_context.txt"))


def split_sentences(text: str, lang: str | None = None) -> list[Span]:
    """Sentence spans (whitespace trimmed) covering the text in order."""
    spans: list[Span] = []
    after_marks = [i + 1 for i in char_positions(text, _MARKS)]
    boundary = _BOUNDARY.match
    para_start = 0
    k = 0
    for brk in list(_PARAGRAPH.finditer(text)) + [None]:
        para_end = brk.start() if brk else len(text)
        start = para_start
        while k < len(after_marks) and after_marks[k] < para_start:
            k += 1
        while k < len(after_marks) and after_marks[k] <= para_end:
            p = after_marks[k]
            k += 1
            if p < start or p == para_end:
                continue
            if _glued(text, p, para_end):
                _add(spans, text, start, p)
                start = p
                continue
            if not (text[p].isspace() or text[p] in _CLOSERS):
                continue  # `_BOUNDARY` wants closers, then space: no need to ask it
            m = boundary(text, p, para_end)  # the paragraph end bounds the lookahead, as finditer did
            if m is None:
                continue
            end = m.end()
            mark_end = end
            while mark_end > start and text[mark_end - 1] in _CLOSERS:
                mark_end -= 1
            if _is_false_boundary(text, mark_end):
                continue
            _add(spans, text, start, end)
            start = end
        _add(spans, text, start, para_end)
        para_start = brk.end() if brk else len(text)
    return spans


def _glued(text: str, pos: int, end: int) -> bool:
    """A boundary whose space scraping lost: "after the talks.The trip" (word, mark, capitalised word).

    Two lower-case letters on either side keep out domains and initials ("Gazeta.Ru", "U.S.").
    """
    return (pos + 3 <= end and pos >= 3 and text[pos].isupper() and text[pos + 1].islower()
            and text[pos + 2].islower() and text[pos - 2].islower() and text[pos - 3].islower())


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))
