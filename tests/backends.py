"""The store's back ends for tests: a SQLite file, or a fresh schema in a PostgreSQL test database.

PostgreSQL: the server named by $SUMMITRY_TEST_POSTGRES (a DSN whose user may create databases;
`make postgres` starts one and prints it), else one at 127.0.0.1:5432 as user postgres. Each test
module gets a database of its own, dropped after it; each test a schema of its own in it (a
store's tables live in the first schema of its search_path), which is far quicker than a database.
Without a server the PostgreSQL tests skip, saying why; with $SUMMITRY_TEST_POSTGRES set, an
unreachable server fails them instead (CI sets it: there they must run).
"""

from __future__ import annotations

import itertools
import os
import re
import time
from urllib.parse import quote

import pytest

BACKENDS = ("sqlite", "postgresql")
ENV = "SUMMITRY_TEST_POSTGRES"
LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres"

_server: dict[str, str | None] = {}  # the reachable server's DSN, or None, found once per session
_schemas = itertools.count(1)


def _connect(dsn: str):
    import psycopg

    return psycopg.connect(dsn, autocommit=True, connect_timeout=3)


def server_dsn() -> str:
    """The DSN of a PostgreSQL server to make test databases on; skips (or fails, see above) without one."""
    configured = os.environ.get(ENV)
    if "dsn" not in _server:
        _server["dsn"], _server["problem"] = None, None
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _server["problem"] = "psycopg is not installed (pip install -e '.[postgresql]')"
        else:
            try:
                _connect(configured or LOCAL).close()
                _server["dsn"] = configured or LOCAL
            except Exception as exc:  # noqa: BLE001 - any failure to connect means: no server to test on
                _server["problem"] = " ".join(str(exc).split())
    if _server["dsn"] is None:
        if configured:
            pytest.fail(f"${ENV} is set, but its server cannot be used: {_server['problem']}")
        pytest.skip(f"no PostgreSQL server for the store tests ({_server['problem']}): "
                    f"run `make postgres` and set ${ENV} to the DSN it prints")
    return _server["dsn"]


def with_database(dsn: str, dbname: str) -> str:
    """The same server and user, another database."""
    return re.sub(r"^(\w+://[^/?]*)(/[^?]*)?", lambda m: f"{m.group(1)}/{dbname}", dsn, count=1)


def with_search_path(dsn: str, schema: str) -> str:
    # Commits need not wait for the disk in tests: a store is made per test, by a dozen of them.
    separator = "&" if "?" in dsn else "?"
    return f"{dsn}{separator}options={quote(f'-csearch_path={schema} -csynchronous_commit=off')}"


def create_database(name: str) -> str:
    """A new empty database (an old one of that name dropped first); returns its DSN."""
    admin = server_dsn()
    drop_database(name)
    with _connect(admin) as conn:
        # UTF-8 whatever the server's default: documents are Unicode text
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    return with_database(admin, name)


def drop_database(name: str) -> None:
    """Drop the database; the tests' stores are closed by now, but autovacuum may still be in it."""
    import psycopg

    with _connect(server_dsn()) as conn:
        for attempt in range(5):
            try:
                # not WITH (FORCE): that needs the right to end an autovacuum worker, which the
                # tests' role lacks; a plain DROP ends autovacuum itself and waits a few seconds
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                return
            except psycopg.errors.ObjectInUse:
                time.sleep(0.5 * (attempt + 1))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a connection left open: end it


def database_name(module: str) -> str:
    """A database name for a test module, unique to this test run's process."""
    base = re.sub(r"[^a-z0-9_]", "_", module.rsplit(".", 1)[-1].lower())
    return f"summitry_{base}_{os.getpid()}"[:63]


def new_schema(database_dsn: str) -> str:
    """A fresh schema in the database; returns the DSN of a store in it."""
    schema = f"store_{next(_schemas)}"
    with _connect(database_dsn) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return with_search_path(database_dsn, schema)
