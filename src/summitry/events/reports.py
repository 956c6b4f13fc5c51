"""Reports: one document's account of one contact, the unit the clustering works on.

A report is built from an extraction record (the `extract --format jsonl` shape, which is
also what the store keeps) and the document's clean text, so files and the store give the
same reports. Its `main` report is what the document is about; its other contacts are
`mention` reports, which link the document to events without making it one of their reports.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
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


def compact_features(features: Iterable[str]) -> tuple[str, ...]:
    """A report's features as it keeps them: each distinct one once, sorted, in a tuple, the strings
    shared with every other report that has them (sys.intern).

    An index keeps every report, and a document's features (up to MAX_FEATURES words) are most of
    a report: a frozenset's hash table costs 5 to 10 times the 8 bytes a tuple slot does, and each
    document's copy of a common word as much again. match.event_similarity builds the one set a
    comparison needs from the tuple, and gets exactly the Jaccard overlap of the sets.
    """
    return tuple(sorted({sys.intern(f) for f in features}))


def _interned(value: Any) -> Any:
    """A short repeated string (kind, status, language, date) as one shared object, other values as given."""
    return sys.intern(value) if type(value) is str else value


# Values that many reports repeat, kept once: equal values are interchangeable (none is changed in
# place) and the distinct ones are few next to the reports (days, windows, groups of leaders).
_SHARED: dict[Any, Any] = {}


def _shared(value: Any) -> Any:
    """The copy of `value` already in use, if an equal one is (hashable values: dates, windows, tuples)."""
    return _SHARED.setdefault(value, value)


_SHARED_NAMES: dict[tuple, dict[str, dict[str, Any]]] = {}  # ((actor id, name, wikidata), …) → names
_SHARED_NAME: dict[tuple, dict[str, Any]] = {}  # (actor id, name, wikidata) → {"name", "wikidata"}
_NAME_FIELDS = ("name", "wikidata")


def _shared_names(names: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One names dict (actor id → {"name", "wikidata"}) for every report naming the same people the
    same way, and one {"name", "wikidata"} for each person named one way; shared, so read only
    (merge copies what it changes). Names of another shape are kept as they are."""
    if not all(type(ref) is dict and tuple(ref) == _NAME_FIELDS for ref in names.values()):
        return names
    people = tuple((_interned(aid), _interned(ref["name"]), _interned(ref["wikidata"]))
                   for aid, ref in names.items())
    try:
        shared = _SHARED_NAMES.get(people)
    except TypeError:  # a value that cannot be a key (not what reports_of gives)
        return names
    if shared is None:
        shared = _SHARED_NAMES[people] = {person[0]: _shared_name(person) for person in people}
    return shared


def _shared_name(person: tuple) -> dict[str, Any]:
    shared = _SHARED_NAME.get(person)
    if shared is None:
        shared = _SHARED_NAME[person] = dict(zip(_NAME_FIELDS, person[1:]))
    return shared


def text_features(text: str, record: dict[str, Any]) -> tuple[str, ...]:
    """What the similarity compares: long words, plus actors (@id) and topics (#key) across languages
    (distinct, as compact_features keeps them)."""
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
    return compact_features(feats)


# What a report keeps for the merged record (the clustering reads none of it): every contact's
# facts, then, for a document's main report, what the document as a whole says.
CONTACT_FACTS = ("evidence", "duration_minutes", "places", "initiator", "date", "period")
MAIN_FACTS = CONTACT_FACTS + ("topics", "quotes", "title")
_FACT_POSITION = {name: i for i, name in enumerate(MAIN_FACTS)}
_FACT_NAMES = {frozenset(CONTACT_FACTS): CONTACT_FACTS, frozenset(MAIN_FACTS): MAIN_FACTS}


class Facts(Mapping):
    """A report's facts (CONTACT_FACTS or MAIN_FACTS) as a read-only mapping over one tuple of values.

    An index keeps every report's facts until its events are merged: a dict of them, with a list
    for each of evidence, places, topics and quotes (most of them empty), cost about three times
    this. Lists (what JSON records give) are kept as tuples and given back as new lists, so a
    record built from them is as it was from the dict.
    """

    __slots__ = ("_values",)

    def __init__(self, facts: Mapping[str, Any]) -> None:
        names = _FACT_NAMES[frozenset(facts)]
        self._values = tuple(tuple(v) if type(v) is list else v for v in map(facts.__getitem__, names))

    @staticmethod
    def of(facts: Mapping[str, Any]) -> Mapping[str, Any]:
        """Facts of the known names as a Facts; any other mapping as it is."""
        return Facts(facts) if type(facts) is dict and frozenset(facts) in _FACT_NAMES else facts

    def get(self, name: str, default: Any = None) -> Any:
        i = _FACT_POSITION.get(name)
        if i is None or i >= len(self._values):
            return default
        value = self._values[i]
        return list(value) if type(value) is tuple else value

    def __getitem__(self, name: str) -> Any:
        i = _FACT_POSITION.get(name)
        if i is None or i >= len(self._values):
            raise KeyError(name)
        return self.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(MAIN_FACTS[:len(self._values)])

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Facts({dict(self)!r})"


@dataclass(slots=True)
class Report:
    """One document's report of one contact."""

    doc_id: str
    index: int  # the contact's position in the document's contacts
    role: str  # main | mention
    kind: str
    status: str
    participants: tuple[str, ...]  # actor ids, sorted
    names: dict[str, dict[str, Any]]  # actor id → {"name", "wikidata"}; shared by reports: read only
    when: When
    published: date | None = None
    language: str | None = None
    value: str | None = None  # the TimeML value of the date expression, as found
    features: tuple[str, ...] = ()  # distinct, shared strings (compact_features): a set of features
    facts: Mapping[str, Any] = field(default_factory=dict)  # duration, places, initiator, evidence … (Facts)
    hints: tuple[tuple[date, date], ...] = ()  # windows of reference events it names (events.reference)

    key: tuple[str, int] = field(init=False, repr=False, compare=False)
    coarse: str = field(init=False, repr=False, compare=False)  # call | meeting

    def __post_init__(self) -> None:
        self.key = (self.doc_id, self.index)
        self.coarse = coarse_kind(self.kind)
        self.facts = Facts.of(self.facts)

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
            "facts": dict(self.facts),
            "hints": [[lo.isoformat(), hi.isoformat()] for lo, hi in self.hints],
        }

    @classmethod
    def from_plain(cls, rec: dict[str, Any]) -> Report:
        return cls(
            doc_id=rec["doc_id"], index=rec["index"], role=_interned(rec["role"]), kind=_interned(rec["kind"]),
            status=_interned(rec["status"]), participants=_shared(tuple(map(_interned, rec["participants"]))),
            names=_shared_names(rec["names"]), when=_shared(When.from_plain(rec["when"])),
            published=_shared(date.fromisoformat(rec["published"])) if rec.get("published") else None,
            language=_interned(rec.get("language")), value=_interned(rec.get("value")),
            features=compact_features(rec.get("features", ())),
            facts=rec.get("facts", {}),
            hints=tuple((date.fromisoformat(lo), date.fromisoformat(hi)) for lo, hi in rec.get("hints", ())),
        )


def _facts(contact: dict[str, Any], record: dict[str, Any], role: str) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "evidence": [e.get("text", "") for e in contact.get("evidence", [])][:3],
        "duration_minutes": contact.get("duration_minutes"),
        "places": contact.get("places") or [],
        "initiator": contact.get("initiator"),
        "date": _interned(contact.get("date")),
        "period": contact.get("period"),
    }
    if role == "main":  # what the document as a whole says: only its main report carries it
        facts["topics"] = list(record.get("topics", []))
        facts["quotes"] = [{"text": q.get("text"), "speaker": q.get("speaker")} for q in record.get("quotes", [])]
        facts["title"] = record.get("title")
    return facts


@dataclass(frozen=True, slots=True)
class TextClues:
    """What the reports of a document read from its text: the costly part of `reports_of`, which
    ingest's worker processes find, so the process that keeps the index only builds the reports."""

    features: tuple[str, ...]  # text_features
    hints: tuple[tuple[tuple[date, date], ...], ...]  # hint_windows, per contact


def text_clues(record: dict[str, Any], text: str) -> TextClues:
    """The features and, for each contact, the reference-event windows of one document."""
    return TextClues(
        features=text_features(text, record),
        hints=tuple(tuple(hint_windows(text, [e.get("text", "") for e in c.get("evidence", [])], record))
                    for c in record.get("contacts", [])))


def reports_of(record: dict[str, Any], text: str = "", options: ClusterOptions = DEFAULT_OPTIONS,
               clues: TextClues | None = None) -> list[Report]:
    """The reports of one document: its main contact (if any) and its mentions of other contacts
    (`clues` found in another process, or now from `text`)."""
    published = _shared(date.fromisoformat(record["published"])) if record.get("published") else None
    language = _interned(record.get("language"))
    if clues is None:
        clues = text_clues(record, text)
        features = clues.features
    else:  # unpickled from a worker: its strings shared again with the other reports' (sys.intern)
        features = compact_features(clues.features)
    doc_id = str(record["id"])
    out = []
    for i, c in enumerate(record.get("contacts", [])):
        parts = c.get("participants") or []
        if not parts:
            continue
        names = _shared_names({actor_id(p): {"name": p.get("name"), "wikidata": p.get("wikidata")} for p in parts})
        day = date.fromisoformat(c["date"]) if c.get("date") else None
        value = _interned(c.get("timex") or c.get("period"))
        role = "main" if c.get("main") else "mention"
        status = _interned(c.get("status", "occurred"))
        out.append(Report(
            doc_id=doc_id, index=i, role=role, kind=_interned(c.get("kind", "call")),
            status=status, participants=_shared(tuple(sorted(names))), names=names,
            when=_shared(when_of(day, value, published, status, options)),
            published=published, language=language, value=value,
            features=features, facts=_facts(c, record, role),
            hints=clues.hints[i],
        ))
    return out
