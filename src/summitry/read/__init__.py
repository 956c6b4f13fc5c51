"""Readers: bytes on disk (or stdin) → RawDocument. One module per input kind.

    decode.py  bytes → str (UTF-8, declared charset, Windows-1252, detection; size cap)
    text.py    .txt
    html.py    .html/.htm through trafilatura and htmldate
    jsonl.py   .jsonl, one document per line
    feed.py    RSS/Atom feeds (.rss, .atom, .xml, or a URL) and pages by URL, fetched by fetch.py
    warc.py    .warc/.warc.gz archives, filtered by actor_filter.py and language.py

`read_inputs` takes files, folders, URLs and "-" (stdin) and yields a RawDocument
per document or an InputError per bad input, so a batch always runs to the end.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from summitry.errors import InputError
from summitry.read import decode
from summitry.read.feed import FEED_SUFFIXES, read_feed_file, read_url
from summitry.read.fetch import Fetcher, is_url
from summitry.read.html import html_document, read_html_file
from summitry.read.jsonl import parse_jsonl, read_jsonl_file
from summitry.read.language import LANGUAGES
from summitry.read.position import ReadPosition, file_size
from summitry.read.text import read_text_file, text_document
from summitry.read.warc import WARC_SUFFIXES, WarcCounts, read_warc
from summitry.records import RawDocument

__all__ = ["SUPPORTED", "ReadOptions", "read_inputs", "read_path", "read_stdin", "sniff"]

DOCUMENTS = (".txt", ".html", ".htm", ".jsonl")
# A folder walk never goes to the network, so it leaves feeds out: they are read when named.
WALKED = DOCUMENTS + WARC_SUFFIXES
SUPPORTED = WALKED + FEED_SUFFIXES
STDIN = "-"
STDIN_SOURCE = "<stdin>"

_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main)\b", re.I)


@dataclass
class ReadOptions:
    """How URLs, feeds and archives are read (files and stdin need none of it)."""

    langs: frozenset[str] | None = frozenset(LANGUAGES)  # archives: pages in these languages (None: any)
    prefilter: bool = True  # archives: only pages that name a known person
    delay: float = 1.0  # seconds between two requests to one host
    fetcher: Fetcher | None = None  # made on first use, so a run on files opens no HTTP client
    archives: list[WarcCounts] = field(default_factory=list)  # what each archive read did
    position: ReadPosition = field(default_factory=ReadPosition)  # how far the files are read, for the ETA

    def get_fetcher(self) -> Fetcher:
        """The fetcher, made now if need be."""
        if self.fetcher is None:
            self.fetcher = Fetcher(delay=self.delay)
        return self.fetcher

    def close(self) -> None:
        """Close the fetcher's connections."""
        if self.fetcher is not None:
            self.fetcher.close()


def suffix_of(name: str) -> str:
    """The kind a file name says, lower-cased: '.warc.gz' counts as one suffix."""
    lower = name.lower()
    for long in WARC_SUFFIXES:
        if lower.endswith(long):
            return long
    return Path(lower).suffix


def sniff(text: str) -> str:
    """The kind of an unnamed input: "jsonl", "html" or "txt"."""
    head = text.lstrip()
    first = head.split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    if head.startswith("<") and _MARKUP.search(head[:4096]):
        return "html"
    return "txt"


def read_stdin(stream: BinaryIO | None = None) -> Iterator[RawDocument | InputError]:
    """Read documents from stdin (or `stream`): JSON Lines, an HTML page or text, by sniffing."""
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:  # no stdin at all (pythonw, some daemons)
        yield InputError(STDIN_SOURCE, "no standard input to read from")
        return
    try:
        data = decode.read_stream(stream, STDIN_SOURCE)
        is_markup = data.lstrip()[:1] == b"<"
        text = decode.decode_bytes(data, STDIN_SOURCE, decode.declared_charset(data) if is_markup else None,
                                   what="input")
        kind = sniff(text)
        if kind == "jsonl":
            yield from parse_jsonl(text, STDIN_SOURCE, "stdin")
        elif kind == "html":
            yield html_document(text, "stdin", STDIN_SOURCE)
        else:
            yield text_document(text, "stdin", STDIN_SOURCE)
    except InputError as exc:
        yield exc


def read_path(path: Path, source: str | None = None,
              options: ReadOptions | None = None) -> Iterator[RawDocument | InputError]:
    """Read one file by its extension."""
    source = source or str(path)
    options = options or ReadOptions()
    suffix = suffix_of(path.name)
    if suffix not in SUPPORTED:
        try:
            os.stat(path)  # a missing file is reported as missing, whatever its name
        except OSError as exc:
            yield decode.os_error(source, exc)
            return
        kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        yield InputError(source, f"cannot read {kind}; supported: {', '.join(SUPPORTED)}")
        return
    size = file_size(path)
    if suffix == ".jsonl":
        yield from read_jsonl_file(path, source, lambda offset: options.position.within(size, offset))
    elif suffix in WARC_SUFFIXES:
        counts = WarcCounts(source)
        options.archives.append(counts)
        yield from read_warc(path, source, counts, langs=options.langs, prefilter=options.prefilter,
                             at=lambda offset: options.position.within(size, offset))
    elif suffix in FEED_SUFFIXES:
        yield from read_feed_file(path, source, options.get_fetcher())
    else:
        options.position.within(size, size)
        try:
            yield read_html_file(path, source) if suffix in (".html", ".htm") else read_text_file(path, source)
        except InputError as exc:
            yield exc
    options.position.finish(size)


def _hidden(name: str) -> bool:
    """True for dot files and dot folders, which editors and VCS leave around."""
    return name.startswith(".")


def walk(folder: Path) -> Iterator[Path | InputError]:
    """The supported, non-hidden files under a folder, recursively, in sorted order."""
    found: list[Path] = []
    errors: list[InputError] = []

    def on_error(exc: OSError) -> None:
        errors.append(decode.os_error(exc.filename or str(folder), exc))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        found.extend(Path(root) / f for f in files
                     if not _hidden(f) and suffix_of(f) in WALKED)
    yield from errors
    if not found and not errors:
        yield InputError(str(folder), f"no {', '.join(WALKED)} files in this folder")
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_inputs(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per input document, or an InputError for a bad one."""
    options = options or ReadOptions()
    for p in paths:
        if str(p) == STDIN:
            yield from read_stdin()
            continue
        if is_url(str(p)):
            yield from read_url(str(p), options.get_fetcher())
            continue
        path = Path(p)
        if path.is_dir():
            for item in walk(path):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from read_path(item, options=options)
        else:
            yield from read_path(path, str(p), options)
