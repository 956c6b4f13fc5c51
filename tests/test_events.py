"""Events: the clustering rules on hand-built records, order independence, merging, the store."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from summitry.events import EventIndex, cluster_reports, event_records, reports_of
from summitry.events.dates import period_bounds, when_of
from summitry.events.options import DEFAULT_OPTIONS
from summitry.events.persist import add_document, load_index, save_events
from summitry.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PEOPLE = {
    "Putin": ("Vladimir Putin", "Q7747"),
    "Xi": ("Xi Jinping", "Q15031"),
    "Trump": ("Donald Trump", "Q22686"),
    "Scholz": ("Olaf Scholz", "Q61053"),
    "Macron": ("Emmanuel Macron", "Q3052772"),
    "Kim": ("Kim Jong Un", "Q56226"),
}


def contact(people, kind="phone_call", status="occurred", day=None, timex=None, main=True, evidence="…"):
    return {"kind": kind, "status": status, "main": main, "date": day, "timex": timex or day,
            "participants": [{"name": PEOPLE[p][0], "wikidata": PEOPLE[p][1]} for p in people],
            "evidence": [{"start": 0, "end": len(evidence), "text": evidence}]}


def doc(doc_id, *contacts, published=None, lang="de", topics=(), mentions=()):
    return {"id": doc_id, "language": lang, "published": published, "title": None, "authors": [],
            "contacts": list(contacts), "quotes": [], "topics": list(topics),
            "mentions": [{"name": PEOPLE[p][0], "wikidata": PEOPLE[p][1], "kind": "person"} for p in mentions]}


def events_of(*docs, text=""):
    index = EventIndex()
    for d in docs:
        index.add_reports(reports_of(d, text))
    return event_records(index)


def grouping(events) -> set[frozenset[str]]:
    return {frozenset(e["documents"]) for e in events}


# -- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, bounds", [
    ("2024-05", ("2024-05-01", "2024-05-31")),
    ("2026-H1", ("2026-01-01", "2026-06-30")),
    ("2024-W45", ("2024-11-04", "2024-11-10")),
    ("2023-Q4", ("2023-10-01", "2023-12-31")),
    ("2019", ("2019-01-01", "2019-12-31")),
    ("XXXX-WXX-3", None),
    ("PRESENT_REF", None),
])
def test_events_period_bounds(value, bounds):
    got = period_bounds(value)
    assert (tuple(d.isoformat() for d in got) if got else None) == bounds


@pytest.mark.parametrize("value, published, status, day, admitted", [
    # a weekday without a year ("am Mittwoch") admits Wednesdays only
    ("XXXX-WXX-3", None, "occurred", "2025-02-12", True),
    ("XXXX-WXX-3", None, "occurred", "2025-02-13", False),
    # month and day without a year
    ("XXXX-02-04", None, "planned", "2025-02-04", True),
    ("XXXX-11", None, "planned", "2023-10-30", False),
    # a contact reported as over took place before its report
    (None, "2025-09-19", "occurred", "2025-09-19", True),
    (None, "2025-09-19", "occurred", "2026-02-04", False),
    # a plan may be fulfilled after the report
    (None, "2023-03-17", "planned", "2023-03-20", True),
    (None, "2023-03-17", "planned", "2023-01-20", False),
    ("2024-W45", "2024-11-11", "denied", "2024-11-07", True),
])
def test_events_when_admits(value, published, status, day, admitted):
    pub = date.fromisoformat(published) if published else None
    when = when_of(None, value, pub, status, DEFAULT_OPTIONS)
    assert when.admits(date.fromisoformat(day)) is admitted


# -- clustering rules -------------------------------------------------------------------------
@pytest.mark.parametrize("docs, expected", [
    # German and English reports of one call, same day: one event (actor ids, not words)
    ([doc("a", contact(["Putin", "Xi"], day="2026-02-04")),
      doc("b", contact(["Xi", "Putin"], day="2026-02-04"), lang="en")], [{"a", "b"}]),
    # a day apart: one event with a date disagreement
    ([doc("a", contact(["Putin", "Xi"], day="2026-02-04")),
      doc("b", contact(["Putin", "Xi"], day="2026-02-05"))], [{"a", "b"}]),
    # a year apart: two events
    ([doc("a", contact(["Putin", "Xi"], day="2025-01-21")),
      doc("b", contact(["Putin", "Xi"], day="2026-02-04"))], [{"a"}, {"b"}]),
    # a call and a meeting the same day are two contacts
    ([doc("a", contact(["Putin", "Xi"], day="2026-02-04")),
      doc("b", contact(["Putin", "Xi"], kind="meeting", day="2026-02-04"))], [{"a"}, {"b"}]),
    # different people the same day
    ([doc("a", contact(["Putin", "Xi"], day="2026-02-04")),
      doc("b", contact(["Trump", "Xi"], day="2026-02-04"))], [{"a"}, {"b"}]),
    # a plan and its fulfilment are one event; a visit naming the visitor alone joins it
    ([doc("a", contact(["Putin", "Xi"], kind="visit", status="planned", day="2023-03-20")),
      doc("b", contact(["Putin", "Xi"], kind="visit", day="2023-03-20")),
      doc("c", contact(["Xi"], kind="visit", day="2023-03-21"))], [{"a", "b", "c"}]),
    # an undated report joins the dated event whose weekday it names ("am Donnerstag")
    ([doc("a", contact(["Putin", "Trump"], day="2024-11-07")),
      doc("b", contact(["Putin", "Trump"], day="2025-02-12")),
      doc("c", contact(["Putin", "Trump"], timex="XXXX-WXX-4"))], [{"a", "c"}, {"b"}]),
    # ... and no event whose weekday contradicts it
    ([doc("a", contact(["Putin", "Xi"], kind="video_call", day="2025-01-21")),
      doc("b", contact(["Putin", "Xi"], timex="XXXX-WXX-1"))], [{"a"}, {"b"}]),
    # an undated report dated by its publication joins the event before it, not a later one
    ([doc("a", contact(["Trump", "Xi"], day="2025-09-19")),
      doc("b", contact(["Trump", "Xi"], day="2026-02-04")),
      doc("c", contact(["Trump", "Xi"]), published="2025-09-20")], [{"a", "c"}, {"b"}]),
    # undated reports with no dated event form one among themselves
    ([doc("a", contact(["Scholz", "Xi"], kind="visit")),
      doc("b", contact(["Scholz", "Xi"], kind="visit", status="planned")),
      doc("c", contact(["Putin", "Kim"], kind="visit"))], [{"a", "b"}, {"c"}]),
    # the exact kind decides between two in-person events
    ([doc("a", contact(["Putin", "Xi"], kind="visit", day="2023-03-20")),
      doc("b", contact(["Putin", "Xi"], kind="meeting", day="2024-10-22")),
      doc("c", contact(["Putin", "Xi"], kind="visit"))], [{"a", "c"}, {"b"}]),
])
def test_events_clustering_rules(docs, expected):
    assert grouping(events_of(*docs)) == {frozenset(g) for g in expected}


def test_events_mentions_link_without_reporting():
    events = events_of(
        doc("a", contact(["Putin", "Xi"], day="2026-02-04")),
        doc("b", contact(["Putin", "Xi"], day="2025-01-21"),
            contact(["Putin", "Xi"], day="2026-02-04", main=False)))
    by_docs = {frozenset(e["documents"]): e for e in events}
    assert by_docs[frozenset({"a"})]["mentioned_in"] == ["b"]
    assert by_docs[frozenset({"b"})]["mentioned_in"] == []


def test_events_a_plan_fulfilled_names_the_sources_that_announced_it():
    events = events_of(
        doc("invite", contact(["Xi", "Putin"], kind="visit", status="planned", timex="2023-03"),
            published="2023-02-22"),
        doc("visit", contact(["Xi", "Putin"], kind="visit", day="2023-03-20"), published="2023-03-21"),
        doc("preview", contact(["Xi", "Putin"], kind="phone_call", day="2023-03-09"),
            contact(["Xi", "Putin"], kind="visit", status="planned", timex="2023-03", main=False),
            published="2023-03-10"))
    visit = next(e for e in events if e["kind"] == "visit")
    assert visit["status"] == "occurred" and visit["documents"] == ["invite", "visit"]
    assert [(a["document"], a["published"], a["role"]) for a in visit["announced"]] == [
        ("invite", "2023-02-22", "main"), ("preview", "2023-03-10", "mention")]
    only_planned = events_of(doc("invite", contact(["Xi", "Putin"], kind="visit", status="planned",
                                                   timex="2023-03"), published="2023-02-22"))
    assert only_planned[0]["status"] == "planned" and only_planned[0]["announced"] == []


def test_events_disagreements_keep_each_source():
    events = events_of(
        doc("a", contact(["Putin", "Xi"], kind="video_call", day="2026-02-04", evidence="am 4. Februar"),
            contact(["Putin", "Trump"], kind="call", day="2026-02-04", main=False, evidence="Putin mit Trump")),
        doc("b", contact(["Putin", "Xi"], kind="phone_call", day="2026-02-05", evidence="am Donnerstag"),
            contact(["Xi", "Trump"], kind="phone_call", main=False, evidence="Xi und Trump")),
        doc("c", contact(["Putin", "Xi"], kind="video_call", day="2026-02-04")))
    (event,) = events
    assert event["date"] == "2026-02-04" and event["date_support"] == 2
    fields = {d["field"]: d for d in event["disagreements"]}
    assert [v["value"] for v in fields["date"]["values"]] == ["2026-02-04", "2026-02-05"]
    assert fields["date"]["values"][1]["sources"][0]["evidence"] == ["am Donnerstag"]
    assert {v["value"] for v in fields["kind"]["values"]} == {"video_call", "phone_call"}
    related = fields["related_contact_participants"]["values"]
    assert sorted(sorted(v["value"]) for v in related) == [["Donald Trump", "Vladimir Putin"],
                                                            ["Donald Trump", "Xi Jinping"]]


def test_events_contract_fields():
    (event,) = events_of(doc("a", contact(["Putin", "Xi"], day="2026-02-04")))
    assert list(event)[:6] == ["id", "kind", "status", "participants", "date", "documents"]
    assert event["participants"][0] == {"name": "Vladimir Putin", "wikidata": "Q7747"}


# -- order independence -----------------------------------------------------------------------
def _corpus_docs() -> list[dict]:
    """A mixed batch: anchors, floaters with weekdays, windows and nothing, mentions, re-versions."""
    docs = []
    pairs = [["Putin", "Xi"], ["Putin", "Trump"], ["Trump", "Xi"], ["Scholz", "Xi"], ["Putin", "Kim"]]
    rng = random.Random(7)
    days = ["2025-01-21", "2025-01-22", "2025-02-12", "2025-02-24", "2025-09-19", "2026-02-04", "2026-02-05"]
    for i in range(60):
        people = rng.choice(pairs)
        kind = rng.choice(["phone_call", "video_call", "visit", "meeting", "call"])
        status = rng.choice(["occurred", "occurred", "planned", "denied"])
        r = rng.random()
        if r < 0.45:
            c = contact(people, kind, status, day=rng.choice(days))
            pub = None
        elif r < 0.65:
            c = contact(people, kind, status, timex=f"XXXX-WXX-{rng.randint(1, 7)}")
            pub = None
        elif r < 0.8:
            c = contact(people[:1] if rng.random() < 0.3 else people, kind, status)
            pub = rng.choice(days)
        else:
            c = contact(people, kind, status)
            pub = None
        extra = [contact(rng.choice(pairs), "call", "occurred", day=rng.choice(days), main=False)]
        docs.append(doc(f"d{i:02d}", c, *extra, published=pub,
                        mentions=rng.sample(list(PEOPLE), 3), topics=rng.sample(["iran", "trade", "bilateral"], 2)))
    return docs


def _canonical(events) -> str:
    return json.dumps(events, sort_keys=True)


@pytest.mark.parametrize("seed", range(8))
def test_events_same_in_any_order(seed):
    docs = _corpus_docs()
    expected = _canonical(events_of(*docs, text="Putin Xi Gespräch Beziehungen"))
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    index = EventIndex()
    for i, d in enumerate(shuffled):
        index.add_reports(reports_of(d, "Putin Xi Gespräch Beziehungen"))
        if i % 7 == 0:
            index.refresh()  # look at the events part way through: must not change the end result
    assert _canonical(event_records(index)) == expected


@pytest.mark.parametrize("seed", range(3))
def test_events_removal_is_undone_exactly(seed):
    docs = _corpus_docs()
    rng = random.Random(seed)
    index = EventIndex()
    for d in docs:
        index.add_reports(reports_of(d))
    dropped = rng.sample(docs, 15)
    for d in dropped:
        index.remove_document(d["id"])
    kept = [d for d in docs if d not in dropped]
    assert _canonical(event_records(index)) == _canonical(event_records(cluster_reports(
        [r for d in kept for r in reports_of(d)])))


# -- the store ----------------------------------------------------------------------------------
def test_events_store_round_trip(store_url):  # on SQLite and on PostgreSQL (conftest.py)
    docs = _corpus_docs()
    path = store_url
    with open_store(path) as store:
        index = load_index(store)
        for d in docs[:30]:
            add_document(store, index, d, "")
        save_events(store, index)
    with open_store(path) as store:  # a later run: the stored reports, then the rest
        index = load_index(store)
        for d in docs[30:]:
            add_document(store, index, d, "")
        written, _ = save_events(store, index)
        stored = store.events()
        assert written > 0
        assert save_events(store, index) == (0, 0)  # nothing changed: nothing written
        some = stored[0]
        assert store.get_event(some["id"]) == some
        assert {r["event_id"] for r in store.events_of_document(some["documents"][0])} >= {some["id"]}
    batch = events_of(*docs)
    key = lambda e: e["id"]  # noqa: E731
    assert sorted(stored, key=key) == sorted(batch, key=key)


def test_events_cli_from_store(tmp_path):
    from click.testing import CliRunner

    from summitry.cli import cli
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", str(SHARED / "corpus" / "seeds.jsonl")]).exit_code == 0
    stored = runner.invoke(cli, ["--db", db, "events", "--format", "jsonl"])
    files = runner.invoke(cli, ["events", str(SHARED / "corpus" / "seeds.jsonl"), "--format", "jsonl"])
    assert stored.exit_code == 0 and files.exit_code == 0
    as_set = lambda out: sorted(json.loads(line)["documents"] for line in out.splitlines())  # noqa: E731
    assert as_set(stored.output) == as_set(files.output)
    first = json.loads(stored.output.splitlines()[0])
    shown = runner.invoke(cli, ["--db", db, "show", first["id"], "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.output)["id"] == first["id"]


# -- reference events ---------------------------------------------------------------------------
def test_events_reference_data_is_valid():
    from summitry.data import load_yaml

    data = load_yaml("reference_events.yaml")
    for series in data["series"]:
        assert set(series) == {"key", "cues", "instances"}
        assert set(series["cues"]) <= {"de", "en"} and all(series["cues"].values())
        for inst in series["instances"]:
            assert set(inst) <= {"first", "last", "actor"}
            assert date.fromisoformat(str(inst["first"])) <= date.fromisoformat(str(inst["last"]))


@pytest.mark.parametrize("text, expected", [
    ("Xi und Putin sprachen nur Stunden nach der Amtseinführung von Donald Trump.", [{"a", "c"}, {"b"}]),
    ("Xi und Putin sprachen per Video.", [{"a"}, {"b"}, {"c"}]),  # nothing to tell them apart
])
def test_events_reference_event_decides_between_candidates(text, expected):
    a = doc("a", contact(["Putin", "Xi"], kind="video_call", day="2025-01-21"))
    b = doc("b", contact(["Putin", "Xi"], kind="video_call", day="2026-02-04"))
    c = doc("c", contact(["Putin", "Xi"], kind="video_call"), mentions=["Trump", "Putin", "Xi"])
    index = EventIndex()
    for d in (a, b):
        index.add_reports(reports_of(d, "Putin Xi"))
    index.add_reports(reports_of(c, text))
    assert grouping(event_records(index)) == {frozenset(g) for g in expected}
