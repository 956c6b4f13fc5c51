"""An event's merged record: every source's account side by side, disagreements kept.

Each field gives the value most sources support and how many do; where sources disagree
(date, kind, status, participants) the record lists each value with its sources and their
evidence instead of silently picking one. The contract fields (id, kind, status,
participants, date, documents) come first; see ../shared/eval/CONTRACT.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from summitry.events.dates import period_bounds
from summitry.events.match import participants_fit
from summitry.events.reports import Report, coarse_kind

_KIND_ORDER = {"video_call": 0, "phone_call": 0, "visit": 0, "meeting": 1, "call": 2}  # specific first
_STATUS_ORDER = {"occurred": 0, "planned": 1, "denied": 2}


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _source(r: Report) -> dict[str, Any]:
    """One source's account of a value: the document, its language, and its evidence."""
    return {"document": r.doc_id, "language": r.language, "evidence": r.facts.get("evidence", [])[:1]}


def _votes(reports: list[Report], value_of, order=None) -> list[dict[str, Any]]:
    """Each distinct value with the documents that give it, best supported first."""
    by: dict[Any, list[Report]] = {}
    for r in reports:
        v = value_of(r)
        if v is not None:
            by.setdefault(v, []).append(r)
    ranked = sorted(by.items(), key=lambda kv: (-len({r.doc_id for r in kv[1]}),
                                               order(kv[0]) if order else 0, str(kv[0])))
    return [{"value": v, "support": len({r.doc_id for r in rs}), "sources": [_source(r) for r in rs]}
            for v, rs in ranked]


def _kind(reports: list[Report]) -> tuple[str, list[dict[str, Any]]]:
    """The most specific kind the sources support; 'call' (medium unstated) agrees with any call."""
    votes = _votes(reports, lambda r: r.kind, lambda k: _KIND_ORDER.get(k, 3))
    specific = [v for v in votes if v["value"] != "call"] or votes
    best = sorted(specific, key=lambda v: (-v["support"], _KIND_ORDER.get(v["value"], 3), v["value"]))[0]["value"]
    # phone vs video, or visit vs meeting, is a disagreement; 'call' against either is not
    clash = {v["value"] for v in votes if v["value"] != "call"}
    return best, votes if len(clash) > 1 else []


def _status(reports: list[Report]) -> tuple[str, list[dict[str, Any]]]:
    """Occurred when a source says it took place; a plan otherwise; denied only if all deny."""
    votes = _votes(reports, lambda r: r.status, lambda s: _STATUS_ORDER.get(s, 3))
    values = {v["value"] for v in votes}
    if "occurred" in values:
        status = "occurred"
    elif "planned" in values:
        status = "planned"
    else:
        status = votes[0]["value"] if votes else "occurred"
    # a plan then the contact is the plan fulfilled; a denial against a report is a disagreement
    disagree = "denied" in values and len(values) > 1
    return status, votes if disagree else []


def _participants(reports: list[Report]) -> tuple[list[str], list[dict[str, Any]]]:
    """The largest list the sources give that all others fit within; other lists are disagreements."""
    votes = _votes(reports, lambda r: r.participants)
    lists = sorted({r.participants for r in reports}, key=lambda p: (-len(p), p))
    best = lists[0]
    for cand in lists:  # prefer the best-supported list among the longest that contain the rest
        if all(set(o) <= set(cand) for o in lists):
            best = cand
            break
    else:
        best = votes[0]["value"]
    disagree = any(not (set(v["value"]) <= set(best)) for v in votes)
    return list(best), votes if disagree else []


def _related_disagreements(mentions: list[Report], main_people: set[str]) -> list[dict[str, Any]]:
    """Sources' accounts of a related contact that name different partners for the same person.

    seed-000 says Putin spoke with Trump on 4 February; seed-001 a call between Xi and Trump:
    two documents of one event, each with a call involving Trump, disagreeing on whom with.
    """
    out = []
    seen: set[tuple] = set()
    for a in mentions:
        for b in mentions:
            if a.doc_id >= b.doc_id or a.coarse != b.coarse or a.status != b.status:
                continue
            if a.participants == b.participants or participants_fit(a.participants, b.participants):
                continue
            shared = set(a.participants) & set(b.participants)
            if not shared or shared <= main_people:  # the partner in common must be a third person
                continue
            if a.day and b.day and a.day != b.day:
                continue
            key = (a.key, b.key)
            if key in seen:
                continue
            seen.add(key)
            out.append({"field": "related_contact_participants", "kind": a.coarse,
                        "values": [{"value": [a.names[p]["name"] for p in a.participants], "sources": [_source(a)]},
                                   {"value": [b.names[p]["name"] for p in b.participants], "sources": [_source(b)]}]})
    return out


def event_id(names: dict[str, dict[str, Any]], day: str | None, period: str | None,
             kind: str) -> str:
    """A readable id: the participants' names, the date (or period, or 'undated'), the kind."""
    people = "-".join(_slug(names[p]["name"] or p) for p in sorted(names, key=lambda p: names[p]["name"] or p))
    when = day or period or "undated"
    return f"{people}-{when}-{coarse_kind(kind)}"


def _place_votes(reports: list[Report]) -> list[dict[str, Any]]:
    by: dict[str, list[Report]] = {}
    for r in reports:
        for place in r.facts.get("places") or []:
            by.setdefault(place, []).append(r)
    ranked = sorted(by.items(), key=lambda kv: (-len({r.doc_id for r in kv[1]}), kv[0]))
    return [{"value": p, "support": len({r.doc_id for r in rs}), "sources": [_source(r) for r in rs]}
            for p, rs in ranked]


def _announced(main: list[Report], mentions: list[Report], status: str) -> list[dict[str, Any]]:
    """The plan a contact that took place fulfilled: the sources that reported it as planned (an
    invitation, an announcement), earliest first. Empty for a contact that has not taken place."""
    if status != "occurred":
        return []
    planned = sorted((r for r in list(main) + list(mentions) if r.status == "planned"),
                     key=lambda r: (r.published or date.max, r.doc_id, r.role != "main", r.index))
    firsts = {}
    for r in planned:  # a document once, by its first report of the plan
        firsts.setdefault(r.doc_id, r)
    return [{**_source(r), "published": r.published.isoformat() if r.published else None,
             "role": r.role} for r in firsts.values()]


def merge_event(main: list[Report], mentions: list[Report], related: list[Report] = ()) -> dict[str, Any]:
    """The merged record of one event.

    main: its main reports; mentions: other documents' secondary contacts linked to it;
    related: the secondary contacts of its own documents (for related-contact disagreements).
    """
    names: dict[str, dict[str, Any]] = {}
    for r in main:
        names.update(r.names)
    kind, kind_votes = _kind(main)
    status, status_votes = _status(main)
    people, people_votes = _participants(main)
    anchored = [r for r in main if r.day is not None]
    date_votes = _votes(anchored, lambda r: r.day.isoformat())
    day = date_votes[0]["value"] if date_votes else None
    period = None
    if day is None:
        periods = _votes(main, lambda r: r.value if period_bounds(r.value) else None)
        period = periods[0]["value"] if periods else None
    documents = sorted({r.doc_id for r in main})
    rec: dict[str, Any] = {
        "id": event_id({p: names[p] for p in people}, day, period, kind),
        "kind": kind,
        "status": status,
        "participants": [dict(names[p]) for p in sorted(people, key=lambda p: (names[p]["name"] or p, p))],
        "date": day,
        "documents": documents,
        "date_support": date_votes[0]["support"] if date_votes else 0,
        "period": period,
        "reports": len(documents),
        "mentioned_in": sorted({r.doc_id for r in mentions} - set(documents)),
        "languages": sorted({r.language for r in main if r.language}),
        "published": _published_range(main),
    }
    rec["duration_minutes"] = _votes(main, lambda r: r.facts.get("duration_minutes"))
    rec["places"] = _place_votes(main)
    rec["initiator"] = _votes(main, lambda r: (r.facts.get("initiator") or {}).get("name"))
    topics = Counter(t for r in main for t in r.facts.get("topics", []))
    rec["topics"] = [{"topic": t, "support": n} for t, n in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))]
    rec["quotes"] = [{**q, "document": r.doc_id} for r in main for q in r.facts.get("quotes", [])]
    rec["announced"] = _announced(main, mentions, status)
    disagreements = []
    if len(date_votes) > 1:
        disagreements.append({"field": "date", "values": date_votes})
    if kind_votes:
        disagreements.append({"field": "kind", "values": kind_votes})
    if status_votes:
        disagreements.append({"field": "status", "values": status_votes})
    if people_votes:
        disagreements.append({"field": "participants", "values": [
            {**v, "value": [names[p]["name"] for p in v["value"]]} for v in people_votes]})
    disagreements.extend(_related_disagreements(list(related), set(people)))
    rec["disagreements"] = disagreements
    rec["document_roles"] = ([{"document": d, "role": "main"} for d in documents]
                             + [{"document": d, "role": "mention"} for d in rec["mentioned_in"]])
    return rec


def _published_range(reports: list[Report]) -> list[str] | None:
    days = sorted({r.published for r in reports if isinstance(r.published, date)})
    return [days[0].isoformat(), days[-1].isoformat()] if days else None


def merge_events(groups: list[tuple[str, list[Report], list[Report]]],
                 secondary: dict[str, list[Report]] | None = None) -> list[dict[str, Any]]:
    """Merged records for every event; ids made unique (a suffix, in canonical order).

    secondary: each document's mention reports, for the related-contact disagreements.
    """
    return list(iter_merged_events(groups, secondary))


def iter_merged_events(groups: Iterable[tuple[str, list[Report], list[Report]]],
                       secondary: dict[str, list[Report]] | None = None) -> Iterator[dict[str, Any]]:
    """`merge_events` one record at a time, for a store to write as they come."""
    used: Counter[str] = Counter()
    secondary = secondary or {}
    for _gid, main, mentions in groups:
        related = [m for d in sorted({r.doc_id for r in main}) for m in secondary.get(d, [])]
        rec = merge_event(main, mentions, related)
        used[rec["id"]] += 1
        if used[rec["id"]] > 1:
            rec["id"] = f"{rec['id']}-{used[rec['id']]}"
        yield rec
