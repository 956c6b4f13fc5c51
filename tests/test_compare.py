"""The readout comparison on documents of our own."""

from __future__ import annotations

from datetime import date

from summitry.compare import compare_extractions, to_html, to_markdown
from summitry.offsets import OffsetText
from summitry.pipeline import extract_document
from summitry.records import Document, Span

RU_CN = ("Putin und Xi haben am Mittwoch per Video miteinander gesprochen.\n\n"
         "Wichtigste Punkte aus Uschakows Bericht:\n\n"
         "Handel: Der Handel und die Energiezusammenarbeit wüchsen weiter.\n\n"
         "Iran: Beide seien über die Lage im Iran besorgt.\n\n"
         "Zusammenfassung der chinesischen Stellungnahme:\n\n"
         "Vereinte Nationen: Xi forderte, die Charta der Vereinten Nationen zu achten.\n\n"
         "Handel: Der bilaterale Handel solle weiter wachsen.\n\n"
         "Die Ukraine wurde in den Veröffentlichungen beider Seiten nicht erwähnt.")


def _extraction(doc_id: str, text: str):
    paragraphs, start = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Span(start, start + len(part)))
        start += len(part) + 2
    doc = Document(id=doc_id, source=doc_id, raw_text=text, text=text, offsets=OffsetText.from_raw(text).to_map(),
                   paragraphs=paragraphs, language="de", title=None, published=date(2026, 2, 5),
                   published_source="input", authors=[], content_hash=doc_id)
    return extract_document(doc)


def test_topic_by_side_matrix_one_sided_points_and_what_neither_side_mentioned():
    result = compare_extractions([_extraction("a", RU_CN)], event_id="ev-1",
                           disagreements=[{"field": "date", "values": [
                                     {"value": "2026-02-04", "support": 1, "sources": [
                                         {"document": "a", "evidence": [{"text": "am Mittwoch"}]}]},
                                     {"value": "2026-02-03", "support": 1, "sources": [{"document": "b"}]}]}])
    assert result["sides"] == ["RU", "CN"]
    assert set(result["matrix"]["trade"]) == {"RU", "CN"}
    assert "Iran" in result["matrix"]["iran"]["RU"][0]["text"]
    assert {"topic": "iran", "side": "RU"} in result["one_sided"]
    assert {"topic": "un_order", "side": "CN"} in result["one_sided"]
    assert "ukraine_war" in result["unmentioned"]
    evidence = result["matrix"]["iran"]["RU"][0]
    assert RU_CN[evidence["start"]:evidence["end"]] == evidence["text"]
    md = to_markdown(result)
    assert md.startswith("# Readout comparison · ev-1") and "| topic | RU | CN |" in md and "date: 2026-02-04 (a) «am Mittwoch» vs 2026-02-03 (b)" in md
    page = to_html(result)
    assert "<th>RU</th><th>CN</th>" in page and "Mentioned by neither side" in page


def test_documents_of_one_side_only_have_no_one_sided_list():
    result = compare_extractions([_extraction("b", "Laut Uschakow sprachen Putin und Xi über Handel und Energie.")])
    assert result["sides"] == ["RU"] and result["one_sided"] == []
