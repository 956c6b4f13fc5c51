"""read/decode.py: bytes → text, and every way bytes can fail to be text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.errors import InputError
from summitry.read import decode
from summitry.read.decode import declared_charset, decode_bytes, human_size, looks_binary

GERMAN = [
    "Bundeskanzler Scholz sprach am Freitag mit Putin über die Ukraine.",
    "Grüße aus München",
    "Müller",
    "Straße, Größe, Fußball, Übermorgen, Öl, Äpfel",
    "Café Zürich",
    "„Das Gespräch war ausführlich“, sagte ein Regierungssprecher – wie üblich.",
    "Die Äußerungen kosteten 5 € und führten zu nichts.",
    "He said: “We will talk” — and left.",
]


@pytest.mark.parametrize("text", GERMAN)
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_round_trips_german_and_english(text, encoding):
    assert decode_bytes(text.encode(encoding), "f.txt") == text


@pytest.mark.parametrize("text", [t for t in GERMAN if all(ord(c) < 256 for c in t)])
def test_decode_latin1(text):
    assert decode_bytes(text.encode("latin-1"), "f.txt") == text


@pytest.mark.parametrize("data, expected", [
    (b"\xef\xbb\xbfHallo Welt", "Hallo Welt"),  # BOM stripped
    (b"Zeile eins\r\nZeile zwei\r\n", "Zeile eins\nZeile zwei\n"),
    (b"alt\rMac", "alt\nMac"),
    (b"Tab\tgetrennt\fSeite", "Tab\tgetrennt\fSeite"),
])
def test_decode_bom_and_newlines(data, expected):
    assert decode_bytes(data, "f.txt") == expected


def test_decode_mostly_utf8_with_one_bad_byte_stays_utf8():
    data = ("Grüße aus Köln, sagte Müller über Äpfel und Öl. " * 3).encode() + b"\xff"
    text = decode_bytes(data, "f.txt")
    assert text.startswith("Grüße aus Köln") and text.endswith("\ufffd")


def test_decode_cyrillic_cp1251_goes_to_detection():
    text = "Президент России Владимир Путин провел телефонный разговор с федеральным канцлером Германии."
    assert decode_bytes(text.encode("cp1251"), "f.txt") == text


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"   \n\t\r\n  ", "empty file"),
    (b"\xef\xbb\xbf \n", "empty file"),
    (b"a\x00b", "binary file, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    (bytes(range(1, 9)) * 20, "binary file, not text"),
    (codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "binary file, not text"),
    (codecs.BOM_UTF16_LE + b"a", "not valid UTF-16 text despite its byte-order mark"),
])
def test_decode_refuses(data, problem):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "dir/f.txt")
    assert err.value.problem == problem
    assert str(err.value) == f"dir/f.txt: {problem}"


def test_decode_over_the_cap(monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 100)
    with pytest.raises(InputError, match=r"f.txt: file is 101 bytes, over the 100 bytes limit"):
        decode_bytes(b"x" * 101, "f.txt")
    assert decode_bytes(b"x" * 100, "f.txt") == "x" * 100


@pytest.mark.parametrize("size, cap, message", [
    (123_400_000, 20_000_000, "file is 123.4 MB, over the 20 MB limit"),
    (25_000_001, 20_000_000, "file is 25.0 MB, over the 20 MB limit"),
    (2_500, 1_000, "file is 2.5 kB, over the 1 kB limit"),
])
def test_decode_size_message(size, cap, message):
    assert decode.too_large("f", size, cap).problem == message


@pytest.mark.parametrize("n, shown", [(17, "17 bytes"), (2_500, "2.5 kB"), (123_456_789, "123.5 MB")])
def test_human_size(n, shown):
    assert human_size(n) == shown


@pytest.mark.parametrize("head, charset", [
    (b'<meta charset="windows-1252">', "cp1252"),
    (b"<meta charset=ISO-8859-1>", "cp1252"),  # as browsers read it
    (b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "utf-8"),
    (b"<?xml version='1.0' encoding='iso-8859-15'?>", "iso8859-15"),
    (b'<meta charset="no-such-charset">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head, charset):
    assert declared_charset(head + b"<html></html>") == charset


def test_declared_charset_wins_over_guessing():
    page = '<meta charset="iso-8859-15"><p>Preis: 5 € für Grüße</p>'
    assert decode_bytes(page.encode("iso-8859-15"), "p.html", declared="iso8859-15") == page


@pytest.mark.parametrize("data, binary", [
    (b"Ganz normaler Text.\n", False),
    (b"Ein Steuerzeichen am Ende einer alten DOS-Datei\r\n\x1a", False),
    (b"\x00", True),
    (bytes(range(256)), True),
])
def test_looks_binary(data, binary):
    assert looks_binary(data) is binary


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2_000))
def test_decode_arbitrary_bytes_only_ever_gives_text_or_input_error(data):
    try:
        text = decode_bytes(data, "f.txt")
    except InputError as exc:
        assert exc.source == "f.txt" and exc.problem and "\n" not in exc.problem
    else:
        assert isinstance(text, str) and text.strip() and "\r" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s and not s.startswith("\ufeff")))
def test_decode_any_utf8_text_comes_back(text):
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        assert decode_bytes(text.encode("utf-8"), "f.txt") == expected
    except InputError as exc:  # text made of control characters is refused as binary
        assert exc.problem == "binary file, not text"
