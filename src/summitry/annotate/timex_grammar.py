"""The regex grammar behind `summitry.annotate.timex`, built once per language set.

All surface forms come from data/<lang>/temporal.yaml. Each language contributes
a list of alternatives (`kind`, body), tried in order at one position. Word lists
become character tries (`(?:J(?:anuar|uli|uni)|...)`), which fail on the first
letter where a plain alternation is tried word by word.

One pattern of all ~40 alternatives, run with `finditer`, took 7–12 ms per 5 KB
document: Python's `re` enters every alternative at every word start. So a
document gets ONE pass for head tokens (digits, month and weekday names, units,
period nouns, holidays, ...: every alternative holds one), by an automaton over
the shared word view (`doctext.word_text`), each candidate confirmed by the
`heads` regex; at each head only the alternatives that can hold that token are
tried, anchored at the few plausible word starts up to 40 characters before it
and after the last word no alternative can hold (`timex_words.vocabulary`, read
off the grammar itself): "Minister" in "der Minister am Montag" ends the
window, so "der" is not tried.
Each alternative starts with a lookahead for its possible first characters
(`_guard`): failing that costs `re` far less than failing inside the alternative.

Inner group names are per alternative (`a12_mon`); `Grammar.groups(m)` hands a
resolver the groups of the alternative that matched under their short names.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

import ahocorasick

try:  # the parser `re` uses; `_guard` reads alternatives with it, and does without when it is missing
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    try:
        import sre_parse as _sre_parse  # type: ignore[no-redef]
    except ImportError:
        _sre_parse = None  # type: ignore[assignment]

from summitry.annotate.doctext import lower_same_length, lowered_utf8, only_words, word_text
from summitry.annotate.timex_words import vocabulary
from summitry.data import load_yaml
from summitry.errors import DataFileError

KEYS = (
    "months", "weekdays", "weekday_abbreviations", "day_parts", "weekday_part_suffixes", "weekday_prefixes",
    "day_part_adjectives", "relative_days", "relative_day_adjectives", "relative_day_parts", "anchor_days",
    "past", "this", "next", "next_but_one", "span_modifiers", "period_nouns", "period_plurals",
    "period_compounds", "year_points", "point_modifiers", "ordinals", "half_nouns", "half_of_year",
    "quarter_nouns", "seasons", "decade_words", "numbers", "vague_quantities", "duration_modifiers",
    "fixed_durations", "half_suffix", "conjunctions", "units", "duration_preps", "not_duration_preps",
    "holidays", "lunar_new_year", "present_refs", "past_refs", "future_refs", "ref_blockers_after", "sets",
    "set_weekday_prefix", "weekday_adverbs", "prepositions", "articles", "genitive", "night_before",
    "night_adjectives", "ago", "future_point_preps", "ago_suffix", "range_words", "clock_words",
    "meridiem_spaced", "meridiem_glued", "time_zones", "noon_words", "head_stopwords", "year_blockers_before",
    "year_blockers_after", "future_cues", "past_cues", "past_suffixes",
)
NEVER = r"(?!x)x"
YEAR = r"(?:19|20)\d\d(?!\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
END = r"(?!\w)(?!-[^\W\d_])"  # "Mai-Treffen" is a compound, not a month


def load_temporal(lang: str) -> dict[str, Any]:
    """data/<lang>/temporal.yaml, checked for the keys the grammar needs."""
    data = load_yaml(f"{lang}/temporal.yaml")
    if not isinstance(data, dict):
        raise DataFileError(f"data file {lang}/temporal.yaml must be a mapping")
    missing = [k for k in KEYS if k not in data]
    if missing:
        raise DataFileError(f"data file {lang}/temporal.yaml lacks keys: {', '.join(missing)}")
    return data


def variants(words) -> set[str]:
    """Each word as written, and with a capital first letter when it is written lower-case."""
    out = set()
    for w in words:
        w = str(w)
        out.add(w)
        if w[:1].islower():
            out.add(w[0].upper() + w[1:])
    return out


def norm(surface: str) -> str:
    """A matched surface as a lookup key: single spaces, straight apostrophe."""
    if surface.isalnum():  # most surfaces are one word: nothing to change
        return surface
    return " ".join(surface.replace("’", "'").split())


def trie(words) -> str:
    """A regex matching any of `words` (longest first), spaces as \\s+, "'" also as "’"."""
    root: dict = {}
    for w in words:
        node = root
        for ch in norm(str(w)):
            node = node.setdefault(ch, {})
        node[""] = True
    return _emit(root) or NEVER


def _emit(node: dict) -> str:
    """Regex for one trie node."""
    branches = []
    for ch in sorted(k for k in node if k):
        if ch == " ":
            head = r"\s+"
        elif ch == "'":
            head = "['’]"
        else:
            head = re.escape(ch)
        branches.append(head + _emit(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


@dataclass
class Lang:
    """One language's data plus the regex pieces made from it."""

    code: str
    data: dict[str, Any]
    p: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Build the regex pieces from the data."""
        d = self.data
        t = lambda key: trie(variants(d[key]))  # noqa: E731
        months = {str(k): v for k, v in d["months"].items()}
        longest: dict[int, int] = {}  # month number -> its longest name
        for k, v in months.items():
            longest[v] = max(longest.get(v, 0), len(k))
        abbr = [k for k, v in months.items() if len(k) < longest[v]]
        full = [k for k in months if k not in abbr]
        p = self.p
        p["MON_FULL"] = trie(full)
        p["MON_ABBR"] = trie(abbr)
        p["MON_ANY"] = rf"(?:(?:{p['MON_ABBR']})\.|{p['MON_FULL']}|{p['MON_ABBR']})"
        p["WD"] = trie(d["weekdays"])
        p["WDABBR"] = trie(d["weekday_abbreviations"])
        p["WDP"] = rf"(?:{p['WD']}|(?:{p['WDABBR']})\.?)"
        p["WDSFX"] = trie(d["weekday_part_suffixes"])
        p["WDPRE"] = t("weekday_prefixes")
        p["DP"] = t("day_parts")
        p["DPADJ"] = t("day_part_adjectives")
        p["RELDAY"] = t("relative_days")
        p["RELDAYADJ"] = t("relative_day_adjectives")
        p["RELDAYPART"] = t("relative_day_parts")
        p["ANCHOR"] = t("anchor_days")
        p["PAST"] = t("past")
        p["THIS"] = t("this")
        p["NEXT"] = t("next")
        p["NEXT2"] = t("next_but_one")
        p["SPANMOD"] = t("span_modifiers")
        p["REL"] = trie(variants(list(d["past"]) + list(d["this"]) + list(d["next"]) + list(d["next_but_one"])))
        p["PN"] = t("period_nouns")
        p["PN_YEAR"] = trie(variants(k for k, v in d["period_nouns"].items() if v == "year"))
        p["PN_WEEKEND"] = trie(variants(k for k, v in d["period_nouns"].items() if v == "weekend"))
        p["PL"] = t("period_plurals")
        p["COMP"] = t("period_compounds")
        p["COMP_YEAR"] = trie(variants(k for k, v in d["period_compounds"].items() if v[0] == "year"))
        p["YP"] = t("year_points")
        p["PM"] = t("point_modifiers")
        p["ORD"] = t("ordinals")
        p["HALFN"] = t("half_nouns")
        p["HALFOF"] = t("half_of_year")
        p["QN"] = t("quarter_nouns")
        p["SEASON"] = t("seasons")
        p["DECW"] = t("decade_words")
        p["NUMW"] = trie(variants(list(d["numbers"]) + list(d["vague_quantities"])))
        if self.code == "de":  # "1.000 Jahre" is a thousand, "1,5 Stunden" one and a half
            p["DIGITS"] = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?"
        else:
            p["DIGITS"] = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
        p["NUMX"] = rf"(?:{p['DIGITS']}|{p['NUMW']})"
        p["DURMOD"] = t("duration_modifiers")
        p["FIXDUR"] = t("fixed_durations")
        p["HALFSFX"] = t("half_suffix")
        p["CONJ"] = t("conjunctions")
        p["UNITS"] = t("units")
        p["HOL"] = t("holidays")
        p["REFS"] = trie(variants(list(d["present_refs"]) + list(d["past_refs"]) + list(d["future_refs"])))
        p["REFBLOCK"] = t("ref_blockers_after")
        p["SETS"] = t("sets")
        p["SETWDP"] = t("set_weekday_prefix")
        p["WDADV"] = t("weekday_adverbs")
        p["PREP"] = t("prepositions")
        p["ART"] = t("articles")
        p["GEN"] = t("genitive")
        p["NIGHTB"] = t("night_before")
        p["NIGHTADJ"] = t("night_adjectives")
        p["AGO"] = t("ago")
        p["AGOS"] = t("ago_suffix")
        p["RANGE"] = trie(variants(d["range_words"]))
        p["CLOCK"] = t("clock_words")
        p["MERS"] = trie(d["meridiem_spaced"])
        p["MERG"] = trie(d["meridiem_glued"])
        p["TZ"] = trie(d["time_zones"])
        p["NOON"] = t("noon_words")

    def year_tail(self) -> str:
        """Optional year after a month, season, half or quarter: explicit, relative or 'des Jahres'."""
        p = self.p
        return (
            rf"(?:\s+(?:(?:{p['GEN']})\s+)?(?:(?:{p['PN_YEAR']})\s+)?(?P<y>{YEAR})"
            rf"|\s+(?:(?:{p['GEN']})\s+)?(?P<ry>{p['REL']})\s+(?:{p['PN_YEAR']})"
            rf"|\s+(?:(?:{p['GEN']})\s+)?(?P<rc>{p['COMP_YEAR']})"
            rf"|\s+(?:{p['GEN']})\s+(?P<cy>{p['PN_YEAR']}))"
        )

    def day_month(self) -> str:
        """'4. Februar 2026', '3. bis 5. März' (de) or '4 February 2026', '20 to 22 March' (en)."""
        p = self.p
        if self.code == "de":
            return (
                rf"(?P<d>{DAY})\.\s*(?:(?:{p['RANGE']})\s*(?:(?:dem|den|zum)\s+)?(?P<d2>{DAY})\.\s*)?"
                rf"(?P<mon>{p['MON_ANY']})(?:\s+(?P<y>{YEAR}))?"
            )
        return (
            rf"(?P<d>{DAY})(?:st|nd|rd|th)?(?:\s*(?:{p['RANGE']})\s*(?P<d2>{DAY})(?:st|nd|rd|th)?)?"
            rf"\s+(?:of\s+)?(?P<mon>{p['MON_ANY']})(?:,?\s+(?P<y>{YEAR}))?"
        )

    def month_day(self) -> str:
        """'February 4, 2026', 'March 20-22', 'Feb. 4' (English order)."""
        p = self.p
        return (
            rf"(?P<mon>{p['MON_ANY']})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?!\d)"
            rf"(?:\s*(?:{p['RANGE']})\s*(?P<d2>{DAY})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y>{YEAR}))?"
        )

    def alternatives(self) -> list[tuple[str, str]]:
        """(kind, body) in the order they are tried at one position: specific before general."""
        p = self.p
        de = self.code == "de"
        clock_sfx = (
            rf"(?:\s*(?:[-–,|]|um|at)?\s*(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?!\d)"
            rf"(?:\s*(?:{p['CLOCK']}))?)?"
        )
        alts: list[tuple[str, str]] = [
            ("iso", rf"(?P<y>{YEAR})-(?P<m>1[0-2]|0[1-9])(?:-(?P<d>3[01]|[12]\d|0[1-9]))?(?!\d)"
                    rf"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?"),
            ("numeric_sep", rf"(?P<p1>\d{{1,2}})[/-](?P<p2>\d{{1,2}})[/-](?P<y>{YEAR})"),
            ("numeric", rf"(?:(?P<wdp>{p['WDP']}),?\s+(?:den\s+)?)?(?P<d>{DAY})\.(?P<m>1[0-2]|0?[1-9])\."
                        rf"(?P<y>{YEAR}|\d\d(?!\d))?" + clock_sfx),
            ("part_of_date", rf"(?P<dp>{p['DP']})\s+(?:{p['GEN']})\s+" + self.day_month() + clock_sfx),
        ]
        if not de:
            alts.append(("part_of_date", rf"(?P<dp>{p['DP']})\s+(?:{p['GEN']})\s+" + self.month_day()))
        alts.append(("day_month", rf"(?:(?P<wdp>{p['WDP']}),?\s+(?:(?:den|the)\s+)?)?" + self.day_month()
                     + (clock_sfx if de else "")))
        if not de:
            alts.append(("day_month", rf"(?:(?P<wdp>{p['WDP']}),?\s+)?" + self.month_day()))
        alts += [
            ("month", rf"(?:(?P<pm>{p['PM']})(?:\s+|-)|(?P<rel>{p['REL']})\s+)?"
                      rf"(?:(?P<mon>{p['MON_FULL']})(?P<yt>{self.year_tail()})?"
                      rf"|(?P<mab>{p['MON_ABBR']})\.?\s+(?P<ya>{YEAR}))"),
            ("point", rf"(?P<pm>{p['PM']})(?:\s+|-)(?:(?:(?:{p['PN_YEAR']})\s+)?(?P<y>{YEAR})"
                      rf"|(?:(?:{p['GEN']})\s+)?(?P<rel>{p['REL']})\s+(?P<pn>{p['PN']})"
                      rf"|(?:(?:{p['GEN']})\s+)?(?P<rc>{p['COMP']})"
                      rf"|(?:(?:{p['GEN']}|{p['ART']})\s+)(?P<cn>{p['PN']})(?:\s+(?P<y2>{YEAR}))?)"),
            ("half", rf"(?:(?:{p['ART']})\s+)?(?P<ord>{p['ORD']})\s+(?:(?P<hn>{p['HALFN']})|(?P<ho>{p['HALFOF']}))"
                     rf"(?P<yt>{self.year_tail()})?"),
            ("half", rf"H(?P<hd>[12])(?:\s*/?\s*(?P<y>{YEAR}))?"),
            ("quarter", rf"(?:(?:{p['ART']})\s+)?(?P<ord>{p['ORD']})\s+(?:{p['QN']})(?P<yt>{self.year_tail()})?"),
            ("quarter", rf"Q(?P<qd>[1-4])(?:\s*/?\s*(?P<y>{YEAR}))?"),
            ("season", rf"(?:(?P<pm>{p['PM']})(?:\s+|-)|(?P<rel>{p['REL']})\s+)?(?P<sea>{p['SEASON']})"
                       rf"(?P<yt>{self.year_tail()})?"),
        ]
        if de:
            alts.append(("decade", rf"(?:(?P<dec>(?:19|20)\d0)er|(?P<dec2>[1-9]0)er(?=n|\s*-?\s*[Jj]ahre)"
                                   rf"|(?P<dw>{p['DECW']})(?=n|\s*-?\s*[Jj]ahre))(?:n|\s*-?\s*[Jj]ahren?)?"))
            alts.append(("night_before", rf"(?:(?:{p['NIGHTADJ']})\s+)?(?:{p['NIGHTB']})\s+(?P<wd>{p['WD']})"))
        else:
            alts.append(("decade", rf"(?:(?:{p['ART']})\s+)?(?:(?P<dec>(?:19|20)\d0)['’]?s|['’](?P<dec2>[1-9]0)s)"
                                   rf"|(?:{p['ART']})\s+(?P<dw>{p['DECW']})"))
        alts += [
            ("weekday", rf"(?:(?P<rel>{p['REL']}|{p['RELDAYADJ']})\s+)?(?:(?P<wp>{p['WDPRE']})\s+)?(?P<wd>{p['WD']})"
                        rf"(?:(?P<sfx>{p['WDSFX']})|\s+(?P<dp>{p['DP']}))?"),
            ("set", rf"(?P<swp>{p['SETWDP']})\s+(?P<wd>{p['WD']})"),
            ("set", rf"(?P<wda>{p['WDADV']})"),
            ("relday_part", rf"(?P<rdp>{p['RELDAYPART']})"),
            ("day_part", rf"(?(pre)(?:(?P<adj>{p['DPADJ']})\s+)?(?P<dp>{p['DP']})|(?!))"),
            ("relday", rf"(?P<rd>{p['RELDAY']})(?:\s+(?P<dp>{p['DP']})|\s+(?P<sfx>{p['WDSFX']}))?"),
            ("anchor", rf"(?P<an>{p['ANCHOR']})"),
        ]
        if de:
            alts.append(("ago", rf"(?:{p['AGO']})\s+(?:(?P<mod>{p['DURMOD']})\s+)?(?P<n>{p['NUMX']})\s+"
                                rf"(?P<u>{p['UNITS']})"))
        else:
            alts.append(("ago", rf"(?:(?P<mod>{p['DURMOD']})\s+)?(?P<n>{p['NUMX']})\s+(?P<u>{p['UNITS']})"
                                rf"\s+(?:{p['AGOS']})"))
        alts += [
            ("span", rf"(?:(?:{p['ART']})\s+)?(?P<rel>{p['PAST']}|{p['NEXT']}|{p['SPANMOD']})\s+"
                     rf"(?:(?P<n>{p['NUMX']})\s+)?(?P<pl>{p['PL']})"),
            ("span", rf"(?:(?:{p['ART']})\s+)?(?P<sm>{p['SPANMOD']})\s+(?P<pn>{p['PN']})"),
            ("relperiod", rf"(?:(?:{p['GEN']}|{p['ART']})\s+)?(?P<rel>{p['REL']})\s+(?P<pn>{p['PN']})"),
            ("relperiod", rf"(?:(?:{p['GEN']}|{p['ART']})\s+)?(?P<rc>{p['COMP']})"),
            ("year_point", rf"(?P<yp>{p['YP']})"),
            ("weekend", rf"(?(pre)(?P<we>{p['PN_WEEKEND']})|(?!))"),
            ("duration", rf"(?P<fd>{p['FIXDUR']})"),
            ("duration", rf"(?:(?P<mod>{p['DURMOD']})\s+)?(?P<n>{p['NUMX']})\s+(?P<u>{p['UNITS']})"
                         rf"(?:\s*(?:{p['CONJ']})\s+(?:{p['NUMX']})\s+(?:{p['UNITS']}))*"
                         rf"(?P<hs>\s+(?:{p['HALFSFX']}))?"),
            ("duration", rf"(?P<n>\d+|{p['NUMW']})-(?P<u>{p['UNITS']})(?:-(?:long|old))?"),
            ("bare_duration", rf"(?(pre)(?P<pl>{p['PL']})|(?!))"),
        ]
        if de:
            alts.append(("clock", rf"(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?:{p['CLOCK']})"
                                  rf"(?:\s+(?P<tz>{p['TZ']}))?"))
        else:
            alts.append(("clock", rf"(?P<hh>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?"
                                  rf"(?:\s*(?P<ms>{p['MERS']})|(?P<mg>{p['MERG']}))"
                                  rf"(?:\s+(?P<tz>{p['TZ']}))?"))
        alts += [
            ("colon_clock", rf"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d)(?:\s+(?P<tz>{p['TZ']}))?"),
            ("noon", rf"(?P<nw>{p['NOON']})"),
            ("holiday", rf"(?P<hol>{p['HOL']})(?:\s+(?P<y>{YEAR}))?"),
            ("ref", rf"(?P<ref>{p['REFS']})(?!\s+(?:{p['REFBLOCK']})(?!\w))"),
            ("set", rf"(?P<set>{p['SETS']})"),
            ("year", rf"(?:(?P<yn>{p['PN_YEAR']})\s+)?(?P<y>{YEAR})(?![%]|[.,]\d)"),
        ]
        return alts


# Which alternatives may contain a token of each head list: a head token found in
# the text is tried only against these (over-inclusion costs time, omission a miss).
HEAD_LISTS: dict[str, tuple[str, ...]] = {
    "digits": ("iso", "numeric_sep", "numeric", "part_of_date", "day_month", "month", "point", "half", "quarter",
               "season", "decade", "ago", "span", "duration", "clock", "colon_clock", "holiday", "year"),
    "months": ("part_of_date", "day_month", "month"),
    "weekdays": ("numeric", "day_month", "weekday", "night_before", "set"),
    "weekday_adverbs": ("set",),
    "day_parts": ("part_of_date", "weekday", "day_part", "relday", "night_before", "relday_part"),
    "relative_days": ("relday",),
    "relative_day_parts": ("relday_part",),
    "anchor_days": ("anchor",),
    "period_nouns": ("month", "point", "half", "quarter", "season", "relperiod", "weekend", "year", "span"),
    "period_plurals": ("span", "bare_duration"),
    "period_compounds": ("month", "point", "half", "quarter", "season", "relperiod"),
    "year_points": ("year_point",),
    "half_nouns": ("half",),
    "half_of_year": ("half",),
    "quarter_nouns": ("quarter",),
    "seasons": ("season",),
    "decade_words": ("decade",),
    "units": ("ago", "duration"),
    "fixed_durations": ("duration",),
    "holidays": ("holiday",),
    "present_refs": ("ref",),
    "past_refs": ("ref",),
    "future_refs": ("ref",),
    "sets": ("set",),
    "night_before": ("night_before",),
    "noon_words": ("noon",),
}
# words that never stand alone in a timex: they cannot be its head token
HEAD_STOP_LISTS = ("prepositions", "articles", "genitive", "conjunctions", "range_words", "numbers",
                   "vague_quantities", "duration_modifiers", "past", "this", "next", "next_but_one",
                   "span_modifiers", "point_modifiers", "ordinals", "set_weekday_prefix", "ago", "ago_suffix",
                   "relative_day_adjectives", "weekday_prefixes", "day_part_adjectives", "night_adjectives")
_DIGITS: Final = frozenset(["digits"])
WINDOW: Final = 40  # characters a timex may reach back before its first head (23 seen: "in the not too distant future")
# lists whose words never begin a timex: they cannot be a starting point either
NO_START_LISTS = ("year_blockers_before", "year_blockers_after", "future_cues", "past_cues", "past_suffixes",
                  "time_zones", "lunar_new_year", "head_stopwords", "meridiem_spaced", "meridiem_glued",
                  "ref_blockers_after", "clock_words", "weekday_part_suffixes", "half_suffix", "conjunctions",
                  "range_words", "ago_suffix")


@dataclass
class Grammar:
    """The compiled grammar for a set of languages, with merged lookups (see the module docstring)."""

    langs: tuple[str, ...]
    prefix: str
    parts: list[str]
    kinds: list[str]
    alt_langs: list[str]
    group_names: list[dict[str, str]]
    heads: re.Pattern[str]
    starts: re.Pattern[str]
    head_lists: dict[str, frozenset[str]]
    lookups: dict[str, dict[str, Any]]
    cue_pattern: re.Pattern[str]
    blockers_before: re.Pattern[str]
    blockers_after: re.Pattern[str]
    duration_parts: dict[str, re.Pattern[str]]
    data: dict[str, dict[str, Any]]
    sets: dict[str, set[str]]
    head_automaton: Any = None  # see `_head_automaton`
    vocabulary: frozenset[str] | None = None  # see `timex_words`
    cue_automaton: Any = None  # see `_cue_automaton`
    _by_lists: dict[frozenset[str], re.Pattern[str]] = field(default_factory=dict)
    _group_lists: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    _match_of_head: dict[str, Any] = field(default_factory=dict)  # a head as matched → see `_head_match`

    def __post_init__(self) -> None:
        """Group names per alternative (by its own group's name) as two tuples, so `groups` fetches
        them in one call."""
        self._group_lists = {f"a{i}": (i, tuple(names), tuple(names.values()))
                             for i, names in enumerate(self.group_names)}

    def _compile(self, indices) -> re.Pattern[str]:
        """One pattern of the alternatives `indices`, in their global order and with their global names."""
        return re.compile(self.prefix + "(?:" + "|".join(self.parts[i] for i in sorted(indices)) + ")")

    def pattern_for(self, lists: frozenset[str]) -> re.Pattern[str]:
        """The pattern of the alternatives that may contain a token of `lists` (compiled once)."""
        pat = self._by_lists.get(lists)
        if pat is None:
            kinds = {k for name in lists for k in HEAD_LISTS[name]}
            pat = self._compile(i for i, k in enumerate(self.kinds) if k in kinds)
            self._by_lists[lists] = pat
        return pat

    def head_positions(self, text: str) -> list[int]:
        """Every position where `heads` may match, in order: where a head token or a digit begins."""
        utf8 = lowered_utf8(text)
        leads, pattern = _non_ascii_digits()
        if utf8.translate(None, leads) and pattern.search(utf8):
            return [m.start() for m in self.heads.finditer(text)]  # rare: the automaton has ASCII digits only
        # Running `heads` over the whole text tries it at every character. In the shared word view
        # (lower case, every non-word character a space) a head is a key that begins with a space,
        # so an automaton whose keys all do rests at its root until a word starts. The view has one
        # space in front: a key ending at `last` there begins at `last - length` in the text.
        return sorted({last - length for last, length in self.head_automaton.iter(word_text(text))})

    def scan(self, text: str) -> Iterator[re.Match[str]]:
        """Matches in text order, non-overlapping, as one `finditer` over all alternatives would give."""
        pos = 0
        head_end = 0
        heads = self.heads.match
        vocabulary = self.vocabulary
        view = word_text(text) if vocabulary is not None else ""
        patterns = self._match_of_head
        for i in self.head_positions(text):
            if i < head_end:
                continue
            hm = heads(text, i)  # the heads in order, as `heads.finditer` would give them
            if hm is None:
                continue
            head_end, h = hm.end(), i
            if h < pos:
                continue
            match = patterns.get(hm.group())
            if match is None:
                match = patterns[hm.group()] = self._head_match(hm)
            if not match:
                continue
            lo = max(pos, h - WINDOW)
            if vocabulary is not None:
                lo = _after_strangers(view, lo, h, vocabulary)
            for sm in self.starts.finditer(text, lo, head_end):
                m = match(text, sm.start())
                if m and m.end() > h:
                    pos = m.end()
                    yield m
                    break

    def _head_match(self, hm: re.Match[str]) -> Any:
        """`match` of the pattern for the head `hm` matched, or False when no alternative holds it."""
        lists: frozenset[str] | None
        if hm.group("d"):
            lists = _DIGITS
        else:
            key = norm(hm.group(0))
            lists = self.head_lists.get(key) or self.head_lists.get(key[:1].lower() + key[1:])
        return self.pattern_for(lists).match if lists else False

    def groups(self, m: re.Match[str]) -> tuple[int, dict[str, str | None]]:
        """Index of the alternative that matched and its groups by short name."""
        name = m.lastgroup
        assert name is not None  # its own group "a12" closes last
        idx, shorts, fulls = self._group_lists[name]
        if len(fulls) > 1:
            return idx, dict(zip(shorts, m.group(*fulls)))
        return idx, {shorts[0]: m.group(fulls[0])} if fulls else {}

    def span_of(self, m: re.Match[str], idx: int) -> tuple[int, int]:
        """Start and end of alternative `idx`, the one that matched (the leading preposition left out)."""
        last = m.lastindex
        assert last is not None  # its own group closes last: no need to look its name up
        return m.span(last)

    def lookup(self, table: str, surface: str) -> Any:
        """Value of a matched surface in a merged data table, or None."""
        tab = self.lookups[table]
        key = norm(surface)
        if key in tab:
            return tab[key]
        return tab.get(key[:1].lower() + key[1:])


def _after_strangers(view: str, lo: int, h: int, vocabulary: frozenset[str]) -> int:
    """`lo`, or the end of the last word before `h` that no alternative can hold, if it is after `lo`
    (`view` is `doctext.word_text`: text index i is view index i + 1)."""
    words = view[lo + 1:h + 1].split()
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if word.isalpha() and word not in vocabulary:
            # its last occurrence as a whole word; none: it is the first, cut by `lo`
            at = view.rfind(" " + word + " ", lo, h + 1)
            return (at if at >= 0 else lo) + len(word)
    return lo


def _head_tokens(lang_objs: list[Lang]) -> dict[str, frozenset[str]]:
    """Head token -> the data lists it comes from: every content word of every entry.

    Function words and `head_stopwords` are left out so frequent words ("auf" in
    "Nacht auf den") do not wake the matcher; an entry left with none keeps its
    longest word. The window reaches back from a head to the entry's start.
    """
    stop = {norm(str(w)).lower() for L in lang_objs for name in HEAD_STOP_LISTS for w in L.data[name]}
    weak = {norm(str(w)).lower() for L in lang_objs for w in L.data["head_stopwords"]}
    out: dict[str, set[str]] = {}
    for L in lang_objs:
        for name in HEAD_LISTS:
            if name == "digits":
                continue
            for entry in L.data[name]:
                toks = [t for t in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", norm(str(entry)))
                        if len(t) > 2 and t.lower() not in stop]
                heads = [t for t in toks if t.lower() not in weak] or toks[:1] and [max(toks, key=len)]
                for v in variants(heads):
                    out.setdefault(v, set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


_GROUP = re.compile(r"\(\?P<(\w+)>")


@lru_cache(maxsize=1)
def _non_ascii_digits() -> tuple[bytes, re.Pattern[bytes]]:
    """A pattern for the UTF-8 encoding of every character `\\d` matches outside ASCII, and the bytes
    that cannot begin one (`bytes.translate` drops those first: most texts have no other left)."""
    # Unicode encodes decimal digits in runs of ten, 0 to 9, so every tenth code point meets each run
    found: set[str] = set()
    for cp in range(0, sys.maxunicode + 1, 10):
        ch = chr(cp)
        if ch.isdecimal():
            zero = cp - int(ch)
            found.update(chr(c) for c in range(zero, zero + 10) if chr(c).isdecimal())
    found -= set("0123456789")
    by_lead: dict[bytes, set[int]] = {}
    for ch in found:
        b = ch.encode("utf-8")
        by_lead.setdefault(b[:-1], set()).add(b[-1])
    pattern = re.compile(b"|".join(re.escape(lead) + b"[" + b"".join(re.escape(bytes([x])) for x in sorted(last)) + b"]"
                                   for lead, last in sorted(by_lead.items())))
    firsts = {lead[0] for lead in by_lead}
    return bytes(b for b in range(256) if b not in firsts), pattern


def _head_automaton(head_tokens) -> Any:
    """An automaton of the head tokens and the ASCII digits ("H1" and "Q3" too) as they read in
    `doctext.word_text`, each after a space (value: length of the key without the space)."""
    auto = ahocorasick.Automaton()
    keys = {only_words(lower_same_length(norm(token))) for token in head_tokens}
    keys |= {f"{letter}{d}" for letter in ("", "h", "q") for d in "0123456789"}
    for key in keys:
        auto.add_word(" " + key, len(key))
    auto.make_automaton()
    return auto


def _cue_automaton(cue_words) -> Any:
    """An automaton of the tense cues as whole words of `doctext.word_text` (" wird "; value: the
    word's length), or None when a cue is not one plain word ("set to", "'ll"): `Ctx.tense` then
    searches with `cue_pattern` alone."""
    if not all(str(w).isalpha() for w in cue_words):
        return None
    auto = ahocorasick.Automaton()
    for word in cue_words:
        key = lower_same_length(str(word))
        auto.add_word(f" {key} ", len(key))
    auto.make_automaton()
    return auto


try:
    _CATEGORY_ESCAPES = {
        _sre_parse.CATEGORY_DIGIT: r"\d", _sre_parse.CATEGORY_NOT_DIGIT: r"\D",
        _sre_parse.CATEGORY_SPACE: r"\s", _sre_parse.CATEGORY_NOT_SPACE: r"\S",
        _sre_parse.CATEGORY_WORD: r"\w", _sre_parse.CATEGORY_NOT_WORD: r"\W",
    }
except AttributeError:  # a parser of another shape: no guards
    _CATEGORY_ESCAPES = {}


def _first_items(seq) -> tuple[list, bool] | None:
    """Class items (op, value) of the characters a parsed sequence can begin with, and whether
    it can match empty; None when that is not known (the caller then assumes any character)."""
    items: list = []
    for op, av in seq:
        if op is _sre_parse.LITERAL:
            items.append((op, av))
            return items, False
        if op is _sre_parse.IN:
            if any(o is _sre_parse.NEGATE or (o is _sre_parse.CATEGORY and a not in _CATEGORY_ESCAPES)
                   for o, a in av):
                return None
            items.extend(av)
            return items, False
        if op is _sre_parse.AT or op is _sre_parse.ASSERT:
            continue  # takes no character
        if op is _sre_parse.ASSERT_NOT:
            if not av[1].data:
                return items, False  # (?!) never matches: nothing after it begins a match
            continue
        if op is _sre_parse.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                return None
            parts = [sub.data]
        elif op is _sre_parse.BRANCH:
            parts = [b.data for b in av[1]]
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
            parts = [av[2].data]
            if av[0] == 0:
                parts.append([])  # zero repetitions
        elif op is _sre_parse.GROUPREF_EXISTS:
            parts = [av[1].data, av[2].data if av[2] is not None else []]
        else:
            return None
        nullable = False
        for part in parts:
            found = _first_items(part)
            if found is None:
                return None
            items.extend(found[0])
            nullable = nullable or found[1]
        if not nullable:
            return items, False
    return items, True


def _guard(body: str) -> str:
    """A lookahead for the first character of an alternative, or "" when any may begin it.

    `re` enters every branch of an alternation in turn, and an alternative of the grammar
    costs far more to fail inside than a one-character class costs to fail before it.
    """
    if not _CATEGORY_ESCAPES:
        return ""
    try:  # an optimisation only: whatever goes wrong reading the body leaves it unguarded
        parsed = _sre_parse.parse("(?P<pre>)" + body)  # the alternatives refer to the prefix's group
        if parsed.state.flags & re.IGNORECASE:
            return ""
        found = _first_items(parsed.data)
        if found is None or found[1]:
            return ""
        out = []
        for op, av in found[0]:
            if op is _sre_parse.LITERAL:
                out.append(f"\\U{av:08x}")
            elif op is _sre_parse.RANGE:
                out.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
            elif op is _sre_parse.CATEGORY:
                out.append(_CATEGORY_ESCAPES[av])
            else:
                return ""
    except Exception:  # noqa: BLE001
        return ""
    return "(?=[" + "".join(dict.fromkeys(out)) + "])"


@lru_cache(maxsize=None)
def grammar(langs: tuple[str, ...]) -> Grammar:
    """The grammar for `langs` (compiled once and cached)."""
    lang_objs = [Lang(code, load_temporal(code)) for code in langs]
    preps = trie(set().union(*(variants(L.data["prepositions"]) for L in lang_objs)))
    arts = trie(set().union(*(variants(L.data["articles"]) for L in lang_objs)))
    pre = rf"(?:(?P<pre>(?:{preps})(?:\s+(?:{preps}))?(?:\s+(?:{arts}))?)\s+)?"

    # interleave by kind order of the first language so "4. Februar" (de) and "4 February" (en) both win
    # over the general alternatives of either language
    per_lang = [L.alternatives() for L in lang_objs]
    order: list[str] = []
    for alts in per_lang:
        for kind, _ in alts:
            if kind not in order:
                order.append(kind)
    merged: list[tuple[str, str, str]] = []
    for kind in order:
        for L, alts in zip(lang_objs, per_lang):
            merged += [(kind, L.code, body) for k, body in alts if k == kind]

    parts, kinds, alt_langs, group_names = [], [], [], []
    for i, (kind, code, body) in enumerate(merged):
        names: dict[str, str] = {}

        def rename(m: re.Match[str], i=i, names=names) -> str:
            names[m.group(1)] = f"a{i}_{m.group(1)}"
            return f"(?P<a{i}_{m.group(1)}>"

        body = _GROUP.sub(rename, body)
        parts.append(f"{_guard(body)}(?P<a{i}>{body}){END}")
        kinds.append(kind)
        alt_langs.append(code)
        group_names.append(names)
    prefix = r"(?<!\w)(?<![^\W\d_]-)" + pre
    head_lists = _head_tokens(lang_objs)
    glue = "|".join(trie(set(L.data["weekday_part_suffixes"])) for L in lang_objs)
    # a head token may carry a glued suffix: "Dienstagabend", "Achtzigerjahre", "Jahresbeginns"
    # one lookbehind for both branches: the scan runs at every position, so it must stay lean
    heads = re.compile(rf"(?<!\w)(?:(?P<d>[HQ]?\d)|(?:{trie(head_lists)})(?=(?:{glue}|[jJ]ahren?|n)?(?!\w)))")

    tables = ("months", "weekdays", "weekday_abbreviations", "day_parts", "weekday_part_suffixes",
              "relative_days", "relative_day_adjectives", "relative_day_parts", "anchor_days",
              "period_nouns", "period_plurals", "period_compounds", "year_points", "point_modifiers",
              "ordinals", "seasons", "decade_words", "numbers", "duration_modifiers", "fixed_durations",
              "units", "holidays", "sets", "weekday_adverbs", "meridiem_spaced", "meridiem_glued",
              "noon_words", "lunar_new_year")
    lookups: dict[str, dict[str, Any]] = {}
    for tab in tables:
        merged_tab: dict[str, Any] = {}
        for L in lang_objs:
            for k, v in L.data[tab].items():
                merged_tab[norm(str(k))] = v
        lookups[tab] = merged_tab
    word_sets = ("past", "this", "next", "next_but_one", "span_modifiers", "vague_quantities", "present_refs",
                 "past_refs", "future_refs", "duration_preps", "not_duration_preps", "half_suffix",
                 "future_point_preps")
    sets = {name: {norm(w).lower() for L in lang_objs for w in L.data[name]} for name in word_sets}

    future_cues = set().union(*(variants(L.data["future_cues"]) for L in lang_objs))
    past_cues = set().union(*(variants(L.data["past_cues"]) for L in lang_objs))
    cue_words = future_cues | past_cues
    fut, past = trie(future_cues), trie(past_cues)
    suffixes = [s for L in lang_objs for s in L.data["past_suffixes"]]
    suffix_alt = rf"|(?P<s>[^\W\d_]{{2,}}(?:{trie(suffixes)}))" if suffixes else ""
    cue_pattern = re.compile(rf"(?<!\w)(?:(?P<f>{fut})|(?P<p>{past}){suffix_alt})(?!\w)")
    cue_automaton = _cue_automaton(cue_words) if not suffixes else None

    before = trie(set().union(*(set(L.data["year_blockers_before"]) for L in lang_objs)))
    after = trie(set().union(*(set(L.data["year_blockers_after"]) for L in lang_objs)))
    blockers_before = re.compile(rf"(?<!\w)(?:{before})\s*$")
    blockers_after = re.compile(rf"\s*(?:{after})(?!\w)")

    duration_parts = {
        L.code: re.compile(rf"(?P<n>{L.p['NUMX']})(?:\s+|-)(?P<u>{L.p['UNITS']})(?!\w)") for L in lang_objs
    }
    # the first word of any entry (or a digit, "H1", "'90s") is where a match may begin
    firsts = set(head_lists)
    for L in lang_objs:
        for name in KEYS:
            if name not in NO_START_LISTS:
                firsts |= variants(norm(str(w)).split(" ")[0] for w in L.data[name])
    starts = re.compile(rf"(?<!\w)(?:[HQ]?\d|['’]\d|{trie(firsts)})")
    g = Grammar(langs, prefix, parts, kinds, alt_langs, group_names, heads, starts, head_lists, lookups, cue_pattern,
                blockers_before, blockers_after, duration_parts, {L.code: L.data for L in lang_objs}, sets,
                _head_automaton(head_lists), vocabulary(prefix + "(?:" + "|".join(parts) + ")"), cue_automaton)
    for lists in {_DIGITS, *head_lists.values()}:  # compile now, not on a document's first use
        g.pattern_for(lists)
    return g
