"""Output shapes: the scoring contract (../shared/eval/CONTRACT.md) and friends."""

from __future__ import annotations

import json

from typing import Any

from summitry.records import Actor, Contact, Extraction, Quote


def actor_ref(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"name": actor.name, "wikidata": actor.wikidata}


def contact_record(contact: Contact, text: str) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "kind": contact.kind,
        "status": contact.status,
        "participants": [actor_ref(a) for a in contact.participants],
        "date": contact.date.isoformat() if contact.date else None,
        "main": contact.main,
        "evidence": [{"start": s.start, "end": s.end, "text": text[s.start:s.end]} for s in contact.evidence],
    }
    extra = {
        "period": contact.period,
        "timex": contact.timex.value if contact.timex else None,
        "duration_minutes": contact.duration_minutes,
        "places": contact.places or None,
        "initiator": actor_ref(contact.initiator),
        "tone": contact.tone or None,
        "cameo": contact.cameo,
        "plover": contact.plover,
    }
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def quote_record(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": actor_ref(quote.speaker), "start": quote.span.start, "end": quote.span.end}


def record_line(ex: Extraction) -> str:
    """The extraction record as one JSON Lines line (no newline)."""
    return json.dumps(extraction_record(ex), ensure_ascii=False)


def extraction_record(ex: Extraction) -> dict[str, Any]:
    """One document in the contract's `extract --format jsonl` shape (plus extras)."""
    doc = ex.document
    return {
        "id": doc.id,
        "language": doc.language,
        "published": doc.published.isoformat() if doc.published else None,
        "title": doc.title,
        "authors": list(doc.authors),
        "contacts": [contact_record(c, doc.text) for c in ex.contacts],
        "quotes": [quote_record(q) for q in ex.quotes],
        "topics": list(ex.topics),
        "mentions": [{"start": m.span.start, "end": m.span.end, "text": m.surface, "name": m.actor.name,
                      "wikidata": m.actor.wikidata, "kind": m.actor.kind} for m in ex.mentions],
        "timexes": [{"start": t.span.start, "end": t.span.end, "text": t.text, "type": t.type, "value": t.value}
                    for t in ex.timexes],
        "statements": [{"start": st.span.start, "end": st.span.end, "side": st.side, "topics": list(st.topics),
                        "source": st.source_span.text(doc.text) if st.source_span else None}
                       for st in ex.statements],
        "omissions": [{"start": st.span.start, "end": st.span.end, "side": st.side, "topics": list(st.topics)}
                      for st in ex.omissions],
    }
