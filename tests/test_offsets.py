"""OffsetText keeps every clean character pointing at its raw origin."""

from __future__ import annotations

import re

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
