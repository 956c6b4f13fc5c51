"""Events: documents grouped by their main contact.

A first, deterministic cut: the key is (participants, coarse kind, date) of a
document's main contact, so the same inputs give the same events in any
order. Step 3 replaces it with incremental clustering and merged records.
"""

from __future__ import annotations

import hashlib
from typing import Any

from summitry.output import actor_ref
from summitry.records import Contact, Extraction

COARSE_KIND = {"phone_call": "call", "video_call": "call", "call": "call", "meeting": "meeting", "visit": "meeting"}


def event_key(contact: Contact) -> str:
    people = ",".join(sorted(a.id for a in contact.participants))
    day = contact.date.isoformat() if contact.date else (contact.period or "undated")
    return f"{people}|{COARSE_KIND.get(contact.kind, contact.kind)}|{contact.status}|{day}"


def group_extractions(extractions: list[Extraction]) -> list[dict[str, Any]]:
    """One record per event, in the contract's `events --format jsonl` shape."""
    groups: dict[str, list[tuple[Extraction, Contact]]] = {}
    for ex in extractions:
        main = next((c for c in ex.contacts if c.main), None)
        if main is not None:
            groups.setdefault(event_key(main), []).append((ex, main))
    events = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda m: m[0].document.id)
        first = members[0][1]
        kinds = sorted({c.kind for _, c in members}, key=lambda k: (k == "call", k))
        events.append({
            "id": "ev-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            "kind": kinds[0],
            "status": first.status,
            "participants": [actor_ref(a) for a in first.participants],
            "date": first.date.isoformat() if first.date else None,
            "documents": [ex.document.id for ex, _ in members],
        })
    return events
