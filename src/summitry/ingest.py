"""Ingest: read, clean, extract and store documents, one bad input never stopping the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from summitry.clean import clean_document
from summitry.errors import InputError, SummitryError
from summitry.output import extraction_record
from summitry.pipeline import extract_document
from summitry.read import ReadOptions, read_inputs
from summitry.records import RawDocument
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


def _problem(exc: BaseException) -> str:
    """A one-line description of an exception nobody anticipated."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"internal error ({type(exc).__name__}: {exc})"


def ingest_paths(paths: Iterable[str], store: Store, *, progress: Progress | None = None,
                 options: ReadOptions | None = None) -> IngestReport:
    """Read, clean, extract and store every document under `paths` (files, folders, URLs, feeds,
    archives); errors are collected, not raised."""
    options = options or ReadOptions()
    return ingest_inputs(((path, read_inputs([path], options)) for path in paths), store, progress=progress)


def ingest_inputs(inputs: Iterable[tuple[str, Iterator[RawDocument | InputError]]], store: Store, *,
                  progress: Progress | None = None) -> IngestReport:
    """`ingest_paths` on inputs already opened: (name, reader) pairs, as the web app's uploads come."""
    report = IngestReport()
    from summitry.events.persist import add_document, load_index, save_events

    index = load_index(store)

    def failed(source: str, problem: str) -> None:
        line = f"ERROR: {source}: {problem}"
        report.failed += 1
        report.errors.append(line)
        if progress:
            progress("failed", line)

    # One path at a time: if a reader breaks off with an exception instead of yielding an
    # InputError, only the rest of that path is lost, not the rest of the batch.
    for path, items in inputs:
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - the reader's own bug, reported as input error
                failed(getattr(exc, "filename", None) or path, _problem(exc))
                break
            if isinstance(item, InputError):
                failed(item.source, item.problem)
                continue
            try:
                # Cleaning costs far more than storing; a text stored already needs none.
                if store.is_known(item.content_hash, item.id):
                    outcome = "known"
                else:
                    doc = clean_document(item)
                    # extract before storing: a document that breaks extraction is stored not at all
                    record = extraction_record(extract_document(doc))
                    outcome = store.add_document(doc)
                    if outcome != "known":
                        store.save_extraction(doc.id, record)
                        add_document(store, index, record, doc.text)
            except InputError as exc:
                failed(exc.source, exc.problem)
                continue
            except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
                failed(item.source, str(exc) if isinstance(exc, SummitryError) else _problem(exc))
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
