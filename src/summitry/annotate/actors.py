"""Actor recognition: people, countries, places and organisations, linked to the gazetteer.

One pass of the gazetteer's Aho-Corasick automaton over the case-folded text
finds every listed form; a word-boundary check drops hits inside words ("Xi"
in "Xinhua") and the leftmost-longest hits win. Then:

- a title right before a name joins it ("Kremlsprecher Dmitri Peskow" is one
  mention of Peskov) and helps pick among people who share a surname;
- an office phrase ("Kremlchef", "US-Präsident") names whoever held the office
  on the document's date: `published`, else the latest date the text states,
  else today's holder. "Ex-Kanzler" names nobody; "der künftige
  US-Präsident" names the next holder;
- a surname alone names its person; a surname several people share ("Li",
  "Wang") or one flagged as ambiguous ("Johnson") only once the full name,
  an office phrase or a title has named one of them in the document;
- a first name that is not the person's makes a known surname someone else
  ("Larry Johnson", "Melania Trump"), while a near miss ("Olav Scholz") is
  read as a misspelling;
- a generic office word ("der Präsident", "the prime minister") names the
  one person of that office named before it (none when several were, the
  language's default when none was);
- without any date, a holder of the office whom the text names wins
  ("Bundeskanzler Olaf Scholz … der Kanzler"), and titles joined to names fix
  the period other office phrases are read in;
- people the gazetteer lacks come from summitry.annotate.names and get the
  id "name:<Name>".

Helper API for other stages: `get_actor`, `office_holder`, `next_holder`,
`roles_of`, `gender`, `actor_named`, `reference_date`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter

from babel.dates import get_month_names
from rapidfuzz import fuzz

from summitry.annotate.doctext import char_positions, lowered, word_text
from summitry.annotate.gazetteer import (
    Entry,
    actor_named,
    gazetteer,
    gender,
    get_actor,
    is_venue,
    next_holder,
    normalize,
    office_holder,
    office_type,
    roles_of,
)
from summitry.annotate.names import find_people
from summitry.records import Actor, Mention, Span

__all__ = ["find_mentions", "get_actor", "is_venue", "office_holder", "next_holder", "roles_of", "gender", "actor_named",
           "reference_date"]

_URL = re.compile(r"(?:https?://|www\.)\S+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD_INNER = "_'’-"  # what a word may hold besides letters and digits ([\w'’-])
_NEXT_WORD = re.compile(r"[ \u00a0]([A-ZÄÖÜ][^\W\d_]+(?:-[^\W\d_]+)?)")
_TITLE_GAP = re.compile(r"[ \t\n\u00a0]{1,2}")
GIVEN_NAME_SIMILARITY = 70  # rapidfuzz ratio: "Olav"/"Olaf" is 75, "Larry"/"Boris" 20
CONTEXT = 40  # characters looked at before a phrase for "ehemalige", "former" …
_START_LONGEST = itemgetter(0, 1)

@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]  # best first (gazetteer.KIND_PRIORITY)
    actor: Actor | None = None
    mention_kind: str = ""
    title: _Hit | None = None
    merged: bool = False
    entry: Entry = field(init=False, repr=False, compare=False)  # the best entry, read very often

    def __post_init__(self) -> None:
        """Pick the best entry once."""
        self.entry = self.entries[0]


def _space_runs(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more spaces."""
    runs = []
    n = len(norm)
    j = norm.find("  ")
    while j >= 0:
        k = j + 2
        while k < n and norm[k] == " ":
            k += 1
        runs.append((j, k))
        j = norm.find("  ", k)
    return runs


def _collapse(s: str, runs: list[tuple[int, int]]) -> str:
    """`s` with each run of spaces as one space."""
    pieces, i = [], 0
    for j, k in runs:
        pieces.append(s[i:j + 1])
        i = k
    pieces.append(s[i:])
    return "".join(pieces)


def _scan(text: str) -> list[_Hit]:
    """Leftmost-longest gazetteer hits that pass the word-boundary and case checks."""
    g = gazetteer()
    norm = normalize(text, g.fold_pairs)
    # Folding and lower-casing commute (the folded characters have no case), so the lower-cased
    # text other stages share serves here too: one lowering of the document instead of two.
    low = normalize(lowered(text), g.fold_pairs)
    # Runs of spaces collapse to one so "Mark  Carney" still matches; `gap_at` and `gap_removed`
    # map back (position in the collapsed text, characters removed up to there), `run_ends` and
    # `run_removed` forth (position after a run in the text, characters removed up to there).
    gap_at: list[int] = []
    gap_removed: list[int] = []
    run_ends: list[int] = []
    run_removed: list[int] = []
    runs = _space_runs(norm) if "  " in norm else []
    if runs:
        removed = 0
        for j, k in runs:
            gap_at.append(j + 1 - removed)
            removed += k - j - 1
            gap_removed.append(removed)
            run_ends.append(k)
            run_removed.append(removed)
        norm, low = _collapse(norm, runs), _collapse(low, runs)
    automaton = g.automaton
    # the automaton's values are (key length, entries): typed, so the arithmetic on positions is native
    last: int
    klen: int
    entries: tuple[Entry, ...]
    l2: int
    k2: int
    e2: tuple[Entry, ...]
    cands: list[tuple[int, int, int, tuple[Entry, ...]]] = []
    # iter_long yields leftmost-longest matches, far fewer than iter(); when the longest
    # match fails the checks ("US-Präsident" inside "US-Präsidentschaft"), the shorter
    # matches inside it get their chance ("US").
    for last, (klen, entries) in automaton.iter_long(low):
        start = last - klen + 1
        ok = _checked(low, norm, start, last, entries)
        if ok:
            cands.append((start, start - last - 1, last + 1, ok))
            continue
        if start > 0 and low[start - 1].isalnum() and low[start:last + 1].isalnum():
            continue  # inside a word ("un" in "und"): nothing shorter in it can fit either
        inner: list[tuple[int, int, int, tuple[Entry, ...]]] = []
        # on the slice, not on `low` with bounds: the automaton copies the whole string it is given
        for l2, (k2, e2) in automaton.iter(low[start:last]):
            l2 += start
            ok = _checked(low, norm, l2 - k2 + 1, l2, e2)
            if ok:
                inner.append((l2 - k2 + 1, -k2, l2 + 1, ok))
        inner.sort(key=_START_LONGEST)
        reach = -1
        for c in inner:
            if c[0] >= reach:
                cands.append(c)
                reach = c[2]
    for start, end, entries in _short_words(text, low, run_ends, run_removed):
        ok = _checked(low, norm, start, end - 1, entries)
        if ok:
            cands.append((start, start - end, end, ok))
    cands.sort(key=_START_LONGEST)  # (start, -length, end, entries): leftmost, then longest
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if "://" in text or "www." in text else []
    hits, reach = [], -1
    for start, _, end, entries in cands:
        if start < reach:
            continue
        reach = end
        if gap_at:
            i = bisect_right(gap_at, start) - 1
            if i >= 0:
                start += gap_removed[i]
            i = bisect_right(gap_at, end - 1) - 1
            if i >= 0:
                end += gap_removed[i]
        if urls and any(a <= start < b for a, b in urls):
            continue
        hits.append(_Hit(start, end, entries))
    return hits


def _short_words(text: str, low: str, run_ends: list[int],
                 run_removed: list[int]) -> list[tuple[int, int, tuple[Entry, ...]]]:
    """(start, end, entries) in `low` of the listed words of up to SHORT letters, standing alone."""
    g = gazetteer()
    if "_" in text or any(ch in text for ch in g.fold_word_chars):
        # the shared word view reads these differently from `low`: take the slow, plain way
        return [(m.start(), m.end(), g.short_entries[m.group()][1]) for m in g.short_words.finditer(low)]
    # Found in the shared word view, where a bounded word is a key padded with spaces: a regex
    # over the whole text for these took a quarter of the stage.
    out: list[tuple[int, int, tuple[Entry, ...]]] = []
    last: int
    k: int
    entries: tuple[Entry, ...]
    for last, (k, entries) in g.short_automaton.iter(word_text(text)):
        start = last - k - 1  # in the text; the view has one space in front
        if run_ends:
            i = bisect_right(run_ends, start) - 1
            if i >= 0:
                start -= run_removed[i]
        out.append((start, start + k, entries))
    return out


def _checked(low: str, norm: str, start: int, last: int, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The entries of a match that pass the word-boundary check and, for exact forms, the case check."""
    if start > 0 and low[start].isalnum() and low[start - 1].isalnum():
        return ()
    if last + 1 < len(low) and low[last].isalnum() and low[last + 1].isalnum():
        return ()
    if len(entries) == 1:
        e = entries[0]
        if not e.exact:
            return entries
        surface = norm[start:last + 1]
        if e.surface == surface or (len(surface) >= 4 and surface.isupper() and e.surface.upper() == surface):
            return entries
        return ()
    surface = norm[start:last + 1]
    return tuple(e for e in entries if not e.exact or e.surface == surface
                 or (len(surface) >= 4 and surface.isupper() and e.surface.upper() == surface))


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[list[tuple[re.Pattern[str], str]], dict[str, int]]:
    """Date patterns of German and English news (month names from CLDR via Babel) and the month numbers."""
    months: dict[str, int] = {}
    for locale in ("de", "de_AT", "en"):
        for width in ("wide", "abbreviated"):
            for num, name in get_month_names(width, locale=locale).items():
                months[name.rstrip(".").lower()] = num
    alt = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    return [
        (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), "ymd"),
        (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), "dmy"),
        (re.compile(rf"\b(\d{{1,2}})\.?[\s-]*({alt})\.?[\s-]+((?:19|20)\d\d)\b", re.IGNORECASE), "dMy"),
        (re.compile(rf"\b({alt})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE), "Mdy"),
        (re.compile(r"\b((?:19|20)\d\d)-(\d\d)\b(?!-\d)"), "ym"),
        (re.compile(rf"\b({alt})\s+((?:19|20)\d\d)\b", re.IGNORECASE), "My"),
    ], months


def reference_date(text: str, published: date | None) -> date | None:
    """The date office phrases are read at: `published`, else the latest date stated in the text."""
    if published is not None:
        return published
    patterns, months = _date_patterns()
    days: list[date] = []
    months_only: list[date] = []
    # Every stated date has a four-digit year: look only around those.
    # `_YEAR` tried only where a "1" or "2" stands (found at memchr speed), not at every character
    year = _YEAR.match
    windows = {text[max(0, y.start() - 25):y.end() + 6] for p in char_positions(text, "12") if (y := year(text, p))}
    for pattern, order in patterns:
        for m in (m for w in windows for m in pattern.finditer(w)):
            try:
                if order == "ymd":
                    days.append(date(int(m[1]), int(m[2]), int(m[3])))
                elif order == "dmy":
                    days.append(date(int(m[3]), int(m[2]), int(m[1])))
                elif order == "dMy":
                    days.append(date(int(m[3]), months[m[2].lower()], int(m[1])))
                elif order == "Mdy":
                    days.append(date(int(m[3]), months[m[1].lower()], int(m[2])))
                elif order == "ym":
                    months_only.append(date(int(m[1]), int(m[2]), 15))
                else:
                    months_only.append(date(int(m[2]), months[m[1].lower()], 15))
            except (ValueError, KeyError):
                continue
    best = max(days, default=None)
    month = max(months_only, default=None)
    # "Februar 2026" inside "4. Februar 2026" must not move the day to the 15th
    if month is not None and (best is None or (month.year, month.month) > (best.year, best.month)):
        best = month
    return best


@dataclass
class _Context:
    """What the document tells about when it was written and whom it names."""

    explicit: date | None  # `published`, else the latest date stated in the text
    derived: date | None = None  # from titles joined to names ("Bundeskanzler Olaf Scholz" → 2021-12 … 2025-05)
    named: dict[str, list[int]] = field(default_factory=dict)  # person id → positions named (not by office)

    def name(self, pid: str, pos: int) -> None:
        """Record that the person is named at `pos`."""
        self.named.setdefault(pid, []).append(pos)

    def latest_before(self, pids: list[str], pos: int) -> str:
        """The person among `pids` named last before `pos` (else the first named after it)."""
        before = [(max(p for p in self.named[pid] if p < pos), pid) for pid in pids
                  if any(p < pos for p in self.named[pid])]
        if before:
            return max(before)[1]
        return min((min(self.named[pid]), pid) for pid in pids)[1]

    @property
    def day(self) -> date | None:
        """The date office phrases are read at."""
        return self.explicit or self.derived


def _types_on(actor_id: str, day: date | None) -> set[str]:
    """Office types (head_of_state …) the person held on `day` (ever, with `day` None)."""
    return {office_type(r) for r in roles_of(actor_id, day)}


def _title_candidates(title: _Hit, pids: tuple[str, ...], day: date | None) -> list[str]:
    """The people among `pids` whom the title fits on `day` (or ever, when it fits nobody then)."""
    e = title.entry
    if e.kind == "role":
        keys = set(e.targets)
        return [p for p in pids if keys & set(roles_of(p, day))] or [p for p in pids if keys & set(roles_of(p, None))]
    offices = {t for t in e.targets if t}
    if not offices:
        return []
    return [p for p in pids if offices & _types_on(p, day)] or [p for p in pids if offices & _types_on(p, None)]


def _derived_day(hits: list[_Hit]) -> date | None:
    """A day consistent with every office title joined to a name, when the text gives no date."""
    lo, hi = date.min, date.max
    found = False
    for h in hits:
        if h.title is None or h.title.entry.kind != "role" or h.actor is None:
            continue
        person = gazetteer().people.get(h.actor.id)
        spans = [t for t in person.tenures if t.role in h.title.entry.targets] if person else []
        if len(spans) != 1:
            continue  # no term, or several ("US-Präsident Trump"): no single period to go by
        found = True
        lo = max(lo, min(t.start or date.min for t in spans))
        hi = min(hi, max(t.end or date.max for t in spans))
    if not found or lo >= hi or lo == date.min:
        return None
    if hi == date.max:
        return lo
    return lo + (hi - lo) / 2


def _given_name_before(text: str, hit: _Hit, floor: int) -> tuple[int, str] | None:
    """(start, word) of a capitalised word right before the hit that could be a first name."""
    found = _word_before(text, max(floor, hit.start - 30), hit.start)
    if found is None or not found[1][0].isupper():
        return None
    return found


def _word_before(text: str, lo: int, end: int) -> tuple[int, str] | None:
    """(start, word) of the word that spaces alone part from `end`, within [lo, end): what the leftmost match
    of ([^\\W\\d_][\\w'’-]*) +$ there gives, found by a walk back over those few characters (the regex
    search tried the pattern at every position of the window)."""
    word_end = end
    while word_end > lo and text[word_end - 1] == " ":
        word_end -= 1
    if word_end == end:
        return None
    run = word_end
    while run > lo and (text[run - 1].isalnum() or text[run - 1] in _WORD_INNER):
        run -= 1
    for start in range(run, word_end):
        ch = text[start]
        if ch.isalnum() and not ch.isdecimal():  # a letter: \w, but no digit and no "_"
            return start, text[start:word_end]
    return None


def _base_surname(surface: str, family: tuple[str, ...]) -> str:
    """The listed family name behind a surface form ("Trumps" → "Trump")."""
    for f in family:
        if surface == f:
            return f
    for f in family:
        if surface.rstrip("'’s") == f:
            return f
    return surface


def _resolve(text: str, hits: list[_Hit], ctx: _Context, lang: str | None,
             sentence_starts: set[int]) -> list[tuple[int, int, Actor, str]]:
    """Set each hit's actor; return mentions of other people found next to known surnames."""
    g = gazetteer()
    extra: list[tuple[int, int, Actor, str]] = []
    # Titles directly before a name join it.
    for a, b in zip(hits, hits[1:]):
        if a.entry.kind in ("role", "generic") and b.entry.kind in ("name", "surname") and not b.entry.genitive \
                and _TITLE_GAP.fullmatch(text[a.end:b.start]) and g.people.get(b.entry.targets[0]) is not None:
            b.title, a.merged = a, True
    for h in hits:
        e = h.entry
        if e.kind in ("name", "adjective"):
            h.actor = g.actors.get(e.targets[0])
            h.mention_kind = e.kind
        elif e.kind == "surname" and h.title is not None:
            cands = _title_candidates(h.title, e.targets, ctx.explicit)
            if len(cands) == 1 or len(e.targets) == 1:
                h.actor = g.people[(cands or e.targets)[0]].actor
        elif e.kind == "surname" and len(e.targets) == 1 and e.standalone:
            ctx.name(e.targets[0], h.start)  # "Scholz" alone already tells who the text is about
        if h.actor is not None and h.actor.kind == "person":
            ctx.name(h.actor.id, h.start)
    if ctx.explicit is None:
        ctx.derived = _derived_day(hits)
    evidence = {pid: pos[0] for pid, pos in ctx.named.items()}
    for h in hits:
        if h.entry.kind == "role" and not h.merged:
            h.actor = _resolve_role(text, h, ctx)
            h.mention_kind = "role"
            if h.actor is not None:
                evidence.setdefault(h.actor.id, h.start)
    floor = 0
    hit_starts = {h.start for h in hits if h.entry.kind not in ("given", "cue")}
    for h in hits:
        e = h.entry
        if e.kind == "surname" and h.actor is None:
            if h.title is None:
                other = _other_person(text, h, floor, sentence_starts, hit_starts)
                if other is not None:
                    extra.append(other)
                    h.mention_kind = "skip"
                    floor = h.end
                    continue
            h.actor = _resolve_surname(h, evidence)
            h.mention_kind = "surname"
        elif e.kind == "surname":
            h.mention_kind = "surname"
        if e.kind not in ("given", "cue"):
            floor = h.end
    resolved: list[tuple[int, Actor]] = []
    for h in hits:
        if h.entry.kind == "generic" and not h.merged and h.actor is None:
            h.actor = _resolve_generic(text, h, resolved, ctx, lang)
            h.mention_kind = "role"
        if h.title is not None:
            h.mention_kind = "name"
        if h.actor is not None and h.actor.kind == "person":
            resolved.append((h.start, h.actor))
    return extra


def _other_person(text: str, h: _Hit, floor: int, sentence_starts: set[int],
                  hit_starts: set[int]) -> tuple[int, int, Actor, str] | None:
    """A different person ("Larry Johnson") or a misspelt first name ("Olav Scholz") before a known surname."""
    g = gazetteer()
    pids = h.entry.targets
    if not h.entry.genitive and any(g.people[p].family_first for p in pids):
        # "Zhao Minghui" is not Zhao Lijian: a family name written first, then another given name
        m = _NEXT_WORD.match(text, h.end)
        if m and m.start(1) not in hit_starts and m.group(1) not in g.names_stop_words \
                and all(m.group(1) not in g.people[p].given for p in pids):
            name = f"{text[h.start:h.end]} {m.group(1)}"
            return (h.start, m.end(1), Actor(f"name:{name}", name, "person"), "name")
    found = _given_name_before(text, h, floor)
    if found is None:
        return None
    start, word = found
    for pid in pids:
        person = g.people[pid]
        if word in person.given:
            return None  # the full form should have matched; leave it to the surname rules
        if any(w[:1] == word[:1] and fuzz.ratio(w, word) >= GIVEN_NAME_SIMILARITY for w in person.given):
            return (start, h.end, person.actor, "name")
    if not (word in g.given_names or ("-" in word and all(p in g.given_names for p in word.split("-")))):
        return None
    if word in g.common_word_given and (start in sentence_starts or start == 0):
        return None
    surface = text[h.start:h.end]
    family = g.people[pids[0]].family
    name = f"{word} {_base_surname(surface, family)}"
    return (start, h.end, Actor(f"name:{name}", name, "person"), "name")


def _resolve_surname(h: _Hit, evidence: dict[str, int]) -> Actor | None:
    """The person a surname alone names: one already named in the text, else its only, unambiguous bearer."""
    g = gazetteer()
    pids = h.entry.targets
    seen = [p for p in pids if p in evidence]
    if len(seen) == 1:
        return g.people[seen[0]].actor
    if len(seen) > 1:
        before = [p for p in seen if evidence[p] < h.start]
        pick = max(before, key=lambda p: evidence[p]) if before else min(seen, key=lambda p: evidence[p])
        return g.people[pick].actor
    if len(pids) == 1 and h.entry.standalone:
        return g.people[pids[0]].actor
    return None


def _before(text: str, h: _Hit) -> str:
    """The few words before a hit (for "ehemalige", "künftige" …)."""
    return text[max(0, h.start - CONTEXT):h.start]


def _ends_with(modifiers: re.Pattern[str], before: str) -> bool:
    """Whether a modifier (`not_current`, `future_before`: anchored at the end) ends `before`."""
    # a match is one listed word and trailing space, so it starts no earlier than this;
    # searching the whole window tried the big alternation at every character
    start = len(before.rstrip()) - gazetteer().modifier_reach
    return modifiers.search(before, max(0, start)) is not None


def _feminine(text: str, h: _Hit) -> bool:
    """True for a German phrase in the feminine ("Bundeskanzlerin", "Sprecherin der Bundesregierung")."""
    g = gazetteer()
    if h.entry.lang != "de":
        return False
    return any(w[:1].isupper() and w.endswith(g.feminine_endings) for w in text[h.start:h.end].split())


def _resolve_role(text: str, h: _Hit, ctx: _Context) -> Actor | None:
    """The holder an office phrase names in this document."""
    g = gazetteer()
    if _ends_with(g.not_current, _before(text, h)):
        return None
    future = bool(_ends_with(g.future_before, _before(text, h)) or g.future_after.match(text, h.end))
    sex = "f" if _feminine(text, h) else None
    for key in h.entry.targets:
        actor: Actor | None
        if ctx.explicit is None and (named := _named_holders(key, ctx, sex)):
            # No date: a holder the text names ("Bundeskanzler Olaf Scholz … der Kanzler") beats guessing one;
            # of several named holders ("Scholz' Vorgängerin Merkel") the phrase means the latest
            latest = max(t.start or date.min for t in g.tenures[key] if t.person in named)
            named = [p for p in named if any(t.person == p and (t.start or date.min) == latest for t in g.tenures[key])]
            actor = g.people[ctx.latest_before(named, h.start)].actor
        elif future:
            actor = next_holder(key, ctx.day)
        else:
            actor = office_holder(key, ctx.day, gender=sex)
        if actor is not None:
            return actor
    return None


def _named_holders(key: str, ctx: _Context, sex: str | None) -> list[str]:
    """Holders (at any time) of `key` whom the document names."""
    g = gazetteer()
    return list(dict.fromkeys(t.person for t in g.tenures.get(key, ())
                              if t.person in ctx.named and (sex is None or g.people[t.person].gender == sex)))


def _resolve_generic(text: str, h: _Hit, resolved: list[tuple[int, Actor]], ctx: _Context,
                     lang: str | None) -> Actor | None:
    """The one person of that office named before ("der Präsident" after "Präsident Erdoğan"), else the default."""
    g = gazetteer()
    office = h.entry.targets[0]
    if not office or not h.entry.standalone or _ends_with(g.not_current, _before(text, h)):
        return None
    sex = "f" if _feminine(text, h) else None
    antecedents = {a.id: a for _, a in resolved if a.id in g.people and office in _types_on(a.id, ctx.day)
                   and (sex is None or g.people[a.id].gender == sex)}
    if len(antecedents) == 1:
        return next(iter(antecedents.values()))
    if antecedents:
        return None  # several candidates: better none than a wrong one
    default = g.defaults.get(lang or "", {}).get(office)
    return office_holder(default, ctx.day, gender=sex) if default else None


def find_mentions(text: str, sentences: list[Span], *, published: date | None, lang: str | None) -> list[Mention]:
    """All actor mentions in the text, in order."""
    hits = _scan(text)
    ctx = _Context(reference_date(text, published))
    starts = [s.start for s in sentences]
    start_set = set(starts)
    extra = _resolve(text, hits, ctx, lang, start_set)

    raw: list[tuple[int, int, Actor, str]] = []
    mask = bytearray(len(text))
    title_ends: set[int] = set()
    given: list[tuple[int, int]] = []
    cues: list[tuple[int, int]] = []
    for h in hits:
        kind = h.entry.kind
        if kind == "given":
            given.append((h.start, h.end))
            continue
        if kind == "cue":
            cues.append((h.start, h.end))
            continue
        mask[h.start:h.end] = b"\x01" * (h.end - h.start)
        if kind in ("role", "generic") and not h.merged:
            title_ends.add(h.end)
        if h.merged or h.actor is None or h.mention_kind == "skip":
            continue
        start = h.title.start if h.title is not None else h.start
        raw.append((start, h.end, h.actor, h.mention_kind))
    for start, end, actor, kind in extra:
        mask[start:end] = b"\x01" * (end - start)
        raw.append((start, end, actor, kind))
    for f in find_people(text, mask, given=given, cues=cues, title_ends=title_ends, sentence_starts=start_set,
                         lang=lang):
        raw.append((f.start, f.end, Actor(f"name:{f.name}", f.name, "person"), f.kind))
    raw.sort(key=lambda r: (r[0], -r[1]))
    mentions = []
    for start, end, actor, kind in raw:
        si = bisect_right(starts, start) - 1
        mentions.append(Mention(Span(start, end), actor, text[start:end], kind, si))
    return mentions
