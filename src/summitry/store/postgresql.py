"""The PostgreSQL back end: one store shared by a team, `--db postgresql://user@host/db`.

The same schema and queries as SQLite (base.py), over psycopg 3 in autocommit mode with explicit
transactions. Writers take a transaction-level advisory lock (one per store), so two processes
ingesting at once wait for each other as SQLite's writers do (BEGIN IMMEDIATE), while readers never
wait: the versioning rules read, then write, and must not interleave with another writer's.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from summitry.errors import StoreError
from summitry.store.base import Store
from summitry.store.schema import POSTGRESQL
from summitry.store.search_tsvector import TSVECTOR_SEARCH

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_SECONDS = 10
# The advisory lock a writer takes: this key, and the store's schema (stores in two schemas of
# one database need not wait for each other).
WRITE_LOCK = 0x53554D4D  # "SUMM"


def is_postgresql(location: str) -> bool:
    """True when `location` (a --db value) names a PostgreSQL database rather than a file."""
    return location.startswith(SCHEMES)


# The password of a URL DSN: in its user part (user:secret@host) or as ?password=secret.
_USER_PASSWORD = re.compile(r"^(\w+://[^/@:]*:)([^@/]*)(@)")
_QUERY_PASSWORD = re.compile(r"([?&]password=)([^&]*)()")


def redact(dsn: str) -> str:
    """The DSN fit to show: without its password."""
    for pattern in (_USER_PASSWORD, _QUERY_PASSWORD):
        dsn = pattern.sub(r"\1***\3", dsn)
    return dsn


def _passwords(dsn: str) -> list[str]:
    return [m.group(2) for p in (_USER_PASSWORD, _QUERY_PASSWORD) for m in p.finditer(dsn) if m.group(2)]


@functools.lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    # psycopg reads %s, and a literal % must be doubled; the base SQL uses neither % nor '?' in literals
    return sql.replace("%", "%%").replace("?", "%s")


class PostgreSQLStore(Store):
    """A store in a PostgreSQL database (its tables in the first schema of the search_path)."""

    dialect = POSTGRESQL
    _search = TSVECTOR_SEARCH

    def __init__(self, dsn: str, *, create: bool = True):
        label = redact(dsn)
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(f"cannot open store {label}: the PostgreSQL back end needs psycopg"
                             " (pip install 'summitry[postgresql]')") from exc
        self._db_errors = (psycopg.Error,)
        try:
            conn = psycopg.connect(dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {label}: {self._problem(exc, dsn)}") from exc
        try:
            missing = not create and not self._has_store(conn)
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"cannot open store {label}: {self._problem(exc, dsn)}") from exc
        if missing:
            conn.close()
            raise StoreError(f"no store at {label}: ingest documents first (summitry ingest PATH)")
        super().__init__(conn, label=label)

    @staticmethod
    def _problem(exc: BaseException, dsn: str) -> str:
        """libpq's message on one line, without the password should it quote the DSN."""
        message = " ".join(str(exc).split()) or type(exc).__name__
        for secret in _passwords(dsn):
            message = message.replace(secret, "***")
        return message

    @staticmethod
    def _has_store(conn: Any) -> bool:
        return conn.execute("SELECT to_regclass('migrations') IS NOT NULL").fetchone()[0]

    def _sql(self, sql: str) -> str:
        return _placeholders(sql)

    def _begin(self) -> None:
        self._conn.execute("BEGIN")
        try:  # waits while another writer's transaction runs
            self._conn.execute("SELECT pg_advisory_xact_lock(%s::integer, hashtext(current_schema()))", (WRITE_LOCK,))
        except BaseException:  # interrupted while waiting: leave no transaction open behind
            self._conn.rollback()
            raise

    def _has_migrations_table(self) -> bool:
        return self._has_store(self._conn)
