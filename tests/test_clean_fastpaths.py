"""The cleaner's fast paths give the answers of the plain versions they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.clean import boilerplate, entities, repeats
from summitry.clean.rules import load_rules
from summitry.clean.text import Line
from summitry.offsets import OffsetText


def follow_plainly(copy: list[str], original: list[str], *, misses: int = 0) -> tuple[int, int]:
    """repeats.follow as first written: word by word, list.index for every search."""
    matched = after = pos = missed = 0
    n, ncopy = len(original), len(copy)
    i = 0
    while i < ncopy:
        run = 0
        while i + run + 1 < ncopy and pos + run + 1 < n and copy[i + run] == original[pos + run] \
                and copy[i + run + 1] == original[pos + run + 1]:
            run += 1
        if run:
            matched, missed, pos = matched + run, 0, pos + run
            i += run
            after = i
        word = copy[i]
        limit = min(n, pos + (repeats.START_WINDOW if matched == 0 else repeats.SKIP_WINDOW))
        hit = -1
        j = pos
        while j < limit:
            try:
                j = original.index(word, j, limit)
            except ValueError:
                break
            if hit < 0:
                hit = j
            if i + 1 == ncopy or copy[i + 1] in original[j + 1:j + 1 + repeats.SKIP_WINDOW]:
                hit = j
                break
            j += 1
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


# few distinct words, so that repeats, runs and near-misses are common
WORDS = st.lists(st.sampled_from("abcdef"), max_size=60)


@settings(max_examples=500, deadline=None)
@given(WORDS, WORDS, st.integers(0, 3))
def test_follow_matches_the_plain_walk(copy, original, misses):
    assert repeats.follow(copy, original, misses=misses) == follow_plainly(copy, original, misses=misses)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(0, 60), st.integers(0, 20))
def test_follow_on_an_echo_matches_the_plain_walk(original, cut, drop):
    """An echo: the original from some word on, with a word dropped here and there."""
    copy = [w for k, w in enumerate(original[cut:]) if drop == 0 or k % (drop + 1)]
    assert repeats.follow(copy, original) == follow_plainly(copy, original)


@given(st.lists(st.text("ab", max_size=3), max_size=30), st.integers(0, 30),
       st.lists(st.text("ab", max_size=3), max_size=30), st.integers(0, 30))
def test_common_prefix(a, i, b, j):
    i, j = min(i, len(a)), min(j, len(b))
    plain = 0
    while i + plain < len(a) and j + plain < len(b) and a[i + plain] == b[j + plain]:
        plain += 1
    assert repeats.common_prefix(a, i, b, j) == plain


@settings(max_examples=500, deadline=None)
@given(st.text(" ,.;:!?a\n\")", max_size=40))
def test_tidy_spaces_skips_only_texts_without_a_candidate(text):
    """Its edits start at "  " or at a space before a mark: without either, the gate returns the text as is."""
    ot = OffsetText.from_raw(text)
    if entities._TIDY_CANDIDATE.search(text) is None:
        assert "  " not in text and not any(" " + mark in text for mark in entities._MARKS)
        assert entities.tidy_spaces(ot) is ot
    else:
        assert "  " in text or any(" " + mark in text for mark in entities._MARKS)


@settings(max_examples=300, deadline=None)
@given(st.text("ab .", min_size=30, max_size=90), st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=12))
def test_contained_in_longer_matches_the_search_everywhere(base, cuts):
    """Keys cut from one text contain each other often; searching the longer keys only finds the same."""
    keys = list(dict.fromkeys(base[min(i, j):max(i, j)] for i, j in cuts))
    assert repeats._contained_in_longer(keys) == repeats._contained_anywhere(keys)


# letters, digits, "_", spaces of several kinds, marks and numbers \\w takes or leaves, and anything else
PIECES = st.sampled_from(list("aZ9_ .,-„“'’ßİ\u00a0\u2009\u0301²½"))


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(PIECES, st.characters()), max_size=60))
def test_lower_words_matches_findall(text):
    assert repeats.lower_words(text) == repeats._WORD.findall(text.lower())


LINE_PIECES = st.sampled_from(["1", "1. ", "Home", " > ", "startseite", " / ", "News", "x", "Übersicht", " | ", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(LINE_PIECES, min_size=1, max_size=5).map("".join), max_size=12))
def test_trail_openings_are_the_lines_tested_one_by_one(texts):
    rules = load_rules()
    lines = [Line(OffsetText.from_raw(text)) for text in texts]
    plain = [i for i, text in enumerate(texts) if text[:1] == "1" or rules.breadcrumb_start.match(text)]
    assert boilerplate._trail_openings(lines, rules) == plain
