"""Exports of a timeline, each parsed back with its own reader."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import networkx as nx
import pytest
from icalendar import Calendar

from summitry.export import FILE_SUFFIX, FORMATS, MEDIA_TYPES, date_precision, export_timeline
from summitry.timeline import build_timeline

XI = {"name": "Xi Jinping", "wikidata": "Q15031"}
PUTIN = {"name": "Vladimir Putin", "wikidata": "Q7747"}
NOBODY = {"name": "Jane Envoy"}  # no Wikidata id: the name is the node


def _ev(eid, day, kind, people, status="occurred", **more):
    return {"id": eid, "kind": kind, "status": status, "participants": list(people), "date": day,
            "documents": [f"{eid}-doc"], **more}


EVENTS = [
    _ev("call-1", "2026-02-04", "video_call", (XI, PUTIN), places=[{"value": "Beijing", "support": 1}],
        duration_minutes=[{"value": 85, "support": 2}]),
    _ev("visit-1", "2024-05-16", "visit", (XI, PUTIN), places=[{"value": "Beijing", "support": 1},
                                                              {"value": "Harbin", "support": 1}]),
    _ev("call-2", "2025-01-21", "phone_call", (PUTIN, NOBODY)),
    _ev("plan-1", "2026-09-01", "visit", (XI, PUTIN), status="planned"),
    _ev("month-1", None, "meeting", (XI, PUTIN), period="2024-05"),
]
TIMELINE = build_timeline(EVENTS)


def test_formats_media_types_and_suffixes_agree():
    assert FORMATS == ("jsonl", "csv", "ics", "graphml")
    assert set(MEDIA_TYPES) == set(FILE_SUFFIX) == set(FORMATS)
    assert MEDIA_TYPES["ics"] == "text/calendar" and FILE_SUFFIX["graphml"] == ".graphml"


def test_unknown_format_names_the_formats():
    with pytest.raises(ValueError, match="jsonl, csv, ics, graphml"):
        export_timeline(TIMELINE, "pdf")


def test_jsonl_has_one_contact_a_line():
    lines = [json.loads(line) for line in export_timeline(TIMELINE, "jsonl").splitlines()]
    assert [c["id"] for c in lines] == ["visit-1", "call-2", "call-1", "plan-1", "month-1"]
    assert lines[2]["wikidata"] == ["Q15031", "Q7747"] and lines[2]["duration_minutes"] == 85


def test_csv_has_one_row_a_contact():
    rows = list(csv.DictReader(io.StringIO(export_timeline(TIMELINE, "csv"))))
    assert [r["event"] for r in rows] == ["visit-1", "call-2", "call-1", "plan-1", "month-1"]
    visit = rows[0]
    assert (visit["date"], visit["date_precision"], visit["kind"]) == ("2024-05-16", "day", "visit")
    assert visit["participants"] == "Xi Jinping; Vladimir Putin" and visit["wikidata"] == "Q15031; Q7747"
    assert visit["places"] == "Beijing; Harbin" and visit["documents_count"] == "1"
    assert rows[1]["wikidata"] == "Q7747; "  # an unknown id is left empty, in its place
    assert rows[2]["duration_minutes"] == "85"
    assert (rows[4]["date"], rows[4]["date_precision"], rows[4]["date_value"]) == ("", "month", "2024-05")


@pytest.mark.parametrize("contact, expected", [
    ({"date": "2024-05-16"}, ("day", "2024-05-16")),
    ({"period": "2024-05"}, ("month", "2024-05")),
    ({"period": "2026-H1"}, ("half", "2026-H1")),
    ({"period": "2025"}, ("year", "2025")),
    ({"period": "2024-W45"}, ("week", "2024-W45")),
    ({"period": "XXXX-WXX-3"}, ("period", "XXXX-WXX-3")),
    ({}, ("none", "")),
])
def test_date_precision(contact, expected):
    assert date_precision(contact) == expected


def test_ics_has_an_all_day_event_per_dated_contact():
    cal = Calendar.from_ical(export_timeline(TIMELINE, "ics"))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"visit-1@summitry", "call-2@summitry", "call-1@summitry", "plan-1@summitry"}
    call = events["call-1@summitry"]
    assert str(call["SUMMARY"]) == "Video call: Xi Jinping – Vladimir Putin"
    assert call.decoded("DTSTART") == date(2026, 2, 4) and call.decoded("DTEND") == date(2026, 2, 5)
    assert str(call["LOCATION"]) == "Beijing"
    assert "Status: occurred" in str(call["DESCRIPTION"]) and "call-1-doc" in str(call["DESCRIPTION"])
    assert str(events["plan-1@summitry"]["SUMMARY"]).endswith("(planned)")
    # the same event gives the same UID on the next export
    again = Calendar.from_ical(export_timeline(TIMELINE, "ics"))
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


def test_graphml_has_people_and_counted_pairs():
    graph = nx.read_graphml(io.StringIO(export_timeline(TIMELINE, "graphml")))
    assert set(graph.nodes) == {"Q15031", "Q7747", "Jane Envoy"}
    assert graph.nodes["Q7747"] == {"name": "Vladimir Putin", "wikidata": "Q7747"}
    assert graph.nodes["Jane Envoy"]["wikidata"] == ""
    edge = graph.edges["Q7747", "Q15031"]
    assert edge["total"] == 3  # the planned visit is no contact
    counts = (edge["count_video_call"], edge["count_visit"], edge["count_meeting"], edge["count_phone_call"])
    assert counts == (1, 1, 1, 0)
    assert set(edge["events"].split("; ")) == {"call-1", "visit-1", "month-1"}
    assert graph.edges["Q7747", "Jane Envoy"]["total"] == 1
