"""Reference events: well-known dated events a report places its contact by (data/reference_events.yaml).

"Nur Stunden nach der Amtseinführung des US-Präsidenten Donald Trump" fixes no day by itself,
but of two video calls between the same leaders, the one a day after an inauguration of Trump
fits it better. The hints are windows around each instance the report's lead or evidence
names; the clustering uses them to rank candidate events, never as the contact's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from summitry.data import alternation, load_yaml
from summitry.errors import DataFileError

LEAD_CHARS = 400  # the lead: where a report says when its news happened
HINT_DAYS = 3  # a contact "hours after" or "on the sidelines of" lies within days of it


@lru_cache(maxsize=1)
def _series() -> tuple[tuple[re.Pattern[str], tuple[tuple[date, date, str | None], ...]], ...]:
    data = load_yaml("reference_events.yaml")
    out = []
    try:
        for s in data["series"]:
            cues = [c for words in s["cues"].values() for c in words]
            instances = tuple((date.fromisoformat(str(i["first"])), date.fromisoformat(str(i["last"])),
                               i.get("actor")) for i in s["instances"])
            out.append((alternation(cues, flags=re.IGNORECASE), instances))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"data file reference_events.yaml is malformed: {exc}") from exc
    return tuple(out)


def hint_windows(text: str, evidence: list[str], record: dict[str, Any]) -> list[tuple[date, date]]:
    """Windows around the reference events the lead or the evidence names, in date order."""
    where = text[:LEAD_CHARS] + "\n" + "\n".join(evidence)
    named = {m.get("wikidata") for m in record.get("mentions", [])}
    pad = timedelta(days=HINT_DAYS)
    out = set()
    for pattern, instances in _series():
        if pattern.search(where):
            for first, last, actor in instances:
                if actor is None or actor in named:
                    out.add((first - pad, last + pad))
    return sorted(out)
