"""The queries behind the JSON API and the pages alike: one function per view, plain dicts out.

Both layers call these with an open store and validated arguments; neither reaches into the
store on its own, so a page shows exactly what its API endpoint returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from summitry.annotate.gazetteer import actor_id, gazetteer, roles_of
from summitry.compare import compare_stored
from summitry.errors import NoSuchActor, SummitryError
from summitry.events.persist import stored_events
from summitry.export import FILE_SUFFIX, MEDIA_TYPES, export_timeline
from summitry.export import FORMATS as EXPORT_FORMATS
from summitry.timeline import build_timeline, series_from_store

KINDS = ("phone_call", "video_call", "call", "meeting", "visit")
STATUSES = ("occurred", "planned", "denied")
LANGS = ("de", "en")
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class EventFilter:
    """Which events a listing shows. Actors match by actor id or by part of a name, all of them required."""

    actors: tuple[str, ...] = ()
    kind: str | None = None
    status: str | None = None
    lang: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def admits(self, event: dict[str, Any]) -> bool:
        """True when the event passes every filter set (an undated event fails any date bound)."""
        if self.kind and event.get("kind") != self.kind:
            return False
        if self.status and event.get("status") != self.status:
            return False
        if self.lang and self.lang not in (event.get("languages") or []):
            return False
        people = event.get("participants") or []
        if not all(_names_actor(term, people) for term in self.actors):
            return False
        if self.date_from or self.date_to:
            day = date.fromisoformat(event["date"]) if event.get("date") else None
            if day is None or (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to):
                return False
        return True


def _names_actor(term: str, people: list[dict[str, Any]]) -> bool:
    folded = term.casefold()
    return any(folded == actor_key(p).casefold() or folded in (p.get("name") or "").casefold() for p in people)


def actor_key(person: dict[str, Any]) -> str:
    """The id a person goes by in URLs: the gazetteer's (Wikidata id, else 'name:<name>')."""
    return actor_id(person.get("name") or "", person.get("wikidata"))


def page_of(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a listing, with the total so clients know how far to go."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


# -- events and the timeline ----------------------------------------------------

def events(store, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """The stored events that pass the filter, earliest first (undated last)."""
    return [e for e in stored_events(store) if flt.admits(e)]


def event_summary(event: dict[str, Any]) -> dict[str, Any]:
    """An event as a listing shows it: the contract fields, support, and which fields the sources dispute."""
    keys = ("id", "kind", "status", "participants", "date", "period", "date_support", "reports", "documents",
            "mentioned_in", "languages")
    out = {k: event.get(k) for k in keys}
    out["disagreements"] = [d["field"] for d in event.get("disagreements") or []]
    return out


def event(store, ref: str) -> dict[str, Any]:
    """One event's merged record, by id or unique prefix."""
    stored_events(store)  # a store ingested before events existed gets them now
    return store.get_event(ref)


def comparison(store, ref: str) -> dict[str, Any]:
    """The topic × side comparison of one event (summitry compare)."""
    return compare_stored(store, ref)


def timeline(store, flt: EventFilter = EventFilter()) -> dict[str, Any]:
    """Contacts over time for the filtered events, with pair counts and yearly series (summitry timeline)."""
    result = build_timeline(events(store, flt))
    result["series"] = series_from_store(result, store)
    return result


# -- documents and quotes -------------------------------------------------------

def _published_within(published: str | None, date_from: date | None, date_to: date | None) -> bool:
    if not (date_from or date_to):
        return True
    if not published:
        return False
    day = date.fromisoformat(published)
    return not ((date_from and day < date_from) or (date_to and day > date_to))


def documents(store, *, lang: str | None = None, date_from: date | None = None,
              date_to: date | None = None) -> list[dict[str, Any]]:
    """The current documents (metadata only), by id, filtered by language and publication date."""
    return [d for d in store.documents()
            if (not lang or d["language"] == lang) and _published_within(d["published"], date_from, date_to)]


def document(store, ref: str, *, raw: bool = False) -> dict[str, Any]:
    """One stored document: metadata, clean text, extraction (raw text on request) and its events."""
    record = store.lookup(ref).record(raw=raw)
    record["events"] = store.events_of_document(record["id"])
    return record


def quotes(store, *, speaker: str | None = None, lang: str | None = None, date_from: date | None = None,
           date_to: date | None = None) -> list[dict[str, Any]]:
    """Quotes of the current documents with their speakers; `speaker` matches an actor id or part of a name."""
    out = []
    for meta, record in store.current_extractions():
        if (lang and meta["language"] != lang) or not _published_within(meta["published"], date_from, date_to):
            continue
        for q in record.get("quotes") or []:
            person = q.get("speaker")
            if speaker and not (person and _names_actor(speaker, [person])):
                continue
            out.append({**q, "speaker_id": actor_key(person) if person else None, "document": meta["id"],
                        "language": meta["language"], "published": meta["published"], "title": meta["title"]})
    return out


# -- actors ---------------------------------------------------------------------

def country_name(code: str | None) -> str | None:
    """A country's English name from its ISO code (RU → Russia); other codes (UN, EU) as they are."""
    if not code:
        return None
    names = {a.country: a.name for a in gazetteer().actors.values() if a.kind == "country"}
    return names.get(code, code)


def role_label(role_key: str) -> str:
    """A role key for people: RU.head_of_state → 'Russia: head of state'."""
    country, _, office = role_key.partition(".")
    return f"{country_name(country)}: {office.replace('.', ' ').replace('_', ' ')}"


def person_card(person: dict[str, Any], on: str | None = None) -> dict[str, Any]:
    """A participant as a name card: id, names, country and the roles held on the day (all, undated)."""
    key = actor_key(person)
    known = gazetteer().actors.get(key)
    day = date.fromisoformat(on) if on else None
    return {"id": key, "name": person.get("name"), "wikidata": person.get("wikidata"),
            "country": country_name(known.country) if known else None,
            "roles": [role_label(r) for r in roles_of(key, day)]}


def actors(store, *, name: str | None = None) -> list[dict[str, Any]]:
    """Everyone who takes part in a stored event or is quoted, most contacts first."""
    people: dict[str, dict[str, Any]] = {}
    contacts: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    for ev in stored_events(store):
        for p in ev.get("participants") or []:
            people.setdefault(actor_key(p), p)
            contacts[actor_key(p)] += 1
    for q in quotes(store):
        if q["speaker_id"]:
            people.setdefault(q["speaker_id"], q["speaker"])
            quoted[q["speaker_id"]] += 1
    out = [{"id": key, "name": p.get("name"), "wikidata": p.get("wikidata"), "contacts": contacts[key],
            "quotes": quoted[key]} for key, p in people.items()
           if not name or name.casefold() in (p.get("name") or "").casefold()]
    return sorted(out, key=lambda a: (-a["contacts"], -a["quotes"], a["name"] or ""))


def actor(store, key: str) -> dict[str, Any]:
    """One person: roles over time (gazetteer), contacts, counterparts with counts, and quotes."""
    theirs = [e for e in stored_events(store) if any(actor_key(p) == key for p in e.get("participants") or [])]
    said = [q for q in quotes(store) if q["speaker_id"] == key]
    known = gazetteer().people.get(key)
    if known is None and not theirs and not said:
        raise NoSuchActor(key)
    if known is not None:
        name, wikidata, country = known.actor.name, known.actor.wikidata, known.actor.country
    else:
        person = next((p for e in theirs for p in e["participants"] if actor_key(p) == key), None) \
            or said[0]["speaker"]
        name, wikidata, country = person.get("name"), person.get("wikidata"), None
    roles = [{"role": t.role, "label": role_label(t.role), "start": t.start.isoformat() if t.start else None,
              "end": t.end.isoformat() if t.end else None, "approximate": t.approximate}
             for t in (known.tenures if known else ())]
    return {"id": key, "name": name, "wikidata": wikidata, "country": country_name(country), "roles": roles,
            "contacts": [event_summary(e) for e in theirs], "counterparts": counterparts(theirs, key),
            "quotes": said}


def counterparts(evts: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Whom the person met or spoke with, how often and how, most often first."""
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for e in evts:
        for p in e.get("participants") or []:
            other = actor_key(p)
            if other != key:
                names[other] = p.get("name") or other
                by_kind[other][e.get("kind") or "contact"] += 1
    rows = [{"id": k, "name": names[k], "contacts": sum(c.values()), "kinds": dict(sorted(c.items()))}
            for k, c in by_kind.items()]
    return sorted(rows, key=lambda r: (-r["contacts"], r["name"]))


# -- search and exports ---------------------------------------------------------

def search(store, query: str, *, scope: str = "all", lang: str | None = None, date_from: date | None = None,
           date_to: date | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text search over documents and quotes (Store.search, SQLite FTS5)."""
    return store.search(query, scope=scope, lang=lang, date_from=date_from, date_to=date_to, limit=limit,
                        offset=offset)


class UnknownFormat(SummitryError):
    def __init__(self, fmt: str):
        super().__init__(f"no export format '{fmt}'; formats: {', '.join(EXPORT_FORMATS)}")


def export(store, fmt: str, flt: EventFilter = EventFilter()) -> tuple[str, str, str]:
    """The filtered timeline in an export format (summitry export): (content, media type, file name)."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownFormat(fmt)
    return export_timeline(timeline(store, flt), fmt), MEDIA_TYPES[fmt], f"summitry-timeline{FILE_SUFFIX[fmt]}"
