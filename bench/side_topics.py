"""Topics per side against the gold `sides` of a corpus (precision, recall per document and overall).

    .venv/bin/python bench/side_topics.py ../shared/corpus/seeds.jsonl ../shared/corpus/seeds.gold.jsonl
"""

from __future__ import annotations

import json
import sys

from summitry.pipeline import process_paths
from summitry.records import Extraction


def side_topics(ex: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for st in ex.statements:
        if st.side not in ("media", "expert", "unknown"):
            out.setdefault(st.side, set()).update(st.topics)
    return out


def main(corpus: str, gold_path: str) -> None:
    gold = {g["id"]: g["sides"] for g in map(json.loads, open(gold_path, encoding="utf-8")) if g.get("sides")}
    tp = fp = fn = 0
    for ex in process_paths([corpus]):
        if not isinstance(ex, Extraction) or ex.document.id not in gold:
            continue
        want = {(s, t) for s, ts in gold[ex.document.id].items() for t in ts}
        got = {(s, t) for s, ts in side_topics(ex).items() for t in ts}
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        print(ex.document.id, "missed:", sorted(want - got), "extra:", sorted(got - want))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"side topics: precision {p:.3f}, recall {r:.3f}, f1 {2 * p * r / max(1e-9, p + r):.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
