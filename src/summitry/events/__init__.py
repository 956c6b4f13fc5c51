"""Events: documents' contacts grouped across sources, merged, with their disagreements.

    reports = reports_of(extraction_record, clean_text)   # events.reports
    index = EventIndex(); index.add_reports(reports)        # events.cluster (incremental)
    records = event_records(index)                          # events.merge

Modules: dates (when a contact can have been), reports (the unit clustered), match (the rules),
index (candidate lookup), cluster (incremental, order-independent), merge (merged records).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from summitry.events.cluster import EventIndex, cluster_reports
from summitry.events.merge import merge_events
from summitry.events.options import DEFAULT_OPTIONS, ClusterOptions
from summitry.events.reports import Report, reports_of

__all__ = ["ClusterOptions", "DEFAULT_OPTIONS", "EventIndex", "Report", "cluster_reports", "event_records",
           "events_of_extractions", "reports_of"]


def event_records(index: EventIndex) -> list[dict[str, Any]]:
    """The merged record of every event in the index, in canonical order."""
    return merge_events(index.groups(), index.secondary())


def events_of_extractions(extractions: Iterable, options: ClusterOptions = DEFAULT_OPTIONS) -> list[dict[str, Any]]:
    """Events of in-memory extractions (records.Extraction), nothing stored."""
    from summitry.output import extraction_record

    index = EventIndex(options)
    for ex in extractions:
        index.add_reports(reports_of(extraction_record(ex), ex.document.text, options))
    return event_records(index)
