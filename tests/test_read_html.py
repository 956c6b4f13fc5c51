"""read/html.py: article text out of a page, metadata as hints, the page kept."""

from __future__ import annotations

from datetime import date

import pytest

from summitry.errors import InputError
from summitry.read import read_inputs
from summitry.read.html import html_document, page_language, split_authors

ARTICLE = [
    "Bundeskanzler Olaf Scholz hat am Freitag erstmals seit fast zwei Jahren mit dem russischen "
    "Präsidenten Wladimir Putin telefoniert. Das Gespräch dauerte nach Angaben aus Berlin rund eine Stunde.",
    "Scholz forderte Putin auf, den Krieg gegen die Ukraine zu beenden. „Der Kanzler hat die "
    "Entschlossenheit Deutschlands unterstrichen“, sagte ein Regierungssprecher.",
    "Der Kreml erklärte, beide Seiten hätten offen ihre Sichtweisen ausgetauscht.",
]
BOILERPLATE = ["Startseite", "Sport", "Jetzt Abo sichern", "Kredit ohne Schufa", "Impressum", "Datenschutz",
               "Newsletter bestellen"]


def page(charset: str = "utf-8", head_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="{charset}">
<title>Scholz telefoniert mit Putin | Beispielblatt</title>
<meta name="author" content="Anna Beispiel; Jonas Muster">
<meta property="article:published_time" content="2024-11-15T18:30:00+01:00">
<link rel="canonical" href="https://beispielblatt.example/politik/scholz-putin">
{head_extra}
</head>
<body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad">Anzeige: Jetzt Abo sichern für nur 1 Euro!</div>
<main><article>
<h1>Scholz telefoniert mit Putin</h1>
{paragraphs}
</article></main>
<aside class="advert">Werbung: Kredit ohne Schufa</aside>
<div class="newsletter"><a href="/nl">Newsletter bestellen</a></div>
<footer><p>© 2024 Beispielblatt · <a href="/impressum">Impressum</a> · <a href="/ds">Datenschutz</a></p></footer>
</body></html>
"""


@pytest.fixture
def page_file(tmp_path):
    f = tmp_path / "scholz-putin.html"
    f.write_text(page(), encoding="utf-8")
    return f


def test_html_main_text_without_nav_footer_ads(page_file):
    [doc] = read_inputs([str(page_file)])
    for paragraph in ARTICLE:
        assert paragraph in doc.text.split("\n")  # one paragraph per line
    for junk in BOILERPLATE:
        assert junk not in doc.text


def test_html_metadata(page_file):
    [doc] = read_inputs([str(page_file)])
    assert (doc.id, doc.source, doc.format) == ("scholz-putin", str(page_file), "html")
    assert doc.authors == ["Anna Beispiel", "Jonas Muster"]
    assert doc.title == "Scholz telefoniert mit Putin"
    assert doc.url == "https://beispielblatt.example/politik/scholz-putin"
    assert doc.lang == "de"
    assert doc.html == page_file.read_text(encoding="utf-8")


def test_html_date_is_a_hint_not_published(page_file):
    [doc] = read_inputs([str(page_file)])
    assert doc.published is None
    assert (doc.published_hint, doc.published_hint_source) == (date(2024, 11, 15), "html-meta")


def test_html_date_in_the_body_is_not_taken_as_the_page_date():
    html = page().replace('<meta property="article:published_time" content="2024-11-15T18:30:00+01:00">', "")
    html = html.replace("<p>Der Kreml", "<p>Zuletzt hatten beide am 2. Dezember 2022 gesprochen. Der Kreml")
    doc = html_document(html, "p", "p.html")
    assert doc.published_hint is None and doc.published_hint_source is None


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1"])
def test_html_declared_legacy_charset(tmp_path, declared):
    f = tmp_path / "alt.htm"
    f.write_bytes(page(charset=declared).encode("cp1252"))
    [doc] = read_inputs([str(f)])
    assert ARTICLE[1] in doc.text  # umlauts and „“ intact


def test_html_given_fields_win_over_the_page():
    doc = html_document(page(), "x", "feed.jsonl:3", url="https://given.example/a", published=date(2024, 11, 16),
                        lang="de", title="Gegebener Titel")
    assert (doc.url, doc.published, doc.title) == ("https://given.example/a", date(2024, 11, 16), "Gegebener Titel")
    assert doc.published_hint == date(2024, 11, 15)


@pytest.mark.parametrize("html", [
    "<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>",
    "<html></html>",
    "!",
    "<?xml version='1.0'?><html/>",
])
def test_html_without_article_text_is_an_error(html):
    with pytest.raises(InputError, match=r"^p.html: "):
        html_document(html, "p", "p.html")


@pytest.mark.parametrize("value, authors", [
    ("Anna Beispiel; Jonas Muster", ["Anna Beispiel", "Jonas Muster"]),
    ("Anna Beispiel", ["Anna Beispiel"]),
    (" ; ", []),
    (None, []),
])
def test_html_split_authors(value, authors):
    assert split_authors(value) == authors


@pytest.mark.parametrize("html, lang", [
    ('<html lang="de-DE">', "de"),
    ("<html class='x' lang=en>", "en"),
    ("<HTML LANG='EN-us'>", "en"),
    ("<html>", None),
])
def test_html_page_language(html, lang):
    assert page_language(html) == lang
