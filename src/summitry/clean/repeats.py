"""Repeated text: truncated teasers, echo paragraphs, duplicates and contained paragraphs.

Scrapers concatenate what a page shows more than once. Three shapes matter:

- a *teaser* of the article (its opening, cut off with "…") before the article itself;
- an *echo*: a paragraph that repeats the previous one with some words dropped and
  then runs on into new text (bullet lists rendered twice: ": Die Staats- und …
  beeinflusst. Wirtschaftliche Zusammenarbeit: …"). Only the repeated prefix goes;
- paragraphs repeated verbatim, or contained in a longer paragraph.

Echoes and teasers are found by walking the words of one paragraph through the
words of the other in order, allowing the other to have words the copy dropped.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Final

from summitry.clean.text import Line, Removals, ends_sentence, word_spans
from summitry.offsets import common_prefix_length

# An echo repeats at least this many words, and this share of the paragraph it echoes.
ECHO_MIN_WORDS: Final = 6
ECHO_MIN_SHARE: Final = 0.4
# How far (in words) the copy may skip ahead in the original: words it dropped.
SKIP_WINDOW: Final = 10
# The copy must start within the first words of the original.
START_WINDOW: Final = 12
# A teaser has this many words and this share of them turns up right after it.
TEASER_MIN_WORDS: Final = 8
TEASER_MIN_SHARE: Final = 0.8
TEASER_MISSES: Final = 2
# Shorter paragraphs (headings) may legitimately occur inside others.
MIN_CONTAINED_LEN: Final = 30
_WORD: Final = re.compile(r"\w+")
# Enough of a paragraph's opening to see whether it can be an echo.
HEAD_CHARS: Final = 120
_TRAILING: Final = " .!?…:;,"
_NOT_WORD: Final = "„“”\"'‚‘’«»()[]{}.,;:!?…–—-/"
_FRAGMENT_START: Final = frozenset(":;,.)–-")
_OPENING_QUOTES: Final = frozenset("„“\"‚'»«")
_CLOSING_QUOTES: Final = frozenset("“”\"‘'«»")
# Paragraphs compared with the one before for echoes.
ECHO_LOOKBACK: Final = 2


def _tokens(para: Line) -> list[str]:
    """Lower-case words of a paragraph (cached on it: three passes read them)."""
    if para.tokens is None:
        para.tokens = lower_words(para.text)
    return para.tokens


def lower_words(text: str) -> list[str]:
    """`_WORD.findall(text.lower())`, faster: most space-separated pieces are one word already.

    No word spans a space, so the words of the text are those of its pieces; a
    piece that is all letters and digits (str.isalnum, the \\w class without "_")
    is one word and needs no regex, which walks a text character by character.
    """
    words: list[str] = []
    for piece in text.lower().split():
        if piece.isalnum():
            words.append(piece)
        else:
            words += _WORD.findall(piece)
    return words


def _head(text: str) -> list[str]:
    """The opening words, split on spaces: a cheaper tokenizer for the first test."""
    # map and filter loop in C: this runs for every paragraph
    return list(filter(None, map(str.strip, text[:HEAD_CHARS].lower().split(), repeat(_NOT_WORD))))


def follow(copy: list[str], original: list[str], *, misses: int = 0) -> tuple[int, int]:
    """Walk `copy` through `original` in order: (words matched, index in copy after the last match).

    The original may have up to SKIP_WINDOW extra words between two matched
    words (words the copy dropped); the copy may have up to `misses` unmatched
    words in a row (for teasers, whose headings sit in other places).
    """
    matched = after = pos = missed = 0
    n, ncopy = len(original), len(copy)
    i = 0
    while i < ncopy:
        # A run of words copied verbatim (an echo mostly is one): while this word and the next both
        # stand next in the original, the search below would take this very position, so step at once.
        run = common_prefix(copy, i, original, pos) - 1 if pos < n and copy[i] == original[pos] else 0
        if run > 0:
            matched, missed, pos = matched + run, 0, pos + run
            i += run
            after = i
        hit = _next_hit(copy, i, original, pos, START_WINDOW if matched == 0 else SKIP_WINDOW)
        if hit < 0:
            missed += 1
            if matched == 0 or missed > misses:
                break
            i += 1
            continue
        matched, missed, pos = matched + 1, 0, hit + 1
        i += 1
        after = i
    return matched, after


def _next_hit(copy: list[str], i: int, original: list[str], pos: int, window: int) -> int:
    """Where copy[i] stands in the next `window` words of the original from pos (-1: nowhere).

    Of several places, the first where the next copied word follows too (within
    SKIP_WINDOW), else the first. A membership test on the window slice comes
    before each index(): most words are not there, and index() would raise.
    """
    word = copy[i]
    limit = min(len(original), pos + window)
    ahead = original[pos:limit]
    if word not in ahead:
        return -1
    first = j = pos + ahead.index(word)
    if i + 1 == len(copy):
        return first
    following = copy[i + 1]
    while True:
        if following in original[j + 1:j + 1 + SKIP_WINDOW]:
            return j
        ahead = original[j + 1:limit]
        if word not in ahead:
            return first
        j += 1 + ahead.index(word)


def common_prefix(a: list[str], i: int, b: list[str], j: int) -> int:
    """How many words a[i:] and b[j:] share from their start (an echo repeats dozens of words)."""
    return common_prefix_length(a, i, b, j, min(len(a) - i, len(b) - j))


def remove_teasers(paragraphs: list[Line], removals: Removals) -> list[Line]:
    """Drop an opening cut off with an ellipsis when the full text follows it."""
    out: list[Line] = []
    for i, para in enumerate(paragraphs):
        text = para.text
        if text.endswith(("…", "...")):
            teaser = _tokens(para)[:-1]  # the last word may be cut
            if len(teaser) >= TEASER_MIN_WORDS:
                following: list[str] = []
                for later in paragraphs[i + 1:]:
                    following += _tokens(later)
                    if len(following) >= 2 * len(teaser) + 20:
                        break
                matched, _ = follow(teaser, following, misses=TEASER_MISSES)
                if matched >= TEASER_MIN_SHARE * len(teaser):
                    removals.add(para.ot, "teaser")
                    continue
        out.append(para)
    return out


def remove_echoes(paragraphs: list[Line], removals: Removals) -> list[Line]:
    """Cut the repeated prefix off echo paragraphs; drop them when nothing new is left."""
    out: list[Line] = []
    recent: list[tuple[Line, list[str]]] = []  # the last sentence-ending paragraphs, with their opening words
    for para in paragraphs:
        head = _head(para.text)
        cut = 0
        # A paragraph opening with ": " or ", " is a fragment: a short echo is enough proof.
        fragment = para.text[:1] in _FRAGMENT_START
        if len(head) >= ECHO_MIN_WORDS:
            for earlier, earlier_head in recent:
                if head[0] not in earlier_head[:START_WINDOW]:
                    continue  # the copy must start near the start of the original
                # the opening words decide cheaply whether the whole paragraphs are worth comparing
                if follow(head[:ECHO_MIN_WORDS + 2], earlier_head)[0] < ECHO_MIN_WORDS - 1:
                    continue
                original = _tokens(earlier)
                matched, after = follow(_tokens(para), original)
                if matched >= ECHO_MIN_WORDS and (fragment or matched >= ECHO_MIN_SHARE * len(original)):
                    cut = max(cut, after)
        if cut and cut == len(_tokens(para)):
            removals.add(para.ot, "echo")
            continue
        if cut:
            spans = word_spans(para.text)
            if len(spans) == len(_tokens(para)):  # lower() kept the words apart as they were
                start = _opening(para.text, spans[cut][0])
                removals.add(para.ot[0:start], "echo")
                para = Line(para.ot[start:].strip(), para.gap, para.parts)
                head = _head(para.text)
        out.append(para)
        if ends_sentence(para.text):  # a heading or title is no paragraph to echo
            recent = (recent + [(para, head)])[-ECHO_LOOKBACK:]
    return out


def _pull_quote(text: str) -> bool:
    """A heading that quotes the body („Gute Nachbarschaft“) repeats it on purpose."""
    return text[:1] in _OPENING_QUOTES and text[-1:] in _CLOSING_QUOTES and not ends_sentence(text[:-1])


def _opening(text: str, pos: int) -> int:
    """Step back over opening quotes and brackets that belong to the word at pos."""
    while pos > 0 and text[pos - 1] in "„“\"‚'«»([":
        pos -= 1
    return pos


def remove_repeats(paragraphs: list[Line], removals: Removals) -> list[Line]:
    """Drop later copies of a paragraph and paragraphs contained in a longer one."""
    seen: set[str] = set()
    unique: list[tuple[Line, str]] = []
    for para in paragraphs:
        k = para.text.lower().rstrip(_TRAILING)
        if k in seen:
            removals.add(para.ot, "repeat")
            continue
        seen.add(k)
        unique.append((para, k))
    contained = _contained_in_longer if not any("\x00" in k for k in seen) else _contained_anywhere
    found = contained([k for _, k in unique])
    out: list[Line] = []
    for (para, k), inside in zip(unique, found):
        if inside and len(k) >= MIN_CONTAINED_LEN and not _pull_quote(para.text):
            removals.add(para.ot, "contained")
        else:
            out.append(para)
    return out


def _contained_in_longer(keys: list[str]) -> list[bool]:
    """For each of these distinct keys (none has a NUL), whether it occurs as whole words in another.

    It can only occur in a longer one. All keys go into one text, longest first,
    so that each is searched (by str.find, in C) in the keys longer than itself only.
    """
    longest_first = sorted(keys, key=len, reverse=True)
    joined = "\x00".join(longest_first)  # the NUL keeps a match inside one key
    longer_end: dict[int, int] = {}  # key length → where the keys of that length start in joined
    pos = 0
    for k in longest_first:
        longer_end.setdefault(len(k), max(pos - 1, 0))
        pos += len(k) + 1
    return [len(k) >= MIN_CONTAINED_LEN and _found_in(joined, k, longer_end[len(k)]) for k in keys]


def _found_in(joined: str, k: str, end: int) -> bool:
    """Whether k occurs in joined[:end] as whole words."""
    pos = joined.find(k, 0, end)
    while pos >= 0:
        stop = pos + len(k)
        if (pos == 0 or not joined[pos - 1].isalnum()) and (stop == len(joined) or not joined[stop].isalnum()):
            return True
        pos = joined.find(k, pos + 1, end)
    return False


def _contained_anywhere(keys: list[str]) -> list[bool]:
    """_contained_in_longer for keys that may hold a NUL (a match may then span two keys)."""
    joined = "\x00".join(keys)
    found, own = [], 0
    for k in keys:
        found.append(len(k) >= MIN_CONTAINED_LEN and _found_elsewhere(joined, k, own))
        own += len(k) + 1
    return found


def _found_elsewhere(joined: str, k: str, own: int) -> bool:
    """Whether k occurs in `joined` outside its own place, as whole words."""
    pos = joined.find(k)
    while pos >= 0:
        end = pos + len(k)
        if pos != own and (pos == 0 or not joined[pos - 1].isalnum()) \
                and (end == len(joined) or not joined[end].isalnum()):
            return True
        pos = joined.find(k, pos + 1)
    return False
