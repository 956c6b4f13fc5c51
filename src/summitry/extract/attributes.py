"""A contact's attributes from its evidence sentences: duration, places, initiator, tone, codes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summitry.annotate.doctext import views
from summitry.data import load_yaml
from summitry.extract.cues import Cues
from summitry.records import Actor, Mention, Span, Timex

_ISO_DURATION = re.compile(r"^PT?(?:(\d+(?:\.\d+)?)D)?T?(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?$")


def _within(span: Span, sentences: Sequence[Span]) -> bool:
    start = span.start
    for s in sentences:  # a plain loop: any() over a generator costs more than the test (called per mention)
        if s.start <= start < s.end:
            return True
    return False


def duration_minutes(timexes: Sequence[Timex], evidence: Sequence[Span]) -> int | None:
    """Minutes of the first hour/minute DURATION in the evidence ("eine Stunde und 25 Minuten" → 85)."""
    for t in timexes:
        if t.type != "DURATION" or not _within(t.span, evidence) or not t.value.startswith("PT"):
            continue
        m = _ISO_DURATION.match(t.value)
        if m:
            hours = float(m.group(2) or 0)
            minutes = float(m.group(3) or 0)
            total = round(hours * 60 + minutes)
            if 0 < total <= 24 * 60:
                return total
    return None


def place_word_before(text: str, cues: Cues, start: int) -> bool:
    """Whether a place preposition ("nach", "in der") stands right before `start`.

    Remembered per document: every contact asks of the place names in its evidence, and the sentences of
    one document are the evidence of many contacts.
    """
    answers = views(text).setdefault(("place_word_before", cues.place_before), {})
    found = answers.get(start)
    if found is None:
        found = answers[start] = cues.place_before.search(text[max(0, start - 16):start]) is not None
    return found


def places_in(text: str, cues: Cues, mentions: Sequence[Mention], evidence: Sequence[Span]) -> list[str]:
    """Places the evidence puts the contact in ("in Peking", "im Kreml")."""
    places: list[str] = []
    for m in mentions:
        if m.actor.kind != "place" or not _within(m.span, evidence):
            continue
        if place_word_before(text, cues, m.span.start) and m.actor.name not in places:
            places.append(m.actor.name)
    return places


def initiator_for(text: str, cues: Cues, mentions: Sequence[Mention], evidence: Sequence[Span]) -> Actor | None:
    """Who initiated the contact, where the text says so ("auf Initiative der deutschen Seite")."""
    for sent in evidence:
        cue = cues.initiative.search(text, sent.start, sent.end)
        if not cue:
            continue
        # the actor named closest to the cue, in the same sentence
        nearby = [m for m in mentions if sent.start <= m.span.start < sent.end and m.actor.kind in
                  ("person", "country", "organisation")]
        if nearby:
            return min(nearby, key=lambda m: abs(m.span.start - cue.start())).actor
    return None


def tones_in(text: str, cues: Cues, evidence: Sequence[Span]) -> list[str]:
    """Tone words the sources report for the contact, in order, once each."""
    tones: list[str] = []
    for sent in evidence:
        for m in cues.tone.finditer(text, sent.start, sent.end):
            word = m.group(0).lower()
            if word not in tones:
                tones.append(word)
    return tones


def codes_for(kind: str, *, third_place: bool) -> tuple[str | None, str | None]:
    """CAMEO code and PLOVER category/mode for a contact kind."""
    codes = load_yaml("codes.yaml")
    key = "meeting_third_place" if kind == "meeting" and third_place else kind
    plover = codes["plover"].get(key)
    plover_text = None
    if plover:
        plover_text = plover["category"] + (f"/{plover['mode']}" if plover.get("mode") else "")
    return codes["cameo"].get(key), plover_text
