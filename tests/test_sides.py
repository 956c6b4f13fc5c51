"""Sides of statements on texts of our own: who reports each sentence."""

from __future__ import annotations

from datetime import date

import pytest

from summitry.extract.sides import side_of_url
from summitry.pipeline import extract_document
from summitry.offsets import OffsetText
from summitry.records import Document, Span


def _sides(text: str, lang: str = "de", url: str | None = None, published=date(2026, 2, 5)):
    ot = OffsetText.from_raw(text)
    paragraphs, start = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Span(start, start + len(part)))
        start += len(part) + 2
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=ot.to_map(), paragraphs=paragraphs,
                   language=lang, title=None, published=published, published_source="input", authors=[],
                   content_hash="x", url=url)
    from summitry.extract.sides import assign_sides
    ex = extract_document(doc)
    return [(text[s.start:s.end].split()[0], side) for s, side in zip(ex.sentences, assign_sides(ex))]


def test_a_readout_runs_through_its_bullets_and_reported_speech_then_the_outlet_speaks():
    text = ("Putin und Xi haben am Mittwoch telefoniert.\n\n"
            "Wichtigste Punkte aus Uschakows Bericht:\n\n"
            "Bilaterale Beziehungen: Die Partnerschaft sei so gut wie nie.\n\n"
            "Handel: Der Handel wachse weiter.\n\n"
            "Die Beziehungen seien nicht gegen Dritte gerichtet.\n\n"
            "Zusammenfassung der chinesischen Stellungnahme:\n\n"
            "Globale Lage: Xi sprach von Turbulenzen.\n\n"
            "Beobachter in Washington sind besorgt.")
    assert [side for _, side in _sides(text)] == ["media", "RU", "RU", "RU", "RU", "CN", "CN", "media"]


@pytest.mark.parametrize("text, lang, side", [
    ("Laut Kremlsprecher Dmitri Peskow war das Gespräch herzlich.", "de", "RU"),
    ("Das Gespräch war herzlich, wie es in einer vom Kreml veröffentlichten Mitteilung heißt.", "de", "RU"),
    ("Chinas Staatsmedien zufolge sprachen beide über Handel.", "de", "CN"),
    ("The call was productive, the White House said.", "en", "US"),
    ("Der Anruf sei ein Signal, sagte die Expertin Anna Berg.", "de", "expert"),
    ("Das Gespräch war herzlich.", "de", "media"),
])
def test_who_is_named_as_the_source(text, lang, side):
    assert _sides(text, lang)[0][1] == side


def test_reported_speech_in_a_later_clause_is_someone_elses():
    text = ("Laut Uschakow war das Gespräch gut.\n\n"
            "Es gibt Experten in Washington, die glauben, die Beziehungen seien schwach.")
    assert [side for _, side in _sides(text)] == ["RU", "media"]


def test_a_side_s_own_site_is_that_side_as_a_whole():
    assert side_of_url("http://en.kremlin.ru/events/president/news/123") == "RU"
    assert side_of_url("https://www.fmprc.gov.cn/eng/xw/zxxx/") == "CN"
    assert side_of_url("https://www.spiegel.de/politik/") is None
    assert side_of_url(None) is None
    text = "Das Gespräch war herzlich. Beide sprachen über Handel."
    assert {side for _, side in _sides(text, url="http://kremlin.ru/events/1")} == {"RU"}
