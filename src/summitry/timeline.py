"""Timelines: contacts between leaders over time, counted per pair and kind, with their series.

Input: event records in the `events --format jsonl` shape (kind, status,
participants, date, documents), so every contact counts once however many
documents report it. Output: a plain dict (JSON-ready):

- `contacts`: the dated contacts in order (undated ones are counted apart), each with its
  participants' names and Wikidata ids, period (when undated), places and duration;
- `pairs`: per pair of participants, counts by kind;
- `series`: contacts of one pair and family (remote or in person) that recur at
  about the same time of year in at least three years running ("the call at the
  start of each year"), with the text evidence when documents say so;
- `plot()` draws the timeline with matplotlib (PNG or SVG by the file name).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

REMOTE = ("phone_call", "video_call", "call")
SERIES_MIN_YEARS = 3
SERIES_WINDOW_DAYS = 31  # how far from the series' usual day of the year a member may fall


def habits_of(documents: Iterable[tuple[dict[str, Any], str]]) -> dict[frozenset[str], list[dict[str, Any]]]:
    """Sentences in which sources call a pair's contacts a custom ("Die beiden haben sich zur Tradition
    gemacht, rund um das neue Jahr miteinander zu sprechen"), keyed by the pair of the document's main contact.

    `documents`: (extraction record, clean text) pairs.
    """
    from summitry.annotate.sentences import split_sentences
    from summitry.extract.cues import cues_for

    out: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for record, text in documents:
        main = next((c for c in record.get("contacts") or [] if c.get("main")), None)
        if main is None or len(main.get("participants") or []) != 2:
            continue
        pair = frozenset(_name(p) for p in main["participants"])
        cues = cues_for(record.get("language"))
        for sent in split_sentences(text, record.get("language")):
            if cues.habitual.search(text, sent.start, sent.end) and cues.triggers.search(text, sent.start, sent.end):
                out[pair].append({"document": record["id"], "start": sent.start, "end": sent.end,
                                  "text": text[sent.start:sent.end]})
    return dict(out)


def documents_of(result: dict[str, Any]) -> set[str]:
    """The ids of the documents behind a timeline's contacts, dated or not."""
    return {d for c in result["contacts"] + result["undated"] for d in c["documents"]}


def series_from_store(result: dict[str, Any], store) -> list[dict[str, Any]]:
    """The timeline's series, with what the stored documents of its contacts say of the pairs' customs.

    Only those documents are read: a timeline filtered to one pair reads that pair's sources.
    """
    documents = [(s.extraction, s.document.text) for s in
                 (store.lookup(d) for d in sorted(documents_of(result))) if s.extraction]
    return find_series(result["contacts"], habits_of(documents))


def _name(p: Any) -> str:
    return p.get("name", "") if isinstance(p, dict) else str(p)


def _values(votes: Any) -> list[Any]:
    """The values of an event field's votes ([{"value", "support", …}], best first), or of a plain list."""
    if not votes:
        return []
    return [v["value"] if isinstance(v, dict) else v for v in (votes if isinstance(votes, list) else [votes])]


def _family(kind: str) -> str:
    return "remote" if kind in REMOTE else "in person"


def build_timeline(events: Iterable[dict[str, Any]], *, actors: list[str] | None = None,
                   start: date | None = None, end: date | None = None,
                   habits: dict[frozenset[str], list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The timeline of the events that involve all `actors` (names, case-insensitive) within [start, end].

    `habits`: per pair of names, sentences in which sources call the pair's contacts a custom
    ("eine Tradition, die 2021 begann"); they are attached to the pair's series as evidence.
    """
    wanted = [a.casefold() for a in actors or []]
    dated, undated = [], []
    for ev in events:
        names = [_name(p) for p in ev.get("participants") or []]
        folded = [n.casefold() for n in names]
        if wanted and not all(any(w in n for n in folded) for w in wanted):
            continue
        day = date.fromisoformat(ev["date"]) if ev.get("date") else None
        if day is not None and ((start and day < start) or (end and day > end)):
            continue
        people = ev.get("participants") or []
        entry = {"id": ev.get("id"), "date": day.isoformat() if day else None, "kind": ev.get("kind"),
                 "status": ev.get("status"), "participants": names, "documents": list(ev.get("documents") or []),
                 "period": ev.get("period"),
                 "wikidata": [p.get("wikidata") if isinstance(p, dict) else None for p in people],
                 "places": _values(ev.get("places")),
                 "duration_minutes": next(iter(_values(ev.get("duration_minutes"))), None)}
        (dated if day else undated).append(entry)
    dated.sort(key=lambda e: (e["date"], e["id"] or ""))
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for e in dated + undated:
        if e["status"] not in (None, "occurred"):
            continue
        for a, b in combinations(sorted(set(e["participants"])), 2):
            pairs[(a, b)][e["kind"]] += 1
    return {
        "contacts": dated,
        "undated": undated,
        "pairs": [{"pair": list(p), "counts": dict(sorted(c.items())), "total": sum(c.values())}
                  for p, c in sorted(pairs.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))],
        "series": find_series(dated, habits or {}),
    }


def find_series(contacts: list[dict[str, Any]], habits: dict[frozenset[str], list[dict[str, Any]]]
                ) -> list[dict[str, Any]]:
    """Recurring contacts: one pair, one family, about the same day of the year, three or more years running."""
    by_key: dict[tuple[tuple[str, str], str], list[dict[str, Any]]] = defaultdict(list)
    for c in contacts:
        if c["status"] not in (None, "occurred"):
            continue
        for pair in combinations(sorted(set(c["participants"])), 2):
            by_key[(pair, _family(c["kind"]))].append(c)
    found = []
    for (pair, family), members in sorted(by_key.items()):
        for run in _yearly_runs(members):
            days = [date.fromisoformat(m["date"]) for m in run]
            usual = sorted(d.timetuple().tm_yday for d in days)[len(days) // 2]
            found.append({
                "pair": list(pair), "family": family, "years": [d.year for d in days],
                "usual_day": (date(2001, 1, 1) + timedelta(days=usual - 1)).strftime("%d %b"),
                "contacts": [m["id"] for m in run],
                "evidence": habits.get(frozenset(pair), []),
            })
    return found


def _yearly_runs(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Runs of consecutive years with one member each near a common day of the year."""
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        by_year[int(m["date"][:4])].append(m)
    runs: list[list[dict[str, Any]]] = []
    for anchor in sorted(members, key=lambda m: m["date"]):
        day = date.fromisoformat(anchor["date"]).timetuple().tm_yday
        run, year = [anchor], int(anchor["date"][:4]) + 1
        while True:
            near = [m for m in by_year.get(year, [])
                    if _circular_gap(date.fromisoformat(m["date"]).timetuple().tm_yday, day) <= SERIES_WINDOW_DAYS]
            if not near:
                break
            run.append(min(near, key=lambda m: _circular_gap(date.fromisoformat(m["date"]).timetuple().tm_yday,
                                                             day)))
            year += 1
        if len(run) >= SERIES_MIN_YEARS and not any({m["id"] for m in run} <= {m["id"] for m in r} for r in runs):
            runs.append(run)
    return runs


def _circular_gap(a: int, b: int) -> int:
    gap = abs(a - b)
    return min(gap, 365 - gap)


def plot(result: dict[str, Any], path: str | Path, title: str = "Contacts between leaders") -> Path:
    """Draw the dated contacts, one row per pair, one marker per kind; PNG or SVG by the suffix."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on servers
    import matplotlib.pyplot as plt

    out = Path(path)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"{out}: the plot must be a .png or .svg file")
    rows = [" – ".join(p["pair"]) for p in result["pairs"]] or ["(none)"]
    markers = {"phone_call": "o", "video_call": "s", "call": "o", "meeting": "^", "visit": "D"}
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.5 * len(rows)))
    seen: set[str] = set()
    for c in result["contacts"]:
        for a, b in combinations(sorted(set(c["participants"])), 2):
            label = f"{a} – {b}"
            if label not in rows:
                continue
            kind = c["kind"] or "meeting"
            ax.plot(date.fromisoformat(c["date"]), rows.index(label), markers.get(kind, "x"), markersize=8,
                    label=None if kind in seen else kind.replace("_", " "),
                    fillstyle="full" if c["status"] in (None, "occurred") else "none")
            seen.add(kind)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_title(title)
    if seen:
        ax.legend(loc="upper left", fontsize="small")
    ax.grid(axis="x", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
