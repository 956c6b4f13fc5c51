"""OffsetText keeps every clean character pointing at its raw origin."""

from __future__ import annotations

import re
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.offsets import OffsetMap, OffsetText

from reference import runs_by_walking


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
    assert OffsetMap.from_arrays(starts, ends).runs == runs_by_walking(starts, ends)


def test_offset_map_run_after_offsets_fell_and_rose_again():
    # start - index is 0, -1, then 0 again: bisecting on it alone would make the first run 8 long
    starts = array("q", [0, 0, 2, 3, 4, 5, 6, 7])
    ends = array("q", [1, 1, 3, 4, 5, 6, 7, 8])
    expected = ((0, 1, 0, 1, 1), (1, 2, 0, 1, 1), (2, 8, 2, 8, 1))
    assert runs_by_walking(starts, ends) == expected
    assert OffsetMap.from_arrays(starts, ends).runs == expected


def _join_by_copying(pieces, seps):
    """OffsetText.join the plain way, piece by piece (the reference for the shared stretches)."""
    text, starts, ends = "", [], []
    for i, piece in enumerate(pieces):
        if i and seps[i - 1]:
            gap, gap_start, gap_end = seps[i - 1], pieces[i - 1].raw_end, piece.raw_start
            text += gap
            if gap_end - gap_start == len(gap):
                starts += range(gap_start, gap_end)
                ends += range(gap_start + 1, gap_end + 1)
            else:
                starts += [gap_start] * len(gap)
                ends += [max(gap_end, gap_start)] * len(gap)
        text += piece.text
        starts += list(piece.starts)
        ends += list(piece.ends)
    return text, starts, ends


@st.composite
def cut_and_joined(draw):
    """Pieces cut out of one edited text (side by side or not), and separators to join them with."""
    raw = draw(st.text(alphabet="ab \n&;", max_size=80))
    ot = OffsetText.from_raw(raw)
    if len(ot) > 2 and draw(st.booleans()):
        at = draw(st.integers(0, len(ot) - 1))
        ot = ot.replace_spans([(at, min(len(ot), at + draw(st.integers(0, 3))), draw(st.sampled_from(["", "x", "\n\n"])))])
    cuts = sorted(draw(st.lists(st.integers(0, len(ot)), max_size=8)))
    pieces, seps, pos = [], [], 0
    for cut in cuts + [len(ot)]:
        start = min(cut, pos + draw(st.integers(0, 2)))  # sometimes skip a character or two
        if pieces:  # often a separator as long as what was skipped: then the pieces may share offsets
            seps.append(draw(st.sampled_from([" " * (start - pos), "", " ", "\n\n"])))
        pieces.append(ot[start:cut])
        pos = cut
    return pieces, seps


@settings(max_examples=300, deadline=None)
@given(cut_and_joined())
def test_join_of_shared_slices_equals_joining_copies(case):
    pieces, seps = case
    joined = OffsetText.join(pieces, seps)
    text, starts, ends = _join_by_copying(pieces, seps)
    assert joined.text == text
    assert list(joined.starts) == starts and list(joined.ends) == ends


def test_lines_of_a_paragraph_join_without_copying():
    raw = "Die Präsidentin traf\nden Kanzler in\nVarnholm."
    ot = OffsetText.from_raw(raw)
    lines = [ot.part(0, 20), ot.part(21, 35), ot.part(36, len(raw))]
    joined = OffsetText.join(lines, " ")
    assert joined.text == raw.replace("\n", " ")
    assert joined._starts is ot._starts  # one stretch of the arrays the lines share
    assert joined.to_map().runs == ((0, len(raw), 0, len(raw), 1),)


def test_a_slice_shares_offsets_until_its_arrays_are_asked_for():
    ot = OffsetText.from_raw("eins zwei drei")
    part = ot[5:9]
    assert part.text == "zwei" and part.raw_span(0, 4) == (5, 9) and (part.raw_start, part.raw_end) == (5, 9)
    assert part._starts is ot._starts
    assert list(part.starts) == [5, 6, 7, 8] and list(part.ends) == [6, 7, 8, 9]
    assert ot[-4:].text == "drei" and ot[-4:].raw_start == 10 and ot[9:5].text == "" and ot[9:5].raw_end == 0


def test_edits_outside_the_text_are_refused():
    with pytest.raises(ValueError):
        OffsetText.from_raw("abc")[0:2].replace_spans([(1, 3, "x")])


def test_characters_swapped_one_for_one_keep_their_offsets():
    ot = OffsetText.from_raw("a\u00a0b\u00a0c")
    spaced = ot.sub(re.compile("\u00a0"), " ")
    assert spaced.text == "a b c" and spaced._starts is ot._starts
    assert [spaced.raw_span(i, i + 1) for i in range(5)] == [(i, i + 1) for i in range(5)]
    mixed = ot.replace_spans([(1, 2, " "), (3, 4, "")])
    assert mixed.text == "a bc" and list(mixed.starts) == [0, 1, 2, 4]
