"""Contacts from annotations: Extraction (sentences, mentions, timexes, quotes) → Contacts.

1. Find contact triggers (per-language cue data) sentence by sentence,
   skipping phrases that only look like contacts ("Videoansprache") and
   triggers inside quotations.
2. Bind participants: people in the trigger's clause, widened clause by
   clause until two are found, minus reporters and spokespeople; resolve
   "er"/"die beiden"; prefer office holders over bystanders.
3. Status from cues in the clause (denied > planned > occurred), from the
   attached date relative to publication, and from tense.
4. Merge the mentions of one contact (same people, same mode, compatible
   status and date) into one contact of the most specific kind; a mention
   with too few people becomes evidence for the contact it refers back to;
   a trip to a country frames the meeting with that country's leader.
5. Fill attributes (date, period, duration, places, initiator, tone, codes)
   and flag the main contact: the one the lead reports, most often evidenced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from summitry.annotate import actors as actor_index
from summitry.extract.attributes import (
    codes_for,
    duration_minutes,
    initiator_for,
    place_word_before,
    places_in,
    tones_in,
)
from summitry.extract.cues import Cues, cues_for
from summitry.extract.participants import (
    clause_bounds,
    clauses,
    held_roles,
    is_known,
    is_reporter,
    Candidates,
    pronoun_kind,
    starting_in,
    widening,
)
from summitry.extract.prefilter import document_cues
from summitry.records import Actor, Contact, Extraction, Mention, Span, Timex

REMOTE = ("video_call", "phone_call", "call")
IN_PERSON = ("visit", "meeting")
SPECIFICITY = {"video_call": 4, "phone_call": 3, "call": 1, "visit": 3, "meeting": 2, "talk": 0}
MAX_PARTICIPANTS = 8
LEAD_SENTENCES = 3
_LONG_SPAN = re.compile(r"P\d+(?:\.\d+)?[WMY]$")  # "sechs Monate lang": a counted period, not a meeting's length
# compiled once and run on the text within bounds, not on a slice copied for each test
_OWNER_GAP = re.compile(r"['’]?s?\s*|\s*")  # between a name and its trigger: "Scholz' Gespräch", "Trump's call"
_LIST_GAP = re.compile(r"[\s,]*")  # between the names of a list before a clause
_LIST_ITEM = re.compile(r"[^,;]+")  # one item of a list after a clause
_GENITIVE = re.compile(r"(?:['’]s?|s)(?=\s)")  # "Trump's", "Putins" glued to a name  # title plus the first sentences: where news states what it is about


@dataclass
class _Mention:
    """One trigger occurrence with what it binds."""

    kind: str
    status: str  # occurred | planned | denied | arrived (arrival alone: the meeting is still to come)
    actors: list[Actor]
    sentence: int
    trigger: Span
    timex: Timex | None = None
    destination: Actor | None = None
    subordinate: bool = False  # in a "bevor …"/"after …" clause: background to the sentence's contact
    stated: bool = True  # False when the status is only the default reading
    nearby: list[Actor] = field(default_factory=list)  # the leaders of the sentences before, for a bare mention
    fellow_travellers: list[Actor] = field(default_factory=list)  # all who made a joint trip split into visits
    joined_status: str = "occurred"  # for status "joining": what the clause says of the contact joined


@dataclass
class _Group:
    members: list[_Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    # The grouping rules ask every group what its members say for each mention they place: the answers are
    # kept while members and actors stay the same (members are only ever added, never changed; actors only
    # ever replaced by a new list).
    _answers: dict[str, Any] = field(init=False, repr=False, compare=False)
    _answers_for: tuple[list[Actor] | None, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._answers = {}
        self._answers_for = (None, 0)

    def _answered(self) -> dict[str, Any]:
        actors, size = self._answers_for
        if actors is not self.actors or size != len(self.members):
            self._answers = {}
            self._answers_for = (self.actors, len(self.members))
        return self._answers

    @property
    def actor_ids(self) -> frozenset[str]:
        answers = self._answered()
        ids = answers.get("actor_ids")
        if ids is None:
            ids = answers["actor_ids"] = frozenset(a.id for a in self.actors)
        return ids

    @property
    def family(self) -> str:
        answers = self._answered()
        family = answers.get("family")
        if family is None:
            kinds = {m.kind for m in self.members} - {"talk"}
            family = "remote" if kinds & set(REMOTE) else "in_person" if kinds & set(IN_PERSON) else "talk"
            answers["family"] = family
        return family

    @property
    def status(self) -> str:
        """What the clearest evidence says: a stated status beats the default reading."""
        answers = self._answered()
        status = answers.get("status")
        if status is None:
            status = answers["status"] = self._status()
        return status

    def _status(self) -> str:
        # a specific trigger ("the call") speaks for the contact before a generic one ("peace talks")
        specific = [m for m in self.members if m.stated and m.status != "arrived" and m.kind != "talk"]
        stated = {m.status for m in (specific or [m for m in self.members if m.stated and m.status != "arrived"])}
        for status in ("denied", "planned", "occurred"):
            if status in stated:
                return status
        statuses = {m.status for m in self.members}
        if "arrived" in statuses:
            return "planned"  # there for talks not yet reported
        return "occurred"

    @property
    def has_stated_status(self) -> bool:
        answers = self._answered()
        stated = answers.get("has_stated_status")
        if stated is None:
            stated = answers["has_stated_status"] = any(m.stated and m.status != "arrived" for m in self.members)
        return stated

    @property
    def day(self) -> date | None:
        answers = self._answered()
        if "day" not in answers:
            answers["day"] = next((m.timex.as_date() for m in self.members
                                   if m.timex is not None and m.timex.as_date()), None)
        return answers["day"]

    @property
    def sentences(self) -> tuple[int, ...]:
        """The sentences the members stand in, in order, each once."""
        answers = self._answered()
        found = answers.get("sentences")
        if found is None:
            found = answers["sentences"] = tuple(sorted({m.sentence for m in self.members}))
        return found

    @property
    def first_sentence(self) -> int:
        return self.sentences[0]

    def distance(self, sentence: int) -> int:
        """How many sentences lie between `sentence` and the nearest member's."""
        found = self.sentences
        i = bisect.bisect_left(found, sentence)
        return min(abs(found[k] - sentence) for k in (i - 1, i) if 0 <= k < len(found))


def _family(kind: str) -> str:
    return "remote" if kind in REMOTE else "in_person" if kind in IN_PERSON else "talk"


def _inside(spans: list[Span], pos: int) -> bool:
    for s in spans:  # a plain loop: any() over a generator costs more than the test (called per mention)
        if s.start <= pos < s.end:
            return True
    return False


def _has_roles(actor: Actor, on: date | None) -> bool:
    return bool(held_roles(actor.id, on))


def _reporter_mentions(text: str, mentions: list[Mention], cues: Cues, on: date | None) -> set[int]:
    """Indices of mentions that report rather than take part (spokespeople, quoted experts)."""
    excluded = set()
    for i, m in enumerate(mentions):
        if m.actor.kind != "person":
            continue
        if is_reporter(m.actor, on) or _is_modifier(text, m, cues):
            excluded.add(i)
            continue
        if is_known(m.actor):
            continue  # a leader who "said" something may still take part
        if (cues.reporter_before.search(text[max(0, m.span.start - 40):m.span.start])
                or cues.reporter_after.match(text, m.span.end, m.span.end + 25)):
            excluded.add(i)
    return excluded


def _is_modifier(text: str, mention: Mention, cues: Cues) -> bool:
    """A name that only qualifies another person or body ("Bidens Amtsvorgänger", "the Biden administration")."""
    end = mention.span.end
    if not cues.relation_nouns.search(text, end + 1, end + 60):
        return False  # the relation nouns stand after a space or hyphen: none there, no relation
    after = text[end:end + 60]
    genitive = mention.surface.endswith(("s", "'", "’")) and not mention.actor.name.endswith("s") or _GENITIVE.match(
        after)
    return bool((cues.genitive_relation if genitive else cues.compound_relation).match(after))


@dataclass
class _DateCandidate:
    """A date of a sentence that may date its triggers, with what its context says (the same for every trigger)."""

    timex: Timex
    said_before: bool  # a verb of saying just before it ("sagte Peskow am Montag")
    said_after: bool  # a verb of saying or denying just after it ("on Monday denied")
    undated: int  # 0 for a day, 1 for a coarser date: days first


def _date_candidates(text: str, cues: Cues, timexes: list[Timex]) -> list[_DateCandidate]:
    """The sentence's dates that may date a contact: not after "seit"/"since" (that anchors a span of time).

    Computed once per sentence: each of its triggers weighs the same dates.
    """
    found = []
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        start, end = t.span.start, t.span.end
        if _opens_slice_end(text, cues.date_anchors, cues.anchor_before, start, 30):
            continue
        found.append(_DateCandidate(t, _opens_slice_end(text, cues.reporting, cues.statement_before, start, 45),
                                    bool(cues.statement_after.match(text, end, end + 30)),
                                    0 if t.as_date() else 1))
    return found


def _opens_slice_end(text: str, cue_list: re.Pattern[str], pattern: re.Pattern[str], end: int, width: int) -> bool:
    """`pattern.search(text[end - width:end])` for a pattern whose matches open with a match of the cue list
    ("sagte … am Montag"): the slice is searched only where the (prefiltered) list matches in it.

    A slice of a few dozen characters costs the "…$" pattern a try of every cue at every position; the list's
    own search is a look-up. The two agree where the list looks behind only at its start and sees the same
    there in the text as in the slice (the slice's start, or a character \\w does not match).
    """
    start = max(0, end - width)
    if (_looks_back_at_start_only(cue_list.pattern) and not (start and (text[start - 1].isalnum()
                                                                      or text[start - 1] == "_"))
            and cue_list.search(text, start, end) is None):
        return False
    return pattern.search(text[start:end]) is not None


@lru_cache(maxsize=None)
def _looks_back_at_start_only(list_pattern: str) -> bool:
    """Whether the cue list's only lookbehind is the (?<!\\w) it opens with."""
    return "(?<" not in list_pattern.replace(r"(?<!\w)", "", 1)


def _timex_for(candidates: list[_DateCandidate], trigger: Span, status_hint: str | None = None) -> Timex | None:
    """The date attached to a trigger: in its sentence, a day before a coarser date, nearest first.

    A date next to a verb of saying dates the statement ("sagte Peskow am
    Montag", "the Kremlin on Monday denied"); one after "seit"/"since" anchors
    a span of time: neither dates the contact. A statement date is kept as a
    last resort, for a contact reported as it happened.
    """
    best, best_key = None, None
    for c in candidates:
        span = c.timex.span
        trigger_between = span.start - 45 <= trigger.start <= span.start
        statement = (c.said_before and not trigger_between) or c.said_after
        if statement and status_hint != "occurred":
            continue
        key = (1 if statement else 0, c.undated, min(abs(span.start - trigger.end), abs(trigger.start - span.end)))
        if best_key is None or key < best_key:
            best, best_key = c.timex, key
    return best


def _status(text: str, cues: Cues, sentence: Span, clause: tuple[int, int], trigger: Span, kind: str,
            timex: Timex | None, published: date | None, durations: list[Timex]) -> tuple[str, bool] | None:
    """(status, stated) for a trigger, or None for a contact the clause rules out; `durations`: the DURATION
    timexes of the clause.

    status is occurred | planned | denied | arrived; `stated` is False when
    nothing in the clause says so and "occurred" is only the default reading.
    """
    a, b = clause
    # a denial governs its own clause and a "dass"/"wonach"/"that" clause it introduces
    if cues.denied.search(text, a, b) or (cues.complement_start.match(text, a, b)
                                          and cues.denied.search(text[sentence.start:a])):
        return "denied", True
    if cues.cancelled.search(text, a, b):
        return "denied", True
    day = timex.as_date() if timex else None
    purpose = cues.infinitive_before.search(text[max(0, trigger.start - 4):trigger.start])
    # the cue tests below are searched only when their answer counts (most triggers have no planned cue)
    hearsay: bool | None = None  # "sollen telefoniert haben": a claim, not a plan
    planned_cue = _bound_cue(text, cues.planned, cues.triggers, a, b, trigger) or purpose or (
        _opens_slice_end(text, cues.future_modifiers, cues.future_before, trigger.start, 30)) or (
        kind == "visit" and cues.invitation.search(text, sentence.start, sentence.end))
    if planned_cue:
        hearsay = bool(cues.hearsay.search(text, a, b))
        planned_cue = not hearsay
    if not planned_cue and _bound_cue(text, cues.prospective, cues.triggers, a, b, trigger) and all(
            cues.perfect.fullmatch(m.group(0)) for m in cues.past.finditer(text, sentence.start, sentence.end)):
        # "wenige Tage vor seinem Besuch gibt Merz …", "haben vor dem Besuch … betont": before it, told in the
        # present or as fresh news (a pluperfect "hatte vor seinem Besuch gesagt" looks back past the visit)
        planned_cue = True
    if _bound_cue(text, cues.habitual, cues.triggers, sentence.start, sentence.end, trigger):
        return None  # "üblicherweise sprechen Xi und Putin zum Jahresende": a custom, not one contact
    if durations and any(_LONG_SPAN.match(t.value) and (
            cues.span_after.match(text, t.span.end) or cues.span_before.search(text[max(0, t.span.start - 8):
                                                                                  t.span.start]))
                         for t in durations):
        return None  # "sechs Monate lang … telefoniert": many contacts over a period, not one
    dated_fact = day is not None and published is not None and day <= published
    if not dated_fact and cues.hypothetical.search(text, max(sentence.start, trigger.start - 60), trigger.start) \
            and not past_cue_in(text, cues, a, b, trigger):
        return None  # "bereit erklärt, miteinander zu sprechen": readiness, not a plan
    if planned_cue and cues.negation.search(text, a, b):
        return None  # "will not visit", "kann sich keinen Besuch vorstellen": no contact
    arrival_only = kind not in REMOTE and cues.arrival.search(text, a, b)
    # the past-tense cue (the costliest test) is looked for only where its answer counts
    if day and published:
        if day > published:
            return "planned", True
        if day < published:
            return ("arrived", False) if arrival_only and not past_cue_in(text, cues, a, b, trigger) \
                else ("occurred", True)
    if planned_cue and arrival_only and purpose and not _bound_cue(text, cues.planned, cues.triggers, a, b, trigger):
        return "arrived", False  # "zu Gesprächen eingetroffen": the talks are what the arrival is for
    if planned_cue:
        return "planned", True
    if durations and any(t.value.startswith("PT") for t in durations):
        return "occurred", True  # "drei Stunden lang sprechen sie": a length is known of a contact held
    if timex is not None and (day is None or published is None or day >= published) and cues.present.match(
            text, trigger.start):
        return "planned", True  # "Putin trifft am Donnerstag Kim": the present announces
    past_cue = _bound_cue(text, cues.past, cues.triggers, a, b, trigger)
    if arrival_only and not past_cue:
        return "arrived", False  # "zu Gesprächen in Moskau eingetroffen": there, but the talks are still to come
    if past_cue:
        return "occurred", True
    if hearsay is None:
        hearsay = bool(cues.hearsay.search(text, a, b))
    return "occurred", hearsay


def past_cue_in(text: str, cues: Cues, a: int, b: int, trigger: Span) -> bool:
    """A past-tense marker bound to the trigger in [a, b)."""
    return _bound_cue(text, cues.past, cues.triggers, a, b, trigger) is not None


def _bound_cue(text: str, cue: re.Pattern[str], triggers: re.Pattern[str], a: int, b: int,
               trigger: Span) -> re.Match[str] | None:
    """A cue in the clause that belongs to this trigger: no other trigger stands between them."""
    for m in cue.finditer(text, a, b):
        lo, hi = (m.end(), trigger.start) if m.end() <= trigger.start else (trigger.end, m.start())
        if not triggers.search(text, lo, hi):
            return m
    return None


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


def _destination(text: str, cues: Cues, mentions: list[Mention], start: int, end: int) -> Actor | None:
    """A place or country the span travels to or is in ("nach Peking", "in China")."""
    return next(_destinations(text, cues, mentions, start, end), None)


def _destinations(text: str, cues: Cues, mentions: list[Mention], start: int, end: int):
    """Every place or country the span travels to or is in, in order."""
    for m in starting_in(mentions, start, end):
        if m.actor.kind in ("place", "country") and place_word_before(text, cues, m.span.start) and not (
                cues.topic_place_before.search(text[max(0, m.span.start - 40):m.span.start])):
            yield m.actor


def _trip_destination(text: str, cues: Cues, mentions: list[Mention], clause: tuple[int, int],
                      trigger: Span) -> Actor | None:
    """Where a trip goes: "Besuch in China", "visited Ukraine", "nach Peking reist" (near the trigger only)."""
    for m in starting_in(mentions, trigger.end, trigger.end + 3):
        if m.actor.kind in ("place", "country"):
            return m.actor  # a direct object: "visited Ukraine", "besuchte China"
    return _destination(text, cues, mentions, clause[0], clause[1])


def _leaders_first(actors: list[Actor], on: date | None) -> list[Actor]:
    """Office holders take part; a bystander named beside two of them does not (a dissident, a pope).

    Names outside the gazetteer (an expert, a commandant) give way to known people.
    """
    holders = [a for a in actors if _has_roles(a, on)]
    if len(holders) >= 2:
        return holders
    known = [a for a in actors if is_known(a)]
    return known if known else actors


def find_trigger_mentions(ex: Extraction) -> list[_Mention]:
    """Steps 1–3: every trigger with its people, status and date."""
    doc = ex.document
    text = doc.text
    cues = document_cues(text, doc.language)
    mentions = sorted(ex.mentions, key=lambda m: m.span.start)
    excluded = _reporter_mentions(text, mentions, cues, doc.published)
    quotes = [q.span for q in ex.quotes]
    quoted = {i for i, mm in enumerate(mentions) if _inside(quotes, mm.span.start)}
    people = Candidates(mentions, excluded | quoted)
    found: list[_Mention] = []
    last_pair: list[Actor] = []  # what "die beiden"/"the leaders" refers to: the pair most talked about so far
    pair_counts: dict[frozenset[str], int] = {}
    # one pass each over the whole text, then by sentence: most sentences hold no trigger
    sentence_starts = [sn.start for sn in ex.sentences]
    triggers_in = _by_sentence(_joined_triggers(text, cues), lambda tm: tm[0].start(), sentence_starts)
    blocked_in = _by_sentence([Span(m.start(), m.end()) for m in cues.not_contacts.finditer(text)],
                              lambda sp: sp.start, sentence_starts)
    timexes_in = _by_sentence(ex.timexes, lambda t: t.span.start, sentence_starts)
    for si, sent in enumerate(ex.sentences):
        if si not in triggers_in:
            continue
        blocked = blocked_in.get(si, [])
        sent_timexes = timexes_in.get(si, [])
        dates = _date_candidates(text, cues, sent_timexes)
        durations = [t for t in sent_timexes if t.type == "DURATION"]
        for m, kind in triggers_in[si]:
            if _inside(quotes, m.start()) or _inside(blocked, m.start()):
                continue
            trigger = Span(m.start(), m.end())
            clause = clause_bounds(text, sent, m.start())
            actors = _bound_locally(text, cues, people, sent, clause, trigger, kind, doc.language,
                                    lambda: _subject_before(mentions, excluded, ex.sentences, si, m.start())
                                    ) or people.actors(clause[0], clause[1])
            destination = _trip_destination(text, cues, mentions, clause, trigger) if kind == "visit" else None
            pron = pronoun_kind(text, clause[0], clause[1], doc.language) if len(actors) < 2 else None
            if pron == "pair" and not last_pair and si > 0:
                # no pair bound yet: the two leaders the text opened with
                opening = _leaders_first(people.actors(ex.sentences[max(0, si - 2)].start, sent.start),
                                         doc.published)
                if len(opening) == 2:
                    last_pair = opening
            if pron == "pair" and last_pair:
                actors = list(last_pair)  # "die beiden": exactly the pair, whoever else the clause names
            elif pron == "subject" and len(actors) == 1:
                subject = _subject_before(mentions, excluded, ex.sentences, si, m.start())
                if subject is not None and subject.id != actors[0].id:
                    actors = [subject] + actors
            solo_trip = kind == "visit" and destination is not None and len(actors) == 1
            if len(actors) < 2 and not solo_trip:
                for a, b in widening(text, sent, m.start()):
                    actors = _union(actors, people.actors(a, b))
                    if len(actors) >= 2:
                        break
            if len(actors) >= 2:
                actors = _union(actors, _enumerated(text, cues, people, sent, clause))
            if actors:
                actors = _union(_listed_before(text, cues, people, sent, clause), actors)
            actors = _leaders_first(actors, doc.published)
            nearby: list[Actor] = []
            if not actors and si > 0 and cues.article_before.search(text[max(sent.start, trigger.start - 30):
                                                                         trigger.start]):
                # "In einem Telefonat am Donnerstag sei es um … gegangen": the people are in the lead-in
                before = ex.sentences[max(0, si - 2)].start
                nearby = _leaders_first(people.actors(before, sent.start), doc.published)
            timex = _timex_for(dates, trigger)
            judged = _status(text, cues, sent, clause, trigger, kind, timex, doc.published,
                             [t for t in durations if clause[0] <= t.span.start < clause[1]] if durations else [])
            if judged is None:
                continue
            status, stated = judged
            if timex is None and status == "occurred":
                timex = _timex_for(dates, trigger, status_hint="occurred")
            # the clause break itself may be the subordinating word ("…, bevor er …", "after")
            subordinate = bool(cues.subordinate.search(text, max(sent.start, clause[0] - 12), trigger.start))
            found.append(_Mention(kind, status, actors[:MAX_PARTICIPANTS], si, trigger, timex, destination,
                                  subordinate, stated, nearby if len(nearby) == 2 else []))
            if len(actors) >= 2:
                key = frozenset(a.id for a in actors)
                pair_counts[key] = pair_counts.get(key, 0) + 1
                last_pair = actors if pair_counts[key] >= max(pair_counts.values()) else last_pair
            if cues.joining.search(text, clause[0], clause[1]):
                # who joins is named in the clause itself ("wird auch von der Leyen dabei sein – nicht aber Scholz")
                joiners = _leaders_first(people.actors(clause[0], clause[1]), doc.published)
                found[-1].joined_status = status
                found[-1].status = "joining"
                found[-1].actors = joiners[:MAX_PARTICIPANTS] or found[-1].actors
    return found


def _bound_locally(text: str, cues: Cues, candidates: Candidates, sentence: Span,
                   clause: tuple[int, int], trigger: Span, kind: str, language: str | None,
                   subject_of: Callable[[], Actor | None]) -> list[Actor]:
    """People a trigger names itself: "Telefonat zwischen A und B", "Scholz's conversation with Putin"."""
    after = text[trigger.end:trigger.end + 16]
    between = cues.between_after.match(after)
    if between:
        start = trigger.end + between.end()
        end = clause[1]
        nxt = cues.triggers.search(text, start, clause[1])  # "zwischen Xi und Putin fand vor einem Telefonat …"
        if nxt:
            end = nxt.start()
        listed = _listed(text, cues, candidates.within(start, end), start)
        if not nxt:
            listed = _union(listed, _enumerated(text, cues, candidates, sentence, clause))
        if len(listed) >= 2:
            return listed
    # "with"/"mit" after any trigger; "to" only after speaking ("spoke to Zelenskyy", not "a trip to")
    partner = cues.partner_after.match(after) or (
        cues.speaking_partner_after.match(after) if kind in ("talk", "phone_call", "call") else None)
    if not partner:
        return []
    people = candidates.mentions
    owner = [mm for mm in people if 0 <= trigger.start - mm.span.end <= 3
             and _OWNER_GAP.fullmatch(text, mm.span.end, trigger.start)]
    possessive = cues.possessive_before.search(text[max(sentence.start, trigger.start - 25):trigger.start])
    if possessive and not owner:
        # "was er in seinem Gespräch mit Trump …": his = the clause's subject pronoun's person;
        # "von Trumps Haltung und seinem Gespräch mit Putin": his = the person named last before it
        before = [mm for mm in people if sentence.start <= mm.span.end <= trigger.start - len(possessive.group(0))]
        owner = before[-1:]
        if pronoun_kind(text, clause[0], trigger.start, language) == "subject":
            pronoun_subject = subject_of()
            if pronoun_subject is not None:
                owner = [Mention(Span(0, 0), pronoun_subject, "", "pronoun")]
    start = trigger.end + partner.end()
    others = [mm for mm in people if start <= mm.span.start < start + 60]
    if not others:
        return []
    # no possessive owner: the clause's first person is the one who calls or meets
    subject = owner[-1] if owner else next((mm for mm in people if clause[0] <= mm.span.start < trigger.start), None)
    if subject is None or subject.actor.id == others[0].actor.id:
        return []
    return [subject.actor, others[0].actor]


def _listed(text: str, cues: Cues, people: list[Mention], start: int) -> list[Actor]:
    """The people of one enumeration from `start`: "zwischen Biden und Netanjahu erfolgte …" stops at "erfolgte"."""
    listed: list[Actor] = []
    pos = start
    for m in sorted(people, key=lambda mm: mm.span.start):
        gap = text[pos:m.span.start]
        if listed and not cues.list_gap.fullmatch(gap):
            break
        listed.append(m.actor)
        pos = m.span.end
    return _union(listed, [])


def _listed_before(text: str, cues: Cues, people: Candidates, sentence: Span,
                   clause: tuple[int, int]) -> list[Actor]:
    """Names listed just before the clause ("Scholz, Macron und Draghi …"): short clauses holding only a name."""
    found: list[Actor] = []
    end = clause[0]
    if end == sentence.start:
        return found  # the clause opens the sentence: nothing stands before it
    for a, b in reversed([c for c in clauses(text, sentence) if c[1] <= clause[0]]):
        item = people.actors(a, b)
        if len(item) != 1 or len(text[a:b].split()) > 6 or cues.triggers.search(text, a, b) or not _LIST_GAP.fullmatch(
                text, b, end):
            break
        found[:0] = item
        end = a
    return found


def _enumerated(text: str, cues: Cues, people: Candidates, sentence: Span,
                clause: tuple[int, int]) -> list[Actor]:
    """People listed on after the clause ("zwischen Xi, Merkel, Macron und Michel"; a headline's
    "Besuch in Kiew: Scholz, Macron, Selenskyj und Draghi"): list items only."""
    if not text.startswith(":", clause[1]):
        if not cues.enumeration.search(text, clause[0], clause[1]):
            return []
        # the list goes on only from a clause that ends with a person ("zwischen Xi, Merkel …"), not
        # from one that has moved on ("zwischen Biden und Netanjahu erfolgte …, Putin und Xi, …")
        inside = people.within(clause[0], clause[1])
        if not inside or len(text[inside[-1].span.end:clause[1]].strip(" ()[]./")) > 6:
            return []
    found: list[Actor] = []
    for m in _LIST_ITEM.finditer(text, clause[1], sentence.end):
        a, b = m.span()
        item = people.actors(a, b)
        if not item or b - a > 160 or cues.triggers.search(text, a, b) or cues.reporting.search(text, a, b):
            break
        found.extend(item)
    return found


def _by_sentence(items, start_of, sentence_starts: list[int]) -> dict[int, list]:
    """Items bucketed by the index of the sentence they start in."""
    buckets: dict[int, list] = {}
    for item in items:
        buckets.setdefault(bisect.bisect_right(sentence_starts, start_of(item)) - 1, []).append(item)
    return buckets


_ADJACENT = re.compile(r"[\s-]{0,2}")


def _joined_triggers(text: str, cues: Cues) -> list[tuple[re.Match[str], str]]:
    """Trigger matches, adjacent ones ("phone conversation") read as one of the more specific kind."""
    joined: list[tuple[re.Match[str], str]] = []
    for m in cues.triggers.finditer(text):
        kind = m.lastgroup or "talk"
        if joined and _ADJACENT.fullmatch(text, joined[-1][0].end(), m.start()):
            prev, prev_kind = joined[-1]
            joined[-1] = (prev, max(prev_kind, kind, key=lambda k: SPECIFICITY[k]))
            continue
        joined.append((m, kind))
    return joined


def _union(first: list[Actor], second: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for a in list(first) + list(second):
        seen.setdefault(a.id, a)
    return list(seen.values())


def _compatible(group: _Group, mention: _Mention, mention_ids: frozenset[str] | None = None) -> bool:
    """Whether the mention reports the group's contact; `mention_ids`: its actors' ids, when known."""
    if mention_ids is None:
        mention_ids = frozenset(a.id for a in mention.actors)
    if group.actor_ids != mention_ids:
        return False
    fam = _family(mention.kind)
    if fam != "talk" and group.family not in ("talk", fam):
        return False
    same_sentence = mention.sentence in group.sentences
    if not same_sentence and mention.stated and mention.status != "arrived":
        # a plan and a report of a contact are two contacts; an arrival or a default reading goes with either
        if group.has_stated_status and (group.status == "planned") != (mention.status == "planned"):
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
    return [_Mention("visit", mention.status, [a], mention.sentence, mention.trigger, mention.timex, dest,
                     mention.subordinate, mention.stated, fellow_travellers=list(mention.actors))
            for a in mention.actors]


def _is_solo_trip(mention: _Mention, named_countries: frozenset[str] = frozenset()) -> bool:
    """A trip by one person abroad, to a country whose leader the text names (else it is no leader contact)."""
    dest = mention.destination
    return (mention.kind == "visit" and len(mention.actors) == 1 and dest is not None and bool(dest.country)
            and dest.country != mention.actors[0].country
            and (not named_countries or dest.country in named_countries))


def group_mentions(found: list[_Mention], named_countries: frozenset[str] = frozenset()) -> list[_Group]:
    """Step 4: one group per contact; mentions with too few people attach to what they refer to.

    `named_countries`: countries of the leaders the text names (a trip elsewhere is no leader contact).
    """
    groups: list[_Group] = []
    orphans: list[_Mention] = []
    joiners: list[_Mention] = []
    for mention in found:
        if mention.status == "joining":
            joiners.append(mention)
            continue
        for single in _split_visitors(mention):
            if len(single.actors) < 2 and not _is_solo_trip(single, named_countries):
                orphans.append(single)
                continue
            # the mention's ids once, not once per group it is compared with
            ids = frozenset(a.id for a in single.actors)
            target = next((g for g in reversed(groups) if _compatible(g, single, ids)), None)
            if target is None:
                groups.append(_Group([single], list(single.actors)))
            else:
                target.members.append(single)
    for joiner in joiners:
        target = _referent(groups, joiner, require_people=False)
        newcomers = [a for a in joiner.actors if a.id not in target.actor_ids] if target is not None else []
        if (target is not None and newcomers and joiner.kind == "meeting"
                and any(m.kind == "visit" for m in target.members)):
            # joining "the meeting" of a state visit: that meeting is a contact of its own, with more people
            people = _union(target.actors, joiner.actors)[:MAX_PARTICIPANTS]
            groups.append(_Group([_Mention("meeting", joiner.joined_status, people, joiner.sentence, joiner.trigger,
                                           joiner.timex, stated=joiner.stated)], people))
        elif target is not None:
            target.actors = _union(target.actors, joiner.actors)[:MAX_PARTICIPANTS]
            target.members.append(_Mention(joiner.kind, "occurred", target.actors, joiner.sentence, joiner.trigger,
                                           stated=False))
    _fold_trips_into_meetings(groups)
    for orphan in orphans:
        target = _referent(groups, orphan)
        if target is None and orphan.nearby:
            orphan.actors = list(orphan.nearby)
            groups.append(_Group([orphan], list(orphan.nearby)))
            continue
        if target is not None:
            # a bare mention may sharpen a call ("das Videotelefonat") but not turn a meeting into a trip
            kind = orphan.kind if orphan.kind in REMOTE else "talk"
            target.members.append(_Mention(kind, orphan.status, target.actors, orphan.sentence,
                                           orphan.trigger, orphan.timex if not target.day else None,
                                           stated=orphan.stated and orphan.status in (target.status, "denied")))
    return groups


def _fold_trips_into_meetings(groups: list[_Group]) -> None:
    """"Scholz travels to China" + "Scholz meets Xi": one visit, hosted by Xi."""
    for trip in [g for g in groups if len(g.actors) == 1 and any(_is_solo_trip(m) for m in g.members)]:
        visitor = trip.actors[0]
        dest = next(m.destination for m in trip.members if m.destination is not None)
        hosted = [g for g in groups if g is not trip and visitor.id in g.actor_ids and g.family != "remote"
                  and any(a.country == dest.country for a in g.actors if a.id != visitor.id)]
        if hosted:
            # the host the text tells of most (in distinct sentences: two triggers of one sentence are one report)
            host = max(hosted, key=lambda g: (len(g.sentences), -g.first_sentence))
            # being on the trip says nothing of whether the meeting has happened yet
            host.members.extend(_Mention(m.kind, "arrived", host.actors, m.sentence, m.trigger, m.timex,
                                         m.destination, m.subordinate, False) for m in trip.members)
            groups.remove(trip)


def _referent(groups: list[_Group], orphan: _Mention, *, require_people: bool = True) -> _Group | None:
    """The contact a mention without enough people refers back to (or forward to, in a headline)."""
    fam = _family(orphan.kind)
    ids = {a.id for a in orphan.actors}
    best, best_dist = None, None
    for g in groups:
        if fam != "talk" and g.family not in ("talk", fam):
            continue
        if require_people and ids and not ids <= g.actor_ids:
            continue
        if orphan.status == "planned" and g.status != "planned":
            continue
        dist = g.distance(orphan.sentence)
        if dist <= 4 and (best_dist is None or dist < best_dist):
            best, best_dist = g, dist
    return best


def _kind_of(group: _Group, ex: Extraction, cues: Cues, evidence: list[Span]) -> str:
    """The most specific kind; in person: a visit when held in one participant's country."""
    text = ex.document.text
    kinds = [m.kind for m in group.members if m.kind != "talk"]
    family = group.family
    if len(group.actors) == 1:
        return "visit"  # one person in person: a trip
    if family == "remote":
        return max((k for k in kinds if k in REMOTE), key=lambda k: SPECIFICITY[k])
    if family == "talk":
        # "talks" alone say nothing of the medium: only a place in the trigger's own clause makes them a
        # meeting (not "invited him to Moscow" later in the sentence)
        spans = [_talk_span(text, cues, ex.sentences[m.sentence], m.trigger) for m in group.members]
    else:
        spans = [(s.start, s.end) for s in evidence]
    places = [p for a, b in spans for p in _destinations(text, cues, ex.mentions, a, b)]
    if family == "talk" and not places:
        return "call"
    # in the host's capital or country a meeting is a visit; a summit town ("in San Francisco") alone says
    # no more than the triggers do
    if any(cues.sidelines.search(text, s.start, s.end) for s in evidence):
        return "meeting"
    place = next((p for p in places if not actor_index.is_venue(p.id)), None)
    if place is None and places:
        return "visit" if "visit" in kinds else "meeting"
    if place is None:
        place = _dateline_place(ex)
    if place is not None and place.country:
        hosts = {a.country for a in group.actors if a.country == place.country}
        guests = {a.country for a in group.actors if a.country and a.country != place.country}
        if hosts and guests:
            return "visit"
        if not hosts and "visit" in kinds:
            return "visit"
    return "visit" if "visit" in kinds else "meeting"


def _talk_span(text: str, cues: Cues, sentence: Span, trigger: Span) -> tuple[int, int]:
    """Where the place of "talks" may stand: their clause and the clauses after it ("des Gesprächs, das sie
    in Peking führte") up to one that tells of another contact or an invitation."""
    parts = clauses(text, sentence)
    i = next((k for k, (a, b) in enumerate(parts) if a <= trigger.start < b), 0)
    start, end = parts[i]
    for a, b in parts[i + 1:]:
        if cues.triggers.search(text, a, b) or cues.invitation.search(text, a, b):
            break
        end = b
    return start, end


def _fold_agenda_into_fresh_meetings(groups: list[_Group], published: date | None) -> None:
    """A fresh report of a meeting tells its programme in the future ("the two leaders will first hold a
    private conversation"): an undated plan of the same people, in person, is that meeting, not another."""
    fresh = [g for g in groups if g.status == "occurred" and g.family == "in_person" and g.has_stated_status and (
        (g.day is not None and published is not None and 0 <= (published - g.day).days <= 1)
        or (g.day is None and g.first_sentence < LEAD_SENTENCES))]
    for plan in [g for g in groups if g.status == "planned" and g.family != "remote"
                 and all(m.timex is None or not m.timex.value[:1].isdigit() for m in g.members)]:
        target = next((g for g in fresh if g.actor_ids == plan.actor_ids), None)
        if target is not None:
            target.members.extend(_Mention(m.kind, "occurred", target.actors, m.sentence, m.trigger,
                                           subordinate=m.subordinate, stated=False) for m in plan.members)
            groups.remove(plan)


def _dateline_place(ex: Extraction) -> Actor | None:
    """The place a report is filed from or set in, as its lead says ("MOSKAU (dpa) -", "in Peking")."""
    lead_end = ex.sentences[min(LEAD_SENTENCES, len(ex.sentences)) - 1].end if ex.sentences else 0
    for m in ex.mentions:
        if m.actor.kind == "place" and m.span.start < lead_end:
            return m.actor
    return None


def _main_score(group: _Group, first_reported: int) -> tuple[float, ...]:
    """What the lead reports first, then what the lead and most sentences are about."""
    leading = [m for m in group.members if not m.subordinate]
    first = min((m.sentence for m in leading), default=LEAD_SENTENCES)
    lead_bonus = 6.0 if first == 0 else 4.0 if first < LEAD_SENTENCES else 0.0
    opens = 1 if any(m.trigger.start == first_reported for m in leading) else 0
    return (opens, lead_bonus + len(group.sentences), -group.first_sentence)


def extract_contacts(ex: Extraction) -> list[Contact]:
    """Every contact the document reports, the main one flagged."""
    doc = ex.document
    text = doc.text
    cues = document_cues(text, doc.language)
    named = frozenset(m.actor.country for m in ex.mentions if m.actor.kind == "person" and m.actor.country
                      and _has_roles(m.actor, doc.published))
    groups = group_mentions(find_trigger_mentions(ex), named or frozenset({"-"}))
    _fold_agenda_into_fresh_meetings(groups, doc.published)
    contacts: list[Contact] = []
    for group in groups:
        members = group.members
        evidence = [ex.sentences[i] for i in group.sentences]
        kind = _kind_of(group, ex, cues, evidence)
        timex = next((m.timex for m in members if m.timex is not None and m.timex.as_date()), None) \
            or next((m.timex for m in members if m.timex is not None), None)
        day = timex.as_date() if timex else None
        third_place = any(cues.sidelines.search(text, s.start, s.end) for s in evidence)
        cameo, plover = codes_for(kind, third_place=third_place)
        contacts.append(Contact(
            kind=kind,
            status=group.status,
            participants=list(group.actors),
            date=day,
            timex=timex,
            period=timex.value if timex is not None and day is None else None,
            duration_minutes=duration_minutes(ex.timexes, evidence),
            places=places_in(text, cues, ex.mentions, evidence),
            initiator=initiator_for(text, cues, ex.mentions, evidence),
            tone=tones_in(text, cues, evidence),
            evidence=evidence,
            cameo=cameo,
            plover=plover,
        ))
    _flag_main(contacts, groups, ex)
    for contact, group in zip(contacts, groups):
        if not contact.main and contact.status == "occurred":
            _add_host(contact, group, ex)  # a trip taken met its host; whom a planned one will meet is open
    return contacts


def _flag_main(contacts: list[Contact], groups: list[_Group], ex: Extraction) -> None:
    """The main contact: reported in the lead or more than once; a passing mention is none."""
    candidates = [i for i, g in enumerate(groups)
                  if g.first_sentence < LEAD_SENTENCES or len(g.sentences) >= 2]
    if not candidates:
        return
    in_lead = [m.trigger.start for i in candidates for m in groups[i].members
               if not m.subordinate and m.sentence < LEAD_SENTENCES]
    first_reported = min(in_lead, default=-1)
    best = max(candidates, key=lambda i: _main_score(groups[i], first_reported))
    contacts[best].main = True
    _add_host(contacts[best], groups[best], ex)
    _date_fresh_report(contacts[best], groups[best], ex)
    fellows = {a.id for m in groups[best].members for a in m.fellow_travellers}
    # the fellow travellers' own trips are now part of the main visit
    for i in sorted((i for i, g in enumerate(groups) if i != best and len(g.actors) == 1
                     and g.actors[0].id in fellows), reverse=True):
        del contacts[i]
        del groups[i]


def _add_host(contact: Contact, group: _Group, ex: Extraction) -> None:
    """A trip names its host when the destination's one leader appears in the text.

    A joint trip ("Scholz, Macron und Draghi in Kiew eingetroffen") that the
    report is about is one visit of all who travelled; in passing, each
    traveller's trip is told apart.
    """
    dest = next((m.destination for m in group.members if m.destination is not None), None)
    if contact.kind != "visit" or len(contact.participants) != 1 or dest is None or not dest.country:
        return
    fellows = next((m.fellow_travellers for m in group.members if m.fellow_travellers), [])
    if not contact.main and fellows:
        return
    contact.participants = _union(contact.participants, fellows)
    on = ex.document.published
    leaders = {m.actor.id: m.actor for m in ex.mentions if m.actor.kind == "person" and m.actor.country == dest.country
               and any(r.endswith((".head_of_state", ".head_of_government"))
                       for r in (actor_index.roles_of(m.actor.id, on) if is_known(m.actor) else []))}
    if len(leaders) == 1:
        contact.participants.append(next(iter(leaders.values())))


def _date_fresh_report(contact: Contact, group: _Group, ex: Extraction) -> None:
    """A fresh report in the present perfect ("haben … telefoniert") dates the contact on publication."""
    doc = ex.document
    if contact.date or contact.status != "occurred" or doc.published is None:
        return
    first = ex.sentences[group.first_sentence]
    if group.first_sentence < LEAD_SENTENCES and cues_for(doc.language).perfect.search(doc.text, first.start, first.end):
        contact.date = doc.published
