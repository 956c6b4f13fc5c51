"""When a reported contact can have taken place: a day, a window, and calendar constraints.

A contact the text fixes to a day is an *anchor*. Anything less is a `When` window built from
what is known: the TimeML value of its date expression ("2026-H1", "2024-W45", "XXXX-WXX-3" for
"am Mittwoch" without a year), the document's publication date, and the contact's status (a
call reported as over happened before the report; a planned visit comes after it).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from summitry.events.options import ClusterOptions

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_HALF = re.compile(r"^(\d{4})-H([12])")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)")
_DECADE = re.compile(r"^(\d{3})X?$")
_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})")
_MONTH_ONLY = re.compile(r"^XXXX-(\d{2})(?!-\d)")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14: February next year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int) -> tuple[int, int]:
    return year + (month - 1) // 12, (month - 1) % 12 + 1


def period_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TimeML period with a year ("2024-05", "2026-H1", "2024-W45")."""
    if not value:
        return None
    try:
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = _SEASON_MONTHS[m[2]]
            ly, lm = _add_months(y, last)
            return date(y, first, 1), _month_end(ly, lm)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class When:
    """What a report says about the day of its contact.

    `day` for an anchor; else `lo`/`hi` (either may be open) and the calendar constraints
    a yearless expression gives: ISO weekday (1 = Monday), month, day of month.
    """

    day: date | None = None
    lo: date | None = None
    hi: date | None = None
    weekday: int | None = None
    month: int | None = None
    mday: int | None = None

    @property
    def anchored(self) -> bool:
        return self.day is not None

    @property
    def bounded(self) -> bool:
        return self.day is not None or self.lo is not None or self.hi is not None

    def admits(self, day: date, slack: int = 0) -> bool:
        """Could the contact have taken place on `day` (with `slack` days around the window)?"""
        if self.day is not None:
            return abs((day - self.day).days) <= slack
        if self.lo is not None and day < self.lo - timedelta(days=slack):
            return False
        if self.hi is not None and day > self.hi + timedelta(days=slack):
            return False
        if self.weekday is not None and day.isoweekday() != self.weekday:
            return False
        if self.month is not None and day.month != self.month:
            return False
        if self.mday is not None and day.day != self.mday:
            return False
        return True

    def overlaps(self, other: When, slack: int = 0) -> bool:
        """Could both reports speak of the same day? (Calendar constraints must agree.)"""
        if self.day is not None:
            return other.admits(self.day, slack)
        if other.day is not None:
            return self.admits(other.day, slack)
        lo = max((d for d in (self.lo, other.lo) if d is not None), default=None)
        hi = min((d for d in (self.hi, other.hi) if d is not None), default=None)
        if lo is not None and hi is not None and lo > hi + timedelta(days=slack):
            return False
        for a, b in ((self.weekday, other.weekday), (self.month, other.month), (self.mday, other.mday)):
            if a is not None and b is not None and a != b:
                return False
        return True

    def to_plain(self) -> dict:
        values = {k: getattr(self, k) for k in self.__slots__}
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items() if v is not None}

    @classmethod
    def from_plain(cls, rec: dict) -> When:
        conv = {k: (date.fromisoformat(v) if k in ("day", "lo", "hi") else v) for k, v in rec.items()}
        return cls(**conv)


def when_of(day: date | None, value: str | None, published: date | None, status: str,
            options: ClusterOptions) -> When:
    """The `When` of one contact: its day, else its period, publication date and calendar cues."""
    if day is not None:
        return When(day=day)
    lo = hi = None
    weekday = month = mday = None
    if (bounds := period_bounds(value)) is not None:
        lo, hi = bounds
    elif value:
        if m := _WEEKDAY.match(value):
            weekday = int(m[1])
        elif m := _MONTH_DAY.match(value):
            month, mday = int(m[1]), int(m[2])
        elif m := _MONTH_ONLY.match(value):
            month = int(m[1])
    if published is not None:
        # What the publication date tells about an undated contact depends on its status.
        if status == "planned":
            plo = published - timedelta(days=options.planned_before)
            phi = published + timedelta(days=options.planned_within)
        else:  # occurred, denied: reported after the fact
            plo, phi = published - timedelta(days=options.reported_within), published + timedelta(days=1)
        lo = plo if lo is None else max(lo, plo)
        hi = phi if hi is None else min(hi, phi)
        if lo is not None and hi is not None and lo > hi:  # the period contradicts the date line
            lo, hi = plo, phi
    return When(lo=lo, hi=hi, weekday=weekday, month=month, mday=mday)
