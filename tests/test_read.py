"""read_inputs: files, folders, stdin, and one InputError per bad input."""

from __future__ import annotations

import io
import os
import sys
from datetime import date

import pytest

from summitry.errors import InputError
from summitry.read import decode, read_inputs, read_stdin, sniff
from summitry.records import RawDocument

DE = "Bundeskanzler Scholz hat am Freitag mit Präsident Putin telefoniert. „Es war ein langes Gespräch“, sagte ein Sprecher.\n"
EN = "President Biden met President Xi on Wednesday. “We had a good talk,” Biden said.\n"
PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Biden meets Xi</title></head><body>"
        "<article><p>President Biden met President Xi in Woodside, California, on Wednesday.</p>"
        "<p>The two leaders talked for about four hours.</p></article></body></html>")


def docs(items):
    return [x for x in items if isinstance(x, RawDocument)]


def errors(items):
    return [x for x in items if isinstance(x, InputError)]


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_read_txt_file(tmp_path):
    f = write(tmp_path / "scholz-putin.txt", DE)
    [doc] = read_inputs([str(f)])
    assert (doc.id, doc.source, doc.format, doc.text) == ("scholz-putin", str(f), "txt", DE)
    assert doc.published is None and doc.html is None


def test_read_windows_1252_german_file(tmp_path):
    f = write(tmp_path / "alt.txt", DE.encode("cp1252"))
    [doc] = read_inputs([str(f)])
    assert doc.text == DE


def test_read_crlf_and_bom(tmp_path):
    f = write(tmp_path / "win.txt", b"\xef\xbb\xbf" + EN.replace("\n", "\r\n").encode())
    [doc] = read_inputs([str(f)])
    assert doc.text == EN


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file, not text"),
    ("page.html", b"\x00\x01\x02<html>", "binary file, not text"),
    ("slides.pdf", b"%PDF-1.7", "cannot read '.pdf' files; supported: .txt, .html, .htm, .jsonl, .warc, .warc.gz, .rss, .atom, .xml"),
    ("README", b"text", "cannot read files without an extension; supported: .txt, .html, .htm, .jsonl, .warc, .warc.gz, .rss, .atom, .xml"),
])
def test_read_bad_file_is_one_error(tmp_path, name, data, problem):
    f = write(tmp_path / name, data)
    [err] = read_inputs([str(f)])
    assert isinstance(err, InputError)
    assert str(err) == f"{f}: {problem}"


@pytest.mark.parametrize("name", ["missing.txt", "missing", "no/such/dir/a.jsonl", "gone.html"])
def test_read_missing_path(tmp_path, name):
    [err] = read_inputs([str(tmp_path / name)])
    assert isinstance(err, InputError) and err.problem == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_read_permission_denied(tmp_path):
    f = write(tmp_path / "secret.txt", DE)
    f.chmod(0)
    [err] = read_inputs([str(f)])
    assert err.problem == "permission denied"


def test_read_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 1_000)
    big = write(tmp_path / "big.txt", "Scholz. " * 500)
    small = write(tmp_path / "small.txt", DE)
    out = list(read_inputs([str(big), str(small)]))
    assert str(out[0]) == f"{big}: file is 4.0 kB, over the 1 kB limit"
    assert out[1].id == "small"


def test_read_batch_goes_on_after_bad_inputs(tmp_path):
    good1 = write(tmp_path / "a.txt", DE)
    bad = write(tmp_path / "b.txt", b"")
    good2 = write(tmp_path / "c.txt", EN)
    out = list(read_inputs([str(good1), str(tmp_path / "nope.txt"), str(bad), str(good2)]))
    assert [type(x).__name__ for x in out] == ["RawDocument", "InputError", "InputError", "RawDocument"]


def test_read_folder_recursive_sorted_supported_only(tmp_path):
    write(tmp_path / "b.txt", DE)
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "sub" / "c.TXT", EN)
    write(tmp_path / "sub" / "deeper" / "d.htm", PAGE)
    write(tmp_path / "feed.jsonl", '{"id": "j1", "text": "Xi und Putin telefonierten."}\n')
    write(tmp_path / "notes.md", "# not read")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / ".hidden.txt", "skipped")
    write(tmp_path / ".git" / "HEAD.txt", "skipped")
    write(tmp_path / "sub" / ".cache" / "x.txt", "skipped")
    out = list(read_inputs([str(tmp_path)]))
    assert not errors(out)
    assert [d.id for d in out] == ["a", "b", "j1", "c", "d"]
    assert out[0].source == str(tmp_path / "a.html")
    assert out[3].source == str(tmp_path / "sub" / "c.TXT")


def test_read_empty_folder_says_so(tmp_path):
    write(tmp_path / "notes.md", "nothing to read")
    [err] = read_inputs([str(tmp_path)])
    assert err.problem == "no .txt, .html, .htm, .jsonl, .warc, .warc.gz files in this folder"


def test_read_explicit_hidden_file_is_read(tmp_path):
    f = write(tmp_path / ".draft.txt", DE)
    [doc] = read_inputs([str(f)])
    assert doc.id == ".draft"


def stdin_of(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


@pytest.mark.parametrize("data, kind", [
    (DE.encode(), "txt"),
    (DE.encode("cp1252"), "txt"),
    (PAGE.encode(), "html"),
    (b'\n\n{"id": "x", "text": "Hallo"}\n', "jsonl"),
])
def test_read_stdin_sniffs_the_kind(monkeypatch, data, kind):
    monkeypatch.setattr(sys, "stdin", stdin_of(data))
    [doc] = read_inputs(["-"])
    assert isinstance(doc, RawDocument)
    assert doc.format == kind
    assert doc.id == ("x" if kind == "jsonl" else "stdin")


def test_read_stdin_jsonl_ids_and_bad_line(monkeypatch):
    lines = b'{"text": "Erste Zeile"}\n{oops\n{"id": "named", "text": "Dritte"}\n{"text": "Vierte"}\n'
    monkeypatch.setattr(sys, "stdin", stdin_of(lines))
    out = list(read_inputs(["-"]))
    assert [x.id if isinstance(x, RawDocument) else x.source for x in out] == [
        "stdin-1", "<stdin>:2", "named", "stdin-4"]
    assert out[0].source == "<stdin>:1"


@pytest.mark.parametrize("data, problem", [
    (b"", "empty input"),
    (b"\x00\x01\x02\x03", "binary file, not text"),
])
def test_read_stdin_errors(data, problem):
    [err] = read_stdin(io.BytesIO(data))
    assert str(err) == f"<stdin>: {problem}"


def test_read_stdin_over_the_cap(monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 10)
    [err] = read_stdin(io.BytesIO(b"x" * 50))
    assert err.problem == "input is over the 10 bytes limit"


def test_read_stdin_missing(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    [err] = read_inputs(["-"])
    assert str(err) == "<stdin>: no standard input to read from"


def test_read_stdin_text_stream_without_buffer():
    [doc] = read_stdin(io.StringIO(EN))
    assert doc.text == EN


@pytest.mark.parametrize("text, kind", [
    ('{"text": "a"}\n', "jsonl"),
    ('  \n {"text": "a"} \n', "jsonl"),
    ("[1, 2]\n", "txt"),
    ("{ kein JSON }\n", "txt"),
    ("<!doctype html><title>x</title>", "html"),
    ("<html><body><p>x</p></body></html>", "html"),
    ("<p>Absatz</p>", "html"),
    ("<Eilmeldung> Scholz telefoniert mit Putin", "txt"),
    ("Scholz <b>fett</b>", "txt"),
])
def test_sniff(text, kind):
    assert sniff(text) == kind


def test_read_jsonl_published_through_read_inputs(tmp_path):
    f = write(tmp_path / "feed.jsonl",
              '{"id": "s1", "text": "Scholz und Putin telefonierten am Freitag.", "published": "2024-11-15",'
              ' "lang": "de", "url": "https://example.org/a"}\n')
    [doc] = read_inputs([str(f)])
    assert (doc.id, doc.source, doc.published, doc.lang, doc.url) == (
        "s1", f"{f}:1", date(2024, 11, 15), "de", "https://example.org/a")


def test_read_shipped_example_corpus(examples_dir):
    out = list(read_inputs([str(examples_dir)]))
    assert not errors(out)
    assert [(d.id, d.format) for d in out] == [
        ("de-macron-xi-peking", "html"),
        ("de-modi-besuch-moskau", "txt"),
        ("de-scholz-putin-telefonat", "txt"),
        ("en-biden-xi-woodside", "txt"),
        ("en-trump-putin-call", "txt"),
        ("wire-de-trump-putin", "jsonl"),
        ("wire-en-scholz-putin", "jsonl"),
        ("wire-de-biden-xi", "jsonl"),
    ]
    assert out[0].published_hint == date(2023, 4, 6) and out[0].authors == ["Claire Wendt"]
