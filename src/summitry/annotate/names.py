"""People the gazetteer does not list, found by first names and cue words.

A person is a run of two to four capitalised words that starts with a known
first name ("Alexander Gabuev", "Jörg Wuttke"), follows a title or cue word
("Analyst Zhao Tong") or stands before a comma and a cue word ("Zhao Tong,
Experte für ..."). Words the gazetteer matched, words from the stop list and
words with common-noun endings ("Partnerschaft") end a run, so headings such
as "Langfristige Partnerschaft" never become people. Later mentions of the
last name alone ("Gabuev") link to the same person. The first names and cue
words are matched by the gazetteer's automaton (kinds "given" and "cue"), so
this module only looks at those few places. Word lists: data/actors/names.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summitry.annotate.gazetteer import gazetteer

_UPPER = "".join(ch for ch in map(chr, range(0x250)) if ch.isupper())
_CAPWORD = rf"[{re.escape(_UPPER)}][^\W\d_]*(?:[-'’][^\W\d_]+)*"
_CAP = re.compile(rf"(?<![\w'’-]){_CAPWORD}")
_OPENERS = frozenset("\n\"„“«»‚‘:(–—|")
MAX_TOKENS = 4


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: str
    kind: str  # name | surname


@lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str], dict[str, tuple[str, ...]]]:
    """Compiled patterns and word sets from names.yaml."""
    data = gazetteer().names
    particles = sorted(data["particles"], key=len, reverse=True)
    part = "|".join(re.escape(p) for p in particles)
    gap = rf"(?:[ \n\u00a0]|\.[ ]|[ ](?:(?:{part})[ ]){{1,3}})"
    run = re.compile(rf"{_CAPWORD}(?:{gap}{_CAPWORD}){{1,{MAX_TOKENS - 1}}}")
    articles = "|".join(re.escape(a) for a in data["articles"])
    tail = rf",\s+(?:(?:{articles})\s+)?$"
    appos = re.compile(rf"({_CAPWORD}[ \u00a0]{_CAPWORD}){tail}")
    # what every apposition ends with: found at the speed of a search for the comma, while `appos` is
    # tried at every position
    appos_tail = re.compile(tail)
    suffixes = {lang: tuple(s) for lang, s in data["noun_suffixes"].items()}
    return run, appos, appos_tail, frozenset(data["stop_words"]), suffixes


def _occupied(mask: bytearray, start: int, end: int) -> bool:
    """True when any character of [start, end) is taken."""
    return any(mask[start:end])


def _sentence_initial(text: str, start: int, starts: set[int]) -> bool:
    """True when the word at `start` opens a sentence, line or quotation."""
    if start in starts:
        return True
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in _OPENERS


def _noun_like(word: str, lang: str | None, suffixes: dict[str, tuple[str, ...]]) -> bool:
    """True for a word with a common-noun ending ("Partnerschaft")."""
    langs = [lang] if lang in suffixes else list(suffixes)
    low = word.lower()
    return len(low) > 5 and any(low.endswith(suffixes[lg]) for lg in langs)


def _candidates(text: str, mask: bytearray, given: list[tuple[int, int]], cues: list[tuple[int, int]],
                title_ends: set[int], appos: re.Pattern[str], appos_tail: re.Pattern[str]) -> list[tuple[int, bool]]:
    """(position, starts with a first name) of every place a name may begin."""
    out = {(s, True) for s, e in given if not mask[s]}
    for end in list(title_ends) + [e for _, e in cues]:
        if text.startswith(" ", end) and end + 1 < len(text) and text[end + 1].isupper() and not mask[end + 1]:
            out.add((end + 1, False))
    for s, _ in cues:
        if not appos_tail.search(text, max(0, s - 80), s):
            continue
        m = appos.search(text, max(0, s - 80), s)
        if m and not mask[m.start(1)]:
            out.add((m.start(1), False))
    return sorted(out)


def find_people(text: str, mask: bytearray, *, given: list[tuple[int, int]], cues: list[tuple[int, int]],
                title_ends: set[int], sentence_starts: set[int], lang: str | None) -> list[Found]:
    """People named in the text outside the gazetteer's matches (`mask` marks those)."""
    g = gazetteer()
    run, appos, appos_tail, stops, suffixes = _lists()
    found: list[Found] = []
    taken = bytearray(mask)
    reach = -1
    for pos, by_first_name in _candidates(text, mask, given, cues, title_ends, appos, appos_tail):
        if pos < reach:
            continue
        m = run.match(text, pos)
        if not m:
            continue
        tokens = [t for t in _CAP.finditer(text, m.start(), m.end())]
        first = tokens[0].group()
        if by_first_name and first in g.common_word_given and _sentence_initial(text, pos, sentence_starts):
            continue
        if first in stops:
            continue
        kept = [tokens[0]]
        for t in tokens[1:]:
            if t.group() in stops or _occupied(taken, t.start(), t.end()):
                break
            if len(kept) >= 2 and not text[kept[-1].end():t.start()].isspace():
                break  # "Jan Muster von Merics": a particle after a full name starts an affiliation
            kept.append(t)
        last = kept[-1].group()
        if len(kept) < 2 or _noun_like(last, lang, suffixes) or (not by_first_name and _noun_like(first, lang, suffixes)):
            continue
        end = kept[-1].end()
        found.append(Found(pos, end, " ".join(text[pos:end].split()), "name"))
        taken[pos:end] = b"\x01" * (end - pos)
        reach = end
    found.extend(_surname_mentions(text, found, taken, sentence_starts))
    return sorted(found, key=lambda f: f.start)


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches."""
    return ch.isalnum() or ch == "_"


def _lower_elsewhere(text: str, word: str) -> bool:
    """True when the word also occurs in lower case in the text."""
    # str.find and two character checks do what the regex (?<!\w)word(?!\w) did; that regex,
    # built for each word, cost a compilation (about 0.5 ms) per new word
    low = word.lower()
    n = len(low)
    i = text.find(low)
    while i >= 0:
        if (i == 0 or not _is_word_char(text[i - 1])) and (i + n >= len(text) or not _is_word_char(text[i + n])):
            return True
        i = text.find(low, i + 1)
    return False


def _surname_occurrences(text: str, surname: str) -> list[tuple[int, int]]:
    """(start, end) of the surname standing alone, with "s", "'" or "’" after it or not: what
    finditer of (?<![\\w'’-])surname(?:s|'|’)?(?!\\w) gives, without compiling a regex per name."""
    out = []
    n, size = len(surname), len(text)
    i = text.find(surname)
    while i >= 0:
        end = None
        if i == 0 or not (_is_word_char(text[i - 1]) or text[i - 1] in "'’-"):
            e = i + n
            if e < size and text[e] in "s'’" and (e + 1 >= size or not _is_word_char(text[e + 1])):
                end = e + 1
            elif e >= size or not _is_word_char(text[e]):
                end = e
        if end is not None:
            out.append((i, end))
            i = text.find(surname, end)
        else:
            i = text.find(surname, i + 1)
    return out


def _surname_mentions(text: str, found: list[Found], taken: bytearray, starts: set[int]) -> list[Found]:
    """Other mentions of a found person's last name alone (with a genitive ending or not)."""
    by_surname: dict[str, str] = {}
    for f in found:
        last = f.name.split()[-1]
        if len(last) >= 3 and last[0].isupper():
            by_surname.setdefault(last, f.name)
    out = []
    for surname, name in by_surname.items():
        lowered = None
        for s, e in _surname_occurrences(text, surname):
            if _occupied(taken, s, e):
                continue
            if _sentence_initial(text, s, starts):
                if lowered is None:
                    lowered = _lower_elsewhere(text, surname)
                if lowered:
                    continue  # "Klein sei das Problem": the word is an ordinary one here
            out.append(Found(s, e, name, "surname"))
            taken[s:e] = b"\x01" * (e - s)
    return out
