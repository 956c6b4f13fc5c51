"""Command line: parse options, call the library, print. No logic of its own.

Exit codes: 0 all went well, 1 some inputs failed (each named on stderr),
2 usage errors (click's own).
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from summitry import __version__
from summitry.errors import InputError, SummitryError
from summitry.export import FORMATS as EXPORT_FORMATS
from summitry.store.search import MAX_LIMIT as SEARCH_MAX_LIMIT
from summitry.store.search import SCOPES as SEARCH_SCOPES

FORMATS = click.Choice(["table", "json", "jsonl"])


def _error(message: str) -> None:
    click.echo(f"ERROR: {message}", err=True)


def _emit(records: list[dict], fmt: str, table) -> None:
    """Print records as JSON, JSON Lines, or through `table(records)` on a terminal."""
    if fmt == "jsonl":
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif records:  # nothing to show (every input failed): the error lines say why
        table(records)


def _extract_paths(paths: tuple[str, ...]) -> tuple[list, int]:
    """The extractions of the files (nothing stored), and how many inputs failed (each named on stderr)."""
    from summitry.pipeline import process_paths

    extractions, failed = [], 0
    for item in process_paths(paths):
        if isinstance(item, InputError):
            failed += 1
            _error(str(item))
        else:
            extractions.append(item)
    return extractions, failed


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summitry")
@click.option("--db", envvar="SUMMITRY_DB", metavar="PATH",
              help="Store to use: a SQLite file, or postgresql://user@host/db. Default: a per-user data file;"
                   " env SUMMITRY_DB.")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Find, compare and trace reports of contacts between world leaders."""
    ctx.obj = {"db": db}


def _parse_languages(_ctx, _param, value: str) -> frozenset[str] | None:
    from summitry.read.language import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _parse_duration(_ctx, _param, value: str | None) -> float | None:
    from summitry.watch import parse_duration

    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _echo_failures(outcome: str, detail: str) -> None:
    """Progress without a terminal: only the error lines, on stderr."""
    if outcome == "failed":
        click.echo(detail, err=True)


_DELAY_HELP = "Time between two requests to one host (1s, 0.5s; 0 for none)."


def _workers_option(command):
    """--workers N and --cluster ADDRESS: where documents are cleaned and extracted (results come in
    input order all the same)."""
    from summitry.parallel import available_cores

    command = click.option("--cluster", metavar="ADDRESS", envvar="SUMMITRY_CLUSTER",
                           help="Clean and extract on the Dask cluster whose scheduler is at ADDRESS "
                                "(tcp://host:8786) instead of local processes.")(command)
    return click.option("--workers", type=click.IntRange(min=1), default=available_cores(), show_default="all cores",
                        envvar="SUMMITRY_WORKERS", help="Processes that clean and extract documents.")(command)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", "langs", default="de,en", show_default=True, callback=_parse_languages,
              help="Archives (WARC): keep pages in these languages ('any' keeps all).")
@click.option("--all-pages", is_flag=True,
              help="Archives (WARC): extract every page, not only those that name a known person.")
@click.option("--delay", default="1s", show_default=True, callback=_parse_duration, help=_DELAY_HELP)
@_workers_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], langs: frozenset[str] | None, all_pages: bool,
           delay: float, workers: int, cluster: str | None) -> None:
    """Read, clean and store documents (.txt, .html, .jsonl, folders, '-' for stdin, RSS/Atom feeds,
    URLs, .warc/.warc.gz archives).

    Example: summitry ingest articles/ feed.jsonl https://example.org/news.rss crawl.warc.gz
    """
    from summitry.ingest import ingest_paths
    from summitry.read import ReadOptions
    from summitry.read.position import input_size
    from summitry.render import ingest_progress
    from summitry.store import open_store

    options = ReadOptions(langs=langs, prefilter=not all_pages, delay=delay)
    with open_store(ctx.obj["db"]) as store:
        try:
            if sys.stderr.isatty():
                with ingest_progress(input_size(paths), lambda: options.position.bytes_read) as step:
                    report = ingest_paths(paths, store, progress=step, options=options, workers=workers,
                                          cluster=cluster)
            else:
                report = ingest_paths(paths, store, progress=_echo_failures, options=options, workers=workers,
                                      cluster=cluster)
        finally:
            options.close()
    for counts in options.archives:
        click.echo(counts.summary())
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, callback=_parse_duration,
              help="Time between two rounds (30s, 15m, 1h).")
@click.option("--rounds", type=click.IntRange(min=1), help="Stop after this many rounds (default: run until Ctrl-C).")
@click.option("--delay", default="1s", show_default=True, callback=_parse_duration, help=_DELAY_HELP)
@click.pass_context
def watch(ctx: click.Context, feeds: tuple[str, ...], every: float, rounds: int | None, delay: float) -> None:
    """Poll RSS/Atom feeds (files or URLs) and ingest the items not seen before; one line per round.

    Example: summitry watch https://example.org/news.rss --every 15m
    """
    from datetime import datetime

    from summitry.read.fetch import Fetcher
    from summitry.store import open_store
    from summitry.watch import Watcher, stop_on_interrupt
    from summitry.watch import watch as run_watch

    def on_round(result) -> None:
        click.echo(f"{datetime.now():%Y-%m-%d %H:%M:%S} {result.line()}")

    def on_interrupt() -> None:
        click.echo("stopping after this round (Ctrl-C again to stop at once)", err=True)

    with open_store(ctx.obj["db"]) as store, Fetcher(delay=delay) as fetcher:
        watcher = Watcher(feeds, store, fetcher, progress=_echo_failures)
        try:
            with stop_on_interrupt(on_interrupt) as stop:
                done = run_watch(watcher, every=every, rounds=rounds, on_round=on_round, wait=stop.wait)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
            return
    click.echo(f"watched {len(feeds)} feeds for {done} rounds")


@cli.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def documents(ctx: click.Context, fmt: str) -> None:
    """List stored documents.

    Example: summitry documents --format jsonl
    """
    from summitry.render import print_documents
    from summitry.store import open_store

    with open_store(ctx.obj["db"], create=False) as store:
        records = store.documents()
    _emit(records, fmt, print_documents)


@cli.command()
@click.argument("ref")
@click.option("--raw", is_flag=True, help="Show the original text as well.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def show(ctx: click.Context, ref: str, raw: bool, fmt: str) -> None:
    """Show one stored document or event: metadata and clean text (and --raw the original).

    A REF that names no document is looked up among the events.

    Example: summitry show seed-002 --raw
    """
    from summitry.errors import NoSuchDocument, NoSuchEvent
    from summitry.render import print_document, print_event
    from summitry.store import open_store

    with open_store(ctx.obj["db"], create=False) as store:
        try:
            record = store.lookup(ref).record(raw=raw)
        except NoSuchDocument as exc:
            try:
                event = store.get_event(ref)
            except NoSuchEvent as ev_exc:
                raise (ev_exc if ev_exc.matches else exc) from None
            if fmt == "json":
                click.echo(json.dumps(event, ensure_ascii=False, indent=2))
            else:
                print_event(event)
            return
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print_document(record)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_workers_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str, workers: int, cluster: str | None) -> None:
    """Extract contacts, quotes and topics from files, or (no PATHS) re-run on the store.

    With PATHS nothing is stored; without, every stored document is extracted
    again and its results saved.

    Example: summitry extract corpus.jsonl --format jsonl
    """
    from summitry.output import extraction_record, record_line
    from summitry.pipeline import extract_stored, process_paths
    from summitry.render import print_extractions

    finish = record_line if fmt == "jsonl" else extraction_record
    if paths:
        # records are made where the documents are extracted: they travel back faster than Extractions
        items = process_paths(paths, workers=workers, cluster=cluster, finish=finish)
    else:
        from summitry.store import open_store

        store = ctx.with_resource(open_store(ctx.obj["db"], create=False))
        items = (ex if isinstance(ex, InputError) else finish(ex) for ex in extract_stored(store))
    failed = 0
    records = []
    for item in items:
        if isinstance(item, InputError):
            failed += 1
            _error(str(item))
        elif fmt == "jsonl":  # stream: a long batch shows results as it goes
            click.echo(item)
        else:
            records.append(item)
    if fmt != "jsonl":
        _emit(records, fmt, print_extractions)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, metavar="DATE",
              help="Reference date (YYYY-MM-DD) for relative expressions; wins over the input's own.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
def timex(paths: tuple[str, ...], published: date | None, fmt: str) -> None:
    """Tag temporal expressions (TimeML values) in the text as given, uncleaned.

    Example: summitry timex notes.txt --published 2026-02-05
    """
    from summitry.annotate.timex import tag_timexes
    from summitry.read import read_inputs

    failed = 0
    records = []
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            failed += 1
            _error(str(item))
            continue
        ref = published or item.published
        tags = tag_timexes(item.text, published=ref, lang=item.lang)
        rec = {"id": item.id, "published": ref.isoformat() if ref else None,
               "timexes": [{"start": t.span.start, "end": t.span.end, "text": t.text, "type": t.type,
                            "value": t.value} for t in tags]}
        if fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False))
        else:
            records.append(rec)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def events(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Group documents into events: from the given files (nothing stored), or the store.

    Example: summitry events corpus.jsonl --format jsonl
    """
    from summitry.render import print_events

    if not paths:
        from summitry.events.persist import stored_events
        from summitry.store import open_store

        with open_store(ctx.obj["db"], create=False) as store:
            _emit(stored_events(store), fmt, print_events)
        return
    from summitry.events import events_of_extractions

    extractions, failed = _extract_paths(paths)
    _emit(events_of_extractions(extractions), fmt, print_events)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("event")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "html"]), default="table",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "de"]), default="en", show_default=True,
              help="Language of the topic labels.")
@click.pass_context
def compare(ctx: click.Context, event: str, fmt: str, lang: str) -> None:
    """Compare what each side reported about one stored event, topic by topic.

    EVENT is an event id (see `summitry events`) or a unique prefix of one.

    Example: summitry compare vladimir-putin-xi-jinping-2026-02-04 --format markdown
    """
    from summitry.compare import compare_stored, to_html, to_markdown
    from summitry.render import print_comparison
    from summitry.store import open_store

    with open_store(ctx.obj["db"], create=False) as store:
        result = compare_stored(store, event)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(to_markdown(result, lang), nl=False)
    elif fmt == "html":
        click.echo(to_html(result, lang), nl=False)
    else:
        print_comparison(result, lang)


def _timeline_selection(command):
    """--actor, --from and --to: which contacts a timeline (and an export of it) holds."""
    command = click.option("--to", "end", callback=_parse_date, metavar="DATE", help="Last day (YYYY-MM-DD).")(command)
    command = click.option("--from", "start", callback=_parse_date, metavar="DATE",
                           help="First day (YYYY-MM-DD).")(command)
    return click.option("--actor", "actors", multiple=True, metavar="NAME",
                        help="Only contacts with this person (repeat for a pair); part of a name is enough.")(command)


def _select_timeline(db: str | None, paths: tuple[str, ...], actors: tuple[str, ...], start: date | None,
                     end: date | None, *, with_series: bool) -> tuple[dict, int]:
    """The timeline of the files (nothing stored) or, without paths, of the store; and how many inputs failed.

    with_series: also find the yearly series, reading what the documents of the contacts shown say of them.
    """
    from summitry.timeline import build_timeline, documents_of, find_series, habits_of, series_from_store

    failed = 0
    if paths:
        from summitry.events import events_of_extractions
        from summitry.output import extraction_record

        extractions, failed = _extract_paths(paths)
        result = build_timeline(events_of_extractions(extractions), actors=list(actors), start=start, end=end)
        if with_series:
            shown = documents_of(result)
            documents = [(extraction_record(ex), ex.document.text) for ex in extractions
                         if ex.document.id in shown]
            result["series"] = find_series(result["contacts"], habits_of(documents))
    else:
        from summitry.events.persist import stored_events
        from summitry.store import open_store

        with open_store(db, create=False) as store:
            result = build_timeline(stored_events(store), actors=list(actors), start=start, end=end)
            if with_series:
                result["series"] = series_from_store(result, store)
    return result, failed


@cli.command()
@click.argument("paths", nargs=-1)
@_timeline_selection
@click.option("--plot", "plot_path", metavar="FILE", help="Also draw the timeline to FILE (.png or .svg).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def timeline(ctx: click.Context, paths: tuple[str, ...], actors: tuple[str, ...], start: date | None,
             end: date | None, plot_path: str | None, fmt: str) -> None:
    """Contacts over time (one per event), counts per pair and kind, and yearly series.

    From the given files (nothing stored), or from the store.

    Example: summitry timeline --actor Putin --actor Xi --from 2022-01-01 --plot putin-xi.svg
    """
    from summitry.render import print_timeline
    from summitry.timeline import plot

    result, failed = _select_timeline(ctx.obj["db"], paths, actors, start, end, with_series=True)
    if plot_path:
        try:
            plot(result, plot_path)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--plot") from None
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_timeline(result)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("paths", nargs=-1)
@_timeline_selection
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, paths: tuple[str, ...], actors: tuple[str, ...], start: date | None,
           end: date | None, output: str | None) -> None:
    """Export the timeline's contacts: jsonl, csv, ics (calendar, dated contacts) or graphml (who met whom).

    The same selection as `summitry timeline`: from the given files (nothing stored), or the store.

    Example: summitry export ics --actor Putin --actor Xi -o putin-xi.ics
    """
    from summitry.export import export_timeline

    result, failed = _select_timeline(ctx.obj["db"], paths, actors, start, end, with_series=False)
    text = export_timeline(result, fmt)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:  # keep csv's and ics's CRLF as written
            out.write(text)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("query")
@click.option("--scope", type=click.Choice(SEARCH_SCOPES), default="all", show_default=True,
              help="Search documents, quotes, or both.")
@click.option("--lang", type=click.Choice(["de", "en"]), help="Only documents in this language.")
@click.option("--from", "date_from", callback=_parse_date, metavar="DATE", help="Published on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=_parse_date, metavar="DATE", help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, SEARCH_MAX_LIMIT), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, scope: str, lang: str | None, date_from: date | None,
           date_to: date | None, limit: int, offset: int, fmt: str) -> None:
    """Search the stored documents and quotes: words, "quoted phrases", OR, a trailing * for a prefix.

    Example: summitry search '"New START"' --scope documents
    """
    from summitry.errors import BadQuery
    from summitry.render import print_search
    from summitry.store import open_store

    with open_store(ctx.obj["db"], create=False) as store:
        try:
            result = store.search(query, scope=scope, lang=lang, date_from=date_from, date_to=date_to,
                                  limit=limit, offset=offset)
        except BadQuery as exc:
            raise click.BadParameter(str(exc), param_hint="QUERY") from None
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        _emit(result["hits"], fmt, print_search)
    else:
        print_search(result)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--read-only", is_flag=True, help="Serve pages and API without ingest; refuse every change (403).")
@click.option("--db", "db_path", metavar="PATH", help="Store to serve (default: the one the other commands use).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, read_only: bool, db_path: str | None) -> None:
    """Start the web app and JSON API (docs at /docs) over the store.

    Example: summitry serve --read-only --port 8080
    """
    import uvicorn

    from summitry.web.app import LOOPBACK_NAMES, create_app

    local = host in ("127.0.0.1", "localhost")
    app = create_app(db_path or ctx.obj["db"], read_only=read_only, allowed_hosts=LOOPBACK_NAMES if local else None)
    if host not in ("127.0.0.1", "localhost", "::1"):
        _error(f"serving on {host}: other machines can reach this app"
               + ("" if read_only else " and ingest into the store (consider --read-only)"))
    from summitry.store import store_label

    click.echo(f"summitry on http://{host}:{port}/ (store {store_label(app.state.settings.db_path)}"
               f"{', read-only' if read_only else ''}); Ctrl-C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:
    from summitry.compiled import stale_modules

    stale = stale_modules()
    if stale:
        click.echo(f"WARNING: {len(stale)} compiled modules are older than their source (e.g. {stale[0]}),"
                   " so the old code runs: run `make setup` to compile them again", err=True)
    try:
        cli(standalone_mode=True)
    except SummitryError as exc:
        _error(str(exc))
        sys.exit(1)


if __name__ == "__main__":
    main()
