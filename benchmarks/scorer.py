"""The scorer's contribution, measured apart from the rules: rules alone, scorer alone, both.

    python benchmarks/scorer.py lawful [--sample N]     # findings per 1,000 ordinary sections
    python benchmarks/scorer.py labelled FILE.jsonl     # recall / false-positive rate on labelled provisions
    python ../shared/tools/evaluate.py FILE.jsonl --cmd "python benchmarks/scorer.py"   # scorer alone, there

Each text is read as `lawlint check` reads a pasted provision (reader + structure; lawful sections rendered
as benchmarks/lawful.py renders them), the rules run (lawlint.engine.evaluate.lint_bill), then the scorer
(lawlint.scorer.second_opinion) exactly as lawlint.engine.runner calls it. "Scorer alone" counts the
possible-* findings the scorer would add with no rule findings to defer to; "both" is what `lawlint check`
reports. A labelled provision counts as flagged when it has an error or warning (as ../shared/tools/evaluate.py
counts it).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAWFUL = ROOT / "corpora" / "lawful" / "sections.jsonl.gz"
FLAGGING = ("error", "warning")
_STATE: dict = {}


def render(rec: dict) -> str:
    label, heading = rec.get("label", ""), rec.get("heading", "")
    if rec.get("jurisdiction") == "US" and label:
        label = "§ " + label.split("U.S.C. ", 1)[-1] + "."
    first = " ".join(x for x in (label, heading) if x)
    return f"{first}\n{rec['text']}" if first else rec["text"]


def three_ways(text: str, lang: str) -> tuple[list, list, list]:
    """(rule findings, scorer findings with no rules, findings of rules + scorer) for one text."""
    from lawlint import readers, structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.engine.loader import load_rules
    from lawlint.scorer import second_opinion

    if "ruleset" not in _STATE:
        _STATE["ruleset"] = load_rules((), builtin=True)
    rs = _STATE["ruleset"]
    bill = structure.build_bill(readers.read_bytes(text.encode("utf-8"), "section.txt"))
    bill.language = lang
    rules = [f for f in lint_bill(bill, rs, LintOptions(language=lang, scorer=False))]
    alone = [f for f in second_opinion(bill, [], lang, "low", rs)]
    both = second_opinion(bill, list(rules), lang, "low", rs)
    return rules, alone, both


def _flag(findings) -> bool:
    return any(str(f.severity) in FLAGGING for f in findings)


def _work(item):
    text, lang = item
    r, a, b = three_ways(text, lang)
    return (sum(str(f.severity) in FLAGGING for f in r), len(a), sum(str(f.severity) in FLAGGING for f in b),
            _flag(r), _flag(a), _flag(b), [(f.rule, f.clause, f.message[:200]) for f in a])


def run_all(items: list[tuple[str, str]], jobs: int) -> list:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    three_ways("1 The Minister may make regulations.", "en")  # load rules and pipeline before forking
    if jobs <= 1 or len(items) < 100:
        return [_work(it) for it in items]
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs) as pool:
        return list(pool.imap(_work, items, chunksize=50))


def lawful(args) -> None:
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    recs = [r for r in recs if r.get("language", "en") == args.language]
    if args.sample:
        recs = sorted(recs, key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())[: args.sample]
    out = run_all([(render(r), r["language"]) for r in recs], args.jobs)
    n = len(recs)
    per = lambda k: 1000 * sum(o[k] for o in out) / max(1, n)  # noqa: E731
    print(f"lawful [{args.language}] {n} sections: findings (error+warning) per 1,000 sections: rules "
          f"{per(0):.1f}, scorer alone {per(1):.2f}, both {per(2):.1f}; sections flagged per 1,000: rules "
          f"{1000 * sum(o[3] for o in out) / max(1, n):.1f}, scorer alone {1000 * sum(o[4] for o in out) / max(1, n):.2f}, "
          f"both {1000 * sum(o[5] for o in out) / max(1, n):.1f}")
    for rec, o in zip(recs, out):
        for rule, clause, msg in o[6]:
            if args.show:
                print(f"  {rec['id']} {clause} {rule}: {msg}")


def labelled(args) -> None:
    recs = [json.loads(line) for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.languages:
        recs = [r for r in recs if r.get("language") in args.languages.split(",")]
    out = run_all([(r["text"].strip() + "\n", r.get("language", "en")) for r in recs], args.jobs)
    for name, k in (("rules", 3), ("scorer", 4), ("both", 5)):
        tp = sum(1 for r, o in zip(recs, out) if r["verdict"] == "violation" and o[k])
        fn = sum(1 for r, o in zip(recs, out) if r["verdict"] == "violation" and not o[k])
        fp = sum(1 for r, o in zip(recs, out) if r["verdict"] != "violation" and o[k])
        tn = sum(1 for r, o in zip(recs, out) if r["verdict"] != "violation" and not o[k])
        rec_ = tp / (tp + fn) if tp + fn else 0.0
        prec = tp / (tp + fp) if tp + fp else 0.0
        f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        print(f"{name:<7} recall {rec_:.3f}  fpr {fp / (fp + tn) if fp + tn else 0.0:.3f}  precision {prec:.3f}  "
              f"f1 {f1:.3f}  (n={tp + fn} violations, {fp + tn} compliant)")
    if args.show:
        for r, o in zip(recs, out):
            for rule, clause, msg in o[6]:
                print(f"  {r['verdict'][:4]} {r['id']} {clause} {rule} {'(rules silent)' if not o[3] else ''}")


def check(args) -> None:
    """`check --format json FILES` as lawlint prints it, with the scorer's findings only (no rules to defer
    to): what ../shared/tools/evaluate.py needs to measure the scorer alone."""
    from lawlint.pipeline import load_bill
    from lawlint.engine.evaluate import LintOptions, bill_language
    from lawlint.engine.loader import load_rules
    from lawlint.scorer import second_opinion

    rs = load_rules((), builtin=True)
    files = []
    for path in args.paths:
        bill = load_bill(path)
        lang = bill_language(bill, LintOptions())
        found = second_opinion(bill, [], lang, "low", rs)
        files.append({"path": path, "error": None, "language": lang, "findings": [
            {"rule": f.rule, "category": f.category, "severity": str(f.severity), "confidence": f.confidence,
             "clause": f.clause, "line": f.line, "message": f.message} for f in found]})
    print(json.dumps({"version": "1", "files": files}))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("lawful")
    a.add_argument("--corpus", type=Path, default=LAWFUL)
    a.add_argument("--sample", type=int, default=0)
    a.add_argument("--language", default="en")
    b = sub.add_parser("labelled")
    b.add_argument("file")
    b.add_argument("--languages", default="")
    for p in (a, b):
        p.add_argument("--jobs", type=int, default=2)
        p.add_argument("--show", action="store_true", help="list the scorer's findings")
    c = sub.add_parser("check", help="scorer-only findings in lawlint's JSON contract")
    c.add_argument("--format", default="json")
    c.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    {"lawful": lawful, "labelled": labelled, "check": check}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
