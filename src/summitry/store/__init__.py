"""The store: documents and their extractions, versioned, behind one interface.

    with open_store(None) as store:          # the per-user default, or $SUMMITRY_DB
        store.add_document(doc)              # "new" | "known" | "version"
        store.get_document("seed-00")        # by id, or a unique prefix of id or content hash
        store.search('"New START"')          # full text of documents and quotes, best first

A path is a SQLite file; a postgresql://user@host/db DSN opens a PostgreSQL database instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from summitry.errors import StoreError
from summitry.store.base import AmbiguousDocument, Store, StoredDocument
from summitry.store.postgresql import is_postgresql, redact
from summitry.store.schema import SCHEMA_VERSION

__all__ = ["AmbiguousDocument", "SCHEMA_VERSION", "Store", "StoredDocument", "default_db_path", "open_store",
           "store_label"]


def default_db_path() -> Path | str:
    """$SUMMITRY_DB (a file, or a postgresql:// DSN as it is), else summitry.db in the per-user data folder."""
    env = os.environ.get("SUMMITRY_DB")
    if env:
        return env if is_postgresql(env) else Path(env)
    return Path(user_data_dir("summitry", appauthor=False)) / "summitry.db"


def store_label(path: str) -> str:
    """A store's location fit to show: a DSN without its password."""
    return redact(path) if is_postgresql(path) else path


def open_store(path: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at `path`, or the default one.

    `path` is a SQLite file (or ':memory:'), or a PostgreSQL database as a DSN
    (postgresql://user:password@host:port/dbname). With create=False a missing store is an error
    rather than a new empty file: a reading command pointed at a mistyped --db should say so.
    """
    from summitry.store.sqlite import SQLiteStore

    if not path:
        default = default_db_path()
        if create and isinstance(default, Path):
            default.parent.mkdir(parents=True, exist_ok=True)
        path = str(default)
    if is_postgresql(path):
        from summitry.store.postgresql import PostgreSQLStore

        return PostgreSQLStore(path, create=create)
    if path != ":memory:" and not create and not Path(path).exists():
        raise StoreError(f"no store at {path}: ingest documents first (summitry ingest PATH)")
    return SQLiteStore(path)
