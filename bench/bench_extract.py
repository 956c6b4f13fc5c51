"""Extraction throughput (cleaning included) on generated 5 KB German news documents.

usage: python bench/bench_extract.py [--docs 1000] [--size 5000]

Runs in one process (one core): reports documents/s, MB/s, the time per
stage, and the peak resident memory. Start-up (loading the gazetteer and
compiling patterns) is timed separately, since it is paid once per process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from summitry import pipeline  # noqa: E402
from summitry.compiled import compiled_modules  # noqa: E402
from summitry.clean import clean_document  # noqa: E402
from summitry.pipeline import STAGES  # noqa: E402
from summitry.records import Extraction, RawDocument  # noqa: E402


def _stages(raw: RawDocument, timings: dict[str, float]) -> None:
    """The pipeline's stages, each timed: cleaning, then pipeline.STAGES as the pipeline runs them."""
    clock = time.perf_counter
    t = clock()
    doc = clean_document(raw)
    timings["clean"] += clock() - t
    ex = Extraction(document=doc)
    for name, stage in STAGES:
        t = clock()
        stage(ex)
        timings[name] += clock() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--size", type=int, default=5000)
    args = ap.parse_args()

    texts = corpus(args.docs, size=args.size)
    raws = [RawDocument(id=f"bench-{i}", source="bench", text=t) for i, t in enumerate(texts)]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    t0 = time.perf_counter()
    pipeline.process(raws[0])  # loads data files and compiles patterns once
    startup = time.perf_counter() - t0

    timings: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for raw in raws:
        _stages(raw, timings)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"documents: {len(raws)} of ~{args.size / 1000:.0f} KB ({megabytes:.1f} MB), one process")
    print(f"compiled modules (mypyc): {len(compiled_modules())}")
    print(f"start-up (data and patterns, once): {startup:.2f} s")
    print(f"extraction incl. cleaning: {len(raws) / elapsed:.0f} documents/s, {megabytes / elapsed:.2f} MB/s")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {1000 * seconds / len(raws):6.2f} ms/document")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
