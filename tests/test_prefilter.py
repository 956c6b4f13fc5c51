"""The literal prefilter of the contact cues answers exactly as the plain patterns do."""

from __future__ import annotations

import random

import pytest

from summitry.extract.cues import cues_for
from summitry.extract.prefilter import FILTERED, _Filtered, document_cues

from conftest import EXAMPLES

TEXTS = [
    "Merz und Macron haben am Montag in einem Telefonat über die Lage gesprochen. Ein Treffen ist nicht geplant; "
    "das Gespräch am Rande des G20-Gipfels wurde abgesagt. Putin sollen telefoniert haben, sagte Peskow.",
    "Biden and Xi spoke by phone on Tuesday. They didn't meet; a visit to Beijing is planned. "
    "The G20 summit was postponed, according to the White House, which had called off the talks.",
    "Er traf Xi. „Wir hatten ein offenes Gespräch“, sagte er. Scholz reiste nach Peking und besuchte China.",
    # compounds ("Arbeitsbesuch") match a trigger fragment without a literal start; "Besucher" does not
    "Der Arbeitsbesuch in Paris, ein Kurzbesuch (Staatsbesuch?) und Gegenbesuche; Besucher und "
    "Besuchergruppen, 2Besuch, _besuch, Ländersbesuch.",
]
# long s, Kelvin sign, dotted capital I: re folds them to "s", "k", "i"
ODD_CASES = "Er hat nicht telefoniert; \u017fie trafen \u017fich. \u212aein Treffen in \u0130stanbul, ein Telefonat."


def _sig(m):
    return None if m is None else (m.span(), m.group(0), m.lastgroup, m.groups())


def _texts():
    return TEXTS + [ODD_CASES] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.mark.parametrize("lang", ["de", "en", None])
def test_filtered_patterns_answer_like_the_plain_ones(lang):
    plain = cues_for(lang)
    rng = random.Random(7)
    filtered = 0
    for text in _texts():
        cues = document_cues(text, lang)
        for name in FILTERED:
            fast, slow = getattr(cues, name), getattr(plain, name)
            filtered += isinstance(fast, _Filtered)
            assert [_sig(m) for m in fast.finditer(text)] == [_sig(m) for m in slow.finditer(text)], name
            for _ in range(40):
                a = rng.randrange(len(text) + 1)
                b = rng.randrange(a, min(len(text), a + rng.choice((8, 60, 400))) + 1)
                assert _sig(fast.search(text, a, b)) == _sig(slow.search(text, a, b)), (name, a, b)
                assert _sig(fast.match(text, a, b)) == _sig(slow.match(text, a, b)), (name, a, b)
                assert [_sig(m) for m in fast.finditer(text, a, b)] == [
                    _sig(m) for m in slow.finditer(text, a, b)], (name, a, b)
            for a in range(0, len(text), 3):  # every kind of position, word starts included
                assert _sig(fast.match(text, a, a + 40)) == _sig(slow.match(text, a, a + 40)), (name, a)
    assert filtered  # the filter is in use, not only the fallback


@pytest.mark.parametrize(("fragment", "letters", "word_led"), [
    (r"(?:\w+besuch(?!er))\w*", "besuch", True),  # only word characters before the letters
    (r"(?:\w*-besuch)", "-besuch", True),
    (r"(?:\w+(t|en)\s+haben\s+soll)\w*", "haben", False),  # a space before them: the match may start words earlier
    (r"(?:[a-z]+besuch)", "besuch", False),  # a class other than \w
])
def test_required_letters_and_whether_they_stand_in_the_first_word(fragment, letters, word_led):
    import re
    from re import _parser

    from summitry.extract.prefilter import _required

    assert _required(list(_parser.parse(fragment, re.IGNORECASE))) == (letters, word_led)


def test_a_character_re_folds_unlike_lower_keeps_the_plain_patterns():
    for odd in "\u017f\u0130":  # long s; dotted capital I (lower-cases to two characters)
        assert document_cues(f"Ein Treffen {odd}", "de") is cues_for("de")
    assert document_cues("Ein Treffen \u212a", "de") is not cues_for("de")  # Kelvin sign: lower() gives "k" too


def test_other_strings_go_to_the_plain_pattern():
    cues = document_cues(TEXTS[0], "de")
    assert cues.negation.search("das ist nicht so").group(0) == "nicht"
    assert cues.negation.pattern == cues_for("de").negation.pattern


@pytest.mark.parametrize("lang", ["de", "en", None])
def test_a_pattern_at_its_leading_letters_finds_what_the_plain_one_does(lang):
    from summitry.extract.prefilter import at_leading_letters
    from summitry.extract.sides import side_cues

    sc = side_cues(lang)
    texts = _texts() + ["Die Ukraine wurde in der Mitteilung nicht erwähnt; kein Wort über Taiwan, keine Rede von "
                        "Sanktionen. Nichtsdestotrotz blieb Gaza unerwähnt. The readout did not mention Taiwan."]
    for text in texts:
        fast = at_leading_letters(sc.unmentioned, sc.unmentioned_fragments, text)
        assert [_sig(m) for m in fast.finditer(text)] == [_sig(m) for m in sc.unmentioned.finditer(text)]
    assert isinstance(at_leading_letters(sc.unmentioned, sc.unmentioned_fragments, texts[-1]), _Filtered)
