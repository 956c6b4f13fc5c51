"""A timeline's contacts for other tools: JSON Lines, CSV, iCalendar and GraphML.

    timeline = build_timeline(stored_events(store), actors=["Putin"])
    text = export_timeline(timeline, "ics")      # MEDIA_TYPES["ics"], FILE_SUFFIX["ics"]

`timeline` is what summitry.timeline.build_timeline returns: one contact per event, the dated
ones in `contacts`, the rest in `undated`. Every format has every contact except iCalendar,
which has the dated ones only: a calendar entry claims a day, and a contact known to the month
("2024-05") or half year drawn as a month-long entry would read as a month-long meeting.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from itertools import combinations
from typing import Any

from summitry.timeline import REMOTE

FORMATS = ("jsonl", "csv", "ics", "graphml")
MEDIA_TYPES: dict[str, str] = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "ics": "text/calendar",
    "graphml": "application/graphml+xml",
}
FILE_SUFFIX: dict[str, str] = {fmt: f".{fmt}" for fmt in FORMATS}

KINDS = (*REMOTE, "meeting", "visit")
KIND_LABELS = {"phone_call": "Phone call", "video_call": "Video call", "call": "Call", "meeting": "Meeting",
               "visit": "Visit"}
CSV_COLUMNS = ("event", "date", "date_precision", "date_value", "kind", "status", "participants", "wikidata",
               "places", "duration_minutes", "documents_count", "documents")
LIST_SEPARATOR = "; "
# TimeML period values (summitry.events.dates reads them) → how precise the date is
_PRECISION = tuple((re.compile(pattern), name) for pattern, name in (
    (r"^\d{4}$", "year"), (r"^\d{4}-\d{2}$", "month"), (r"^\d{4}-W\d{2}", "week"),
    (r"^\d{4}-Q[1-4]", "quarter"), (r"^\d{4}-H[12]", "half"), (r"^\d{4}-(SP|SU|FA|WI)", "season")))


def _all_contacts(timeline: dict[str, Any]) -> list[dict[str, Any]]:
    return list(timeline.get("contacts") or []) + list(timeline.get("undated") or [])


def date_precision(contact: dict[str, Any]) -> tuple[str, str]:
    """(precision, value): ("day", "2026-02-04"), ("month", "2024-05"), … or ("none", "")."""
    if contact.get("date"):
        return "day", contact["date"]
    period = contact.get("period")
    if not period:
        return "none", ""
    return next((name for pattern, name in _PRECISION if pattern.match(period)), "period"), period


def _joined(values: list[Any] | None) -> str:
    return LIST_SEPARATOR.join("" if v is None else str(v) for v in values or [])


def to_jsonl(timeline: dict[str, Any]) -> str:
    """One contact a line, dated ones first."""
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in _all_contacts(timeline))


def to_csv(timeline: dict[str, Any]) -> str:
    """One row a contact (CSV_COLUMNS); lists joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in _all_contacts(timeline):
        precision, value = date_precision(c)
        duration = c.get("duration_minutes")
        writer.writerow([c.get("id") or "", c.get("date") or "", precision, value, c.get("kind") or "",
                         c.get("status") or "", _joined(c.get("participants")), _joined(c.get("wikidata")),
                         _joined(c.get("places")), "" if duration is None else duration,
                         len(c.get("documents") or []), _joined(c.get("documents"))])
    return out.getvalue()


def calendar_summary(contact: dict[str, Any]) -> str:
    """ "Phone call: Xi Jinping – Vladimir Putin", marked when the contact was only planned or denied."""
    kind = contact.get("kind") or ""
    label = KIND_LABELS.get(kind, kind.replace("_", " ").capitalize() or "Contact")
    summary = f"{label}: {' – '.join(contact.get('participants') or [])}"
    status = contact.get("status")
    return summary if status in (None, "occurred") else f"{summary} ({status})"


def to_ics(timeline: dict[str, Any]) -> str:
    """An iCalendar file: one all-day VEVENT per dated contact, its UID made from the event id."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//summitry//contacts between leaders//EN")
    cal.add("version", "2.0")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for c in timeline.get("contacts") or []:
        day = date.fromisoformat(c["date"])
        event = Event()
        event.add("uid", f"{c['id']}@summitry")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))  # exclusive: one whole day
        event.add("summary", calendar_summary(c))
        lines = [f"Status: {c.get('status') or 'unknown'}", f"Sources: {', '.join(c.get('documents') or [])}",
                 f"Event: {c['id']}"]
        if c.get("duration_minutes") is not None:
            lines.insert(1, f"Duration: {c['duration_minutes']} minutes")
        event.add("description", "\n".join(lines))
        if c.get("places"):
            event.add("location", ", ".join(c["places"]))
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def _people(contact: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(node id, name, Wikidata id or "") per participant: the Wikidata id names the node when known."""
    ids = list(contact.get("wikidata") or [])
    ids += [None] * (len(contact.get("participants") or []) - len(ids))
    return [(qid or name, name, qid or "") for name, qid in zip(contact.get("participants") or [], ids)]


def to_graphml(timeline: dict[str, Any]) -> str:
    """A GraphML graph: people as nodes, pairs as edges with their contacts counted (occurred ones, per kind)."""
    import networkx as nx

    graph = nx.Graph()
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    events: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in _all_contacts(timeline):
        people = _people(c)
        for node, name, qid in people:
            graph.add_node(node, name=name, wikidata=qid)
        if c.get("status") not in (None, "occurred"):  # as the timeline's pair counts: a plan is no contact
            continue
        for a, b in combinations(sorted({node for node, _, _ in people}), 2):
            counts[(a, b)][c.get("kind")] += 1
            events[(a, b)].append(c.get("id") or "")
    for pair, by_kind in counts.items():
        # GraphML values are scalars: a count per kind, the event ids joined
        graph.add_edge(*pair, total=sum(by_kind.values()), events=_joined(events[pair]),
                       **{f"count_{kind}": by_kind.get(kind, 0) for kind in KINDS})
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


_WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "jsonl": to_jsonl, "csv": to_csv, "ics": to_ics, "graphml": to_graphml,
}


def export_timeline(timeline: dict[str, Any], fmt: str) -> str:
    """The timeline's contacts in `fmt` (one of FORMATS); ValueError for another format."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format '{fmt}': use one of {', '.join(FORMATS)}")
    return writer(timeline)
