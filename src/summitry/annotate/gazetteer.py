"""The actor gazetteer: people, offices, countries and organisations, compiled for matching.

The data is in data/actors/*.yaml (each file explains its format). This module
loads it once, checks it, expands every listed form into the variants that
occur in running text (German genitives and adjective endings, forms without
diacritics) by the rules in data/actors/inflection.yaml, and builds one
Aho-Corasick automaton over case- and space-folded forms. `gazetteer()`
returns the compiled, shared instance; `office_holder`, `roles_of` and
`get_actor` answer questions about it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import ahocorasick

from summitry.annotate.doctext import lower_same_length
from summitry.data import load_yaml
from summitry.errors import DataFileError
from summitry.records import Actor

PERSON_KEYS = frozenset({"name", "wikidata", "gender", "country", "given", "family", "order", "aliases",
                         "nicknames", "ambiguous", "roles", "note"})
ORG_KEYS = frozenset({"name", "wikidata", "country", "role", "type", "names"})
ROLE_KEY = re.compile(r"^[A-Z]{2,4}(\.[a-z_]+)+$")
QID = re.compile(r"^Q[1-9]\d*$")
# When one form stands for several things, the first kind wins ("Kim": the surname, not the first name).
KIND_PRIORITY = {"name": 0, "role": 1, "surname": 2, "generic": 3, "adjective": 4, "cue": 5, "given": 6}
SHORT = 3  # forms this short are matched by regex, not by the automaton (see _Builder.build)
APPROXIMATE = "~"
_MARKER = re.compile(r"\{[A-Za-z]+\}")


@dataclass(frozen=True)
class Tenure:
    """One person's time in one office; `end` is the first day out of office (None: still in it)."""

    role: str
    person: str
    start: date | None  # None: since before the data's coverage (2019)
    end: date | None
    approximate: bool = False

    def covers(self, day: date) -> bool:
        """True when the office was held on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Person:
    """A people.yaml entry as loaded."""

    actor: Actor
    gender: str | None
    given: tuple[str, ...]
    family: tuple[str, ...]
    tenures: tuple[Tenure, ...]
    ambiguous: bool
    family_first: bool = False


@dataclass(frozen=True)
class Entry:
    """What one surface form in the automaton stands for."""

    kind: str  # name | surname | role | generic | adjective | cue | given
    targets: tuple[str, ...]  # actor ids; role keys (role); office types (generic, "" for courtesy titles)
    surface: str  # the form as generated, compared when `exact`
    exact: bool
    lang: str | None = None
    standalone: bool = True  # generic phrases: may stand for a person without a name after them
    genitive: bool = False  # a generated genitive ("Trumps"): "Sprecher Trumps" is Trump's spokesman, not Trump


@dataclass
class Gazetteer:
    """Everything the matcher needs, built once from the data files."""

    actors: dict[str, Actor]
    people: dict[str, Person]
    tenures: dict[str, list[Tenure]]  # role key → tenures by start
    multiple: frozenset[str]  # role keys held by several people at once
    org_roles: dict[str, str]  # organisation id → role key it speaks for
    automaton: Any
    short_words: re.Pattern[str]  # forms of up to SHORT letters ("EU", "Xi"), matched on the folded text
    short_entries: dict[str, tuple[int, tuple[Entry, ...]]]
    fold_pairs: tuple[tuple[str, str], ...]
    names: dict[str, Any]  # names.yaml
    given_names: frozenset[str]
    names_stop_words: frozenset[str]
    common_word_given: frozenset[str]
    defaults: dict[str, dict[str, str]]  # language → office type → role key
    not_current: re.Pattern[str]
    feminine_endings: tuple[str, ...]
    future_before: re.Pattern[str]
    future_after: re.Pattern[str]
    by_name: dict[str, str] = field(default_factory=dict)  # English name → actor id
    size: int = 0
    short_automaton: Any = None  # " eu " → (length, entries): short words in `doctext.word_text`
    modifier_reach: int = 0  # the longest word `not_current` and `future_before` match
    fold_word_chars: str = ""  # folded characters that are letters or digits before folding or after, not both
    venues: frozenset[str] = frozenset()  # places.yaml ids: towns beyond the capitals (summits, residences)


def _data(name: str) -> Any:
    """One actors/ data file (parsed once, by the shared loader)."""
    data = load_yaml(f"actors/{name}")
    if not isinstance(data, dict):
        raise DataFileError(f"data file actors/{name} must hold a mapping")
    return data


def _date(value: Any, where: str) -> date | None:
    """A YAML date (or ISO string) as a date; None stays None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataFileError(f"actors data: bad date {value!r} in {where}") from exc


def actor_id(name: str, wikidata: str | None, prefix: str = "name") -> str:
    """The id an actor gets: its Wikidata id, else '<prefix>:<name>'."""
    return wikidata or f"{prefix}:{name}"


def expand_markers(form: str, markers: dict[str, list[str]]) -> list[str]:
    """Every spelling of a form with its {markers} replaced by their endings."""
    parts = _MARKER.split(form)
    found = _MARKER.findall(form)
    if not found:
        return [form]
    choices = []
    for marker in found:
        if marker not in markers:
            raise DataFileError(f"actors data: unknown marker {marker} in {form!r}")
        choices.append(markers[marker])
    out = []
    for combo in itertools.product(*choices):
        out.append("".join(p + (combo[i] if i < len(combo) else "") for i, p in enumerate(parts)))
    return out


def strip_diacritics(text: str) -> str:
    """The text without combining accents (Erdoğan → Erdogan); ß and umlauts are kept apart."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _umlaut_ascii(text: str) -> str:
    """German umlauts spelt out (Göring → Goering)."""
    return (text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss"))


def _genitive(form: str, rule: dict[str, Any]) -> str:
    """German genitive of a name: "Putins", "Scholz'"."""
    if form.endswith(tuple(rule["apostrophe_after"])):
        return form + rule["apostrophe"]
    return form + rule["suffix"]


def normalize(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """The text with typographic variants folded one for one (’ → ', non-breaking space → space)."""
    # str.replace per pair beats str.translate by far on non-ASCII text
    for src, dst in pairs:
        if src in text:
            text = text.replace(src, dst)
    return text


def fold_text(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Normalized and lower-cased text, of the same length as `text` (automaton keys and input)."""
    return lower_same_length(normalize(text, pairs))


class _Builder:
    """Collects surface forms → entries, then builds the automaton."""

    def __init__(self, fold_pairs: tuple[tuple[str, str], ...]):
        """An empty builder that folds forms with `fold_pairs`."""
        self.fold_pairs = fold_pairs
        self.keys: dict[str, dict[Entry, None]] = defaultdict(dict)

    def add(self, form: str, entry: Entry) -> None:
        """Add one surface form (whitespace normalised) for an entry."""
        form = " ".join(form.split())
        if not form:
            return
        norm = normalize(form, self.fold_pairs)
        if norm != entry.surface:  # most callers pass the form itself: the entry then stands as it is
            entry = Entry(entry.kind, entry.targets, norm, entry.exact, entry.lang, entry.standalone, entry.genitive)
        self.keys[lower_same_length(norm)].setdefault(entry, None)

    def build(self) -> tuple[Any, re.Pattern[str], dict[str, tuple[int, tuple[Entry, ...]]], Any]:
        """The Aho-Corasick automaton (folded form → (length, entries)), and for short words a
        word-bounded regex and an automaton of the words padded with spaces.

        Words of up to SHORT letters ("un", "eu", "li") occur inside countless other
        words; the automaton would report each such place, so they are looked up
        as whole words instead.
        """
        automaton = ahocorasick.Automaton()
        short_automaton = ahocorasick.Automaton()
        short: dict[str, tuple[int, tuple[Entry, ...]]] = {}
        for key, bucket in self.keys.items():
            entries = tuple(sorted(bucket, key=lambda e: KIND_PRIORITY[e.kind]))
            if len(key) <= SHORT and key.isalnum():
                short[key] = (len(key), entries)
                short_automaton.add_word(f" {key} ", (len(key), entries))
            else:
                automaton.add_word(key, (len(key), entries))
        automaton.make_automaton()
        short_automaton.make_automaton()
        body = "|".join(re.escape(k) for k in sorted(short, key=len, reverse=True)) or r"(?!x)x"
        return automaton, re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])"), short, short_automaton


def _load_inflection() -> tuple[dict, dict, tuple[tuple[str, str], ...], bool]:
    """(markers, genitive rules, fold pairs, whether to add forms without diacritics)."""
    data = _data("inflection.yaml")
    markers = data["markers"]
    fold = tuple(data.get("fold", {}).items())
    for k, v in fold:
        if len(k) != 1 or len(v) != 1:
            raise DataFileError("actors/inflection.yaml: fold maps one character to one character")
    return markers, data["genitive"], fold, bool(data.get("ascii_variants", True))


def _person_forms(p: dict) -> tuple[list[str], list[str]]:
    """(full names, one-word handles) of a person as listed."""
    given, family = list(p.get("given") or []), list(p.get("family") or [])
    family_first = p.get("order") == "family_first"
    full = []
    for g, f in itertools.product(given, family):
        full.append(f"{f} {g}" if family_first else f"{g} {f}")
    full.extend(p.get("aliases") or [])
    handles = list(family) + list(p.get("nicknames") or [])
    return full, handles


def _variants(form: str, gen_rule: dict, ascii_variants: bool, *, genitive: bool = True) -> dict[str, bool]:
    """Spellings of a name → whether the spelling is a generated genitive."""
    out = {form}
    if form[:1].islower():  # "von der Leyen" starts a sentence as "Von der Leyen"
        out.add(form[:1].upper() + form[1:])
    if ascii_variants:
        out |= {strip_diacritics(v) for v in list(out)} | {_umlaut_ascii(v) for v in list(out)}
    forms = dict.fromkeys(out, False)
    if genitive:
        for v in out:
            forms.setdefault(_genitive(v, gen_rule), True)
    return forms


def _check_person(p: Any, i: int) -> None:
    """Raise DataFileError for a malformed people.yaml entry."""
    if not isinstance(p, dict):
        raise DataFileError(f"actors/people.yaml: entry {i} is not a mapping")
    unknown = set(p) - PERSON_KEYS
    if unknown:
        raise DataFileError(f"actors/people.yaml: {p.get('name', i)} has unknown keys {sorted(unknown)}")
    if not p.get("name"):
        raise DataFileError(f"actors/people.yaml: entry {i} has no name")
    if p.get("wikidata") is not None and not QID.match(str(p["wikidata"])):
        raise DataFileError(f"actors/people.yaml: {p['name']} has a malformed Wikidata id")


def _load_people(builder: _Builder, gen_rule: dict,
                 ascii_variants: bool) -> tuple[dict[str, Person], dict[str, list[Tenure]]]:
    """People and their tenures; adds full names and one-word handles to the builder."""
    people: dict[str, Person] = {}
    tenures: dict[str, list[Tenure]] = defaultdict(list)
    handles: dict[str, set[str]] = defaultdict(set)  # one-word form → person ids
    flagged: set[str] = set()  # handles marked ambiguous by the data
    genitives: set[str] = set()
    for i, p in enumerate(_data("people.yaml").get("people") or []):
        _check_person(p, i)
        pid = actor_id(p["name"], p.get("wikidata"))
        if pid in people:
            raise DataFileError(f"actors/people.yaml: {p['name']} is listed twice")
        actor = Actor(pid, p["name"], "person", p.get("wikidata"), p.get("country"))
        spans = []
        for r in p.get("roles") or []:
            if not isinstance(r, list) or len(r) not in (3, 4) or not ROLE_KEY.match(str(r[0])):
                raise DataFileError(f"actors/people.yaml: {p['name']} has a malformed role {r!r}")
            where = f"{p['name']} {r[0]}"
            t = Tenure(r[0], pid, _date(r[1], where), _date(r[2], where), len(r) == 4 and r[3] == APPROXIMATE)
            if t.start and t.end and t.end <= t.start:
                raise DataFileError(f"actors/people.yaml: {where} ends before it starts")
            spans.append(t)
            tenures[t.role].append(t)
        full, one_word = _person_forms(p)
        person = Person(actor, p.get("gender"), tuple(p.get("given") or []), tuple(p.get("family") or []),
                        tuple(spans), bool(p.get("ambiguous")), p.get("order") == "family_first")
        people[pid] = person
        for form in full:
            for v, gen in _variants(form, gen_rule, ascii_variants).items():
                builder.add(v, Entry("name", (pid,), v, True, genitive=gen))
        for form in one_word:
            for v, gen in _variants(form, gen_rule, ascii_variants).items():
                handles[v].add(pid)
                if gen:
                    genitives.add(v)
                if p.get("ambiguous") and form in (p.get("family") or []):
                    flagged.add(v)
    for form, pids in handles.items():
        builder.add(form, Entry("surname", tuple(sorted(pids)), form, True, standalone=form not in flagged,
                                genitive=form in genitives))
    for ts in tenures.values():
        ts.sort(key=lambda t: (t.start or date.min))
    return people, dict(tenures)


def _load_countries(builder: _Builder, actors: dict[str, Actor], markers: dict, gen_rule: dict,
                    ascii_variants: bool) -> dict[str, dict]:
    """Countries and capitals as actors; adds their names, genitives and adjectives."""
    countries = _data("countries.yaml")["countries"]
    for code, c in countries.items():
        cid = actor_id(c["name"], c.get("wikidata"), "country")
        actors[cid] = Actor(cid, c["name"], "country", c.get("wikidata"), code)
        for lang, names in c["names"].items():
            for name in names:
                for v in _variants(name, gen_rule, ascii_variants, genitive=False):
                    builder.add(v, Entry("name", (cid,), v, True, lang))
        for form in c.get("genitive_pre", []) + [g for g in c.get("genitive_post", []) if " " not in g]:
            builder.add(form, Entry("name", (cid,), form, True, "de"))
        for lang, stems in c.get("adjectives", {}).items():
            for stem in stems:
                forms = expand_markers(stem + "{A}", markers["de"]) if lang == "de" else [stem]
                for form in forms:
                    builder.add(form, Entry("adjective", (cid,), form, lang != "de", lang))
        cap = c.get("capital")
        if cap:
            pid = actor_id(cap["name"], cap.get("wikidata"), "place")
            actors[pid] = Actor(pid, cap["name"], "place", cap.get("wikidata"), code)
            for lang, names in cap["names"].items():
                for name in names:
                    for v, gen in _variants(name, gen_rule, ascii_variants, genitive=lang == "de").items():
                        builder.add(v, Entry("name", (pid,), v, True, lang, genitive=gen))
    return countries


PLACE_KEYS = {"name", "wikidata", "country", "names"}


def _load_places(builder: _Builder, actors: dict[str, Actor], gen_rule: dict, ascii_variants: bool) -> frozenset[str]:
    """Venues beyond the capitals: summit towns, residences, large cities. Returns their ids."""
    ids = set()
    for i, p in enumerate(_data("places.yaml").get("places") or []):
        if set(p) - PLACE_KEYS or not p.get("name") or not p.get("country"):
            raise DataFileError(f"actors/places.yaml: entry {i} has unknown keys, no name or no country")
        pid = actor_id(p["name"], p.get("wikidata"), "place")
        actors[pid] = Actor(pid, p["name"], "place", p.get("wikidata"), p["country"])
        ids.add(pid)
        for lang, names in p["names"].items():
            for name in names:
                for v, gen in _variants(name, gen_rule, ascii_variants, genitive=lang == "de").items():
                    builder.add(v, Entry("name", (pid,), v, True, lang, genitive=gen))
    return frozenset(ids)


def _load_organisations(builder: _Builder, actors: dict[str, Actor], markers: dict,
                        ascii_variants: bool) -> dict[str, str]:
    """Organisations as actors; returns organisation id → role key it speaks for."""
    org_roles = {}
    for i, o in enumerate(_data("organisations.yaml").get("organisations") or []):
        unknown = set(o) - ORG_KEYS
        if unknown or not o.get("name"):
            raise DataFileError(f"actors/organisations.yaml: entry {i} has unknown keys or no name")
        oid = actor_id(o["name"], o.get("wikidata"), "org")
        actors[oid] = Actor(oid, o["name"], "organisation", o.get("wikidata"), o.get("country"))
        if o.get("role"):
            org_roles[oid] = o["role"]
        for lang, forms in o["names"].items():
            for form in forms:
                for v in expand_markers(form, markers[lang]):
                    exact = len(v) <= 4 or v.isupper()
                    variants = {v, strip_diacritics(v)} if ascii_variants else {v}
                    for w in variants:
                        builder.add(w, Entry("name", (oid,), w, exact, lang))
    return org_roles


def _country_forms(c: dict, lang: str) -> dict[str, list[str]]:
    """The forms of a country that the phrase patterns of one language use."""
    if lang == "de":
        return {"adj": c["adjectives"].get("de", []), "gen_pre": c.get("genitive_pre", []),
                "gen_post": c.get("genitive_post", []), "prefix": c.get("prefixes", []) + c["names"]["de"][:1],
                "name": c["names"]["de"]}
    return {"adj": c["adjectives"].get("en", []), "gen": [n + "'s" for n in c["names"]["en"]],
            "name": c["names"]["en"]}


def _fill(pattern: str, noun: str, forms: dict[str, list[str]]) -> list[str]:
    """The phrases one pattern makes for one office noun and one country."""
    slots = [s for s in re.findall(r"\{(adj|gen_pre|gen_post|prefix|gen|name)\}", pattern)]
    if not slots:
        return [pattern.replace("{noun}", noun)]
    slot = slots[0]
    return [pattern.replace("{" + slot + "}", value).replace("{noun}", noun) for value in forms.get(slot, [])]


def _load_roles(builder: _Builder, countries: dict[str, dict], held: set[str], markers: dict) -> tuple[
        frozenset[str], dict[str, dict[str, str]], re.Pattern[str], re.Pattern[str], re.Pattern[str], int]:
    """Adds office phrases; returns (multiple-holder roles, defaults, modifier patterns)."""
    data = _data("roles.yaml")
    meta = data.get("roles") or {}
    multiple = frozenset(k for k, v in meta.items() if v.get("multiple"))
    mapping = data["countries"]
    default = mapping["default"]

    def add_phrase(form: str, key_or_type: tuple[str, ...], lang: str, kind: str, standalone: bool = True) -> None:
        """Add every marker expansion of a phrase."""
        for v in expand_markers(form, markers[lang]):
            builder.add(v, Entry(kind, key_or_type, v, v.isupper(), lang, standalone))

    for key in sorted(held):
        parts = key.split(".")
        code, office = parts[0], parts[-1]
        if len(parts) == 2 and code in countries:
            fam_map = {**default, **(mapping.get(code) or {})}
            families = [f for f, t in fam_map.items() if t == office]
            for lang, patterns in data["patterns"].items():
                forms = _country_forms(countries[code], lang)
                for fam in families:
                    for noun in data["families"][fam].get(lang, []):
                        for pattern in patterns:
                            for phrase in _fill(pattern, noun, forms):
                                add_phrase(phrase, (key,), lang, "role")
        for lang, phrases in (data.get("phrases", {}).get(key) or {}).items():
            for phrase in phrases:
                add_phrase(phrase, (key,), lang, "role")
    for key in data.get("phrases", {}):
        if key not in held:
            raise DataFileError(f"actors/roles.yaml: phrases for {key}, which nobody in people.yaml holds")
    for name, g in data["generic"].items():
        office = g.get("type", name) or ""
        for lang in ("de", "en"):
            for phrase in g.get(lang, []):
                add_phrase(phrase, (office,), lang, "generic", bool(g.get("standalone")))

    def cue_pattern(forms: list[str], lang_markers: dict, *, before: bool) -> str:
        """A regex for a modifier list, anchored at the end (before a phrase) or start (after it)."""
        words = sorted({v for f in forms for v in expand_markers(f, lang_markers)}, key=len, reverse=True)
        body = "|".join(re.escape(w) for w in words) or r"(?!x)x"
        return rf"(?<!\w)(?:{body})\s*$" if before else rf"(?:{body})(?!\w)"

    def per_lang(section: str, *, before: bool) -> re.Pattern[str]:
        """One case-insensitive pattern for a roles.yaml modifier section, all languages."""
        alts = [cue_pattern(forms, markers[lang], before=before) for lang, forms in (data.get(section) or {}).items()]
        return re.compile("|".join(f"(?:{a})" for a in alts) or r"(?!x)x", re.IGNORECASE)

    reach = max((len(v) for section in ("not_current", "future") for lang, forms in (data.get(section) or {}).items()
                 for f in forms for v in expand_markers(f, markers[lang])), default=0)
    return (multiple, data.get("defaults") or {}, per_lang("not_current", before=True),
            per_lang("future", before=True), per_lang("future_after", before=False), reach)


def _check_overlaps(tenures: dict[str, list[Tenure]], multiple: frozenset[str]) -> None:
    """Raise DataFileError when two people hold a single-holder office at once."""
    for key, ts in tenures.items():
        if key in multiple:
            continue
        for a, b in zip(ts, ts[1:]):
            if a.end is None or (b.start is not None and b.start < a.end):
                if not (a.approximate or b.approximate):
                    raise DataFileError(f"actors/people.yaml: tenures of {key} overlap ({a.person}, {b.person})")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built on first use, then shared)."""
    markers, genitive, fold_pairs, ascii_variants = _load_inflection()
    gen_rule = genitive["de"]
    builder = _Builder(fold_pairs)
    actors: dict[str, Actor] = {}
    people, tenures = _load_people(builder, gen_rule, ascii_variants)
    actors.update({pid: p.actor for pid, p in people.items()})
    countries = _load_countries(builder, actors, markers, gen_rule, ascii_variants)
    venues = _load_places(builder, actors, gen_rule, ascii_variants)
    org_roles = _load_organisations(builder, actors, markers, ascii_variants)
    multiple, defaults, not_current, future_before, future_after, reach = _load_roles(builder, countries,
                                                                                      set(tenures), markers)
    _check_overlaps(tenures, multiple)
    for oid, role in org_roles.items():
        if role not in tenures:
            raise DataFileError(f"actors/organisations.yaml: {oid} speaks for {role}, which nobody holds")
    names = _data("names.yaml")
    # First names and cue words ride along in the automaton, so finding unlisted people costs no extra pass.
    for word in names["given_names"]:
        builder.add(word, Entry("given", (), word, True))
    for lang, words in names["cues"].items():
        for word in words:
            builder.add(word, Entry("cue", (), word, word[:1].isupper(), lang))
    automaton, short_words, short_entries, short_automaton = builder.build()
    return Gazetteer(
        actors=actors, people=people, tenures=tenures, multiple=multiple, org_roles=org_roles,
        automaton=automaton, short_words=short_words, short_entries=short_entries, fold_pairs=fold_pairs,
        names=names,
        given_names=frozenset(names["given_names"]), names_stop_words=frozenset(names["stop_words"]),
        common_word_given=frozenset(names["common_word_given"]),
        defaults=defaults, not_current=not_current,
        feminine_endings=tuple(_data("roles.yaml").get("feminine_endings", {}).get("de", [])),
        future_before=future_before, future_after=future_after, modifier_reach=reach,
        by_name={a.name: aid for aid, a in actors.items()}, size=len(builder.keys),
        short_automaton=short_automaton,
        fold_word_chars="".join(src for src, dst in fold_pairs if src.isalnum() != dst.isalnum()),
        venues=venues,
    )


def is_venue(actor_id: str) -> bool:
    """True for a town beyond the capitals (places.yaml): a summit venue or residence, no seat of government."""
    return actor_id in gazetteer().venues


def get_actor(actor_id: str) -> Actor | None:
    """The gazetteer actor with this id (a Wikidata id or 'name:…', 'org:…', 'place:…', 'country:…')."""
    return gazetteer().actors.get(actor_id)


def actor_named(name: str) -> Actor | None:
    """The gazetteer actor whose English name is `name`."""
    g = gazetteer()
    aid = g.by_name.get(name)
    return g.actors.get(aid) if aid else None


def holder_tenure(role_key: str, on: date | None) -> Tenure | None:
    """The tenure of `role_key` that covers `on` (None: the current or, failing that, the latest one)."""
    ts = gazetteer().tenures.get(role_key, [])
    if on is None:
        current = [t for t in ts if t.end is None]
        pool = current or ts
        return max(pool, key=lambda t: (t.end or date.max, t.start or date.min)) if pool else None
    covering = [t for t in ts if t.covers(on)]
    if not covering:
        return None
    if role_key in gazetteer().multiple and len(covering) > 1:
        return None
    return max(covering, key=lambda t: t.start or date.min)


@lru_cache(maxsize=4096)  # asked for every office phrase of every document, mostly about the same few days
def office_holder(role_key: str, on: date | None, *, gender: str | None = None) -> Actor | None:
    """Who held `role_key` on `on` (e.g. RU.head_of_state on 2026-02-04 → Vladimir Putin).

    With `on` None: the current holder, else the latest one. None when nobody
    (or, for offices several people share, more than one person) held it then.
    With `gender` ('f' for "die Kanzlerin"), only a holder of that gender counts;
    without a date that is the latest such holder.
    """
    g = gazetteer()
    t = holder_tenure(role_key, on)
    if t is not None and (gender is None or g.people[t.person].gender == gender):
        return g.people[t.person].actor
    if gender is None or on is not None:
        return None
    fitting = [t for t in g.tenures.get(role_key, []) if g.people[t.person].gender == gender]
    if not fitting:
        return None
    return g.people[max(fitting, key=lambda t: (t.end or date.max, t.start or date.min)).person].actor


def next_holder(role_key: str, on: date | None) -> Actor | None:
    """The first person to take `role_key` after `on` ("der künftige US-Präsident")."""
    if on is None:
        return None
    later = [t for t in gazetteer().tenures.get(role_key, []) if t.start and t.start > on]
    # (each of these has a start)
    return gazetteer().people[min(later, key=lambda t: t.start or date.min).person].actor if later else None


def roles_of(actor_id: str, on: date | None) -> list[str]:
    """Role keys the person held on `on`; with `on` None, every role key they ever held."""
    p = gazetteer().people.get(actor_id)
    if p is None:
        return []
    keys = [t.role for t in p.tenures if on is None or t.covers(on)]
    return list(dict.fromkeys(keys))


def gender(actor_id: str) -> str | None:
    """'m' or 'f' for a gazetteer person, else None (for pronoun resolution)."""
    p = gazetteer().people.get(actor_id)
    return p.gender if p else None


def office_type(role_key: str) -> str:
    """The office part of a role key: RU.head_of_state → head_of_state, CN.mfa.spokesperson → spokesperson."""
    return role_key.rsplit(".", 1)[-1]
