"""The SQLite back end: one file, WAL journal, foreign keys on."""

from __future__ import annotations

import sqlite3
import time

from summitry.errors import StoreError
from summitry.store.base import Store
from summitry.store.schema import SQLITE

BUSY_TIMEOUT_SECONDS = 30  # wait this long for another process's write instead of failing


def _use_wal(conn: sqlite3.Connection) -> None:
    """WAL journal mode, waiting for another process that is opening the same new file.

    Switching the journal mode needs the file to itself, and SQLite answers "database is locked"
    at once rather than wait the busy timeout, so two processes opening a new store both at once
    would otherwise fail one of them.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(Store):
    """A store in one SQLite file (or ':memory:')."""

    dialect = SQLITE
    _db_errors = (sqlite3.Error,)

    def __init__(self, path: str):
        try:
            # Autocommit mode: transactions are begun explicitly, so DDL in migrations is
            # transactional too (the sqlite3 module's implicit BEGIN would skip it).
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                _use_wal(conn)
                # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the program
                # loses nothing committed and the file stays consistent; a power cut may lose the last
                # commits, which an ingest run again restores. FULL spent more time in fsync than
                # ingest spends on a document.
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        super().__init__(conn, label=path)

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock up front: two writers that both read first
        # and then write would otherwise fail with SQLITE_BUSY instead of waiting.
        self._conn.execute("BEGIN IMMEDIATE")

    def _has_migrations_table(self) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"))
