"""Full pipeline throughput (read, clean, extract) on 1 and more worker processes.

usage: python bench/bench_workers.py [--docs 2000] [--size 5000] [--workers 1,2] [--ingest]

Writes the generated 5 KB German news documents (bench/corpus.py) to a JSON Lines file and
runs `pipeline.process_paths` over it, as `summitry extract FILE --workers N --format jsonl` does
(each document's record made as a JSON line where it was extracted), once per worker count; with
--ingest, `summitry ingest FILE --workers N` into a new SQLite store instead (storing, reports
and events run in the main process). Start-up (loading the language data and compiling the
patterns, which workers forked afterwards share) is paid once per run and timed on its own, as
in bench_extract.py.
Reports wall-clock documents/s (the machine's other load counts here, unlike the CPU times of
bench_extract.py) after start-up, the same with one start-up added (what one run of that many
documents takes), and the peak resident memory of the main process and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from summitry.compiled import compiled_modules  # noqa: E402
from summitry.errors import InputError  # noqa: E402
from summitry.output import record_line  # noqa: E402
from summitry.ingest import ingest_paths  # noqa: E402
from summitry.pipeline import process_paths, warm_up  # noqa: E402
from summitry.store import open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    ap.add_argument("--ingest", action="store_true",
                    help="run `ingest` into a new SQLite store instead (documents, extractions, reports, events)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i, text in enumerate(corpus(args.docs, size=args.size)):
                out.write(json.dumps({"id": f"bench-{i}", "text": text}, ensure_ascii=False) + "\n")
        print(f"documents: {args.docs} of ~{args.size / 1000:.0f} KB ({path.stat().st_size / 1e6:.1f} MB)")
        print(f"compiled modules (mypyc): {len(compiled_modules())}")
        t0 = time.perf_counter()
        warm_up()
        startup = time.perf_counter() - t0
        print(f"start-up (data and patterns, once per run): {startup:.1f} s")
        for workers in (int(w) for w in args.workers.split(",")):
            t0, cpu0 = time.perf_counter(), time.process_time()
            if args.ingest:
                with open_store(str(Path(tmp) / f"store-{workers}.db")) as store:
                    report = ingest_paths([str(path)], store, workers=workers)
                done, failed = report.new, report.failed
            else:
                done = failed = 0
                for item in process_paths([str(path)], workers=workers, finish=record_line):
                    if isinstance(item, InputError):
                        failed += 1
                    else:
                        done += 1
            elapsed, main_cpu = time.perf_counter() - t0, time.process_time() - cpu0
            print(f"workers {workers}: {done / elapsed:,.0f} documents/s ({elapsed:.1f} s, {failed} failed); "
                  f"with start-up {done / (elapsed + startup):,.0f} documents/s; "
                  f"main process CPU {1000 * main_cpu / max(done, 1):.2f} ms/document")
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main process {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB")


if __name__ == "__main__":
    main()
