"""Readers: bytes on disk (or stdin) → RawDocument. One module per input kind.

STUB: replaced by the read/ implementation (txt, html, jsonl, folders, stdin).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from summitry.errors import InputError
from summitry.records import RawDocument


def read_inputs(paths: Sequence[str]) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per input document, or an InputError for a bad one."""
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            yield RawDocument(id=f.stem, source=str(f), text=f.read_text(encoding="utf-8"))
