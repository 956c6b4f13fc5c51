"""Checks on the actor data files: shapes, ids, dates, tenures, and the generated countries file."""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
import yaml

from summitry.annotate.gazetteer import ORG_KEYS, PERSON_KEYS, ROLE_KEY, gazetteer
from summitry.data import read_text

ROOT = Path(__file__).resolve().parents[1]
QID = re.compile(r"^Q[1-9]\d*$")
ISO2 = re.compile(r"^[A-Z]{2}$")
FILES = ("people.yaml", "roles.yaml", "organisations.yaml", "countries.yaml", "inflection.yaml", "names.yaml")


def _load(name: str):
    return yaml.safe_load(read_text(f"actors/{name}"))


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@pytest.mark.parametrize("name", FILES)
def test_every_file_starts_with_a_header_explaining_it(name):
    lines = read_text(f"actors/{name}").splitlines()
    header = [line for line in lines[:5] if line.startswith("#")]
    assert len(header) >= 3, f"{name} needs a '#' header explaining its format"


def test_people():
    people = _load("people.yaml")["people"]
    assert len(people) >= 300
    names, qids = set(), set()
    for p in people:
        assert set(p) <= PERSON_KEYS, p["name"]
        assert isinstance(p["name"], str) and p["name"].strip(), p
        assert p["name"] not in names, f"{p['name']} listed twice"
        names.add(p["name"])
        if p["wikidata"] is not None:
            assert QID.match(p["wikidata"]), p["name"]
            assert p["wikidata"] not in qids, f"{p['wikidata']} used twice"
            qids.add(p["wikidata"])
        assert p["gender"] in ("m", "f"), p["name"]
        assert ISO2.match(p["country"]), p["name"]
        assert p.get("family") or p.get("aliases") or p.get("nicknames"), f"{p['name']} cannot be matched"
        assert p.get("order", "family_first") == "family_first"
        for role in p["roles"]:
            assert isinstance(role, list) and len(role) in (3, 4), (p["name"], role)
            assert ROLE_KEY.match(role[0]), (p["name"], role)
            start, end = _day(role[1]), _day(role[2])
            if start and end:
                assert start < end, (p["name"], role)
            if len(role) == 4:
                assert role[3] == "~", (p["name"], role)


def test_brief_wikidata_ids():
    by_name = {p["name"]: p["wikidata"] for p in _load("people.yaml")["people"]}
    expected = {"Vladimir Putin": "Q7747", "Xi Jinping": "Q15031", "Donald Trump": "Q22686", "Joe Biden": "Q6279",
                "Olaf Scholz": "Q61053", "Angela Merkel": "Q567", "Emmanuel Macron": "Q3052772",
                "Volodymyr Zelenskyy": "Q3874799"}
    assert {n: by_name[n] for n in expected} == expected


def test_tenures_of_one_role_do_not_overlap():
    multiple = {k for k, v in (_load("roles.yaml").get("roles") or {}).items() if v.get("multiple")}
    spans = defaultdict(list)
    for p in _load("people.yaml")["people"]:
        for role in p["roles"]:
            spans[role[0]].append((_day(role[1]) or date.min, _day(role[2]) or date.max, p["name"], len(role) == 4))
    for key, ts in spans.items():
        if key in multiple:
            continue
        ts.sort()
        for a, b in zip(ts, ts[1:]):
            if a[3] or b[3]:  # approximate dates may touch
                continue
            assert a[1] <= b[0], f"{key}: {a[2]} and {b[2]} overlap"


def test_roles_file():
    roles = _load("roles.yaml")
    assert set(roles) <= {"roles", "patterns", "families", "countries", "phrases", "generic", "defaults",
                          "not_current", "future", "future_after", "feminine_endings"}
    held = {r[0] for p in _load("people.yaml")["people"] for r in p["roles"]}
    for key in roles["phrases"]:
        assert key in held, f"phrases for {key}, which nobody holds"
    for lang, mapping in roles["defaults"].items():
        assert all(key in held for key in mapping.values())
    for code, mapping in roles["countries"].items():
        assert code == "default" or ISO2.match(code)
        assert set(mapping) <= set(roles["families"]), code
    for name, g in roles["generic"].items():
        assert set(g) <= {"standalone", "type", "de", "en"}, name


def test_organisations():
    orgs = _load("organisations.yaml")["organisations"]
    held = {r[0] for p in _load("people.yaml")["people"] for r in p["roles"]}
    for o in orgs:
        assert set(o) <= ORG_KEYS, o["name"]
        assert o["wikidata"] is None or QID.match(o["wikidata"]), o["name"]
        assert o["country"] is None or ISO2.match(o["country"]), o["name"]
        assert o.get("role") is None or o["role"] in held, o["name"]
        assert o["names"].get("de") and o["names"].get("en"), o["name"]


def test_countries():
    countries = _load("countries.yaml")["countries"]
    assert len(countries) > 200
    for code, c in countries.items():
        assert ISO2.match(code)
        assert set(c) <= {"name", "wikidata", "names", "genitive_pre", "genitive_post", "adjectives", "prefixes",
                          "capital"}, code
        assert c["wikidata"] is None or QID.match(c["wikidata"]), code
        assert c["names"]["de"] and c["names"]["en"], code
        if "capital" in c:
            assert c["capital"]["wikidata"] is None or QID.match(c["capital"]["wikidata"]), code
    assert countries["RU"]["genitive_pre"] == ["Russlands"]
    assert countries["UA"]["genitive_post"] == ["der Ukraine"]
    assert "Peking" in countries["CN"]["capital"]["names"]["de"]


def test_regenerating_countries_changes_nothing():
    spec = importlib.util.spec_from_file_location("generate_countries", ROOT / "scripts" / "generate_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "src" / "summitry" / "data" / "actors" / "countries.yaml").read_text(encoding="utf-8")
    # CLDR adds territories between Babel releases; only a like-for-like rebuild must be byte-equal.
    recorded = module.generated_with(current)
    if recorded != module.babel.__version__:
        pytest.skip(f"countries.yaml was generated with Babel {recorded}, Babel {module.babel.__version__} installed")
    assert module.render() == current, "run scripts/generate_countries.py"


def test_gazetteer_compiles_and_links_roles():
    g = gazetteer()
    assert g.size > 10_000
    for oid, role in g.org_roles.items():
        assert role in g.tenures, oid
    # every person with an office can be found by some form
    assert all(p.family or p.actor.name for p in g.people.values())


def test_places():
    places = _load("places.yaml")["places"]
    countries = _load("countries.yaml")["countries"]
    capitals = {n for c in countries.values() for names in c.get("capital", {}).get("names", {}).values()
                for n in names}
    for p in places:
        assert set(p) <= {"name", "wikidata", "names", "country"}, p["name"]
        assert p["wikidata"] is None or QID.match(p["wikidata"]), p["name"]
        assert p["country"] in countries, p["name"]
        assert p["names"]["de"] and p["names"]["en"], p["name"]
        # capitals come with countries.yaml: a second entry would make two actors of one city
        assert not set(p["names"]["de"] + p["names"]["en"]) & capitals, p["name"]
