"""Calendar arithmetic and TimeML value formatting for the temporal tagger (no language data)."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

PRECISION_PATTERNS = (
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}"), "day"),
    (re.compile(r"^[\dX]{4}-WXX-\d"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{2}(-WE)?$"), "week"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}$"), "month"),
    (re.compile(r"^[\dX]{4}-Q\d$"), "quarter"),
    (re.compile(r"^[\dX]{4}-H\d$"), "half"),
    (re.compile(r"^[\dX]{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^[\dX]{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNIT_LOWER = {"DE": ("Y", 10), "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24),
               "H": ("MIN", 60), "MIN": ("S", 60), "S": ("S", 1)}


def iso_day(d: date) -> str:
    """ISO day value."""
    return d.isoformat()


def iso_week(d: date) -> str:
    """ISO week value (2026-W06)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) k months later."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


@lru_cache(maxsize=1024)
def month_end(y: int, m: int) -> date:
    """Last day of a month."""
    return date(y, m, monthrange(y, m)[1])


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None where it does not exist (31 February)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(y, month, (h + l_ - 7 * m + 114) % 31 + 1)


def holiday_date(rule: str, y: int, lunar: dict) -> date | None:
    """The date of a holiday rule (MM-DD, easter±N, lunar_new_year, nth:M:W:N, last:M:W) in year y."""
    rule = str(rule)
    if rule.startswith("easter"):
        return easter(y) + timedelta(days=int(rule[6:] or 0))
    if rule == "lunar_new_year":
        mmdd = lunar.get(str(y))
        return date(y, int(mmdd[:2]), int(mmdd[3:])) if mmdd else None
    if rule.startswith(("nth:", "last:")):
        parts = [int(x) for x in rule.split(":")[1:]]
        mon, wd = parts[0], parts[1]
        if rule.startswith("nth:"):
            first = date(y, mon, 1)
            return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (parts[2] - 1))
        last = month_end(y, mon)
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    return safe_date(y, int(rule[:2]), int(rule[3:]))


def duration_value(parts: list[tuple[float | None, str]]) -> str:
    """TimeML duration value from (amount, unit) pairs; an amount None is X."""
    return _duration_value(tuple(parts))


@lru_cache(maxsize=1024)
def _duration_value(parts: tuple[tuple[float | None, str], ...]) -> str:
    """`duration_value` (the same few durations recur)."""
    if any(n is None for n, _ in parts):
        unit = parts[0][1]
        return ("PTX" if unit in ("H", "MIN", "S") else "PX") + ("M" if unit == "MIN" else unit)
    acc: dict[str, float] = {}
    for n, unit in parts:
        assert n is not None  # a part without an amount returned above
        whole = int(n)
        acc[unit] = acc.get(unit, 0) + whole
        frac = n - whole
        if frac:
            lower, factor = UNIT_LOWER[unit]
            acc[lower] = acc.get(lower, 0) + round(frac * factor)
    date_part = "".join(f"{int(acc[u])}{u}" for u in ("DE", "Y", "M", "W", "D") if acc.get(u))
    time_part = "".join(f"{int(acc[u])}{'M' if u == 'MIN' else u}" for u in ("H", "MIN", "S") if acc.get(u))
    return "P" + date_part + ("T" + time_part if time_part else "") if (date_part or time_part) else "P0D"


@lru_cache(maxsize=4096)
@lru_cache(maxsize=4096)
def precision(typ: str, value: str) -> str | None:
    """Granularity of a DATE/TIME value; None for durations, sets and vague references (remembered:
    a document's values recur, and trying the patterns in turn cost more than the rest of a timex)."""
    if typ in ("DURATION", "SET"):
        return None
    for pat, name in PRECISION_PATTERNS:
        if pat.match(value):
            return name
    return None
