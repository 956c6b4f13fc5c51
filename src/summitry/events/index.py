"""Candidate lookup: which reports could share an event with a given one, without all pairs.

Reports are indexed by coarse kind and by the people they name: under every pair of their
participants (a report naming one person, under that person alone), and under each person.
Two reports that fit (see match.participants_fit) always meet under one of those keys, so a
lookup only touches reports about the same people. Anchors (reports with a day) are also
indexed by date bucket, so linking an anchor touches only the weeks around it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import combinations

from summitry.events.reports import Report

Key = tuple[str, int]


def blocks(participants: Iterable[str]) -> list[tuple[str, ...]]:
    """The pair keys of a participant list (the person alone when there is one)."""
    people = sorted(set(participants))
    if len(people) == 1:
        return [(people[0],)]
    return list(combinations(people, 2))


class PeopleIndex:
    """Reports by (coarse kind, pair) and (coarse kind, person)."""

    def __init__(self) -> None:
        self._pairs: dict[tuple, set[Key]] = defaultdict(set)
        self._people: dict[tuple, set[Key]] = defaultdict(set)

    def add(self, r: Report) -> None:
        for b in blocks(r.participants):
            self._pairs[(r.coarse, b)].add(r.key)
        for p in r.participants:
            self._people[(r.coarse, p)].add(r.key)

    def remove(self, r: Report) -> None:
        for b in blocks(r.participants):
            self._pairs[(r.coarse, b)].discard(r.key)
        for p in r.participants:
            self._people[(r.coarse, p)].discard(r.key)

    def lookup(self, coarse: str, participants: Iterable[str]) -> set[Key]:
        """Every indexed report whose participants could fit these (a superset of the fitting ones)."""
        people = sorted(set(participants))
        if len(people) == 1:
            return set(self._people.get((coarse, people[0]), ()))
        out: set[Key] = set()
        for b in combinations(people, 2):
            out |= self._pairs.get((coarse, b), set())
        for p in people:  # reports naming only one of them (a visitor alone)
            out |= self._pairs.get((coarse, (p,)), set())
        return out


class DateIndex:
    """Anchors by (coarse kind, person, date bucket)."""

    def __init__(self, bucket_days: int) -> None:
        self.bucket_days = bucket_days
        self._buckets: dict[tuple, set[Key]] = defaultdict(set)

    def _bucket(self, day: date) -> int:
        return day.toordinal() // self.bucket_days

    def add(self, r: Report) -> None:
        for p in r.participants:
            self._buckets[(r.coarse, p, self._bucket(r.day))].add(r.key)

    def remove(self, r: Report) -> None:
        for p in r.participants:
            self._buckets[(r.coarse, p, self._bucket(r.day))].discard(r.key)

    def near(self, r: Report, days: int) -> set[Key]:
        """Anchors naming one of r's people within `days` of r's day (and some a little further)."""
        lo = (r.day.toordinal() - days) // self.bucket_days
        hi = (r.day.toordinal() + days) // self.bucket_days
        out: set[Key] = set()
        for p in r.participants:
            for b in range(lo, hi + 1):
                out |= self._buckets.get((r.coarse, p, b), set())
        return out
