"""Temporal expressions, valued in TimeML (TIMEX3) against the publication date.

The grammar (annotate/timex_grammar.py, vocabulary in data/<lang>/temporal.yaml)
finds candidates with one regex pass over head tokens plus anchored matches
around them; a small resolver per kind turns each into a TIMEX3 type and value.

Conventions (what the tests pin):
- Spans leave out a leading preposition and its article ("am Mittwoch" ->
  "Mittwoch", "in der ersten Jahreshälfte" -> "ersten Jahreshälfte", "on
  Monday" -> "Monday"), but keep what changes the meaning: "vor zwei Wochen",
  "two days ago", "in zwei Wochen" (a point ahead, DATE), "mehr als drei
  Stunden", "des vergangenen Jahres" (a genitive article, no preposition).
- Past-leaning news reading: a weekday is the latest such day on or before the
  reference (the same day counts); a day, month, season, half or quarter
  without a year is the latest one that started on or before it, unless that
  is more than ~10 months back. A future cue nearest in the sentence ("soll",
  "geplant", "will", "scheduled"; data lists) flips to the first one on or
  after the reference. "kommenden"/"next" is strictly after, "vergangenen"/
  "last" strictly before, "diesen"/"this" in the same ISO week.
- Parts of day are TIME with TimeML suffixes (2026-02-03TAF); "Nacht zu
  Donnerstag" is the Wednesday night (…TNI). "am Abend", "am Vortag" and clock
  times without a date hang on the last day the text mentioned, else the
  reference.
- Day ranges whose first day lacks its month ("vom 3. bis 5. März", "March
  20-22", "20 to 22 March") are ONE DATE valued with the start day; fully
  written ranges ("2014 bis 2016") are two timexes.
- "in den vergangenen Wochen", "the past few weeks" are DURATION PXW (TimeBank
  style); "seit Jahren" PXY. Modifiers (Anfang, Mitte, mehr als) stay in the
  span but are not stored: `Timex` has no `mod` field ("Anfang 2023" -> 2023).
- Weekends: "am Wochenende" in a past-tense sentence is the last one on or
  before the reference (Mon–Fri: the previous ISO week's), in a future one the
  coming one.
- Without a publication date the first explicit date with a year (a crawl
  prefix "date 2022-10", a dateline) becomes the reference; what precedes it
  stays underspecified (XXXX-WXX-3). A month the caller knows (the cleaner's
  `published_month`) is that reference from the start, pinned at the month's
  last day, so "4. Oktober" in an October text is that October. A weekday
  left open then is the one day the text dates on that weekday, if only one.

dateparser, measured (tests/test_timex.py::test_dateparser_alone_comparison):
`parse()` on the expected spans of tests/data/timex_cases.tsv (base = publication
noon, DATE_ORDER DMY, PREFER_DATES_FROM current_period, languages given) gets 113
of 320 timexes right (61 of 105 English and 49 of 148 German ones with a calendar
value; durations, sets and vague refs it cannot express); this tagger 320 of 320.
It is right on forms a regex values exactly anyway ("February 4, 2026", "two days
ago", "last week") and wrong on future weekdays ("would call Putin on Tuesday"),
years of day-month dates in past news ("December 30" read as the coming one),
ranges, halves, "Anfang Februar", "vergangene Woche". At 0.5 ms median a call
(first call 0.2–3 s) it would cost more than the whole tagger per document, so it
is not called at run time.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Final

from summitry.annotate.timex_calendar import precision
from summitry.annotate.timex_grammar import grammar
from summitry.annotate.timex_resolve import RESOLVERS, Ctx
from summitry.records import Span, Timex


def tag_timexes(text: str, *, published: date | None, lang: str | None,
                published_month: str | None = None) -> list[Timex]:
    """Every temporal expression in the text, in order.

    `published_month` ("2022-10", from a crawl prefix the cleaner removed) stands in
    for a missing publication day until the text gives a day of that month.
    """
    g = grammar(_langs(lang))
    ctx = Ctx(text, g, published, None if published else _month_end(published_month))
    out: list[Timex] = []
    kinds, alt_langs = g.kinds, g.alt_langs
    for m in g.scan(text):
        idx, groups = g.groups(m)
        start, end = g.span_of(m, idx)
        res = RESOLVERS[kinds[idx]](ctx, groups, m, start, end, alt_langs[idx])
        if res is None:
            continue
        typ, value, start, end = res
        out.append(Timex(Span(start, end), text[start:end], typ, value, precision(typ, value)))
        if len(value) >= 10 and (typ == "DATE" or typ == "TIME") and value[:4].isdigit() and value[5:7].isdigit() \
                and value[8:10].isdigit():
            ctx.last_day = _day(value[:10])
    if published is None:
        _pin_weekdays(out)
    return out


_OPEN_WEEKDAY: Final = re.compile(r"XXXX-WXX-([1-7])(T\w+)?$")


def _pin_weekdays(timexes: list[Timex]) -> None:
    """Without a publication day, "am Freitag" is the one day the text dates that falls on a Friday
    ("der für den 17. November geplante Besuch"), if there is exactly one."""
    days = {d for t in timexes if (d := t.as_date()) is not None}
    for i, t in enumerate(timexes):
        m = _OPEN_WEEKDAY.match(t.value)
        if m is None:
            continue
        fits = [d for d in days if d.isoweekday() == int(m.group(1))]
        if len(fits) == 1:
            value = fits[0].isoformat() + (m.group(2) or "")
            timexes[i] = Timex(t.span, t.text, t.type, value, precision(t.type, value))


def _month_end(month: str | None) -> date | None:
    """The last day of a YYYY-MM month: day-month dates of that month are then on or before it."""
    if not month or len(month) != 7 or not month[:4].isdigit() or not month[5:].isdigit():
        return None
    year, mon = int(month[:4]), int(month[5:])
    if not 1 <= mon <= 12:
        return None
    return date(year, mon, calendar.monthrange(year, mon)[1])


@lru_cache(maxsize=1024)
def _day(value: str) -> date:
    """The date of a YYYY-MM-DD prefix (the same days recur in a document, and across documents)."""
    return date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def _langs(lang: str | None) -> tuple[str, ...]:
    """Language codes of the grammar to use: both when unknown."""
    code = (lang or "").lower()[:2]
    return (code,) if code in ("de", "en") else ("de", "en")
