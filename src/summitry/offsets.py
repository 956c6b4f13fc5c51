"""Text that remembers where each of its characters came from in the raw input.

Cleaning deletes, replaces and joins pieces of the raw text. Every later stage
cites evidence as spans over the *clean* text, and users want to see that
evidence in the *original*. `OffsetText` carries, for each clean character,
the raw span it stands for, so any clean span maps back with `raw_span()`.

Per-character arrays keep every edit a handful of C-level slice operations;
`OffsetMap` is the compact form (runs of characters copied verbatim, plus
replacements) that is stored with a document.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final


def _ints(values: Iterable[int] = ()) -> array:
    return array("q", values)


_RANGE = _ints(range(1 << 16))  # 0, 1, 2, …: sliced by OffsetText.from_raw and _verbatim_length
# The first slice compared by _matching_prefix_stepwise; each next one is this many times longer.
_FIRST_PROBE: Final = 16
_PROBE_GROWTH: Final = 4


def _counting(stop: int) -> array:
    """The shared array 0, 1, 2, … with at least `stop` elements."""
    global _RANGE
    if len(_RANGE) < stop:
        _RANGE = _ints(range(2 * stop))
    return _RANGE


def _verbatim_length(starts: array, ends: array, i: int) -> int:
    """How many characters from i on copy the raw text: starts s, s+1, s+2, … and ends s+1, s+2, …

    Offsets grow along the text, so start - index mostly does too: bisecting on
    "start - index and end - index are as at i" finds the end of the run in a
    dozen lookups, and one slice comparison per array (in C) proves the run whole.
    """
    n = len(starts)
    s = starts[i]
    if s < 0:  # no offsets below 0 are made; walk rather than compare with the counting array
        j = i + 1
        while j < n and starts[j] == ends[j - 1] and ends[j] - starts[j] == 1:
            j += 1
        return j - i
    lo, hi, target = i, n, s - i  # lo continues the run; hi is n or does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] - mid == target and ends[mid] - mid == target + 1:
            lo = mid
        else:
            hi = mid
    length = lo + 1 - i
    counting = _counting(s + 2 + n - i)
    if starts[i:lo + 1] == counting[s:s + length] and ends[i:lo + 1] == counting[s + 1:s + 1 + length]:
        return length
    # start - index fell and rose again inside: measure each array step by step
    length = _matching_prefix_stepwise(starts, i, n, counting, s)
    return _matching_prefix_stepwise(ends, i, i + length, counting, s + 1)


def _matching_prefix_stepwise(values: array, i: int, stop: int, counting: array, first: int) -> int:
    """The length of the longest prefix of values[i:stop] equal to first, first+1, … (at least 1).

    values[i] must equal first.
    """
    return common_prefix_length(values, i, counting, first, stop - i, known=1, first_step=_FIRST_PROBE)


def common_prefix_length(a: Sequence, i: int, b: Sequence, j: int, total: int, *, known: int = 0,
                  first_step: int = 4) -> int:
    """How many items a[i:] and b[j:] share from their start, at most `total` (`known` of them are).

    Slices are compared in C, in steps growing `_PROBE_GROWTH` times, then the step that differs is
    halved: long equal runs (an echoed paragraph's words, an offset map's counting runs) would
    otherwise be walked item by item in Python.
    """
    good, step = known, first_step  # a[i:i + good] == b[j:j + good] is known
    while True:
        probe = min(good + step, total)
        if probe == good:
            return good
        if a[i + good:i + probe] != b[j + good:j + probe]:
            break
        good, step = probe, step * _PROBE_GROWTH
    bad = probe  # a difference lies in [good, bad)
    while bad - good > 1:
        mid = (good + bad) // 2
        if a[i + good:i + mid] == b[j + good:j + mid]:
            good = mid
        else:
            bad = mid
    return good


class OffsetText:
    """A string plus, per character, the raw [start, end) it was made from.

    Character i stands for raw [_starts[_at + i], _ends[_at + i]). A slice
    shares the arrays of the text it was cut from instead of copying its part
    (cleaning cuts every line out of the document), and `join` shares them too
    where its pieces lie side by side in one text and each separator maps as
    the characters between them did: the lines of a paragraph, the paragraphs
    of a document. The shared arrays are never changed in place.
    """

    __slots__ = ("text", "_starts", "_ends", "_at")

    def __init__(self, text: str, starts: array, ends: array, at: int = 0):
        """`text` standing for starts[at:at + len(text)] and ends[…]; a slice or join passes the arrays
        of the text it comes from, which are then shared, not copied."""
        if not (len(starts) == len(ends) and 0 <= at and at + len(text) <= len(starts)):
            # Not an assert: the invariant must hold under python -O too.
            raise ValueError("OffsetText needs one start and one end per character")
        self.text = text
        self._starts = starts
        self._ends = ends
        self._at = at

    @classmethod
    def from_raw(cls, raw: str, base: int = 0) -> OffsetText:
        """Wrap raw text: character i stands for raw [base+i, base+i+1)."""
        n = len(raw)
        if base:
            return cls(raw, _ints(range(base, base + n)), _ints(range(base + 1, base + n + 1)))
        # slicing a prepared range is a C copy; building one from range() is ~10x slower
        counting = _counting(n + 1)
        return cls(raw, counting[0:n], counting[1:n + 1])

    @classmethod
    def inserted(cls, text: str, at: int) -> OffsetText:
        """Text with no raw counterpart (a separator), anchored at raw offset `at`."""
        n = len(text)
        return cls(text, _ints([at] * n), _ints([at] * n))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"OffsetText({self.text!r})"

    def __getitem__(self, key: slice) -> OffsetText:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("OffsetText supports contiguous slices only")
        start, stop, _step = key.indices(len(self.text))
        return self.part(start, max(start, stop))

    def part(self, start: int, stop: int) -> OffsetText:
        """Characters [start, stop), 0 <= start <= stop <= len: a slice without the slice object."""
        return OffsetText(self.text[start:stop], self._starts, self._ends, self._at + start)

    @property
    def starts(self) -> array:
        """The raw start of each character."""
        self._own()
        return self._starts

    @property
    def ends(self) -> array:
        """The raw end of each character."""
        self._own()
        return self._ends

    def _own(self) -> None:
        """Hold arrays of this text's offsets only (a slice copies its part of the shared ones)."""
        n = len(self.text)
        if self._at or len(self._starts) != n:
            at = self._at
            self._starts, self._ends, self._at = self._starts[at:at + n], self._ends[at:at + n], 0

    # -- mapping back -------------------------------------------------------
    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw [start, end) that clean [start, end) was made from."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}:{end} outside text of length {n}")
        if start == end:
            anchor = self._starts[self._at + start] if start < n else self.raw_end
            return anchor, anchor
        return self._starts[self._at + start], self._ends[self._at + end - 1]

    @property
    def raw_start(self) -> int:
        return self._starts[self._at] if self.text else 0

    @property
    def raw_end(self) -> int:
        return self._ends[self._at + len(self.text) - 1] if self.text else 0

    # -- editing ------------------------------------------------------------
    def replace_spans(self, edits: Sequence[tuple[int, int, str]]) -> OffsetText:
        """Apply (start, end, replacement) edits; '' deletes. Edits must not overlap.

        A replacement's characters all stand for the whole raw span they replace,
        so a decoded entity still points at its escaped original.
        """
        if not edits:
            return self
        text, n, at = self.text, len(self.text), self._at
        all_starts, all_ends = self._starts, self._ends
        parts_text: list[str] = []
        starts, ends = _ints(), _ints()
        pos = 0  # text before pos is done
        copied = 0  # offsets before copied are done
        for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise ValueError(f"overlapping edits at {start}")
            if not 0 <= start <= end <= n:
                raise ValueError(f"edit {start}:{end} outside text of length {n}")
            parts_text.append(text[pos:start])
            pos = end
            if end - start == 1 == len(repl):  # one character for another keeps its offsets (NBSP → space)
                parts_text.append(repl)
                continue
            starts.extend(all_starts[at + copied:at + start])
            ends.extend(all_ends[at + copied:at + start])
            copied = end
            if repl:
                if start < end:
                    rs, re_ = all_starts[at + start], all_ends[at + end - 1]
                else:  # pure insertion: anchor on the neighbour
                    rs = re_ = all_starts[at + start] if start < n else self.raw_end
                parts_text.append(repl)
                starts.extend([rs] * len(repl))
                ends.extend([re_] * len(repl))
        parts_text.append(text[pos:])
        if not copied and not starts:  # only characters swapped one for one: the offsets stay shared
            return OffsetText("".join(parts_text), all_starts, all_ends, at)
        starts.extend(all_starts[at + copied:at + n])
        ends.extend(all_ends[at + copied:at + n])
        return OffsetText("".join(parts_text), starts, ends)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> OffsetText:
        """Like `re.sub`, keeping offsets (each replacement points at its match)."""
        edits = []
        for m in pattern.finditer(self.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return self.replace_spans(edits)

    def strip(self) -> OffsetText:
        stripped = self.text.strip()
        if not stripped:
            return self.part(0, 0)
        start = len(self.text) - len(self.text.lstrip())
        return self.part(start, start + len(stripped))

    @staticmethod
    def join(pieces: Sequence[OffsetText], sep: str | Sequence[str]) -> OffsetText:
        """Join pieces, each after the first preceded by `sep` (or by its own, from a sequence).

        A separator stands for the raw text between its neighbours (the line
        break or blank lines it replaces), character by character when the
        lengths agree: a wrapped paragraph then maps back as one verbatim run
        instead of one run per line. Otherwise it is anchored on that gap.
        """
        if len(pieces) == 1:
            return pieces[0]
        texts: list[str] = []
        starts, ends = _ints(), _ints()
        first = 0  # the first piece of the current stretch: pieces sharing arrays, side by side
        for i, piece in enumerate(pieces):
            if i:
                gap = sep if isinstance(sep, str) else sep[i - 1]
                prev = pieces[i - 1]
                if not _side_by_side(prev, piece, len(gap)):
                    gap_starts, gap_ends = _separator_offsets(prev, piece, len(gap))
                    _copy_offsets(pieces[first], prev, starts, ends)
                    starts.extend(gap_starts)
                    ends.extend(gap_ends)
                    first = i
                texts.append(gap)
            texts.append(piece.text)
        head = pieces[first] if pieces else OffsetText("", starts, ends)
        if first == 0:  # one stretch: its offsets are all in place already
            return OffsetText("".join(texts), head._starts, head._ends, head._at)
        _copy_offsets(head, pieces[-1], starts, ends)
        return OffsetText("".join(texts), starts, ends)

    def to_map(self) -> OffsetMap:
        return OffsetMap.from_arrays(self.starts, self.ends)


def _separator_offsets(prev: OffsetText, piece: OffsetText, length: int) -> tuple[Sequence[int], Sequence[int]]:
    """What a separator of `length` characters between two pieces stands for (see OffsetText.join)."""
    if not length:
        return (), ()
    gap_start, gap_end = prev.raw_end, piece.raw_start
    if gap_end - gap_start == length:
        return range(gap_start, gap_end), range(gap_start + 1, gap_end + 1)
    gap_end = max(gap_end, gap_start)  # pieces out of raw order: anchor on the left
    return [gap_start] * length, [gap_end] * length


def _side_by_side(prev: OffsetText, piece: OffsetText, length: int) -> bool:
    """Whether `piece` follows `prev` in the arrays they share, a separator of `length` between them
    standing for what the characters there stand for (see _separator_offsets)."""
    all_starts, all_ends, at = prev._starts, prev._ends, prev._at + len(prev.text)
    if piece._starts is not all_starts or piece._ends is not all_ends or piece._at != at + length \
            or not prev.text or not piece.text:
        return False
    gap_start, gap_end = all_ends[at - 1], all_starts[at + length]
    if gap_end - gap_start == length:  # verbatim: the separator maps character by character
        for k in range(length):
            if all_starts[at + k] != gap_start + k or all_ends[at + k] != gap_start + k + 1:
                return False
        return True
    gap_end = max(gap_end, gap_start)  # anchored on the gap
    for k in range(length):
        if all_starts[at + k] != gap_start or all_ends[at + k] != gap_end:
            return False
    return True


def _copy_offsets(first: OffsetText, last: OffsetText, starts: array, ends: array) -> None:
    """Append the offsets from `first` to `last`, pieces side by side in the arrays they share."""
    stop = last._at + len(last.text)
    starts.extend(first._starts[first._at:stop])
    ends.extend(first._ends[first._at:stop])


@dataclass(frozen=True)
class OffsetMap:
    """Compact, storable form of an OffsetText's offsets.

    `runs` holds (clean_start, clean_end, raw_start, raw_end, verbatim): a
    verbatim copy (verbatim=1, mapped character by character) or a replacement
    (verbatim=0, every clean character stands for the whole raw span).
    """

    runs: tuple[tuple[int, int, int, int, int], ...]

    def __reduce__(self) -> tuple[type[OffsetMap], tuple[tuple[tuple[int, int, int, int, int], ...]]]:
        """Pickled as its runs (documents come back from worker processes): a compiled class needs telling."""
        return OffsetMap, (self.runs,)

    @classmethod
    def from_arrays(cls, starts: array, ends: array) -> OffsetMap:
        """Runs from per-character offsets, visiting only run boundaries.

        A character-by-character walk costs ~1 ms per 5 KB, half the cleaning
        budget (and treating the arrays as big integers, ~0.3 ms). Here the end
        of a verbatim run (width 1, each start the previous end) is found by
        bisection and proven by comparing array slices with a counting array
        in C: a dozen lookups per run, whatever its length.
        """
        n = len(starts)
        runs: list[tuple[int, int, int, int, int]] = []
        i = 0
        while i < n:
            start, end = starts[i], ends[i]
            if end - start != 1:  # a replacement: extend while characters share the same raw span
                j = i + 1
                while j < n and starts[j] == start and ends[j] == end:
                    j += 1
                runs.append((i, j, start, end, 0))
            else:
                j = i + _verbatim_length(starts, ends, i)
                runs.append((i, j, start, ends[j - 1], 1))
            i = j
        return cls(tuple(runs))

    def _run_at(self, pos: int) -> tuple[int, int, int, int, int]:
        idx = bisect.bisect_right(self.runs, pos, key=_clean_start) - 1
        return self.runs[max(idx, 0)]

    def raw_offset(self, pos: int, *, end: bool = False) -> int:
        """Raw offset of clean character `pos` (its raw end when `end`)."""
        if not self.runs:
            return 0
        cs, _ce, rs, re_, verbatim = self._run_at(pos)
        if not verbatim:
            return re_ if end else rs
        return rs + (pos - cs) + (1 if end else 0)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            p = self.raw_offset(start) if self.runs and start < self.runs[-1][1] else self.raw_end
            return p, p
        return self.raw_offset(start), self.raw_offset(end - 1, end=True)

    @property
    def raw_end(self) -> int:
        return self.runs[-1][3] if self.runs else 0

    def to_list(self) -> list[list[int]]:
        """JSON-ready runs."""
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, runs: Iterable[Sequence[int]]) -> OffsetMap:
        return cls(tuple(tuple(int(x) for x in r) for r in runs))  # type: ignore[misc]


def _clean_start(run: tuple[int, ...]) -> int:
    """Where a run of an OffsetMap starts in the clean text (the key its runs are sorted by)."""
    return run[0]
