"""The store's one interface, written once in portable SQL over a DB-API connection.

A back end (sqlite.py, postgresql.py) supplies the connection, how to begin a write
transaction, how to spell placeholders, its dialect for the migrations and its search SQL.
Everything else, including the versioning rules, lives here so both back ends behave the same.

Versioning: a document's `id` is shared by all its stored versions; each version is one row.
Adding a document whose content hash is stored already changes nothing; one whose id (or URL)
is stored with other content becomes a new version, and the old one is kept, not current.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from summitry import __version__
from summitry.errors import NoSuchDocument, StoreError, SummitryError
from summitry.offsets import OffsetMap
from summitry.records import Document, Span, to_plain
from summitry.store.events import EventTables
from summitry.store.views import ExtractionViews
from summitry.store.schema import MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION, Dialect
from summitry.store.search import SearchTables

MIN_HASH_PREFIX = 4  # shorter refs would match content hashes by chance

_DOC_COLUMNS = (
    "row_id, id, version, current, source, url, format, language, title, published, published_source, published_month,"
    " authors, content_hash, raw_text, html, clean_text, offsets, paragraphs, removed, ingested_at"
)


class AmbiguousDocument(NoSuchDocument):
    """A reference that matches more than one document."""

    def __init__(self, ref: str, matches: Sequence[str]):
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        SummitryError.__init__(self, f"'{ref}' matches {len(matches)} documents ({shown}): give more of the id")
        self.ref = ref
        self.matches = list(matches)


@dataclass
class StoredDocument:
    """A document as stored: the document plus its version and its extraction, if any."""

    document: Document
    version: int
    current: bool
    ingested_at: str
    extraction: dict[str, Any] | None = None
    extractor_version: str | None = None

    def record(self, *, raw: bool = False) -> dict[str, Any]:
        """JSON-ready: metadata, clean text, paragraphs, the extraction's facts (and raw text)."""
        doc = self.document
        rec: dict[str, Any] = doc.meta()
        rec.update(version=self.version, current=self.current, ingested_at=self.ingested_at,
                   characters=len(doc.text), text=doc.text,
                   paragraphs=[{"start": p.start, "end": p.end} for p in doc.paragraphs],
                   removed=doc.removed)
        if raw:
            rec["raw_text"] = doc.raw_text
            rec["html"] = doc.html
        if self.extraction is not None:
            rec["extractor_version"] = self.extractor_version
            for key in ("contacts", "quotes", "topics", "mentions", "timexes"):
                if key in self.extraction:
                    rec[key] = self.extraction[key]
        return rec


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store(EventTables, SearchTables, ExtractionViews):
    """Documents and their extractions, versioned. Use as a context manager."""

    dialect: Dialect
    _db_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, conn: Any, label: str):
        self._conn = conn
        self.label = label
        self._depth = 0
        try:
            self._migrate()
        except BaseException as exc:
            self.close()
            if isinstance(exc, self._db_errors):  # on one line: PostgreSQL's messages have a DETAIL line
                raise StoreError(f"cannot open store {label}: {' '.join(str(exc).split())}") from exc
            raise

    # -- back-end hooks -------------------------------------------------------
    def _has_migrations_table(self) -> bool:
        """Whether the store has been set up (its `migrations` table exists)."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """The query in the back end's placeholder style (written here with '?')."""
        return sql

    def _begin(self) -> None:
        self._conn.execute("BEGIN")

    # -- plumbing -------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        else:
            self._conn.commit()
        finally:
            self._depth = 0

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------
    def applied_migrations(self) -> list[dict[str, Any]]:
        """Read-only: the migrations this store has had, oldest first."""
        return self._rows("SELECT version, name, applied_at FROM migrations ORDER BY version")

    @property
    def schema_version(self) -> int:
        """Read-only: the number of migrations applied."""
        return max((m["version"] for m in self.applied_migrations()), default=0)

    def _check_known(self, applied: list[dict[str, Any]]) -> None:
        """Refuse a store written by a newer (or diverged) summitry rather than misread it."""
        newest = max((m["version"] for m in applied), default=0)
        if newest > SCHEMA_VERSION:
            raise StoreError(f"the store {self.label} has schema version {newest}, newer than summitry "
                             f"{__version__} knows (up to {SCHEMA_VERSION}): upgrade summitry or use another --db")
        for m in applied:
            v, name = m["version"], m["name"]
            if MIGRATIONS[v - 1].name != name:
                raise StoreError(f"the store {self.label} has migration {v} '{name}', which summitry "
                                 f"{__version__} does not know (it expects '{MIGRATIONS[v - 1].name}')")

    def _create_migrations_table(self) -> None:
        # Only when missing, and under the write lock: two processes opening a new store at once
        # would both create it, and outside a write transaction SQLite may refuse a read that
        # turns into a write at once ("database is locked") and PostgreSQL a duplicate table.
        if not self._has_migrations_table():
            with self.transaction():
                self._execute(MIGRATIONS_TABLE)

    def _migrate(self) -> None:
        self._create_migrations_table()
        applied = self.applied_migrations()
        self._check_known(applied)
        done = {m["version"] for m in applied}
        for version, migration in enumerate(MIGRATIONS, start=1):
            if version in done:  # the usual case: no write lock just to open a store
                continue
            with self.transaction():
                # Re-read inside the write transaction: another process may have just migrated.
                applied = self.applied_migrations()
                self._check_known(applied)
                if any(m["version"] == version for m in applied):
                    continue
                migration.apply(lambda sql, params=(): self._execute(sql, params), self.dialect)
                self._execute("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                              (version, migration.name, _now()))

    # -- documents ------------------------------------------------------------
    def add_document(self, doc: Document) -> str:
        """Store one document: "new", "known" (same content stored already) or "version"."""
        with self.transaction():
            if self.is_known(doc.content_hash, doc.id):
                return "known"
            earlier = self._rows("SELECT row_id FROM documents WHERE content_hash = ?", (doc.content_hash,))
            if earlier:
                # The text went back to an earlier version: that version is the current one again.
                self._execute("UPDATE documents SET current = 0 WHERE id = ? AND current = 1", (doc.id,))
                self._execute("UPDATE documents SET current = 1 WHERE row_id = ?", (earlier[0]["row_id"],))
                return "version"
            prior = self._rows("SELECT row_id, id FROM documents WHERE current = 1 AND (id = ? OR url = ?)",
                               (doc.id, doc.url))
            last = self._rows("SELECT MAX(version) AS v FROM documents WHERE id = ?", (doc.id,))[0]["v"]
            supersedes = next((r["row_id"] for r in prior if r["id"] == doc.id),
                              prior[0]["row_id"] if prior else None)
            # Demote before inserting: the index allows one current row per id.
            for r in prior:
                self._execute("UPDATE documents SET current = 0 WHERE row_id = ?", (r["row_id"],))
            self._insert_document(doc, version=(last or 0) + 1, supersedes=supersedes)
            return "version" if prior or last else "new"

    def is_known(self, content_hash: str, doc_id: str) -> bool:
        """Read-only: True when adding this content under this id would change nothing."""
        rows = self._rows("SELECT id, current FROM documents WHERE content_hash = ?", (content_hash,))
        return bool(rows) and (bool(rows[0]["current"]) or rows[0]["id"] != doc_id)

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are stored (in any version)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):  # SQLite allows only so many parameters in one query
            chunk = wanted[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r["id"] for r in self._rows(f"SELECT DISTINCT id FROM documents WHERE id IN ({marks})",
                                                       chunk))
        return found

    def _insert_document(self, doc: Document, *, version: int, supersedes: int | None) -> None:
        values = {
            "id": doc.id, "version": version, "current": 1, "supersedes": supersedes,
            "source": doc.source, "url": doc.url, "format": doc.format, "language": doc.language,
            "title": doc.title, "published": doc.published.isoformat() if doc.published else None,
            "published_source": doc.published_source, "published_month": doc.published_month,
            "authors": json.dumps(list(doc.authors), ensure_ascii=False),
            "content_hash": doc.content_hash, "raw_text": doc.raw_text, "html": doc.html,
            "clean_text": doc.text, "n_chars": len(doc.text),
            "offsets": json.dumps(doc.offsets.to_list()),
            "paragraphs": json.dumps([[p.start, p.end] for p in doc.paragraphs]),
            "removed": json.dumps(to_plain(doc.removed), ensure_ascii=False),
            "ingested_at": _now(),
        }
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self._execute(f"INSERT INTO documents ({cols}) VALUES ({marks})", list(values.values()))

    def documents(self) -> list[dict[str, Any]]:
        """The current version of every document, by id."""
        rows = self._rows("SELECT id, version, title, language, published, authors, source, n_chars"
                          " FROM documents WHERE current = 1 ORDER BY id")
        return [{"id": r["id"], "version": r["version"], "title": r["title"], "language": r["language"],
                 "published": r["published"], "authors": json.loads(r["authors"]), "source": r["source"],
                 "characters": r["n_chars"]} for r in rows]

    def _row_for_id(self, doc_id: str) -> int | None:
        """The row of a document's current version (its latest, when none is current)."""
        rows = self._rows("SELECT row_id FROM documents WHERE id = ? ORDER BY current DESC, version DESC",
                          (doc_id,))
        return rows[0]["row_id"] if rows else None

    def _resolve(self, ref: str) -> int:
        """The row `ref` names: an id, or a unique prefix of a current id or of a content hash."""
        row = self._row_for_id(ref) if ref else None
        if row is not None:
            return row
        if not ref:
            raise NoSuchDocument(ref)
        n = len(ref)
        by_id = self._rows("SELECT row_id, id FROM documents WHERE current = 1 AND substr(id, 1, ?) = ?",
                           (n, ref))
        by_hash = self._rows("SELECT row_id, id FROM documents WHERE substr(content_hash, 1, ?) = ?",
                             (n, ref.lower())) if n >= MIN_HASH_PREFIX else []
        found = {r["row_id"]: r["id"] for r in by_id + by_hash}
        if len(found) > 1:
            raise AmbiguousDocument(ref, sorted(found.values()))
        if not found:
            raise NoSuchDocument(ref)
        return next(iter(found))

    def _load(self, row_id: int) -> StoredDocument:
        r = self._rows(f"SELECT {_DOC_COLUMNS} FROM documents WHERE row_id = ?", (row_id,))[0]
        doc = Document(
            id=r["id"], source=r["source"], raw_text=r["raw_text"], text=r["clean_text"],
            offsets=OffsetMap.from_list(json.loads(r["offsets"])),
            paragraphs=[Span(s, e) for s, e in json.loads(r["paragraphs"])],
            language=r["language"], title=r["title"],
            published=date.fromisoformat(r["published"]) if r["published"] else None,
            published_source=r["published_source"], authors=json.loads(r["authors"]),
            content_hash=r["content_hash"], url=r["url"], format=r["format"], html=r["html"],
            removed=json.loads(r["removed"]), published_month=r["published_month"],
        )
        stored = StoredDocument(document=doc, version=r["version"], current=bool(r["current"]),
                                ingested_at=r["ingested_at"])
        ex = self._rows("SELECT record, extractor_version FROM extractions WHERE document_row = ?", (row_id,))
        if ex:
            stored.extraction = json.loads(ex[0]["record"])
            stored.extractor_version = ex[0]["extractor_version"]
        return stored

    def lookup(self, ref: str) -> StoredDocument:
        """The stored document `ref` names (see get_document), with its version and extraction."""
        return self._load(self._resolve(ref))

    def get_document(self, ref: str) -> Document:
        """A document by id, or by a unique prefix of its id or content hash."""
        return self.lookup(ref).document

    def iter_documents(self) -> Iterator[Document]:
        """The current version of every document, by id, one at a time."""
        # Ids first, then each row: callers may write (save extractions) while iterating.
        rows = [r["row_id"] for r in self._rows("SELECT row_id FROM documents WHERE current = 1 ORDER BY id")]
        for row_id in rows:
            yield self._load(row_id).document

    # -- extractions ----------------------------------------------------------
    def save_extraction(self, doc_id: str, record: dict[str, Any]) -> None:
        """Store (or replace) the extraction record of a document's current version."""
        with self.transaction():
            row = self._row_for_id(doc_id)
            if row is None:
                raise NoSuchDocument(doc_id)
            self._execute(
                "INSERT INTO extractions (document_row, extractor_version, record, extracted_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (document_row) DO UPDATE SET"
                " extractor_version = excluded.extractor_version, record = excluded.record,"
                " extracted_at = excluded.extracted_at",
                (row, __version__, json.dumps(record, ensure_ascii=False), _now()))
            self._index_quotes(row, record)

    def get_extraction(self, doc_id: str) -> dict[str, Any] | None:
        """The extraction record of a document's current version, or None if it has none."""
        row = self._row_for_id(doc_id)
        if row is None:
            raise NoSuchDocument(doc_id)
        rows = self._rows("SELECT record FROM extractions WHERE document_row = ?", (row,))
        return json.loads(rows[0]["record"]) if rows else None
