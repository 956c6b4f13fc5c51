"""Events clustering throughput and memory on synthetic extraction records (no text extraction).

usage: python bench/bench_events.py [--docs 10000] [--batch 100] [--seed 1]

Documents are added one at a time to an EventIndex, as ingest does, with the events brought up
to date every --batch documents; then every merged record is built once. Reports documents/s
(adding, and all in), peak resident memory, and the pairwise F1 against the generated truth.
Times are CPU time of this process (other load on the machine does not count). Run each size
in its own process: peak memory is per process.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events_corpus import iter_events_corpus  # noqa: E402

from summitry.events import EventIndex, event_records, reports_of  # noqa: E402


def _pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def pair_f1(events: list[dict], truth: dict[str, int]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 from the contingency counts (no all-pairs loop)."""
    pred = {d: e["id"] for e in events for d in e["documents"]}
    both = Counter((pred.get(d), t) for d, t in truth.items() if pred.get(d) is not None)
    tp = _pairs(both)
    p_pairs = _pairs(Counter(pred.values()))
    t_pairs = _pairs(Counter(truth.values()))
    prec = tp / p_pairs if p_pairs else 1.0
    rec = tp / t_pairs if t_pairs else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--span-days", type=int, default=None,
                    help="days the documents spread over (default: docs / 10, at least 365)")
    ap.add_argument("--undated", type=float, default=0.02,
                    help="share of documents with neither a date nor a publication date")
    a = ap.parse_args()
    t0 = time.process_time()
    # each generated record is turned into reports as it comes, as an ingest reads one document at a
    # time: the memory measured is the index's, not that of every input record held at once
    truth: dict[str, int] = {}
    reports = []
    for rec, event in iter_events_corpus(a.docs, seed=a.seed, span_days=a.span_days, undated=a.undated):
        truth[rec["id"]] = event
        reports.append(reports_of(rec, rec.pop("_text")))
    t_gen = time.process_time() - t0
    # The generated input is not what is measured: keep the collector from walking it again and again.
    gc.collect()
    gc.freeze()
    index = EventIndex()
    t0 = time.process_time()
    for i, reps in enumerate(reports, 1):
        index.add_reports(reps)
        if i % a.batch == 0:
            index.refresh()
    index.refresh()
    t_add = time.process_time() - t0
    t0 = time.process_time()
    events = event_records(index)
    t_merge = time.process_time() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prec, rec, f1 = pair_f1(events, truth)
    print(f"documents: {a.docs}  events: {len(events)}  (generated in {t_gen:.1f} s)")
    print(f"clustering: {t_add:.2f} s = {a.docs / t_add:,.0f} documents/s (refresh every {a.batch})")
    print(f"merged records: {t_merge:.2f} s; all in: {a.docs / (t_add + t_merge):,.0f} documents/s")
    print(f"peak memory: {peak_mb:,.0f} MB")
    print(f"pairwise vs truth: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
