"""`summitry watch`: poll feeds, ingest the items not seen before, one report per round.

An item whose link is stored already (by its document id, made from the link)
is not fetched again; the store's content hash catches the rest. A failed
item is tried again next round.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from summitry.errors import InputError
from summitry.ingest import Progress, ingest_inputs
from summitry.read import decode
from summitry.read.feed import FeedItem, fetch_feed, fetch_items, parse_feed
from summitry.read.fetch import Fetcher, is_url, page_id
from summitry.store import Store

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd]?)")


def parse_duration(text: str) -> float:
    """Seconds in '30s', '15m', '1h', '1h30m' or a plain number of seconds (raises ValueError)."""
    value = text.strip().lower()
    parts = list(_DURATION.finditer(value))
    if not value or "".join(m.group(0) for m in parts) != value or (len(parts) > 1 and not all(
            m.group(2) for m in parts)):
        raise ValueError(f"'{text}' is not a duration (such as 30s, 15m, 1h)")
    return sum(float(m.group(1)) * _UNITS[m.group(2) or "s"] for m in parts)


@dataclass
class Round:
    """What one polling round did."""

    number: int
    new: int = 0  # stored: new documents, and new versions of stored ones
    known: int = 0  # links stored before (not fetched), or pages whose text is stored
    failed: int = 0  # feeds or pages that could not be read

    def line(self) -> str:
        """The one line `watch` prints."""
        return f"round {self.number}: {self.new} new, {self.known} known, {self.failed} failed"


class Watcher:
    """Polls a list of feeds (files or URLs) into a store."""

    def __init__(self, feeds: Sequence[str], store: Store, fetcher: Fetcher, *, progress: Progress | None = None):
        self.feeds = list(feeds)
        self.store = store
        self.fetcher = fetcher
        self.progress = progress

    def _items(self, feed: str) -> list[FeedItem]:
        """The items of one feed now (raises InputError)."""
        if is_url(feed):
            return fetch_feed(feed, self.fetcher)
        return parse_feed(decode.read_path(Path(feed), feed), feed)

    def _report(self, outcome: str, detail: str) -> None:
        if self.progress:
            self.progress(outcome, detail)

    def poll(self, number: int) -> Round:
        """One round over all feeds."""
        result = Round(number)
        for feed in self.feeds:
            try:
                items = self._items(feed)
            except InputError as exc:
                result.failed += 1
                self._report("failed", f"ERROR: {exc}")
                continue
            # asked of the store each round: another ingest or watch may have stored a page since
            stored = self.store.stored_ids(page_id(item.link) for item in items)
            fresh = {}
            for item in items:
                if page_id(item.link) in stored:
                    result.known += 1
                else:
                    fresh.setdefault(item.link, item)  # one fetch for a link two feeds share
            report = ingest_inputs([(feed, fetch_items(fresh.values(), self.fetcher))], self.store,
                                   progress=self._report)
            result.new += report.new + report.versions
            result.known += report.known
            result.failed += report.failed
        return result


def watch(watcher: Watcher, *, every: float, rounds: int | None, on_round: Callable[[Round], None],
          wait: Callable[[float], bool]) -> int:
    """Poll until `rounds` are done or `wait(every)` says to stop; the number of rounds run."""
    number = 0
    while rounds is None or number < rounds:
        number += 1
        on_round(watcher.poll(number))
        if (rounds is None or number < rounds) and wait(every):
            break
    return number


@contextmanager
def stop_on_interrupt(on_first: Callable[[], None]) -> Iterator[threading.Event]:
    """An event Ctrl-C sets, so a round in progress ends with its documents and events stored;
    a second Ctrl-C stops at once."""
    stop = threading.Event()

    def handler(_signum, _frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        on_first()

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: Ctrl-C is not ours to handle
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
