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


# --- fast paths: the same answers as the plain patterns -------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from summitry.extract.cues import cues_for  # noqa: E402
from summitry.extract.sides import _Quotes, _reporter_before  # noqa: E402
from summitry.records import Quote  # noqa: E402

_WORDS = st.sampled_from(["laut", "Laut", "LAUT", "so", "zufolge", "sagte", "Sagten", "hieß es", "HIESS ES", "erklärt",
                          "according to", "According\nto", "said", "told", "Putin", "ſo", "ſagte", "İ", "K", "und",
                          "x", "_", "sowie", "also"])
_GAPS = st.sampled_from([" ", ", ", ": ", "\n", "-", "", "  ", " „", "“ ", ".", "_"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=12), st.sampled_from(["de", "en", None]), st.data())
def test_the_reporter_check_before_a_name_answers_as_the_plain_pattern(parts, lang, data):
    text = "".join(w + g for w, g in parts)
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    fast = _reporter_before(lang).search(text, start, end)
    plain = cues_for(lang).reporter_before.search(text, start, end)
    assert (fast and fast.span()) == (plain and plain.span())


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20), st.booleans()), max_size=6), st.integers(0, 90))
def test_the_quote_index_answers_as_a_look_at_every_quote(spans, pos):
    from summitry.records import Actor
    quotes = [Quote(Span(a, a + n), "", Actor("Q1", "X", "person") if spoken else None) for a, n, spoken in spans]
    index = _Quotes(quotes)
    assert index.quoted(pos) == any(q.span.start <= pos < q.span.end for q in quotes)
    sent = Span(pos // 2, pos)
    assert index.speakers(sent) == {q.speaker.id for q in quotes
                                    if q.speaker is not None and sent.start <= q.span.start < sent.end}
