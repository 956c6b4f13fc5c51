"""Chart geometry for the pages' inline SVG: numbers and ids only, drawn by the templates.

Computing positions here keeps the templates dumb and the charts testable; no text from
articles is placed in an attribute without the templates' autoescaping.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import combinations
from typing import Any

MAX_ROWS = 20  # pairs drawn in the timeline chart; the list below it has every contact
LABEL_WIDTH = 260
ROW_HEIGHT = 28
MARKER = 6

# one marker per kind, the shapes of `summitry timeline --plot` (circle remote, square video,
# triangle meeting, diamond visit)
SHAPES = {"phone_call": "circle", "call": "circle", "video_call": "square", "meeting": "triangle",
          "visit": "diamond"}


def _marker_path(shape: str, x: float, y: float, r: float = MARKER) -> str:
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r}v{2 * r}h{-2 * r}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y + r:.1f}L{x - r - 1:.1f},{y + r:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y:.1f}L{x:.1f},{y + r + 1:.1f}L{x - r - 1:.1f},{y:.1f}z"
    return (f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0z")


def _ticks(first: date, last: date) -> list[date]:
    """Years for long spans, quarters for a few years, months for shorter ones."""
    span = (last - first).days
    step = 12 if span > 4 * 365 else 3 if span > 400 else 1
    month = (first.month - 1) // step * step + 1
    tick = date(first.year, month, 1)
    out = []
    while tick <= last:
        if tick >= first:
            out.append(tick)
        m = tick.month - 1 + step
        tick = date(tick.year + m // 12, m % 12 + 1, 1)
    return out


def timeline_chart(result: dict[str, Any], width: int = 960) -> dict[str, Any] | None:
    """Rows (one per pair, most contacts first), x ticks and one marker per contact and pair; None if empty."""
    contacts = result["contacts"]
    if not contacts:
        return None
    counts: dict[tuple[str, str], int] = {}
    for c in contacts:
        for pair in combinations(sorted(set(c["participants"])), 2):
            counts[pair] = counts.get(pair, 0) + 1
    rows = sorted(counts, key=lambda p: (-counts[p], p))[:MAX_ROWS]
    first, last = (date.fromisoformat(contacts[0]["date"]), date.fromisoformat(contacts[-1]["date"]))
    pad = max(15, (last - first).days // 20)
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    plot_w = width - LABEL_WIDTH - 20

    def x_of(day: date) -> float:
        return LABEL_WIDTH + plot_w * (day - first).days / max(1, (last - first).days)

    def y_of(row: int) -> float:
        return 20 + ROW_HEIGHT * row + ROW_HEIGHT / 2

    markers = []
    for c in contacts:
        day = date.fromisoformat(c["date"])
        for pair in combinations(sorted(set(c["participants"])), 2):
            if pair not in rows:
                continue
            x, y = x_of(day), y_of(rows.index(pair))
            markers.append({"id": c["id"], "d": _marker_path(SHAPES.get(c["kind"], "circle"), x, y),
                            "kind": c["kind"] or "contact", "filled": c["status"] in (None, "occurred"),
                            "title": f"{c['date']} {(c['kind'] or 'contact').replace('_', ' ')}: "
                                     f"{' – '.join(pair)} ({c['status']})"})
    height = 20 + ROW_HEIGHT * len(rows) + 30
    ticks = [{"x": round(x_of(t), 1), "label": str(t.year) if t.month == 1 else t.strftime("%b %Y")}
             for t in _ticks(first, last)]
    return {"width": width, "height": height, "label_width": LABEL_WIDTH, "plot_right": width - 20,
            "axis_y": height - 30,
            "rows": [{"label": " – ".join(p), "y": y_of(i), "count": counts[p]} for i, p in enumerate(rows)],
            "hidden_rows": max(0, len(counts) - len(rows)), "ticks": ticks, "markers": markers,
            "legend": legend_markers(sorted({(m["kind"], SHAPES.get(m["kind"], "circle")) for m in markers}))}


def legend_markers(legend: list[tuple[str, str]], x0: float = 10, y: float = 10) -> list[dict[str, Any]]:
    """Legend entries for the kinds drawn: a marker and its label, side by side."""
    return [{"label": kind.replace("_", " "), "d": _marker_path(shape, x0 + 110 * i, y),
             "x": x0 + 110 * i + 12, "y": y + 4} for i, (kind, shape) in enumerate(legend)]


def network_chart(name: str, counterparts: list[dict[str, Any]], size: int = 400,
                  limit: int = 16) -> dict[str, Any] | None:
    """The person in the middle, counterparts on a circle, edges as thick as the contacts are many."""
    shown = counterparts[:limit]
    if not shown:
        return None
    margin = 150  # room beside the circle for the names
    c = size / 2
    radius = size / 2 - 60
    most = max(p["contacts"] for p in shown)
    nodes = []
    for i, p in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        x, y = margin + c + radius * math.cos(angle), c + radius * math.sin(angle)
        nodes.append({"id": p["id"], "name": p["name"], "contacts": p["contacts"], "x": round(x, 1),
                      "y": round(y, 1), "stroke": round(1.5 + 5 * p["contacts"] / most, 1),
                      "anchor": "start" if x > margin + c + 5 else "end" if x < margin + c - 5 else "middle",
                      "label_x": round(x + (10 if x > margin + c + 5 else -10 if x < margin + c - 5 else 0), 1),
                      "label_y": round(y + (18 if y > c + 5 else -12 if y < c - 5 else 4), 1)})
    return {"width": size + 2 * margin, "height": size, "cx": margin + c, "cy": c, "name": name, "nodes": nodes,
            "hidden": max(0, len(counterparts) - len(shown))}
