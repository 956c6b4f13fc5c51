"""PostgreSQL as the store: its DSNs and errors, writers at the same time, and the same results as SQLite."""

from __future__ import annotations

import json
import multiprocessing
import traceback

import backends
import pytest
from click.testing import CliRunner
from test_store import make_doc

from summitry.cli import cli
from summitry.errors import StoreError
from summitry.store import open_store, store_label
from summitry.store import search_tsvector
from summitry.store.postgresql import redact

# -- DSNs and errors (no server needed) ------------------------------------------------------


@pytest.mark.parametrize("dsn, shown", [
    ("postgresql://ana:s3cret@db.example:5432/news", "postgresql://ana:***@db.example:5432/news"),
    ("postgres://ana@db/news?password=s3cret&sslmode=require", "postgres://ana@db/news?password=***&sslmode=require"),
    ("postgresql:///news", "postgresql:///news"),
])
def test_postgresql_dsn_is_shown_without_its_password(dsn, shown):
    assert redact(dsn) == shown == store_label(dsn)


@pytest.mark.parametrize("dsn", [
    "postgresql://ana:s3cret@127.0.0.1:1/news",  # nothing listens on port 1
    "postgresql://ana:s3cret@127.0.0.1:notaport/news",
])
def test_postgresql_unreachable_or_bad_dsn_is_a_store_error_without_the_password(dsn):
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"cannot open store postgresql://ana:\*\*\*@127\.0\.0\.1") as caught:
        open_store(dsn)
    assert "s3cret" not in str(caught.value) and "\n" not in str(caught.value)


def test_postgresql_store_error_on_the_command_line(monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.setenv("SUMMITRY_DB", "postgresql://ana:s3cret@127.0.0.1:1/news")
    result = CliRunner().invoke(cli, ["documents"])
    assert result.exit_code != 0 and "s3cret" not in str(result.exception)


# -- a store in a database -------------------------------------------------------------------


@pytest.fixture
def pg_url(postgres_database):
    """A fresh schema for one PostgreSQL store."""
    return backends.new_schema(postgres_database)


def test_postgresql_reading_an_empty_database_is_no_store(pg_url):
    with pytest.raises(StoreError, match="no store at"):
        open_store(pg_url, create=False)
    open_store(pg_url).close()
    open_store(pg_url, create=False).close()


def test_postgresql_search_without_unaccent_still_works(pg_url, monkeypatch):
    # a server without postgresql-contrib: words are found as written, accents not folded
    monkeypatch.setattr(search_tsvector, "unaccent_available", lambda execute: False)
    with open_store(pg_url) as store:
        store.add_document(make_doc("a", "Jede Jahreszeit ist Frühling."))
        assert store.search("Frühling")["total"] == 1
        assert store.search("Fruhling")["total"] == 0


def _ingest_in_process(url: str, worker: int, start, failures) -> None:
    """One writer: its own documents, and new versions of documents the other writer writes too."""
    try:
        start.wait(timeout=30)
        with open_store(url) as store:  # both open an unmigrated store at once
            for i in range(15):
                store.add_document(make_doc(f"own-{worker}-{i}", f"Eigener Text {worker} Nummer {i}."))
                shared = f"shared-{i}"
                # one transaction, as an ingest must: else the other writer's version of the
                # document may become current between the two, and get this one's extraction
                with store.transaction():
                    store.add_document(make_doc(shared, f"Fassung von {worker}: Text {i}."))
                    quotes = [{"text": f"Zitat {worker}", "speaker": None}]
                    store.save_extraction(shared, {"id": shared, "quotes": quotes})
                store.save_reports(shared, [])
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        failures.put(f"writer {worker}: {traceback.format_exc()}")


def test_store_two_processes_writing_at_once_lose_nothing(store_url):
    ctx = multiprocessing.get_context("fork")
    start, failures = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_ingest_in_process, args=(store_url, w, start, failures)) for w in (1, 2)]
    for p in writers:
        p.start()
    for p in writers:
        p.join(timeout=120)
    assert [p.exitcode for p in writers] == [0, 0]
    assert failures.empty(), failures.get()
    with open_store(store_url) as store:
        listed = store.documents()
        assert len(listed) == 45 and len(store.applied_migrations()) == store.schema_version
        versions = store._rows("SELECT id, version FROM documents WHERE id LIKE 'shared-%' ORDER BY id, version")
        assert [(r["id"], r["version"]) for r in versions] == [(f"shared-{i}", v) for i in sorted(range(15), key=str)
                                                                for v in (1, 2)]
        for i in range(15):  # the current version carries the extraction its writer saved with it
            text = store.get_document(f"shared-{i}").text
            quote = store.get_extraction(f"shared-{i}")["quotes"][0]["text"]
            assert quote == f"Zitat {text.split()[2].rstrip(':')}"


# -- the same results as SQLite --------------------------------------------------------------


# words, inflections, a hyphenated name, OR, umlauts typed without them, a prefix
SEARCHES = ("Putin", "Telefonat", "Xi-Jinping", "Selenskyj OR Scholz", "Prasident", "Gesprach", "Modi Moskau",
            "Biden*", "Woodside", "Macron Peking")


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_postgresql_gives_the_same_events_documents_and_hits_as_sqlite(pg_url, tmp_path, examples_dir):
    outputs = {}
    for name, db in (("sqlite", str(tmp_path / "corpus.db")), ("postgresql", pg_url)):
        _run(db, "ingest", str(examples_dir))
        outputs[name] = {
            "events": _run(db, "events", "--format", "jsonl"),
            "documents": _run(db, "documents", "--format", "jsonl"),
            "search": sorted((query, h["kind"], h["doc_id"], h["speaker"]) for query in SEARCHES
                             for line in _run(db, "search", query, "--limit", "200", "--format", "jsonl").splitlines()
                             for h in [json.loads(line)]),
        }
    assert outputs["sqlite"]["events"].strip() and len(outputs["sqlite"]["search"]) >= 40
    assert outputs["postgresql"] == outputs["sqlite"]
