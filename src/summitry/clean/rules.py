"""Cleaning rules from the data files, checked and compiled once.

Words and patterns live in data/<lang>/boilerplate.yaml, bylines.yaml and
function_words.txt; this module merges the languages, checks the keys, expands
placeholders ({AGENCY}, {NAMES}, {DATE}, …) and compiles the patterns: those
anchored at a line start as one alternation per family (one match call per
line), the others one by one behind cheap substring checks (`needs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from summitry.data import LANGUAGES, load_list, load_yaml
from summitry.errors import DataFileError

BOILERPLATE_KEYS: Final = frozenset({
    "markers", "line_patterns", "inline_patterns", "breadcrumb_roots",
    "breadcrumb_separators", "teaser_headline", "agencies",
})
BYLINE_KEYS: Final = frozenset({
    "credits", "bylines", "datelines", "date_labels", "weekdays", "months",
    "name_particles", "not_name_words", "name_separators", "place_prepositions", "time_words",
})
MARKER_KEYS: Final = frozenset({"text", "reason", "scope", "max_lines"})
PATTERN_KEYS: Final = frozenset({"pattern", "reason", "needs", "tail"})
# A pattern ending in $ only sees the end of a line: what it looks for (a credit,
# a signature) is short, and searching long lines from the start is the main cost.
TAIL: Final = 250
SCOPES: Final = ("line", "block", "tail")

# A name part: a capitalised word, an initial ("J.") or a hyphenated name.
_NAME_WORD: Final = r"[^\W\d_][\w'’.-]*"
_NAME: Final = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}"
_GROUP: Final = re.compile(r"\(\?P<(names|date)(\w*)>")
# A pattern that never matches: the stand-in for an empty word list.
NEVER: Final = r"(?!x)x"


@dataclass(frozen=True)
class Marker:
    """A boilerplate line and what goes with it (scope: line, block or tail)."""

    reason: str
    scope: str
    max_lines: int


@dataclass(frozen=True)
class Rule:
    """One line pattern with its reason and the cheap checks that spare most lines the regex."""

    pattern: re.Pattern[str]
    reason: str
    needs: tuple[str, ...]  # the line must contain one of these (empty: no condition)
    tail: int  # only the last `tail` characters are searched (0: all)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in the line (in its tail), if the line has what the rule needs."""
        if self.needs and not self.wanted(text):
            return None
        return self.pattern.search(text, max(0, len(text) - self.tail) if self.tail else 0)

    def wanted(self, text: str) -> bool:
        """Whether the text contains one of the needs."""
        for need in self.needs:
            if need in text:
                return True
        return False


@dataclass(frozen=True)
class RuleSet:
    """Patterns of one family: those anchored at the line start run as one alternation."""

    starts: re.Pattern[str]  # the ^-anchored patterns, for match(): an empty group _r<i> after each
    start_reasons: tuple[str, ...]
    others: tuple[Rule, ...]

    def active(self, document: str) -> RuleSet:
        """The rules that can match somewhere in `document` (their needs occur in it)."""
        others = tuple(rule for rule in self.others if not rule.needs or rule.wanted(document))
        return self if len(others) == len(self.others) else RuleSet(self.starts, self.start_reasons, others)

    def first(self, text: str) -> str | None:
        """The reason of a rule matching the line, or None."""
        m = self.starts.match(text)
        if m:
            mark = m.lastgroup  # every alternative ends in its group _r<i>: one of them took part
            assert mark is not None
            return self.start_reasons[int(mark[2:])]
        for rule in self.others:  # Rule.search inlined: this runs for every line
            if rule.needs:
                for need in rule.needs:
                    if need in text:
                        break
                else:
                    continue
            if rule.pattern.search(text, len(text) - rule.tail if rule.tail and len(text) > rule.tail else 0):
                return rule.reason
        return None


@dataclass(frozen=True)
class TextRules:
    """Patterns run once over a whole text (multi-line mode: ^ and $ are line edges)."""

    rules: tuple[Rule, ...]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, reason) of every match, earlier rules first; a group `cut` narrows the span."""
        found = []
        for rule in self.rules:
            if rule.needs and not rule.wanted(text):
                continue
            found += [_cut(m, rule.reason) for m in rule.pattern.finditer(text)]
        return found


def _cut(m: re.Match[str], reason: str) -> tuple[int, int, str]:
    """The span to remove: the group `cut` when the pattern has it, else the whole match."""
    if "cut" in m.re.groupindex and m.group("cut") is not None:
        return m.start("cut"), m.end("cut"), reason
    return m.start(), m.end(), reason


@dataclass(frozen=True)
class Rules:
    """All cleaning rules of all languages, compiled."""

    markers: dict[str, Marker]
    line_patterns: RuleSet
    inline_patterns: TextRules
    breadcrumb_roots: frozenset[str]
    breadcrumb_separators: re.Pattern[str]
    breadcrumb_start: re.Pattern[str]  # a root and a separator: "Home > …"
    # A line break and a line opening with "1" or with breadcrumb_start: where trails may start
    # (in the lines joined, each after a "\n": one pass finds them, a C-level search for "\n").
    trail_openings: re.Pattern[str]
    teaser_headline: re.Pattern[str]
    credits: re.Pattern[str]  # the credit patterns without needs as one alternation (each ^-anchored; match())
    needy_credits: tuple[Rule, ...]  # credit patterns tried only where their needs occur
    bylines: re.Pattern[str]  # the ^-anchored byline patterns as one alternation (match())
    glued_bylines: tuple[re.Pattern[str], ...]  # bylines that may follow text on the same line; all have a date
    datelines: re.Pattern[str]  # all dateline patterns as one alternation (match())
    date: re.Pattern[str]  # any date with day, month and year
    months: dict[str, int]
    name_particles: frozenset[str]
    not_name_words: frozenset[str]
    name_separators: re.Pattern[str]
    place_suffix: re.Pattern[str]  # " in Moskau" after a name in a credit
    function_words: frozenset[str]


def _alternatives(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _case_insensitive_alternatives(words: Iterable[str]) -> str:
    """`_alternatives` for use inside (?i:...), written as a trie: "AP|APA|AFP" → "a(?:fp|p(?:a|))".

    The regex engine then reads a character once instead of once per word (the
    agencies are tried on every line). Where one word is a prefix of another
    the longer is still tried first, so the trie matches what the alternation
    matches. Words are compared lower-cased, which (?i:...) does anyway.
    """
    keys = {w.lower() for w in words}
    if not all(k.isascii() for k in keys):  # non-ASCII case rules: keep it plain
        return _alternatives(words)
    trie: dict[str, dict] = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """The pattern of a trie node: its branches, the word ending here (if any) last."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _check_keys(rel: str, data: Any, allowed: frozenset[str]) -> dict[str, Any]:
    """The file's mapping, or DataFileError naming the file and its unknown keys."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError(f"data file {rel} must be a mapping of the keys {sorted(allowed)}")
    unknown = set(data) - allowed
    if unknown:
        raise DataFileError(f"data file {rel} has unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
    return data


_Entry = tuple[str, str, tuple[str, ...], int]


def _pattern_entries(rel: str, entries: Any, key: str) -> list[_Entry]:
    """(pattern, reason, needs, tail) of a {pattern, reason, needs, tail} list."""
    out = []
    for entry in entries or []:
        if not isinstance(entry, dict) or set(entry) - PATTERN_KEYS or "pattern" not in entry:
            raise DataFileError(f"data file {rel}: each {key} entry has the keys {sorted(PATTERN_KEYS)}, got {entry!r}")
        needs = entry.get("needs") or []
        if not isinstance(needs, list):
            raise DataFileError(f"data file {rel}: needs of {entry['pattern']!r} must be a list of strings")
        tail = entry.get("tail", 0)
        if not isinstance(tail, int) or tail < 0:
            raise DataFileError(f"data file {rel}: tail of {entry['pattern']!r} must be a positive number")
        out.append((_checked(rel, str(entry["pattern"])), str(entry.get("reason", "boilerplate")),
                    tuple(str(n) for n in needs), tail))
    return out


def _checked(rel: str, pattern: str) -> str:
    """The pattern, once it compiles with its placeholders filled in (errors name the file)."""
    probe = pattern
    for placeholder in ("{AGENCY}", "{NAMES}", "{DATE}", "{TIME}", "{LABEL}", "{WEEKDAY}"):
        probe = probe.replace(placeholder, "(?:x)")
    _compile(rel, probe)
    return pattern


def _compile(rel: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A compiled pattern, or DataFileError naming the file."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"data file {rel}: bad pattern {pattern!r}: {exc}") from exc


def _rule_set(rel: str, entries: list[_Entry], agency: str) -> RuleSet:
    """Line patterns: ^-anchored ones as one alternation, the rest one by one."""
    starts: list[str] = []
    start_reasons: list[str] = []
    others: list[Rule] = []
    for pattern, reason, needs, tail in entries:
        pattern = pattern.replace("{AGENCY}", agency)
        if pattern.startswith("^"):
            starts.append(_anchored_alternative(pattern, f"(?P<_r{len(starts)}>)"))
            start_reasons.append(reason)
        else:
            if not tail and pattern.endswith("$") and not pattern.endswith("\\$"):
                tail = TAIL
            others.append(Rule(_compile(rel, pattern), reason, needs, tail))
    return RuleSet(_compile(rel, "|".join(starts) or NEVER), tuple(start_reasons), tuple(others))


def _anchored_alternative(pattern: str, mark: str = "") -> str:
    """A ^-pattern as one alternative of an alternation used with match() only, `mark` after it.

    Without its ^ (match() anchors anyway) and with the mark (an empty named
    group telling which alternative matched: `lastgroup`) after it rather than
    a group around it, an alternative opens with its own first character or
    class, which the regex engine checks before trying the alternative at all:
    on most lines every alternative fails at its first character.
    """
    return f"(?:{pattern[1:] if pattern.startswith('^') else pattern}){mark}"


def date_pattern(months: dict[str, int]) -> str:
    """A date with day, month and year in the numeric and month-name forms the bylines use."""
    month = rf"(?i:{_alternatives(months)})\.?"
    return (
        r"(?:\d{4}-\d{2}-\d{2}"
        r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
        r"|\d{1,2}-\d{1,2}-\d{4}"
        rf"|\d{{1,2}}-{month}-\d{{4}}"
        rf"|\d{{1,2}}\.?\s{month}\s\d{{4}}"
        rf"|{month}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}})"
    )


@dataclass
class _Collected:
    """What the data files of all languages hold, before compiling."""

    markers: dict[str, Marker] = field(default_factory=dict)
    line_patterns: list[_Entry] = field(default_factory=list)
    inline_patterns: list[_Entry] = field(default_factory=list)
    roots: set[str] = field(default_factory=set)
    separators: set[str] = field(default_factory=set)
    headlines: list[str] = field(default_factory=list)
    agencies: set[str] = field(default_factory=set)
    credits: list[str] = field(default_factory=list)
    needy_credits: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    weekdays: set[str] = field(default_factory=set)
    time_words: set[str] = field(default_factory=set)
    months: dict[str, int] = field(default_factory=dict)
    particles: set[str] = field(default_factory=set)
    not_names: set[str] = field(default_factory=set)
    name_separators: set[str] = field(default_factory=set)
    place_words: set[str] = field(default_factory=set)
    function_words: set[str] = field(default_factory=set)


def _read_boilerplate(lang: str, c: _Collected) -> None:
    """Check and collect data/<lang>/boilerplate.yaml."""
    rel = f"{lang}/boilerplate.yaml"
    bp = _check_keys(rel, load_yaml(rel), BOILERPLATE_KEYS)
    for entry in bp.get("markers") or []:
        if not isinstance(entry, dict) or set(entry) - MARKER_KEYS or "text" not in entry:
            raise DataFileError(f"data file {rel}: bad marker {entry!r} (keys {sorted(MARKER_KEYS)})")
        scope = entry.get("scope", "line")
        if scope not in SCOPES:
            raise DataFileError(f"data file {rel}: marker {entry['text']!r} has scope {scope!r}, not one of {SCOPES}")
        c.markers[marker_key(str(entry["text"]))] = Marker(
            str(entry.get("reason", "boilerplate")), scope, int(entry.get("max_lines", 12)))
    c.line_patterns += _pattern_entries(rel, bp.get("line_patterns"), "line_patterns")
    c.inline_patterns += _pattern_entries(rel, bp.get("inline_patterns"), "inline_patterns")
    c.roots.update(str(r).casefold() for r in bp.get("breadcrumb_roots") or [])
    c.separators.update(str(s) for s in bp.get("breadcrumb_separators") or [])
    if bp.get("teaser_headline"):
        c.headlines.append(_checked(rel, str(bp["teaser_headline"])))
    c.agencies.update(str(a) for a in bp.get("agencies") or [])


def _read_bylines(lang: str, c: _Collected) -> None:
    """Check and collect data/<lang>/bylines.yaml and function_words.txt."""
    rel = f"{lang}/bylines.yaml"
    by = _check_keys(rel, load_yaml(rel), BYLINE_KEYS)
    for entry in by.get("credits") or []:
        if isinstance(entry, dict):
            (pattern, _reason, needs, _tail), = _pattern_entries(rel, [entry], "credits")
            c.needy_credits.append((pattern, needs))
        else:
            c.credits.append(_checked(rel, str(entry)))
    for pattern in by.get("bylines") or []:
        pattern = _checked(rel, str(pattern))
        if not pattern.startswith("^") and "{DATE}" not in pattern:
            # glued bylines are only tried where a year occurs (metadata._byline, clean._is_byline)
            raise DataFileError(f"data file {rel}: byline {pattern!r} is not ^-anchored (it may be glued "
                                "to a paragraph), so it must end in a {DATE}")
        c.bylines.append(pattern)
    c.datelines += [_checked(rel, str(p)) for p in by.get("datelines") or []]
    for name, number in (by.get("months") or {}).items():
        if not isinstance(number, int) or not 1 <= number <= 12:
            raise DataFileError(f"data file {rel}: month {name!r} must map to 1..12")
        c.months[str(name).casefold()] = number
    for key, target in (("date_labels", c.labels), ("weekdays", c.weekdays), ("time_words", c.time_words),
                        ("name_particles", c.particles), ("name_separators", c.name_separators),
                        ("place_prepositions", c.place_words)):
        target.update(str(x) for x in by.get(key) or [])
    c.not_names.update(str(x).casefold() for x in by.get("not_name_words") or [])
    c.function_words.update(w.casefold() for w in load_list(f"{lang}/function_words.txt"))


@lru_cache(maxsize=None)
def load_rules() -> Rules:
    """All languages' cleaning rules merged and compiled (cached)."""
    c = _Collected()
    for lang in LANGUAGES:
        _read_boilerplate(lang, c)
        _read_bylines(lang, c)

    # Credits write agencies in any case: "imago / dpa", "IMAGO/…", "Picture Alliance".
    agency = f"(?i:{_case_insensitive_alternatives(c.agencies)})" if c.agencies else NEVER
    date = date_pattern(c.months)
    name_list = rf"{_NAME}(?:(?:{_alternatives(c.name_separators) or NEVER}){_NAME}){{0,8}}"
    fill = {
        "{NAMES}": rf"(?P<names>{name_list})",
        "{DATE}": rf"(?P<date>{date})",
        "{TIME}": rf"\d{{1,2}}[:.]\d{{2}}(?:\s?(?:{_alternatives(c.time_words) or NEVER}))?(?:\s[A-Z]{{2,4}})?",
        "{LABEL}": rf"(?:{_alternatives(c.labels) or NEVER})",
        "{WEEKDAY}": rf"(?:{_alternatives(c.weekdays) or NEVER})\.?",
    }

    def expand(rel: str, patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        """Placeholders filled, each pattern compiled."""
        out = []
        for i, p in enumerate(patterns):
            for k, v in fill.items():
                p = p.replace(k, v)
            # unique group names, so that a family compiles into one alternation
            out.append(_compile(rel, _GROUP.sub(rf"(?P<\1\2_{i}>", p)))
        return tuple(out)

    def alternation(rel: str, patterns: list[str]) -> re.Pattern[str]:
        """A family of ^-anchored patterns as one compiled alternation, for match()."""
        return _compile(rel, "|".join(_anchored_alternative(p.pattern) for p in expand(rel, patterns)) or NEVER)

    trail_start = rf"(?i:{_alternatives(c.roots)})(?:{_alternatives(c.separators)})" \
        if c.roots and c.separators else NEVER
    return Rules(
        markers=c.markers,
        line_patterns=_rule_set("boilerplate.yaml line_patterns", c.line_patterns, agency),
        inline_patterns=TextRules(tuple(
            Rule(_compile("boilerplate.yaml inline_patterns", p.replace("{AGENCY}", agency), re.MULTILINE), r, n, 0)
            for p, r, n, _tail in c.inline_patterns
        )),
        breadcrumb_roots=frozenset(c.roots),
        breadcrumb_separators=_compile("breadcrumb_separators", _alternatives(c.separators) or NEVER),
        breadcrumb_start=_compile("breadcrumb_roots", trail_start),
        trail_openings=_compile("breadcrumb_roots", rf"\n(?:1|{trail_start})"),
        teaser_headline=_compile("teaser_headline", "|".join(f"(?:{h})" for h in c.headlines) or NEVER),
        credits=alternation("bylines.yaml credits", c.credits),
        needy_credits=tuple(
            Rule(p, "credit", needs, 0)
            for p, (_, needs) in zip(expand("bylines.yaml credits", [p for p, _ in c.needy_credits]), c.needy_credits)
        ),
        bylines=alternation("bylines.yaml bylines", [p for p in c.bylines if p.startswith("^")]),
        glued_bylines=expand("bylines.yaml bylines", [p for p in c.bylines if not p.startswith("^")]),
        datelines=alternation("bylines.yaml datelines", c.datelines),
        date=_compile("date", date),
        months=c.months,
        name_particles=frozenset(c.particles),
        not_name_words=frozenset(c.not_names),
        name_separators=_compile("name_separators", _alternatives(c.name_separators) or NEVER),
        place_suffix=_compile("place_prepositions", rf"\s(?:{_alternatives(c.place_words)})\s[^\W\d_][\w -]*$"
                              if c.place_words else NEVER),
        function_words=frozenset(c.function_words),
    )


def marker_key(line: str) -> str:
    """How a line is compared with the markers: case-folded, a final ':' dropped."""
    return line.strip().rstrip(":").strip().casefold()
