"""Cleaning: noise out, facts kept, offsets intact. All texts here are invented."""

from __future__ import annotations

import re
from datetime import date

import pytest

from summitry.clean import clean_document
from summitry.records import RawDocument


def clean(text: str, **kwargs):
    return clean_document(RawDocument(id="t", source="test", text=text, **kwargs))


def paragraphs(doc) -> list[str]:
    return [doc.text[p.start:p.end] for p in doc.paragraphs]


# -- characters -----------------------------------------------------------

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Sie sprachen &amp;hellip; lange.", "Sie sprachen … lange."),
        ("Forschung &amp;amp; Entwicklung.", "Forschung & Entwicklung."),
        ("Ein &quot;gutes&quot; Gespräch.", 'Ein "gutes" Gespräch.'),
        ("Zusammen\u00adarbeit der Länder.", "Zusammenarbeit der Länder."),
        ("Null\u200bbreite und\ufeff Marken.", "Nullbreite und Marken."),
        ("Flagge \U0001F1FA\ufe0f gehisst.", "Flagge \U0001F1FA gehisst."),
        ("Ministerin\u00a0Lea\u00a0Sandoval reiste.", "Ministerin Lea Sandoval reiste."),
        ("Viel   zu    viel  Platz.", "Viel zu viel Platz."),
        ("Das Treffen endete , wie erwartet .", "Das Treffen endete, wie erwartet."),
        ("Warum ? Niemand weiß es !", "Warum? Niemand weiß es!"),
        ("Außenpolitik : Die Lage ist ernst.", "Außenpolitik: Die Lage ist ernst."),
        ("Der Wert stieg um .5 Prozent.", "Der Wert stieg um .5 Prozent."),
        ("Und dann ... nichts.", "Und dann ... nichts."),
        ("Zeile eins.\r\n\r\nZeile zwei.", "Zeile eins.\n\nZeile zwei."),
    ],
)
def test_characters(raw, expected):
    assert clean(raw).text == expected


# -- hard wraps and paragraphs ---------------------------------------------

@pytest.mark.parametrize(
    "raw, expected",
    [
        # the next line starts in lower case: one sentence
        ("Die Kanzlerin sprach mit dem\npräsidialen Berater.", ["Die Kanzlerin sprach mit dem präsidialen Berater."]),
        # a function word at the end of the line
        ("Treffen der Minister im\nSchloss Belmora", ["Treffen der Minister im Schloss Belmora"]),
        # "Wort-" joins without a space and keeps the hyphen
        ("Die Velmora-\nRegierung lehnte ab.", ["Die Velmora-Regierung lehnte ab."]),
        # "Staats-\nund" keeps the space before a conjunction
        ("Die Staats-\nund Regierungschefs kamen.", ["Die Staats- und Regierungschefs kamen."]),
        # a heading directly followed by its paragraph stays apart
        ("Lage an der Grenze\nDie Truppen zogen sich zurück.", ["Lage an der Grenze", "Die Truppen zogen sich zurück."]),
        # sentence ends on a line of its own: separate paragraphs
        ("Erster Absatz endet hier.\nZweiter Absatz beginnt.", ["Erster Absatz endet hier.", "Zweiter Absatz beginnt."]),
        # a heading ending in a verb particle is complete
        ("Kanzler Brede lenkt ein\n\nDer Streit ist beigelegt.", ["Kanzler Brede lenkt ein", "Der Streit ist beigelegt."]),
    ],
)
def test_line_joining(raw, expected):
    assert paragraphs(clean(raw)) == expected


HARD_WRAPPED = """\
Velmora und Ostrien vereinbaren engere
Zusammenarbeit

Die Präsidentin von Velmora, Amara Velt, hat in einem
Telefongespräch mit ihrem ostrischen Amtskollegen

Tomas Orlov am Dienstag betont, dass beide Länder
ihre Handelsbeziehungen ausbauen wollen. Es war das erste
Gespräch der beiden seit dem Streit über die gemeinsame



Grenze im vergangenen Herbst, der die Beziehungen schwer
belastet hatte.

Neue Pipeline geplant

Beide Seiten wollen bis zum Ende des Jahres über eine neue
Gasleitung verhandeln, die durch das Grenzgebiet führen und
die Versorgung der Industrie in beiden Ländern sichern soll.
Orlov sprach von einem „Wendepunkt“ in den Beziehungen.
"""


def test_hard_wrapped_text_is_joined_but_headings_stay():
    doc = clean(HARD_WRAPPED)
    paras = paragraphs(doc)
    assert paras[0] == "Velmora und Ostrien vereinbaren engere Zusammenarbeit"
    assert paras[1].startswith("Die Präsidentin von Velmora, Amara Velt, hat in einem Telefongespräch mit ihrem ostrischen Amtskollegen Tomas Orlov am Dienstag")
    assert "gemeinsame Grenze im vergangenen Herbst" in paras[1]
    assert paras[2] == "Neue Pipeline geplant"
    assert paras[3].endswith("„Wendepunkt“ in den Beziehungen.")
    assert len(paras) == 4
    assert "\n" not in doc.text.replace("\n\n", "")
    assert doc.title == "Velmora und Ostrien vereinbaren engere Zusammenarbeit"


# -- boilerplate ------------------------------------------------------------

@pytest.mark.parametrize(
    "noise",
    [
        "Artikel anhören",
        "Kurze Werbeeinblendung",
        "Lesen Sie auch: Was der Gipfel in Belmora gebracht hat",
        "https://www.example.test/politik/gipfel-belmora-123.html",
        "Die Präsidentin bei ihrer Ankunft in Kessin. Foto: AP",
        "Die Delegationen vor dem Schloss. Bild: Nora Falk/dpa",
        "Die Minister beim Handschlag in Varnholm Mira Tannhaus/Xinhua",
        "Der Kanzler bei der Pressekonferenz (imago / dpa / AP)",
        "Advertisement",
        "Share this article",
        "Read more: What the summit in Belmora achieved",
        "dpa/cd",
        "Quelle: swisstxt",
    ],
)
def test_boilerplate_line_is_removed(noise):
    body = "Die Präsidentin von Velmora traf am Montag den Kanzler von Ostrien in Kessin."
    doc = clean(f"{body}\n\n{noise}\n\nDas Gespräch dauerte zwei Stunden und verlief nach beiden Seiten gut.")
    assert noise not in doc.text
    assert body in doc.text
    assert "Das Gespräch dauerte zwei Stunden" in doc.text
    assert any(r["reason"] for r in doc.removed)


def test_related_topics_block_and_ad_tail():
    raw = (
        "Die Außenminister trafen sich am Rande des Gipfels in Belmora zu einem längeren Gespräch.\n"
        "Verwandte Themen\nVelmora\nOstrien\nEnergie\n\n"
        "Im Anschluss wollen beide Regierungen eine gemeinsame Erklärung veröffentlichen, hieß es.\n\n"
        "Mehr zum Thema\nUnsere Partner\nAnzeige\nstromvergleich.test\nJetzt wechseln und sparen\n"
        "Anzeige\nReiseportal\nBelmora günstig entdecken"
    )
    doc = clean(raw)
    assert paragraphs(doc) == [
        "Die Außenminister trafen sich am Rande des Gipfels in Belmora zu einem längeren Gespräch.",
        "Im Anschluss wollen beide Regierungen eine gemeinsame Erklärung veröffentlichen, hieß es.",
    ]
    reasons = {r["reason"] for r in doc.removed}
    assert {"related"} <= reasons


def test_teaser_box_goes_but_quoted_heading_stays():
    raw = (
        "Die Gespräche in Kessin dauerten bis in den Abend, wie beide Delegationen bestätigten.\n\n"
        "Jonas Brede\n\n"
        "Kanzler-Interview: „Wir brauchen einen langen Atem“\n\n"
        "„Ein Zeichen des Vertrauens“\n\n"
        "Velt nannte das Treffen „ein Zeichen des Vertrauens“ zwischen den Nachbarn."
    )
    doc = clean(raw)
    assert "Jonas Brede" not in doc.text
    assert "langen Atem" not in doc.text
    assert "„Ein Zeichen des Vertrauens“" in paragraphs(doc)


def test_caption_twin_without_credit_goes_too():
    raw = (
        "Der Kanzler beim Empfang auf dem Flughafen von Kessin.\n"
        "Der Kanzler beim Empfang auf dem Flughafen von Kessin. © Paul Weinreb/dpa\n"
        "Kanzler Brede ist am Morgen zu einem zweitägigen Besuch in Ostrien eingetroffen."
    )
    assert paragraphs(clean(raw)) == ["Kanzler Brede ist am Morgen zu einem zweitägigen Besuch in Ostrien eingetroffen."]


def test_navigation_trail_gives_title_and_kicker_is_cut():
    raw = (
        "1. Startseite\n  2. Politik\n  3. Ausland\n  4. Diplomatie: Velt und Orlov telefonieren erneut\n\n"
        "DiplomatieVelt und Orlov telefonieren erneut\n\n"
        "Die Staatschefs von Velmora und Ostrien haben zum zweiten Mal in diesem Monat telefoniert."
    )
    doc = clean(raw)
    assert doc.title == "Velt und Orlov telefonieren erneut"
    assert paragraphs(doc)[0] == "Velt und Orlov telefonieren erneut"
    assert "Startseite" not in doc.text and "Diplomatie" not in doc.text


# -- repeats ----------------------------------------------------------------

def test_echo_paragraph_keeps_only_the_new_part():
    raw = (
        "Handel: Die Minister vereinbarten, den Warenaustausch zwischen beiden Ländern bis 2030 deutlich "
        "auszubauen und die Zölle schrittweise zu senken.\n\n"
        ": Die Minister vereinbarten, den zwischen beiden Ländern bis 2030 auszubauen und die Zölle zu "
        "senken. Energie: Beide Seiten wollen beim Bau neuer Leitungen enger zusammenarbeiten.\n\n"
        ": Beide Seiten wollen beim Bau neuer zusammenarbeiten. Ausblick: Ein weiteres Treffen ist für den "
        "Herbst geplant."
    )
    assert paragraphs(clean(raw)) == [
        "Handel: Die Minister vereinbarten, den Warenaustausch zwischen beiden Ländern bis 2030 deutlich "
        "auszubauen und die Zölle schrittweise zu senken.",
        "Energie: Beide Seiten wollen beim Bau neuer Leitungen enger zusammenarbeiten.",
        "Ausblick: Ein weiteres Treffen ist für den Herbst geplant.",
    ]


def test_truncated_teaser_before_the_article_goes():
    opening = ("Die Präsidentin von Velmora hat am Montag mit dem Kanzler von Ostrien telefoniert und "
               "eine engere Zusammenarbeit angekündigt.")
    raw = (f"{opening} Beide wollen sich &amp;hellip;\n\n{opening} Beide wollen sich im Frühjahr "
           "persönlich treffen.\n\nDas Gespräch dauerte eine Stunde.")
    doc = clean(raw)
    assert paragraphs(doc)[0] == f"{opening} Beide wollen sich im Frühjahr persönlich treffen."
    assert "…" not in doc.text
    assert [r["reason"] for r in doc.removed] == ["teaser"]


def test_repeated_and_contained_paragraphs_go():
    line = "Velt und Orlov vereinbarten eine neue Gesprächsrunde im Herbst"
    raw = (f"{line}\n{line}\n\nDer Außenminister bestätigte die Pläne am Abend.\n\n"
           f"Nach dem Telefonat hieß es: {line}. Details nannte niemand.\n\n"
           "Der Außenminister bestätigte die Pläne am Abend.")
    paras = paragraphs(clean(raw))
    assert paras == ["Der Außenminister bestätigte die Pläne am Abend.",
                     f"Nach dem Telefonat hieß es: {line}. Details nannte niemand."]


def test_ordinary_paragraphs_with_shared_words_stay():
    raw = ("Die Präsidentin sprach mit dem Kanzler über die Lage an der Grenze und die Energiepreise.\n\n"
           "Die Präsidentin sprach danach auch mit dem Premier über Handel, Zölle und den Getreideexport.")
    assert len(clean(raw).paragraphs) == 2


# -- metadata ---------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, authors, published, source",
    [
        (" date 2026-01-12 Mira Tannhaus\n\nDie Präsidentin reiste nach Kessin.", ["Mira Tannhaus"], date(2026, 1, 12), "header"),
        (" date 2026-01-12 Die Präsidentin reiste nach Kessin.", [], date(2026, 1, 12), "header"),
        (" date 2025-03 Die Präsidentin reiste nach Kessin.", [], None, None),
        ("Die Präsidentin reiste nach Kessin.Felix Orben, Jana-Lise Korte 14.03.2025 - 09:30 Uhr aktualisiert Artikel anhören\n\nMehr folgt.",
         ["Felix Orben", "Jana-Lise Korte"], date(2025, 3, 14), "byline"),
        ("Die Präsidentin reiste nach Kessin.\n\nDieser Artikel wurde von Nora Falk und Paul Weinreb mitverfasst.",
         ["Nora Falk", "Paul Weinreb"], None, None),
        ("Die Präsidentin reiste nach Kessin.\n\nBericht von Radio Belmora, zu dem Mira Tannhaus und Ilan Moreau\nbeigetragen haben.",
         ["Mira Tannhaus", "Ilan Moreau"], None, None),
        ("By Jane Doe and John Roe\n\nThe president travelled to Kessin on Monday.", ["Jane Doe", "John Roe"], None, None),
        ("The president travelled to Kessin.\n\nReporting by Jane Doe in Kessin and John Roe; Editing by Max Smith",
         ["Jane Doe", "John Roe"], None, None),
        ("The president travelled to Kessin.\nSource: Belmora Daily March 03, 2026 15:56 UTC", [], date(2026, 3, 3), "text"),
        ("Veröffentlicht: 02.12.2024,\nLetzte Aktualisierung: 20.12.2024\n\nDie Präsidentin reiste.", [], date(2024, 12, 2), "text"),
        ("By the way, the president travelled to Kessin.", [], None, None),
        # a byline under a headline that ends in a verb particle ("an") is no wrapped sentence
        ("Die Präsidentin mahnt Reformen an\n\nVon Felix Orben | 14.03.2025, 09:30 Uhr\n\nKessin. Sie sprach lange.",
         ["Felix Orben"], date(2025, 3, 14), "byline"),
    ],
)
def test_authors_and_dates(raw, authors, published, source):
    doc = clean(raw)
    assert doc.authors == authors
    assert doc.published == published
    assert doc.published_source == source
    for name in authors:
        assert name not in doc.text


def test_month_only_header_is_kept_as_a_hint_not_a_day():
    doc = clean(" date 2025-03 Die Präsidentin reiste nach Kessin.")
    assert doc.published is None and doc.published_month == "2025-03"
    header = [r for r in doc.removed if r["reason"] == "header"]
    assert header and header[0]["value"] == "2025-03"
    assert doc.text == "Die Präsidentin reiste nach Kessin."


def test_published_precedence():
    raw = " date 2026-01-12 Die Präsidentin reiste nach Kessin.\n\nVeröffentlicht: 10.01.2026"
    assert clean(raw).published_source == "header"
    doc = clean(raw, published=date(2026, 1, 13))
    assert (doc.published, doc.published_source) == (date(2026, 1, 13), "input")
    doc = clean("Die Präsidentin reiste.\n\nVeröffentlicht: 10.01.2026", published_hint=date(2026, 1, 11))
    assert (doc.published, doc.published_source) == (date(2026, 1, 11), "html-meta")
    doc = clean("Die Präsidentin reiste.\n\nVeröffentlicht: 10.01.2026")
    assert (doc.published, doc.published_source) == (date(2026, 1, 10), "text")


def test_given_title_and_authors_win():
    doc = clean("Velt in Kessin\n\nDie Präsidentin reiste nach Kessin.", title="Velt in Kessin", authors=["Mira Tannhaus"])
    assert doc.title == "Velt in Kessin"
    assert doc.authors == ["Mira Tannhaus"]
    assert paragraphs(doc)[0] == "Velt in Kessin"


@pytest.mark.parametrize(
    "raw, lang",
    [
        ("Die Präsidentin hat am Montag mit dem Kanzler telefoniert und über die Lage gesprochen.", "de"),
        ("The president spoke with the chancellor on Monday about the situation at the border.", "en"),
    ],
)
def test_language(raw, lang):
    assert clean(raw).language == lang
    assert clean(raw, lang="xx").language == "xx"  # the input's language wins


def test_empty_document():
    doc = clean("  \n\n ")
    assert doc.text == "" and doc.paragraphs == [] and doc.language is None


def test_removed_log_points_at_raw_text():
    raw = "Die Präsidentin reiste nach Kessin.\n\nKurze Werbeeinblendung\n\nSie kam am Abend an."
    doc = clean(raw)
    (ad,) = [r for r in doc.removed if r["reason"] == "ad"]
    assert raw[ad["start"]:ad["end"]] == "Kurze Werbeeinblendung"


def test_paragraph_spans_cover_the_clean_text():
    doc = clean(HARD_WRAPPED)
    rebuilt = "\n\n".join(paragraphs(doc))
    assert rebuilt == doc.text
    assert all(not re.match(r"\s", p) and not re.search(r"\s$", p) for p in paragraphs(doc))


ENGLISH_PAGE = """\
Home > World > Europe

Leaders agree to new talks on border trade

By Jane Doe and John Roe

Published: March 4, 2026

The presidents of Velmora and Ostria agreed on Monday to resume talks on border trade,
officials said after a two-hour phone call.

ADVERTISEMENT

Read more: Why the border matters

The call was the first since the dispute over fishing rights last autumn. "We had a frank
exchange," President Amara Velt told reporters. (AP)

President Amara Velt at the border crossing in Kessin. Photo: Jane Doe/Reuters

Share this article

Reporting by Jane Doe in Kessin; Editing by Max Smith
"""


def test_english_page():
    doc = clean(ENGLISH_PAGE)
    assert paragraphs(doc) == [
        "Leaders agree to new talks on border trade",
        "The presidents of Velmora and Ostria agreed on Monday to resume talks on border trade, "
        "officials said after a two-hour phone call.",
        'The call was the first since the dispute over fishing rights last autumn. "We had a frank '
        'exchange," President Amara Velt told reporters.',
    ]
    assert (doc.title, doc.language) == ("Leaders agree to new talks on border trade", "en")
    assert doc.authors == ["Jane Doe", "John Roe"]
    assert (doc.published, doc.published_source) == (date(2026, 3, 4), "text")
