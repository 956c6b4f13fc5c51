"""Contacts from annotations: Extraction (sentences, mentions, timexes, quotes) → Contacts.

1. Find contact triggers (per-language cue data) sentence by sentence,
   skipping phrases that only look like contacts ("Videoansprache") and
   triggers inside quotations.
2. Bind participants: people in the trigger's clause, else its sentence,
   minus reporters and spokespeople; resolve "er"/"die beiden".
3. Status from cues in the clause (denied > planned > occurred) and from the
   attached date relative to publication.
4. Merge the mentions of one contact (same people, same mode, compatible
   status and date) into one contact of the most specific kind; a mention
   with too few people becomes evidence for the contact it refers back to.
5. Fill attributes (date, period, duration, places, initiator, tone, codes)
   and flag the main contact: the one the lead reports, most often evidenced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from summitry.extract.attributes import codes_for, duration_minutes, initiator_for, places_in, tones_in
from summitry.extract.cues import Cues, cues_for
from summitry.extract.participants import (
    clause_bounds,
    is_reporter,
    people_in,
    pronoun_kind,
    unique_actors,
)
from summitry.records import Actor, Contact, Extraction, Mention, Span, Timex

REMOTE = ("video_call", "phone_call", "call")
IN_PERSON = ("visit", "meeting")
SPECIFICITY = {"video_call": 4, "phone_call": 3, "call": 1, "visit": 3, "meeting": 2, "talk": 0}
MAX_PARTICIPANTS = 8


@dataclass
class _Mention:
    """One trigger occurrence with what it binds."""

    kind: str
    status: str
    actors: list[Actor]
    sentence: int
    trigger: Span
    timex: Timex | None = None
    destination: Actor | None = None


@dataclass
class _Group:
    members: list[_Mention] = field(default_factory=list)

    @property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.members[0].actors)

    @property
    def family(self) -> str:
        kinds = {m.kind for m in self.members} - {"talk"}
        if kinds & set(REMOTE):
            return "remote"
        if kinds & set(IN_PERSON):
            return "in_person"
        return "talk"

    @property
    def status(self) -> str:
        statuses = {m.status for m in self.members}
        for s in ("denied", "planned", "occurred"):
            if s in statuses:
                return s
        return "occurred"

    @property
    def day(self) -> date | None:
        for m in self.members:
            if m.timex is not None and m.timex.as_date():
                return m.timex.as_date()
        return None


def _family(kind: str) -> str:
    return "remote" if kind in REMOTE else "in_person" if kind in IN_PERSON else "talk"


def _inside(spans: list[Span], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _reporter_mentions(text: str, mentions: list[Mention], cues: Cues, on: date | None) -> set[int]:
    """Indices of mentions that report rather than take part (speakers, spokespeople)."""
    excluded = set()
    for i, m in enumerate(mentions):
        if m.actor.kind != "person":
            continue
        before = text[max(0, m.span.start - 40):m.span.start]
        after = text[m.span.end:m.span.end + 25]
        # "sagte Peskow", "laut Uschakow", "Peskow sagte", "according to Peskov"
        near_verb = (re.search(r"(?:\b(?:laut|so|zufolge|according to)|" + cues.reporting.pattern + r")\W+(?:\w+\W+){0,4}$",
                               before, re.IGNORECASE)
                     or re.match(r"\W*(?:" + cues.reporting.pattern + r"|zufolge)", after, re.IGNORECASE))
        if is_reporter(m.actor, on) or (near_verb and _is_reporting_only(text, m)):
            excluded.add(i)
    return excluded


def _is_reporting_only(text: str, mention: Mention) -> bool:
    # A leader who "said" something may still be a participant ("sagte Putin
    # am Anfang des Gesprächs"); only spokespeople-like or unknown names are dropped.
    return mention.actor.id.startswith("name:")


def _timex_for(text: str, cues: Cues, timexes: list[Timex], trigger: Span) -> Timex | None:
    """The date expression attached to a trigger: the nearest in its sentence not dating a statement."""
    best, best_dist = None, None
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        before = text[max(0, t.span.start - 45):t.span.start]
        dates_statement = re.search(cues.reporting.pattern + r"(?:\W+\w+){0,4}\W*$", before, re.IGNORECASE)
        if dates_statement and not (t.span.start - 45 <= trigger.start <= t.span.start):
            continue
        dist = min(abs(t.span.start - trigger.end), abs(trigger.start - t.span.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = t, dist
    return best


def _status(text: str, cues: Cues, sentence: Span, clause: tuple[int, int], trigger: Span, kind: str,
            timex: Timex | None, published: date | None) -> str:
    if cues.denied.search(text, sentence.start, sentence.end):
        return "denied"
    day = timex.as_date() if timex else None
    if day and published:
        if day > published:
            return "planned"
        if day < published:
            return "occurred"
    if cues.planned.search(text, clause[0], clause[1]):
        return "planned"
    # an infinitive "zu besuchen" / "to visit" is not (yet) a fact
    if re.search(r"(?:\bzu|\bto)\s+$", text[max(0, trigger.start - 4):trigger.start], re.IGNORECASE):
        return "planned"
    if kind == "visit" and re.search(r"einlad|eingeladen|einladung|lud\b|invit", text[sentence.start:sentence.end],
                                     re.IGNORECASE):
        return "planned"
    return "occurred"


def _subject_before(mentions: list[Mention], excluded: set[int], sentences: list[Span], si: int,
                    pos: int) -> Actor | None:
    """The person a subject pronoun at `pos` most likely refers to."""
    sent = sentences[si]
    in_sentence = [m for i, m in enumerate(mentions) if i not in excluded and m.actor.kind == "person"
                   and sent.start <= m.span.start < pos]
    if in_sentence:
        return in_sentence[0].actor
    for prev in range(si - 1, max(-1, si - 3), -1):
        s = sentences[prev]
        found = [m for i, m in enumerate(mentions) if i not in excluded and m.actor.kind == "person"
                 and s.start <= m.span.start < s.end]
        if found:
            return found[0].actor
    return None


def _destination(text: str, mentions: list[Mention], start: int, end: int) -> Actor | None:
    """A place or country the clause travels to or is in ("nach Peking", "in China")."""
    for m in mentions:
        if m.actor.kind in ("place", "country") and start <= m.span.start < end:
            before = text[max(0, m.span.start - 12):m.span.start].lower()
            if re.search(r"\b(nach|in|im|to|in|at)\s+(der\s+|die\s+|the\s+)?$", before):
                return m.actor
    return None


def find_trigger_mentions(ex: Extraction) -> list[_Mention]:
    """Steps 1–3: every trigger with its people, status and date."""
    doc = ex.document
    text = doc.text
    cues = cues_for(doc.language)
    mentions = sorted(ex.mentions, key=lambda m: m.span.start)
    excluded = _reporter_mentions(text, mentions, cues, doc.published)
    quotes = [q.span for q in ex.quotes]
    found: list[_Mention] = []
    last_pair: list[Actor] = []
    for si, sent in enumerate(ex.sentences):
        blocked = [Span(m.start(), m.end()) for m in cues.not_contacts.finditer(text, sent.start, sent.end)]
        sent_timexes = [t for t in ex.timexes if sent.start <= t.span.start < sent.end]
        for m in cues.triggers.finditer(text, sent.start, sent.end):
            if _inside(quotes, m.start()) or _inside(blocked, m.start()):
                continue
            kind = m.lastgroup or "talk"
            trigger = Span(m.start(), m.end())
            clause = clause_bounds(text, sent, m.start())
            quoted = {i for i, mm in enumerate(mentions) if _inside(quotes, mm.span.start)}
            actors = unique_actors(people_in(mentions, clause[0], clause[1], excluded=excluded | quoted))
            # a pronoun in the clause is closer evidence than other names in the sentence
            pron = pronoun_kind(text, clause[0], clause[1], doc.language) if len(actors) < 2 else None
            if pron == "pair" and last_pair:
                actors = unique_actors_list(last_pair + actors)
            elif pron == "subject" and len(actors) == 1:
                subject = _subject_before(mentions, excluded, ex.sentences, si, m.start())
                if subject is not None and subject.id != actors[0].id:
                    actors = [subject] + actors
            if len(actors) < 2:
                actors = unique_actors_list(
                    actors + unique_actors(people_in(mentions, sent.start, sent.end, excluded=excluded | quoted)))
            timex = _timex_for(text, cues, sent_timexes, trigger)
            status = _status(text, cues, sent, clause, trigger, kind, timex, doc.published)
            destination = _destination(text, mentions, clause[0], clause[1]) if kind == "visit" else None
            found.append(_Mention(kind, status, actors[:MAX_PARTICIPANTS], si, trigger, timex, destination))
            if len(actors) >= 2:
                last_pair = actors
    return found


def unique_actors_list(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for a in actors:
        seen.setdefault(a.id, a)
    return list(seen.values())


def _compatible(group: _Group, mention: _Mention) -> bool:
    if group.actor_ids != frozenset(a.id for a in mention.actors):
        return False
    fam = _family(mention.kind)
    if fam != "talk" and group.family not in ("talk", fam):
        return False
    planned = {group.status == "planned", mention.status == "planned"}
    if len(planned) == 2:
        return False
    day = mention.timex.as_date() if mention.timex else None
    return not (day and group.day and day != group.day)


def _split_visitors(mention: _Mention) -> list[_Mention]:
    """A trip by several leaders to a place with no host named: one visit each."""
    dest = mention.destination
    if mention.kind != "visit" or dest is None or not dest.country:
        return [mention]
    hosts = [a for a in mention.actors if a.country == dest.country]
    if hosts or len(mention.actors) < 2:
        return [mention]
    return [_Mention("visit", mention.status, [a], mention.sentence, mention.trigger, mention.timex, dest)
            for a in mention.actors]


def group_mentions(found: list[_Mention]) -> list[_Group]:
    """Step 4: one group per contact; mentions with too few people attach to what they refer to."""
    groups: list[_Group] = []
    orphans: list[_Mention] = []
    for mention in found:
        for single in _split_visitors(mention):
            solo_visit = (single.kind == "visit" and len(single.actors) == 1 and single.destination is not None
                          and single.destination.country and single.destination.country != single.actors[0].country)
            if len(single.actors) < 2 and not solo_visit:
                orphans.append(single)
                continue
            target = next((g for g in reversed(groups) if _compatible(g, single)), None)
            if target is None:
                groups.append(_Group([single]))
            else:
                target.members.append(single)
    for orphan in orphans:
        target = _referent(groups, orphan)
        if target is not None:
            target.members.append(_Mention(orphan.kind, target.status, target.members[0].actors, orphan.sentence,
                                           orphan.trigger, orphan.timex if not target.day else None))
    return groups


def _referent(groups: list[_Group], orphan: _Mention) -> _Group | None:
    """The contact a mention without enough people refers back to (or forward to, in a headline)."""
    fam = _family(orphan.kind)
    ids = {a.id for a in orphan.actors}
    best, best_dist = None, None
    for g in groups:
        if fam != "talk" and g.family not in ("talk", fam):
            continue
        if ids and not ids <= g.actor_ids:
            continue
        if orphan.status == "planned" and g.status != "planned":
            continue
        dist = min(abs(m.sentence - orphan.sentence) for m in g.members)
        if dist <= 4 and (best_dist is None or dist < best_dist):
            best, best_dist = g, dist
    return best


def _kind_of(group: _Group, text: str, ex: Extraction, cues: Cues) -> str:
    kinds = [m.kind for m in group.members if m.kind != "talk"]
    if kinds:
        return max(kinds, key=lambda k: SPECIFICITY[k])
    sentences = [ex.sentences[m.sentence] for m in group.members]
    in_place = any(_destination(text, ex.mentions, s.start, s.end) for s in sentences)
    return "meeting" if in_place else "call"


def _main_score(group: _Group) -> float:
    first = min(m.sentence for m in group.members)
    lead_bonus = 4.0 if first <= 1 else 2.0 if first <= 3 else 0.0
    return len(group.members) + lead_bonus - first * 0.01


def extract_contacts(ex: Extraction) -> list[Contact]:
    """Every contact the document reports, the main one flagged."""
    doc = ex.document
    text = doc.text
    cues = cues_for(doc.language)
    groups = group_mentions(find_trigger_mentions(ex))
    contacts: list[Contact] = []
    for group in groups:
        members = group.members
        kind = _kind_of(group, text, ex, cues)
        sentence_ids = sorted({m.sentence for m in members})
        evidence = [ex.sentences[i] for i in sentence_ids]
        timex = next((m.timex for m in members if m.timex is not None and m.timex.as_date()), None) \
            or next((m.timex for m in members if m.timex is not None), None)
        day = timex.as_date() if timex else None
        third_place = any(cues.sidelines.search(text, s.start, s.end) for s in evidence)
        cameo, plover = codes_for(kind, third_place=third_place)
        contacts.append(Contact(
            kind=kind,
            status=group.status,
            participants=list(members[0].actors),
            date=day,
            timex=timex,
            period=timex.value if timex is not None and day is None else None,
            duration_minutes=duration_minutes(ex.timexes, evidence),
            places=places_in(text, ex.mentions, evidence),
            initiator=initiator_for(text, cues, ex.mentions, evidence),
            tone=tones_in(text, cues, evidence),
            evidence=evidence,
            cameo=cameo,
            plover=plover,
        ))
    if contacts:
        best = max(range(len(groups)), key=lambda i: _main_score(groups[i]))
        contacts[best].main = True
        _date_fresh_report(contacts[best], groups[best], ex)
    return contacts


def _date_fresh_report(contact: Contact, group: _Group, ex: Extraction) -> None:
    """A fresh report in the present perfect ("haben … telefoniert") dates the contact on publication."""
    doc = ex.document
    if contact.date or contact.status != "occurred" or doc.published is None:
        return
    first = ex.sentences[min(m.sentence for m in group.members)]
    if min(m.sentence for m in group.members) <= 2 and re.search(
            r"\b(hat|haben|has|have)\b", doc.text[first.start:first.end]):
        contact.date = doc.published
