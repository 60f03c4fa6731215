"""Measure precedent matching on a labelled set (corpora/precedents-eval.jsonl):

    python -m lawlint.precedents.evaluate [FILE] [--threshold T] [-v]

Each item is a clause or section as a bill would print it; it is read as `lawlint check` reads a pasted
provision (reader, structure), every clause is matched with its lead-in, and the item's answer is its single
nearest precedent over all its clauses. `expect` lists the precedents it re-enacts (any one is a correct
answer); `may_match` lists lawful precedents a look-alike may resemble without harm; `exclude` lists records
left out of the index (a real copy between two jurisdictions is matched with its own record left out).

Reported at the threshold:
- top-1 precision: of the items whose nearest precedent is at or above the threshold, the share whose nearest
  is in `expect` or `may_match`;
- recall on near-verbatim re-enactments (every kind but `paraphrase` and `lookalike`): the share whose nearest
  precedent is in `expect` and at or above the threshold; recall on paraphrases is reported apart;
- condemned false alarms: look-alikes whose nearest precedent is a condemned one at or above the threshold
  (what would raise resembles-condemned-provision on a lawful clause).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lawlint import precedents as prec

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "corpora" / "precedents-eval.jsonl"
NEAR_VERBATIM = ("renumbered", "reordered", "inflection", "synonyms", "copied")


def load_items(path: Path = DEFAULT) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def nearest(item: dict) -> prec.Match | None:
    """The item's nearest precedent over all its clauses (None if none reaches the listing floor)."""
    from lawlint import readers, structure

    lang = item.get("language", "en")
    full = prec.index(lang)
    if full is None:
        return None
    idx = full
    if item.get("exclude"):
        keep = [i for i, p in enumerate(full.precedents) if p.id not in set(item["exclude"])]
        idx = prec.Index(lang, [full.precedents[i] for i in keep],
                         prec.lemmatise(lang, [full.precedents[i].text for i in keep]))
    bill = structure.build_bill(readers.read_bytes(item["text"].encode("utf-8"), "item.txt"))
    clauses, words = prec.readings(bill, lang)
    found = prec.match_words(idx, words, partial=[not c.children for c in clauses])
    best = [ms[0] for ms in found if ms]
    if not best:
        return None
    return min(best, key=lambda m: (-m.similarity, m.precedent.id))


def evaluate(items: list[dict], threshold: float = prec.THRESHOLD) -> dict:
    rows = []
    for it in items:
        m = nearest(it)
        ok_ids = set(it.get("expect", ())) | set(it.get("may_match", ()))
        rows.append({"id": it["id"], "kind": it["kind"], "nearest": m.precedent.id if m else None,
                     "similarity": round(m.similarity, 3) if m else 0.0,
                     "condemned": bool(m and m.precedent.condemned),
                     "above": bool(m and m.similarity >= threshold),
                     "right": bool(m and m.precedent.id in set(it.get("expect", ()))),
                     "acceptable": bool(m and m.precedent.id in ok_ids)})
    above = [r for r in rows if r["above"]]
    near = [r for r in rows if r["kind"] in NEAR_VERBATIM]
    para = [r for r in rows if r["kind"] == "paraphrase"]
    looks = [r for r in rows if r["kind"] == "lookalike"]

    def share(xs, pred):
        return sum(1 for x in xs if pred(x)) / len(xs) if xs else 0.0

    return {
        "threshold": threshold, "items": len(rows), "near_verbatim": len(near), "paraphrases": len(para),
        "lookalikes": len(looks), "matched": len(above),
        "precision_top1": share(above, lambda r: r["acceptable"]),
        "recall_near_verbatim": share(near, lambda r: r["right"] and r["above"]),
        "recall_paraphrase": share(para, lambda r: r["right"] and r["above"]),
        "lookalike_condemned_alarms": sum(1 for r in looks if r["above"] and r["condemned"]),
        "recall_by_kind": {k: share([r for r in rows if r["kind"] == k], lambda r: r["right"] and r["above"])
                           for k in (*NEAR_VERBATIM, "paraphrase") if any(r["kind"] == k for r in rows)},
        "rows": rows,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--threshold", type=float, default=prec.THRESHOLD)
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per item")
    args = ap.parse_args(argv)
    res = evaluate(load_items(Path(args.file)), args.threshold)
    if args.verbose:
        for r in res["rows"]:
            mark = "ok " if (r["right"] if r["kind"] != "lookalike" else not (r["above"] and not r["acceptable"])) else "XX "
            print(f"{mark}{r['kind']:11s} {r['id']:34s} {r['similarity']:.3f} {r['nearest']}")
    print(f"threshold {res['threshold']:.2f}: {res['items']} items ({res['near_verbatim']} near-verbatim, "
          f"{res['paraphrases']} paraphrases, {res['lookalikes']} look-alikes); {res['matched']} matched at or above it")
    print(f"top-1 precision {res['precision_top1']:.3f}; recall near-verbatim {res['recall_near_verbatim']:.3f}; "
          f"recall paraphrase {res['recall_paraphrase']:.3f}; look-alikes raising a condemned match "
          f"{res['lookalike_condemned_alarms']}")
    print("recall by kind: " + ", ".join(f"{k} {v:.2f}" for k, v in res["recall_by_kind"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
