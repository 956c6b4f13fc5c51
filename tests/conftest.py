"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Commands run in one process in tests unless a test asks for more (forking a pool per command
# would cost more than the small inputs here; tests/test_parallel.py runs several on purpose).
os.environ.setdefault("SUMMITRY_WORKERS", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def pytest_sessionstart(session) -> None:
    # Python imports a module's compiled extension before its source: with an extension older than the
    # source, the tests would run the old code.
    from summitry.compiled import stale_modules

    stale = stale_modules()
    if stale:
        pytest.exit(f"{len(stale)} compiled modules are older than their source (e.g. {stale[0]}):"
                    " run `make setup` to compile them again", returncode=2)


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


SEEDS = SHARED / "corpus" / "seeds.jsonl"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> str:
    """A store of the bundled examples and (when present) the shared seeds, built once for the web tests.

    Tests that write (ingest) use a store of their own: this one is shared.
    """
    from summitry.ingest import ingest_paths
    from summitry.store import open_store

    db = str(tmp_path_factory.mktemp("web") / "web.db")
    paths = [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else [])
    with open_store(db) as store:
        assert ingest_paths(paths, store).failed == 0
    return db


@pytest.fixture
def http_server():
    """A local HTTP server on 127.0.0.1 (a free port) serving canned replies (tests/local_server.py)."""
    from local_server import LocalServer

    with LocalServer() as server:
        yield server


# -- the store's back ends (tests/backends.py) ------------------------------------------------------
@pytest.fixture(scope="module")
def postgres_database(request):
    """The DSN of a PostgreSQL database of this test module's own, dropped after it (skips without a server)."""
    import backends

    name = backends.database_name(request.module.__name__)
    dsn = backends.create_database(name)
    yield dsn
    backends.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """Where a fresh, empty store is to be opened: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    import backends

    return backends.new_schema(request.getfixturevalue("postgres_database"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store_url(request, tmp_path_factory) -> str:
    """As store_url, for one store that a module's tests share (tests that only read it)."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("store") / "store.db")
    import backends

    return backends.new_schema(request.getfixturevalue("postgres_database"))
