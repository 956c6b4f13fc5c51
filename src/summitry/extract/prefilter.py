"""Cue patterns that run their regex only where the text can match: one literal pass per document.

The contact rules ask dozens of cue patterns about every trigger's clause and
sentence ("is there a denial here?", "a past-tense marker?"), and most of the
answers are no. `re` finds each no by trying every branch of a long
alternation at every word start. But every cue fragment has letters that any
match must contain: "telefon" starts every match of "telefon\\w*", "haben"
stands in every match of "\\w+(t|en)\\s+haben\\s+soll". One Aho-Corasick pass
over the lower-cased document finds all of them, and then:

- a pattern all of whose fragments start with such letters is matched only at
  the word starts where they occur (a few per document, not every word);
- a pattern with a few fragments that have no such start ("\\w+besuch") is
  matched at the starts of its other fragments plus wherever those few match
  (found by a regex of their own, much cheaper than the whole alternation);
- any other pattern is searched only in ranges that hold one of its letters.

The answers are the regex's own (same match, same span, same groups): only
ranges where the regex cannot match are skipped. A document with a character
that lower-cases unlike `re` compares it (a long "ſ", a dotted "İ") gets the
plain patterns.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from summitry.annotate.doctext import lowered, views, word_text
from summitry.extract.cues import CUE_LISTS, Cues, cue_fragments, cues_for

try:  # the regex parser `re` compiles with (private; Python ≥ 3.11)
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# cue lists whose patterns the rules run over the document text (the derived
# patterns, "reporter_before" and the like, run on short slices: no gain)
FILTERED = ("triggers", *CUE_LISTS)
_WORD_START = r"(?<!\w)(?:"  # how every filtered pattern opens (after an optional first-letter lookahead)
_MAX_PREFIXES = 64  # leading alternatives expanded per fragment ("(g7|g20|nato…)-?gipfel")
# a list matched at known starts may have fragments without prefixes up to one in this many (else their own
# regex, run over the whole text, costs more than searching the ranges that hold their letters)
_UNPREFIXED_SHARE = 8
_STOP = (None, None)  # stands for "anything may follow" in a parsed sequence
_ASCII = bytes(range(128))


# --- what a fragment's matches must contain -------------------------------------------------


def _prefixes(items: list) -> set[str]:
    """Strings every match of the parsed sequence starts with ("" when nothing is certain)."""
    out = ""
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        if op is _sre.LITERAL and len(chr(av).lower()) == 1:
            out += chr(av).lower()
            continue
        if op is _sre.SUBPATTERN:
            found = _prefixes(list(av[-1]) + rest)
        elif op is _sre.BRANCH:
            found = set().union(*(_prefixes(list(alt) + rest) for alt in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] <= 1:
            lo, hi, item = av
            once = _prefixes(list(item) + (rest if hi == 1 else [_STOP]))
            found = once | _prefixes(rest) if lo == 0 else once
        else:  # a class, an assertion, a repeat of more than once: no letter is certain from here
            return {out}
        if len(found) > _MAX_PREFIXES:
            return {out}
        return {out + f for f in found}
    return {out}


def _required(items: list) -> tuple[str, bool]:
    """The longest run of letters every match contains, in order ("" when none), and whether what
    comes before it can match word characters only ("\\w+besuch": the run stands in the match's first word)."""
    best, run = "", ""
    best_word_led = run_word_led = False
    word_only = True  # all items so far match word characters only
    for op, av in _flattened(items):
        if op is _sre.LITERAL and len(chr(av).lower()) == 1:
            if not run:
                run_word_led = word_only
            run += chr(av).lower()
            if len(run) > len(best):
                best, best_word_led = run, run_word_led
        else:
            run = ""
        word_only = word_only and _word_only([(op, av)])
    return best, best_word_led


def _word_only(items: list) -> bool:
    """True when the parsed sequence can match word characters (\\w) only."""
    for op, av in items:
        if op is _sre.LITERAL:
            if not _is_word_char(chr(av)):
                return False
        elif op is _sre.IN:
            if av != [(_sre.CATEGORY, _sre.CATEGORY_WORD)]:
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            if not _word_only(list(av[2])):
                return False
        elif op is _sre.SUBPATTERN:
            if not _word_only(list(av[-1])):
                return False
        elif op is _sre.BRANCH:
            if not all(_word_only(list(alt)) for alt in av[1]):
                return False
        else:  # an assertion, a class of other characters …
            return False
    return True


def _is_word_char(char: str) -> bool:
    """What `re` counts as \\w in a str pattern: alphanumeric (str.isalnum) or "_"."""
    return char.isalnum() or char == "_"


def _flattened(items: list) -> Iterator[tuple]:
    """The sequence with plain groups opened up; a group with alternatives stays one item."""
    for op, av in items:
        if op is _sre.SUBPATTERN and not any(sub_op is _sre.BRANCH for sub_op, _ in av[-1]):
            yield from _flattened(list(av[-1]))
        else:
            yield op, av


@dataclass(frozen=True)
class _Literals:
    """What one cue list's matches must hold: letters at the match start, else letters somewhere."""

    prefixes: frozenset[str]  # every fragment's; empty when some fragment has none (unless `unprefixed`)
    required: frozenset[str]  # for the fragments without prefixes; empty when the list cannot be filtered
    at_word_start: bool  # the pattern opens with (?<!\w): a prefix stands at a word start
    # a list whose few fragments without prefixes are searched by a regex of their own, the rest matched at
    # their prefixes (then `required` are the letters of those few: a document without them needs no search)
    unprefixed: re.Pattern[str] | None = None
    # those few can start only where the word holding their letters starts (what precedes the letters in
    # them matches word characters only): no search needed
    word_led: bool = False


def _literals(fragments: list[str], pattern: re.Pattern[str]) -> _Literals | None:
    """The literals of a cue list, or None when some fragment has no certain letters (or does not parse)."""
    prefixes: set[str] = set()
    required: set[str] = set()
    unprefixed: list[str] = []
    word_led = True
    for fragment in fragments:
        try:
            items = list(_sre_parse.parse(fragment, pattern.flags))
        except Exception:  # noqa: BLE001 - an unparsable fragment is just not filtered
            return None
        starts = _prefixes(items)
        if "" not in starts:
            prefixes |= starts
            continue
        unprefixed.append(fragment)
        letters, led = _required(items)
        if not letters:
            return None
        required.add(letters)
        word_led = word_led and led
    at_word_start = _WORD_START in pattern.pattern
    if unprefixed and prefixes and at_word_start and len(unprefixed) * _UNPREFIXED_SHARE <= len(fragments):
        # the whole alternation at every word start costs several times a regex of these few fragments
        own = re.compile(_WORD_START + "|".join(f"(?:{f})" for f in unprefixed) + ")", pattern.flags)
        return _Literals(frozenset(prefixes), frozenset(required), at_word_start, own, word_led)
    if unprefixed:
        required |= prefixes  # a prefix is also letters the match contains
        prefixes = set()
    return _Literals(frozenset(prefixes), frozenset(required), at_word_start)


@dataclass(frozen=True)
class _Index:
    """The compiled literal search of one language's cues (no automata: no filtering).

    Slot i holds the literals of list i; slot len(names) + i those of its `unprefixed` fragments.
    """

    names: tuple[str, ...]  # the filtered cue lists, by index
    literals: tuple[_Literals | None, ...]
    # the literals that must start a word, searched in the shared word view (`word_text`) with the space before
    # them: only their hits at word starts come back. Value: (length, slots whose matches may start there).
    word_starts: ahocorasick.Automaton | None
    # the other literals, searched in the lower-cased text. Value: (length, slots whose matches may start
    # there, slots whose matches may hold it); None when there are none
    anywhere: ahocorasick.Automaton | None
    letters: frozenset[str]  # every literal character, as the fragments spell it


def _as_in_word_view(literal: str) -> str:
    """The literal as `word_text` spells what it matches: a character \\w does not match is a space there
    (so "video-call" also finds "video call": a few more starts to try, none missed)."""
    return "".join(c if _is_word_char(c) or c == " " else " " for c in literal)


@lru_cache(maxsize=None)
def _index(language: str | None) -> _Index:
    cues = cues_for(language)
    fragments = cue_fragments(language)
    names = tuple(name for name in FILTERED if name in fragments)
    literals = tuple(_literals(fragments[name], getattr(cues, name)) for name in names)
    word_starts: dict[str, set[int]] = {}
    starts_anywhere: dict[str, list[int]] = {}
    held_anywhere: dict[str, list[int]] = {}
    for i, lits in enumerate(literals):
        if lits is None:
            continue
        for literal in lits.prefixes:
            if lits.at_word_start:
                word_starts.setdefault(" " + _as_in_word_view(literal), set()).add(i)
            else:
                starts_anywhere.setdefault(literal, []).append(i)
        required_slot = len(names) + i if lits.unprefixed is not None else i
        for literal in lits.required:
            held_anywhere.setdefault(literal, []).append(required_slot)
    letters = frozenset().union(*(_literal_letters(fragments[name]) for name in names))
    # ASCII is checked here once: a document then needs only its other characters checked
    if not (word_starts or starts_anywhere or held_anywhere) or not all(
            _lowers_like_re(chr(c), letters) for c in range(128)):
        return _Index(names, literals, None, None, letters)
    at_starts = None
    if word_starts:
        at_starts = ahocorasick.Automaton()
        for key, slots in word_starts.items():
            at_starts.add_word(key, (len(key) - 1, tuple(sorted(slots))))
        at_starts.make_automaton()
    anywhere = None
    if starts_anywhere or held_anywhere:
        anywhere = ahocorasick.Automaton()
        for literal in starts_anywhere.keys() | held_anywhere.keys():
            anywhere.add_word(literal, (len(literal), tuple(starts_anywhere.get(literal, ())),
                                        tuple(held_anywhere.get(literal, ()))))
        anywhere.make_automaton()
    return _Index(names, literals, at_starts, anywhere, letters)


def _literal_letters(fragments: list[str]) -> set[str]:
    """Every character the fragments match literally, as spelt (the case rules of `re` apply to these)."""
    letters: set[str] = set()
    for fragment in fragments:
        try:
            letters |= _letters_in(list(_sre_parse.parse(fragment, re.IGNORECASE)))
        except Exception:  # noqa: BLE001 - such a fragment has no literals in use either
            pass
    return letters


def _letters_in(items: list) -> set[str]:
    letters: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            letters.add(chr(av))
        elif op is _sre.SUBPATTERN:
            letters |= _letters_in(list(av[-1]))
        elif op is _sre.BRANCH:
            for alt in av[1]:
                letters |= _letters_in(list(alt))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            letters |= _letters_in(list(av[2]))
    return letters


# --- one document --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _lowers_like_re(char: str, letters: frozenset[str]) -> bool:
    """True when `re` (case-insensitive) equates `char` with a literal letter only if their lower cases agree."""
    low = char.lower()
    if len(low) != 1:
        return False
    return all(low == letter.lower() or not re.fullmatch(re.escape(letter), char, re.IGNORECASE)
               for letter in letters)


def _lowers_safely(text: str, letters: frozenset[str]) -> bool:
    """True when the lower-cased text finds every literal `re` would find in the text (ASCII: always)."""
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    return not others or all(_lowers_like_re(char, letters) for char in set(others.decode("utf-8", "surrogatepass")))


class _Filtered:
    """A cue pattern that, on its document's text, skips what its literals rule out.

    Any other string, and anything but search/match/finditer, goes to the plain pattern.
    (The rules call these tens of thousands of times per second: each is one function, no helpers.)
    """

    def __init__(self, pattern: re.Pattern[str], text: str, starts: list[int], ends: list[int],
                 anchored: bool) -> None:
        self.pattern_object = pattern
        self.text = text
        self.starts = starts  # literal occurrences, by start
        self.ends = ends
        self.anchored = anchored  # matches start only at `starts`

    def __getattr__(self, name: str):
        return getattr(self.pattern_object, name)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(string) if endpos is None else endpos
        if string is not self.text:
            return self.pattern_object.search(string, pos, end)
        starts = self.starts
        i = bisect.bisect_left(starts, pos)
        if i == len(starts) or starts[i] >= end:
            return None  # no literal in the range: most questions end here
        if not self.anchored:
            return self.pattern_object.search(string, pos, end) if self._holds_literal(i, end) else None
        # the leftmost start where the pattern matches: what search() returns
        match = self.pattern_object.match
        for start in starts[i:]:
            if start >= end:
                break
            found = match(string, start, end)
            if found:
                return found
        return None

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(string) if endpos is None else endpos
        if string is not self.text:
            return self.pattern_object.match(string, pos, end)
        starts = self.starts
        i = bisect.bisect_left(starts, pos)
        if self.anchored:
            possible = i < len(starts) and starts[i] == pos
        else:
            possible = self._holds_literal(i, end)
        return self.pattern_object.match(string, pos, end) if possible else None

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(string) if endpos is None else endpos
        if string is not self.text:
            return self.pattern_object.finditer(string, pos, end)
        starts = self.starts
        i = bisect.bisect_left(starts, pos)
        if i == len(starts) or starts[i] >= end:
            return iter(())  # no literal in the range
        if not self.anchored:
            return self.pattern_object.finditer(string, pos, end) if self._holds_literal(i, end) else iter(())
        # finditer goes on from each match's end; no fragment matches the empty string
        found: list[re.Match[str]] = []
        match = self.pattern_object.match
        resume = pos
        for start in starts[i:]:
            if start >= end:
                break
            if start >= resume:
                m = match(string, start, end)
                if m:
                    found.append(m)
                    resume = m.end()
        return iter(found)

    def _holds_literal(self, i: int, end: int) -> bool:
        """Some literal from the i-th occurrence on lies wholly before `end`."""
        starts, ends = self.starts, self.ends
        for k in range(i, len(starts)):
            if starts[k] >= end:
                return False
            if ends[k] <= end:
                return True
        return False


def document_cues(text: str, language: str | None) -> Cues:
    """The language's cues, their list patterns filtered for this text (the plain cues when they cannot be)."""
    shared = views(text)  # the contact rules ask for them more than once per document
    key = ("contact_cues", language)
    cues = shared.get(key)
    if cues is None:
        cues = shared[key] = _document_cues(text, language)
    return cues


def at_leading_letters(pattern: re.Pattern[str], fragments: tuple[str, ...], text: str):
    """`pattern`, a word-start alternation of `fragments` built as the cue lists are, for this text: matched
    only where a fragment's leading letters start a word (the plain pattern when that cannot be known).

    For a pattern scanned over whole texts whose fragments are rare words: a few `str.find` passes over the
    shared lower-cased text instead of the regex tried at every position.
    """
    prefixes, letters = _leading_letters(pattern, fragments)
    if not prefixes or not _lowers_safely(text, letters):
        return pattern
    low = lowered(text)
    starts = set()
    for prefix in prefixes:
        i = low.find(prefix)
        while i >= 0:
            if i == 0 or not _is_word_char(text[i - 1]):
                starts.add(i)
            i = low.find(prefix, i + 1)
    return _Filtered(pattern, text, sorted(starts), [], anchored=True)


@lru_cache(maxsize=None)
def _leading_letters(pattern: re.Pattern[str], fragments: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(the prefixes every match of `pattern` starts a word with, the literal characters of the fragments);
    no prefixes when a fragment has none, or lower-casing could miss one."""
    literals = _literals(list(fragments), pattern)
    letters = frozenset(_literal_letters(list(fragments)))
    if (literals is None or not literals.prefixes or literals.unprefixed is not None or not literals.at_word_start
            or not all(_lowers_like_re(chr(c), letters) for c in range(128))):
        return frozenset(), letters
    return literals.prefixes, letters


def _document_cues(text: str, language: str | None) -> Cues:
    cues = cues_for(language)
    index = _index(language)
    if (index.word_starts is None and index.anywhere is None) or not _lowers_safely(text, index.letters):
        return cues
    slots = 2 * len(index.names)
    starts: list[list[int]] = [[] for _ in range(slots)]  # where a slot's matches may start
    held: list[list[tuple[int, int]]] = [[] for _ in range(slots)]  # spans of the letters a slot's matches hold
    # a few hundred literals per document: the loops do only what each one needs
    if index.word_starts is not None:
        # the shared word view has a space for every character \w does not match, and one in front (index
        # i + 1 is text index i): a hit of " literal" that ends at `last` is the literal starting a word at
        # text index last - length
        for last, (length, found_in) in index.word_starts.iter(word_text(text)):
            start = last - length
            for i in found_in:
                starts[i].append(start)
    if index.anywhere is not None:
        for last, (length, starting, holding) in index.anywhere.iter(lowered(text)):
            start = last - length + 1
            for i in starting:
                starts[i].append(start)
            for i in holding:
                held[i].append((start, last + 1))
    filtered = {}
    for i, name in enumerate(index.names):
        literals = index.literals[i]
        if literals is None:
            continue
        if literals.prefixes:  # match starts, one each
            found = set(starts[i])
            letters = held[len(index.names) + i]
            if literals.unprefixed is not None and letters:
                found.update(_word_starts(text, letters) if literals.word_led
                             else _match_starts(literals.unprefixed, text))
            filtered[name] = _Filtered(getattr(cues, name), text, sorted(found), [], anchored=True)
        else:
            spans = held[i]
            spans.sort()
            filtered[name] = _Filtered(getattr(cues, name), text, [start for start, _ in spans],
                                       [end for _, end in spans], anchored=False)
    return _with_patterns(cues, filtered)


# Cues' fields in the order its __init__ takes them (dataclasses.replace asks fields() for them each time)
_CUES_FIELDS = tuple(f.name for f in dataclasses.fields(Cues))


def _with_patterns(cues: Cues, patterns: dict[str, _Filtered]) -> Cues:
    """`dataclasses.replace(cues, **patterns)` without its __init__: that sets each of the ~45 frozen fields
    through object.__setattr__, a tenth of this module's time per document, for a copy of plain values."""
    if not hasattr(cues, "__dict__"):  # compiled (mypyc): a native class keeps no __dict__, and its __init__ is cheap
        # a _Filtered stands in for its pattern (the same search, match and finditer)
        return Cues(*[patterns[name] if name in patterns else getattr(cues, name)  # type: ignore[arg-type]
                      for name in _CUES_FIELDS])
    copy = object.__new__(Cues)
    copy.__dict__.update(cues.__dict__)
    copy.__dict__.update(patterns)
    return copy


def _match_starts(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Every position where `pattern` matches, overlapping ones too (finditer would skip those)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m.start()
        pos = m.start() + 1


def _word_starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Where the words holding the spans start (after the run of word characters before each span)."""
    starts = set()
    for start, _ in spans:
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        starts.add(start)
    return starts
