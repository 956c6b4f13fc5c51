"""Topic tagging on German and English sentences of our own, the data files, and the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summitry.annotate.sentences import split_sentences
from summitry.annotate.topics import (
    ancestors,
    cues,
    describe_taxonomy,
    find_cues,
    parse_cue,
    tag_topics,
    taxonomy,
)
from summitry.data import LANGUAGES
from summitry.errors import DataFileError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "topics.md"
SHARED = ROOT.parent / "shared"

# the topic names the gold `sides` use (seeds.gold.jsonl), plus the rest the taxonomy promises
GOLD_SIDE_TOPICS = {
    "bilateral", "trade", "energy", "global_situation", "strategic_stability", "consultation_mechanisms",
    "usa_relations", "iran", "visit_invitation", "apec", "cuba", "venezuela", "greetings", "un_order",
    "multipolarity", "multilateral",
}
REQUIRED_TOPICS = GOLD_SIDE_TOPICS | {
    "security", "arms_control", "ukraine_war", "middle_east", "taiwan", "latin_america", "brics", "sco",
    "g20", "commemoration", "sanctions", "climate", "technology",
}


def sentence_topics(text: str, lang: str | None) -> set[str]:
    """The topics of a one-sentence text (empty when no sentence carries one)."""
    _, statements = tag_topics(text, split_sentences(text, lang), lang=lang)
    return {t for st in statements for t in st.topics}


@pytest.mark.parametrize(
    "text, expected",
    [
        # one sentence per topic
        ("Beide Präsidenten lobten die Partnerschaft ihrer Länder.", {"bilateral"}),
        ("Der Handel zwischen Moskau und Peking wuchs kräftig.", {"trade"}),
        ("Russland will mehr Öl und Gas nach China liefern.", {"energy"}),
        ("Die Marinen planen im Sommer ein gemeinsames Manöver.", {"security"}),
        ("Der New-Start-Vertrag begrenzt die Zahl der Sprengköpfe.", {"arms_control"}),
        ("Beide Seiten wollen die strategische Stabilität wahren.", {"strategic_stability"}),
        ("Über den Krieg gegen die Ukraine sprachen sie lange.", {"ukraine_war"}),
        ("Auch die Beziehungen zu den USA kamen zur Sprache.", {"usa_relations"}),
        ("Die Lage im Gazastreifen bleibt angespannt.", {"middle_east"}),
        ("Sie sprachen auch über das iranische Atomprogramm.", {"iran"}),
        ("Peking betrachtet Taiwan als abtrünnige Provinz.", {"taiwan"}),
        ("Er reiste anschließend nach Lateinamerika.", {"latin_america"}),
        ("Moskau kritisierte den Druck auf Venezuela.", {"venezuela"}),
        ("Russland sagte Kuba weitere Hilfe zu.", {"cuba"}),
        ("Beide bekannten sich zur Charta der Vereinten Nationen.", {"un_order"}),
        ("Der APEC-Gipfel findet im November statt.", {"apec"}),
        ("Die BRICS-Staaten wollen eine eigene Zahlungsplattform.", {"brics"}),
        ("Beim SOZ-Treffen in Tianjin war auch Modi.", {"sco"}),
        ("Auf dem G20-Gipfel in Johannesburg fehlte er.", {"g20"}),
        ("Das Bündnis setzt auf multilaterale Foren.", {"multilateral"}),
        ("Die internationale Lage sei zunehmend turbulent.", {"global_situation"}),
        ("Man wolle eine multipolare Welt fördern.", {"multipolarity"}),
        ("Xi nahm die Einladung nach Moskau an.", {"visit_invitation"}),
        ("Er nahm an der Militärparade zum Tag des Sieges teil.", {"commemoration"}),
        ("Xi übermittelte herzliche Grüße zum Frühlingsfest.", {"greetings"}),
        ("Die Außenministerien sollen ihre Konsultationen fortsetzen.", {"consultation_mechanisms"}),
        ("Die neuen Sanktionen treffen vor allem Banken.", {"sanctions"}),
        ("Auch der Klimawandel stand auf der Tagesordnung.", {"climate"}),
        ("Beide Länder wollen bei Halbleitern enger kooperieren.", {"technology"}),
        # compounds: stems, suffixes, infixes
        ("Die Handelsbeziehungen sollen ausgebaut werden.", {"trade"}),
        ("Der Außenhandel schrumpfte zuletzt.", {"trade"}),
        ("Im Energiesektor gibt es neue Projekte.", {"energy"}),
        ("Die Kernenergie bleibt ein Schwerpunkt.", {"energy"}),
        ("Das Atomwaffenabkommen läuft bald aus.", {"arms_control"}),
        ("Der Ukrainekrieg war kein Thema.", {"ukraine_war"}),
        ("Zum Ukraine-Krieg äußerte er sich nicht.", {"ukraine_war"}),
        ("Der Staatsbesuch ist für Mai geplant.", {"visit_invitation"}),
        ("In ihren Neujahrsgrüßen lobten sie einander.", {"greetings"}),
        # weak cues need a second one
        ("Die Ukraine war kein Thema.", set()),
        ("Die Ukraine fordert einen Waffenstillstand.", {"ukraine_war"}),
        ("Der US-Präsident schwieg dazu.", set()),
        # phrases absorb the words in them
        ("Die Beziehungen zu den Vereinigten Staaten seien schwierig.", {"usa_relations"}),
        ("Der Sicherheitsrat der Uno tagte.", {"un_order"}),
        # no topic, and words that contain a cue but are not one
        ("Das Gespräch dauerte eine Stunde.", set()),
        ("Es handelt sich um ein kurzes Telefonat.", set()),
        ("Er war Gastgeber des Abendessens.", set()),
        ("Die Verhandlungen wurden vertagt.", set()),
        ("Sie wollten die Ordnung verteidigen.", set()),
        ("Er wird mit Sicherheit kommen.", set()),
        ("Der Sicherheitsberater sprach mit Journalisten.", set()),
    ],
)
def test_topics_german(text, expected):
    assert sentence_topics(text, "de") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The two leaders praised their comprehensive strategic partnership.", {"bilateral"}),
        ("Bilateral trade reached a record last year.", {"bilateral", "trade"}),
        ("Russia wants to sell more oil and natural gas to China.", {"energy"}),
        ("The navies held joint exercises in the Pacific.", {"security"}),
        ("Neither side mentioned New START, which expires soon.", {"arms_control"}),
        ("They vowed to maintain global strategic stability.", {"strategic_stability"}),
        ("The war in Ukraine dominated the call.", {"ukraine_war"}),
        ("Relations with the United States were discussed at length.", {"usa_relations"}),
        ("The situation in Gaza was raised.", {"middle_east"}),
        ("Iran's nuclear programme was discussed.", {"iran"}),
        ("Beijing regards Taiwan as part of its territory.", {"taiwan"}),
        ("Moscow condemned US pressure on Venezuela and Cuba.", {"venezuela", "cuba"}),
        ("Both sides reaffirmed their commitment to the UN Charter.", {"un_order"}),
        ("Putin will attend the APEC summit in Shenzhen.", {"apec"}),
        ("The BRICS leaders met in Kazan.", {"brics"}),
        ("Xi hosted the SCO summit in Tianjin.", {"sco"}),
        ("He skipped the G20 summit.", {"g20"}),
        ("Xi said the international situation had become more turbulent.", {"global_situation"}),
        ("They called for a multipolar world order.", {"multipolarity"}),
        ("Putin accepted Xi's invitation to visit China.", {"visit_invitation"}),
        ("The leaders marked the anniversary of the victory over fascism.", {"commemoration"}),
        ("Xi extended greetings for the Spring Festival.", {"greetings"}),
        ("The foreign ministries will hold regular consultations.", {"consultation_mechanisms"}),
        ("Washington imposed new sanctions on Russian banks.", {"sanctions"}),
        ("Climate change was also on the agenda.", {"climate"}),
        ("Both countries agreed to cooperate on artificial intelligence.", {"technology"}),
        # English forms: inflections, possessives, punctuation inside names
        ("Exports to Russia rose while imports fell.", {"trade"}),
        ("The U.S.-China relationship remains tense.", {"usa_relations"}),
        ("He congratulated Lula on his birthday.", {"greetings"}),
        ("Talks on a ceasefire in Ukraine stalled.", {"ukraine_war"}),
        # no topic, and words that contain a cue but are not one
        ("Let us know what you think.", set()),
        ("The call lasted an hour.", set()),
        ("It was an important day for both of them.", set()),
        ("Reporters were warned not to ask questions.", set()),
        ("The investigation continues.", set()),
        ("Ukraine was not mentioned.", set()),
        ("The national security adviser spoke to reporters.", set()),
    ],
)
def test_topics_english(text, expected):
    assert sentence_topics(text, "en") == expected


def test_unknown_language_uses_all_cues():
    assert sentence_topics("Der Handel wuchs, and so did energy exports.", None) == {"trade", "energy"}


def test_statements_are_sentences_with_side_unknown():
    text = "Das Gespräch dauerte eine Stunde. Der Handel wuchs. Die Energiepreise fielen."
    sentences = split_sentences(text, "de")
    _, statements = tag_topics(text, sentences, lang="de")
    assert [st.span for st in statements] == sentences[1:]
    assert all(st.side == "unknown" for st in statements)
    assert [st.topics for st in statements] == [["trade"], ["energy"]]


def test_document_topics_ordered_by_weight():
    text = ("Die Energiepreise fielen. Der Handel wuchs. Die Exporte stiegen. "
            "Die Zölle sanken. Die Ukraine war kein Thema. Kiew schwieg.")
    topics, statements = tag_topics(text, split_sentences(text, "de"), lang="de")
    # two weak mentions in two sentences make a document topic, but no statement
    assert topics == ["trade", "energy", "ukraine_war"]
    assert all("ukraine_war" not in st.topics for st in statements)


def test_matches_outside_sentences_still_count_for_the_document():
    topics, statements = tag_topics("Der Handel wuchs.", [], lang="de")
    assert topics == ["trade"] and statements == []


def test_case_sensitive_acronyms():
    spans = [(s.text(t), c.topic) for t in ["Die UN und die USA."] for s, c in find_cues(t, lang="de")]
    assert spans == [("UN", "un_order"), ("USA", "usa_relations")]
    assert find_cues("Die usa und un-Sinn.", lang="de") == []


# --- the data files


def test_taxonomy_keys_and_parents():
    topics = taxonomy()
    assert REQUIRED_TOPICS <= set(topics)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in topics)
    assert {k for k, t in topics.items() if t.parent == "latin_america"} == {"venezuela", "cuba"}
    assert {"un_order", "apec", "brics", "sco", "g20"} <= {k for k, t in topics.items() if t.parent == "multilateral"}
    assert ancestors("apec") == ["multilateral"] and ancestors("bilateral") == []
    for t in topics.values():
        assert t.label_en and t.label_de and t.description


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cue_files_valid(lang):
    loaded = cues(lang)  # raises DataFileError on an unknown topic, a repeated cue or bad syntax
    topics = taxonomy()
    assert {c.topic for c in loaded} <= set(topics)
    # every topic can be found in every language
    assert {c.topic for c in loaded} == set(topics)
    assert all(0 <= c.weight <= 1 for c in loaded)


@pytest.mark.parametrize(
    "entry", ["Vereinte* Nationen", "Handel ~1.5", "*", "  ", 42, None],
)
def test_bad_cues_are_rejected(entry):
    with pytest.raises(DataFileError):
        parse_cue(entry, "trade", "test")


@pytest.mark.parametrize(
    "entry, start, end, weight, cased",
    [
        ("Handel", True, True, 1.0, None),
        ("Handels*", True, False, 1.0, None),
        ("*handel", False, True, 1.0, None),
        ("*energie* ~0.5", False, False, 0.5, None),
        ("U.S.-China", True, True, 1.0, "U S  China"),
        ("New START", True, True, 1.0, "New START"),
    ],
)
def test_cue_syntax(entry, start, end, weight, cased):
    cue = parse_cue(entry, "trade", "test")
    assert (cue.word_start, cue.word_end, cue.weight, cue.cased) == (start, end, weight, cased)


def test_docs_match_taxonomy():
    assert DOCS.read_text(encoding="utf-8") == describe_taxonomy(), (
        "docs/topics.md is stale: run `.venv/bin/python -m summitry.annotate.topics > docs/topics.md`"
    )


# --- the seeds (speed is measured in bench/, not by tests)


SEEDS = SHARED / "corpus" / "seeds.jsonl"
SEEDS_GOLD = SHARED / "corpus" / "seeds.gold.jsonl"


def _covers(found: str, wanted: str) -> bool:
    """True when `found` is `wanted` or a narrower topic under it (apec under multilateral)."""
    return found == wanted or wanted in ancestors(found)


@pytest.mark.skipif(not SEEDS.is_file() or not SEEDS_GOLD.is_file(), reason="shared corpus not present")
def test_seed_topics_against_gold_sides():
    texts = {d["id"]: d["text"] for d in map(json.loads, SEEDS.read_text(encoding="utf-8").splitlines())}
    gold = {d["id"]: d for d in map(json.loads, SEEDS_GOLD.read_text(encoding="utf-8").splitlines())}
    hits = found_total = correct = wanted_total = strict_correct = 0
    for doc_id in ("seed-000", "seed-002"):
        text, lang = texts[doc_id], gold[doc_id]["lang"]
        topics, _ = tag_topics(text, split_sentences(text, lang), lang=lang)
        wanted = {t for side in gold[doc_id]["sides"].values() for t in side}
        recalled = {w for w in wanted if any(_covers(f, w) for f in topics)}
        right = [f for f in topics if any(_covers(f, w) for w in wanted)]
        print(f"{doc_id}: recall {len(recalled)}/{len(wanted)}, precision {len(right)}/{len(topics)} "
              f"(strict {len(set(topics) & wanted)}/{len(topics)}); missed {sorted(wanted - recalled)}, "
              f"beyond the readouts {[f for f in topics if f not in right]}")
        # every gold topic of the readouts should be found in each document
        assert len(recalled) / len(wanted) >= 0.9
        hits += len(recalled)
        wanted_total += len(wanted)
        correct += len(right)
        strict_correct += len(set(topics) & wanted)
        found_total += len(topics)
    recall, precision = hits / wanted_total, correct / found_total
    print(f"seeds: recall {recall:.2f}, precision {precision:.2f} (strict {strict_correct / found_total:.2f})")
    # measured 1.00 and 0.65 (strict 0.56); the gold lists only what the readouts reported, while the
    # articles also discuss Ukraine, the US and more, so precision against it stays low by design
    assert recall >= 0.9
    assert precision >= 0.55
