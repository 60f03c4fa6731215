"""Firing rates on ordinary law: run every lawlint rule over each section of corpora/lawful/sections.jsonl.gz.

    python benchmarks/lawful.py                      # the whole corpus, both cores; table to stdout
    python benchmarks/lawful.py --sample 2000        # a deterministic subset, for a quick look
    python benchmarks/lawful.py --language fr --rule insult-of-officials --show 5
    python benchmarks/lawful.py --ids ca-en:A-1:s3,us:17usc105

Each section is linted as a standalone text, the way a reviewer pastes one provision: its label and heading
on the first line, then its words (see `render`), with the record's language forced (as `--language` does).
Options are lawlint's defaults and the path is the CLI's (runner.lint_source, so the learned second
opinion's possible-* findings count too). Writes:
  corpora/lawful/fired.jsonl.gz   one line per finding: section id, rule, category, severity, clause, excerpt
  corpora/lawful/firing.md        the per-rule table (also printed)
and with --json, a summary for benchmarks/run.py. Output is deterministic: sections are linted in corpus
order and results collected in that order, whatever --jobs is.

Most of this corpus creates no speech offence and no surveillance power, so nearly every error or warning
here is a false alarm; corpora/lawful/review.jsonl labels a sample of them by hand.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpora" / "lawful" / "sections.jsonl.gz"
FIRED = ROOT / "corpora" / "lawful" / "fired.jsonl.gz"
TABLE = ROOT / "corpora" / "lawful" / "firing.md"
LANGS = ("en", "fr", "es")
COUNTED = ("error", "warning")


def load(path: Path = CORPUS) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def render(rec: dict) -> str:
    """The section as a reviewer would paste it: 'label heading' on the first line, then the text."""
    label, heading = rec.get("label", ""), rec.get("heading", "")
    if rec["jurisdiction"] == "US":
        label = "§ " + label.split("U.S.C. ", 1)[-1] + "."
    first = " ".join(x for x in (label, heading) if x)
    return f"{first}\n{rec['text']}" if first else rec["text"]


# ------------------------------------------------------------------------------------------- linting

_STATE: dict = {}


def _init(select: tuple[str, ...] = ()) -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from lawlint.engine.loader import load_rules

    rs = load_rules((), builtin=True)
    _STATE["ruleset"] = rs.select(select) if select else rs
    # Build each language's pipeline now (French alone takes ~10 s), so the timed part is steady-state linting.
    for lang, words in (("en", "The Minister may make regulations for carrying out the purposes of this Act."),
                        ("fr", "Le ministre peut prendre des règlements pour l'application de la présente loi."),
                        ("es", "El Poder Ejecutivo reglamentará la presente ley dentro de los noventa días.")):
        safe_lint({"id": "warm-up", "jurisdiction": "", "language": lang, "label": "", "text": words})


def lint_record(rec: dict) -> list[dict]:
    """The findings `lawlint check --language LANG` reports on one section, as plain dicts (clause label,
    severity, excerpt): the same path as the CLI (lawlint.engine.runner.lint_source: read, segment, rules,
    then the learned second opinion), with the section's text given as bytes."""
    from lawlint.engine.evaluate import LintOptions
    from lawlint.engine.runner import Source, lint_source

    if "ruleset" not in _STATE:
        _init()
    lang = rec["language"]
    src = Source("section.txt", render(rec).encode("utf-8"))
    result = lint_source(src, _STATE["ruleset"], LintOptions(language=lang), keep_bill=False)
    if result.error:
        raise RuntimeError(result.error)
    out = []
    for f in result.findings:
        if f.waived is not None:
            continue
        out.append({"id": rec["id"], "rule": f.rule, "category": f.category, "severity": str(f.severity),
                    "confidence": f.confidence, "clause": f.clause, "excerpt": f.excerpt})
    return out


def safe_lint(rec: dict) -> list[dict]:
    """lint_record, but an engine failure on one section is a finding of its own (rule 'internal-error'),
    as `lawlint check` reports it for that file and goes on with the others."""
    try:
        return lint_record(rec)
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        return [{"id": rec["id"], "rule": "internal-error", "category": "crash", "severity": "crash",
                 "confidence": "", "clause": "", "excerpt": f"{type(exc).__name__}: {exc}"[:300]}]


def _chunk(recs: list[dict]) -> list[list[dict]]:
    return [safe_lint(r) for r in recs]


def lint_all(recs: list[dict], jobs: int = 2, select: tuple[str, ...] = (), timing: dict | None = None
             ) -> list[list[dict]]:
    """Findings per record, in record order; with jobs > 1 the records are shared among forked workers,
    which start from this process once it has loaded the rules and the language pipelines (so each
    worker inherits them instead of building its own). `timing` receives start-up and linting seconds."""
    jobs = max(1, min(jobs, len(recs) // 50 or 1))
    t0 = time.perf_counter()
    _init(select)
    t1 = time.perf_counter()
    if timing is not None:
        timing["startup_s"] = t1 - t0
    if jobs == 1:
        out = [safe_lint(r) for r in recs]
        if timing is not None:
            timing["lint_s"] = time.perf_counter() - t1
        return out
    import multiprocessing as mp

    size = 100
    chunks = [recs[i:i + size] for i in range(0, len(recs), size)]
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs) as pool:
        out: list[list[dict]] = []
        for part in pool.imap(_chunk, chunks):
            out.extend(part)
    if timing is not None:
        timing["lint_s"] = time.perf_counter() - t1
    return out


# ------------------------------------------------------------------------------------------- reporting


def rule_table(recs: list[dict], results: list[list[dict]]) -> tuple[list[dict], dict]:
    """Per rule: findings per 1,000 sections at error and at warning, sections flagged, and the rate per
    language (error+warning findings per 1,000 sections of that language)."""
    n_lang = Counter(r["language"] for r in recs)
    n = len(recs)
    per: dict[str, dict] = {}
    for rec, found in zip(recs, results):
        for f in found:
            row = per.setdefault(f["rule"], {"rule": f["rule"], "category": f["category"], "error": 0,
                                             "warning": 0, "info": 0, "sections": set(),
                                             "lang": Counter()})
            row[f["severity"]] = row.get(f["severity"], 0) + 1
            if f["severity"] in COUNTED:
                row["sections"].add(rec["id"])
                row["lang"][rec["language"]] += 1
    rows = []
    for r in per.values():
        rows.append({
            "rule": r["rule"], "category": r["category"],
            "error_per_1k": 1000 * r["error"] / n, "warning_per_1k": 1000 * r["warning"] / n,
            "errors": r["error"], "warnings": r["warning"], "info": r["info"], "sections": len(r["sections"]),
            **{f"{lang}_per_1k": (1000 * r["lang"][lang] / n_lang[lang]) if n_lang[lang] else 0.0
               for lang in LANGS},
        })
    rows.sort(key=lambda r: (-(r["errors"] + r["warnings"]), r["rule"]))
    flagged = {rec["id"] for rec, found in zip(recs, results) if any(f["severity"] in COUNTED for f in found)}
    err = sum(r["errors"] for r in rows)
    warn = sum(r["warnings"] for r in rows)
    totals = {
        "sections": n, "by_language": dict(sorted(n_lang.items())),
        "sections_flagged": len(flagged), "flagged_per_1k": 1000 * len(flagged) / n if n else 0.0,
        "errors": err, "warnings": warn,
        "error_per_1k": 1000 * err / n if n else 0.0, "warning_per_1k": 1000 * warn / n if n else 0.0,
        "flagged_per_1k_by_language": {
            lang: 1000 * sum(1 for rec in recs if rec["language"] == lang and rec["id"] in flagged) / n_lang[lang]
            for lang in LANGS if n_lang[lang]},
    }
    return rows, totals


def markdown(rows: list[dict], totals: dict) -> str:
    langs = [lang for lang in LANGS if totals["by_language"].get(lang)]
    head = ("rule", "category", "error /1k", "warning /1k", "sections", *(f"{lang} /1k" for lang in langs))
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if not (r["errors"] or r["warnings"]):
            continue
        cells = (f"`{r['rule']}`", r["category"], f"{r['error_per_1k']:.2f}", f"{r['warning_per_1k']:.2f}",
                 str(r["sections"]), *(f"{r[f'{lang}_per_1k']:.2f}" for lang in langs))
        lines.append("| " + " | ".join(cells) + " |")
    by = ", ".join(f"{k} {v:,}" for k, v in totals["by_language"].items())
    per_lang = ", ".join(f"{k} {v:.1f}" for k, v in totals["flagged_per_1k_by_language"].items())
    lines += ["", f"{totals['sections']:,} sections ({by}). Sections with at least one error or warning: "
                  f"{totals['sections_flagged']:,} ({totals['flagged_per_1k']:.1f} per 1,000; by language: "
                  f"{per_lang}). Findings per 1,000 sections: {totals['error_per_1k']:.2f} errors, "
                  f"{totals['warning_per_1k']:.2f} warnings."]
    return "\n".join(lines) + "\n"


def write_fired(recs: list[dict], results: list[list[dict]], path: Path) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
        for found in results:
            for f in found:
                row = {k: f[k] for k in ("id", "rule", "category", "severity", "confidence", "clause", "excerpt")}
                gz.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    path.write_bytes(buf.getvalue())


def choose(recs: list[dict], args) -> list[dict]:
    if args.ids:
        want = set(args.ids.split(","))
        recs = [r for r in recs if r["id"] in want]
    if args.language:
        recs = [r for r in recs if r["language"] == args.language]
    if args.jurisdiction:
        recs = [r for r in recs if r["jurisdiction"] == args.jurisdiction.upper()]
    if args.sample and args.sample < len(recs):
        # a hash of its own: the corpus itself was drawn by sha1(id), so reusing it would skew the languages
        pick = sorted((hashlib.sha1(b"sample:" + r["id"].encode()).hexdigest(), r["id"]) for r in recs)[: args.sample]
        keep = {i for _, i in pick}
        recs = [r for r in recs if r["id"] in keep]
    return recs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--sample", type=int, default=0, help="a deterministic subset of this many sections")
    ap.add_argument("--language", choices=LANGS)
    ap.add_argument("--jurisdiction", help="CA, US, FR, AR or PE")
    ap.add_argument("--ids", help="comma-separated section ids")
    ap.add_argument("--rule", action="append", default=[], help="only these rules (lawlint --select syntax)")
    ap.add_argument("--show", type=int, default=0, help="print this many fired sections per rule")
    ap.add_argument("--fired", type=Path, default=None,
                    help=f"where to write the findings (default {FIRED.relative_to(ROOT)} for a full run)")
    ap.add_argument("--table", type=Path, default=None,
                    help=f"where to write the table (default {TABLE.relative_to(ROOT)} for a full run)")
    ap.add_argument("--json", action="store_true", help="print a JSON summary instead of the table")
    args = ap.parse_args(argv)

    recs = choose(load(args.corpus), args)
    if not recs:
        print("no sections chosen", file=sys.stderr)
        return 2
    full = len(recs) == len(load(args.corpus)) and not args.rule
    timing: dict = {}
    results = lint_all(recs, args.jobs, tuple(args.rule), timing)
    wall = timing["lint_s"]
    rows, totals = rule_table(recs, results)
    crashes = [found[0] for found in results if found and found[0]["rule"] == "internal-error"]
    totals.update(startup_s=timing["startup_s"], lint_s=wall, jobs=args.jobs,
                  s_per_1k_sections=1000 * wall / len(recs), crashes=len(crashes),
                  crash_ids=[c["id"] for c in crashes][:50])
    fired = args.fired or (FIRED if full else None)
    if fired:
        write_fired(recs, results, fired)
    table_path = args.table or (TABLE if full else None)
    text = markdown(rows, totals)
    if table_path:
        table_path.write_text(text, encoding="utf-8")
    if args.json:
        print(json.dumps({"totals": totals, "rules": rows}, indent=1))
        return 0
    print(text)
    print(f"{len(recs):,} sections linted in {wall:.1f} s wall with --jobs {args.jobs} "
          f"({totals['s_per_1k_sections']:.1f} s per 1,000 sections; start-up {timing['startup_s']:.1f} s)")
    if crashes:
        print(f"lawlint raised an exception on {len(crashes)} sections, e.g. {crashes[0]['id']}: "
              f"{crashes[0]['excerpt']}")
    if args.show:
        by_id = {r["id"]: r for r in recs}
        shown: dict[str, int] = defaultdict(int)
        for found in results:
            for f in found:
                if f["severity"] in COUNTED and shown[f["rule"]] < args.show:
                    shown[f["rule"]] += 1
                    print(f"\n--- {f['rule']} ({f['severity']}) {f['id']} {f['clause']}\n    fired on: {f['excerpt']}\n"
                          f"{render(by_id[f['id']])[:800]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
