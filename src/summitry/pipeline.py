"""The numbered stages from raw input to extracted facts.

1. read      paths → RawDocument            (summitry.read)
2. clean     RawDocument → Document         (summitry.clean)
3. sentences Document → sentence spans      (summitry.annotate.sentences)
4. actors    → Mentions                     (summitry.annotate.actors)
5. dates     → Timexes                      (summitry.annotate.timex)
6. quotes    → Quotes with speakers         (summitry.annotate.quotes)
7. topics    → document topics, Statements  (summitry.annotate.topics)
8. contacts  → Contacts                     (summitry.extract)
9. sides     → the side of each Statement   (summitry.extract.sides)
10. events   → events across documents      (summitry.events; kept up to date in the store)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from summitry.annotate.actors import find_mentions
from summitry.annotate.quotes import find_quotes
from summitry.annotate.sentences import split_sentences
from summitry.annotate.timex import tag_timexes
from summitry.annotate.topics import tag_topics
from summitry.clean import clean_document
from summitry.errors import InputError, problem_of
from summitry.extract import extract_contacts
from summitry.extract.sides import assign_sides
from summitry.parallel import ordered_map
from summitry.read import read_inputs
from summitry.records import Document, Extraction, RawDocument


def _sentences(ex: Extraction) -> None:
    ex.sentences = split_sentences(ex.document.text, ex.document.language)


def _actors(ex: Extraction) -> None:
    doc = ex.document
    ex.mentions = find_mentions(doc.text, ex.sentences, published=doc.published, lang=doc.language)


def _timexes(ex: Extraction) -> None:
    doc = ex.document
    ex.timexes = tag_timexes(doc.text, published=doc.published, lang=doc.language,
                             published_month=doc.published_month)


def _quotes(ex: Extraction) -> None:
    ex.quotes = find_quotes(ex.document.text, ex.sentences, ex.mentions, lang=ex.document.language)


def _topics(ex: Extraction) -> None:
    ex.topics, ex.statements = tag_topics(ex.document.text, ex.sentences, lang=ex.document.language)


def _contacts(ex: Extraction) -> None:
    ex.contacts = extract_contacts(ex)


# Stages 3–9 in order, each filling its part of the Extraction (bench/bench_extract.py times them one by one).
STAGES: tuple[tuple[str, Callable[[Extraction], None]], ...] = (
    ("sentences", _sentences), ("actors", _actors), ("timex", _timexes), ("quotes", _quotes),
    ("topics", _topics), ("contacts", _contacts), ("sides", assign_sides),
)


def extract_document(doc: Document) -> Extraction:
    """Stages 3–9 on one cleaned document."""
    ex = Extraction(document=doc)
    for _, stage in STAGES:
        stage(ex)
    return ex


def process(raw: RawDocument) -> Extraction:
    """Stages 2–8 on one raw document."""
    return extract_document(clean_document(raw))


def extract_stored(store) -> Iterator[Extraction | InputError]:
    """Stages 3–8 again on every stored document, saving each result in the store."""
    from summitry.events.persist import add_document, load_index, save_events
    from summitry.output import extraction_record

    index = load_index(store)
    for doc in store.iter_documents():
        try:
            ex = extract_document(doc)
        except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
            yield InputError(doc.source, problem_of(exc))
            continue
        record = extraction_record(ex)
        store.save_extraction(doc.id, record)
        add_document(store, index, record, doc.text)
        yield ex
    save_events(store, index)


def process_item(item: RawDocument | InputError) -> Extraction | InputError:
    """Stages 2–9 on one read input; an input that could not be read, or breaks a stage, is an
    InputError (returned, not raised: this runs in worker processes too)."""
    if isinstance(item, InputError):
        return item
    try:
        return process(item)
    except InputError as exc:  # it names its input already
        return exc
    except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
        return InputError(item.source, problem_of(exc))


def process_paths(paths: Sequence[str], *, workers: int = 1, cluster: str | None = None,
                  finish: Callable[[Extraction], Any] | None = None) -> Iterator[Any]:
    """Stages 1–9 over files, in input order on `workers` processes (or the Dask cluster whose
    scheduler is at `cluster`); a bad input yields an InputError and the batch goes on.

    Yields each Extraction, or what `finish` (a module-level function) makes of it where it was
    extracted: an extraction record comes back from a worker several times faster than the
    objects it is made of.
    """
    if workers > 1 and not cluster:
        warm_up()
    work = process_item if finish is None else partial(_finished, finish=finish)
    yield from ordered_map(work, read_inputs(paths), workers, cluster=cluster)


def _finished(item: RawDocument | InputError, finish: Callable[[Extraction], Any]) -> Any:
    """`process_item`, then `finish` on its extraction (an InputError stays one)."""
    result = process_item(item)
    if isinstance(result, InputError):
        return result
    try:
        return finish(result)
    except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
        return InputError(result.document.source, problem_of(exc))


def warm_up() -> None:
    """Load every language's data and patterns now, so forked workers share them."""
    from summitry.clean.metadata import load_lemma_dictionaries

    for lang, text in (("de", "Kremlchef Putin telefonierte am Montag mit Xi Jinping."),
                       ("en", "Putin spoke with Xi Jinping by phone on Monday.")):
        process(RawDocument(id=f"warm-up-{lang}", source="warm-up", text=text, lang=lang))
    load_lemma_dictionaries()  # here, not once per worker at its first unlabelled document (or built, on a first run)
