"""Readout comparison: what each side reported about one contact, topic by topic.

Input: the extraction records of an event's documents with their clean texts
(the statements carry sides and topics, the omissions what a text says neither
readout mentioned; see extract/sides.py), and optionally the event's
disagreements.
Output: a plain dict (JSON-ready) with

- `sides`: the official sides present, in order of first appearance;
- `matrix`: per topic, per side, the sentences that report it (document id,
  offsets, text) — the topic × side table;
- `one_sided`: topics only one side reported, with that side;
- `unmentioned`: topics the outlets say neither side's publications mention
  ("Die Ukraine wurde in den Veröffentlichungen beider Seiten nicht erwähnt");
- `disagreements`: passed through from the event (date, kind, participants).

`to_markdown` and `to_html` render it; the terminal table is in render.py.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from summitry.annotate.topics import taxonomy
from summitry.extract.sides import EXPERT, MEDIA
from summitry.records import Extraction

NOT_A_SIDE = (MEDIA, EXPERT, "unknown")


def compare_extractions(extractions: Iterable[Extraction], disagreements: list[dict[str, Any]] | None = None,
                        event_id: str | None = None) -> dict[str, Any]:
    """`compare_sides` on in-memory extractions."""
    from summitry.output import extraction_record

    return compare_sides([(extraction_record(ex), ex.document.text) for ex in extractions], disagreements, event_id)


def event_documents(store, event: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(extraction record, clean text) of an event's main reports; records stored before sides existed
    are extracted again (and saved)."""
    from summitry.output import extraction_record
    from summitry.pipeline import extract_document

    out = []
    for doc_id in event.get("documents") or []:
        stored = store.lookup(doc_id)
        record = stored.extraction
        if record is None or "statements" not in record:
            record = extraction_record(extract_document(stored.document))
            store.save_extraction(doc_id, record)
        out.append((record, stored.document.text))
    return out


def compare_stored(store, ref: str) -> dict[str, Any]:
    """The comparison of the stored event `ref` (an id or a unique prefix of one)."""
    from summitry.events.persist import stored_events

    stored_events(store)  # computes the events of a store that has none yet
    event = store.get_event(ref)
    return compare_sides(event_documents(store, event), event.get("disagreements"), event["id"])


def compare_sides(documents: Iterable[tuple[dict[str, Any], str]], disagreements: list[dict[str, Any]] | None = None,
                  event_id: str | None = None) -> dict[str, Any]:
    """The topic × side comparison of one event's documents: (extraction record, clean text) pairs."""
    sides: list[str] = []
    matrix: dict[str, dict[str, list[dict[str, Any]]]] = {}
    unmentioned: dict[str, list[dict[str, Any]]] = {}
    ids: list[str] = []
    for record, text in sorted(documents, key=lambda d: d[0]["id"]):
        ids.append(record["id"])
        for om in record.get("omissions") or []:
            evidence = _evidence(record["id"], om, text)
            for topic in om["topics"]:
                unmentioned.setdefault(topic, []).append(evidence)
        for st in record.get("statements") or []:
            if st["side"] in NOT_A_SIDE:
                continue
            evidence = _evidence(record["id"], st, text)
            if st["side"] not in sides:
                sides.append(st["side"])
            for topic in st["topics"]:
                cell = matrix.setdefault(topic, {}).setdefault(st["side"], [])
                if evidence["text"] not in {e["text"] for e in cell}:
                    cell.append(evidence)
    order = {t: i for i, t in enumerate(taxonomy())}
    topics = sorted(matrix, key=lambda t: (order.get(t, len(order)), t))
    one_sided = [{"topic": t, "side": next(iter(matrix[t]))} for t in topics
                 if len(sides) > 1 and len(matrix[t]) == 1]
    return {
        "event": event_id,
        "documents": ids,
        "sides": sides,
        "matrix": {t: matrix[t] for t in topics},
        "one_sided": one_sided,
        "unmentioned": {t: unmentioned[t] for t in sorted(unmentioned, key=lambda t: (order.get(t, 99), t))},
        "disagreements": list(disagreements or []),
    }


def _evidence(doc_id: str, item: dict[str, Any], text: str) -> dict[str, Any]:
    return {"document": doc_id, "start": item["start"], "end": item["end"], "text": text[item["start"]:item["end"]]}


def topic_label(topic: str, lang: str) -> str:
    t = taxonomy().get(topic)
    return topic if t is None else (t.label_de if lang == "de" else t.label_en)


def to_markdown(result: dict[str, Any], lang: str = "en") -> str:
    """The comparison as a Markdown document: the matrix, then the lists."""
    sides = result["sides"]
    lines = [f"# Readout comparison{' · ' + result['event'] if result.get('event') else ''}", ""]
    lines.append("| topic | " + " | ".join(sides) + " |")
    lines.append("|---|" + "---|" * len(sides))
    for topic, cells in result["matrix"].items():
        row = [_md(cells[s][0]["text"]) if s in cells else "–" for s in sides]
        lines.append(f"| {topic_label(topic, lang)} | " + " | ".join(row) + " |")
    if result["one_sided"]:
        lines += ["", "## Reported by one side only", ""]
        lines += [f"- {topic_label(o['topic'], lang)}: {o['side']}" for o in result["one_sided"]]
    if result["unmentioned"]:
        lines += ["", "## Mentioned by neither side", ""]
        lines += [f"- {topic_label(t, lang)}: {_md(ev[0]['text'])}" for t, ev in result["unmentioned"].items()]
    if result["disagreements"]:
        lines += ["", "## Where the sources disagree", ""]
        lines += [f"- {_md(disagreement_text(d))}" for d in result["disagreements"]]
    return "\n".join(lines) + "\n"


def to_html(result: dict[str, Any], lang: str = "en") -> str:
    """The comparison as a standalone HTML page."""
    esc = html.escape
    sides = result["sides"]
    head = "".join(f"<th>{esc(s)}</th>" for s in sides)
    rows = []
    for topic, cells in result["matrix"].items():
        tds = "".join(
            f"<td>{'<br>'.join(esc(e['text']) for e in cells[s])}</td>" if s in cells else "<td>–</td>"
            for s in sides)
        rows.append(f"<tr><th>{esc(topic_label(topic, lang))}</th>{tds}</tr>")
    parts = [f"<!doctype html><html lang=\"{esc(lang)}\"><meta charset=\"utf-8\"><title>Readout comparison</title>",
             "<style>table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}"
             "</style>",
             f"<h1>Readout comparison {esc(result.get('event') or '')}</h1>",
             f"<table><tr><th>topic</th>{head}</tr>{''.join(rows)}</table>"]
    if result["one_sided"]:
        items = "".join(f"<li>{esc(topic_label(o['topic'], lang))}: {esc(o['side'])}</li>"
                        for o in result["one_sided"])
        parts.append(f"<h2>Reported by one side only</h2><ul>{items}</ul>")
    if result["unmentioned"]:
        items = "".join(f"<li>{esc(topic_label(t, lang))}: {esc(ev[0]['text'])}</li>"
                        for t, ev in result["unmentioned"].items())
        parts.append(f"<h2>Mentioned by neither side</h2><ul>{items}</ul>")
    if result["disagreements"]:
        items = "".join(f"<li>{esc(disagreement_text(d))}</li>" for d in result["disagreements"])
        parts.append(f"<h2>Where the sources disagree</h2><ul>{items}</ul>")
    return "\n".join(parts) + "\n</html>\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def disagreement_text(d: dict[str, Any]) -> str:
    """One line for a disagreement: each value with the documents that give it and their evidence."""
    parts = []
    for v in d.get("values") or []:
        if not isinstance(v, dict):
            parts.append(str(v))
            continue
        value = v.get("value")
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        sources = v.get("sources") or []
        docs = ", ".join(str(src.get("document")) for src in sources if isinstance(src, dict))
        evidence = next((e.get("text") for src in sources if isinstance(src, dict)
                         for e in src.get("evidence") or [] if isinstance(e, dict) and e.get("text")), None)
        parts.append(f"{shown} ({docs})" + (f" «{' '.join(evidence.split())}»" if evidence else ""))
    return f"{d.get('field', '?')}: " + " vs ".join(parts)
