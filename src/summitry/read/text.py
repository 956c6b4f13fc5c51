"""Plain text files (.txt): the decoded text as it stands; cleaning comes later."""

from __future__ import annotations

from pathlib import Path

from summitry.read.decode import decode_file
from summitry.records import RawDocument


def text_document(text: str, doc_id: str, source: str) -> RawDocument:
    """A RawDocument for text that needs no extraction."""
    return RawDocument(id=doc_id, source=source, text=text, format="txt")


def read_text_file(path: Path, source: str) -> RawDocument:
    """Read one .txt file (raises InputError)."""
    return text_document(decode_file(path, source), path.stem, source)
