"""Golden test over the five seed articles (skipped where the shared corpus is absent)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from summitry.clean import clean_document
from summitry.clean.repeats import _pull_quote
from summitry.records import RawDocument

from conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "seeds.jsonl").is_file(), reason="shared corpus not available")

WORD = re.compile(r"\w+")


def _seeds():
    if not (CORPUS / "seeds.jsonl").is_file():
        return []
    gold = {g["id"]: g for g in map(json.loads, (CORPUS / "seeds.gold.jsonl").read_text("utf-8").splitlines())}
    out = []
    for line in (CORPUS / "seeds.jsonl").read_text("utf-8").splitlines():
        seed = json.loads(line)
        out.append(pytest.param(seed["id"], seed["text"], gold[seed["id"]], id=f"{seed['id']}-jsonl"))
        txt = CORPUS / "seeds" / f"{seed['id']}.txt"
        if txt.is_file():
            out.append(pytest.param(seed["id"], txt.read_text("utf-8"), gold[seed["id"]], id=f"{seed['id']}-txt"))
    return out


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


@pytest.mark.parametrize("seed_id, text, gold", _seeds())
def test_seed(seed_id, text, gold):
    doc = clean_document(RawDocument(id=seed_id, source=f"{seed_id}.txt", text=text))
    for noise in gold.get("boilerplate", []):
        assert noise not in doc.text, noise
    assert set(gold["authors"]) <= set(doc.authors)
    if gold.get("published"):
        assert doc.published == date.fromisoformat(gold["published"])
    assert doc.language == gold["lang"]
    for quote in gold.get("quotes", []):  # the quotations survive (wraps become spaces)
        assert " ".join(quote["snippet"].split()) in doc.text, quote["snippet"]

    paras = [doc.text[p.start:p.end] for p in doc.paragraphs]
    keys = [_key(p) for p in paras]
    assert len(set(keys)) == len(keys), "a paragraph is repeated"
    for i, k in enumerate(keys):
        if len(k) >= 30 and not _pull_quote(paras[i]):  # a quoted heading repeats the body on purpose
            assert not any(j != i and f" {k} " in f" {other} " for j, other in enumerate(keys)), paras[i]
    assert not any(p.startswith((":", ",")) for p in paras), "an echo fragment is left"
    assert "\n" not in doc.text.replace("\n\n", ""), "a line break inside a paragraph"

    for p, clean in zip(doc.paragraphs, paras):
        start, end = doc.offsets.raw_span(p.start, p.end)
        raw_words = iter(WORD.findall(text[start:end]))
        assert all(any(w == r for r in raw_words) for w in WORD.findall(clean)), clean[:60]


def test_seed_003_has_no_line_break_inside_a_sentence():
    text = (CORPUS / "seeds" / "seed-003.txt").read_text("utf-8")
    doc = clean_document(RawDocument(id="seed-003", source="seed-003.txt", text=text))
    for p in doc.paragraphs:
        para = doc.text[p.start:p.end]
        assert "\n" not in para
    # every paragraph break in the clean text follows a sentence end or a heading
    paras = [doc.text[p.start:p.end] for p in doc.paragraphs]
    for para, following in zip(paras, paras[1:]):
        assert para[-1] in ".!?“\"" or len(para) < 60, (para, following[:30])
    assert doc.title and doc.title.endswith("im Gespräch mit Putin")


@pytest.mark.skipif(not (CORPUS / "dev.gold.jsonl").is_file(), reason="dev set not available")
def test_dev_set_keeps_every_gold_quote_and_detects_the_language():
    gold = {g["id"]: g for g in map(json.loads, (CORPUS / "dev.gold.jsonl").read_text("utf-8").splitlines())}
    right = total = 0
    for line in (CORPUS / "dev.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        doc = clean_document(RawDocument(id=item["id"], source="dev", text=item["text"]))
        total += 1
        right += doc.language == item["lang"]
        for quote in gold[item["id"]].get("quotes", []):
            assert " ".join(quote["snippet"].split()) in doc.text, (item["id"], quote["snippet"])
    assert right / total >= 0.97
