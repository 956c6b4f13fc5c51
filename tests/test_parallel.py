"""Extraction on several worker processes: the same results, in the same order, as on one."""

from __future__ import annotations

import json
import pickle
import shutil

import pytest
from click.testing import CliRunner

from summitry.cli import cli
from summitry.errors import InputError
from summitry.ingest import ingest_paths
from summitry.output import extraction_record
from summitry.parallel import ordered_map
from summitry.pipeline import process_paths
from summitry.store import open_store


def _square(n: int) -> int:
    return n * n


def test_ordered_map_keeps_input_order_on_several_workers():
    assert list(ordered_map(_square, range(50), workers=2, ahead=3)) == [n * n for n in range(50)]


def test_ordered_map_reads_at_most_ahead_inputs_before_the_first_result():
    pulled = []

    def items():
        for n in range(40):
            pulled.append(n)
            yield n

    results = ordered_map(_square, items(), workers=2, ahead=4)
    assert next(results) == 0
    assert len(pulled) == 4  # bounded: the rest of the input is not read yet
    assert list(results) == [n * n for n in range(1, 40)]


def test_ordered_map_sends_inputs_in_batches_in_order_and_bounded():
    pulled = []

    def items():
        for n in range(101):  # not a whole number of batches
            pulled.append(n)
            yield n

    results = ordered_map(_square, items(), workers=2, ahead=16)  # batches of 4, four in flight
    assert next(results) == 0
    assert len(pulled) == 16
    assert list(results) == [n * n for n in range(1, 101)]


def test_ordered_map_on_one_worker_runs_in_this_process():
    seen = []
    assert list(ordered_map(seen.append, [1, 2], workers=1)) == [None, None] and seen == [1, 2]


def test_input_error_survives_the_trip_from_a_worker():
    err = pickle.loads(pickle.dumps(InputError("a.txt", "empty file")))
    assert (type(err), err.source, err.problem, str(err)) == (InputError, "a.txt", "empty file", "a.txt: empty file")


def _records(paths, workers):
    out = []
    for item in process_paths(paths, workers=workers):
        out.append(str(item) if isinstance(item, InputError) else extraction_record(item))
    return out


def test_extraction_on_two_workers_equals_one(examples_dir, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    paths = [str(examples_dir), str(bad)]
    one = _records(paths, workers=1)
    assert _records(paths, workers=2) == one
    assert any(isinstance(r, str) and "empty.txt" in r for r in one)  # the bad input, in its place


def _stored_events(db: str) -> list[str]:
    result = CliRunner().invoke(cli, ["--db", db, "events", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_ingest_on_two_workers_stores_the_same_documents_and_events(examples_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(examples_dir, corpus)
    stores = {}
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        with open_store(db) as store:
            report = ingest_paths([str(corpus)], store, workers=workers)
            documents = [(d["id"], d["version"], d["characters"], store.get_extraction(d["id"])) for d in
                         store.documents()]
        stores[workers] = (report.summary(), documents, _stored_events(db))
    assert stores[2] == stores[1]
    assert stores[1][2], "the examples make events"


def test_cli_extract_with_workers(examples_dir):
    one = CliRunner().invoke(cli, ["extract", str(examples_dir), "--format", "jsonl", "--workers", "1"])
    two = CliRunner().invoke(cli, ["extract", str(examples_dir), "--format", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert two.output == one.output and [json.loads(line)["id"] for line in one.output.splitlines()]


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        yield cluster.scheduler_address


def test_extraction_on_a_dask_cluster_equals_one_process(examples_dir, tmp_path, dask_cluster):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    paths = [str(examples_dir), str(bad)]
    assert [r for r in (str(i) if isinstance(i, InputError) else extraction_record(i)
                        for i in process_paths(paths, cluster=dask_cluster))] == _records(paths, workers=1)


def test_ingest_on_a_dask_cluster_stores_the_same_events(examples_dir, tmp_path, dask_cluster):
    corpus = tmp_path / "corpus"
    shutil.copytree(examples_dir, corpus)
    events = {}
    for where in ("local", "cluster"):
        db = str(tmp_path / f"{where}.db")
        with open_store(db) as store:
            ingest_paths([str(corpus)], store, cluster=dask_cluster if where == "cluster" else None)
        events[where] = _stored_events(db)
    assert events["cluster"] == events["local"] and events["local"]


def test_an_unreachable_cluster_is_one_clear_error(examples_dir, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("summitry.parallel.CONNECT_TIMEOUT_SECONDS", 1)
    result = CliRunner().invoke(cli, ["extract", str(examples_dir), "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in str(result.exception or result.output)


WARMED_THEN_DETECT = """
import simplemma.strategies.dictionaries.trie_dictionary_factory as tries
from summitry.pipeline import process, warm_up
from summitry.records import RawDocument

warm_up()
def refuse(*args, **kwargs):
    raise AssertionError("a lemma dictionary was loaded after the warm-up")
tries.BytesTrie = tries._load_dictionary_from_disk = refuse  # what loading a cached or a new trie calls
doc = process(RawDocument(id="x", source="t", text="Die Regierung sprach am Montag mit der Opposition. " * 3))
print(doc.document.language)
"""


def test_warm_up_loads_what_a_worker_would_load_at_its_first_document():
    # a fresh process: in this one, earlier tests have loaded everything already
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", WARMED_THEN_DETECT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "de"
