"""Ingest: read, clean, extract and store documents, one bad input never stopping the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from summitry.errors import InputError, problem_of
from summitry.events.reports import TextClues, text_clues
from summitry.output import extraction_record
from summitry.pipeline import process_item
from summitry.read import ReadOptions, read_inputs
from summitry.records import Document, RawDocument
from summitry.store import Store

# progress(outcome, detail): outcome is "new" | "known" | "version" | "failed";
# detail is the document id, or the error line when it failed.
Progress = Callable[[str, str], None]


@dataclass
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    known: int = 0
    versions: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # "ERROR: <source>: <problem>", in input order

    @property
    def total(self) -> int:
        return self.new + self.known + self.versions + self.failed

    def summary(self) -> str:
        """The one-line summary the CLI prints."""
        return (f"ingested {self.total} documents: {self.new} new, {self.known} already known, "
                f"{self.versions} new versions, {self.failed} failed")


def ingest_paths(paths: Iterable[str], store: Store, *, progress: Progress | None = None,
                 options: ReadOptions | None = None, workers: int = 1, cluster: str | None = None) -> IngestReport:
    """Read, clean, extract and store every document under `paths` (files, folders, URLs, feeds,
    archives); errors are collected, not raised. Cleaning and extraction run on `workers`
    processes (or on the Dask cluster whose scheduler is at `cluster`); documents are stored in
    input order all the same."""
    options = options or ReadOptions()
    return ingest_inputs(((path, read_inputs([path], options)) for path in paths), store, progress=progress,
                         workers=workers, cluster=cluster)


def _read_items(inputs: Iterable[tuple[str, Iterator[RawDocument | InputError]]]
                ) -> Iterator[RawDocument | InputError]:
    """Every input's documents in order. One path at a time: if a reader breaks off with an exception
    instead of yielding an InputError, only the rest of that path is lost, not the rest of the batch."""
    for path, items in inputs:
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - the reader's own bug, reported as input error
                yield InputError(getattr(exc, "filename", None) or path, problem_of(exc))
                break
            yield item


Prepared = tuple[RawDocument | InputError, tuple[Document, dict, TextClues] | InputError | None]


def prepare(job: tuple[RawDocument | InputError, bool]) -> Prepared:
    """(item, its clean document and extraction record | the error it gave | None when it is stored
    already): the costly part of ingest, run in worker processes too, so errors are returned."""
    item, known = job
    if known or isinstance(item, InputError):
        return item, None
    ex = process_item(item)
    if isinstance(ex, InputError):
        return item, ex
    record = extraction_record(ex)
    # what the events need from the text, found here too: the process that stores has enough to do
    return item, (ex.document, record, text_clues(record, ex.document.text))


def ingest_inputs(inputs: Iterable[tuple[str, Iterator[RawDocument | InputError]]], store: Store, *,
                  progress: Progress | None = None, workers: int = 1, cluster: str | None = None) -> IngestReport:
    """`ingest_paths` on inputs already opened: (name, reader) pairs, as the web app's uploads come."""
    report = IngestReport()
    from summitry.events.persist import add_document, load_index, save_events
    from summitry.parallel import ordered_map
    from summitry.pipeline import warm_up

    index = load_index(store)

    def failed(source: str, problem: str) -> None:
        line = f"ERROR: {source}: {problem}"
        report.failed += 1
        report.errors.append(line)
        if progress:
            progress("failed", line)

    def known(item: RawDocument | InputError) -> bool:
        # cleaning costs far more than storing: a text stored already needs none
        try:
            return isinstance(item, RawDocument) and store.is_known(item.content_hash, item.id)
        except Exception:  # noqa: BLE001 - storing it will say what is wrong with the store
            return False

    if workers > 1 and not cluster:
        warm_up()
    jobs = ((item, known(item)) for item in _read_items(inputs))
    for item, prepared in ordered_map(prepare, jobs, workers, cluster=cluster):
        if isinstance(item, InputError):
            failed(item.source, item.problem)
            continue
        if isinstance(prepared, InputError):
            failed(prepared.source, prepared.problem)
            continue
        try:
            outcome = "known"
            if prepared is not None:
                # extracted before storing: a document that breaks extraction is stored not at all
                doc, record, clues = prepared
                # one transaction: an ingest cut off here leaves the document stored with its
                # extraction and reports, or not at all, so running it again loses nothing
                with store.transaction():
                    outcome = store.add_document(doc)
                    if outcome != "known":
                        store.save_extraction(doc.id, record)
                        add_document(store, index, record, doc.text, clues)
        except InputError as exc:
            failed(exc.source, exc.problem)
            continue
        except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
            failed(item.source, problem_of(exc))
            continue
        if outcome == "new":
            report.new += 1
        elif outcome == "known":
            report.known += 1
        else:
            report.versions += 1
        if progress:
            progress(outcome, item.id)
    save_events(store, index)
    return report
