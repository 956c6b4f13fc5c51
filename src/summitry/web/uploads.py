"""Ingest from the browser or the API: uploaded files and pasted text, through the CLI's ingest.

Uploads are written to a private temporary folder only so the ordinary readers (by file
suffix) can read them; each document's source is recorded as `upload:<name>`, never the
temporary path.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from summitry.errors import InputError, NoSuchDocument, SummitryError
from summitry.ingest import ingest_inputs
from summitry.read import SUPPORTED, read_path
from summitry.records import RawDocument

MAX_UPLOAD_BYTES = 5_000_000  # per request, files and pasted text together
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(SummitryError):
    """The request holds nothing to ingest, or something that cannot be."""


@dataclass
class Upload:
    filename: str
    data: bytes


@dataclass
class PastedText:
    text: str
    doc_id: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str | None = None


def safe_name(filename: str) -> str:
    """The file's own name without folders or odd characters ('../../x y.txt' → 'x_y.txt')."""
    base = Path(filename.replace("\\", "/")).name
    return _UNSAFE.sub("_", base).lstrip(".") or "upload"


def _pasted_document(p: PastedText) -> RawDocument:
    text = p.text.replace("\r\n", "\n")
    doc_id = safe_name(p.doc_id) if p.doc_id else "pasted-" + hashlib.sha256(text.encode()).hexdigest()[:10]
    return RawDocument(id=doc_id, source="pasted", text=text, format="txt", published=p.published, lang=p.lang,
                       title=p.title or None)


def _one(doc: RawDocument) -> Iterator[RawDocument | InputError]:
    yield doc


def ingest_uploads(store, uploads: list[Upload], pasted: PastedText | None = None) -> dict[str, Any]:
    """Ingest the files and the text; returns the run's counts, errors and what each document yielded."""
    uploads = [u for u in uploads if u.filename or u.data]
    if not uploads and not (pasted and pasted.text.strip()):
        raise UploadError("nothing to ingest: choose files or paste a text")
    for up in uploads:
        if Path(safe_name(up.filename)).suffix.lower() not in SUPPORTED:
            raise UploadError(f"{safe_name(up.filename)}: cannot read this kind of file; supported: "
                              f"{', '.join(SUPPORTED)}")
    done: list[tuple[str, str]] = []

    def progress(outcome: str, detail: str) -> None:
        if outcome != "failed":
            done.append((outcome, detail))

    with tempfile.TemporaryDirectory(prefix="summitry-upload-") as tmp:
        inputs = []
        for i, up in enumerate(uploads):
            name = safe_name(up.filename)
            path = Path(tmp) / str(i) / name  # one folder each: two uploads may share a name
            path.parent.mkdir()
            path.write_bytes(up.data)
            inputs.append((name, read_path(path, f"upload:{name}")))
        if pasted and pasted.text.strip():
            inputs.append(("pasted", _one(_pasted_document(pasted))))
        report = ingest_inputs(inputs, store, progress=progress)
    return {"summary": report.summary(), "new": report.new, "known": report.known, "versions": report.versions,
            "failed": report.failed, "errors": report.errors,
            "documents": [_extracted(store, doc_id, outcome) for outcome, doc_id in done]}


def _extracted(store, doc_id: str, outcome: str) -> dict[str, Any]:
    """What one ingested document yielded: its contacts, quotes and topics, and the events it is part of."""
    try:
        record = store.lookup(doc_id).record()
    except NoSuchDocument:  # the same text is stored already under another id
        return {"id": doc_id, "outcome": outcome, "title": None, "language": None, "published": None,
                "characters": None, "contacts": [], "quotes": [], "topics": [], "events": []}
    return {"id": record["id"], "outcome": outcome, "title": record["title"], "language": record["language"],
            "published": record["published"], "characters": record["characters"],
            "contacts": record.get("contacts", []), "quotes": record.get("quotes", []),
            "topics": record.get("topics", []), "events": store.events_of_document(record["id"])}
