"""read/jsonl.py: one document per line, a bad line is one error and the file goes on."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.errors import InputError
from summitry.read import read_inputs
from summitry.read.jsonl import parse_jsonl, parse_line, parse_published
from summitry.records import RawDocument


def line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_jsonl_malformed_line_between_good_ones(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join([
        line(id="a", text="Xi Jinping und Wladimir Putin sprachen per Video.", published="2025-01-21", lang="de"),
        '{"id": "b", "text": "abgeschnitten',
        "",
        line(text="Biden and Xi met in Woodside.", lang="en"),
    ]) + "\n", encoding="utf-8")
    out = list(read_inputs([str(f)]))
    assert [type(x).__name__ for x in out] == ["RawDocument", "InputError", "RawDocument"]
    assert str(out[1]).startswith(f"{f}:2: not valid JSON: ")
    assert (out[0].id, out[0].source, out[0].published) == ("a", f"{f}:1", date(2025, 1, 21))
    assert (out[2].id, out[2].source, out[2].lang) == ("feed-4", f"{f}:4", "en")


@pytest.mark.parametrize("raw, problem", [
    ("not json", "not valid JSON: Expecting value (column 1)"),
    ('{"text": "a",}', "not valid JSON: Expecting property name enclosed in double quotes (column 14)"),
    ("[1, 2]", "not valid JSON Lines: a list, not an object"),
    ('"just a string"', "not valid JSON Lines: a str, not an object"),
    ("{}", 'no text: the object needs a non-empty "text" (or "html") field'),
    ('{"text": "   "}', 'no text: the object needs a non-empty "text" (or "html") field'),
    ('{"text": 42}', '"text" is int, not a string'),
    ('{"text": "a", "id": ["x"]}', '"id" is list, not a string'),
    ('{"text": "a", "published": "gestern"}', "\"published\" 'gestern' is not YYYY-MM-DD or an ISO datetime"),
    ('{"text": "a", "published": "2024-02-30"}', "\"published\" '2024-02-30' is not a calendar date"),
    ('{"text": "a", "published": 20240215}', '"published" is int, not a date string'),
    ("[" * 100_000, "not valid JSON: RecursionError"),
])
def test_jsonl_bad_line(raw, problem):
    with pytest.raises(InputError) as err:
        parse_line(raw, "f.jsonl:17", "f-17")
    assert err.value.source == "f.jsonl:17"
    assert err.value.problem == problem


@pytest.mark.parametrize("value, expected", [
    (None, None),
    ("", None),
    ("2024-11-15", date(2024, 11, 15)),
    ("2024-11-15T18:30:00", date(2024, 11, 15)),
    ("2024-11-15T18:30:00Z", date(2024, 11, 15)),
    ("2024-11-15T23:30:00-05:00", date(2024, 11, 15)),  # the publisher's own day, not UTC's
    ("2024-11-15T18:30:00.123+01:00", date(2024, 11, 15)),
    ("2024-11-15 18:30", date(2024, 11, 15)),
    (" 2024-11-15 ", date(2024, 11, 15)),
])
def test_jsonl_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("fields, expected", [
    ({"id": "h-de-1", "text": "a"}, "h-de-1"),
    ({"id": " padded ", "text": "a"}, "padded"),
    ({"id": 7, "text": "a"}, "7"),
    ({"id": "", "text": "a"}, "feed-3"),
    ({"id": None, "text": "a"}, "feed-3"),
    ({"text": "a"}, "feed-3"),
])
def test_jsonl_ids(fields, expected):
    assert parse_line(json.dumps(fields), "feed.jsonl:3", "feed-3").id == expected


def test_jsonl_fields_carried_over():
    doc = parse_line(line(id="x", text="Scholz rief Putin an.\r\nZweite Zeile.", published="2024-11-15",
                          url="https://example.org/x", lang="DE", title="Telefonat"), "f.jsonl:1", "f-1")
    assert (doc.format, doc.text, doc.url, doc.lang, doc.title) == (
        "jsonl", "Scholz rief Putin an.\nZweite Zeile.", "https://example.org/x", "de", "Telefonat")
    assert doc.published == date(2024, 11, 15) and doc.published_hint is None


def test_jsonl_line_separator_inside_a_string_does_not_split_the_line():
    text = "Erster Satz.\u2028Zweiter Satz."
    [doc] = parse_jsonl(line(text=text) + "\n", "f.jsonl", "f")
    assert doc.text == text


def test_jsonl_html_line_is_extracted_like_a_page():
    page = ("<html><head><meta name='author' content='Eva Beispiel'></head><body>"
            "<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav>"
            "<article><p>Premierminister Modi ist am Montag zu einem zweitägigen Besuch in Moskau eingetroffen.</p>"
            "<p>Putin empfing ihn am Abend in seiner Residenz Nowo-Ogarjowo.</p></article></body></html>")
    doc = parse_line(line(id="m1", html=page, published="2024-07-08", lang="de", url="https://example.org/m"),
                     "f.jsonl:1", "f-1")
    assert doc.format == "html" and doc.html == page
    assert doc.text.startswith("Premierminister Modi ist am Montag")
    assert doc.published == date(2024, 7, 8)  # the line states it: authoritative
    assert (doc.url, doc.lang, doc.authors) == ("https://example.org/m", "de", ["Eva Beispiel"])


def test_jsonl_empty_file(tmp_path):
    f = tmp_path / "leer.jsonl"
    f.write_text("\n\n", encoding="utf-8")
    [err] = read_inputs([str(f)])
    assert str(err) == f"{f}: empty file"


# Messy input: the parser must turn anything into documents or one-line errors.

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
FIELDS = st.sampled_from(["id", "text", "published", "url", "lang", "title", "html"])
OBJECTS = st.dictionaries(FIELDS | st.text(max_size=8), JSON_VALUES | st.just("2024-11-15"), max_size=6)
LINES = st.lists(st.one_of(OBJECTS.map(json.dumps), st.text(max_size=60), JSON_VALUES.map(json.dumps)),
                 max_size=8)


def _check(items, source):
    for item in items:
        assert isinstance(item, (RawDocument, InputError))
        if isinstance(item, InputError):
            assert item.source.startswith(source) and item.problem and "\n" not in item.problem
        else:
            assert item.id and item.text.strip() and item.source.startswith(source)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_jsonl_parser_on_messy_lines_yields_documents_or_errors(lines):
    text = "\n".join(lines)
    items = list(parse_jsonl(text, "f.jsonl", "f"))
    _check(items, "f.jsonl")
    assert len(items) == sum(1 for ln in text.split("\n") if ln.strip())


@settings(max_examples=200, deadline=None)
@given(OBJECTS)
def test_jsonl_object_with_text_always_becomes_its_document(obj):
    items = list(parse_jsonl(json.dumps(obj), "f.jsonl", "f"))
    _check(items, "f.jsonl")
    text = obj.get("text")
    if isinstance(text, str) and text.strip() and isinstance(items[0], RawDocument):
        assert items[0].text == text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([".jsonl", ".txt", ".html"]))
def test_read_arbitrary_bytes_file_yields_documents_or_errors(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"messy{suffix}"
        f.write_bytes(data)
        items = list(read_inputs([str(f)]))
    assert items
    _check(items, str(f))
