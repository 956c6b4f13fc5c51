"""The clustering's thresholds, in one options object (defaults here, overridable by callers)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterOptions:
    """How far reports may disagree and still speak of the same contact.

    date_tolerance: days two reports' dates may differ by and still be one event (reported
        as a date disagreement), when participants and kind agree.
    reported_within: an undated contact reported as over took place at most this many days
        before the publication date.
    planned_before: an undated planned contact may be fulfilled from this many days before
        the publication date (a plan reported the day after the visit began) onwards, and up
        to planned_within days after it.
    similarity_weight: how much text similarity counts when several events fit a report.
    min_margin: an undated report joins an event only if it fits it this much better than the
        next one (about a quarter of the similarity range, or any one rule: kind, status).
    """

    date_tolerance: int = 2
    reported_within: int = 30
    planned_before: int = 1
    planned_within: int = 365
    similarity_weight: float = 4.0
    reference_weight: float = 1.5  # an event near a reference event the report names
    min_margin: float = 0.75  # how much better the best event must fit than the next to be joined
    date_bucket_days: int = 7  # index granularity for anchors (candidate lookup)
    window_bucket_days: int = 32  # … and for reports known only to a window


DEFAULT_OPTIONS = ClusterOptions()
