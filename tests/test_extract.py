"""Contact extraction on sentences of our own, with hand-built annotations.

The mentions and timexes are built by hand (as spaCy's tests build Docs), so
these tests pin the contact rules alone, whatever the annotators do.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date

import pytest

from summitry.annotate.actors import actor_named
from summitry.annotate.sentences import split_sentences
from summitry.extract import extract_contacts
from summitry.offsets import OffsetText
from summitry.records import Actor, Document, Extraction, Mention, Span, Timex

PUTIN, XI, TRUMP, MERZ, MACRON = (actor_named(n) for n in (
    "Vladimir Putin", "Xi Jinping", "Donald Trump", "Friedrich Merz", "Emmanuel Macron"))
BEIJING, CHINA, PARIS = actor_named("Beijing"), actor_named("China"), actor_named("Paris")
EXPERT = Actor("name:Anna Berg", "Anna Berg", "person", None, None)  # not in the gazetteer

SURFACES = {
    "Wladimir Putin": PUTIN, "Putin": PUTIN, "Vladimir Putin": PUTIN, "Xi Jinping": XI, "Xi": XI,
    "Donald Trump": TRUMP, "Trump": TRUMP, "Friedrich Merz": MERZ, "Merz": MERZ, "Macron": MACRON,
    "Anna Berg": EXPERT, "Peking": BEIJING, "Beijing": BEIJING, "China": CHINA, "Paris": PARIS,
    "Kremlchef": PUTIN, "chinesischen Präsidenten": XI,
}


@contextmanager
def more_surfaces(extra: dict[str, Actor]):
    """SURFACES with a test's own names added for the duration of the block."""
    SURFACES.update(extra)
    try:
        yield
    finally:
        for key in extra:
            SURFACES.pop(key)


def _extraction(text: str, published: date | None, timexes: list[tuple[str, str, str]] = (), lang: str = "de"):
    ot = OffsetText.from_raw(text)
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=ot.to_map(), paragraphs=[Span(0, len(text))],
                   language=lang, title=None, published=published, published_source="input", authors=[],
                   content_hash="x")
    ex = Extraction(document=doc, sentences=split_sentences(text, lang))
    pattern = re.compile("|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True)))
    ex.mentions = [Mention(Span(m.start(), m.end()), SURFACES[m.group(0)], m.group(0), "name")
                   for m in pattern.finditer(text)]
    for surface, ttype, value in timexes:
        start = text.index(surface)
        ex.timexes.append(Timex(Span(start, start + len(surface)), surface, ttype, value))
    return ex


def _summary(contacts):
    return sorted((c.kind, c.status, tuple(sorted(a.name for a in c.participants)),
                   c.date.isoformat() if c.date else None, c.main) for c in contacts)


@pytest.mark.parametrize(
    "text, published, timexes, expected_main",
    [
        # German: a fresh report with a weekday
        ("Xi Jinping und Wladimir Putin haben am Mittwoch in einem Videotelefonat miteinander gesprochen.",
         date(2026, 2, 5), [("am Mittwoch", "DATE", "2026-02-04")],
         ("video_call", "occurred", ("Vladimir Putin", "Xi Jinping"), "2026-02-04")),
        # several words for one contact: the most specific kind wins
        ("Putin telefonierte am Dienstag mit Xi. Das Gespräch war eine Videoschalte zwischen Putin und Xi.",
         date(2025, 1, 21), [("am Dienstag", "DATE", "2025-01-21")],
         ("video_call", "occurred", ("Vladimir Putin", "Xi Jinping"), "2025-01-21")),
        # a denial
        ("Der Kreml hat dementiert, dass Putin und Trump telefoniert haben.", date(2024, 11, 11), [],
         ("phone_call", "denied", ("Donald Trump", "Vladimir Putin"), None)),
        # a plan; held in the host's country, so a visit
        ("Merz wird am Freitag Macron in Paris treffen.", date(2026, 3, 2), [("am Freitag", "DATE", "2026-03-06")],
         ("visit", "planned", ("Emmanuel Macron", "Friedrich Merz"), "2026-03-06")),
        # at a summit's sidelines: a meeting, wherever it is
        ("Merz traf Macron am Rande des Gipfels in Paris.", date(2026, 3, 2), [],
         ("meeting", "occurred", ("Emmanuel Macron", "Friedrich Merz"), None)),
        # the reporter is no participant; the pronoun is
        ("Laut Anna Berg führte er ein Telefonat mit Trump.", date(2025, 5, 1), [], None),
        # English
        ("Putin held a phone call with Xi on Friday, the Kremlin said.", date(2025, 8, 8),
         [("on Friday", "DATE", "2025-08-08")], ("phone_call", "occurred", ("Vladimir Putin", "Xi Jinping"),
                                                "2025-08-08")),
    ],
)
def test_extract_main_contact(text, published, timexes, expected_main):
    lang = "en" if re.search(r"\b(the|held|with)\b", text) else "de"
    contacts = extract_contacts(_extraction(text, published, timexes, lang=lang))
    mains = [c for c in contacts if c.main]
    if expected_main is None:
        assert not any(len(c.participants) >= 2 and c.main for c in contacts)
        return
    assert len(mains) == 1
    main = mains[0]
    got = (main.kind, main.status, tuple(sorted(a.name for a in main.participants)),
           main.date.isoformat() if main.date else None)
    assert got == expected_main


def test_extract_pronoun_subject_binds_first_person():
    text = "Bevor Putin am 4. Februar mit Trump sprach, führte er eine Videokonferenz mit dem chinesischen Präsidenten."
    contacts = extract_contacts(_extraction(text, date(2026, 2, 9), [("am 4. Februar", "DATE", "2026-02-04")]))
    pairs = {tuple(sorted(a.name for a in c.participants)) for c in contacts}
    assert ("Vladimir Putin", "Xi Jinping") in pairs
    assert ("Donald Trump", "Vladimir Putin") in pairs


def test_extract_invitation_is_planned_visit_with_both():
    text = "Xi Jinping lud Putin zu einem Besuch in China ein, und Putin nahm die Einladung an."
    contacts = extract_contacts(_extraction(text, date(2026, 2, 9)))
    assert ("visit", "planned", ("Vladimir Putin", "Xi Jinping"), None, True) in _summary(contacts)


def test_extract_solo_visit_lists_the_visitor_alone():
    # mentioned in passing (the report is about another contact), a trip is the visitor's alone;
    # it counts as a leader contact because the text names the destination's leader
    text = ("Xi Jinping und Wladimir Putin haben am Mittwoch telefoniert. "
            "Auch Bundeskanzler Friedrich Merz wird im Februar zu einem Besuch in Peking erwartet.")
    contacts = extract_contacts(_extraction(text, date(2026, 2, 5), [("im Februar", "DATE", "2026-02")]))
    trips = [(c.kind, c.status, [a.name for a in c.participants], c.period) for c in contacts if not c.main]
    assert trips == [("visit", "planned", ["Friedrich Merz"], "2026-02")]


@pytest.mark.parametrize(
    "text",
    [
        "Selenskyj hielt eine Videoansprache vor dem Parlament, Putin schwieg.",
        "Putin sprach sich für Verhandlungen aus, Xi ebenso.",
    ],
)
def test_extract_no_contact(text):
    assert extract_contacts(_extraction(text, date(2025, 1, 1))) == []


def test_extract_duration_and_codes():
    text = "Putin und Xi sprachen per Videokonferenz. Das Gespräch dauerte eine Stunde und 25 Minuten."
    contacts = extract_contacts(_extraction(text, date(2026, 2, 4), [("eine Stunde und 25 Minuten", "DURATION",
                                                                      "PT1H25M")]))
    main = next(c for c in contacts if c.main)
    assert (main.kind, main.duration_minutes, main.cameo, main.plover) == ("video_call", 85, "041", "CONSULT/phone")


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a custom is not one contact
        ("Üblicherweise telefonieren Putin und Xi zum Jahresende miteinander.", date(2025, 1, 1), []),
        ("Traditionally, Trump and Macron speak every year in July.", date(2025, 1, 1), []),
        # "kurz vor einem Telefonat" in a past-tense sentence: that call happened too
        ("Das Gespräch zwischen Xi und Putin fand kurz vor einem Telefonat zwischen Xi und Trump statt.",
         date(2026, 2, 5), [("call", "occurred", ("Vladimir Putin", "Xi Jinping")),
                            ("phone_call", "occurred", ("Donald Trump", "Xi Jinping"))]),
        # told in the present, "vor seinem Besuch" looks ahead
        ("Wenige Tage vor seinem Besuch bei Trump in Washington spricht Merz in Berlin.", date(2026, 3, 3),
         [("visit", "planned", ("Donald Trump", "Friedrich Merz"))]),
        # a bare noun mention takes the leaders of the sentence before
        ("Merz hat Putin zur Deeskalation aufgefordert. In einem Telefonat am Montag ging es um die Grenze.",
         date(2026, 3, 3), [("phone_call", "occurred", ("Friedrich Merz", "Vladimir Putin"))]),
        # genitive modifiers take no part
        ("Trumps Sondergesandter traf Putin in Moskau.", date(2025, 4, 1), []),
        # many calls over a counted period are no one contact; "a month after" is no such period
        ("Macron hatte sechs Monate lang mit Putin telefoniert.", date(2022, 9, 1), []),
        ("Einen Monat nach seinem Amtsantritt hat Trump mit Macron telefoniert.", date(2025, 2, 20),
         [("phone_call", "occurred", ("Donald Trump", "Emmanuel Macron"))]),
        ("He always calls Putin first.", date(2025, 1, 1), []),
    ],
)
def test_extract_contact_rules(text, published, expected):
    lang = "en" if re.search(r"\b(the|and|speak|He)\b", text) else "de"
    timexes = [(m.group(0), "DURATION", "P6M") for m in re.finditer(r"sechs Monate", text)] + [
        (m.group(0), "DURATION", "P1M") for m in re.finditer(r"Einen Monat", text)]
    contacts = extract_contacts(_extraction(text, published, timexes, lang=lang))
    got = sorted((c.kind, c.status, tuple(sorted(a.name for a in c.participants)))
                 for c in contacts if len(c.participants) >= 2)
    assert got == sorted(expected)


def test_extract_joint_trip_reported_is_one_visit_with_host():
    zelenskyy = actor_named("Volodymyr Zelenskyy")
    scholz = actor_named("Olaf Scholz")
    kyiv = actor_named("Kyiv")
    extra = {"Scholz": scholz, "Selenskyj": zelenskyy, "Kiew": kyiv, "Draghi": actor_named("Mario Draghi")}
    with more_surfaces(extra):
        text = "Scholz, Macron und Draghi sind in Kiew eingetroffen. Selenskyj dankte für die Hilfe."
        contacts = extract_contacts(_extraction(text, date(2022, 6, 16)))
    main = next(c for c in contacts if c.main)
    assert (main.kind, sorted(a.name for a in main.participants)) == (
        "visit", ["Emmanuel Macron", "Mario Draghi", "Olaf Scholz", "Volodymyr Zelenskyy"])
    assert len(contacts) == 1


def test_extract_parenthetical_denial():
    text = "Amid reports that Trump spoke with Putin (although the Kremlin denied it), Macron called Xi."
    contacts = extract_contacts(_extraction(text, date(2024, 11, 20), lang="en"))
    assert ("call", "denied", ("Donald Trump", "Vladimir Putin")) in {
        (c.kind, c.status, tuple(sorted(a.name for a in c.participants))) for c in contacts}


def test_extract_headline_list_after_colon_and_compound_visit():
    zelenskyy, scholz = actor_named("Volodymyr Zelenskyy"), actor_named("Olaf Scholz")
    extra = {"Scholz": scholz, "Selenskyj": zelenskyy, "Kiew": actor_named("Kyiv"),
             "Draghi": actor_named("Mario Draghi")}
    with more_surfaces(extra):
        text = ("Solidaritätsbesuch in Kiew: Kanzler Scholz (l.), Präsident Macron, Präsident Selenskyj "
                "und Premier Draghi")
        contacts = extract_contacts(_extraction(text, date(2022, 6, 16)))
    assert [(c.kind, sorted(a.name for a in c.participants)) for c in contacts] == [
        ("visit", ["Emmanuel Macron", "Mario Draghi", "Olaf Scholz", "Volodymyr Zelenskyy"])]


@pytest.mark.parametrize("text, lang, kind", [
    # the place of the talks is in a relative clause after them
    ("Thema des Gesprächs, das Merz am Montag mit Xi in Peking führte, war Handel.", "de", "visit"),
    # the place belongs to an invitation later in the sentence, not to the talks
    ("During the talks with Xi, Putin invited him to come to Beijing in the spring.", "en", "call"),
])
def test_extract_place_of_talks_is_their_own(text, lang, kind):
    contacts = extract_contacts(_extraction(text, date(2025, 3, 3), lang=lang))
    talks = [c for c in contacts if c.status == "occurred"]
    assert [c.kind for c in talks] == [kind]


def test_extract_newcomer_joining_the_meeting_of_a_visit_is_a_meeting_of_its_own():
    extra = {"von der Leyen": actor_named("Ursula von der Leyen")}
    with more_surfaces(extra):
        text = ("Macron empfängt Xi in Paris. Bei dem Treffen im Élysée wird auch von der Leyen dabei sein – "
                "nicht aber Merz.")
        contacts = extract_contacts(_extraction(text, date(2024, 5, 5)))
    got = sorted((tuple(sorted(a.name for a in c.participants)), c.main) for c in contacts)
    assert got == [(("Emmanuel Macron", "Ursula von der Leyen", "Xi Jinping"), False),
                   (("Emmanuel Macron", "Xi Jinping"), True)]


def test_extract_a_denial_outweighs_the_report_it_denies():
    text = ("Der Kreml hat einen Bericht über ein Gespräch zwischen Putin und Trump dementiert. "
            "Ein solches Telefonat habe nicht stattgefunden, sagte ein Sprecher. "
            "Die Zeitung hatte berichtet, dass Putin und Trump telefoniert hätten.")
    contacts = extract_contacts(_extraction(text, date(2024, 11, 11)))
    assert [(c.status, c.main) for c in contacts] == [("denied", True)]


@pytest.mark.parametrize("text, timexes, status", [
    # a length is known only of a contact held
    ("Mehr als drei Stunden lang sprechen Merz und Xi miteinander.", [("Mehr als drei Stunden", "DURATION", "PT3H")],
     "occurred"),
    # before the visit, as fresh news in the present perfect: the visit is still to come
    ("Xi und Putin haben vor dem Besuch des chinesischen Staatschefs in Moskau ihre Freundschaft betont.", [],
     "planned"),
    # a pluperfect looks back past the visit
    ("Xi und Putin hatten vor dem Besuch des chinesischen Staatschefs in Moskau ihre Freundschaft betont.", [],
     "occurred"),
])
def test_extract_status_from_length_and_tense(text, timexes, status):
    extra = {"Moskau": actor_named("Moscow")}
    with more_surfaces(extra):
        contacts = extract_contacts(_extraction(text, date(2023, 3, 17), timexes))
    assert [c.status for c in contacts] == [status]


@pytest.mark.parametrize("text, lang, expected", [
    # "several times" covers its own trigger; the dated call after it is one contact
    ("Putin und Macron hatten mehrfach miteinander gesprochen, zuletzt am 28. Mai bei einem Telefonat mit Merz.",
     "de", [("phone_call", "occurred")]),
    # a custom stays no contact, even in its own infinitive clause
    ("Putin und Xi haben sich zur Tradition gemacht, zum neuen Jahr miteinander zu sprechen.", "de", []),
    # "future" right before the trigger makes a plan; elsewhere it modifies a topic
    ("Regarding his future phone call with Putin, Trump said little.", "en", [("phone_call", "planned")]),
    ("Trump and Putin discussed the future of Ukraine in a phone call.", "en", [("phone_call", "occurred")]),
])
def test_extract_habits_and_future_modifiers(text, lang, expected):
    contacts = extract_contacts(_extraction(text, date(2022, 7, 1), lang=lang))
    assert [(c.kind, c.status) for c in contacts] == expected


def test_extract_the_programme_of_a_fresh_meeting_is_that_meeting():
    text = ("Trump empfing Xi am Mittwoch im Weißen Haus. Die beiden werden zuerst ein Gespräch unter vier Augen "
            "führen, danach folgt ein Treffen der Delegationen.")
    contacts = extract_contacts(_extraction(text, date(2025, 2, 5), [("am Mittwoch", "DATE", "2025-02-05")]))
    assert [(c.status, c.main) for c in contacts] == [("occurred", True)]


def test_extract_arriving_for_talks_is_no_plan_of_its_own():
    text = "Xi ist zu Gesprächen mit Trump in Washington eingetroffen. Trump empfing Xi im Oval Office."
    contacts = extract_contacts(_extraction(text, None))
    assert [(c.status, c.main) for c in contacts] == [("occurred", True)]


def test_extract_a_trip_in_passing_met_its_host_a_planned_one_is_open():
    extra = {"Moskau": actor_named("Moscow")}
    with more_surfaces(extra):
        text = ("Xi und Trump telefonierten am Montag. Putin gilt als isoliert. Im Februar war Macron noch "
                "persönlich nach Moskau gereist. Merz wird im Mai zu einem Besuch in Peking erwartet.")
        contacts = extract_contacts(_extraction(text, date(2022, 6, 1), [("am Montag", "DATE", "2022-05-30")]))
    got = {(c.kind, c.status, tuple(sorted(a.name for a in c.participants))) for c in contacts if not c.main}
    assert ("visit", "planned", ("Friedrich Merz",)) in got
    assert any(k == "visit" and s == "occurred" and p == ("Emmanuel Macron", "Vladimir Putin") for k, s, p in got)


@pytest.mark.parametrize("text, kind", [
    # a summit town names no host: the triggers tell
    ("Xi traf Trump am Montag in Busan.", "meeting"),
    # the host's country does
    ("Xi traf Putin am Montag in Sotschi in Russland.", "visit"),
])
def test_extract_venues_beyond_capitals(text, kind):
    extra = {"Busan": actor_named("Busan"), "Sotschi": actor_named("Sochi"), "Russland": actor_named("Russia")}
    with more_surfaces(extra):
        contacts = extract_contacts(_extraction(text, date(2025, 10, 28), [("am Montag", "DATE", "2025-10-27")]))
    assert [c.kind for c in contacts] == [kind]
    assert contacts[0].places


def test_extract_a_list_after_a_clause_that_moved_on_is_not_the_contacts():
    extra = {"Biden": actor_named("Joe Biden"), "Netanjahu": actor_named("Benjamin Netanyahu")}
    with more_surfaces(extra):
        text = ("Das Telefonat zwischen Biden und Netanjahu erfolgte spät und erst nachdem Biden auch mit seinen "
                "Amtskollegen in Russland und China, Putin und Xi, gesprochen hatte.")
        contacts = extract_contacts(_extraction(text, date(2021, 2, 18)))
    assert ["Benjamin Netanyahu", "Joe Biden"] in [sorted(a.name for a in c.participants) for c in contacts]
