"""False negatives and false positives of contacts, matched as the shared scorer matches them.

usage: python bench/contact_errors.py GOLD.jsonl PRED.jsonl
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

COARSE = {"phone_call": "call", "video_call": "call", "call": "call", "meeting": "meeting", "visit": "meeting"}
FAMILY_FIRST = {"xi", "li", "wang", "han", "kim", "hu", "wen", "zhao", "hun", "ding", "cai", "moon", "yoon"}


def fold(s):
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"yy\b", "y", re.sub(r"[^a-z0-9 ]+", " ", s)).split()


def key(name):
    t = fold(name)
    return (t[0] if t[0] in FAMILY_FIRST else t[-1]) if t else ""


def same(gold_names, pred_parts):
    got = set()
    for p in pred_parts:
        got |= set(fold(p["name"]))
    return {key(n) for n in gold_names} <= got and len(pred_parts) == len(gold_names)


def main():
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
    pred = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2], encoding="utf-8")}
    for gid, g in gold.items():
        pcs = list(pred.get(gid, {}).get("contacts", []))
        used = set()
        fn = []
        for gc in g["contacts"]:
            hit = next((j for j, pc in enumerate(pcs) if j not in used and COARSE[pc["kind"]] == COARSE[gc["kind"]]
                        and pc["status"] == gc["status"] and same(gc["participants"], pc["participants"])), None)
            if hit is None:
                fn.append(gc)
            else:
                used.add(hit)
        fp = [pc for j, pc in enumerate(pcs) if j not in used]
        for c in fn:
            print(f"FN {gid} {c['kind']:<10} {c['status']:<8} {[key(n) for n in c['participants']]}")
        for c in fp:
            ev = c["evidence"][0]["text"][:100].replace("\n", " ") if c["evidence"] else ""
            print(f"FP {gid} {c['kind']:<10} {c['status']:<8} {[key(p['name']) for p in c['participants']]} | {ev}")


if __name__ == "__main__":
    main()
