"""Direct quotations and their speakers.

Quotation marks are paired in one pass (`quote_marks`); cue words
(data/<lang>/quotes.yaml) are matched only in the sentences around a quote.
A quote takes the speaker of the first of these that names one, looking in
its own sentence unless said otherwise:

1. a cue right after it: „…“, sagte Putin / "…," Biden said / „…“, so
   Uschakow; or a name set off after it: "…," Emily Horne, spokeswoman …
2. a clause ending in a colon right before it: Putin sagte: „…“ (also across
   a paragraph break); without a speech verb, the person the clause names
   (Trump über Putin: „…“)
3. a bare attribution opening the next sentence: “…!” Mr Putin said.
4. the nearest speech verb before it: Trump schrieb, er habe ein „…“ Telefonat
5. a cue in the sentence's last clause: Putin agreed to "work together" …,
   the Kremlin said.
6. the nearest source marker before it: laut Uschakow, according to the White House
7. any other cue after it in the sentence
8. the last speaker of the three sentences before, since reported speech runs
   on („…“, sagte Peskow. Es handele sich um eine „…“), else the person the
   nearest of them is about
9. a cue in the next sentence, for a quote that stands alone (a headline)

A cue's speaker is the mention its verb governs: the subject next to the verb
(before it, or after it where the word order allows: "sagte Putin" anywhere in
German, "said Biden" after a quote in English), else the first name of the
nearest clause before it. A name inside any quote, a name after a preposition
("sagte zu Putin") and a possessive ("Putins Berater", "Xi's aide") are never
the speaker. A pronoun, or a short definite description the recogniser left
without a mention ("sagte die Grünen-Politikerin"), stands for the last person
who spoke or was a sentence subject. An unnamed source ("zitierte die Zeitung
einen Regierungsvertreter", "an official said", "die Regierung erklärte")
gives None and ends the search.

Scare quotes: a quote of one word, or one glued into a compound
(«Friedensrat»-Plan), is kept only when its own sentence (or, for step 3,
the next) has a cue, "die Beziehungen seien „unfreundlich“, sagte Peskow";
otherwise it is a term, not speech. A name in quotes right after an article
(die „Washington Post“) is a title, not a quote. Indirect speech without
quotation marks is never a quote here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter
from typing import Literal, TypeGuard

from summitry.annotate.quote_cues import QuoteCues, cues_for
from summitry.annotate.quote_marks import QuoteMarks, scan_quotes
from summitry.records import Mention, Quote, Span

_TOKEN = re.compile(r"\w[\w'’\-]*|[^\w\s]")
_PUNCT = frozenset(",;:.!?()[]…")
_SENTENCE_END = re.compile(r"[.!?]")
_CLAUSE_MARK = re.compile(r"[,;]")
_SEGMENT_MARK = re.compile(r"[,;:]")
_CLAUSE_END = re.compile(r"[,;.!?]")
_NEW_STATEMENT = re.compile(r"\s*[,:]")
_LEAD = re.compile(r"[\s,–—-]*")
# a sentence end the splitter missed because the next one is glued on: "können“.Die Verhandlungen"
_OWNED_WORD = re.compile(r"[’']?s?\s+[\"“„«»‚‘']?\w")  # a word after a possessive: it owns that word
_GLUED_END = re.compile(r"(?<=[a-zäöüß“”\"»«])[.!?][\"“”»«]*[A-ZÄÖÜ]")
_MAX_ADJACENT_GAP = 60  # characters between a quote and a cue that still attributes it (", Kremlin spokesman X said")
_SLOT_CHARS = 80  # how far before a verb its subject is looked for
_CARRY_SENTENCES = 3  # how far back a cue-less quote looks for the speaker whose words run on
_ANTECEDENT_SENTENCES = 4  # how far back a pronoun looks for its person
_START = attrgetter("start")


@dataclass(frozen=True)
class _Bind:
    """What a cue says about the speaker: a mention, or `anonymous` for a known unknown."""

    mention: Mention | None
    cue: Span | None
    anonymous: bool = False


class _Token:
    """A word or mark: where it starts, as written, and case-folded."""

    __slots__ = ("start", "word", "fold")

    def __init__(self, start: int, word: str, fold: str) -> None:
        self.start = start
        self.word = word
        self.fold = fold

    @property
    def end(self) -> int:
        return self.start + len(self.word)

    @property
    def punct(self) -> bool:
        return self.word in _PUNCT


def find_quotes(text: str, sentences: list[Span], mentions: list[Mention], *, lang: str | None) -> list[Quote]:
    """Direct quotes in order, each with its speaker where the text says who."""
    marks = [q for q in scan_quotes(text) if _has_letters(text, q)]
    if not marks:
        return []
    return _Attributor(text, sentences, mentions, marks, cues_for(lang)).run()


def _has_letters(text: str, q: QuoteMarks) -> bool:
    """Whether the quote holds any letter (a pair of marks around digits or nothing is no quote)."""
    return any(ch.isalpha() for ch in text[q.start:q.end])


class _Attributor:
    """Speakers for the quotes of one document, in text order (earlier speakers inform later ones)."""

    def __init__(self, text: str, sentences: list[Span], mentions: list[Mention], marks: list[QuoteMarks],
                 cues: QuoteCues):
        self.text = text
        self.cues = cues
        self.sentences = sorted(sentences, key=_START) or [Span(0, len(text))]
        self.sent_starts = [s.start for s in self.sentences]
        self.marks = marks
        self.regions = [(q.open, q.outer_end) for q in marks]
        self.region_starts = [r[0] for r in self.regions]
        ordered = sorted(mentions, key=lambda m: (m.span.start, -m.span.end))
        # adjectives ("russische") never speak; the recogniser's own pronoun links are redone here;
        # a name inside a quote never speaks either (what `_quoted` asks, in one walk along the quotes)
        self.mentions = []
        regions, last = self.regions, len(self.regions) - 1
        k = -1  # the last quote opening at or before the mention
        for m in ordered:
            pos = m.span.start
            while k < last and regions[k + 1][0] <= pos:
                k += 1
            if m.kind not in ("adjective", "pronoun") and not (k >= 0 and pos < regions[k][1]):
                self.mentions.append(m)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.spoken: dict[int, list[tuple[int, _Bind]]] = {}  # sentence -> (quote open, bind), as attributed
        self._events: dict[int, list[tuple[int, _Bind]]] = {}
        self._eligible: dict[tuple[int, bool], bool] = {}
        self._cue_cache: dict[int, list[re.Match[str]]] = {}
        self._subjects: dict[tuple[int, bool, frozenset[str]], _Bind | None] = {}
        self._depth = 0

    # ---- the steps

    def run(self) -> list[Quote]:
        """The quotes with their speakers, titles and cue-less scare quotes left out."""
        quotes = []
        for q in self.marks:
            if self._is_title(q):
                continue
            bind, own_cue = self._attribute(q)
            if not own_cue and self._is_scare_quote(q):
                continue
            si = self._sentence_of(q.start)
            if bind is not None and (bind.mention is not None or bind.anonymous):
                self.spoken.setdefault(si, []).append((q.open, bind))
            start, end = _trimmed(self.text, q)
            mention = bind.mention if bind else None
            quotes.append(Quote(
                span=Span(start, end), text=self.text[start:end],
                speaker=mention.actor if mention else None,
                speaker_span=mention.span if mention else None,
                cue_span=bind.cue if bind else None, sentence=si,
            ))
        return quotes

    def _attribute(self, q: QuoteMarks) -> tuple[_Bind | None, bool]:
        """The speaker's bind (steps 1–9) and whether the quote's own sentence has a cue."""
        s0 = self._sentence_of(q.open)
        s1 = max(s0, self._sentence_of(q.outer_end - 1))
        sent_start = min(self.sentences[s0].start, q.open)
        sent_end = max(self.sentences[s1].end, q.outer_end)
        after = self._cues(q.outer_end, sent_end)
        before = self._cues(sent_start, q.open)
        own_cue = bool(after or before)
        # 1. a cue right after the quote, in its sentence
        line_end = self.text.find("\n", q.outer_end)
        near_end = min(q.outer_end + _MAX_ADJACENT_GAP + 20, line_end if line_end >= 0 else len(self.text))
        adjacent = self._adjacent_cue(q, near_end)
        if adjacent is not None and self._sentence_of(adjacent.start()) == s1:
            bind = self._bind(adjacent)
            if _decided(bind):
                return bind, True
        bind = self._apposition(q.outer_end, near_end)
        if bind is not None:
            return bind, True
        # 2. a clause ending in a colon
        bind = self._colon(q)
        if _decided(bind):
            return bind, True
        # 3. a bare attribution opening the next sentence (a verb followed by "," or ":" opens a new statement)
        if adjacent is not None and self._sentence_of(adjacent.start()) != s1 \
                and not _NEW_STATEMENT.match(self.text, adjacent.end()):
            bind = self._bind(adjacent)
            if _decided(bind):
                return bind, True
        # 4. the nearest speech verb before
        for m in reversed(before):
            if m.lastgroup in ("speech_verbs", "quoting_verbs"):
                bind = self._bind(m)
                if _decided(bind):
                    return bind, True
                break
        # 5. a cue in the last clause of the sentence
        final = [m for m in after if not self._clause_mark_between(m.end(), sent_end)
                 and not _GLUED_END.search(self.text, q.outer_end, m.start())]
        for m in final:
            if m.lastgroup != "after_quote":
                bind = self._bind(m)
                if _decided(bind):
                    return bind, True
                break
        # 6. the nearest source marker before
        for m in reversed(before):
            if m.lastgroup in ("source_before", "source_after", "impersonal"):
                bind = self._bind(m)
                if _decided(bind):
                    return bind, True
                break
        # 7. any other cue after, in the same sentence proper
        for m in after:
            if m.lastgroup != "after_quote" and not _SENTENCE_END.search(self.text, q.outer_end, m.start()):
                bind = self._bind(m)
                if _decided(bind):
                    return bind, True
        # 8. the speaker whose words run on
        bind = self._carried(q.open, s0)
        if bind is not None:
            return bind, own_cue
        # 9. a cue in the next sentence, for a quote standing alone
        if s1 + 1 < len(self.sentences) and self._stands_alone(q, sent_start, sent_end):
            nxt = self.sentences[s1 + 1]
            for m in self._cues(nxt.start, nxt.end):
                if m.lastgroup != "after_quote":
                    bind = self._bind(m)
                    if _decided(bind):
                        return bind, own_cue
                    break
        return None, own_cue

    def _colon(self, q: QuoteMarks) -> _Bind | None:
        """Step 2: "Putin sagte: „…“": the speaker of the clause before the colon."""
        j = q.open - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return None
        start = self.sentences[self._sentence_of(j)].start
        start = max(start, self._region_end_before(j))
        verbs = [m for m in self._cues(start, j) if m.lastgroup in ("speech_verbs", "quoting_verbs")]
        if verbs:
            return self._bind(verbs[-1])
        bind = self._clause_subject(start, j, Span(j, j + 1), persons_first=True)
        return bind

    def _adjacent_cue(self, q: QuoteMarks, end: int) -> re.Match[str] | None:
        """A speech verb (or "so") right after the quote: nothing between but its subject."""
        for m in self._cues(q.outer_end, end)[:1]:
            gap = self.text[q.outer_end:m.start()].lstrip(" ,")
            if (m.lastgroup in ("speech_verbs", "quoting_verbs", "after_quote") and len(gap) <= _MAX_ADJACENT_GAP
                    and not _CLAUSE_MARK.search(gap) and self._same_or_next_sentence(q, m.start())
                    and (m.lastgroup != "after_quote" or not gap.strip())):
                return m
        return None

    def _same_or_next_sentence(self, q: QuoteMarks, pos: int) -> bool:
        """Whether `pos` is in the sentence the quote ends in, or in the next one when the quote ends its own."""
        s_end = self._sentence_of(q.outer_end - 1)
        s_pos = self._sentence_of(pos)
        return s_pos == s_end or (s_pos == s_end + 1 and not self.text[q.outer_end:self.sentences[s_pos].start].strip())

    def _apposition(self, start: int, end: int) -> _Bind | None:
        """“…,” Emily Horne, spokeswoman for …: a person named right after the quote, then a comma."""
        lead = _LEAD.match(self.text, start, end)
        if lead is None or self._mention_at(lead.end()) is None:
            return None
        toks = self._tokens(lead.end(), min(end, lead.end() + _SLOT_CHARS))[:7]
        if not toks:
            return None
        mention = self._mention_at(toks[0].start)
        if mention is None or mention.actor.kind != "person" or not self._is_eligible(mention, strict=True):
            return None
        if self._sentence_of(mention.span.start) != self._sentence_of(start - 1):
            return None  # “…” Xi, for his part, praised Putin: a new sentence, not an attribution
        rest = [t for t in toks if t.start >= mention.span.end]
        if not rest or rest[0].word in ",…":
            return _Bind(mention, None)
        return None

    def _carried(self, pos: int, si: int) -> _Bind | None:
        """Step 8: the last speech event in the sentences before (or the subject of the nearest one)."""
        for k in range(si, max(-1, si - _CARRY_SENTENCES - 1), -1):
            events = [(p, b) for p, b in self._sentence_events(k) if p < pos]
            if events:
                return max(events, key=lambda e: e[0])[1]
            if k < si:
                subject = self._subject_event(k, pos)
                if subject is not None:
                    return subject
        return None

    def _stands_alone(self, q: QuoteMarks, sent_start: int, sent_end: int) -> bool:
        """Whether the quote is all its sentence holds (a headline, a quote paragraph)."""
        outside = self.text[sent_start:q.open] + self.text[q.outer_end:sent_end]
        return sum(ch.isalpha() for ch in outside) < 3

    def _is_title(self, q: QuoteMarks) -> bool:
        """A name in quotes right after an article: die „Washington Post“, der "Bild am Sonntag"."""
        words = self.text[q.start:q.end].split()
        if not 2 <= len(words) <= 5 or any(ch in self.text[q.start:q.end] for ch in ",.!?:;"):
            return False
        lower = [w for w in words if not w[:1].isupper()]
        if not (words[0][:1].isupper() and words[-1][:1].isupper()) or len(lower) > 1 \
                or any(len(w) > 3 for w in lower):
            return False
        before = self._tokens(max(0, q.open - 20), q.open)
        return bool(before) and before[-1].fold in self.cues.determiners

    def _is_scare_quote(self, q: QuoteMarks) -> bool:
        """One word, or glued into a compound: «Friedensrat»-Plan."""
        inner = self.text[q.start:q.end].split()
        glued = q.closed and self.text[q.outer_end:q.outer_end + 1] == "-"
        return len(inner) <= 1 or glued

    # ---- cues and their speakers

    def _cues(self, start: int, end: int) -> list[re.Match[str]]:
        """Cue matches in [start, end) outside quotes (each sentence is scanned once)."""
        if end <= start:
            return []
        out: list[re.Match[str]] = []
        for k in range(self._sentence_of(start), len(self.sentences)):
            if self.sentences[k].start >= end:
                break
            out.extend(m for m in self._sentence_cues(k) if start <= m.start() and m.end() <= end)
        return out

    def _sentence_cues(self, k: int) -> list[re.Match[str]]:
        """The cue matches of sentence k outside quotes, scanned once."""
        if k not in self._cue_cache:
            sent = self.sentences[k]
            self._cue_cache[k] = [m for m in self.cues.pattern.finditer(self.text, sent.start, sent.end)
                                  if not self._quoted(m.start())]
        return self._cue_cache[k]

    def _bind(self, m: re.Match[str]) -> _Bind | None:
        """The speaker a cue match names; None when it names nobody we can find."""
        kind = m.lastgroup
        cue = Span(m.start(), m.end())
        si = self._sentence_of(m.start())
        sent = self.sentences[si]
        if kind == "source_before":
            return self._np_after(m.end(), min(sent.end, self._region_start_after(m.end())), cue, strict=False)
        if kind == "source_after":
            return self._np_before(m.start(), cue)
        if kind == "impersonal":
            end = self._clause_end(m.end(), sent.end)
            bind = self._first_mention(m.start(), end, cue, strict=False)
            return bind or _Bind(None, cue, anonymous=True)  # "heißt es in dem Papier": nobody named
        if kind == "quoting_verbs":
            bind = self._np_after(m.end(), min(sent.end, self._region_start_after(m.end())), cue, strict=True)
            if _decided(bind):
                return bind
            left = self._left_subject(m, sent)
            return None if left == "coord" else left  # a coordinated subject names nobody here
        if kind == "after_quote":
            return self._right_subject(m, sent)
        return self._verb_subject(m, sent)

    def _verb_subject(self, m: re.Match[str], sent: Span) -> _Bind | None:
        """The subject of a speech verb: beside it, else the first name of the clauses before."""
        left = self._left_subject(m, sent)
        if left == "coord":
            return self._clause_subject(sent.start, m.start(), Span(m.start(), m.end()))
        if _decided(left):
            return left
        if self._inverts(m):
            right = self._right_subject(m, sent)
            if _decided(right):
                return right
        return self._clause_subject(sent.start, m.start(), Span(m.start(), m.end()))

    def _inverts(self, m: re.Match[str]) -> bool:
        """Whether the subject may follow this verb here: always in German, after a quote in English."""
        verb = " ".join(m.group().split()).casefold()
        if verb in self.cues.verb_second:
            return True
        return verb in self.cues.inverting_verbs and self._follows_quote(m.start())

    def _left_subject(self, m: re.Match[str], sent: Span) -> _Bind | Literal["coord"] | None:
        """The subject right before a verb: a mention, a pronoun, an unnamed source, a description, or "coord"."""
        cue = Span(m.start(), m.end())
        floor = max(sent.start, self._region_end_before(m.start()), m.start() - _SLOT_CHARS)
        floor = max([floor] + [self.text.rfind(ch, floor, m.start()) + 1 for ch in _PUNCT])
        slot = self._tokens(floor, m.start())
        if not slot:
            return None
        slot.reverse()  # nearest to the verb first
        if slot[0].fold in self.cues.conjunctions:
            return "coord"
        gap = 0
        for tok in slot:
            mention = self._mention_at(tok.start)
            if mention is not None:
                if self._is_eligible(mention, strict=True):
                    return _Bind(mention, cue)
                continue  # a possessive or prepositional name: part of the subject phrase
            if tok.fold in self.cues.person_pronouns or tok.fold in self.cues.org_pronouns:
                return self._pronoun(tok, cue)
            if (tok.word[:1].islower() or tok.fold in self.cues.gap_words) and gap < 3 \
                    and tok.fold not in self.cues.prepositions and tok.fold not in self.cues.anonymous \
                    and tok.fold not in self.cues.definite:
                gap += 1
                continue
            break
        return self._description(list(reversed(slot)), cue)

    def _right_subject(self, m: re.Match[str], sent: Span) -> _Bind | None:
        """The subject right after an inverted verb: „…“, sagte Putin / "…," said Biden."""
        cue = Span(m.start(), m.end())
        end = min(sent.end, self._region_start_after(m.end()))
        return self._np_after(m.end(), end, cue, strict=True)

    def _np_after(self, start: int, end: int, cue: Span, *, strict: bool) -> _Bind | None:
        """The speaker named by the noun phrase starting at `start`."""
        toks: list[_Token] = []
        for tok in self._tokens(start, min(end, start + _SLOT_CHARS)):
            if tok.punct or len(toks) >= 8:
                break
            if strict and toks and tok.fold in self.cues.prepositions and self._mention_at(tok.start) is None:
                break  # "sagte Trump am Donnerstag", "sagte die Grünen-Politikerin vor …"
            toks.append(tok)
        if not toks:
            return None
        if toks[0].fold in self.cues.person_pronouns or toks[0].fold in self.cues.org_pronouns or (
                not strict and toks[0].fold in self.cues.object_pronouns):
            return self._pronoun(toks[0], cue)  # "sagte er", "according to him"
        for tok in toks:
            mention = self._mention_at(tok.start)
            if mention is not None and self._is_eligible(mention, strict=strict):
                return _Bind(mention, cue)
        return self._description(toks, cue)

    def _np_before(self, pos: int, cue: Span) -> _Bind | None:
        """The speaker named right before a postposition: Uschakow zufolge, ihm zufolge."""
        floor = max(self.sentences[self._sentence_of(pos)].start, self._region_end_before(pos))
        toks = [t for t in self._tokens(floor, pos)][-5:]
        for tok in reversed(toks):
            if tok.punct:
                break
            mention = self._mention_at(tok.start)
            if mention is not None and self._is_eligible(mention, strict=False):
                return _Bind(mention, cue)
            if tok.fold in self.cues.object_pronouns or tok.fold in self.cues.person_pronouns:
                return self._pronoun(tok, cue)  # "Ihm zufolge"
        return None

    def _first_mention(self, start: int, end: int, cue: Span, *, strict: bool) -> _Bind | None:
        """The first eligible mention in [start, end)."""
        for mention in self._mentions_in(start, end):
            if self._is_eligible(mention, strict=strict):
                return _Bind(mention, cue)
        return None

    def _clause_subject(self, floor: int, pos: int, cue: Span | None, *, persons_first: bool = False) -> _Bind | None:
        """The first name of the nearest clause before `pos` that has one (or its leading pronoun)."""
        marks = [m.start() for m in _SEGMENT_MARK.finditer(self.text, floor, pos) if not self._quoted(m.start())]
        bounds = [floor] + [p + 1 for p in marks]
        ends = marks + [pos]
        segments = list(zip(bounds, ends))[::-1]
        for i, (a, b) in enumerate(segments):
            if b <= a:
                continue
            toks = [t for t in self._tokens(a, min(b, a + 40)) if not self._quoted(t.start)][:1]
            if toks and (toks[0].fold in self.cues.person_pronouns):
                return self._pronoun(toks[0], cue)
            candidates = [m for m in self._mentions_in(a, b) if self._is_eligible(m, strict=True)]
            if not candidates:
                if i == 0 and toks and toks[0].fold in self.cues.anonymous:
                    return _Bind(None, cue, anonymous=True)  # "Both sides …, stating that": a group, unnamed
                continue
            if persons_first:
                candidates = [m for m in candidates if m.actor.kind in ("person", "organisation")]
                if not candidates:
                    continue
            return _Bind(candidates[0], cue)
        return None

    def _description(self, toks: list[_Token], cue: Span) -> _Bind | None:
        """A subject phrase without a usable mention: an unnamed source, or a description to resolve."""
        # Only a short phrase describes someone named before ("der SPD-Politiker", "Putins Berater");
        # a longer one ("die stellvertretende Sprecherin der Bundesregierung") brings in someone new.
        if len(toks) < 2 or len(toks) > 5:
            return None  # one word is no subject phrase ("Das sagte Lula"); a long run is a clause
        if any(t.fold in self.cues.anonymous for t in toks):
            return _Bind(None, cue, anonymous=True)
        head = self._mention_at(toks[0].start)
        if toks[0].fold not in self.cues.definite and head is None:
            return None  # not a subject phrase ("Nach Trumps Wahl warnte …")
        owners = {m.actor.id for t in toks if (m := self._mention_at(t.start)) is not None}
        while len(toks) > 2 and toks[-1].word[:1].islower():
            toks = toks[:-1]  # trailing adverbs: "so der Sprecher weiter"
        short = 2 <= len(toks) <= 3 and not any(t.fold in self.cues.determiners for t in toks[1:])
        if not short or toks[-1].fold.endswith(tuple(self.cues.org_nouns) or ("\0",)):
            return _Bind(None, cue, anonymous=True)  # someone introduced here, or an institution, not named
        if toks[-1].word[:1].isupper():
            target = self._antecedent(toks[0].start, person=True, exclude=owners)
            return _Bind(target, cue) if target is not None else None
        return None

    def _pronoun(self, tok: _Token, cue: Span | None) -> _Bind | None:
        """A pronoun subject: the person (or, for "it", the institution) it stands for."""
        person = tok.fold not in self.cues.org_pronouns
        target = self._antecedent(tok.start, person=person, exclude=set())
        return _Bind(target, cue) if target is not None else None

    # ---- what came before

    def _antecedent(self, pos: int, *, person: bool, exclude: Collection[str]) -> Mention | None:
        """The last person (or institution) who spoke or was a sentence subject before `pos`."""
        if self._depth > 3:
            return None
        self._depth += 1
        try:
            si = self._sentence_of(pos)
            for k in range(si, max(-1, si - _ANTECEDENT_SENTENCES - 1), -1):
                best = None
                for p, bind in self._sentence_events(k):
                    m = bind.mention
                    if p < pos and m is not None and self._kind_ok(m, person) and m.actor.id not in exclude:
                        if best is None or p > best[0]:
                            best = (p, m)
                subject = self._subject_event(k, pos, person=person, exclude=exclude)
                if subject is not None and subject.mention is not None:
                    p = subject.mention.span.start
                    if best is None or p > best[0]:
                        best = (p, subject.mention)
                if best is not None:
                    return best[1]
            return None
        finally:
            self._depth -= 1

    def _kind_ok(self, m: Mention, person: bool) -> bool:
        """Whether the mention is a person (or, when not `person`, an organisation)."""
        return (m.actor.kind == "person") if person else (m.actor.kind == "organisation")

    def _sentence_events(self, k: int) -> list[tuple[int, _Bind]]:
        """Who speaks in sentence k: its attributed quotes and its cues, by position."""
        events = self.spoken.get(k, [])
        if k not in self._events:
            self._events[k] = []  # guards the recursion through pronouns
            sent = self.sentences[k]
            found = []
            for m in self._cues(sent.start, sent.end):
                if m.lastgroup == "after_quote" and not self._follows_quote(m.start()):
                    continue
                bind = self._bind(m)
                if _decided(bind):
                    found.append((m.start(), bind))
            self._events[k] = found
        return events + self._events[k]

    def _subject_event(self, k: int, pos: int, *, person: bool = True, exclude: Collection[str] = ()) -> _Bind | None:
        """Whom sentence k is about: a leading pronoun's person, else its first eligible person (before `pos`)."""
        sent = self.sentences[k]
        if pos < sent.end:
            return self._find_subject(k, pos, person, exclude)
        key = (k, person, frozenset(exclude))
        if key not in self._subjects:
            self._subjects[key] = self._find_subject(k, sent.end, person, exclude)
        return self._subjects[key]

    def _find_subject(self, k: int, pos: int, person: bool, exclude: Collection[str]) -> _Bind | None:
        """What `_subject_event` returns, computed."""
        sent = self.sentences[k]
        end = min(sent.end, pos)
        for tok in islice(self._tokens(sent.start, min(end, sent.start + 25)), 3):
            if self._mention_at(tok.start) is not None or self._quoted(tok.start):
                break
            if tok.fold in self.cues.person_pronouns and person:
                target = self._antecedent(tok.start, person=True, exclude=exclude)
                return _Bind(target, None) if target is not None else None
        for m in self._mentions_in(sent.start, end):
            if self._kind_ok(m, person) and m.actor.id not in exclude and self._is_eligible(m, strict=True):
                return _Bind(m, None)
        return None

    # ---- mentions

    def _is_eligible(self, m: Mention, *, strict: bool) -> bool:
        """Whether a mention can be a speaker: not a possessive, not (strict) after a preposition."""
        key = (id(m), strict)
        if key not in self._eligible:
            self._eligible[key] = self._check_eligible(m, strict)
        return self._eligible[key]

    def _check_eligible(self, m: Mention, strict: bool) -> bool:
        text = self.text
        surface = text[m.span.start:m.span.end]
        after = text[m.span.end:m.span.end + 2]
        if after[:1] == "-" and after[1:2].isalpha():
            return False  # the first part of a compound: "US-Zeitung", "China-Reise"
        if _is_genitive(surface, after, m.actor.name):
            if m.actor.kind == "person":
                return False  # "Putins Berater", "der Berater Putins": the owner never speaks here
            nxt = _OWNED_WORD.match(text, m.span.end, m.span.end + 8)
            if nxt and not strict:
                return True
            if nxt:
                return False  # "Chinas Staatsmedien": the head noun speaks, not the owner
        if not strict:
            return True
        floor = max(0, m.span.start - 40)
        toks = list(self._tokens(floor, m.span.start))[-4:]
        for tok in reversed(toks):
            if tok.punct or self._mention_at(tok.start) is not None or self._quoted(tok.start):
                return True
            if tok.fold in self.cues.prepositions:
                return False
            if self.cues.pattern.fullmatch(tok.word):
                return True
            if tok.word[:1].islower() and tok.fold not in self.cues.determiners and not (
                    len(tok.fold) > 3 and tok.fold.endswith(tuple(self.cues.np_inflections) or ("\0",))):
                return True  # a word that cannot stand inside the name's noun phrase: "In response PM Modi"
        return True

    def _mention_at(self, pos: int) -> Mention | None:
        """The mention covering `pos`, if any."""
        i = bisect_right(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].span.start > pos - 80:
            m = self.mentions[i]
            if m.span.start <= pos < m.span.end:
                return m
            i -= 1
        return None

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in [start, end), in order."""
        i = bisect_left(self.mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    # ---- geometry

    def _tokens(self, start: int, end: int) -> list[_Token]:
        """Words and marks in [start, end)."""
        return [_Token(m.start(), w := m.group(), w.casefold()) for m in _TOKEN.finditer(self.text, start, end)]

    def _sentence_of(self, pos: int) -> int:
        """Index of the sentence `pos` is in (or the last one starting before it)."""
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def _quoted(self, pos: int) -> bool:
        """Whether `pos` is inside a quote, its marks included."""
        i = bisect_right(self.region_starts, pos) - 1
        return i >= 0 and pos < self.regions[i][1]

    def _region_end_before(self, pos: int) -> int:
        """Where the last quote ending at or before `pos` ends (0 if none)."""
        i = bisect_right(self.region_starts, pos) - 1
        while i >= 0 and self.regions[i][1] > pos:
            i -= 1
        return self.regions[i][1] if i >= 0 else 0

    def _region_start_after(self, pos: int) -> int:
        """Where the first quote opening at or after `pos` opens (the text end if none)."""
        i = bisect_left(self.region_starts, pos)
        return self.regions[i][0] if i < len(self.regions) else len(self.text)

    def _follows_quote(self, pos: int) -> bool:
        """Whether only spaces and commas stand between a quote and `pos`."""
        j = pos - 1
        while j >= 0 and self.text[j] in " ,\n":
            j -= 1
        return j >= 0 and self._quoted(j)

    def _clause_mark_between(self, start: int, end: int) -> bool:
        """Whether a comma or semicolon outside quotes lies in [start, end)."""
        return any(not self._quoted(m.start()) for m in _CLAUSE_MARK.finditer(self.text, start, end))

    def _clause_end(self, pos: int, limit: int) -> int:
        """Where the clause running from `pos` ends."""
        m = _CLAUSE_END.search(self.text, pos, limit)
        return m.start() if m else limit


def _is_genitive(surface: str, after: str, name: str) -> bool:
    """Putin's, Scholz', Putins, des Kremls: an -s the English name lacks marks the genitive."""
    if surface.endswith(("'s", "’s", "'", "’")) or after[:1] in ("'", "’"):
        return True
    last = name.split()[-1].casefold() if name.split() else ""
    return surface.endswith("s") and not last.endswith("s")


def _decided(bind: _Bind | None) -> TypeGuard[_Bind]:
    """Whether a bind settles the speaker: a mention, or a known unnamed source."""
    return bind is not None and (bind.mention is not None or bind.anonymous)


def _trimmed(text: str, q: QuoteMarks) -> tuple[int, int]:
    """The quote's inner span without outer spaces (and, when left open, without a stray mark at its end)."""
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (not q.closed and text[end - 1] in "“”„\"«»")):
        end -= 1
    return start, end
