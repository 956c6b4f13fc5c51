"""JSON Lines (.jsonl): one document per line, as in eval/CONTRACT.md.

    {"id": ..., "text": ..., "published": "2024-11-15" | null, "url": ..., "lang": ..., "title": ...}

A line with `html` instead of `text` is extracted like an HTML file. A bad
line becomes an InputError naming file:line and the next line is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from summitry.errors import InputError
from summitry.read.decode import decode_file
from summitry.read.html import html_document
from summitry.records import RawDocument

_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
                  re.I)


def parse_published(value: Any) -> date | None:
    """'YYYY-MM-DD' or an ISO datetime as the date it names; None for null or ''.

    The date is taken as written: a datetime with an offset is the publisher's
    local day, which is the day its 'on Wednesday' refers to. Raises ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(f"\"published\" is {type(value).__name__}, not a date string")
    m = _ISO.fullmatch(value.strip())
    if not m:
        raise ValueError(f"\"published\" {value.strip()[:40]!r} is not YYYY-MM-DD or an ISO datetime")
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        raise ValueError(f"\"published\" {m.group(1)!r} is not a calendar date") from None


def _string(obj: dict, key: str) -> str | None:
    """An optional string field, stripped; other types count as absent."""
    value = obj.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _doc_id(obj: dict, default: str) -> str:
    """The line's id as a string, or the default when it has none."""
    value = obj.get("id")
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"\"id\" is {type(value).__name__}, not a string")


def parse_line(line: str, source: str, default_id: str) -> RawDocument:
    """One JSON Lines line as a RawDocument (raises InputError)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. nesting too deep for the parser
        raise InputError(source, f"not valid JSON: {type(exc).__name__}") from None
    if not isinstance(obj, dict):
        raise InputError(source, f"not valid JSON Lines: a {type(obj).__name__}, not an object")
    try:
        doc_id = _doc_id(obj, default_id)
        published = parse_published(obj.get("published"))
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    url, lang, title = _string(obj, "url"), _string(obj, "lang"), _string(obj, "title")
    lang = lang.lower() if lang else None
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return RawDocument(id=doc_id, source=source, text=text, format="jsonl", url=url,
                           published=published, lang=lang, title=title)
    if isinstance(html, str) and html.strip():
        return html_document(html, doc_id, source, url=url, published=published, lang=lang, title=title)
    if text is not None and not isinstance(text, str):
        raise InputError(source, f"\"text\" is {type(text).__name__}, not a string")
    raise InputError(source, "no text: the object needs a non-empty \"text\" (or \"html\") field")


def parse_jsonl(text: str, source: str, stem: str,
                at: Callable[[int], None] | None = None) -> Iterator[RawDocument | InputError]:
    """Every non-blank line of a JSON Lines text as a RawDocument or an InputError.

    `at(offset)` hears, before each document, how many characters of the text are read.
    """
    # Split on \n only: str.splitlines() also breaks at U+2028 and friends,
    # which json.dumps(ensure_ascii=False) leaves raw inside strings.
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        offset += len(line) + 1
        if not line.strip():
            continue
        if at is not None:
            at(offset)
        try:
            yield parse_line(line, f"{source}:{number}", f"{stem}-{number}")
        except InputError as exc:
            yield exc


def read_jsonl_file(path: Path, source: str,
                    at: Callable[[int], None] | None = None) -> Iterator[RawDocument | InputError]:
    """Read one .jsonl file; a file-level problem is one InputError. `at` as for `parse_jsonl`
    (characters stand for bytes: close enough for an ETA)."""
    try:
        text = decode_file(path, source)
    except InputError as exc:
        yield exc
        return
    yield from parse_jsonl(text, source, path.stem, at)
