"""The numbered stages from raw input to extracted facts.

1. read      paths → RawDocument            (summitry.read)
2. clean     RawDocument → Document         (summitry.clean)
3. sentences Document → sentence spans      (summitry.annotate.sentences)
4. actors    → Mentions                     (summitry.annotate.actors)
5. dates     → Timexes                      (summitry.annotate.timex)
6. quotes    → Quotes with speakers         (summitry.annotate.quotes)
7. topics    → document topics, Statements  (summitry.annotate.topics)
8. contacts  → Contacts                     (summitry.extract)
9. events    → events across documents      (summitry.events; kept up to date in the store)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from summitry.annotate.actors import find_mentions
from summitry.annotate.quotes import find_quotes
from summitry.annotate.sentences import split_sentences
from summitry.annotate.timex import tag_timexes
from summitry.annotate.topics import tag_topics
from summitry.clean import clean_document
from summitry.errors import InputError, SummitryError
from summitry.extract import extract_contacts
from summitry.read import read_inputs
from summitry.records import Document, Extraction, RawDocument


def extract_document(doc: Document) -> Extraction:
    """Stages 3–8 on one cleaned document."""
    ex = Extraction(document=doc)
    lang = doc.language
    ex.sentences = split_sentences(doc.text, lang)  # 3
    ex.mentions = find_mentions(doc.text, ex.sentences, published=doc.published, lang=lang)  # 4
    ex.timexes = tag_timexes(doc.text, published=doc.published, lang=lang)  # 5
    ex.quotes = find_quotes(doc.text, ex.sentences, ex.mentions, lang=lang)  # 6
    ex.topics, ex.statements = tag_topics(doc.text, ex.sentences, lang=lang)  # 7
    ex.contacts = extract_contacts(ex)  # 8
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
        except SummitryError as exc:
            yield InputError(doc.source, str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
            yield InputError(doc.source, f"internal error ({type(exc).__name__}: {exc})")
            continue
        record = extraction_record(ex)
        store.save_extraction(doc.id, record)
        add_document(store, index, record, doc.text)
        yield ex
    save_events(store, index)


def process_paths(paths: Sequence[str]) -> Iterator[Extraction | InputError]:
    """Stages 1–8 over files; a bad input yields an InputError and the batch goes on."""
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield process(item)
        except SummitryError as exc:
            yield InputError(item.source, str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken document must not end the batch
            yield InputError(item.source, f"internal error ({type(exc).__name__}: {exc})")
