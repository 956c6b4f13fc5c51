"""Actor recognition on German and English sentences of our own, and its recall on the shared corpus."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest

from summitry.annotate.actors import actor_named, find_mentions, get_actor, office_holder, reference_date, roles_of
from summitry.annotate.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _mentions(text: str, published: date | None = None, lang: str | None = "de"):
    return find_mentions(text, split_sentences(text, lang), published=published, lang=lang)


def _pairs(text: str, published: date | None = None, lang: str | None = "de") -> set[tuple[str, str]]:
    """(surface, actor name) of every mention."""
    return {(m.surface, m.actor.name) for m in _mentions(text, published, lang)}


def _people(text: str, published: date | None = None, lang: str | None = "de") -> list[str]:
    return [m.actor.name for m in _mentions(text, published, lang) if m.actor.kind == "person"]


@pytest.mark.parametrize(
    "text, published, lang, expected",
    [
        # German genitives of names
        ("Die Reise Putins nach Peking war kurz.", None, "de", {("Putins", "Vladimir Putin"), ("Peking", "Beijing")}),
        ("Xis Gast kam aus Moskau.", None, "de", {("Xis", "Xi Jinping"), ("Moskau", "Moscow")}),
        ("Scholz' Reise nach China dauerte einen Tag.", None, "de", {("Scholz'", "Olaf Scholz"), ("China", "China")}),
        ("Laut Uschakows Angaben verlief alles ruhig.", None, "de", {("Uschakows", "Yuri Ushakov")}),
        ("Die Rede des Kremlchefs war kurz.", date(2026, 2, 4), "de", {("Kremlchefs", "Vladimir Putin")}),
        ("Die Lage Russlands bleibt schwierig.", None, "de", {("Russlands", "Russia")}),
        # a title joins the name it stands before: one mention
        ("Chinas Staats- und Parteichef Xi Jinping empfing den Gast.", None, "de",
         {("Chinas Staats- und Parteichef Xi Jinping", "Xi Jinping")}),
        ("Das sagte Kremlsprecher Dmitri Peskow am Morgen.", None, "de",
         {("Kremlsprecher Dmitri Peskow", "Dmitry Peskov")}),
        ("Dann sprach US-Präsident Donald Trump.", None, "de", {("US-Präsident Donald Trump", "Donald Trump")}),
        ("Der russische Präsident Wladimir Putin schwieg.", None, "de",
         {("russische Präsident Wladimir Putin", "Vladimir Putin")}),
        # office phrases name the holder on the document's date
        ("Der Kremlchef telefonierte am Mittwoch.", date(2026, 2, 4), "de", {("Kremlchef", "Vladimir Putin")}),
        ("Der US-Präsident kündigte Zölle an.", date(2022, 3, 1), "de", {("US-Präsident", "Joe Biden")}),
        ("Der US-Präsident kündigte Zölle an.", date(2025, 2, 15), "de", {("US-Präsident", "Donald Trump")}),
        ("Der Kanzler reiste nach Paris.", date(2023, 5, 1), "de", {("Kanzler", "Olaf Scholz"), ("Paris", "Paris")}),
        ("Der Kanzler reiste nach Paris.", date(2019, 6, 1), "de", {("Kanzler", "Angela Merkel"), ("Paris", "Paris")}),
        ("Der Kanzler reiste nach Paris.", date(2026, 1, 10), "de", {("Kanzler", "Friedrich Merz"), ("Paris", "Paris")}),
        ("Der chinesische Präsident lud den Gast ein.", date(2025, 6, 1), "de", {("chinesische Präsident", "Xi Jinping")}),
        ("Ein Gespräch mit dem chinesischen Präsidenten folgte.", date(2025, 6, 1), "de",
         {("chinesischen Präsidenten", "Xi Jinping")}),
        ("Später traf er Russlands Präsidenten.", date(2025, 6, 1), "de", {("Russlands Präsidenten", "Vladimir Putin")}),
        ("Chinas Außenminister lobte den Kurs.", date(2023, 3, 1), "de", {("Chinas Außenminister", "Qin Gang")}),
        ("Die Bundeskanzlerin lobte den Kurs.", None, "de", {("Bundeskanzlerin", "Angela Merkel")}),
        ("Der künftige US-Präsident will verhandeln.", date(2024, 11, 20), "de", {("US-Präsident", "Donald Trump")}),
        ("Der frühere US-Präsident sprach in Ohio.", date(2026, 2, 1), "de", set()),
        # without a date: a title joined to a name fixes the period
        ("Bundeskanzler Olaf Scholz rief den US-Präsidenten an.", None, "de",
         {("Bundeskanzler Olaf Scholz", "Olaf Scholz"), ("US-Präsidenten", "Joe Biden")}),
        # "Xi" inside "Xinhua" is no mention of Xi
        ("Die Nachrichtenagentur Xinhua meldete das Gespräch.", None, "de",
         {("Nachrichtenagentur Xinhua", "Xinhua News Agency")}),
        # transliterations
        ("Selenskyj, Selenski und Zelensky sind ein Mann.", None, "de",
         {("Selenskyj", "Volodymyr Zelenskyy"), ("Selenski", "Volodymyr Zelenskyy"), ("Zelensky", "Volodymyr Zelenskyy")}),
        ("Wolodymyr Selenskyj dankte den Partnern.", None, "de", {("Wolodymyr Selenskyj", "Volodymyr Zelenskyy")}),
        ("Lawrow traf Erdogan, Erdoğan traf Netanjahu.", None, "de",
         {("Lawrow", "Sergey Lavrov"), ("Erdogan", "Recep Tayyip Erdoğan"), ("Erdoğan", "Recep Tayyip Erdoğan"),
          ("Netanjahu", "Benjamin Netanyahu")}),
        ("Kim Jong-un und Kim Jong Un sind dieselbe Person.", None, "de",
         {("Kim Jong-un", "Kim Jong Un"), ("Kim Jong Un", "Kim Jong Un")}),
        # shared or ambiguous surnames need a full mention or a title first
        ("Li sagte, das Treffen sei gut gewesen.", date(2022, 11, 4), "de", set()),
        ("Ministerpräsident Li Keqiang traf den Gast. Li lobte ihn.", date(2022, 11, 4), "de",
         {("Ministerpräsident Li Keqiang", "Li Keqiang"), ("Li", "Li Keqiang")}),
        ("Außenminister Wang traf die Delegation.", date(2024, 6, 1), "de", {("Außenminister Wang", "Wang Yi")}),
        ("Johnson kam zu spät.", None, "de", set()),
        # a known surname after another first name is someone else; a near miss is a misspelling
        ("Greg Johnson schrieb einen Kommentar.", None, "de", {("Greg Johnson", "Greg Johnson")}),
        ("Melania Trump lächelte.", None, "de", {("Melania Trump", "Melania Trump")}),
        ("Olav Scholz kam später.", None, "de", {("Olav Scholz", "Olaf Scholz")}),
        # people the gazetteer lacks, and their later surname-only mentions
        ("Tobias Reinhardt, Experte für Osteuropa, sagte, Reinhardt sehe keine Eile.", None, "de",
         {("Tobias Reinhardt", "Tobias Reinhardt"), ("Reinhardt", "Tobias Reinhardt"), ("Osteuropa", "Osteuropa")}
         - {("Osteuropa", "Osteuropa")}),
        ("Analyst Zhao Minghui erwartet wenig.", None, "de", {("Zhao Minghui", "Zhao Minghui")}),
        # headings and sentence-initial noun phrases are no people
        ("Enge Zusammenarbeit\nRusslands Rolle wächst.", None, "de", {("Russlands", "Russia")}),
        ("Langfristige Planung\nChinas Unterstützung bleibt.", None, "de", {("Chinas", "China")}),
        # English
        ("Russian President Vladimir Putin spoke with his Chinese counterpart.", None, "en",
         {("Russian President Vladimir Putin", "Vladimir Putin"), ("Chinese", "China")}),
        ("The Kremlin said the Chinese president would visit.", date(2024, 5, 1), "en",
         {("Kremlin", "Kremlin"), ("Chinese president", "Xi Jinping")}),
        ("U.S. President Donald Trump met Prime Minister Narendra Modi.", None, "en",
         {("U.S. President Donald Trump", "Donald Trump"), ("Prime Minister Narendra Modi", "Narendra Modi")}),
        ("Xi's visit to Moscow ended on Friday.", None, "en", {("Xi", "Xi Jinping"), ("Moscow", "Moscow")}),
        ("The Prime Minister spoke to President Zelenskyy.", date(2024, 11, 28), "en",
         {("Prime Minister", "Keir Starmer"), ("President Zelenskyy", "Volodymyr Zelenskyy")}),
        ("The White House confirmed the call with Beijing.", None, "en",
         {("White House", "White House"), ("Beijing", "Beijing")}),
        ("German Chancellor Friedrich Merz and the chancellor's aides flew home.", None, "en",
         {("German Chancellor Friedrich Merz", "Friedrich Merz"), ("chancellor", "Friedrich Merz")}),
    ],
)
def test_mentions(text, published, lang, expected):
    assert _pairs(text, published, lang) == expected


def test_mention_kinds_and_sentences():
    text = "Der Kremlchef sprach lange. Danach meldete sich Xi Jinping. Xis Antwort kam rasch."
    ms = _mentions(text, date(2026, 2, 4))
    assert [(m.surface, m.kind, m.sentence) for m in ms] == [
        ("Kremlchef", "role", 0), ("Xi Jinping", "name", 1), ("Xis", "surname", 2)]
    assert all(text[m.span.start:m.span.end] == m.surface for m in ms)


def test_unknown_person_ids_are_stable():
    ms = _mentions("Jana Kowalczyk, Analystin in Warschau, warnte. Kowalczyk nannte Gründe.")
    people = [m for m in ms if m.actor.kind == "person"]
    assert {m.actor.id for m in people} == {"name:Jana Kowalczyk"}
    assert [m.kind for m in people] == ["name", "surname"]
    assert all(m.actor.wikidata is None for m in people)


def test_countries_places_organisations():
    ms = _mentions("Peking kritisiert Washington, die Bundesregierung schweigt und die Nato tagt.")
    kinds = {m.surface: m.actor.kind for m in ms}
    assert kinds == {"Peking": "place", "Washington": "place", "Bundesregierung": "organisation",
                     "Nato": "organisation"}
    assert {m.actor.country for m in ms if m.actor.kind == "place"} == {"CN", "US"}


def test_urls_are_not_read():
    assert _people("Mehr unter https://example.org/putin-trump-xi.html heute.") == []


def test_text_date_stands_in_for_a_missing_publication_date():
    text = " date 2022-05 Der US-Präsident lobte den Kanzler."
    assert reference_date(text, None) == date(2022, 5, 15)
    assert _people(text) == ["Joe Biden", "Olaf Scholz"]
    assert reference_date("Am 4. Februar 2026 telefonierten sie.", None) == date(2026, 2, 4)
    assert reference_date("Kein Datum hier.", date(2020, 1, 1)) == date(2020, 1, 1)


@pytest.mark.parametrize(
    "role, day, expected",
    [
        ("RU.head_of_state", date(2026, 2, 4), "Vladimir Putin"),
        ("US.head_of_state", date(2021, 1, 19), "Donald Trump"),
        ("US.head_of_state", date(2021, 1, 20), "Joe Biden"),
        ("US.head_of_state", date(2025, 1, 20), "Donald Trump"),
        ("DE.head_of_government", date(2021, 12, 8), "Olaf Scholz"),
        ("DE.head_of_government", date(2025, 5, 6), "Friedrich Merz"),
        ("GB.head_of_government", date(2024, 7, 5), "Keir Starmer"),
        ("CA.head_of_government", date(2025, 3, 14), "Mark Carney"),
        ("CN.head_of_government", date(2023, 3, 11), "Li Qiang"),
        ("CN.foreign_minister", date(2023, 3, 1), "Qin Gang"),
        ("CN.foreign_minister", date(2023, 8, 1), "Wang Yi"),
        ("DE.foreign_minister", date(2024, 1, 1), "Annalena Baerbock"),
        ("RU.head_of_government", date(2021, 1, 1), "Mikhail Mishustin"),
        ("CN.mfa.spokesperson", date(2023, 6, 1), None),  # several at once: nobody in particular
    ],
)
def test_office_holder(role, day, expected):
    actor = office_holder(role, day)
    assert (actor.name if actor else None) == expected


def test_helper_api():
    assert get_actor("Q7747").name == "Vladimir Putin"
    assert get_actor("no-such-id") is None
    assert roles_of("Q7747", date(2026, 1, 1)) == ["RU.head_of_state"]
    assert "RU.head_of_government" in roles_of("Q7747", None)
    assert office_holder("DE.head_of_government", None).name == "Friedrich Merz"
    assert office_holder("DE.head_of_government", None, gender="f").name == "Angela Merkel"


def _corpus() -> list[tuple[dict, dict]]:
    docs = []
    for name in ("dev", "seeds"):
        gold = {json.loads(line)["id"]: json.loads(line) for line in (SHARED / f"{name}.gold.jsonl").open()}
        docs += [(d, gold[d["id"]]) for d in map(json.loads, (SHARED / f"{name}.jsonl").open())]
    return docs


@pytest.mark.skipif(not (SHARED / "dev.jsonl").is_file(), reason="shared corpus not available")
def test_recall_of_gold_people_on_shared_corpus():
    """Gold participants and quoted people must be among the mentions of their document."""
    docs = _corpus()
    t0 = time.perf_counter()
    find_mentions("Putin", [], published=None, lang="de")  # builds the gazetteer
    build = time.perf_counter() - t0
    found_p = total_p = found_s = total_s = 0
    missed = []
    seconds = 0.0
    size = 0
    for doc, gold in docs:
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        sentences = split_sentences(doc["text"], doc.get("lang"))
        t0 = time.perf_counter()
        ms = find_mentions(doc["text"], sentences, published=published, lang=doc.get("lang"))
        seconds += time.perf_counter() - t0
        size += len(doc["text"].encode())
        names = {m.actor.name for m in ms}
        participants = {p for c in gold["contacts"] for p in c["participants"]}
        speakers = {q["speaker"] for q in gold.get("quotes", []) if q["speaker"]}
        people = {s for s in speakers if not _is_organisation(s)}
        for p in participants:
            total_p += 1
            found_p += p in names
            if p not in names:
                missed.append((doc["id"], p))
        for s in people:
            total_s += 1
            found_s += s in names
            if s not in names:
                missed.append((doc["id"], s))
    print(f"\nactor recall: participants {found_p}/{total_p}, quoted people {found_s}/{total_s}; "
          f"{seconds / len(docs) * 1000:.2f} ms/doc, {seconds / (size / 1024) * 1000:.3f} ms/KB, "
          f"gazetteer built in {build:.2f} s; missed: {missed}")
    assert found_p / total_p >= 0.95
    assert found_s / total_s >= 0.9


def _is_organisation(name: str) -> bool:
    actor = actor_named(name)
    return actor is not None and actor.kind == "organisation"


# --- fast paths: the same answers as the straightforward way ------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from summitry.annotate.actors import _word_before  # noqa: E402

_PREV_WORD = re.compile(r"([^\W\d_][\w'’-]*) +$")  # what `_word_before` finds without a regex


@given(st.text(alphabet="aZ9_'’- \n.\u00a0²½ßİ", max_size=40), st.data())
def test_the_word_before_a_position_is_the_regex_s(text, data):
    end = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, end))
    m = _PREV_WORD.search(text, lo, end)
    assert _word_before(text, lo, end) == ((m.start(1), m.group(1)) if m else None)


@given(st.text(alphabet="AaZz ,\n\u00a0derth", max_size=60), st.data())
def test_an_apposition_is_looked_for_only_where_its_ending_stands(text, data):
    from summitry.annotate.names import _lists
    _, appos, appos_tail, _, _ = _lists()
    end = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, end))
    if appos.search(text, lo, end):
        assert appos_tail.search(text, lo, end)
