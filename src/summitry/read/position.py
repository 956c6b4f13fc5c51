"""How far the readers are through their inputs, in bytes of the files on disk.

`ingest` figures its ETA from it: the input's total size is known before the
run (`input_size`), and the readers move the position on as they go, a file
at a time, a JSON Lines line at a time, an archive record at a time. Streams
(stdin, URLs, feeds) have no size known ahead, so a run that reads one has no
ETA, only its rate.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ReadPosition:
    """Bytes read of the inputs: those read to their end, and so far of the one being read."""

    done: int = 0
    current: int = 0

    @property
    def bytes_read(self) -> int:
        """Bytes read in all."""
        return self.done + self.current

    def within(self, size: int, offset: int) -> None:
        """The reader is `offset` bytes into an input of `size` bytes (an estimate may overshoot)."""
        self.current = min(max(offset, 0), size)

    def finish(self, size: int) -> None:
        """An input of `size` bytes is read to its end."""
        self.done += size
        self.current = 0


def file_size(path: Path) -> int:
    """The size of a file in bytes; 0 when it cannot be read (reading it will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def input_size(paths: Sequence[str]) -> int | None:
    """The bytes the readers will go through for these inputs, or None when one of them is a stream."""
    from summitry.read import STDIN, walk
    from summitry.read.feed import FEED_SUFFIXES
    from summitry.read.fetch import is_url

    total = 0
    for p in paths:
        if str(p) == STDIN or is_url(str(p)) or str(p).lower().endswith(FEED_SUFFIXES):
            return None  # a feed's size says nothing of the pages it links to
        path = Path(p)
        if path.is_dir():
            total += sum(file_size(item) for item in walk(path) if isinstance(item, Path))
        else:
            total += file_size(path)
    return total
