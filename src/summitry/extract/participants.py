"""Who takes part in a contact: the people bound to a trigger in its clause.

Candidates are person mentions in the trigger's clause (then its sentence),
minus those who only *report* the contact (the subject of "sagte Peskow",
"laut Uschakow"), spokespeople and advisers, and names inside quotations.
A subject pronoun ("er", "he") or "die beiden"/"both leaders" is resolved to
the people the preceding text is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from summitry.annotate import actors as actor_index
from summitry.data import load_yaml
from summitry.records import Actor, Mention, Span

# Punctuation only: "während", "after" and the like are as often prepositions
# ("hat während einer Videokonferenz … erklärt") as they are conjunctions.
_CLAUSE_BREAK = re.compile(r"[,;:–—()]|\s-\s")

# Roles whose holders speak about, prepare or carry leaders' contacts rather
# than make them: not leader-level participants.
_REPORTER_ROLE_SUFFIXES = (".spokesperson", ".press_secretary", ".adviser", ".advisor", ".envoy", ".chief_of_staff")


def clause_bounds(text: str, sentence: Span, pos: int) -> tuple[int, int]:
    """The clause (between breaks) of `sentence` that contains position `pos`."""
    start, end = sentence.start, sentence.end
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def clauses(text: str, sentence: Span) -> list[tuple[int, int]]:
    """The clauses of a sentence, in order."""
    bounds, start = [], sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < sentence.end:
        bounds.append((start, sentence.end))
    return bounds or [(sentence.start, sentence.end)]


def widening(text: str, sentence: Span, pos: int):
    """The trigger's clause, then ever wider spans: the clauses before first (where the subject
    stands), then those after."""
    parts = clauses(text, sentence)
    i = next((k for k, (a, b) in enumerate(parts) if a <= pos < b), 0)
    yield parts[i]
    for lo in range(i - 1, -1, -1):
        yield parts[lo][0], parts[i][1]
    for hi in range(i + 1, len(parts)):
        yield parts[0][0], parts[hi][1]


def _pronouns(language: str | None) -> dict:
    data = load_yaml("pronouns.yaml")
    if language in data:
        return data[language]
    merged: dict = {}
    for per_lang in data.values():
        for key, words in per_lang.items():
            merged.setdefault(key, []).extend(words)
    return merged


def is_known(actor: Actor) -> bool:
    """True for people in the gazetteer (with or without a Wikidata id)."""
    return actor_index.get_actor(actor.id) is not None


def is_reporter(actor: Actor, on: date | None) -> bool:
    """True for people whose role is to speak for a leader (spokespeople, advisers)."""
    roles = actor_index.roles_of(actor.id, on) if is_known(actor) else []
    return bool(roles) and all(r.endswith(_REPORTER_ROLE_SUFFIXES) for r in roles)


def people_in(mentions: Sequence[Mention], start: int, end: int, *, excluded: set[int]) -> list[Mention]:
    """Person mentions inside [start, end) that are not excluded (by index)."""
    return [m for i, m in enumerate(mentions)
            if m.actor.kind == "person" and start <= m.span.start and m.span.end <= end and i not in excluded]


def unique_actors(mentions: Sequence[Mention]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for m in mentions:
        seen.setdefault(m.actor.id, m.actor)
    return list(seen.values())


def pronoun_kind(text: str, start: int, end: int, language: str | None) -> str | None:
    """'subject' for a subject pronoun in the span, 'pair' for "die beiden"/"both leaders"."""
    words = _pronouns(language)
    clause = text[start:end]
    for phrase in words.get("pair", []):
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", clause, re.IGNORECASE):
            return "pair"
    for word in words.get("subject", []):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", clause):
            return "subject"
    return None
