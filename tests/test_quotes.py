"""Direct quotes and their speakers, on sentences of our own with hand-built mentions.

The mentions are built by hand from a table of surfaces (as in test_extract),
so these cases pin the quote rules alone, whatever the actor recogniser does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.annotate.quote_cues import KEYS, cues_for, load_cue_lists
from summitry.annotate.quote_marks import scan_quotes
from summitry.annotate.quotes import find_quotes
from summitry.annotate.sentences import split_sentences
from summitry.data import LANGUAGES, read_text
from summitry.records import Actor, Mention, Span

PUTIN = Actor("Q7747", "Vladimir Putin", "person", "Q7747", "RU")
XI = Actor("Q15031", "Xi Jinping", "person", "Q15031", "CN")
TRUMP = Actor("Q22686", "Donald Trump", "person", "Q22686", "US")
BIDEN = Actor("Q6279", "Joe Biden", "person", "Q6279", "US")
MERZ = Actor("Q1124", "Friedrich Merz", "person", None, "DE")
SCHOLZ = Actor("Q61053", "Olaf Scholz", "person", "Q61053", "DE")
MACRON = Actor("Q3052772", "Emmanuel Macron", "person", "Q3052772", "FR")
PESKOV = Actor("Q4165474", "Dmitry Peskov", "person", "Q4165474", "RU")
USHAKOV = Actor("Q4500364", "Yuri Ushakov", "person", "Q4500364", "RU")
LULA = Actor("Q37181", "Luiz Inácio Lula da Silva", "person", "Q37181", "BR")
BERG = Actor("name:Anna Berg", "Anna Berg", "person", None, None)
HOLM = Actor("name:Ruth Holm", "Ruth Holm", "person", None, None)
KREMLIN = Actor("Q42716", "Kremlin", "organisation", "Q42716")
WHITE_HOUSE = Actor("Q35525", "White House", "organisation", "Q35525")
MFA_CN = Actor("Q1066488", "Chinese Foreign Ministry", "organisation", "Q1066488")
STATE_MEDIA_CN = Actor("org:cn-state-media", "Chinese state media", "organisation", None)
RUSSIA = Actor("Q159", "Russia", "country", "Q159", "RU")
CHINA = Actor("Q148", "China", "country", "Q148", "CN")

SURFACES = {
    "Wladimir Putin": (PUTIN, "name"), "Putin": (PUTIN, "surname"), "Putins": (PUTIN, "surname"),
    "Xi Jinping": (XI, "name"), "Xi": (XI, "surname"), "Trump": (TRUMP, "surname"), "Biden": (BIDEN, "surname"),
    "Merz": (MERZ, "surname"), "Scholz": (SCHOLZ, "surname"), "Macron": (MACRON, "surname"),
    "Peskow": (PESKOV, "surname"), "Peskov": (PESKOV, "surname"), "Kremlsprecher": (PESKOV, "role"),
    "Juri Uschakow": (USHAKOV, "name"), "Uschakow": (USHAKOV, "surname"), "Lula": (LULA, "surname"),
    "Anna Berg": (BERG, "name"), "Ruth Holm": (HOLM, "name"), "Holm": (HOLM, "surname"),
    "Kreml": (KREMLIN, "name"), "Kremls": (KREMLIN, "name"), "Kremlin": (KREMLIN, "name"),
    "White House": (WHITE_HOUSE, "name"), "chinesische Außenministerium": (MFA_CN, "name"),
    "Chinas Staatsmedien": (STATE_MEDIA_CN, "name"), "Russland": (RUSSIA, "name"), "China": (CHINA, "name"),
    "russische": (RUSSIA, "adjective"), "chinesischen": (CHINA, "adjective"),
}
_SURFACE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True))
                      + r")(?!\w)")


def _mentions(text: str) -> list[Mention]:
    return [Mention(Span(m.start(), m.end()), SURFACES[m.group()][0], m.group(), SURFACES[m.group()][1])
            for m in _SURFACE.finditer(text)]


def _quotes(text: str, lang: str) -> list[tuple[str, str | None]]:
    quotes = find_quotes(text, split_sentences(text, lang), _mentions(text), lang=lang)
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a cue after the quote: verb and subject inverted, "so", postposed source
        ("„Wir sind bereit“, sagte Putin.", [("Wir sind bereit", "Vladimir Putin")]),
        ("„Das Gespräch war gut“, so Uschakow.", [("Das Gespräch war gut", "Yuri Ushakov")]),
        ("„Die Lage ist ernst“, antwortete Putin am Abend.", [("Die Lage ist ernst", "Vladimir Putin")]),
        ("„Wir halten Wort“, schrieb Trump auf Truth Social.", [("Wir halten Wort", "Donald Trump")]),
        # a colon: the verb's subject, not the other name in the clause
        ("Putin betonte: „Wir bleiben Partner.“", [("Wir bleiben Partner.", "Vladimir Putin")]),
        ("Merz sagte zu Macron: „Wir müssen handeln.“", [("Wir müssen handeln.", "Friedrich Merz")]),
        ("Xi Jinping sagte nach dem Treffen mit Putin: „Wir sind Nachbarn.“", [("Wir sind Nachbarn.", "Xi Jinping")]),
        # the colon ends the paragraph before
        ("Uschakow sagte:\n\n„Die Präsidenten haben lange gesprochen.“",
         [("Die Präsidenten haben lange gesprochen.", "Yuri Ushakov")]),
        # the quote ends its sentence and the next one attributes it
        ("„Wir sind Freunde.“ Das sagte Lula am Rande des Gipfels.",
         [("Wir sind Freunde.", "Luiz Inácio Lula da Silva")]),
        # source markers
        ("Die Beziehungen seien laut Uschakow „so gut wie nie“.", [("so gut wie nie", "Yuri Ushakov")]),
        ("Uschakow zufolge verlief das Gespräch „sehr offen“.", [("sehr offen", "Yuri Ushakov")]),
        ("Uschakow informierte die Presse. Ihm zufolge war das Gespräch „sehr offen“.",
         [("sehr offen", "Yuri Ushakov")]),
        ("Nach Angaben von Scholz war das Treffen „ein Erfolg“.", [("ein Erfolg", "Olaf Scholz")]),
        ("Die Gespräche seien „offen und ehrlich“ gewesen, wie es in einer vom Kreml veröffentlichten "
         "Mitteilung heißt.", [("offen und ehrlich", "Kremlin")]),
        ("Beide Seiten wollten „eng zusammenarbeiten“, hieß es auf der Website des Kremls.",
         [("eng zusammenarbeiten", "Kremlin")]),
        # the speech verb that governs the quote beats a source marker after it
        ("Putin kündigte „neue Schritte“ an, wie es in einer vom Kreml veröffentlichten Mitteilung heißt.",
         [("neue Schritte", "Vladimir Putin")]),
        # an unnamed source stays unknown
        ("Ein Treffen sei „sehr wahrscheinlich“, zitierte die Zeitung einen Regierungsvertreter.",
         [("sehr wahrscheinlich", None)]),
        ("„Das Treffen ist geplant“, sagte ein Regierungsvertreter.", [("Das Treffen ist geplant", None)]),
        # a quote split by its cue: two quotes, one speaker
        ("„Erster Teil“, sagte Putin, „zweiter Teil.“", [("Erster Teil", "Vladimir Putin"),
                                                        ("zweiter Teil.", "Vladimir Putin")]),
        # pronouns: the subject of the sentence before, the last speaker
        ("Scholz traf Macron in Paris. Er betonte, man stehe „fest zusammen“.", [("fest zusammen", "Olaf Scholz")]),
        ("Peskow sprach von einem „guten Anfang“. „Weitere Gespräche folgen“, fügte er hinzu.",
         [("guten Anfang", "Dmitry Peskov"), ("Weitere Gespräche folgen", "Dmitry Peskov")]),
        ("„Es gab kein Gespräch“, sagte Peskow.„Das ist erfunden“, betonte er.",
         [("Es gab kein Gespräch", "Dmitry Peskov"), ("Das ist erfunden", "Dmitry Peskov")]),
        # reported speech runs on into the next sentence
        ("„Es gab kein Gespräch“, sagte Peskow. Es handele sich um eine „reine Erfindung“.",
         [("Es gab kein Gespräch", "Dmitry Peskov"), ("reine Erfindung", "Dmitry Peskov")]),
        # roles and possessives through the mentions
        ("„Die Gespräche waren offen“, sagte der Kremlsprecher.", [("Die Gespräche waren offen", "Dmitry Peskov")]),
        ("„Das Treffen war wichtig“, sagte Putins Berater Juri Uschakow.",
         [("Das Treffen war wichtig", "Yuri Ushakov")]),
        # a definite description stands for the person named before
        ("Bundestagsvizepräsidentin Anna Berg lobte die Rede. „Wir stehen an Ihrer Seite“, sagte die "
         "Grünen-Politikerin.", [("Wir stehen an Ihrer Seite", "Anna Berg")]),
        # institutions
        ("Der Kreml erklärte, die Gespräche seien „konstruktiv“ gewesen.", [("konstruktiv", "Kremlin")]),
        ("Das chinesische Außenministerium erklärte, man lehne „jede Einmischung“ ab.",
         [("jede Einmischung", "Chinese Foreign Ministry")]),
        ("Chinas Staatsmedien meldeten, die Gespräche seien „tiefgehend“ gewesen.",
         [("tiefgehend", "Chinese state media")]),
        # an institution described, not named, stays unknown; it never stands for the last person
        ("Merz traf Macron. Die Regierung erklärte, die Gespräche seien „sehr gut“ gewesen.", [("sehr gut", None)]),
        # headlines: a name before the colon, a name after a dash
        ("Trump über Putin: „Er will Frieden“", [("Er will Frieden", "Donald Trump")]),
        ("„Wir sind bereit“ – Putin", [("Wir sind bereit", "Vladimir Putin")]),
        # names inside the quote never speak
        ("„Putin ist ein Partner“, sagte Xi.", [("Putin ist ein Partner", "Xi Jinping")]),
        # marks: guillemets both ways, a mixed closer, a line break inside, a nested quote
        ("»Wir sind Freunde«, sagte Lula.", [("Wir sind Freunde", "Luiz Inácio Lula da Silva")]),
        ("«Wir sind Freunde», sagte Lula.", [("Wir sind Freunde", "Luiz Inácio Lula da Silva")]),
        ("„Das ist gut\", sagte Merz.", [("Das ist gut", "Friedrich Merz")]),
        ("„Wir stehen\nzusammen“, sagte Merz.", [("Wir stehen\nzusammen", "Friedrich Merz")]),
        ("„Er sagte mir ‚Nein‘, und das war alles“, erklärte Merz.",
         [("Er sagte mir ‚Nein‘, und das war alles", "Friedrich Merz")]),
        # an unclosed quote at the end of an excerpt keeps what is there
        ("Putin sagte: „Wir werden weiter", [("Wir werden weiter", "Vladimir Putin")]),
        # one-word quotes: kept with a cue, dropped as terms without one
        ("Trump nannte den Plan „historisch“.", [("historisch", "Donald Trump")]),
        ("Der «Friedensrat»-Plan wurde in Genf vorgestellt.", []),
        ("Das Wort „Zeitenwende“ prägte das Jahr.", []),
        # a newspaper's name is not a quote; a phrase of nouns after a preposition is
        ("Das berichtete die „Washington Post“ am Montag.", []),
        ("Laut Uschakow sprachen beide über „Handel und Energie“.", [("Handel und Energie", "Yuri Ushakov")]),
        # "so" with a description that stands for the last speaker
        ("„Es gibt keine Pläne“, sagte Peskow. Ein Treffen sei „nicht ausgeschlossen“, so der Sprecher weiter.",
         [("Es gibt keine Pläne", "Dmitry Peskov"), ("nicht ausgeschlossen", "Dmitry Peskov")]),
        # apostrophes are no quotes; indirect speech is not quoted
        ("Scholz' Besuch in Peking folgte auf Macrons Reise.", []),
        ("Putin sagte, Russland sei zu Gesprächen bereit.", []),
    ],
)
def test_quotes_german(text, expected):
    assert _quotes(text, "de") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We are ready," said Biden.', [("We are ready,", "Joe Biden")]),
        ('"We are ready," Biden said.', [("We are ready,", "Joe Biden")]),
        ('"The call was productive," Peskov told reporters.', [("The call was productive,", "Dmitry Peskov")]),
        ('"We disagree on Taiwan," Xi told Biden.', [("We disagree on Taiwan,", "Xi Jinping")]),
        ("According to the Kremlin, the talks were “businesslike.”", [("businesslike.", "Kremlin")]),
        ("The White House said in a statement that the leaders had a “candid exchange.”",
         [("candid exchange.", "White House")]),
        ('Trump wrote on X: "A great call with Xi!"', [("A great call with Xi!", "Donald Trump")]),
        # the cue after the quote beats the name before it
        ('Putin "agreed to work together," the Kremlin said in its readout.',
         [("agreed to work together,", "Kremlin")]),
        # a pronoun: the subject of the sentence before
        ('Biden met Xi in Woodside. "It went well," he added.', [("It went well,", "Joe Biden")]),
        ("Ruth Holm spoke first. “We are ready,” she said.", [("We are ready,", "Ruth Holm")]),
        # the cue opens the next sentence after a quote that ends its own
        ("“Nice to see you!” Mr Putin said at the start.", [("Nice to see you!", "Vladimir Putin")]),
        # unnamed sources and institutions
        ('"Talks will continue," an official said.', [("Talks will continue,", None)]),
        ("The government said the talks were “a success.”", [("a success.", None)]),
        ('"Talks will continue," the unnamed official said.', [("Talks will continue,", None)]),
        # quoting someone
        ('State media quoted Xi as saying "cooperation is key".', [("cooperation is key", "Xi Jinping")]),
        # single quotes in a headline; apostrophes are no quotes
        ("Xi talks to Putin, says 'glad to see contact'", [("glad to see contact", "Xi Jinping")]),
        ("Xi's aide said Biden's team wasn't ready and the leaders' talks would wait.", []),
        ("Putin said the ‘special operation’ would go on, the Kremlin's readout said.",
         [("special operation", "Vladimir Putin")]),
        # a quote running over paragraphs reopens each one
        ("“We will meet again.\n\n“And we will talk,” Biden said.",
         [("We will meet again.", "Joe Biden"), ("And we will talk,", "Joe Biden")]),
        ('Biden said: "We will keep', [("We will keep", "Joe Biden")]),
    ],
)
def test_quotes_english(text, expected):
    assert _quotes(text, "en") == expected


def test_quotes_spans_and_cues():
    text = "Am Montag sagte Putin: „Wir sind bereit.“ Danach reiste er ab."
    (quote,) = find_quotes(text, split_sentences(text, "de"), _mentions(text), lang="de")
    assert quote.span.text(text) == quote.text == "Wir sind bereit."
    assert quote.speaker_span.text(text) == "Putin"
    assert quote.cue_span.text(text) == "sagte"
    assert quote.sentence == 0


def test_quotes_unknown_language_uses_all_cues():
    text = '"We are ready," said Biden. „Wir auch“, sagte Merz.'
    assert _quotes(text, None) == [("We are ready,", "Joe Biden"), ("Wir auch", "Friedrich Merz")]


@pytest.mark.parametrize(
    "text, inner",
    [
        ("„Eins“ und „zwei“", ["Eins", "zwei"]),
        ("“One” and ‘two’", ["One", "two"]),
        ("He said “I didn’t ‘know’ that” today", ["I didn’t ‘know’ that"]),
        ("CNN's report on the countries' leaders", []),
        ("Ein „offenes\nEnde\n\nNeuer Absatz", ["offenes\nEnde"]),
        ("Sie „kam\nspät“ an", ["kam\nspät"]),
        ("Der '90er-Stil", []),
    ],
)
def test_quote_marks_pairing(text, inner):
    assert [text[q.start:q.end] for q in scan_quotes(text)] == inner


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quote_cue_files_are_valid(lang):
    raw = read_text(f"{lang}/quotes.yaml")
    assert raw.startswith("#"), "a data file opens with a # header that explains it"
    lists = load_cue_lists(lang)
    assert set(KEYS) <= set(lists)
    assert lists["speech_verbs"], "every language needs speech verbs"
    for key in KEYS:
        assert len(set(lists[key])) == len(lists[key]), f"{lang}/quotes.yaml: duplicate entries in {key}"
    assert cues_for(lang).pattern.search("x") is None


_PIECES = st.sampled_from(["„", "“", "”", "\"", "'", "’", "‘", "‚", "»", "«", " ", " ", "\n", "\n\n", ",", ".", ":",
                           "Putin", "sagte", "said", "er", "he", "laut", "Kreml", "wir", "-", "s", "Xi's"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_quotes_any_text_gives_sound_spans(pieces):
    text = "".join(pieces)
    quotes = find_quotes(text, split_sentences(text, None), _mentions(text), lang=None)
    last_end = -1
    for q in quotes:
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert q.span.text(text) == q.text and q.text == q.text.strip()
        assert q.span.start >= last_end, "quotes are in order and do not overlap"
        last_end = q.span.end
        if q.speaker_span is not None:
            assert not q.span.contains(q.speaker_span), "a quote's own names never speak"
