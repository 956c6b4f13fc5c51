"""Sides: which side reported each statement of a document.

A statement's side is a country code when it comes from that country's official
voice (its leaders, spokespeople, offices, ministries, state media: "laut
Uschakow", "wie es in einer vom Kreml veröffentlichten Mitteilung heißt",
"Chinas Staatsmedien zufolge", "the White House said"), `expert` for a named
commentator, `media` for the outlet itself.

A readout runs on: once a sentence names a side's source, the sentences after it
keep that side while they stay in its paragraph, are bullet points ("Globale
Lage: …") or are told in reported speech ("Xi habe betont …"). The first
sentence that is none of these is the outlet's own voice again. A document from
a side's own web site (kremlin.ru, fmprc.gov.cn …; data/sides.yaml) is that
side's as a whole.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from summitry.annotate import actors as actor_index
from summitry.annotate.topics import find_cues
from summitry.data import LANGUAGES, load_yaml
from summitry.errors import DataFileError
from summitry.extract.cues import Cues, cues_for, first_letter_check, merged_cue_lists
from summitry.extract.prefilter import at_leading_letters
from summitry.records import Actor, Extraction, Mention, Quote, Span, Statement

MEDIA = "media"
EXPERT = "expert"
_LANGUAGES = ("de", "en")
_FLAGS = re.IGNORECASE
_BULLET = re.compile(r"[A-ZÄÖÜ][\w/ -]{2,48}:\s")  # "Globale Lage: …", "Bilateral relations: …"
# only these roles speak for a side; a minister abroad on a visit still does
_OFFICIAL_ROLE_SUFFIXES = (".head_of_state", ".head_of_government", ".spokesperson", ".press_secretary",
                           ".adviser", ".advisor", ".foreign_minister", ".envoy", ".chief_of_staff")


@dataclass(frozen=True)
class SideCues:
    readout: re.Pattern[str]
    reported: re.Pattern[str]
    expert: re.Pattern[str]
    unmentioned: re.Pattern[str]
    unmentioned_fragments: tuple[str, ...]  # what `unmentioned` alternates (it is scanned over whole texts)


@lru_cache(maxsize=None)
def side_cues(language: str | None) -> SideCues:
    """Compiled cues of one language, or of all when it is unknown."""
    langs = (language,) if language in _LANGUAGES else _LANGUAGES
    lists: dict[str, list[str]] = {"readout": [], "reported": [], "expert": [], "unmentioned": []}
    for lang in langs:
        data = load_yaml(f"{lang}/sides.yaml") or {}
        ending = r"\w*" if lang == "de" else r"(?!\w)"
        for key in lists:
            lists[key].extend(f"(?:{item}){ending}" for item in data.get(key) or [])
    return SideCues(**{k: _alternation(v) for k, v in lists.items()},
                    unmentioned_fragments=tuple(lists["unmentioned"]))


def _alternation(fragments: list[str]) -> re.Pattern[str]:
    if not fragments:
        return re.compile(r"(?!x)x")
    # scanned over whole texts: a first-letter check before the branches
    return re.compile(rf"{first_letter_check(fragments)}(?<!\w)(?:{'|'.join(fragments)})", _FLAGS)


@lru_cache(maxsize=1)
def _side_data() -> tuple[dict[str, str], frozenset[str]]:
    """(domain → side, names of organisations that speak for their state)."""
    data = load_yaml("sides.yaml")
    orgs = load_yaml("actors/organisations.yaml").get("organisations") or []
    official = {o["name"] for o in orgs if o.get("type") in ("office", "ministry") and o.get("country")}
    known = {o["name"] for o in orgs}
    unknown = set(data.get("state_media") or []) - known
    if unknown:
        raise DataFileError(f"data file sides.yaml: state_media not in actors/organisations.yaml: {sorted(unknown)}")
    return dict(data.get("domains") or {}), frozenset(official | set(data.get("state_media") or []))


def side_of_url(url: str | None) -> str | None:
    """The side whose own site published the document, if any."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    domains, _ = _side_data()
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def assign_sides(ex: Extraction) -> list[str]:
    """The side of every sentence; sets the side (and its source) of each statement."""
    doc = ex.document
    whole = side_of_url(doc.url)
    sources: list[Span | None]
    if whole is not None:
        sides, sources = [whole] * len(ex.sentences), [None] * len(ex.sentences)
    else:
        sides, sources = _sentence_sides(ex)
    starts = [s.start for s in ex.sentences]
    for st in ex.statements:
        i = bisect.bisect_right(starts, st.span.start) - 1
        if 0 <= i < len(sides):
            st.side, st.source_span = sides[i], sources[i]
    ex.omissions = _omissions(ex, sides)
    return sides


def _omissions(ex: Extraction, sides: list[str]) -> list[Statement]:
    """Sentences saying a readout left a topic out ("Die Ukraine wurde … nicht erwähnt"), with those topics.

    Any cue of a topic counts here: such a sentence names what is missing with a word or two.
    """
    text = ex.document.text
    sc = side_cues(ex.document.language)
    unmentioned = at_leading_letters(sc.unmentioned, sc.unmentioned_fragments, text)
    out = []
    starts = [s.start for s in ex.sentences]
    hit: set[int] = set()
    for m in unmentioned.finditer(text):  # one pass: such sentences are rare
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or i in hit or m.start() >= ex.sentences[i].end:
            continue
        hit.add(i)
        sent = ex.sentences[i]
        topics = list(dict.fromkeys(c.topic for _, c in find_cues(text[sent.start:sent.end],
                                                                  lang=ex.document.language)))
        if topics:
            out.append(Statement(span=sent, side=sides[i], topics=topics))
    return out


def _sentence_sides(ex: Extraction) -> tuple[list[str], list[Span | None]]:
    doc = ex.document
    text = doc.text
    cues, sc = cues_for(doc.language), side_cues(doc.language)
    para_starts = [p.start for p in doc.paragraphs]
    quotes = _Quotes(ex.quotes)
    mentions = sorted(ex.mentions, key=lambda m: m.span.start)
    mention_starts = [m.span.start for m in mentions]
    reporter_before = _reporter_before(doc.language)
    sides: list[str] = []
    sources: list[Span | None] = []
    current: str | None = None
    current_source: Span | None = None
    scope_paragraph = -1
    official: dict[str, tuple[str | None, bool]] = {}
    for sent in ex.sentences:
        paragraph = bisect.bisect_right(para_starts, sent.start) - 1
        lo, hi = bisect.bisect_left(mention_starts, sent.start), bisect.bisect_left(mention_starts, sent.end)
        found = _named_source(text, cues, reporter_before, sc, sent, mentions[lo:hi], quotes, doc.published,
                              official) if lo < hi else None
        if found is not None:
            side, source = found
            if side != EXPERT:
                current, current_source, scope_paragraph = side, source, paragraph
            sides.append(side)
            sources.append(source)
            continue
        if current is not None and (paragraph == scope_paragraph or _BULLET.match(text, sent.start)
                                    or sc.reported.search(text, sent.start, _first_clause_end(text, sent))):
            scope_paragraph = paragraph
            sides.append(current)
            sources.append(current_source)
            continue
        current = None
        sides.append(MEDIA)
        sources.append(None)
    return sides, sources


class _Quotes:
    """The document's quotes, for what is asked about each name: is it quoted, who speaks in its sentence."""

    def __init__(self, quotes: list[Quote]):
        spans = sorted((q.span.start, q.span.end) for q in quotes)
        self.starts = [a for a, _ in spans]
        # the furthest end of the quotes opened so far: a position is quoted when that lies beyond it
        self.reach = list(itertools.accumulate((b for _, b in spans), max))
        self.speaking = sorted((q.span.start, q.speaker.id) for q in quotes if q.speaker is not None)
        self.speaking_starts = [a for a, _ in self.speaking]

    def quoted(self, pos: int) -> bool:
        """Whether `pos` lies inside a quotation."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos

    def speakers(self, sent: Span) -> set[str]:
        """Ids of the speakers of the quotes that begin in the sentence."""
        lo = bisect.bisect_left(self.speaking_starts, sent.start)
        hi = bisect.bisect_left(self.speaking_starts, sent.end)
        return {pid for _, pid in self.speaking[lo:hi]}


def _named_source(text: str, cues: Cues, reporter_before: re.Pattern[str], sc: SideCues, sent: Span,
                  mentions: list[Mention], quotes: _Quotes, published: date | None,
                  official: dict[str, tuple[str | None, bool]]) -> tuple[str, Span] | None:
    """(side, span of the source) when the sentence names who reports it.

    `official`: per actor id seen so far in the document, its side and whether it publishes readouts
    (roles are looked up once).
    """
    readout: bool | None = None  # searched once, when a candidate needs it
    speakers: set[str] | None = None
    for m in mentions:
        actor = m.actor
        if actor.kind == "country":
            if actor.country:
                after = m.span.end
                while after < sent.end and text[after].isspace():
                    after += 1
                if sc.readout.match(text, after, sent.end):
                    return actor.country, m.span  # "der chinesischen Stellungnahme", "the Chinese readout"
            continue
        if actor.kind not in ("person", "organisation"):
            continue
        known = official.get(actor.id)
        if known is None:
            known = official[actor.id] = _official_voice(actor, published)
        side, speaks = known
        if side is None and actor.kind != "person":
            continue
        if quotes.quoted(m.span.start):
            continue  # named inside a quotation: not who reports it
        if speakers is None:
            speakers = quotes.speakers(sent)
        bound = bool(actor.id in speakers or cues.reporter_after.match(text, m.span.end, sent.end)
                     or reporter_before.search(text, max(sent.start, m.span.start - 60), m.span.start))
        if side is not None:
            if not bound and speaks:
                if readout is None:
                    readout = sc.readout.search(text, sent.start, sent.end) is not None
                bound = readout
            if bound:
                return side, m.span
        elif bound and (not actor_index.get_actor(actor.id) or sc.expert.search(text, sent.start, sent.end)):
            return EXPERT, m.span
    return None


def _first_clause_end(text: str, sent: Span) -> int:
    """Where the main clause of a sentence ends (its first comma): reported speech there is the readout's,
    in a later clause it is someone else's ("Experten, die glauben, die Beziehungen seien …")."""
    comma = text.find(",", sent.start, sent.end)
    return comma if comma >= 0 else sent.end


@lru_cache(maxsize=4096)
def _official_voice(actor: Actor, published: date | None) -> tuple[str | None, bool]:
    """(the country the actor speaks for or None, whether it publishes that side's readouts): the same
    answer for every document of the day, so the role look-ups run once."""
    side = _official_side(actor, published)
    return side, side is not None and _speaks_for(actor, published)


@lru_cache(maxsize=None)
def _reporter_before(language: str | None) -> re.Pattern[str]:
    """`Cues.reporter_before` with a check of the first letter in front: it is searched over the 60 characters
    before nearly every name, and the check turns most positions away before the branches are tried."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    data, words = merged_cue_lists(languages)
    # what the pattern alternates at its start: the reporting verbs and the source markers
    fragments = data.get("reporting", []) + words.get("source_markers", [])
    pattern = cues_for(language).reporter_before
    return re.compile(first_letter_check(fragments) + pattern.pattern, pattern.flags)


def _official_side(actor: Actor, published: date | None) -> str | None:
    """The country an actor speaks for, or None."""
    if not actor.country:
        return None
    if actor.kind == "organisation":
        return actor.country if actor.name in _side_data()[1] else None
    if actor.kind != "person" or actor_index.get_actor(actor.id) is None:
        return None
    roles = actor_index.roles_of(actor.id, published)
    return actor.country if any(r.endswith(_OFFICIAL_ROLE_SUFFIXES) for r in roles) else None


def _speaks_for(actor: Actor, published: date | None) -> bool:
    """Offices, ministries, state media, spokespeople and advisers publish readouts; a leader is their subject."""
    if actor.kind == "organisation":
        return True
    roles = actor_index.roles_of(actor.id, published)
    return bool(roles) and not any(r.endswith((".head_of_state", ".head_of_government")) for r in roles)
