"""Terminal tables (rich) for the CLI's default `--format table`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()


def _names(participants: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] for p in participants)


def print_extractions(records: list[dict[str, Any]]) -> None:
    table = Table(title="Contacts", show_lines=False)
    for col in ("document", "main", "kind", "status", "participants", "date"):
        table.add_column(col)
    for rec in records:
        if not rec["contacts"]:
            table.add_row(rec["id"], "", "—", "", "", "")
        for c in rec["contacts"]:
            table.add_row(rec["id"], "★" if c["main"] else "", c["kind"], c["status"],
                          _names(c["participants"]), c.get("date") or c.get("period") or "")
    console.print(table)
    quotes = Table(title="Quotes")
    for col in ("document", "speaker", "quote"):
        quotes.add_column(col)
    for rec in records:
        for q in rec["quotes"]:
            text = q["text"] if len(q["text"]) <= 90 else q["text"][:87] + "…"
            quotes.add_row(rec["id"], (q["speaker"] or {}).get("name", "?"), text)
    console.print(quotes)


def print_events(records: list[dict[str, Any]]) -> None:
    table = Table(title="Events")
    for col in ("event", "kind", "status", "participants", "date", "documents"):
        table.add_column(col)
    for ev in records:
        table.add_row(ev["id"], ev["kind"], ev["status"], _names(ev["participants"]), ev["date"] or "",
                      ", ".join(ev["documents"]))
    console.print(table)
