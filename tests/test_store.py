"""The store: versioning rules, migrations, transactions, lookups, on SQLite and on PostgreSQL.

`store_url` (conftest.py) runs a test once per back end; tests of one back end's own ways
(SQLite's files and pragmas) take a path of their own.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest

from summitry.errors import NoSuchDocument, StoreError
from summitry.offsets import OffsetText
from summitry.records import Document, Span
from summitry.store import AmbiguousDocument, Store, default_db_path, open_store
from summitry.store import base as store_base
from summitry.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration


def make_doc(doc_id: str, text: str, **meta) -> Document:
    """A cleaned document built by hand (clean text = raw text minus the trailing newline)."""
    raw = text + "\n"
    ot = OffsetText.from_raw(raw).strip()
    return Document(
        id=doc_id, source=meta.pop("source", f"{doc_id}.txt"), raw_text=raw, text=ot.text,
        offsets=ot.to_map(), paragraphs=[Span(0, len(ot))], language=meta.pop("language", "de"),
        title=meta.pop("title", None), published=meta.pop("published", None),
        published_source=meta.pop("published_source", None), authors=meta.pop("authors", []),
        content_hash=hashlib.sha256(raw.encode()).hexdigest(), **meta)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


def has_table(store: Store, name: str) -> bool:
    if store.dialect.name == "sqlite":
        return bool(store._rows("SELECT name FROM sqlite_master WHERE name = ?", (name,)))
    return store._rows("SELECT to_regclass(?) IS NOT NULL AS found", (name,))[0]["found"]


def rows(store: Store) -> int:
    return store._rows("SELECT COUNT(*) AS n FROM documents")[0]["n"]


# -- versioning -------------------------------------------------------------

def test_store_new_document_is_listed(store):
    assert store.add_document(make_doc("a", "Erster Text.", title="Titel", authors=["A. Autor"],
                                       published=date(2026, 2, 5))) == "new"
    assert store.documents() == [{"id": "a", "version": 1, "title": "Titel", "language": "de",
                                  "published": "2026-02-05", "authors": ["A. Autor"], "source": "a.txt",
                                  "characters": len("Erster Text.")}]


def test_store_same_content_is_known_and_a_no_op(store):
    store.add_document(make_doc("a", "Erster Text."))
    assert store.add_document(make_doc("a", "Erster Text.")) == "known"
    # The same text under another id is a duplicate, not a second document.
    assert store.add_document(make_doc("b", "Erster Text.")) == "known"
    assert rows(store) == 1


def test_store_same_id_new_content_is_a_version_and_keeps_the_old(store):
    old = make_doc("a", "Erster Text.")
    store.add_document(old)
    assert store.add_document(make_doc("a", "Erster Text, berichtigt.")) == "version"
    assert [(d["id"], d["version"]) for d in store.documents()] == [("a", 2)]
    assert store.get_document("a").text == "Erster Text, berichtigt."
    kept = store.lookup(old.content_hash[:12])
    assert (kept.document.text, kept.version, kept.current) == ("Erster Text.", 1, False)


def test_store_same_url_new_id_is_a_version(store):
    store.add_document(make_doc("a", "Erster Text.", url="https://example.org/x"))
    assert store.add_document(make_doc("a2", "Neuer Text.", url="https://example.org/x")) == "version"
    assert [d["id"] for d in store.documents()] == ["a2"]
    assert store.lookup("a").current is False  # the old id still resolves, to its old text


def test_store_content_back_to_an_earlier_version_makes_it_current(store):
    store.add_document(make_doc("a", "Erste Fassung."))
    store.add_document(make_doc("a", "Zweite Fassung."))
    assert store.add_document(make_doc("a", "Erste Fassung.")) == "version"
    assert store.get_document("a").text == "Erste Fassung."
    assert rows(store) == 2


def test_store_document_round_trips(store):
    doc = make_doc("a", "Kanzler trifft Präsidentin.", title="T", authors=["X", "Y"], published=date(2026, 1, 2),
                   published_source="byline", url="https://example.org/a", format="html", html="<p>…</p>",
                   removed=[{"reason": "boilerplate", "text": "Teilen", "span": Span(0, 6)}])
    store.add_document(doc)
    back = store.get_document("a")
    assert back.removed == [{"reason": "boilerplate", "text": "Teilen", "span": {"start": 0, "end": 6}}]
    back.removed = doc.removed
    assert back == doc
    assert back.raw_span(0, 7) == doc.raw_span(0, 7)


def test_store_stored_ids_names_those_stored_in_any_version(store):
    for i in range(3):
        store.add_document(make_doc(f"d{i}", f"Text {i}."))
    store.add_document(make_doc("d1", "Text 1, corrected."))
    asked = [f"d{i}" for i in range(1200)] + ["d1", "x"]  # more than one query's worth
    assert store.stored_ids(asked) == {"d0", "d1", "d2"}
    assert store.stored_ids([]) == set()


def test_store_replace_events_in_batches_writes_only_changes_and_deletes_the_rest(store):
    def rec(i, version=0):
        return {"id": f"e{i:05d}", "date": "2026-02-04", "version": version, "document_roles": []}

    assert store.replace_events(rec(i) for i in range(1200)) == (1200, 0)  # more than one batch
    wanted = [rec(i, version=1 if i % 100 == 0 else 0) for i in range(100, 1210)]  # 100 gone, 10 new, 11 changed
    assert store.replace_events(iter(wanted)) == (21, 100)
    assert sorted(store.events(), key=lambda e: e["id"]) == wanted
    assert store.replace_events(iter(wanted)) == (0, 0)


def test_store_iter_documents_yields_current_versions_by_id(store):
    for doc_id, text in [("b", "Zwei."), ("a", "Eins."), ("a", "Eins, neu.")]:
        store.add_document(make_doc(doc_id, text))
    assert [(d.id, d.text) for d in store.iter_documents()] == [("a", "Eins, neu."), ("b", "Zwei.")]


# -- lookups ----------------------------------------------------------------

@pytest.mark.parametrize("ref, expected", [
    ("seed-001", "seed-001"),  # exact id wins over being a prefix of seed-0010
    ("seed-0010", "seed-0010"),
    ("seed-002", "seed-002x"),  # unique prefix
])
def test_store_get_document_by_id_or_prefix(store, ref, expected):
    for doc_id in ("seed-001", "seed-0010", "seed-002x"):
        store.add_document(make_doc(doc_id, f"Text von {doc_id}."))
    assert store.get_document(ref).id == expected


def test_store_get_document_by_hash_prefix(store):
    doc = make_doc("a", "Eins.")
    store.add_document(doc)
    assert store.get_document(doc.content_hash[:8]).id == "a"


@pytest.mark.parametrize("ref", ["zzz", "", "seed-9"])
def test_store_get_document_unknown_raises(store, ref):
    store.add_document(make_doc("seed-1", "Eins."))
    with pytest.raises(NoSuchDocument):
        store.get_document(ref)


def test_store_get_document_ambiguous_prefix_raises(store):
    store.add_document(make_doc("seed-1", "Eins."))
    store.add_document(make_doc("seed-2", "Zwei."))
    with pytest.raises(AmbiguousDocument, match="seed-1, seed-2"):
        store.get_document("seed-")


# -- extractions ------------------------------------------------------------

def test_store_extraction_round_trips_and_belongs_to_one_version(store):
    store.add_document(make_doc("a", "Eins."))
    assert store.get_extraction("a") is None
    record = {"id": "a", "contacts": [{"kind": "meeting"}], "quotes": [], "topics": ["trade"]}
    store.save_extraction("a", record)
    store.save_extraction("a", record | {"topics": []})  # replaces, does not add
    assert store.get_extraction("a")["topics"] == []
    assert store.lookup("a").record()["contacts"] == [{"kind": "meeting"}]
    store.add_document(make_doc("a", "Eins, neu."))
    assert store.get_extraction("a") is None  # the new text has not been extracted yet


def test_store_extraction_of_unknown_document_raises(store):
    with pytest.raises(NoSuchDocument):
        store.save_extraction("nope", {})


# -- transactions -----------------------------------------------------------

def test_store_failed_write_leaves_nothing_half_written(store, monkeypatch):
    store.add_document(make_doc("a", "Eins."))

    def broken_insert(self, doc, **kw):
        raise sqlite3.OperationalError("disk I/O error")

    # The old version has been marked not current when the insert fails: that must be undone.
    monkeypatch.setattr(Store, "_insert_document", broken_insert)
    with pytest.raises(sqlite3.OperationalError):
        store.add_document(make_doc("a", "Eins, neu."))
    monkeypatch.undo()
    assert [(d["id"], d["version"]) for d in store.documents()] == [("a", 1)]
    assert store.get_document("a").text == "Eins."
    assert store.add_document(make_doc("b", "Zwei.")) == "new"  # the store is still usable


def test_store_failed_migration_is_rolled_back(store_url, monkeypatch):
    path = store_url
    open_store(path).close()

    def half_done(execute, dialect):
        execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS + (Migration("0099_half_done", half_done),))
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        open_store(path)
    monkeypatch.undo()
    with open_store(path) as s:
        assert not has_table(s, "half_done")
        assert s.schema_version == SCHEMA_VERSION


# -- schema -----------------------------------------------------------------

def test_store_migrations_are_recorded_once(store_url):
    path = store_url
    for _ in range(2):
        with open_store(path) as s:
            assert [m["name"] for m in s.applied_migrations()] == [m.name for m in MIGRATIONS]
            assert s.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize("version, name, message", [
    (SCHEMA_VERSION + 1, "9999_from_the_future", "newer than"),
    (1, None, "does not know"),
])
def test_store_unknown_schema_is_refused(store_url, version, name, message):
    path = store_url
    with open_store(path) as s, s.transaction():
        if name is None:  # same number, another migration: a diverged schema
            s._execute("UPDATE migrations SET name = 'other' WHERE version = ?", (version,))
        else:
            s._execute("INSERT INTO migrations VALUES (?, ?, '2030-01-01')", (version, name))
    with pytest.raises(StoreError, match=message):
        open_store(path)


def test_store_uses_wal_synchronous_normal_and_foreign_keys(tmp_path):
    with open_store(str(tmp_path / "store.db")) as store:
        assert store._rows("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
        assert store._rows("PRAGMA synchronous")[0]["synchronous"] == 1  # NORMAL: no fsync per commit
        assert store._rows("PRAGMA foreign_keys")[0]["foreign_keys"] == 1


def test_store_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database, just notes\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(path))


def test_store_missing_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "typo.db"), create=False)
    assert not (tmp_path / "typo.db").exists()


def test_store_default_path_is_per_user_unless_env_says(tmp_path, monkeypatch):
    monkeypatch.delenv("SUMMITRY_DB", raising=False)
    monkeypatch.setattr("summitry.store.user_data_dir", lambda app, appauthor=None: str(tmp_path / "data" / app))
    assert default_db_path() == tmp_path / "data" / "summitry" / "summitry.db"
    with open_store(None) as s:
        s.add_document(make_doc("a", "Eins."))
    assert (tmp_path / "data" / "summitry" / "summitry.db").exists()
    monkeypatch.setenv("SUMMITRY_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"


def test_store_in_memory(tmp_path):
    with open_store(":memory:") as s:
        assert s.add_document(make_doc("a", "Eins.")) == "new"


def test_store_upgrades_an_older_store_in_place(store_url, monkeypatch):
    path = store_url
    with monkeypatch.context() as m:  # a store written before the last migration existed
        m.setattr(store_base, "MIGRATIONS", MIGRATIONS[:-1])
        m.setattr(store_base, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        old = open_store(path)
    with old, old.transaction():  # a document as the older code wrote it
        old._execute(
            "INSERT INTO documents (id, version, source, format, authors, content_hash, raw_text, clean_text,"
            " n_chars, offsets, paragraphs, removed, ingested_at) VALUES ('kept', 1, 'kept.txt', 'txt', '[]', 'h1',"
            " ?, ?, 39, '[[0, 39, 0, 39, 1]]', '[[0, 39]]', '[]', '2026-01-01T00:00:00+00:00')",
            ("Ein Text, der die Umstellung übersteht.\n", "Ein Text, der die Umstellung übersteht."))
    with open_store(path) as upgraded:
        assert upgraded.schema_version == SCHEMA_VERSION
        doc = upgraded.get_document("kept")
        assert doc.text == "Ein Text, der die Umstellung übersteht." and doc.published_month is None
        upgraded.add_document(make_doc("new", "Ein neuer Text.", published_month="2025-02"))
        assert upgraded.get_document("new").published_month == "2025-02"
