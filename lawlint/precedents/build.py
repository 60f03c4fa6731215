"""Build lawlint/precedents/precedents.json from corpora/condemned/part-*.jsonl:

    python -m lawlint.precedents.build [--check]

The shipped file keeps, for each record, what matching and the reports need (text, language, categories,
verdict, the decision) and its provenance (source and label URLs, notes); records are sorted by id so the
file is deterministic. --check exits 1 if the shipped file differs from what the corpus gives (a test runs it).
An installed wheel has only the shipped file: corpora/ is not part of the package.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lawlint.precedents import DATA, FORMAT

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "condemned"
FIELDS = ("id", "jurisdiction", "instrument", "section", "year", "language", "text", "verdict", "categories",
          "source_url", "label_url", "notes", "decision")


def build(corpus: Path = CORPUS) -> str:
    records = []
    for path in sorted(corpus.glob("part-*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if "decision" not in rec or not rec.get("text"):
                raise SystemExit(f"{path.name}:{n}: record without text or decision")
            records.append({k: rec[k] for k in FIELDS if k in rec})
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise SystemExit(f"duplicate precedent ids: {', '.join(dup)}")
    records.sort(key=lambda r: r["id"])
    data = {"format": FORMAT, "source": "corpora/condemned (see its README for provenance)",
            "precedents": records}
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file is out of date")
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        if not DATA.is_file() or DATA.read_text(encoding="utf-8") != text:
            print(f"{DATA} is out of date: run python -m lawlint.precedents.build", file=sys.stderr)
            return 1
        return 0
    DATA.write_text(text, encoding="utf-8")
    n = text.count('"id":')
    print(f"wrote {DATA} ({n} precedents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
