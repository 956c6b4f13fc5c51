"""Who takes part in a contact: the people bound to a trigger in its clause.

Candidates are person mentions in the trigger's clause (then its sentence),
minus those who only *report* the contact (the subject of "sagte Peskow",
"laut Uschakow"), spokespeople and advisers, and names inside quotations.
A subject pronoun ("er", "he") or "die beiden"/"both leaders" is resolved to
the people the preceding text is about.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from summitry.annotate import actors as actor_index
from summitry.annotate.doctext import views

from summitry.data import alternation, load_yaml
from summitry.records import Actor, Mention, Span

# Punctuation only: "während", "after" and the like are as often prepositions
# ("hat während einer Videokonferenz … erklärt") as they are conjunctions.
# Parentheses do not break: "(SPD)" is an apposition, "(although the Kremlin denied it)" belongs to its clause.
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")

# Roles whose holders speak about, prepare or carry leaders' contacts rather
# than make them: not leader-level participants.
_REPORTER_ROLE_SUFFIXES = (".spokesperson", ".press_secretary", ".adviser", ".advisor", ".envoy", ".chief_of_staff")


def clause_bounds(text: str, sentence: Span, pos: int) -> tuple[int, int]:
    """The clause (between breaks) of `sentence` that contains position `pos`."""
    start, end = sentence.start, sentence.end
    for break_start, break_end in _clause_breaks(text, sentence):
        if break_end <= pos:
            start = break_end
        elif break_start >= pos:
            end = break_start
            break
    return start, end


def clauses(text: str, sentence: Span) -> list[tuple[int, int]]:
    """The clauses of a sentence, in order."""
    bounds, start = [], sentence.start
    for break_start, break_end in _clause_breaks(text, sentence):
        if break_start > start:
            bounds.append((start, break_start))
        start = break_end
    if start < sentence.end:
        bounds.append((start, sentence.end))
    return bounds or [(sentence.start, sentence.end)]


def _clause_breaks(text: str, sentence: Span) -> list[tuple[int, int]]:
    """The clause breaks in a sentence, found once per document: every trigger of the sentence asks."""
    shared = views(text)
    key = ("clause_breaks", sentence.start, sentence.end)
    found = shared.get(key)
    if found is None:
        found = shared[key] = clause_breaks_in(text, sentence.start, sentence.end)
    return found


_BREAK_CHARS = ",;:–—"  # _CLAUSE_BREAK's characters; a hyphen breaks with a space on both sides


def clause_breaks_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans `_CLAUSE_BREAK.finditer(text, start, end)` finds, by `str.find`: the regex tries both of its
    alternatives at every character of the sentence, a few times the cost of finding the few characters."""
    found = []
    for char in _BREAK_CHARS:
        i = text.find(char, start, end)
        while i >= 0:
            found.append((i, i + 1))
            i = text.find(char, i + 1, end)
    last = end - 1  # a hyphen in [start + 1, end - 1): room for the spaces (no negative bound, read from the end)
    i = text.find("-", start + 1, last) if last > start + 1 else -1
    while i >= 0:
        if text[i - 1].isspace() and text[i + 1].isspace():  # str.isspace is what \s matches
            found.append((i - 1, i + 2))
        i = text.find("-", i + 1, last)
    if len(found) > 1:
        found.sort()
        kept, resume = [], start  # finditer goes on from each match's end: overlapping spans drop out
        for span in found:
            if span[0] >= resume:
                kept.append(span)
                resume = span[1]
        found = kept
    return found


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


@lru_cache(maxsize=None)
def _pronoun_patterns(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(pair, subject) patterns for a language, or for all when it is unknown."""
    data = load_yaml("pronouns.yaml")
    langs = [language] if language in data else list(data)
    pair = [w for lang in langs for w in data[lang].get("pair", [])]
    subject = [w for lang in langs for w in data[lang].get("subject", [])]
    # "die beiden" in any case; subject pronouns case-sensitive (see pronouns.yaml)
    return (alternation(pair, flags=re.IGNORECASE), alternation(subject))


def is_known(actor: Actor) -> bool:
    """True for people in the gazetteer (with or without a Wikidata id)."""
    return actor_index.get_actor(actor.id) is not None


@lru_cache(maxsize=1 << 16)
def held_roles(actor_id: str, on: date | None) -> tuple[str, ...]:
    """`roles_of` a gazetteer person (none for anyone else), remembered: asked for every trigger's people."""
    return tuple(actor_index.roles_of(actor_id, on)) if actor_index.get_actor(actor_id) is not None else ()


def is_reporter(actor: Actor, on: date | None) -> bool:
    """True for people whose role is to speak for a leader (spokespeople, advisers)."""
    roles = held_roles(actor.id, on)
    return bool(roles) and all(r.endswith(_REPORTER_ROLE_SUFFIXES) for r in roles)


def people_in(mentions: Sequence[Mention], start: int, end: int, *, excluded: set[int]) -> list[Mention]:
    """Person mentions inside [start, end) that are not excluded (by index); `mentions` sorted by start."""
    starts = _indexed(mentions)[0]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [m for i, m in enumerate(mentions[lo:hi], lo)
            if m.actor.kind == "person" and m.span.end <= end and i not in excluded]


class Candidates:
    """The person mentions of one document that may take part (not skipped), found by span.

    The binding rules ask for the people of a trigger's clause up to four times, and of wider spans around
    it: the mentions are sifted once, and each span's people are found once.
    """

    def __init__(self, mentions: Sequence[Mention], skip: set[int]) -> None:
        # `mentions` sorted by start: so are these, and bisection finds a span's
        self.mentions = [m for i, m in enumerate(mentions) if i not in skip and m.actor.kind == "person"]
        self._starts = [m.span.start for m in self.mentions]
        self._actors: dict[tuple[int, int], list[Actor]] = {}

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end): `people_in(mentions, start, end, excluded=skip)`."""
        starts = self._starts
        return [m for m in self.mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
                if m.span.end <= end]

    def actors(self, start: int, end: int) -> list[Actor]:
        """The people inside [start, end), each once, in order (a list shared by all who ask: not to change)."""
        found = self._actors.get((start, end))
        if found is None:
            found = self._actors[(start, end)] = unique_actors(self.within(start, end))
        return found


def starting_in(mentions: Sequence[Mention], start: int, end: int) -> Sequence[Mention]:
    """The mentions that start in [start, end), in their order (found by bisection when sorted by start)."""
    starts, in_order = _indexed(mentions)
    if not in_order:
        return [m for m in mentions if start <= m.span.start < end]
    return mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


_STARTS_CACHE: dict[int, tuple[Sequence[Mention], list[int], bool]] = {}


def _indexed(mentions: Sequence[Mention]) -> tuple[list[int], bool]:
    """The starts of the mentions, and whether they are in text order (else no bisection holds)."""
    # one document's mentions are searched many times: index their starts once
    cached = _STARTS_CACHE.get(id(mentions))
    if cached is None or cached[0] is not mentions:
        _STARTS_CACHE.clear()
        starts = [m.span.start for m in mentions]
        cached = (mentions, starts, all(a <= b for a, b in zip(starts, starts[1:])))
        _STARTS_CACHE[id(mentions)] = cached
    return cached[1], cached[2]


def unique_actors(mentions: Sequence[Mention]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for m in mentions:
        seen.setdefault(m.actor.id, m.actor)
    return list(seen.values())


def pronoun_kind(text: str, start: int, end: int, language: str | None) -> str | None:
    """'pair' for "die beiden"/"both leaders" in the span, 'subject' for a subject pronoun."""
    pair, subject = _pronoun_patterns(language)
    if pair.search(text, start, end):
        return "pair"
    if subject.search(text, start, end):
        return "subject"
    return None
