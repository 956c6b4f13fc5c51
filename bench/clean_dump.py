"""Dump everything the cleaner produces, to prove a change leaves its output unchanged.

    .venv/bin/python bench/clean_dump.py out/clean-before.jsonl
    ... change the cleaner ...
    .venv/bin/python bench/clean_dump.py out/clean-after.jsonl
    cmp out/clean-before.jsonl out/clean-after.jsonl

One JSON line per document: clean text, paragraph spans, the offset map (its
runs, which fix the raw span of every clean character), metadata (title, dates,
authors, language) and the removal log. The inputs: the shared seeds and dev
set (also without their `lang` and `published` fields, so that language and
date detection run, and hard-wrapped, so that the wrap joiner sees real prose),
the example corpus, documents of both bench generators at several sizes, and
short random documents made of odd pieces.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from summitry.clean import clean_document
from summitry.read import read_inputs
from summitry.records import RawDocument

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_clean  # noqa: E402  (the bench/ folder is no package)
import corpus as bench_corpus  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def _read(paths: list[Path]) -> list[RawDocument]:
    docs = []
    for item in read_inputs([str(p) for p in paths if p.exists()]):
        if isinstance(item, RawDocument):
            docs.append(item)
    return docs


def _hard_wrapped(text: str, width: int = 64) -> str:
    """The text wrapped at `width`, its blank lines kept."""
    return "\n".join("\n".join(textwrap.wrap(line, width)) if line.strip() else line for line in text.split("\n"))


def documents() -> Iterator[RawDocument]:
    real = _read([SHARED / "seeds.jsonl", SHARED / "dev.jsonl", ROOT / "examples" / "corpus"])
    yield from real
    for raw in real:  # language and date from the text, not from the input fields
        yield dataclasses.replace(raw, id=raw.id + "/bare", lang=None, published=None, title=None, authors=[])
    for raw in real:
        yield dataclasses.replace(raw, id=raw.id + "/wrapped", text=_hard_wrapped(raw.text), lang=None)
    for seed, n, size in ((7, 500, 5000), (11, 150, 800), (13, 60, 20000)):
        rng = random.Random(seed)
        for i in range(n):
            text, _wrap = bench_clean.document(rng, size)
            yield RawDocument(id=f"bench-{seed}-{size}-{i}", source="bench", text=text)
    for i, text in enumerate(bench_corpus.corpus(150, seed=5)):
        yield RawDocument(id=f"corpus-{i}", source="bench", text=text)
    rng = random.Random(9)
    for i in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        yield RawDocument(id=f"pieces-{i}", source="bench", text=text)


# Odd corners for short random documents: entities, invisible and typographic
# characters, trailing spaces, line ends of every kind, markers, bylines, captions.
PIECES = [
    "a", "b", " ", "\n", "\n\n", ".", ",", "&nbsp;", "&shy;", "&amp;nbsp;", "&#160;", "&#173;", "&#x2009;", "&amp;",
    "&hellip;", "&amp;amp;shy;", "\u00a0", "\u00ad", "\t", "\u200b", "&#9;", "&Tab;", "&ensp;", "&zwj;", "Wort",
    "Zeile-", "&foo;", "  ", "\r\n", "&#13;", "Von Jane Doe 12.03.2025", " \n", "\t\n", "x-\n", "Anzeige\n",
    "1. Startseite\n", "Foto: AP\n", "und\n", "der ", "Die ", "…", "dpa", "/", "(", ")", " date 2025-03-12 ",
    "Mehr zum Thema\n", "Jane Doe/dpa", "https://example.test/a\n", "Dieser Artikel wurde von Jane Doe verfasst.",
]


def record(raw: RawDocument) -> dict:
    doc = clean_document(raw)
    return {
        "id": raw.id,
        "text": doc.text,
        "paragraphs": [[s.start, s.end] for s in doc.paragraphs],
        "offsets": doc.offsets.to_list(),
        "meta": doc.meta(),
        "removed": doc.removed,
    }


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else None
    lines = [json.dumps(record(raw), ensure_ascii=False, sort_keys=True, default=str) for raw in documents()]
    data = "\n".join(lines) + "\n"
    if out is None:
        sys.stdout.write(data)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(data, encoding="utf-8")
        print(f"{len(lines)} documents → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
