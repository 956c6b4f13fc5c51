"""Views of a document's text that several annotate stages need, computed once per text.

The stages run one after another on the same `text` object, and each used to
lower-case it (and more) on its own; every such pass over 5 KB costs as much
as a whole resolver step. The last text seen keeps its views; a different text
starts afresh, so results never depend on what ran before.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

# what each stage keeps per text: a name ("lower") or a tuple naming a view and its parameters
Views = dict[Hashable, Any]

_last: tuple[str, Views] | None = None
_KEEP = frozenset(" _")  # besides letters and digits, what `word_text` keeps


def views(text: str) -> Views:
    """The views computed so far for this text (empty for a new one)."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    found: Views = {}
    _last = (text, found)  # one tuple, so a thread never sees one text with another's views
    return found


def lower_same_length(text: str) -> str:
    """Lower-cased text of the same length (a few characters lower-case to two: "İ" stays)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def lowered(text: str) -> str:
    """`lower_same_length(text)`, shared."""
    v = views(text)
    low = v.get("lower")
    if low is None:
        low = v["lower"] = lower_same_length(text)
    return low


def lowered_utf8(text: str) -> bytes:
    """`lowered(text)` encoded as UTF-8, shared."""
    v = views(text)
    out = v.get("lower_utf8")
    if out is None:
        out = v["lower_utf8"] = lowered(text).encode("utf-8", "surrogatepass")  # lone surrogates too
    return out


def word_text(text: str) -> str:
    """The lower-cased text with every character but letters, digits, "_" and " " as one space, padded
    with one space at each end (so index i + 1 is text index i), shared."""
    v = views(text)
    out = v.get("words")
    if out is None:
        out = v["words"] = " " + only_words(lowered(text), lowered_utf8(text)) + " "
    return out


def only_words(low: str, utf8: bytes | None = None) -> str:
    """`low` with every character but letters, digits, "_" and " " as one space (same length);
    `utf8` is `low` encoded, when the caller has it."""
    # Only the characters present need replacing: the ASCII letters, digits and spaces are dropped
    # at C speed first, so the set is built from a few hundred characters, not thousands.
    if utf8 is None:
        utf8 = low.encode("utf-8", "surrogatepass")
    rest = utf8.translate(None, _ASCII_WORD).decode("utf-8", "surrogatepass")
    for ch in set(rest):
        if not (ch.isalnum() or ch in _KEEP):
            low = low.replace(ch, " ")
    return low


_ASCII_WORD = bytes(c for c in range(128) if chr(c).isalnum() or chr(c) in _KEEP)


def char_positions(text: str, chars: str) -> list[int]:
    """Positions of any of `chars` in the text, in order, shared."""
    v = views(text)
    key = ("at", chars)
    out = v.get(key)
    if out is None:
        # str.find runs at memchr speed; a regex class is tested character by character
        out = []
        for ch in chars:
            find = text.find
            i = find(ch)
            while i >= 0:
                out.append(i)
                i = find(ch, i + 1)
        if len(chars) > 1:
            out.sort()
        v[key] = out
    return out
