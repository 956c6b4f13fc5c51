"""`summitry ingest`, `documents` and `show` through click's CliRunner, on small hand-written files."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from summitry.cli import cli
from summitry.errors import NoSuchDocument
from summitry.ingest import ingest_paths
from summitry.store import open_store

TEXTS = {
    "alpha.txt": "Die Kanzlerin telefonierte am Montag mit dem Präsidenten.\n\nEs ging um Handel.\n",
    "beta.txt": "The two leaders met in Geneva on Tuesday.\n",
}
JSONL = [
    {"id": "feed-1", "text": "Die Minister trafen sich in Wien."},
    {"id": "feed-2", "text": "The president called his counterpart."},
]
IDS = ["alpha", "beta", "feed-1", "feed-2"]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in JSONL), encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.db")


def run(db, *args, **kw):
    return CliRunner().invoke(cli, ["--db", db, *args], **kw)


def summary(result) -> tuple[int, ...]:
    m = re.search(r"ingested (\d+) documents: (\d+) new, (\d+) already known, (\d+) new versions, (\d+) failed",
                  result.stdout)
    assert m, result.output
    return tuple(int(g) for g in m.groups())


def stored_ids(db) -> list[str]:
    with open_store(db) as store:
        return [d["id"] for d in store.documents()]


def test_cli_ingest_twice_second_run_all_known(corpus, db):
    first = run(db, "ingest", str(corpus))
    assert first.exit_code == 0, first.output
    assert summary(first) == (4, 4, 0, 0, 0)
    assert first.stderr == ""  # no progress bar when stderr is not a terminal
    second = run(db, "ingest", str(corpus))
    assert second.exit_code == 0
    assert summary(second) == (4, 0, 4, 0, 0)
    assert stored_ids(db) == IDS


def test_cli_ingest_changed_file_is_a_new_version(corpus, db):
    run(db, "ingest", str(corpus))
    (corpus / "beta.txt").write_text("The two leaders met in Geneva on Wednesday.\n", encoding="utf-8")
    result = run(db, "ingest", str(corpus))
    assert summary(result) == (4, 0, 3, 1, 0)
    beta = json.loads(run(db, "show", "beta", "--format", "json").stdout)
    assert (beta["version"], beta["text"]) == (2, "The two leaders met in Geneva on Wednesday.")


@pytest.mark.parametrize("bad_name, content", [
    ("broken.jsonl", '{"id": "x", "text": \n'),  # not JSON
    ("missing.txt", None),  # named on the command line, not there
])
def test_cli_ingest_bad_file_among_good_ones(corpus, db, bad_name, content):
    bad = corpus.parent / bad_name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = run(db, "ingest", str(corpus / "alpha.txt"), str(bad), str(corpus / "beta.txt"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line]
    assert len(errors) == 1 and errors[0].startswith("ERROR: ") and bad_name in errors[0]
    assert summary(result) == (3, 2, 0, 0, 1)
    assert stored_ids(db) == ["alpha", "beta"]


def test_cli_ingest_unexpected_failure_is_reported_and_batch_goes_on(corpus, db, monkeypatch):
    import summitry.pipeline

    real_clean = summitry.pipeline.clean_document

    def clean(raw):
        if raw.id == "alpha":
            raise ZeroDivisionError("cleaner bug")
        return real_clean(raw)

    monkeypatch.setattr(summitry.pipeline, "clean_document", clean)  # ingest cleans through the pipeline
    result = run(db, "ingest", str(corpus))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("ERROR: ")
    assert "alpha.txt" in result.stderr and "cleaner bug" in result.stderr
    assert summary(result) == (4, 3, 0, 0, 1)
    assert stored_ids(db) == ["beta", "feed-1", "feed-2"]


def test_ingest_paths_reports_progress(corpus, tmp_path):
    seen = []
    with open_store(str(tmp_path / "lib.db")) as store:
        report = ingest_paths([str(corpus), str(tmp_path / "nothere.txt")], store,
                              progress=lambda outcome, detail: seen.append(outcome))
    assert (report.new, report.known, report.versions, report.failed) == (4, 0, 0, 1)
    assert seen == ["new"] * 4 + ["failed"]
    assert report.errors[0].startswith("ERROR: ") and "nothere.txt" in report.errors[0]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_cli_documents_formats(corpus, db, fmt):
    run(db, "ingest", str(corpus))
    result = run(db, "documents", "--format", fmt)
    assert result.exit_code == 0
    records = ([json.loads(line) for line in result.stdout.splitlines()] if fmt == "jsonl"
               else json.loads(result.stdout))
    assert [r["id"] for r in records] == IDS
    assert set(records[0]) >= {"id", "version", "title", "language", "published", "authors", "source", "characters"}
    assert records[0]["version"] == 1 and records[0]["source"].endswith("alpha.txt")


def test_cli_documents_table(corpus, db):
    run(db, "ingest", str(corpus))
    result = run(db, "documents")
    assert result.exit_code == 0
    assert all(doc_id in result.stdout for doc_id in IDS)


def test_cli_show_without_and_with_raw(corpus, db):
    run(db, "ingest", str(corpus))
    plain = run(db, "show", "alpha")
    assert plain.exit_code == 0
    assert "Es ging um Handel." in plain.stdout and "original" not in plain.stdout
    raw = run(db, "show", "alpha", "--raw")
    assert raw.exit_code == 0 and "original" in raw.stdout


def test_cli_show_json(corpus, db):
    run(db, "ingest", str(corpus))
    rec = json.loads(run(db, "show", "alpha", "--format", "json").stdout)
    assert rec["id"] == "alpha" and "Es ging um Handel." in rec["text"]
    assert rec["paragraphs"] and "raw_text" not in rec and "contacts" in rec  # ingest extracts as it stores
    with_raw = json.loads(run(db, "show", "alpha", "--raw", "--format", "json").stdout)
    assert with_raw["raw_text"] == TEXTS["alpha.txt"]


def test_cli_show_json_includes_stored_extraction(corpus, db):
    run(db, "ingest", str(corpus))
    contact = {"kind": "phone_call", "status": "occurred", "participants": [], "date": None, "main": True,
               "evidence": []}
    with open_store(db) as store:
        store.save_extraction("beta", {"id": "beta", "contacts": [contact], "quotes": [], "topics": []})
    rec = json.loads(run(db, "show", "beta", "--format", "json").stdout)
    assert rec["contacts"] == [contact] and rec["quotes"] == []
    table = run(db, "show", "beta")
    assert table.exit_code == 0 and "phone_call" in table.stdout


def test_cli_show_by_prefix_and_unknown(corpus, db):
    run(db, "ingest", str(corpus))
    assert json.loads(run(db, "show", "alp", "--format", "json").stdout)["id"] == "alpha"
    missing = run(db, "show", "nothing-like-it")
    assert missing.exit_code == 1 and isinstance(missing.exception, NoSuchDocument)


def test_cli_db_option_and_env(corpus, tmp_path):
    env_db, opt_db = tmp_path / "env.db", tmp_path / "opt.db"
    runner = CliRunner(env={"SUMMITRY_DB": str(env_db)})
    assert runner.invoke(cli, ["ingest", str(corpus / "alpha.txt")]).exit_code == 0
    assert stored_ids(str(env_db)) == ["alpha"]
    # --db wins over the environment.
    assert runner.invoke(cli, ["--db", str(opt_db), "ingest", str(corpus / "beta.txt")]).exit_code == 0
    assert stored_ids(str(opt_db)) == ["beta"]
    assert stored_ids(str(env_db)) == ["alpha"]
    listed = runner.invoke(cli, ["documents", "--format", "jsonl"])
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == ["alpha"]


def test_cli_ingest_known_text_is_not_cleaned_again(corpus, db, monkeypatch):
    import summitry.pipeline

    run(db, "ingest", str(corpus))

    def clean(raw):
        raise AssertionError(f"{raw.id} cleaned again")

    monkeypatch.setattr(summitry.pipeline, "clean_document", clean)
    result = run(db, "ingest", str(corpus))
    assert result.exit_code == 0 and summary(result) == (4, 0, 4, 0, 0)


def test_cli_ingest_sample_corpus_and_seeds_twice_stores_each_once(db):
    from conftest import EXAMPLES, SHARED

    paths = [str(EXAMPLES)]
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    first = run(db, "ingest", *paths)
    assert first.exit_code == 0, first.output
    total, new, known, versions, failed = summary(first)
    assert (new, known, versions, failed) == (total, 0, 0, 0) and total >= 8
    second = run(db, "ingest", *paths)
    assert summary(second) == (total, 0, total, 0, 0)
    listed = run(db, "documents", "--format", "jsonl")
    assert len(listed.stdout.splitlines()) == total
