"""Resolvers of the temporal tagger: one per grammar kind, from a match to a TIMEX3 type and value.

Each resolver takes (ctx, groups, match, start, end, lang) and returns
(type, value, start, end), or None to drop the candidate. The reading rules are
described in `summitry.annotate.timex`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Final

from summitry.annotate.timex_calendar import (
    SEASON_START,
    add_months,
    duration_value,
    holiday_date,
    iso_day,
    iso_week,
    month_end,
    safe_date,
)
from summitry.annotate.doctext import word_text
from summitry.annotate.timex_grammar import Grammar, grammar, norm

_PAST_LIMIT: Final = 304  # days (~10 months) since a period ended before a past-leaning reading gives way
_SENT_END: Final = re.compile(r"(?<![\d\s])[.!?](?=\s+\W*[A-ZÄÖÜ])|\n\s*\n")
_SENT_MARK: Final = re.compile(r"[.!?\n](?=\s)")  # where `_SENT_END` can match: both branches want a space next
_REL_OFFSET: Final = {"past": -1, "this": 0, "next": 1, "next2": 2}


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches."""
    return ch.isalnum() or ch == "_"


class Ctx:
    """Per-document state: the reference date, the last day mentioned, tense lookup."""

    __slots__ = ("text", "g", "ref", "ref_day", "inferred", "last_day")

    def __init__(self, text: str, g: Grammar, published: date | None, month: date | None = None):
        self.text = text
        self.g = g
        self.ref = published or month
        self.ref_day = published is not None  # False while the reference only pins a month
        self.inferred = published is None
        self.last_day: date | None = None

    def learn(self, d: date, day_known: bool) -> None:
        """Take an explicit date as reference when the document has no publication date."""
        if not self.inferred:
            return
        same_month = self.ref is not None and (d.year, d.month) == (self.ref.year, self.ref.month)
        if self.ref is None or (not self.ref_day and day_known and same_month):
            self.ref = d
            self.ref_day = day_known

    def anchor(self) -> date | None:
        """The day 'am Abend', 'am Vortag' and bare clock times hang on."""
        if self.last_day:
            return self.last_day
        return self.ref if self.ref_day else None

    def tense(self, start: int, end: int) -> str | None:
        """'future' or 'past' by the nearest tense cue in the sentence around [start, end); None without one."""
        text = self.text
        lo, hi = max(0, start - 240), min(len(text), end + 240)
        s0 = lo
        reach = lo
        # `_SENT_END` only matches at a mark or a line break with a space after it: tried there alone,
        # it does what a finditer over the window did at a fraction of the cost (its lookbehind ran
        # at every character); `_SENT_MARK` finds those places at C speed
        for mark in _SENT_MARK.finditer(text, lo, start):
            p = mark.start()
            if p < reach:
                continue
            bm = _SENT_END.match(text, p, start)
            if bm:
                s0 = reach = bm.end()
        s1 = hi
        for mark in _SENT_MARK.finditer(text, end, hi):
            bm = _SENT_END.match(text, mark.start(), hi)
            if bm:
                s1 = bm.start() + 1
                break
        best: tuple[int, str] | None = None
        for cm in self._cues_between(s0, s1):
            if cm.start() < end and cm.end() > start:
                continue
            dist = start - cm.end() if cm.end() <= start else cm.start() - end
            if best is None or dist < best[0]:
                best = (dist, "future" if cm.group("f") is not None else "past")
        return best[1] if best else None

    def _cues_between(self, s0: int, s1: int) -> list[re.Match[str]]:
        """The tense cues `cue_pattern.finditer(text, s0, s1)` finds, in order."""
        g, text = self.g, self.text
        if g.cue_automaton is None:
            return list(g.cue_pattern.finditer(text, s0, s1))
        # the automaton finds the whole cue words of the window in lower case, the pattern confirms
        # each (the view has one space in front: text index i is view index i + 1)
        match = g.cue_pattern.match
        out = [cm for last, length in g.cue_automaton.iter(word_text(text), s0, s1 + 2)
               if (cm := match(text, last - length - 1)) is not None]
        # a window that ends inside a word ends the string `finditer` sees: that word's head may be a cue
        if 0 < s1 < len(text) and _is_word_char(text[s1]) and _is_word_char(text[s1 - 1]):
            head = s1 - 1
            while head > s0 and _is_word_char(text[head - 1]):
                head -= 1
            if head == 0 or not _is_word_char(text[head - 1]):
                cm = g.cue_pattern.match(text, head, s1)
                if cm is not None:
                    out.append(cm)
        return out

    def future(self, start: int, end: int) -> bool:
        """Whether the sentence around [start, end) speaks of something ahead."""
        return self.tense(start, end) == "future"


Occ = Callable[[int], "tuple[date, date] | None"]
Groups = dict[str, Any]  # a match's groups by short name (`Grammar.groups`): str or None, Any for brevity
Resolved = tuple[str, str, int, int] | None  # (type, value, start, end), or None to drop the candidate


def _cyclic(ctx: Ctx, occ: Occ, future: bool) -> tuple[date, date] | None:
    """The occurrence of a yearly period nearest the reference, past-leaning unless `future`.

    Past-leaning: the last one begun on or before the reference, unless it ended
    more than ~10 months before it; then the next one. Future: the first not over.
    """
    ref = ctx.ref
    assert ref is not None  # callers without a reference do not ask
    cands = [c for y in range(ref.year - 2, ref.year + 3) if (c := occ(y))]
    if future:
        return next((c for c in cands if c[1] >= ref), None)
    past = [c for c in cands if c[0] <= ref]
    if past and (ref - past[-1][1]).days <= _PAST_LIMIT:
        return past[-1]
    return next((c for c in cands if c[0] > ref), past[-1] if past else None)


def _relative_occ(ctx: Ctx, occ: Occ, rel: str) -> tuple[date, date] | None:
    """'vergangenen Mai', 'diesen Sommer', 'next spring': strictly before, containing or after."""
    ref = ctx.ref
    assert ref is not None  # callers without a reference do not ask
    cands = [c for y in range(ref.year - 2, ref.year + 3) if (c := occ(y))]
    if rel == "past":
        return next((c for c in reversed(cands) if c[1] < ref), None)
    if rel in ("next", "next2"):
        ahead = [c for c in cands if c[0] > ref]
        k = 1 if rel == "next2" else 0
        return ahead[k] if len(ahead) > k else None
    return next((c for c in cands if c[0] <= ref <= c[1]), occ(ref.year))


def _weekday(ctx: Ctx, wd: int, rel: str | None, future: bool) -> date:
    """The date of an ISO weekday seen from the reference."""
    ref = ctx.ref
    assert ref is not None  # callers without a reference do not ask
    delta = wd - ref.isoweekday()
    if rel == "this":
        return ref + timedelta(days=delta)
    if rel in ("next", "next2"):
        return ref + timedelta(days=(delta % 7 or 7) + (7 if rel == "next2" else 0))
    if rel == "past":
        return ref - timedelta(days=(-delta) % 7 or 7)
    if future:
        return ref + timedelta(days=delta % 7)
    return ref - timedelta(days=(-delta) % 7)


def _rel(g: Grammar, word: str | None) -> str | None:
    """past | this | next | next2 for a modifier word."""
    if not word:
        return None
    w = norm(word).lower()
    for name, kind in (("next_but_one", "next2"), ("past", "past"), ("this", "this"), ("next", "next")):
        if w in g.sets[name]:
            return kind
    return None


def _rel_period(ctx: Ctx, kind: str, offset: int, future: bool = False) -> str:
    """Value of a week, month, year or weekend `offset` periods from the reference."""
    ref = ctx.ref
    if kind == "week":
        return iso_week(ref + timedelta(weeks=offset)) if ref and ctx.ref_day else "XXXX-WXX"
    if kind == "month":
        if not ref:
            return "XXXX-XX"
        y, m = add_months(ref.year, ref.month, offset)
        return f"{y:04d}-{m:02d}"
    if kind == "weekend":
        if not (ref and ctx.ref_day):
            return "XXXX-WXX-WE"
        if offset == 0 and not future and ref.isoweekday() < 6:
            offset = -1  # a past-tense "am Wochenende" on a weekday is the one just gone
        elif offset == 1 and ref.isoweekday() < 7:
            offset = 0  # "kommendes Wochenende" on a weekday is this week's
        return iso_week(ref + timedelta(weeks=offset)) + "-WE"
    return str(ref.year + offset) if ref else "XXXX"


def _tail_year(ctx: Ctx, gr: dict[str, Any]) -> int | None:
    """Year fixed by a year tail (y / ry / rc / cy groups: every branch of `Lang.year_tail` holds one);
    None if unresolved. Not False for "no tail": compiled, mypyc folds bool into int in `int | bool`."""
    g = ctx.g
    if gr.get("y"):
        return int(gr["y"])
    if gr.get("ry"):
        off = _REL_OFFSET[_rel(g, gr["ry"]) or "this"]
    elif gr.get("rc"):
        off = int(g.lookup("period_compounds", gr["rc"])[1])
    else:
        assert gr.get("cy"), "a year tail without a year group"
        off = 0
    return ctx.ref.year + off if ctx.ref else None


def _number(surface: str, lang: str, g: Grammar) -> float | None:
    """A number word or numeral; None for a vague quantity ("einige")."""
    s = norm(surface)
    if s[:1].isdigit():
        if lang == "de":
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
        return float(s)
    val = g.lookup("numbers", s)
    return float(val) if val is not None else None


def _sentence_initial(text: str, start: int) -> bool:
    """Whether only quotes and spaces stand between a sentence end (or the text start) and `start`."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "„“\"»«'‚("):
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _day_value(ctx: Ctx, d: int, mon: int, y: int | None, start: int, end: int) -> str | None:
    """Value of an explicit day of a month, the year from the text or the reference."""
    if y is not None:
        dd = safe_date(y, mon, d)
        if dd:
            ctx.learn(dd, True)
        return iso_day(dd) if dd else None
    if not ctx.ref:
        return f"XXXX-{mon:02d}-{d:02d}"
    if not ctx.ref_day and mon == ctx.ref.month and (dd := safe_date(ctx.ref.year, mon, d)):
        return iso_day(dd)  # a day of the month the text is known to be from: that month, whatever the tense

    def occ(yy: int) -> tuple[date, date] | None:
        """The day in year yy, if it exists (not a lambda: mypyc binds a walrus in one outside it)."""
        day = safe_date(yy, mon, d)
        return (day, day) if day else None

    hit = _cyclic(ctx, occ, ctx.future(start, end))
    return iso_day(hit[0]) if hit else None


def _with_time(day: str, gr: dict[str, Any]) -> tuple[str, str]:
    """(type, value) of a day, with a clock time or part of day when the match has one."""
    if gr.get("hh"):
        return "TIME", f"{day}T{int(gr['hh']):02d}:{int(gr.get('mi') or 0):02d}"
    return "DATE", day


def _anchor_day(ctx: Ctx) -> str:
    """Value of the day 'am Abend' hangs on, or XXXX-XX-XX."""
    d = ctx.anchor()
    return iso_day(d) if d else "XXXX-XX-XX"


# ---------------------------------------------------------------- resolvers
# Each takes (ctx, groups, match, start, end, lang) and returns (type, value, start, end) or None.

def _r_iso(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """2026-02-04, 2026-02-04T15:44, and year-month 2022-10 (a crawl prefix)."""
    y, mon = int(gr["y"]), int(gr["m"])
    if not gr.get("d"):
        ctx.learn(date(y, mon, 1), False)
        return "DATE", f"{y:04d}-{mon:02d}", s, e
    dd = safe_date(y, mon, int(gr["d"]))
    if not dd:
        return None
    ctx.learn(dd, True)
    typ, value = _with_time(iso_day(dd), gr)
    return typ, value, s, e


def _r_numeric_sep(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """05-10-2021, 12/07/2021: the day-month order nearer the reference wins."""
    a, b, y = int(gr["p1"]), int(gr["p2"]), int(gr["y"])
    cands = [x for x in (safe_date(y, b, a), safe_date(y, a, b)) if x]  # day-month first, then US order
    if not cands:
        return None
    ref = ctx.ref
    if ref and len(cands) == 2:
        cands.sort(key=lambda x: abs((x - ref).days))
    elif lang == "en" and len(cands) == 2 and "/" in m.group(0):
        cands.reverse()
    ctx.learn(cands[0], True)
    return "DATE", iso_day(cands[0]), s, e


def _r_numeric(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """04.02.2026, 21.01.2025 - 15:44 Uhr, 'am 4.2.'."""
    y = gr.get("y")
    if y is None and not m.group("pre"):
        return None  # "1.3." alone is more often a section number than a date
    if y is not None and len(y) == 2:
        y = "20" + y
    value = _day_value(ctx, int(gr["d"]), int(gr["m"]), int(y) if y else None, s, e)
    if not value:
        return None
    typ, value = _with_time(value, gr)
    return typ, value, s, e


def _r_day_month(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'4. Februar 2026', 'Feb. 4', '20 to 22 March' (the start day)."""
    mon = ctx.g.lookup("months", gr["mon"].rstrip("."))
    value = _day_value(ctx, int(gr["d"]), mon, int(gr["y"]) if gr.get("y") else None, s, e)
    if not value:
        return None
    typ, value = _with_time(value, gr)
    return typ, value, s, e


def _r_part_of_date(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Nachmittag des 4. Februar 2026' -> 2026-02-04TAF."""
    res = _r_day_month(ctx, gr, m, s, e, lang)
    if not res or res[0] == "TIME":
        return res
    return "TIME", f"{res[1]}T{ctx.g.lookup('day_parts', gr['dp'])}", s, e


def _r_month(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'im Mai', 'Mai vergangenen Jahres', 'Anfang Februar', 'last May', 'Jan 2026'."""
    g = ctx.g
    if gr.get("mab"):
        mon, y = g.lookup("months", gr["mab"]), int(gr["ya"])
        ctx.learn(date(y, mon, 1), False)
        return "DATE", f"{y:04d}-{mon:02d}", s, e
    mon = g.lookup("months", gr["mon"])
    rel = _rel(g, gr.get("rel"))
    if gr.get("yt"):
        year = _tail_year(ctx, gr)
        if gr.get("y"):
            ctx.learn(date(int(gr["y"]), mon, 1), False)
        return "DATE", f"{year:04d}-{mon:02d}" if year is not None else f"XXXX-{mon:02d}", s, e
    if not (gr.get("pm") or rel or m.group("pre")):
        return None  # a bare "August" or "May" is a name more often than a month
    if not ctx.ref:
        return "DATE", f"XXXX-{mon:02d}", s, e
    occ = lambda yy: (date(yy, mon, 1), month_end(yy, mon))  # noqa: E731
    hit = _relative_occ(ctx, occ, rel) if rel else _cyclic(ctx, occ, ctx.future(s, e))
    return ("DATE", f"{hit[0].year:04d}-{mon:02d}", s, e) if hit else None


def _r_point(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Anfang 2023', 'Ende vergangener Woche', 'the end of the year' (the base period's value)."""
    g = ctx.g
    if gr.get("y"):
        return "DATE", gr["y"], s, e
    if gr.get("rel"):
        kind = g.lookup("period_nouns", gr["pn"])
        return "DATE", _rel_period(ctx, kind, _REL_OFFSET[_rel(g, gr["rel"]) or "this"]), s, e
    if gr.get("rc"):
        kind, off = g.lookup("period_compounds", gr["rc"])
        return "DATE", _rel_period(ctx, kind, int(off)), s, e
    kind = g.lookup("period_nouns", gr["cn"])
    if gr.get("y2") and kind == "year":
        return "DATE", gr["y2"], s, e
    return "DATE", _rel_period(ctx, kind, 0), s, e


def _period(ctx: Ctx, gr: Groups, s: int, e: int, code: str, occ: Occ, rel: str | None = None,
            fmt: Callable[[int], str] | None = None) -> Resolved:
    """DATE value of a yearly period (half, quarter, season) with or without a year tail."""
    fmt = fmt or (lambda y: f"{y:04d}-{code}")
    if gr.get("yt") or gr.get("y"):
        year = _tail_year(ctx, gr)
        return "DATE", fmt(year) if year is not None else f"XXXX-{code}", s, e
    if not ctx.ref:
        return "DATE", f"XXXX-{code}", s, e
    hit = _relative_occ(ctx, occ, rel) if rel else _cyclic(ctx, occ, ctx.future(s, e))
    return ("DATE", fmt(hit[0].year), s, e) if hit else None


def _r_half(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'ersten Jahreshälfte', 'first half of 2026', 'H1 2026'."""
    if gr.get("hd"):
        if not gr.get("y"):
            return None  # "H1" alone is a visa or a chip more often than a half-year
        n = int(gr["hd"])
    else:
        n = ctx.g.lookup("ordinals", gr["ord"])
        if n not in (1, 2) or (gr.get("ho") and not gr.get("yt")):
            return None  # "ersten Hälfte der Amtszeit" is no half-year
    occ = lambda y: (date(y, 6 * n - 5, 1), month_end(y, 6 * n))  # noqa: E731
    return _period(ctx, gr, s, e, f"H{n}", occ)


def _r_quarter(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'zweiten Quartal', 'third quarter of 2025', 'Q3 2025'."""
    n = int(gr["qd"]) if gr.get("qd") else ctx.g.lookup("ordinals", gr["ord"])
    if n not in (1, 2, 3, 4):
        return None
    occ = lambda y: (date(y, 3 * n - 2, 1), month_end(y, 3 * n))  # noqa: E731
    return _period(ctx, gr, s, e, f"Q{n}", occ)


def _r_season(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'im Frühjahr', 'vergangenen Sommer', 'spring of 2023'."""
    rel = _rel(ctx.g, gr.get("rel"))
    if not (gr.get("pm") or rel or gr.get("yt") or m.group("pre")):
        return None  # "Jede Jahreszeit ist Frühling": no time meant
    code = ctx.g.lookup("seasons", gr["sea"])
    sm = SEASON_START[code]

    def occ(y: int) -> tuple[date, date]:
        """The season's span in year y (winter runs into y+1)."""
        ey, em = add_months(y, sm, 2)
        return date(y, sm, 1), month_end(ey, em)

    return _period(ctx, gr, s, e, code, occ, rel)


def _r_decade(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'1990er Jahren', '90er Jahren', 'Achtzigerjahre', 'the 1990s'."""
    if gr.get("dec"):
        return "DATE", gr["dec"][:3], s, e
    n = int(gr["dec2"]) // 10 if gr.get("dec2") else int(ctx.g.lookup("decade_words", gr["dw"]))
    ref_year = ctx.ref.year if ctx.ref else 1999
    century = 20 if 2000 + 10 * n <= ref_year else 19  # "90er" = 1990s; "20er" now = 2020s
    return "DATE", f"{century}{n}", s, e


def _r_night_before(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Nacht zu Donnerstag': the Wednesday night (TNI)."""
    wd = ctx.g.lookup("weekdays", gr["wd"])
    if not (ctx.ref and ctx.ref_day):
        return "TIME", f"XXXX-WXX-{(wd - 2) % 7 + 1}TNI", s, e
    day = _weekday(ctx, wd, None, ctx.future(s, e)) - timedelta(days=1)
    return "TIME", f"{iso_day(day)}TNI", s, e


def _r_weekday(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Mittwoch', 'kommenden Donnerstag', 'Dienstagnachmittag', 'last Monday', 'Monday night'."""
    g = ctx.g
    wd = g.lookup("weekdays", gr["wd"])
    part = g.lookup("weekday_part_suffixes", gr["sfx"]) if gr.get("sfx") else None
    if gr.get("dp"):
        part = g.lookup("day_parts", gr["dp"])
    adj = g.lookup("relative_day_adjectives", gr["rel"]) if gr.get("rel") else None
    if not (ctx.ref and ctx.ref_day):
        value = f"XXXX-WXX-{wd}"
    elif adj is not None:
        value = iso_day(ctx.ref + timedelta(days=int(adj)))
    else:
        rel = _rel(g, gr.get("rel"))
        value = iso_day(_weekday(ctx, wd, rel, False if rel else ctx.future(s, e)))
    return ("TIME", f"{value}T{part}", s, e) if part else ("DATE", value, s, e)


def _r_set(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'jeden Montag', 'montags', 'jährlich', 'every year'."""
    g = ctx.g
    if gr.get("wd"):
        return "SET", f"XXXX-WXX-{g.lookup('weekdays', gr['wd'])}", s, e
    if gr.get("wda"):
        return "SET", f"XXXX-WXX-{g.lookup('weekday_adverbs', gr['wda'])}", s, e
    return "SET", g.lookup("sets", gr["set"]), s, e


def _r_relday_part(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'tonight', 'last night', 'this morning'."""
    off, part = ctx.g.lookup("relative_day_parts", gr["rdp"])
    day = iso_day(ctx.ref + timedelta(days=int(off))) if ctx.ref and ctx.ref_day else "XXXX-XX-XX"
    return "TIME", f"{day}T{part}", s, e


def _r_day_part(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'am Abend', 'in the morning': on the anchor day."""
    return "TIME", f"{_anchor_day(ctx)}T{ctx.g.lookup('day_parts', gr['dp'])}", s, e


def _r_relday(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'heute', 'gestern Abend', 'morgen früh', 'yesterday'."""
    g = ctx.g
    rd = norm(gr["rd"])
    if rd[:1].isupper() and g.lookup("day_parts", rd) and not _sentence_initial(ctx.text, s):
        return None  # "Guten Morgen": the noun, not "tomorrow"
    off = int(g.lookup("relative_days", rd))
    day = iso_day(ctx.ref + timedelta(days=off)) if ctx.ref and ctx.ref_day else "XXXX-XX-XX"
    part = None
    if gr.get("dp"):
        part = g.lookup("day_parts", gr["dp"])
    elif gr.get("sfx"):
        part = g.lookup("weekday_part_suffixes", gr["sfx"])
    return ("TIME", f"{day}T{part}", s, e) if part else ("DATE", day, s, e)


def _r_anchor(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'am Vortag', 'the previous day': relative to the anchor day."""
    base = ctx.anchor()
    off = int(ctx.g.lookup("anchor_days", gr["an"]))
    return "DATE", iso_day(base + timedelta(days=off)) if base else "XXXX-XX-XX", s, e


def _r_ago(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'vor zwei Wochen', 'three years ago' (vague amounts: PAST_REF)."""
    n = _number(gr["n"], lang, ctx.g)
    unit = ctx.g.lookup("units", gr["u"])
    ref = ctx.ref
    if n is None or not ref or (unit in ("H", "MIN", "S", "D", "W") and not ctx.ref_day):
        return "DATE", "PAST_REF", s, e
    k = int(n)
    if unit in ("H", "MIN", "S"):
        hours = {"H": k, "MIN": k / 60, "S": k / 3600}[unit]
        return "DATE", iso_day(ref - timedelta(days=int(hours // 24))), s, e
    if unit == "D":
        return "DATE", iso_day(ref - timedelta(days=k)), s, e
    if unit == "W":
        return "DATE", iso_week(ref - timedelta(weeks=k)), s, e
    if unit == "M":
        y, mo = add_months(ref.year, ref.month, -k)
        return "DATE", f"{y:04d}-{mo:02d}", s, e
    return "DATE", str(ref.year - k * (10 if unit == "DE" else 1)), s, e


def _r_span(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'in den vergangenen Wochen' PXW, 'the past two years' P2Y, 'the past year' P1Y."""
    g = ctx.g
    if gr.get("sm"):
        kind = g.lookup("period_nouns", gr["pn"])
        unit = {"week": "W", "month": "M", "year": "Y"}.get(kind)
        return ("DURATION", f"P1{unit}", s, e) if unit else None
    n = _number(gr["n"], lang, g) if gr.get("n") else None
    return "DURATION", duration_value([(n, g.lookup("period_plurals", gr["pl"]))]), s, e


def _r_relperiod(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'vergangene Woche', 'des vergangenen Jahres', 'Vorjahr', 'next month'."""
    g = ctx.g
    if gr.get("rc"):
        kind, off = g.lookup("period_compounds", gr["rc"])
        return "DATE", _rel_period(ctx, kind, int(off)), s, e
    kind = g.lookup("period_nouns", gr["pn"])
    off = _REL_OFFSET[_rel(g, gr["rel"]) or "this"]
    return "DATE", _rel_period(ctx, kind, off, future=off > 0), s, e


def _r_year_point(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Jahresbeginn', 'year-end': the year of that month's nearest occurrence."""
    mon = int(ctx.g.lookup("year_points", gr["yp"]))
    if not ctx.ref:
        return "DATE", "XXXX", s, e
    hit = _cyclic(ctx, lambda y: (date(y, mon, 1), month_end(y, mon)), ctx.future(s, e))
    assert hit is not None  # the month is in every year
    return "DATE", str(hit[0].year), s, e


def _r_weekend(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'am Wochenende', 'over the weekend'."""
    return "DATE", _rel_period(ctx, "weekend", 0, ctx.future(s, e) if ctx.ref else False), s, e


def _r_duration(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'eine Stunde und 25 Minuten', 'mehr als drei Stunden', '15-month'; 'in zwei Wochen' is a date."""
    g = ctx.g
    if gr.get("fd"):
        return "DURATION", g.lookup("fixed_durations", gr["fd"]), s, e
    parts = list(_duration_parts(g.langs, lang, ctx.text[s:e]))
    if not parts:
        return None
    if gr.get("hs") and parts[-1][0] is not None:
        parts[-1] = (parts[-1][0] + 0.5, parts[-1][1])
    pre = norm(m.group("pre") or "").lower()
    if pre in g.sets["not_duration_preps"]:
        return None
    if pre in g.sets["future_point_preps"] and ctx.ref:
        amount, unit = parts[0]
        if amount is None or (unit in ("H", "MIN", "S", "D", "W") and not ctx.ref_day):
            return "DATE", "FUTURE_REF", m.start("pre"), e  # "in wenigen Wochen"
        return _ahead(ctx, (amount, unit), m.start("pre"), e)
    return "DURATION", duration_value(parts), s, e


@lru_cache(maxsize=4096)
def _duration_parts(langs: tuple[str, ...], lang: str, surface: str) -> tuple[tuple[float | None, str], ...]:
    """(amount, unit) of each part of a duration ("eine Stunde und 25 Minuten"); the same few recur.
    The parts pattern looks neither before nor after the span: the surface alone decides."""
    g = grammar(langs)
    return tuple((_number(pm.group("n"), lang, g), g.lookup("units", pm.group("u")))
                 for pm in g.duration_parts[lang].finditer(surface))


def _ahead(ctx: Ctx, part: tuple[float, str], s: int, e: int) -> Resolved:
    """'in zwei Wochen': the point that far after the reference."""
    n, unit = int(part[0]), part[1]
    ref = ctx.ref
    assert ref is not None  # `_r_duration` asks only with a reference
    if unit == "D":
        return "DATE", iso_day(ref + timedelta(days=n)), s, e
    if unit == "W":
        return "DATE", iso_week(ref + timedelta(weeks=n)), s, e
    if unit == "M":
        y, mo = add_months(ref.year, ref.month, n)
        return "DATE", f"{y:04d}-{mo:02d}", s, e
    if unit in ("Y", "DE"):
        return "DATE", str(ref.year + n * (10 if unit == "DE" else 1)), s, e
    return "DATE", "FUTURE_REF", s, e


def _r_bare_duration(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'seit Jahren', 'for years' -> PXY."""
    if norm(m.group("pre")).lower() not in ctx.g.sets["duration_preps"]:
        return None
    return "DURATION", duration_value([(None, ctx.g.lookup("period_plurals", gr["pl"]))]), s, e


def _clock_value(ctx: Ctx, hh: int, mi: int) -> str:
    """Anchor day with a clock time."""
    return f"{_anchor_day(ctx)}T{hh:02d}:{mi:02d}"


def _r_clock(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'15:44 Uhr', '14 Uhr MEZ', '3:30 p.m.', '3pm'."""
    hh, mi = int(gr["hh"]), int(gr.get("mi") or 0)
    mer = gr.get("ms") or gr.get("mg")
    if mer:
        half = ctx.g.lookup("meridiem_spaced", mer) or ctx.g.lookup("meridiem_glued", mer)
        hh = hh % 12 + (12 if half == "pm" else 0)
    return "TIME", _clock_value(ctx, hh, mi), s, e


def _r_colon_clock(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'um 15:30', '15:30 GMT' (a bare '2:1' is a score)."""
    if not (gr.get("tz") or m.group("pre")):
        return None  # "2:1" is a score; a time wants "um", "at" or a zone
    return _r_clock(ctx, gr, m, s, e, lang)


def _r_noon(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'noon', 'midnight', 'Mitternacht'."""
    hhmm = ctx.g.lookup("noon_words", gr["nw"])
    return "TIME", _clock_value(ctx, int(hhmm[:2]), int(hhmm[3:])), s, e


def _r_holiday(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'Weihnachten', 'Ostern', 'Frühlingsfest', 'Thanksgiving', with or without a year."""
    g = ctx.g
    rule = g.lookup("holidays", gr["hol"])
    if gr.get("y"):
        d = holiday_date(rule, int(gr["y"]), g.lookups["lunar_new_year"])
        return ("DATE", iso_day(d), s, e) if d else None
    if not ctx.ref:
        fixed = re.fullmatch(r"\d\d-\d\d", str(rule))
        return "DATE", f"XXXX-{rule}" if fixed else "XXXX-XX-XX", s, e
    lunar = g.lookups["lunar_new_year"]

    def occ(y: int) -> tuple[date, date] | None:
        """The holiday in year y, if dated (not a lambda: mypyc binds a walrus in one outside it)."""
        day = holiday_date(rule, y, lunar)
        return (day, day) if day else None

    hit = _cyclic(ctx, occ, ctx.future(s, e))
    return ("DATE", iso_day(hit[0]), s, e) if hit else None


def _r_ref(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """PRESENT_REF, PAST_REF or FUTURE_REF for 'derzeit', 'zuletzt', 'soon'."""
    w = norm(gr["ref"]).lower()
    sets = ctx.g.sets
    value = "PRESENT_REF" if w in sets["present_refs"] else "PAST_REF" if w in sets["past_refs"] else "FUTURE_REF"
    return "DATE", value, s, e


def _r_year(ctx: Ctx, gr: Groups, m: re.Match[str], s: int, e: int, lang: str) -> Resolved:
    """'2021', 'Jahr 2024' (not 'Nr. 2020', '2000 Soldaten', URL paths)."""
    text = ctx.text
    if (s > 0 and text[s - 1] in "/#§") or text[e:e + 1] == "/":
        return None  # a URL path or a reference number
    if not gr.get("yn"):
        if ctx.g.blockers_before.search(text, max(0, s - 25), s) or ctx.g.blockers_after.match(text, e):
            return None  # "Resolution 2231", "2000 Soldaten"
    return "DATE", gr["y"], s, e


Resolver = Callable[[Ctx, Groups, re.Match[str], int, int, str], Resolved]
RESOLVERS: Final[dict[str, Resolver]] = {
    "iso": _r_iso, "numeric_sep": _r_numeric_sep, "numeric": _r_numeric, "part_of_date": _r_part_of_date,
    "day_month": _r_day_month, "month": _r_month, "point": _r_point, "half": _r_half, "quarter": _r_quarter,
    "season": _r_season, "decade": _r_decade, "night_before": _r_night_before, "weekday": _r_weekday,
    "set": _r_set, "relday_part": _r_relday_part, "day_part": _r_day_part, "relday": _r_relday,
    "anchor": _r_anchor, "ago": _r_ago, "span": _r_span, "relperiod": _r_relperiod,
    "year_point": _r_year_point, "weekend": _r_weekend, "duration": _r_duration,
    "bare_duration": _r_bare_duration, "clock": _r_clock, "colon_clock": _r_colon_clock, "noon": _r_noon,
    "holiday": _r_holiday, "ref": _r_ref, "year": _r_year,
}
