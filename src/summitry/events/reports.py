"""Reports: one document's account of one contact, the unit the clustering works on.

A report is built from an extraction record (the `extract --format jsonl` shape, which is
also what the store keeps) and the document's clean text, so files and the store give the
same reports. Its `main` report is what the document is about; its other contacts are
`mention` reports, which link the document to events without making it one of their reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summitry.data import load_list
from summitry.events.dates import When, when_of
from summitry.events.options import DEFAULT_OPTIONS, ClusterOptions
from summitry.events.reference import hint_windows

COARSE_KIND = {"phone_call": "call", "video_call": "call", "call": "call", "meeting": "meeting", "visit": "meeting"}

_WORD = re.compile(r"[^\W\d_]{6,}")
MAX_FEATURES = 400  # distinct words kept per document: enough to compare, bounded to store


def coarse_kind(kind: str) -> str:
    """'call' for remote contacts, 'meeting' for in-person ones (visits included)."""
    return COARSE_KIND.get(kind, kind)


def actor_id(ref: dict[str, Any]) -> str:
    """The actor id of a participant record: its Wikidata id, else 'name:<Name>' (as annotate does)."""
    return ref.get("wikidata") or f"name:{ref.get('name', '')}"


def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in ("de", "en"):
        words.update(w.lower() for w in load_list(f"{lang}/similarity_stopwords.txt"))
    return frozenset(words)


_STOP: frozenset[str] | None = None


def text_features(text: str, record: dict[str, Any]) -> frozenset[str]:
    """What the similarity compares: long words, plus actors (@id) and topics (#key) across languages."""
    global _STOP
    if _STOP is None:
        _STOP = _stopwords()
    feats: list[str] = []
    seen: set[str] = set()
    for w in _WORD.findall(text):
        w = w.lower()
        if w not in _STOP and w not in seen:
            seen.add(w)
            feats.append(w)
            if len(feats) >= MAX_FEATURES:
                break
    feats.extend("@" + actor_id(m) for m in record.get("mentions", []) if m.get("kind") == "person")
    feats.extend("#" + t for t in record.get("topics", []))
    return frozenset(feats)


@dataclass(slots=True)
class Report:
    """One document's report of one contact."""

    doc_id: str
    index: int  # the contact's position in the document's contacts
    role: str  # main | mention
    kind: str
    status: str
    participants: tuple[str, ...]  # actor ids, sorted
    names: dict[str, dict[str, Any]]  # actor id → {"name", "wikidata"}
    when: When
    published: date | None = None
    language: str | None = None
    value: str | None = None  # the TimeML value of the date expression, as found
    features: frozenset[str] = frozenset()
    facts: dict[str, Any] = field(default_factory=dict)  # duration, places, initiator, evidence …
    hints: tuple[tuple[date, date], ...] = ()  # windows of reference events it names (events.reference)

    key: tuple[str, int] = field(init=False, repr=False, compare=False)
    coarse: str = field(init=False, repr=False, compare=False)  # call | meeting

    def __post_init__(self) -> None:
        self.key = (self.doc_id, self.index)
        self.coarse = coarse_kind(self.kind)

    @property
    def day(self) -> date | None:
        return self.when.day

    def sort_key(self) -> tuple:
        """The canonical order: anchors by day, then bounded reports, then the rest; ids break ties."""
        w = self.when
        if w.day is not None:
            return (0, w.day.toordinal(), -len(self.participants), self.doc_id, self.index)
        bounded = w.lo is not None or w.hi is not None or w.weekday or w.month
        return (1 if bounded else 2, 0, -len(self.participants), self.doc_id, self.index)

    def to_plain(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "index": self.index, "role": self.role, "kind": self.kind,
            "status": self.status, "participants": list(self.participants), "names": self.names,
            "when": self.when.to_plain(), "published": self.published.isoformat() if self.published else None,
            "language": self.language, "value": self.value, "features": sorted(self.features),
            "facts": self.facts,
            "hints": [[lo.isoformat(), hi.isoformat()] for lo, hi in self.hints],
        }

    @classmethod
    def from_plain(cls, rec: dict[str, Any]) -> Report:
        return cls(
            doc_id=rec["doc_id"], index=rec["index"], role=rec["role"], kind=rec["kind"], status=rec["status"],
            participants=tuple(rec["participants"]), names=rec["names"], when=When.from_plain(rec["when"]),
            published=date.fromisoformat(rec["published"]) if rec.get("published") else None,
            language=rec.get("language"), value=rec.get("value"), features=frozenset(rec.get("features", ())),
            facts=rec.get("facts", {}),
            hints=tuple((date.fromisoformat(lo), date.fromisoformat(hi)) for lo, hi in rec.get("hints", ())),
        )


def _facts(contact: dict[str, Any], record: dict[str, Any], role: str) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "evidence": [e.get("text", "") for e in contact.get("evidence", [])][:3],
        "duration_minutes": contact.get("duration_minutes"),
        "places": contact.get("places") or [],
        "initiator": contact.get("initiator"),
        "date": contact.get("date"),
        "period": contact.get("period"),
    }
    if role == "main":  # what the document as a whole says: only its main report carries it
        facts["topics"] = list(record.get("topics", []))
        facts["quotes"] = [{"text": q.get("text"), "speaker": q.get("speaker")} for q in record.get("quotes", [])]
        facts["title"] = record.get("title")
    return facts


def reports_of(record: dict[str, Any], text: str = "", options: ClusterOptions = DEFAULT_OPTIONS) -> list[Report]:
    """The reports of one document: its main contact (if any) and its mentions of other contacts."""
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    features = text_features(text, record)
    out = []
    for i, c in enumerate(record.get("contacts", [])):
        parts = c.get("participants") or []
        if not parts:
            continue
        names = {actor_id(p): {"name": p.get("name"), "wikidata": p.get("wikidata")} for p in parts}
        day = date.fromisoformat(c["date"]) if c.get("date") else None
        value = c.get("timex") or c.get("period")
        role = "main" if c.get("main") else "mention"
        out.append(Report(
            doc_id=str(record["id"]), index=i, role=role, kind=c.get("kind", "call"),
            status=c.get("status", "occurred"), participants=tuple(sorted(names)), names=names,
            when=when_of(day, value, published, c.get("status", "occurred"), options),
            published=published, language=record.get("language"), value=value,
            features=features, facts=_facts(c, record, role),
            hints=tuple(hint_windows(text, [e.get("text", "") for e in c.get("evidence", [])], record)),
        ))
    return out
