"""Terminal tables (rich) for the CLI's default `--format table`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import (BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

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
    table = Table(title=f"Events ({len(records)})")
    for col in ("event", "kind", "status", "participants", "date", "documents", "mentioned in", "disagree"):
        table.add_column(col)
    for ev in records:
        day = ev["date"] or ev.get("period") or ""
        if ev["date"] and ev.get("date_support"):
            day += f" ({ev['date_support']})"
        table.add_row(Text(ev["id"]), ev["kind"], ev["status"], _names(ev["participants"]), day,
                      Text(", ".join(ev["documents"])), Text(", ".join(ev.get("mentioned_in", []))),
                      ", ".join(d["field"] for d in ev.get("disagreements", [])))
    console.print(table)


def _votes_line(votes: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['value']} ({v['support']})" for v in votes)


def print_event(ev: dict[str, Any]) -> None:
    """One event (a `show EVENT` record): merged fields with support, documents, disagreements."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    day = ev["date"] or ev.get("period") or "—"
    if ev["date"]:
        day += f" ({ev.get('date_support', 0)} of {ev.get('reports', 0)} reports)"
    rows = [("kind", ev["kind"]), ("status", ev["status"]), ("participants", _names(ev["participants"])),
            ("date", day), ("duration (min)", _votes_line(ev.get("duration_minutes", []))),
            ("places", _votes_line(ev.get("places", []))), ("initiator", _votes_line(ev.get("initiator", []))),
            ("topics", ", ".join(f"{t['topic']} ({t['support']})" for t in ev.get("topics", []))),
            ("documents", ", ".join(ev["documents"])), ("mentioned in", ", ".join(ev.get("mentioned_in", []))),
            ("announced in", ", ".join(f"{a['document']} ({a['published'] or 'undated'})"
                                       for a in ev.get("announced", []))),
            ("languages", ", ".join(ev.get("languages", [])))]
    for key, value in rows:
        if value:
            meta.add_row(key, Text(str(value)))
    parts: list[Any] = [meta]
    for d in ev.get("disagreements", []):
        parts.append(Text(""))
        parts.append(Text(f"sources disagree on {d['field']}:", style="bold red"))
        for v in d["values"]:
            value = ", ".join(v["value"]) if isinstance(v["value"], list) else str(v["value"])
            for src in v["sources"]:
                evidence = (src.get("evidence") or [""])[0]
                parts.append(Text(f"  {value}: {src['document']}  {evidence}"))
    console.print(Panel(Group(*parts), title=Text(ev["id"]), title_align="left"))
    if ev.get("quotes"):
        quotes = Table(title="Quotes")
        for col in ("document", "speaker", "quote"):
            quotes.add_column(col)
        for q in ev["quotes"]:
            text = q["text"] if len(q["text"]) <= 90 else q["text"][:87] + "…"
            quotes.add_row(Text(q["document"]), Text((q.get("speaker") or {}).get("name", "?")), Text(text))
        console.print(quotes)


def print_documents(records: list[dict[str, Any]]) -> None:
    """The `documents` listing: one row per stored document (its current version)."""
    table = Table(title=f"Documents ({len(records)})")
    for col in ("id", "v", "lang", "published", "title", "authors", "chars", "source"):
        table.add_column(col, justify="right" if col in ("v", "chars") else "left")
    for rec in records:
        # Text(), not str: titles and sources may hold "[...]", which rich would read as markup.
        table.add_row(Text(rec["id"]), str(rec["version"]), rec["language"] or "", rec["published"] or "",
                      Text(rec["title"] or ""), Text(", ".join(rec["authors"])), str(rec["characters"]),
                      Text(rec["source"]))
    console.print(table)


def print_document(rec: dict[str, Any]) -> None:
    """One stored document (a `show` record): metadata, clean text, and the original if present."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    version = f"{rec['version']}" + ("" if rec["current"] else " (superseded)")
    published = rec["published"] or "—"
    if rec["published"] and rec.get("published_source"):
        published += f" (from {rec['published_source']})"
    rows = [("title", rec["title"]), ("version", version), ("language", rec["language"]),
            ("published", published), ("authors", ", ".join(rec["authors"])), ("source", rec["source"]),
            ("url", rec["url"]), ("format", rec["format"]),
            ("size", f"{rec['characters']} characters, {len(rec['paragraphs'])} paragraph(s)"),
            ("hash", rec["content_hash"]), ("ingested", rec["ingested_at"])]
    for key, value in rows:
        if value:
            meta.add_row(key, Text(str(value)))
    if rec.get("extractor_version"):
        found = f"{len(rec.get('contacts', []))} contacts, {len(rec.get('quotes', []))} quotes"
        meta.add_row("extracted", f"{found} (summitry {rec['extractor_version']})")
    console.print(Panel(Group(meta, Text(""), highlighted(rec)), title=Text(rec["id"]), title_align="left"))
    if "raw_text" in rec:
        console.print(Panel(Text(rec["raw_text"]), title="original", title_align="left"))
    if "contacts" in rec and "quotes" in rec:
        print_extractions([rec])


HIGHLIGHTS = {  # what `show` marks in the clean text, and how
    "contact evidence": "on grey23",
    "main contact": "on dark_olive_green3",
    "quote": "italic green",
    "date": "magenta",
    "person": "bold cyan",
    "place or organisation": "cyan",
}


def highlighted(rec: dict[str, Any]) -> Group:
    """The clean text with contacts' evidence, quotes, dates and actors marked (and a legend)."""
    text = Text(rec["text"])  # never markup: article text is untrusted
    for contact in rec.get("contacts", []):
        style = HIGHLIGHTS["main contact" if contact.get("main") else "contact evidence"]
        for ev in contact.get("evidence", []):
            text.stylize(style, ev["start"], ev["end"])
    for quote in rec.get("quotes", []):
        text.stylize(HIGHLIGHTS["quote"], quote["start"], quote["end"])
    for timex in rec.get("timexes", []):
        text.stylize(HIGHLIGHTS["date"], timex["start"], timex["end"])
    for mention in rec.get("mentions", []):
        key = "person" if mention.get("kind") == "person" else "place or organisation"
        text.stylize(HIGHLIGHTS[key], mention["start"], mention["end"])
    if not any(rec.get(k) for k in ("contacts", "quotes", "timexes", "mentions")):
        return Group(text)
    legend = Text("  ").join(Text(name, style=style) for name, style in HIGHLIGHTS.items())
    return Group(legend, Text(""), text)


class _RateColumn(ProgressColumn):
    """Documents per second over the last seconds.

    rich's own speed counts what the bar counts: bytes read when the size is known (for the ETA),
    documents otherwise; bytes are turned into documents at the run's average size.
    """

    def render(self, task) -> Text:
        documents, speed = task.fields.get("documents", 0), task.speed
        if not (documents and speed and task.completed):
            return Text("")
        return Text(f"{speed * documents / task.completed:,.0f} documents/s")


@contextmanager
def ingest_progress(total_bytes: int | None = None,
                    bytes_read: Callable[[], int] | None = None) -> Iterator[Callable[[str, str], None]]:
    """A progress bar on stderr for `ingest`; yields the callback, prints errors above the bar.

    With the input's size known (`total_bytes`) and how much of it is read, it shows how far the
    run is and the time it still needs; a stream shows only its rate.
    """
    columns = [SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
               TextColumn("{task.fields[documents]} documents"), _RateColumn(), TimeElapsedColumn()]
    if total_bytes:
        columns.append(TimeRemainingColumn())
    bar = Progress(*columns, console=Console(stderr=True), transient=True)
    documents = 0

    def step(outcome: str, detail: str) -> None:
        nonlocal documents
        documents += 1
        if outcome == "failed":
            bar.console.print(Text(detail, style="red"), soft_wrap=True)  # one line, however long
        else:
            bar.update(task, description=detail)
        bar.update(task, documents=documents, completed=bytes_read() if total_bytes and bytes_read else documents)

    with bar:
        task = bar.add_task("ingesting", total=total_bytes or None, documents=0)
        yield step


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def print_comparison(result: dict[str, Any], lang: str = "en") -> None:
    """`compare`: the topic × side table with one evidence sentence per cell, then the lists."""
    from summitry.compare import disagreement_text, topic_label

    sides = result["sides"]
    table = Table(title=f"Readouts compared: {result.get('event') or ''}", show_lines=True)
    table.add_column("topic")
    for side in sides:
        table.add_column(side)
    for topic, cells in result["matrix"].items():
        table.add_row(topic_label(topic, lang),
                      *(Text(_short(cells[s][0]["text"])) if s in cells else Text("–") for s in sides))
    console.print(table)
    if result["one_sided"]:
        console.print("Reported by one side only: " + ", ".join(
            f"{topic_label(o['topic'], lang)} ({o['side']})" for o in result["one_sided"]))
    for topic, evidence in result["unmentioned"].items():
        console.print(Text(f"Mentioned by neither side: {topic_label(topic, lang)} — {_short(evidence[0]['text'])}"))
    for d in result["disagreements"]:
        console.print(Text("Disagreement: " + disagreement_text(d), style="bold"))


def print_timeline(result: dict[str, Any]) -> None:
    """`timeline`: the contacts in order, counts per pair and kind, and the series."""
    table = Table(title=f"Contacts ({len(result['contacts'])} dated, {len(result['undated'])} undated)")
    for col in ("date", "kind", "status", "participants", "event"):
        table.add_column(col)
    for c in result["contacts"]:
        table.add_row(c["date"], c["kind"] or "", c["status"] or "", Text(", ".join(c["participants"])),
                      Text(c["id"] or ""))
    console.print(table)
    pairs = Table(title="Per pair")
    for col in ("pair", "contacts", "by kind"):
        pairs.add_column(col)
    for p in result["pairs"]:
        pairs.add_row(Text(" – ".join(p["pair"])), str(p["total"]),
                      ", ".join(f"{k} {n}" for k, n in p["counts"].items()))
    console.print(pairs)
    for s in result["series"]:
        console.print(Text(f"Series: {' – '.join(s['pair'])}, {s['family']}, around {s['usual_day']} in "
                           f"{', '.join(map(str, s['years']))}"
                           + (f" — «{_short(s['evidence'][0]['text'])}»" if s["evidence"] else "")))


def print_search(result: dict[str, Any]) -> None:
    """`search`: one row per hit, the matched words marked in its snippet."""
    first = result["offset"] + 1 if result["hits"] else 0
    table = Table(title=Text(f"{result['query']}: hits {first}–{result['offset'] + len(result['hits'])}"
                             f" of {result['total']}"), show_lines=True)
    table.add_column("document", overflow="fold")  # ids are what one types next: never cut short
    for col in ("kind", "published", "lang"):
        table.add_column(col, no_wrap=True)
    table.add_column("snippet", ratio=3)  # the reason to look: the widest column
    table.add_column("events", overflow="fold", ratio=1)
    for hit in result["hits"]:
        snippet = Text(hit["snippet"])  # never markup: article text is untrusted
        for start, end in hit["highlights"]:
            snippet.stylize("bold yellow", start, end)
        if hit["speaker"]:
            snippet = Text.assemble((f"{hit['speaker']}: ", "green"), snippet)
        table.add_row(Text(hit["doc_id"]), hit["kind"], hit["published"] or "", hit["lang"] or "", snippet,
                      Text("\n".join(hit["events"])))
    console.print(table)
