"""OffsetText keeps every clean character pointing at its raw origin."""

from __future__ import annotations

import re
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitry.offsets import OffsetMap, OffsetText


@pytest.mark.parametrize(
    "raw, pattern, repl, clean",
    [
        ("a &amp;hellip; b", r"&amp;hellip;", "…", "a … b"),
        ("Zeile\numbruch", r"\n", " ", "Zeile umbruch"),
        ("weg  damit", r"weg\s+", "", "damit"),
    ],
)
def test_offsets_sub_keeps_raw_spans(raw, pattern, repl, clean):
    ot = OffsetText.from_raw(raw).sub(re.compile(pattern), repl)
    assert ot.text == clean
    # every clean character that was copied maps to the same character in raw
    for i, ch in enumerate(ot.text):
        s, e = ot.raw_span(i, i + 1)
        if e - s == 1 and ch != " ":
            assert raw[s] == ch


def test_offsets_replacement_points_at_whole_original():
    raw = "x &amp;hellip; y"
    ot = OffsetText.from_raw(raw).sub(re.compile(r"&amp;hellip;"), "…")
    i = ot.text.index("…")
    assert raw[slice(*ot.raw_span(i, i + 1))] == "&amp;hellip;"


def test_offsets_join_inserts_anchored_separator():
    raw = "eins\nzwei"
    base = OffsetText.from_raw(raw)
    joined = OffsetText.join([base[0:4], base[5:9]], "\n\n")
    assert joined.text == "eins\n\nzwei"
    assert raw[slice(*joined.raw_span(6, 10))] == "zwei"


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5), st.text(max_size=3)), max_size=8))
def test_offsets_map_roundtrip_matches_arrays(raw, edits):
    ot = OffsetText.from_raw(raw)
    chosen, pos = [], 0
    for start, length, repl in sorted(edits):
        start = min(max(start, pos), len(raw))
        end = min(start + length, len(raw))
        chosen.append((start, end, repl))
        pos = end if end > start else start + 1
        if pos > len(raw):
            break
    chosen = [e for i, e in enumerate(chosen) if i == 0 or e[0] >= chosen[i - 1][1] and e[0] != chosen[i - 1][0]]
    edited = ot.replace_spans(chosen)
    m = OffsetMap.from_list(edited.to_map().to_list())
    for i in range(len(edited)):
        assert m.raw_span(i, i + 1) == edited.raw_span(i, i + 1)
    if len(edited):
        assert m.raw_span(0, len(edited)) == edited.raw_span(0, len(edited))


def _runs_by_walking(starts, ends):
    """The offset map's runs, character by character (the reference for OffsetMap.from_arrays)."""
    runs, i, n = [], 0, len(starts)
    while i < n:
        j = i + 1
        if ends[i] - starts[i] == 1:
            while j < n and starts[j] == starts[j - 1] + 1 and ends[j] - starts[j] == 1:
                j += 1
            runs.append((i, j, starts[i], ends[j - 1], 1))
        else:
            while j < n and starts[j] == starts[i] and ends[j] == ends[i]:
                j += 1
            runs.append((i, j, starts[i], ends[i], 0))
        i = j
    return tuple(runs)


@st.composite
def offset_arrays(draw):
    """Per-character offsets from pieces: verbatim copies and replacements, in any raw order."""
    starts, ends = [], []
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, 300))
        if draw(st.booleans()):
            length = draw(st.integers(1, 80))
            starts += range(at, at + length)
            ends += range(at + 1, at + length + 1)
        else:
            width, count = draw(st.integers(0, 5)), draw(st.integers(1, 3))
            starts += [at] * count
            ends += [at + width] * count
    return array("q", starts), array("q", ends)


@given(offset_arrays())
def test_offset_map_runs_from_any_arrays_equal_a_plain_walk(arrays):
    starts, ends = arrays
    assert OffsetMap.from_arrays(starts, ends).runs == _runs_by_walking(starts, ends)


def test_offset_map_run_after_offsets_fell_and_rose_again():
    # start - index is 0, -1, then 0 again: bisecting on it alone would make the first run 8 long
    starts = array("q", [0, 0, 2, 3, 4, 5, 6, 7])
    ends = array("q", [1, 1, 3, 4, 5, 6, 7, 8])
    expected = ((0, 1, 0, 1, 1), (1, 2, 0, 1, 1), (2, 8, 2, 8, 1))
    assert _runs_by_walking(starts, ends) == expected
    assert OffsetMap.from_arrays(starts, ends).runs == expected
