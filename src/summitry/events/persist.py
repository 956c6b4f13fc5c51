"""Events in the store: reports saved per document, events updated after each batch.

    index = load_index(store)                # the stored reports, clustered once
    add_document(store, index, record, text) # per ingested or re-extracted document
    save_events(store, index)                # write the events that changed
"""

from __future__ import annotations

from typing import Any

from summitry.events.cluster import EventIndex
from summitry.events.merge import iter_merged_events
from summitry.events.options import DEFAULT_OPTIONS, ClusterOptions
from summitry.events.reports import Report, TextClues, reports_of


def load_index(store, options: ClusterOptions = DEFAULT_OPTIONS) -> EventIndex:
    """An index over every stored report (backfilled from stored extractions the first time)."""
    with store.transaction():  # the reports and their count as of one moment
        if store.count_reports() == 0:
            backfill_reports(store, options)
        records = store.iter_reports()
        written = store.reports_written()
    index = EventIndex(options)
    by_doc: dict[str, list[Report]] = {}
    for rec in records:
        r = Report.from_plain(rec)
        by_doc.setdefault(r.doc_id, []).append(r)
    for doc_id in sorted(by_doc):
        index.add_reports(by_doc[doc_id])
    index.reports_written = written
    return index


def backfill_reports(store, options: ClusterOptions = DEFAULT_OPTIONS) -> int:
    """Reports for documents extracted before the store kept them; returns how many documents."""
    n = 0
    for doc in store.iter_documents():
        record = store.get_extraction(doc.id)
        if record is None:
            continue
        store.save_reports(doc.id, [r.to_plain() for r in reports_of(record, doc.text, options)])
        n += 1
    return n


def add_document(store, index: EventIndex, record: dict[str, Any], text: str, clues: TextClues | None = None) -> None:
    """Save one document's reports and let it join (or open) events in the index (`clues`: what
    reports_of reads from the text, when a worker found it already)."""
    reports = reports_of(record, text, index.options, clues)
    with store.transaction():
        before = store.reports_written()
        store.save_reports(str(record["id"]), [r.to_plain() for r in reports])
    # another process's reports since the index was read make it stale (save_events reads them)
    index.reports_written = before + 1 if before == index.reports_written else None
    if reports:
        index.add_reports(reports)
    else:
        index.remove_document(str(record["id"]))


def save_events(store, index: EventIndex) -> tuple[int, int]:
    """Write the index's events to the store (only rows that changed); returns (written, deleted).

    When another process stored reports since the index read them (two ingests at once), the events
    are computed again from every stored report, under the write lock, so neither's are lost."""
    with store.transaction():
        if store.reports_written() != index.reports_written:
            index = load_index(store, index.options)
        return store.replace_events(iter_merged_events(index.groups(), index.secondary()))


def stored_events(store) -> list[dict[str, Any]]:
    """The stored events, computing them first for a store that has documents but no events yet."""
    events = store.events()
    if not events and (store.count_reports() == 0 and store.documents()):
        save_events(store, load_index(store))
        events = store.events()
    return events
