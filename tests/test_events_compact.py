"""Events: the compact forms an index keeps (features, facts, buckets) give what the plain ones did."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.events import reports_of
from summitry.events.index import SMALL_BUCKET, PeopleIndex
from summitry.events.match import event_similarity
from summitry.events.reports import Facts, Report, compact_features

WORDS = st.sampled_from(["gipfel", "telefonat", "ukraine", "handel", "summit", "@Q7747", "#trade", "#energy"])


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The similarity as reports' frozensets of features gave it."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _report(doc_id: str, features) -> Report:
    record = {"id": doc_id, "contacts": [{"kind": "phone_call", "main": True, "participants": [
        {"name": "Vladimir Putin", "wikidata": "Q7747"}, {"name": "Xi Jinping", "wikidata": "Q15031"}]}]}
    (r,) = reports_of(record)
    r.features = compact_features(features)
    return r


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12), st.lists(st.lists(WORDS, max_size=12), min_size=1, max_size=4))
def test_compact_similarity_is_the_set_jaccard(mine, others):
    """Features kept as tuples (repeats given, in any order) compare exactly as their sets did."""
    report = _report("a", mine)
    members = [_report(f"m{i}", words) for i, words in enumerate(others)]
    expected = max(_jaccard(frozenset(mine), frozenset(words)) for words in others)
    assert event_similarity(report, members) == expected
    assert set(report.features) == set(mine) and len(report.features) == len(set(mine))


def test_features_are_shared_between_reports():
    a = compact_features(["".join(["gip", "fel"]), "handel", "handel"])
    b = compact_features(["handel", "".join(["gi", "pfel"])])
    assert a == b == ("gipfel", "handel") and a[0] is b[0] and a[1] is b[1]


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=40))
def test_facts_read_as_the_dict(evidence):
    main = {"evidence": evidence, "duration_minutes": 30, "places": [], "initiator": {"name": "X"},
            "date": "2024-05-01", "period": None, "topics": ["trade"], "quotes": [], "title": "T"}
    facts = Facts(main)
    assert dict(facts) == main and list(facts) == list(main)
    assert facts.get("evidence") == evidence and isinstance(facts.get("places"), list)
    assert facts.get("nothing", "x") == "x"
    contact = {k: main[k] for k in ("evidence", "duration_minutes", "places", "initiator", "date", "period")}
    assert Facts(contact).get("topics", []) == [] and dict(Facts(contact)) == contact
    assert Facts.of({"other": 1}) == {"other": 1} and type(Facts.of({"other": 1})) is dict


def test_reports_round_trip_through_their_plain_form():
    record = {"id": "d1", "language": "de", "published": "2024-05-02", "title": "Titel",
              "topics": ["trade"], "quotes": [{"text": "Wir reden.", "speaker": "Q7747"}],
              "contacts": [
                  {"kind": "phone_call", "main": True, "date": "2024-05-01", "places": ["Moskau"],
                   "participants": [{"name": "Vladimir Putin", "wikidata": "Q7747"},
                                    {"name": "Xi Jinping", "wikidata": "Q15031"}],
                   "evidence": [{"text": "telefonierte"}]},
                  {"kind": "visit", "status": "planned", "participants": [{"name": "Kim Jong Un", "wikidata": None}]}]}
    reports = reports_of(record, "Ein langes Telefonat über Handel und Energie")
    for r in reports:
        plain = json.loads(json.dumps(r.to_plain()))
        back = Report.from_plain(plain)
        assert back == r and json.loads(json.dumps(back.to_plain())) == plain
    # reports naming the same people the same way share one names dict (read only)
    again = reports_of({**record, "id": "d2"})
    assert again[0].names is reports[0].names and again[0].when is reports[0].when


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 2 * SMALL_BUCKET)), max_size=120))
def test_buckets_behave_as_sets(steps):
    """Adding and removing reports in any order: lookups give what sets would."""
    index = PeopleIndex()
    record = {"id": "x", "contacts": [{"kind": "meeting", "main": True, "participants": [
        {"name": "A", "wikidata": "Q1"}, {"name": "B", "wikidata": "Q2"}]}]}
    (template,) = reports_of(record)
    expected: set = set()
    for add, n in steps:
        r = Report(doc_id=f"d{n}", index=0, role="main", kind="meeting", status="occurred",
                   participants=template.participants, names=template.names, when=template.when)
        if add:
            index.add(r)
            expected.add(r.key)
        else:
            index.remove(r)
            expected.discard(r.key)
        assert index.lookup("meeting", ["Q1", "Q2"]) == expected
        assert index.lookup("meeting", ["Q1"]) == expected


def test_reports_from_clues_found_in_another_process_equal_those_found_here(examples_dir):
    import pickle
    import sys

    from summitry.events.reports import text_clues
    from summitry.output import extraction_record
    from summitry.pipeline import process_paths

    for ex in process_paths([str(examples_dir)]):
        record, text = extraction_record(ex), ex.document.text
        clues = pickle.loads(pickle.dumps(text_clues(record, text)))  # as from a worker
        here, sent = reports_of(record, text), reports_of(record, text, clues=clues)
        assert [r.to_plain() for r in sent] == [r.to_plain() for r in here]
        for r in sent:
            assert all(f is sys.intern(f) for f in r.features)  # shared again, not the unpickled copies
