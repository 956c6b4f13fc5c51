"""An ingest cut off half-way and run again with the same arguments: nothing lost, nothing twice."""

from __future__ import annotations

import shutil

import pytest

from summitry.events.persist import stored_events
from summitry.ingest import ingest_inputs, ingest_paths
from summitry.read import read_inputs
from summitry.store import open_store


class Interrupted(KeyboardInterrupt):
    pass


def _state(store):
    docs = store.documents()
    return ([(d["id"], d["version"]) for d in docs], [store.get_extraction(d["id"]) is not None for d in docs],
            stored_events(store))


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_ingest_resumes_without_duplicates_or_losses(examples_dir, tmp_path, workers):
    corpus = tmp_path / "corpus"
    shutil.copytree(examples_dir, corpus)
    with open_store(str(tmp_path / "whole.db")) as store:
        ingest_paths([str(corpus)], store, workers=workers)
        whole = _state(store)

    seen = []

    def stop_after_three(outcome, detail):
        seen.append(detail)
        if len(seen) == 3:
            raise Interrupted

    db = str(tmp_path / "cut.db")
    with open_store(db) as store, pytest.raises(Interrupted):
        ingest_paths([str(corpus)], store, progress=stop_after_three, workers=workers)
    with open_store(db) as store:
        assert len(store.documents()) == 3
        report = ingest_paths([str(corpus)], store, workers=workers)
        assert (report.known, report.failed) == (3, 0)
        assert _state(store) == whole


def test_two_ingests_at_once_keep_each_others_events(examples_dir, tmp_path):
    """A reads the stored reports, B stores its documents and events, then A stores one and saves its
    events last: they still hold B's."""
    files = sorted(str(p) for p in examples_dir.iterdir() if p.suffix == ".txt")
    with open_store(str(tmp_path / "whole.db")) as whole:
        ingest_paths(files, whole)
        expected = stored_events(whole)

    db = str(tmp_path / "two.db")

    def a_reads_while_b_ingests():
        with open_store(db) as b:
            ingest_paths(files[1:], b)
        yield from read_inputs(files[:1])

    with open_store(db) as a:
        ingest_inputs([(files[0], a_reads_while_b_ingests())], a)
        assert stored_events(a) == expected
