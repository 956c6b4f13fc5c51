"""WARC pre-filter throughput: how fast an archive of pages about other things passes.

    .venv/bin/python bench/bench_warc.py [--pages 10000] [--matching 20] [--size 5000] [--seed 7] [--keep FILE]

Writes a WARC.gz with warcio: `--pages` HTML pages of about `--size` bytes in
German and English about weather, sport, gardens, markets and technology (no
known person named), plus `--matching` pages about Putin and Xi. Then reads it
with summitry's WARC reader (actor pre-filter, trafilatura only for pages that
pass, language filter) and reports pages/s and the peak memory (RSS) of the
process. Target: at least 2,000 pages/s on one core.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from summitry.read.actor_filter import mentions_text
from summitry.read.language import text_language
from summitry.read.warc import WarcCounts, read_warc

TOPICS = {
    "de": {
        "nouns": ["Wetter", "Regen", "Gewitter", "Fußballverein", "Trainer", "Stadion", "Tomaten", "Gartenbeet",
                  "Aktienmarkt", "Zinsen", "Smartphone", "Software", "Bahnstrecke", "Museum", "Konzert",
                  "Bäckerei", "Radweg", "Schwimmbad", "Wochenmarkt", "Hochwasser", "Ernte", "Weinlese"],
        "verbs": ["meldet", "erwartet", "verschiebt", "eröffnet", "verliert", "gewinnt", "plant", "testet"],
        "places": ["Hamburg", "Köln", "Leipzig", "Freiburg", "Rostock", "Augsburg", "Kassel", "Trier"],
        "frames": [
            "Am {day} {verb} das {noun} in {place} nach Angaben der Stadtverwaltung neue Zahlen.",
            "Wie ein Sprecher in {place} sagte, bleibt das {noun} bis zum Wochenende geschlossen.",
            "Experten rechnen damit, dass das {noun} in {place} im Herbst deutlich teurer wird.",
            "Viele Besucher kamen trotz {noun} nach {place}, um den freien Tag zu genießen.",
            "Der Verband {verb} für das kommende Jahr mehr Geld für das {noun} in {place}.",
        ],
        "days": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    },
    "en": {
        "nouns": ["weather", "storm", "football club", "coach", "stadium", "tomatoes", "garden bed", "stock market",
                  "interest rates", "smartphone", "software update", "railway line", "museum", "concert",
                  "bakery", "cycle path", "swimming pool", "farmers market", "flood", "harvest"],
        "verbs": ["reports", "expects", "postpones", "opens", "loses", "wins", "plans", "tests"],
        "places": ["Leeds", "Bristol", "Denver", "Portland", "Adelaide", "Glasgow", "Halifax", "Tampa"],
        "frames": [
            "On {day} the {noun} in {place} {verb} new figures, the city council said.",
            "A spokesperson in {place} said the {noun} would stay closed until the weekend.",
            "Analysts expect the {noun} in {place} to become noticeably more expensive in the autumn.",
            "Many visitors came to {place} despite the {noun} to enjoy the day off.",
            "The association {verb} more money for the {noun} in {place} next year.",
        ],
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    },
}
MATCHING = ("Der russische Präsident Wladimir Putin hat am Mittwoch per Video mit dem chinesischen Staatschef "
            "Xi Jinping gesprochen. Das Gespräch dauerte nach Angaben des Kremls rund anderthalb Stunden.")


def paragraph(rng: random.Random, lang: str) -> str:
    """A paragraph of three to five invented sentences."""
    t = TOPICS[lang]
    return " ".join(rng.choice(t["frames"]).format(day=rng.choice(t["days"]), noun=rng.choice(t["nouns"]),
                                                   verb=rng.choice(t["verbs"]), place=rng.choice(t["places"]))
                    for _ in range(rng.randint(3, 5)))


def page(rng: random.Random, size: int, matching: bool) -> tuple[str, bytes]:
    """(language, HTML of about `size` bytes): navigation, article paragraphs, footer."""
    lang = rng.choice(["de", "en"])
    paragraphs = [MATCHING] if matching else []
    while sum(len(p) for p in paragraphs) < size - 900:
        paragraphs.append(paragraph(rng, lang))
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    html = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{paragraphs[0][:60]}</title>'
            f'<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script></head>'
            f'<body><header><nav><ul><li><a href="/">Start</a></li><li><a href="/lokales">Lokales</a></li>'
            f'<li><a href="/sport">Sport</a></li><li><a href="/wirtschaft">Wirtschaft</a></li></ul></nav></header>'
            f"<main><article><h1>{paragraphs[0][:60]}</h1>\n{body}</article></main>"
            f'<footer><p>© 2026 Beispielblatt · <a href="/impressum">Impressum</a></p></footer></body></html>')
    return lang, html.encode("utf-8")


def write_archive(path: Path, pages: int, matching: int, size: int, seed: int) -> int:
    """Write the archive; the number of bytes of HTML in it."""
    rng = random.Random(seed)
    every = max(1, pages // max(1, matching)) if matching else 0
    total = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages + matching):
            is_match = bool(every) and i % (every + 1) == every and matching > 0
            _, html = page(rng, size, is_match)
            if not is_match:
                assert not mentions_text(html.decode("utf-8")), "a generated page names a known person"
            total += len(html)
            head = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}.html", "response", payload=BytesIO(html), http_headers=head,
                warc_headers_dict={"WARC-Date": "2026-02-05T10:00:00Z"}))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10_000, help="pages about other things")
    ap.add_argument("--matching", type=int, default=20, help="pages about Putin and Xi among them")
    ap.add_argument("--size", type=int, default=5000, help="bytes of HTML a page")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", metavar="FILE", help="write the archive here and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.warc.gz"
        html_bytes = write_archive(path, args.pages, args.matching, args.size, args.seed)
        # one-off costs outside the timing: the automaton (the gazetteer), the language word lists
        setup = time.perf_counter()
        mentions_text("warm up")
        text_language("Der Präsident sprach am Mittwoch mit seinem Amtskollegen über den Handel.")
        setup = time.perf_counter() - setup
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        counts = WarcCounts(str(path))
        started, cpu = time.perf_counter(), time.process_time()
        documents = sum(1 for _ in read_warc(path, str(path), counts, langs=frozenset({"de", "en"})))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        size = os.path.getsize(path)
    print(counts.summary().replace(str(path), path.name))
    print(f"archive: {size / 1e6:.1f} MB gzipped, {html_bytes / 1e6:.1f} MB of HTML, "
          f"{counts.html / max(counts.records, 1):.0%} HTML responses")
    print(f"{counts.html} pages in {elapsed:.2f} s ({cpu:.2f} s CPU): {counts.html / elapsed:,.0f} pages/s, "
          f"{html_bytes / 1e6 / elapsed:.1f} MB/s; {documents} documents passed on")
    print(f"peak memory (RSS): {peak / 1024:.0f} MB ({rss_before / 1024:.0f} MB before reading); "
          f"one-off setup (gazetteer automaton, language word lists) {setup:.1f} s")
    if counts.html / elapsed < 2000:
        print("below the target of 2,000 pages/s", file=sys.stderr)


if __name__ == "__main__":
    main()
