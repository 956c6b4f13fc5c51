"""Temporal tagging on sentences of our own (tests/data/timex_cases.tsv), its data files and CLI."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.annotate.timex import tag_timexes
from summitry.annotate.timex_grammar import KEYS, grammar
from summitry.cli import cli

CASES_FILE = Path(__file__).parent / "data" / "timex_cases.tsv"
DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "summitry" / "data"
# measured 1.000 (320 of 320 expected timexes, none spurious); the floor leaves room for a
# deliberate trade-off (about three timexes), not for drift
ACCURACY_FLOOR = 0.99


def _load_cases() -> list[tuple[str | None, date, str, list[tuple[str, str, str]], str | None]]:
    """(lang, published, sentence, expected, xfail reason) per case line."""
    cases = []
    for n, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) in (4, 5), f"timex_cases.tsv line {n}: {len(cols)} columns"
        lang = None if cols[0] == "-" else cols[0]
        expected = []
        if cols[3] != "-":
            for item in cols[3].split(" ;; "):
                text, typ, value = item.split("|")
                expected.append((text.replace("\\n", "\n"), typ, value))
        xfail = cols[4] if len(cols) == 5 else None
        cases.append((lang, date.fromisoformat(cols[1]), cols[2].replace("\\n", "\n"), expected, xfail))
    return cases


CASES = _load_cases()


def _tag(lang, published, sentence):
    """(text, type, value) of each timex the tagger finds."""
    return [(t.text, t.type, t.value) for t in tag_timexes(sentence, published=published, lang=lang)]


@pytest.mark.parametrize(
    "lang, published, sentence, expected",
    [pytest.param(lang, pub, s, exp, marks=[pytest.mark.xfail(reason=xf, strict=True)] if xf else [],
                  id=f"{lang or 'xx'}-{i:03d}")
     for i, (lang, pub, s, exp, xf) in enumerate(CASES)],
)
def test_timex_case(lang, published, sentence, expected):
    assert _tag(lang, published, sentence) == expected


def test_case_set_size_and_mix():
    langs = Counter(lang for lang, *_ in CASES)
    assert len(CASES) >= 150
    assert langs["de"] >= 60 and langs["en"] >= 60
    assert sum(1 for c in CASES if not c[3]) >= 15  # sentences without a timex


def _score(tagger) -> tuple[int, int, int]:
    """(correct, expected, predicted) over all cases, matching on (text, value)."""
    correct = gold_n = pred_n = 0
    for lang, pub, sentence, expected, _ in CASES:
        gold = Counter((t, v) for t, _, v in expected)
        pred = Counter((t, v) for t, _, v in tagger(lang, pub, sentence))
        correct += sum((gold & pred).values())
        gold_n += sum(gold.values())
        pred_n += sum(pred.values())
    return correct, gold_n, pred_n


def test_overall_accuracy(capsys):
    correct, gold_n, pred_n = _score(_tag)
    accuracy = correct / (gold_n + pred_n - correct)  # misses and spurious tags both count against
    with capsys.disabled():
        print(f"\ntimex accuracy {accuracy:.3f}: {correct} of {gold_n} expected timexes exact in text and value, "
              f"{pred_n - correct} spurious or wrong")
    assert accuracy >= ACCURACY_FLOOR


def _dateparser_value(text: str, gold: str, lang: str | None, published: date) -> str | None:
    """dateparser's reading of a span, formatted at the gold value's granularity."""
    import dateparser

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day, 12),
                "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "current_period"}
    dt = dateparser.parse(text, settings=settings, languages=[lang] if lang else ["de", "en"])
    if dt is None:
        return None
    if "T" in gold and gold[11:13].isdigit():
        return dt.strftime("%Y-%m-%dT%H:%M")
    if len(gold) >= 10:
        return dt.strftime("%Y-%m-%d") + gold[10:]  # the part of day no parser gives: counted as right
    if "-W" in gold:
        y, w, _ = dt.isocalendar()
        return f"{y}-W{w:02d}" + gold[8:]
    if len(gold) == 7 and gold[5:].isdigit():
        return dt.strftime("%Y-%m")
    if len(gold) == 4 and gold.isdigit():
        return str(dt.year)
    return dt.isoformat()


@pytest.mark.slow
def test_dateparser_alone_comparison(capsys):
    """dateparser.parse on the expected spans vs this tagger (reported in annotate/timex.py)."""
    pytest.importorskip("dateparser")
    right = right_dated = dated = 0
    total = 0
    for lang, pub, _, expected, _ in CASES:
        for text, typ, value in expected:
            total += 1
            concrete = typ in ("DATE", "TIME") and value[:1].isdigit()
            dated += concrete
            if concrete and _dateparser_value(text, value, lang, pub) == value:
                right += 1
                right_dated += 1
    correct, gold_n, _ = _score(_tag)
    with capsys.disabled():
        print(f"\ndateparser alone: {right} of {total} timexes ({right_dated} of {dated} with a calendar value); "
              f"tagger: {correct} of {gold_n}")
    assert correct > right


# ---------------------------------------------------------------- data files


@pytest.mark.parametrize("lang", ["de", "en"])
def test_temporal_data_valid(lang):
    path = DATA_DIR / lang / "temporal.yaml"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("#"), "temporal.yaml starts with a # header saying what it holds"
    data = yaml.safe_load(raw)
    assert set(data) == set(KEYS), f"unknown or missing keys: {set(data) ^ set(KEYS)}"
    for key, val in data.items():
        assert isinstance(val, (list, dict)), key
        entries = val if isinstance(val, list) else list(val)
        for entry in entries:
            # YAML turns bare on/off/yes/no into booleans: every surface form must stay a string
            assert isinstance(entry, (str, int)) and not isinstance(entry, bool), (key, entry)
    assert sorted(set(data["months"].values())) == list(range(1, 13))
    assert sorted(set(data["weekdays"].values())) == list(range(1, 8))
    assert set(data["day_parts"].values()) <= {"MO", "MI", "AF", "EV", "NI"}
    assert set(data["units"].values()) <= {"S", "MIN", "H", "D", "W", "M", "Y", "DE"}
    for rule in data["holidays"].values():
        rule = str(rule)
        assert rule == "lunar_new_year" or rule.startswith(("easter", "nth:", "last:")) or \
            (len(rule) == 5 and rule[2] == "-"), rule


def test_lunar_new_year_tables_agree():
    de = yaml.safe_load((DATA_DIR / "de" / "temporal.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((DATA_DIR / "en" / "temporal.yaml").read_text(encoding="utf-8"))
    assert de["lunar_new_year"] == en["lunar_new_year"]


def test_grammar_is_compiled_once():
    g = grammar(("de",))
    assert g is grammar(("de",))
    lists = g.head_lists["Februar"]
    assert g.pattern_for(lists) is g.pattern_for(lists)


# ---------------------------------------------------------------- behaviour around the cases


def test_offsets_point_into_the_text_as_given():
    text = "Kurz vorab.\n\n  Am Mittwoch, 4. Februar 2026, sprachen sie 90 Minuten."
    tags = tag_timexes(text, published=date(2026, 2, 5), lang="de")
    assert [text[t.span.start:t.span.end] for t in tags] == [t.text for t in tags]
    assert [t.precision for t in tags] == ["day", None]
    assert tags[0].as_date() == date(2026, 2, 4)


def test_without_publication_date_the_first_explicit_date_is_the_reference():
    text = " date 2022-10 Scholz wird am 4. November in China erwartet, am Mittwoch reist er ab."
    tags = tag_timexes(text, published=None, lang="de")
    assert [(t.text, t.value) for t in tags] == [
        ("2022-10", "2022-10"), ("4. November", "2022-11-04"), ("Mittwoch", "XXXX-WXX-3")]


def test_underspecified_without_any_reference():
    tags = tag_timexes("Am Mittwoch und im Mai, vor zwei Wochen.", published=None, lang="de")
    assert [t.value for t in tags] == ["XXXX-WXX-3", "XXXX-05", "PAST_REF"]


def test_empty_and_timeless_text():
    assert tag_timexes("", published=date(2026, 2, 5), lang="de") == []
    assert tag_timexes("Keine Zeitangabe hier.", published=None, lang=None) == []


# ---------------------------------------------------------------- CLI


def test_cli_timex_jsonl(tmp_path):
    src = tmp_path / "notiz.txt"
    src.write_text("Xi und Putin sprachen am Mittwoch eine Stunde und 25 Minuten.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timex", str(src), "--published", "2026-02-05", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    rec = lines[0]
    assert rec["published"] == "2026-02-05"
    assert [(t["text"], t["type"], t["value"]) for t in rec["timexes"]] == [
        ("Mittwoch", "DATE", "2026-02-04"), ("eine Stunde und 25 Minuten", "DURATION", "PT1H25M")]
    text = src.read_text(encoding="utf-8")
    assert all(text[t["start"]:t["end"]] == t["text"] for t in rec["timexes"])


def test_cli_timex_rejects_bad_date(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("heute", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timex", str(src), "--published", "5.2.2026"])
    assert result.exit_code == 2


# ---------------------------------------------------------------- robustness

_WORDS = ("am", "im", "vom", "bis", "seit", "vor", "in", "der", "des", "the", "on", "last", "next", "vergangenen",
          "kommenden", "Mittwoch", "Dienstagabend", "Mai", "May", "März", "Februar", "Feb.", "4.", "4", "2026",
          "21.01.2025", "15:44", "Uhr", "p.m.", "Jahres", "Jahr", "Woche", "weeks", "Stunden", "eine", "zwei",
          "mehr", "als", "Anfang", "Ende", "ersten", "Hälfte", "Quartal", "Q2", "H1", "Frühjahr", "1990er",
          "heute", "morgen", "Morgen", "Abend", "Nacht", "zu", "Donnerstag", "Vortag", "ago", "ein", "Tag",
          "Weihnachten", "Ostern", "jedes", "every", "year", "derzeit", "soon", "-", ",", ".", "\n", "„", "–")


@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from(["de", "en", None]),
       st.one_of(st.none(), st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))))
@settings(max_examples=300, deadline=None)
def test_any_word_salad_gives_ordered_spans(words, lang, published):
    text = " ".join(words)
    tags = tag_timexes(text, published=published, lang=lang)
    last_end = 0
    for t in tags:
        assert last_end <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start:t.span.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value
        last_end = t.span.end


def test_a_known_publication_month_is_the_reference():
    text = "Scholz wird am 4. November in China erwartet. Am 4. Oktober hatte er es angekündigt, am Mittwoch reist er."
    tags = tag_timexes(text, published=None, lang="de", published_month="2022-10")
    assert [(t.text, t.value) for t in tags] == [
        ("4. November", "2022-11-04"), ("4. Oktober", "2022-10-04"), ("Mittwoch", "XXXX-WXX-3")]


def test_a_day_of_the_known_month_stays_in_it_whatever_the_tense():
    tags = tag_timexes("Der für den 17. November geplante Besuch.", published=None, lang="de",
                       published_month="2023-11")
    assert [t.value for t in tags] == ["2023-11-17"]


def test_without_a_publication_day_a_weekday_is_the_one_dated_day_it_fits():
    text = "Am Freitagnachmittag empfängt Scholz den Gast. Der für den 17. November geplante Besuch ist heikel."
    tags = tag_timexes(text, published=None, lang="de", published_month="2023-11")
    assert [(t.text, t.value) for t in tags] == [("Freitagnachmittag", "2023-11-17TAF"), ("17. November", "2023-11-17")]
    # two Fridays dated: which one is meant stays open
    text = "Am Freitag empfängt Scholz den Gast, am 17. November oder am 24. November."
    tags = tag_timexes(text, published=None, lang="de", published_month="2023-11")
    assert tags[0].value == "XXXX-WXX-5"
