"""`search` and `export` end to end on the bundled sample corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from icalendar import Calendar

from summitry.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("db") / "examples.db")
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", db, "ingest", str(EXAMPLES)])
    assert out.exit_code == 0, out.output
    return runner, db


def test_search_json_names_documents_and_their_events(stored):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "search", "Selenskyj", "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    hit = next(h for h in result["hits"] if h["doc_id"] == "de-modi-besuch-moskau" and h["kind"] == "document")
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["Selenskyj"]
    assert any("modi" in e for e in hit["events"])


@pytest.mark.parametrize("args", [
    ["--scope", "quotes", "--format", "jsonl"],
    ["--lang", "en", "--format", "jsonl"],
    ["--from", "2025-01-01", "--to", "2025-12-31", "--format", "jsonl", "--limit", "2", "--offset", "1"],
])
def test_search_options_reach_the_store(stored, args):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "search", "Putin OR Trump", *args])
    assert out.exit_code == 0, out.output
    hits = [json.loads(line) for line in out.output.splitlines()]
    assert hits
    if "quotes" in args:
        assert all(h["kind"] == "quote" and h["speaker"] for h in hits)
    if "en" in args:
        assert all(h["lang"] == "en" for h in hits)
    if "--from" in args:
        assert len(hits) <= 2 and all(h["published"].startswith("2025") for h in hits)


def test_search_table_marks_the_hits(stored):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "search", "Woodside"])
    assert out.exit_code == 0 and "Woodside: hits 1–" in out.output and "snippet" in out.output


@pytest.mark.parametrize("args, message", [
    (["()"], "nothing to search for"),
    (["Putin", "--limit", "500"], "1<=x<=200"),
    (["Putin", "--offset", "-1"], "x>=0"),
])
def test_search_bad_input_is_a_usage_error(stored, args, message):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "search", *args])
    assert out.exit_code == 2 and message in out.output


def test_export_csv_from_the_store_with_the_timeline_selection(stored):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "export", "csv", "--actor", "Modi"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows and all("Narendra Modi" in r["participants"] for r in rows)
    timeline = json.loads(runner.invoke(cli, ["--db", db, "timeline", "--actor", "Modi", "--format", "json"]).output)
    assert [r["event"] for r in rows] == [c["id"] for c in timeline["contacts"] + timeline["undated"]]


def test_export_graphml_from_the_store(stored):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "export", "graphml"])
    assert out.exit_code == 0, out.output
    graph = nx.read_graphml(io.StringIO(out.output))
    assert graph.nodes["Q7747"]["name"] == "Vladimir Putin" and graph.degree("Q7747") >= 2


def test_export_ics_from_files_to_a_file(tmp_path):
    target = tmp_path / "contacts.ics"
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "unused.db"), "export", "ics",
                                   str(EXAMPLES / "en-biden-xi-woodside.txt"), "--from", "2023-01-01", "-o", str(target)])
    assert out.exit_code == 0, out.output
    assert not (tmp_path / "unused.db").exists()  # files are read, nothing stored
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Meeting: Joe Biden – Xi Jinping"]
    assert str(events[0]["UID"]).startswith("joe-biden-xi-jinping-2023-11-15")


def test_export_unknown_format_is_a_usage_error(stored):
    runner, db = stored
    out = runner.invoke(cli, ["--db", db, "export", "pdf"])
    assert out.exit_code == 2 and "graphml" in out.output
