"""Candidate lookup: which reports could share an event with a given one, without all pairs.

Reports are indexed by coarse kind and by the people they name: under every pair of their
participants (a report naming one person, under that person alone), and under each person.
Two reports that fit (see match.participants_fit) always meet under one of those keys, so a
lookup only touches reports about the same people. Anchors (reports with a day) are also
indexed by date bucket, so linking an anchor touches only the weeks around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import combinations

from summitry.events.reports import Report

Key = tuple[str, int]

# The index files every report under several names and date buckets, and most of those hold one
# or a few reports. A bucket of one report is its key; of a few, a tuple of keys (an empty set's
# hash table alone is four times a 1-tuple); past SMALL_BUCKET, a set, so a busy leader's buckets
# stay quick to add to and take from. Lookups union buckets into a set (_collect): each kind
# gives the same reports. (A key is (doc_id, index): its first item is a str, a tuple's a key.)
SMALL_BUCKET = 16
Bucket = Key | tuple[Key, ...] | set[Key]


def _collect(out: set[Key], bucket: Bucket) -> None:
    """Add a bucket's reports to `out`."""
    if type(bucket) is tuple and type(bucket[0]) is str:
        out.add(bucket)
    else:
        out.update(bucket)


def _file(buckets: dict, name, key: Key) -> None:
    """Add `key` to the bucket `name` (a set is changed in place)."""
    bucket = buckets.get(name)
    if bucket is None:
        buckets[name] = key
    elif type(bucket) is tuple:
        if type(bucket[0]) is str:
            if bucket != key:
                buckets[name] = (bucket, key)
        elif key not in bucket:
            buckets[name] = bucket + (key,) if len(bucket) < SMALL_BUCKET else {*bucket, key}
    else:
        bucket.add(key)


def _unfile(buckets: dict, name, key: Key) -> None:
    """Take `key` out of the bucket `name`, and drop the bucket once it is empty."""
    bucket = buckets.get(name)
    if bucket is None:
        return
    if type(bucket) is tuple:
        if type(bucket[0]) is str:
            if bucket == key:
                del buckets[name]
        elif key in bucket:
            rest = tuple(k for k in bucket if k != key)
            buckets[name] = rest[0] if len(rest) == 1 else rest
    else:
        bucket.discard(key)
        if not bucket:
            del buckets[name]


def blocks(participants: Iterable[str]) -> list[tuple[str, ...]]:
    """The pair keys of a participant list (the person alone when there is one)."""
    people = sorted(set(participants))
    if len(people) == 1:
        return [(people[0],)]
    return list(combinations(people, 2))


class PeopleIndex:
    """Reports by (coarse kind, pair) and (coarse kind, person)."""

    def __init__(self) -> None:
        self._pairs: dict[tuple, Bucket] = {}
        self._people: dict[tuple, Bucket] = {}

    def add(self, r: Report) -> None:
        for b in blocks(r.participants):
            _file(self._pairs, (r.coarse, b), r.key)
        for p in r.participants:
            _file(self._people, (r.coarse, p), r.key)

    def remove(self, r: Report) -> None:
        for b in blocks(r.participants):
            _unfile(self._pairs, (r.coarse, b), r.key)
        for p in r.participants:
            _unfile(self._people, (r.coarse, p), r.key)

    def lookup(self, coarse: str, participants: Iterable[str]) -> set[Key]:
        """Every indexed report whose participants could fit these (a superset of the fitting ones)."""
        people = sorted(set(participants))
        out: set[Key] = set()
        if len(people) == 1:
            bucket = self._people.get((coarse, people[0]))
            if bucket is not None:
                _collect(out, bucket)
            return out
        for name in [*combinations(people, 2), *((p,) for p in people)]:  # a pair, or one alone (a visitor)
            bucket = self._pairs.get((coarse, name))
            if bucket is not None:
                _collect(out, bucket)
        return out


class WindowIndex:
    """Reports by people and by the days they may speak of, so a lookup touches only nearby weeks.

    A report whose window is closed on both sides (an anchor's day, a publication window, a
    period) is filed under each person and each date bucket the window covers; one open on a
    side (nothing known, a plan with no end) is found by people alone.
    """

    def __init__(self, bucket_days: int) -> None:
        self.bucket_days = bucket_days
        self._all = PeopleIndex()
        self._open = PeopleIndex()
        # (coarse, name) → date bucket → reports: a lookup touches only the names filed at all, and
        # of a long window (a year of weekly buckets) only the buckets that hold something
        self._buckets: dict[tuple, dict[int, Bucket]] = {}
        self._filed: dict[Key, tuple[int, int] | None] = {}
        # one object for each bucket number and (first, last) span in use, not one per filing
        self._numbers: dict[int | tuple[int, int], int | tuple[int, int]] = {}
        self._n_open = 0  # reports filed by people alone (none, for reports that all have a day)

    def _bucket(self, day: date) -> int:
        return day.toordinal() // self.bucket_days

    def add(self, r: Report, lo: date | None, hi: date | None) -> None:
        self._all.add(r)
        if lo is None or hi is None:
            self._open.add(r)
            self._filed[r.key] = None
            self._n_open += 1
            return
        numbers = self._numbers
        span = (self._bucket(lo), self._bucket(hi))
        span = numbers.setdefault(span, span)
        self._filed[r.key] = span
        for name in self._names(r):
            by_bucket = self._buckets.setdefault((r.coarse, name), {})
            for b in range(span[0], span[1] + 1):
                _file(by_bucket, b if b in by_bucket else numbers.setdefault(b, b), r.key)

    @staticmethod
    def _names(r: Report) -> list[tuple[str, ...]]:
        """Filed under its pairs (as PeopleIndex), and under each person as ('*', person)."""
        return blocks(r.participants) + [("*", p) for p in r.participants]

    def remove(self, r: Report) -> None:
        self._all.remove(r)
        if r.key not in self._filed:
            return
        span = self._filed.pop(r.key)
        if span is None:
            self._open.remove(r)
            self._n_open -= 1
            return
        for name in self._names(r):
            by_bucket = self._buckets.get((r.coarse, name))
            if by_bucket is None:
                continue
            for b in range(span[0], span[1] + 1):
                _unfile(by_bucket, b, r.key)
            if not by_bucket:
                del self._buckets[(r.coarse, name)]

    def lookup(self, coarse: str, participants: Iterable[str], lo: date | None = None,
               hi: date | None = None) -> set[Key]:
        """Reports about some of these people whose window may meet [lo, hi] (all days if open)."""
        if lo is None or hi is None:
            return self._all.lookup(coarse, participants)
        out = self._open.lookup(coarse, participants) if self._n_open else set()
        first, last = self._bucket(lo), self._bucket(hi)
        people = sorted(set(participants))
        if len(people) == 1:  # anyone with this person
            names = [("*", people[0])]
        else:  # a pair in common, or one of them alone (as PeopleIndex.lookup)
            names = list(combinations(people, 2)) + [(p,) for p in people]
        for name in names:
            by_bucket = self._buckets.get((coarse, name))
            if not by_bucket:
                continue
            if len(by_bucket) <= last - first:
                for b, found in by_bucket.items():
                    if first <= b <= last:
                        _collect(out, found)
            else:
                for b in range(first, last + 1):
                    found = by_bucket.get(b)
                    if found:
                        _collect(out, found)
        return out
