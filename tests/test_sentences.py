"""Sentence splitting on German and English sentences of our own."""

from __future__ import annotations

import pytest

from summitry.annotate.sentences import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        # German: ordinals, abbreviations, initials
        ("Merz sprach am 3. März mit Macron. Danach reiste er ab.",
         ["Merz sprach am 3. März mit Macron.", "Danach reiste er ab."]),
        ("Zum 80. Jahrestag kamen z. B. viele Gäste. Es war kalt.",
         ["Zum 80. Jahrestag kamen z. B. viele Gäste.", "Es war kalt."]),
        ("Vizepräsident J. D. Vance war dort. Er kam spät.", ["Vizepräsident J. D. Vance war dort.", "Er kam spät."]),
        ("Es war Platz 3. Der Rest folgt.", ["Es war Platz 3.", "Der Rest folgt."]),
        # quotes stay with their sentence
        ("„Wir sind Freunde.“ Das sagte Lula.", ["„Wir sind Freunde.“", "Das sagte Lula."]),
        # headings without a final mark end at the line break
        ("Ein Titel ohne Punkt\nDer Text beginnt hier.", ["Ein Titel ohne Punkt", "Der Text beginnt hier."]),
        # English
        ("Mr. Biden met Mr. Xi in the U.S. on Wednesday. They talked.",
         ["Mr. Biden met Mr. Xi in the U.S. on Wednesday.", "They talked."]),
    ],
)
def test_sentences_split(text, expected):
    assert [s.text(text) for s in split_sentences(text)] == expected


def test_a_space_lost_in_scraping_still_splits():
    text = "Documents will be signed following the talks.The upcoming trip is a visit of friendship."
    assert [text[s.start:s.end] for s in split_sentences(text, "en")] == [
        "Documents will be signed following the talks.", "The upcoming trip is a visit of friendship."]


def test_domains_and_initials_do_not_split():
    text = "Gazeta.Ru reported it. The U.S. envoy and kremlin.ru agreed."
    assert len(split_sentences(text, "en")) == 2
