"""Synthetic extraction records for the events benchmark: no text, only what clustering reads.

    records, truth = events_corpus(10_000, seed=1)
    for record, event in iter_events_corpus(10_000, seed=1): ...  # one at a time, the same records

Documents are spread over n_docs / 10 days (at least a year): 10 documents a day, 2.5 events.
Leaders are drawn with a skew (a few meet often), true events get 1–8 reports each. A report
gives the day (sometimes a day off), or only a weekday, or only its publication date, or
(rarely) nothing; it carries words of its event and common words, and mentions of other events.
`truth` maps each document id to its true event.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

KINDS = ["phone_call", "video_call", "call", "meeting", "visit"]
START = date(2000, 1, 1)
DOCS_PER_DAY = 10  # the archive grows in time as it grows in size: density per day stays the same


def _person(i: int) -> dict:
    return {"name": f"Leader {i}", "wikidata": f"Q{1000 + i}"}


def events_corpus(n_docs: int, seed: int = 1, leaders: int = 400,
                  span_days: int | None = None, undated: float = 0.02) -> tuple[list[dict], dict[str, int]]:
    records, truth = [], {}
    for record, event in iter_events_corpus(n_docs, seed, leaders, span_days, undated):
        records.append(record)
        truth[record["id"]] = event
    return records, truth


def iter_events_corpus(n_docs: int, seed: int = 1, leaders: int = 400, span_days: int | None = None,
                       undated: float = 0.02) -> Iterator[tuple[dict, int]]:
    """The records of `events_corpus` one at a time, each with its true event: a benchmark that
    turns each into reports as it comes does not hold every generated record at once."""
    rng = random.Random(seed)
    days = span_days or max(365, n_docs // DOCS_PER_DAY)
    weights = [1 / (i + 1) ** 0.8 for i in range(leaders)]
    common = [f"common{i:03d}" for i in range(300)]
    events = []
    n_events = max(1, n_docs // 4)
    for e in range(n_events):
        a, b = rng.choices(range(leaders), weights, k=2)
        while b == a:
            b = rng.choices(range(leaders), weights)[0]
        people = [a, b] if rng.random() > 0.05 else [a, b, rng.randrange(leaders)]
        events.append({"people": sorted(set(people)), "kind": rng.choice(KINDS),
                       "day": START + timedelta(days=rng.randrange(days)),
                       "words": [f"e{e}w{j}" for j in range(12)]})
    for i in range(n_docs):
        e = rng.randrange(n_events) if i >= n_events else i  # every event reported at least once
        ev = events[e]
        doc_id = f"doc{i:07d}"
        published = ev["day"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 5]))
        r = rng.random()
        day, timex = None, None
        if r < 0.6:
            day = ev["day"] + timedelta(days=1 if rng.random() < 0.05 else 0)
            timex = day.isoformat()
        elif r < 0.7:
            timex = f"XXXX-WXX-{ev['day'].isoweekday()}"
        elif r < 1 - undated:
            timex = None
        else:
            published, timex = None, None
        main = {"kind": ev["kind"] if rng.random() > 0.1 else "call" if ev["kind"].endswith("call") else "meeting",
                "status": "occurred" if rng.random() > 0.1 else "planned", "main": True,
                "date": day.isoformat() if day else None, "timex": timex,
                "participants": [_person(p) for p in ev["people"]],
                "evidence": [{"start": 0, "end": 10, "text": "evidence"}]}
        contacts = [main]
        for _ in range(rng.choice([0, 1, 1, 2])):
            other = events[rng.randrange(n_events)]
            contacts.append({"kind": other["kind"], "status": "occurred", "main": False,
                             "date": other["day"].isoformat() if rng.random() < 0.5 else None, "timex": None,
                             "participants": [_person(p) for p in other["people"]], "evidence": []})
        words = rng.sample(ev["words"], 6) + rng.sample(common, 20)
        yield {"id": doc_id, "language": rng.choice(["de", "en"]),
               "published": published.isoformat() if published else None, "title": None, "authors": [],
               "contacts": contacts, "quotes": [], "topics": [],
               "mentions": [], "_text": " ".join(words)}, e
