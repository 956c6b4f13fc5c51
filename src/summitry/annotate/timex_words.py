"""The words a regex of the temporal grammar can match, read off the regex itself.

A match of the grammar that reaches from some start to a head token covers every
word in between, so a word no alternative can match ("sagte", "Präsident") closes
the window in which `Grammar.scan` looks for the start of a timex before a head:
starts before it cannot lead to a match over the head and are not tried.

The vocabulary is computed from the parsed pattern, so it holds the words of the
data lists and those written into the code ("den", "of", "[Jj]ahre") and glued
forms ("Dienstagabend", "Achtzigerjahre") alike. Only letter words are listed:
a word with a digit ("1990er", "3pm") never closes a window. Where the regex
could match open-ended letter runs (`\\w+`, a negated class, `.`), there is no
vocabulary (None) and windows stay as they are.
"""

from __future__ import annotations

try:  # the parser `re` uses
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    try:
        import sre_constants as _c  # type: ignore[no-redef]
        import sre_parse as _p  # type: ignore[no-redef]
    except ImportError:
        _c = _p = None  # type: ignore[assignment]

import re

from summitry.annotate.doctext import lower_same_length

DIGIT = "#"  # stands for any run of digits: words holding one are left out
_LIMIT = 200_000  # strings in one set before the analysis gives up
_RANGE_LIMIT = 512  # characters in one class range before it gives up


class _GiveUp(Exception):
    """The pattern can match letter runs the analysis cannot list."""


# A piece of a pattern as the letter strings it can match:
#   whole  - strings of a match without a separator (a non-word character), "" for an empty match
#   left   - for a match with a separator: the letters before the first one
#   right  - the letters after the last one
#   inner  - the complete words between two separators
Words = tuple[frozenset, frozenset, frozenset, frozenset]
_EMPTY: Words = (frozenset([""]), frozenset(), frozenset(), frozenset())
_NONE: Words = (frozenset(), frozenset(), frozenset(), frozenset())


def vocabulary(pattern: str) -> frozenset[str] | None:
    """Lower-cased letter words a match of `pattern` can contain, or None when that is open."""
    if _p is None:
        return None
    try:
        parsed = _p.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return None
        whole, left, right, inner = _seq(parsed.data)
    except (_GiveUp, RecursionError):
        return None
    words = whole | left | right | inner
    return frozenset(lower_same_length(w) for w in words if w and DIGIT not in w)


def _char(code: int) -> Words:
    """One character: a letter, a digit or a separator."""
    ch = chr(code)
    if ch.isdecimal():
        return (frozenset([DIGIT]), frozenset(), frozenset(), frozenset())
    if ch.isalnum() or ch == "_":
        return (frozenset([ch]), frozenset(), frozenset(), frozenset())
    return (frozenset(), frozenset([""]), frozenset([""]), frozenset())


def _squash(s: str) -> str:
    """A string with a digit run in it: only that it holds one matters."""
    return DIGIT if DIGIT in s else s


def _join(a: frozenset, b: frozenset) -> frozenset:
    out = frozenset(_squash(x + y) for x in a for y in b)
    if len(out) > _LIMIT:
        raise _GiveUp
    return out


def _concat(a: Words, b: Words) -> Words:
    aw, al, ar, ai = a
    bw, bl, br, bi = b
    return (_join(aw, bw), al | _join(aw, bl), br | _join(ar, bw), ai | bi | _join(ar, bl))


def _union(a: Words, b: Words) -> Words:
    return (a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3])


def _seq(items) -> Words:
    out = _EMPTY
    for op, av in items:
        out = _concat(out, _node(op, av))
    return out


def _node(op, av) -> Words:
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.IN:
        return _class(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # takes no character
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _GiveUp
        return _seq(sub.data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av.data)
    if op is _c.BRANCH:
        out = _NONE
        for sub in av[1]:
            out = _union(out, _seq(sub.data))
        return out
    if op is _c.GROUPREF_EXISTS:
        _cond, yes, no = av
        return _union(_seq(yes.data), _seq(no.data) if no is not None else _EMPTY)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return _repeat(av[0], av[1], _seq(av[2].data))
    raise _GiveUp  # ANY, NOT_LITERAL, a back reference, ...


def _class(items) -> Words:
    out = _NONE
    for op, av in items:
        if op is _c.LITERAL:
            out = _union(out, _char(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > _RANGE_LIMIT:
                raise _GiveUp
            for code in range(lo, hi + 1):
                out = _union(out, _char(code))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            out = _union(out, _char(ord("0")))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
            out = _union(out, _char(ord(" ")))
        else:
            raise _GiveUp  # a negated class, \w, \S, ...: any letter
    return out


def _repeat(lo: int, hi, sub: Words) -> Words:
    """`sub` lo to hi times (hi MAXREPEAT: unbounded, while the sets stop growing)."""
    power = _EMPTY
    for _ in range(lo):
        power = _concat(power, sub)
    out = power
    k = lo
    while hi is _c.MAXREPEAT or k < hi:
        power = _concat(power, sub)
        k += 1
        grown = _union(out, power)
        if grown == out and hi is _c.MAXREPEAT:
            return out
        out = grown
        if k > lo + 8 and hi is _c.MAXREPEAT:
            raise _GiveUp  # still growing: an open-ended run of letters
    return out
