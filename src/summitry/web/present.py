"""Page models: the queries' records arranged for the templates, with the texts marked up.

Every fact a page shows that has its sentence in a document gets a key (`f<doc>-<start>-<end>`):
the fact links to it, and the document's text carries it on the marked sentence, so a click
lights the sentence up (static/app.js) or, without scripts, jumps to it.
"""

from __future__ import annotations

from typing import Any

from summitry.compare import topic_label
from summitry.web.markup import Mark, marked
from summitry.web.queries import country_name, person_card

MARK_LEGEND = (("m-main", "main contact"), ("m-contact", "other contact"), ("m-quote", "quote"),
               ("m-date", "date"), ("m-person", "person"), ("m-actor", "country, place or organisation"))


def document_marks(record: dict[str, Any]) -> list[Mark]:
    """Contacts' evidence, quotes, dates and actors of one document's extraction, as marks."""
    marks = []
    for c in record.get("contacts") or []:
        people = " – ".join(p["name"] for p in c.get("participants") or [])
        title = f"{'main ' if c.get('main') else ''}contact: {(c.get('kind') or '').replace('_', ' ')}, " \
                f"{c.get('status')}, {c.get('date') or c.get('period') or 'undated'}, {people}"
        for ev in c.get("evidence") or []:
            marks.append(Mark(ev["start"], ev["end"], "m-main" if c.get("main") else "m-contact", title=title))
    for q in record.get("quotes") or []:
        speaker = (q.get("speaker") or {}).get("name") or "unknown speaker"
        marks.append(Mark(q["start"], q["end"], "m-quote", key=f"q-{q['start']}-{q['end']}",
                          title=f"quote: {speaker}"))
    for t in record.get("timexes") or []:
        marks.append(Mark(t["start"], t["end"], "m-date", title=f"{t.get('type', 'date').lower()}: {t.get('value')}"))
    for m in record.get("mentions") or []:
        marks.append(Mark(m["start"], m["end"], "m-person" if m.get("kind") == "person" else "m-actor",
                          title=m.get("name")))
    return marks


def side_name(side: str) -> str:
    """'Russia (RU)' for a country code; other sides as they are."""
    name = country_name(side)
    return f"{name} ({side})" if name and name != side else side


class _Facts:
    """The event's documents and the facts keyed into them."""

    def __init__(self, documents: list[tuple[dict[str, Any], str, dict[str, Any]]]):
        self.docs = documents  # (extraction record, clean text, metadata)
        self.index = {rec["id"]: i for i, (rec, _, _) in enumerate(documents)}
        self.marks: list[list[Mark]] = [[] for _ in documents]

    def at(self, doc_id: str, start: int, end: int, classes: str, title: str | None = None) -> dict[str, Any]:
        """A fact with its sentence at known offsets."""
        i = self.index.get(doc_id)
        text = self.docs[i][1][start:end] if i is not None else ""
        if i is None:
            return {"text": text, "key": None, "document": doc_id}
        key = f"f{i}-{start}-{end}"
        self.marks[i].append(Mark(start, end, classes, key=key, title=title))
        return {"text": text, "key": key, "document": doc_id}

    def quoted(self, doc_id: str, sentence: str, classes: str, title: str | None = None) -> dict[str, Any]:
        """A fact whose evidence is given as text only (merged fields): found in its document, if there."""
        i = self.index.get(doc_id)
        start = self.docs[i][1].find(sentence) if i is not None and sentence else -1
        if start < 0:
            return {"text": sentence, "key": None, "document": doc_id}
        return self.at(doc_id, start, start + len(sentence), classes, title)

    def votes(self, votes: list[dict[str, Any]], classes: str = "m-fact") -> list[dict[str, Any]]:
        """Each value of a merged field with the facts (one per source) behind it."""
        out = []
        for v in votes or []:
            value = ", ".join(map(str, v["value"])) if isinstance(v["value"], list) else str(v["value"])
            facts = [self.quoted(src["document"], ev, classes, title=value)
                     for src in v.get("sources") or [] for ev in (src.get("evidence") or [])[:1]]
            out.append({"value": value, "support": v.get("support", len(facts)), "facts": facts})
        return out


def event_page(event: dict[str, Any], comparison: dict[str, Any],
               documents: list[tuple[dict[str, Any], str, dict[str, Any]]]) -> dict[str, Any]:
    """The event page's model: merged record, comparison rows, disagreements and the marked documents."""
    facts = _Facts(documents)
    sides = comparison["sides"]
    one_sided = {o["topic"] for o in comparison["one_sided"]}
    rows = []
    for topic, cells in comparison["matrix"].items():
        row_cells = []
        for i, side in enumerate(sides):
            row_cells.append([facts.at(e["document"], e["start"], e["end"], f"m-fact side-{i}",
                                       title=f"{side}: {topic_label(topic, 'en')}") for e in cells.get(side, [])])
        rows.append({"topic": topic, "label": topic_label(topic, "en"), "one_sided": topic in one_sided,
                     "cells": row_cells})
    unmentioned = [{"label": topic_label(t, "en"),
                    "facts": [facts.at(e["document"], e["start"], e["end"], "m-fact m-silence") for e in ev]}
                   for t, ev in comparison["unmentioned"].items()]
    disagreements = [{"field": d.get("field", "?").replace("_", " "),
                      "values": facts.votes(d.get("values") or [], "m-fact m-disputed")}
                     for d in event.get("disagreements") or []]
    # the merged record's quotes have no offsets: their documents' own quotes do
    spans = {(rec["id"], q["text"]): (q["start"], q["end"]) for rec, _t, _m in documents
             for q in rec.get("quotes") or []}
    quotes = []
    for q in event.get("quotes") or []:
        who = (q.get("speaker") or {}).get("name")
        span = spans.get((q["document"], q["text"]))
        quotes.append({"speaker": q.get("speaker"),
                       "fact": facts.at(q["document"], *span, "m-quote", title=who) if span
                       else facts.quoted(q["document"], q["text"], "m-quote", title=who)})
    merged = {"duration": facts.votes(event.get("duration_minutes")), "places": facts.votes(event.get("places")),
              "initiator": facts.votes(event.get("initiator"))}
    for (record, _text, _meta), own in zip(documents, facts.marks):
        for c in record.get("contacts") or []:
            if c.get("main"):
                own.extend(Mark(e["start"], e["end"], "m-main") for e in c.get("evidence") or [])
    return {
        "event": event,
        "people": [person_card(p, event.get("date")) for p in event.get("participants") or []],
        "sides": [{"code": s, "name": side_name(s), "index": i} for i, s in enumerate(sides)],
        "rows": rows, "unmentioned": unmentioned, "disagreements": disagreements, "merged": merged, "quotes": quotes,
        "topics": [{"label": topic_label(t["topic"], "en"), "support": t["support"]}
                   for t in event.get("topics") or []],
        "documents": [{**meta, "html": marked(text, own)} for (_r, text, meta), own in zip(documents, facts.marks)],
    }


def document_page(record: dict[str, Any]) -> dict[str, Any]:
    """The document page's model: its metadata, marked clean text and what was extracted."""
    return {"doc": record, "html": marked(record["text"], document_marks(record)), "legend": MARK_LEGEND}
