"""Side-by-side view of gold and predicted contacts, per document, for error analysis.

usage: python bench/diagnose.py GOLD.jsonl PRED.jsonl [--only-wrong]
"""

from __future__ import annotations

import json
import sys


def _people(c):
    return ", ".join(sorted((p["name"] if isinstance(p, dict) else p).split()[-1] for p in c["participants"]))


def _line(c):
    return f"{'*' if c.get('main') else ' '} {c['kind']:<10} {c.get('status', ''):<8} [{_people(c)}] {c.get('date')}"


def main() -> None:
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
    pred = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2], encoding="utf-8")}
    only_wrong = "--only-wrong" in sys.argv
    for gid, g in gold.items():
        p = pred.get(gid, {"contacts": []})
        gm = next((c for c in g["contacts"] if c["main"]), None)
        pm = next((c for c in p["contacts"] if c.get("main")), None)
        ok = (gm is None and (pm is None or pm.get("status") != "occurred")) or (
            gm is not None and pm is not None and _people(gm) == _people(pm) and gm["kind"] == pm["kind"]
            and (gm.get("date_basis") not in ("explicit", "relative") or gm["date"] == pm.get("date")))
        if only_wrong and ok:
            continue
        print(f"=== {gid} {'OK' if ok else 'WRONG'}  published={p.get('published')}")
        for c in g["contacts"]:
            print("  gold", _line(c), c.get("date_basis") or "")
        for c in p["contacts"]:
            ev = c["evidence"][0]["text"][:110].replace("\n", " ") if c.get("evidence") else ""
            print("  pred", _line(c), "|", ev)


if __name__ == "__main__":
    main()
