"""The fast paths of the temporal grammar's scan give what the plain scan gives."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.annotate.timex_calendar import precision
from summitry.annotate.timex_grammar import grammar
from summitry.annotate.timex_words import vocabulary

LANGS = [("de",), ("en",), ("de", "en")]


def _plain(g):
    """The grammar without its vocabulary: every start in a head's window is tried."""
    plain = copy.copy(g)
    plain.vocabulary = None
    return plain


def _matches(g, text):
    return [(m.span(), g.groups(m)) for m in g.scan(text)]


# ---------------------------------------------------------------- the vocabulary

def test_vocabulary_holds_glued_forms_and_words_written_in_code():
    words = grammar(("de",)).vocabulary
    assert {"dienstagabend", "achtzigerjahre", "jahren", "vergangenen", "den", "zum", "am"} <= words
    assert "sagte" not in words and "präsident" not in words
    assert {"of", "the", "weeks", "ago"} <= grammar(("en",)).vocabulary


def test_vocabulary_of_small_patterns():
    assert vocabulary(r"(?<!\w)(?:am|im)\s+(?P<d>\d+)\.\s*(?:Mai|Ju(?:ni|li))(?:abend)?") == {
        "am", "im", "mai", "juni", "juli", "maiabend", "juniabend", "juliabend"}
    assert vocabulary(r"[Jj]ahre(?:n)?|\d+er") == {"jahre", "jahren"}
    assert vocabulary(r"(?:\s+(?:und|and)\s+\d+\s+(?:Tage|days))*") == {"und", "and", "tage", "days"}


@pytest.mark.parametrize("pattern", [r"\w+", r"[^\W\d_]{2,}", r"Tag.", r"(?i)Mai", r"[^x]"])
def test_no_vocabulary_where_letters_are_open(pattern):
    assert vocabulary(pattern) is None


# ---------------------------------------------------------------- same matches

_WORDS = ("am", "im", "vom", "bis", "seit", "vor", "in", "der", "des", "den", "the", "on", "of", "last", "next",
          "vergangenen", "kommenden", "Mittwoch", "Dienstagabend", "Mai", "May", "März", "Februar", "Feb.", "4.",
          "4", "20", "2026", "21.01.2025", "15:44", "Uhr", "p.m.", "Jahres", "Jahr", "Woche", "weeks", "Stunden",
          "Minuten", "eine", "zwei", "und", "mehr", "als", "Anfang", "Ende", "ersten", "Hälfte", "Jahreshälfte",
          "Quartal", "Q2", "H1", "Frühjahr", "1990er", "'90s", "heute", "morgen", "Morgen", "Abend", "Nacht", "zu",
          "Donnerstag", "Vortag", "ago", "ein", "Tag", "Weihnachten", "jedes", "every", "year", "derzeit", "soon",
          # words no timex holds, and words that begin like one ("Angaben", "Einigung")
          "sagte", "Präsident", "Angaben", "Einigung", "Zusammenarbeit", "sind", "Gas", "Kiew", "said", "Inflation",
          "-", ",", ".", "\n", "„", "–", "(", "/")


@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from(LANGS),
       st.sampled_from([" ", "  ", "\n", ""]))
@settings(max_examples=400, deadline=None)
def test_the_vocabulary_window_changes_no_match(words, langs, sep):
    g = grammar(langs)
    text = sep.join(words)
    assert _matches(g, text) == _matches(_plain(g), text)


def test_every_word_of_a_match_is_in_the_vocabulary():
    from test_timex import CASES  # noqa: PLC0415 - the sentences of the main test set

    for lang, _published, sentence, _expected, _xfail in CASES:
        g = grammar((lang,) if lang else ("de", "en"))
        for m in g.scan(sentence):
            for word in m.group(0).lower().replace("’", " ").split():
                for part in "".join(c if c.isalnum() else " " for c in word).split():
                    assert not part.isalpha() or part in g.vocabulary, (sentence, part)


# ---------------------------------------------------------------- tense cues

_CUE_TEXT = ("wird", "Wird", "WIRD", "werden", "werde", "hat", "hatte", "sagte", "sagten", "Sagte", "geplant",
             "soll", "sollte", "Haus", "Wirdung", "hatten", "am", "Mai", "4.", "_hat", "hat_", "2026", "wird2",
             ".", ",", "\n\n", "„", "-")


@given(st.lists(st.sampled_from(_CUE_TEXT), max_size=30), st.sampled_from([" ", "", "  "]),
       st.integers(0, 200), st.integers(0, 200))
@settings(max_examples=400, deadline=None)
def test_cues_from_the_automaton_are_those_of_the_pattern(words, sep, a, b):
    from summitry.annotate.timex_resolve import Ctx  # noqa: PLC0415

    g = grammar(("de",))
    assert g.cue_automaton is not None
    text = sep.join(words)
    s0, s1 = sorted((min(a, len(text)), min(b, len(text))))
    ctx = Ctx(text, g, None)
    expected = [(cm.span(), cm.group("f") is not None) for cm in g.cue_pattern.finditer(text, s0, s1)]
    assert [(cm.span(), cm.group("f") is not None) for cm in ctx._cues_between(s0, s1)] == expected


def _reference_tense(ctx, start, end):
    """`Ctx.tense` the plain way: regex searches over the whole window."""
    from summitry.annotate.timex_resolve import _SENT_END  # noqa: PLC0415

    text = ctx.text
    lo, hi = max(0, start - 240), min(len(text), end + 240)
    s0 = lo
    for bm in _SENT_END.finditer(text, lo, start):
        s0 = bm.end()
    bm = _SENT_END.search(text, end, hi)
    s1 = bm.start() + 1 if bm else hi
    best = None
    for cm in ctx.g.cue_pattern.finditer(text, s0, s1):
        if cm.start() < end and cm.end() > start:
            continue
        dist = start - cm.end() if cm.end() <= start else cm.start() - end
        if best is None or dist < best[0]:
            best = (dist, "future" if cm.group("f") is not None else "past")
    return best[1] if best else None


_TENSE_TEXT = _CUE_TEXT + ("Berlin", "Er", "Die", "!", "?", ".", "3.", "\n", " \n ", "Ä", "x" * 60)


@given(st.lists(st.sampled_from(_TENSE_TEXT), max_size=80), st.sampled_from(LANGS),
       st.sampled_from([" ", "", "  "]), st.integers(0, 600), st.integers(0, 30))
@settings(max_examples=400, deadline=None)
def test_tense_is_that_of_plain_regex_searches(words, langs, sep, at, width):
    from summitry.annotate.timex_resolve import Ctx  # noqa: PLC0415

    text = sep.join(words)
    start = min(at, len(text))
    end = min(start + width, len(text))
    ctx = Ctx(text, grammar(langs), None)
    assert ctx.tense(start, end) == _reference_tense(ctx, start, end)


@given(st.lists(st.sampled_from(_WORDS), max_size=20), st.sampled_from(LANGS), st.integers(0, 120), st.integers(0, 120))
@settings(max_examples=300, deadline=None)
def test_duration_parts_of_a_surface_are_those_found_in_the_text(words, langs, a, b):
    from summitry.annotate.timex_resolve import _duration_parts, _number  # noqa: PLC0415

    g = grammar(langs)
    text = " ".join(words)
    s, e = sorted((min(a, len(text)), min(b, len(text))))
    for lang in langs:
        found = tuple((_number(pm.group("n"), lang, g), g.lookup("units", pm.group("u")))
                      for pm in g.duration_parts[lang].finditer(text, s, e))
        assert _duration_parts(g.langs, lang, text[s:e]) == found


_VALUE_CHARS = "0123456789X-WQHSPUFAIE"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
       st.one_of(st.text(alphabet=_VALUE_CHARS, max_size=12),
                 st.sampled_from(["2026-02-04", "2026-W05", "2026-W05-WE", "2025-05", "2026-Q1", "2026-H2",
                                  "2025-WI", "2023", "202", "XXXX-WXX-3", "2026-02-03TAF", "PAST_REF"])))
def test_precision_remembered_is_the_patterns_answer(typ, value):
    """`precision` is cached: twice asked, it answers what trying the patterns in turn answers."""
    for _ in range(2):
        assert precision(typ, value) == precision.__wrapped__(typ, value)
