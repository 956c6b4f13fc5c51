"""The cleaning data files: only known keys, valid scopes, patterns that compile."""

from __future__ import annotations

import re

import pytest

from summitry.clean import rules as rules_module
from summitry.clean.rules import (
    BOILERPLATE_KEYS,
    BYLINE_KEYS,
    MARKER_KEYS,
    PATTERN_KEYS,
    SCOPES,
    load_rules,
)
from summitry.data import LANGUAGES, load_list, load_yaml, read_text
from summitry.errors import DataFileError


@pytest.mark.parametrize("lang", LANGUAGES)
def test_boilerplate_file_has_known_keys_only(lang):
    rel = f"{lang}/boilerplate.yaml"
    assert read_text(rel).lstrip().startswith("#"), f"{rel} opens with a header explaining the format"
    data = load_yaml(rel)
    assert set(data) <= BOILERPLATE_KEYS
    for marker in data.get("markers", []):
        assert set(marker) <= MARKER_KEYS and "text" in marker and "reason" in marker, marker
        assert marker.get("scope", "line") in SCOPES, marker
    for key in ("line_patterns", "inline_patterns"):
        for entry in data.get(key, []):
            assert set(entry) <= PATTERN_KEYS and {"pattern", "reason"} <= set(entry), entry
            assert isinstance(entry.get("needs", []), list), entry
    for agency in data.get("agencies", []):
        assert agency == agency.strip() and agency


@pytest.mark.parametrize("lang", LANGUAGES)
def test_byline_file_has_known_keys_only(lang):
    rel = f"{lang}/bylines.yaml"
    assert read_text(rel).lstrip().startswith("#")
    data = load_yaml(rel)
    assert set(data) <= BYLINE_KEYS
    assert all(isinstance(n, int) and 1 <= n <= 12 for n in data["months"].values())
    assert all(m == m.casefold() for m in data["months"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_function_words_are_lower_case_words(lang):
    rel = f"{lang}/function_words.txt"
    assert read_text(rel).lstrip().startswith("#")
    words = load_list(rel)
    assert words and all(w == w.casefold() and " " not in w for w in words)


def test_all_rules_compile_and_merge():
    rules = load_rules()
    assert rules.markers["mehr zum thema"].scope == "tail"
    assert rules.line_patterns.first("Die Delegation in Kessin. Foto: AP") == "caption"
    assert rules.function_words >= {"der", "im", "the", "of"}
    assert re.fullmatch(rules.date, "21.01.2025") and re.fullmatch(rules.date, "March 03, 2026")


@pytest.mark.parametrize(
    "file, content, problem",
    [
        ("boilerplate.yaml", {"markerz": []}, "unknown keys"),
        ("boilerplate.yaml", {"markers": [{"text": "Anzeige", "scope": "page"}]}, "scope"),
        ("boilerplate.yaml", {"markers": [{"text": "Anzeige", "colour": "red"}]}, "bad marker"),
        ("boilerplate.yaml", {"line_patterns": [{"pattern": "(", "reason": "x"}]}, "bad pattern"),
        ("boilerplate.yaml", {"line_patterns": [{"pattern": "x", "why": "x"}]}, "keys"),
        ("bylines.yaml", {"months": {"smarch": 13}}, "1..12"),
        ("bylines.yaml", {"authors": []}, "unknown keys"),
        ("bylines.yaml", {"credits": ["^Von ({NAMES}"]}, "bad pattern"),
        ("bylines.yaml", {"bylines": ["Von {NAMES}$"]}, "must end in a"),
    ],
)
def test_bad_data_is_reported_with_the_file_name(monkeypatch, file, content, problem):
    real = rules_module.load_yaml

    def fake(rel):
        return content if rel == f"de/{file}" else real(rel)

    monkeypatch.setattr(rules_module, "load_yaml", fake)
    load_rules.cache_clear()
    try:
        with pytest.raises(DataFileError, match=problem) as err:
            load_rules()
        assert f"de/{file}" in str(err.value)
    finally:
        monkeypatch.undo()
        load_rules.cache_clear()
