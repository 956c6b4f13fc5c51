"""The store's event tables: documents' reports, and the events grouped from them.

The clustering itself lives in summitry.events; the store only keeps its input (reports,
so a new document can join without re-extracting the others) and its output (event records).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from summitry.errors import NoSuchEvent

REPLACE_BATCH = 500  # events compared and written per query (SQLite allows so many parameters)


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


class EventTables:
    """Mixed into Store: reports and events (see schema.m0004_events)."""

    def save_reports(self, doc_id: str, reports: list[dict[str, Any]]) -> None:
        """Replace a document's reports (plain records of summitry.events.Report)."""
        with self.transaction():
            self._execute("DELETE FROM event_reports WHERE doc_id = ?", (doc_id,))
            for rep in reports:
                self._execute("INSERT INTO event_reports (doc_id, idx, role, report) VALUES (?, ?, ?, ?)",
                              (doc_id, rep["index"], rep["role"], json.dumps(rep, ensure_ascii=False)))
            self._execute("UPDATE counters SET value = value + 1 WHERE name = 'reports'")

    def reports_written(self) -> int:
        """How many times reports were saved in this store: a writer's events are whole only if
        nobody else saved any since it read them."""
        return self._rows("SELECT value FROM counters WHERE name = 'reports'")[0]["value"]

    def iter_reports(self) -> list[dict[str, Any]]:
        """Read-only: every stored report, by document and position."""
        rows = self._rows("SELECT report FROM event_reports ORDER BY doc_id, idx")
        return [json.loads(r["report"]) for r in rows]

    def count_reports(self) -> int:
        """Read-only: how many reports are stored."""
        return self._rows("SELECT COUNT(*) AS n FROM event_reports")[0]["n"]

    def replace_events(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Make the stored events these records: rows that changed are rewritten, the rest left.

        Records are taken a batch at a time and compared with their stored rows, so neither all
        records nor all stored rows are held at once. Returns (written, deleted).
        """
        from summitry.store.base import _now

        written = deleted = 0
        with self.transaction():
            stale = {r["id"] for r in self._rows("SELECT id FROM events")}
            for batch in _batches(records, REPLACE_BATCH):
                ids = [rec["id"] for rec in batch]
                marks = ", ".join("?" for _ in ids)
                stored = {r["id"]: r["record"]
                          for r in self._rows(f"SELECT id, record FROM events WHERE id IN ({marks})", ids)}
                for rec in batch:
                    eid, text = rec["id"], json.dumps(rec, ensure_ascii=False)
                    stale.discard(eid)
                    if stored.get(eid) == text:
                        continue
                    self._execute("DELETE FROM event_documents WHERE event_id = ?", (eid,))
                    self._execute("INSERT INTO events (id, record, updated_at) VALUES (?, ?, ?) ON CONFLICT (id)"
                                  " DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at",
                                  (eid, text, _now()))
                    for role in rec.get("document_roles", []):
                        self._execute("INSERT INTO event_documents (event_id, doc_id, role) VALUES (?, ?, ?)"
                                      " ON CONFLICT DO NOTHING", (eid, role["document"], role["role"]))
                    written += 1
            for eid in sorted(stale):
                self._execute("DELETE FROM event_documents WHERE event_id = ?", (eid,))
                self._execute("DELETE FROM events WHERE id = ?", (eid,))
                deleted += 1
        return written, deleted

    def events(self) -> list[dict[str, Any]]:
        """Read-only: every stored event record, earliest first (undated last)."""
        recs = [json.loads(r["record"]) for r in self._rows("SELECT record FROM events")]
        return sorted(recs, key=lambda e: (e.get("date") or e.get("period") or "9999", e["id"]))

    def get_event(self, ref: str) -> dict[str, Any]:
        """One event by id, or by a unique prefix of its id."""
        rows = self._rows("SELECT id, record FROM events WHERE id = ?", (ref,))
        if not rows and ref:
            rows = self._rows("SELECT id, record FROM events WHERE substr(id, 1, ?) = ?", (len(ref), ref))
        if len(rows) != 1:
            raise NoSuchEvent(ref, sorted(r["id"] for r in rows))
        return json.loads(rows[0]["record"])

    def events_of_document(self, doc_id: str) -> list[dict[str, str]]:
        """Read-only: the events a document reports (main) or mentions."""
        return self._rows("SELECT event_id, role FROM event_documents WHERE doc_id = ? ORDER BY role, event_id",
                          (doc_id,))
