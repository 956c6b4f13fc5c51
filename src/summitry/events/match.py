"""When two reports can speak of the same contact, and how well a report fits an event.

Hard rules decide what *can* be one event: the same coarse kind (remote call or in-person),
compatible participants (one list within the other, or at least two people in common), and
dates that fit (anchors within the tolerance; windows and calendar cues that admit each other).
Soft evidence ranks the events a report can join: the exact kind, the status, the participants'
overlap, whether the dates agree exactly (or, undated, lie near a reference event the report
names), and text similarity (words, actors, topics).
Status is soft on purpose: a planned visit and the visit that took place are one event, and a
denied call is the call the denial is about.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from summitry.events.options import ClusterOptions
from summitry.events.reports import Report


def participants_fit(a: Iterable[str], b: Iterable[str]) -> bool:
    """One list within the other (a visit naming only the visitor), or two or more people shared."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    return sa <= sb or sb <= sa or len(sa & sb) >= 2


def similarity(a: Collection[str], b: Collection[str]) -> float:
    """Jaccard overlap of two reports' features (0..1): sets, or tuples of distinct features."""
    return _jaccard(frozenset(a), b)


def _jaccard(a: set[str] | frozenset[str], b: Collection[str]) -> float:
    """Jaccard overlap of a set and a collection of distinct features (a report's tuple): only the
    set needs a hash table, and len(b) is its number of features."""
    if not a or not b:
        return 0.0
    inter = len(a.intersection(b))
    return inter / (len(a) + len(b) - inter)


def reports_fit(a: Report, b: Report, options: ClusterOptions) -> bool:
    """Can two reports speak of the same contact? (symmetric)"""
    return (a.coarse == b.coarse and participants_fit(a.participants, b.participants)
            and a.when.overlaps(b.when, options.date_tolerance))


def event_similarity(report: Report, members: list[Report]) -> float:
    """The report's similarity to the event: to its closest report."""
    mine = frozenset(report.features)  # one hash table for all the comparisons (reports keep tuples)
    return max(_jaccard(mine, m.features) for m in members)


def fit_score(report: Report, members: list[Report], options: ClusterOptions, relative_similarity: float) -> float:
    """How well `report` fits an event of `members` (higher is better); the rules above hold already.

    relative_similarity: the report's similarity to this event over its best similarity to any
    event it could join (1.0 for the closest), so text decides between candidates only where
    they differ, whatever the texts' length or language.
    """
    kinds = {m.kind for m in members}
    statuses = {m.status for m in members}
    people = set().union(*(m.participants for m in members))
    mine = set(report.participants)
    score = 0.0
    score += 1.0 if report.kind in kinds else 0.0
    score += 1.0 if report.status in statuses else 0.0
    score += len(mine & people) / len(mine | people)
    days = [m.day for m in members if m.day is not None]
    if report.day is not None and days:
        score += 1.0 / (1 + min(abs((report.day - d).days) for d in days))
    elif report.hints and any(lo <= d <= hi for d in days for lo, hi in report.hints):
        # near a reference event the report names ("hours after the inauguration"): a date cue,
        # so worth more than one of kind or status
        score += options.reference_weight
    score += options.similarity_weight * relative_similarity
    return score
