"""read/warc.py, actor_filter.py, language.py: archives filtered down to the pages worth extracting."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from click.testing import CliRunner

from news_pages import GARDEN_EN, PUTIN_FR, PUTIN_XI_DE, TRUMP_MERZ_EN, article, write_warc
from summitry.cli import cli
from summitry.errors import InputError
from summitry.read import ReadOptions, read_inputs
from summitry.read.actor_filter import mentions_actor, mentions_text
from summitry.read.language import parse_languages, text_language
from summitry.records import RawDocument
from summitry.store import open_store

DE_URI = "https://beispielblatt.example/ausland/putin-xi-video"
EN_URI = "https://news.example/world/trump-merz-call"
MIX = [
    ("https://news.example/report.pdf", 200, "application/pdf", b"%PDF-1.7 Putin"),
    ("https://news.example/missing", 404, "text/html", article("Putin", PUTIN_XI_DE)),
    (DE_URI, 200, "text/html; charset=utf-8", article("Putin spricht mit Xi", PUTIN_XI_DE)),
    ("https://news.example/garden", 200, "text/html", article("Planting tomatoes", GARDEN_EN, lang="en")),
    ("https://lemonde.example/putin-xi", 200, "text/html", article("Putin et Xi", PUTIN_FR, lang="fr")),
    (EN_URI, 200, "text/html", article("Trump calls Merz", TRUMP_MERZ_EN, lang="en")),
]


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(tmp_path, request):
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    write_warc(path, MIX, requests=[DE_URI])
    return path


def test_warc_keeps_html_200_pages_about_known_people_in_german_or_english(archive):
    options = ReadOptions()
    docs = list(read_inputs([str(archive)], options))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == [DE_URI, EN_URI]
    de = docs[0]
    assert de.id == "beispielblatt-example-ausland-putin-xi-video" and de.source == DE_URI
    assert "Xi lud Putin zu einem Besuch nach Peking ein." in de.text
    assert de.crawled == date(2026, 2, 5) and de.published is None
    [counts] = options.archives
    assert (counts.records, counts.html, counts.prefiltered, counts.language, counts.no_text, counts.documents) == \
        (7, 4, 1, 1, 0, 2)


@pytest.mark.parametrize("langs, prefilter, urls", [
    ("de", True, [DE_URI]),
    ("en", True, [EN_URI]),
    ("any", True, [DE_URI, "https://lemonde.example/putin-xi", EN_URI]),
    ("de,en", False, [DE_URI, "https://news.example/garden", EN_URI]),
])
def test_warc_filters(archive, langs, prefilter, urls):
    options = ReadOptions(langs=parse_languages(langs), prefilter=prefilter)
    assert [d.url for d in read_inputs([str(archive)], options)] == urls


def test_cli_ingest_warc_stores_exactly_the_right_documents(archive, tmp_path):
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(archive)])
    assert result.exit_code == 0, result.output
    assert (f"{archive}: 7 records, 4 HTML responses, 1 skipped by the actor pre-filter, 1 skipped by language, "
            f"0 without article text, 2 documents") in result.stdout
    with open_store(db) as store:
        assert [d["id"] for d in store.documents()] == ["beispielblatt-example-ausland-putin-xi-video",
                                                      "news-example-world-trump-merz-call"]
        doc = store.get_document("news-example-world-trump-merz-call")
        assert doc.url == EN_URI and doc.published_source in ("crawl", "text")


def test_warc_date_is_the_last_resort_for_the_publication_date(tmp_path):
    from summitry.clean import clean_document

    path = tmp_path / "one.warc.gz"
    write_warc(path, [(DE_URI, 200, "text/html", article("Putin spricht mit Xi", PUTIN_XI_DE))],
               date="2026-02-06T03:00:00Z")
    [raw] = read_inputs([str(path)])
    doc = clean_document(raw)
    assert (doc.published, doc.published_source) == (date(2026, 2, 6), "crawl")


@pytest.mark.parametrize("data, problem", [
    (b"this is not an archive at all\n" * 3, "not a WARC archive"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"), "damaged"),
    (b"\x1f\x8b\x08\x00garbage", "not a WARC archive"),
    (b"", "not a WARC archive"),
])
def test_broken_archive_is_one_error(tmp_path, data, problem):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    out = list(read_inputs([str(path)]))
    assert len(out) == 1 and isinstance(out[-1], InputError)
    assert out[-1].source == str(path) and problem in out[-1].problem


def test_truncated_archive_keeps_the_pages_before_the_break(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, [MIX[2], MIX[5]])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 3 // 4])  # half of the second record
    out = list(read_inputs([str(path)]))
    assert isinstance(out[0], RawDocument) and out[0].url == DE_URI
    assert str(out[-1]) == f"{path}: archive cut off in record 2"


@pytest.mark.parametrize("text, expected", [
    # German
    ("Treffen mit Xi in Peking.", True),
    ("Putins Sprecher sagte", True),
    ("Die Putin-Regierung", True),
    ("Bundeskanzler Merz reist nach Paris.", True),
    ("Schmerzen im Rücken", False),  # "merz" inside a word
    ("Die Modifikation des Gesetzes", False),  # "Modi" opens the word
    ("Rasputin tanzte", False),
    # English and markup
    ("<li><a href='/taxi'>Taxi</a></li>", False),
    ("<h2>PUTIN WARNS NATO</h2>", True),
    ("<b>Emmanuel Macron</b>", True),
    ("Spring is the best time to plant tomatoes.", False),
])
def test_mentions_text(text, expected):
    assert mentions_text(text) is expected


def test_mentions_actor_on_bytes_in_any_encoding():
    assert mentions_actor("Gespräch mit Selenskyj über Grüße".encode("cp1252"))
    assert not mentions_actor(b"\xff\xfe garbage \x00")


@pytest.mark.parametrize("paragraphs, lang", [
    (PUTIN_XI_DE, "de"),
    (TRUMP_MERZ_EN, "en"),
    (PUTIN_FR, None),
    (["El presidente se reunió con su homólogo en Madrid el martes para hablar de comercio y energía."], None),
    ([""], None),
])
def test_text_language(paragraphs, lang):
    assert text_language("\n".join(paragraphs)) == lang


@pytest.mark.parametrize("value, langs", [("de,en", {"de", "en"}), ("DE", {"de"}), ("any", None), ("", None)])
def test_parse_languages(value, langs):
    assert parse_languages(value) == (frozenset(langs) if langs else None)


def test_parse_languages_refuses_others():
    with pytest.raises(ValueError, match="unknown language"):
        parse_languages("de,fr")
