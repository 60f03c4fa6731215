"""Build the scorer's weights from corpora/: `python -m lawlint.scorer.build [--corpora DIR] [--out DIR]`.

Needs the training extra (`pip install -e '.[train]'`, i.e. scikit-learn); `lawlint check` does not.

1. Labelled provisions (verdict violation = positive, compliant = negative) from the corpora's JSONL files
   (never heldout3-real.jsonl, the team's untouched test set), de-duplicated by text; violations labelled only
   with CR-* categories (a penalty or fault element, not a restriction of what may be said or done) are left
   out; ordinary legislation
   sections from corpora/lawful/sections.jsonl.gz as negatives (or, while that corpus is absent, the ordinary
   laws in corpora/documents/).
2. Each text is read as `lawlint check` reads it (reader + structure), and its features are the lemma n-grams
   of lawlint.scorer.features over its clause tree, exactly as scored at run time.
3. Split by instrument: a fifth of the labelled instruments are held out for the printed check; three tenths of
   the lawful documents are held out to calibrate the threshold.
4. Logistic regression over binary features scaled to unit length; the vocabulary is pruned to the
   features with the largest weights and the model refitted on them. One-vs-rest models, fitted on the
   violations, name the category (their largest weights only are kept).
5. The threshold: the lowest probability at which the held-out lawful sections, scored clause by clause as at
   run time, get no more than 1 finding per 1,000 sections (medium confidence: 1 per 5,000).
6. The check on held-out instruments is printed; then the model is refitted on all labelled instruments (still
   not the calibration documents), recalibrated, and written as weights-<lang>.json (sorted keys, rounded
   weights: the same corpora give the same bytes).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LABELLED = ("provisions-dev.jsonl", "heldout-en.jsonl", "heldout2-multi.jsonl", "probe-en.jsonl",
            "condemned/part-a.jsonl", "condemned/part-b.jsonl")
NEVER = ("heldout3-real.jsonl",)  # the honest test set: reported on, never trained on
LAWFUL = "lawful/sections.jsonl.gz"
FALLBACK_LAWFUL = ("documents/ca-cooperative-energy-act-C-41.5-eng.html", "documents/us-BILLS-118s1325rs.uslm.xml",
                   "documents/us-PL-112-61-americas-cup-act-2011.akn.xml")
# Categories the scorer may name: what a clause restricts. CR-* (penalty, fault element...) describe how an
# offence is drafted, not what it restricts, so they are never the scorer's category.
NAMEABLE_PREFIXES = ("FE-", "IL-", "ID-", "PR-")
MIN_CATEGORY = 12  # positives a category needs (in the training data) for a model of its own
C = 4.0
VOCAB = 3000
CATEGORY_WEIGHTS = 400  # a category model only names the category: its largest weights are kept, the rest are 0
LAWFUL_WEIGHT = 0.25  # each ordinary section counts this much beside a labelled provision
READING_WEIGHT = 0.5  # each sub-clause reading of a negative text, relative to the text
RATE = 1 / 1000  # findings per ordinary section at the threshold
RATE_MEDIUM = 1 / 5000
ROUND = 5


@dataclass
class Item:
    id: str
    group: str
    label: int
    categories: tuple[str, ...]
    text: str
    lawful: bool = False
    features: frozenset[str] = frozenset()
    readings: tuple[frozenset[str], ...] = ()  # clauses below the top, each with its lead-in
    bill: object = None


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:8], 16)


def _group(rec: dict) -> str:
    inst = (rec.get("instrument") or "").strip()
    if inst:
        return f"{rec.get('jurisdiction', '')}|{inst}"
    rid = rec.get("id", "")
    return rid.rsplit("-", 1)[0] if "-" in rid else rid


def load_labelled(root: Path, lang: str) -> list[Item]:
    seen: dict[str, Item] = {}
    conflicts = set()
    for name in LABELLED:
        path = root / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("language", "en") != lang or rec.get("verdict") not in ("violation", "compliant"):
                continue
            text = rec.get("text", "")
            key = " ".join(text.lower().split())
            if not key:
                continue
            label = int(rec["verdict"] == "violation")
            if label and not any(c.startswith(NAMEABLE_PREFIXES) for c in rec.get("categories") or ()):
                continue  # a violation only in how an offence is drafted (penalty, fault): not what we score
            if key in seen:
                if seen[key].label != label:
                    conflicts.add(key)
                continue
            seen[key] = Item(rec["id"], _group(rec), label, tuple(rec.get("categories") or ()), text)
    return [it for k, it in seen.items() if k not in conflicts]


def load_lawful(root: Path, lang: str, path: Path | None = None) -> tuple[list[Item], str]:
    path = path or root / LAWFUL
    items = []
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                rec = json.loads(line)
                if (rec.get("language") or rec.get("lang") or "en") != lang:
                    continue
                text = rec.get("text") or ""
                if not text.strip():
                    continue
                doc = next((str(rec[k]) for k in ("document", "doc", "doc_id", "instrument", "source", "file",
                                                  "path", "act") if rec.get(k)), f"line{n // 50}")
                # as benchmarks/lawful.py renders a section: 'label heading' on the first line, then its words
                first = " ".join(x for x in (rec.get("label", ""), rec.get("heading", "")) if x)
                text = f"{first}\n{text}" if first else text
                items.append(Item(str(rec.get("id", n)), doc, 0, (), text, lawful=True))
        return items, str(path)
    from lawlint.pipeline import load_bill

    used = []
    for name in FALLBACK_LAWFUL:
        p = root / name
        if not p.is_file():
            continue
        used.append(name)
        bill = load_bill(p)
        for c in bill.walk():
            if c.kind in ("section", "article") and not c.quoted:
                items.append(Item(f"{name}#{c.eid}", f"{name}#{_h(c.eid) % 20}", 0, (),
                                  (c.heading + "\n" if c.heading else "") + c.subtree_text(), lawful=True))
    return items, "fallback: " + ", ".join(used)


def featurise(items: list[Item], lang: str, stop: frozenset[str]) -> None:
    """Read each text as `lawlint check` would and take its n-grams; keep the Bill for calibration."""
    from lawlint import readers, structure
    from lawlint.scorer import bill_features

    for it in items:
        bill = structure.build_bill(readers.read_bytes(it.text.strip().encode("utf-8") + b"\n", f"{it.id}.txt"))
        bill.language = lang
        whole, readings = bill_features(bill, lang, stop)
        it.features = frozenset(whole)
        it.readings = tuple(frozenset(r) for r in readings if r)
        it.bill = bill


def matrix(items: list[Item], index: dict[str, int]):
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, it in enumerate(items):
        present = sorted(index[f] for f in it.features if f in index)
        if not present:
            continue
        v = 1.0 / math.sqrt(len(present))
        rows += [r] * len(present)
        cols += present
        vals += [v] * len(present)
    return csr_matrix((np.array(vals), (np.array(rows), np.array(cols))), shape=(len(items), len(index)))


def fit(items: list[Item], y: list[int], vocab: list[str], weights: list[float]):
    from sklearn.linear_model import LogisticRegression

    index = {w: i for i, w in enumerate(vocab)}
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=0)
    clf.fit(matrix(items, index), y, sample_weight=weights)
    return [float(x) for x in clf.coef_[0]], float(clf.intercept_[0])


def rows(items: list[Item]) -> tuple[list[Item], list[float]]:
    """The training rows and their weights: every text, and every clause reading of a negative one (a lawful
    section's sub-clause read with its lead-in is lawful too; a violation's sub-clause may not be). The
    positives together weigh as much as all the negatives."""
    out, w = [], []
    for it in items:
        base = LAWFUL_WEIGHT if it.lawful else 1.0
        out.append(it)
        w.append(base)
        if not it.label:
            for r in it.readings:
                out.append(Item(it.id, it.group, 0, (), "", it.lawful, r))
                w.append(base * READING_WEIGHT)
    pos = sum(1 for it in out if it.label) or 1
    wpos = sum(x for it, x in zip(out, w) if not it.label) / pos
    return out, [wpos if it.label else x for it, x in zip(out, w)]


def train(items: list[Item], lang: str, stop: list[str]) -> dict:
    """A full model (binary + categories) as the weights-file dict, threshold not yet set."""
    df = Counter(f for it in items for f in it.features)
    labelled_df = Counter(f for it in items if not it.lawful for f in it.features)
    vocab = sorted(f for f, n in df.items() if n >= 3 or labelled_df[f] >= 2)
    table, sw = rows(items)
    y = [it.label for it in table]
    coef, bias = fit(table, y, vocab, sw)
    keep = sorted(range(len(vocab)), key=lambda i: (-abs(coef[i]), vocab[i]))[:VOCAB]
    vocab = sorted(vocab[i] for i in keep)
    coef, bias = fit(table, y, vocab, sw)
    cats = []
    counts = Counter(c for it in items if it.label for c in it.categories if c.startswith(NAMEABLE_PREFIXES))
    nameable = sorted(c for c, n in counts.items() if n >= MIN_CATEGORY)
    viol = [it for it in items if it.label]
    for cat in nameable:
        yc = [int(cat in it.categories) for it in viol]
        cc, cb = fit(viol, yc, vocab, [1.0] * len(viol))
        top = sorted(sorted(range(len(cc)), key=lambda i: (-abs(cc[i]), i))[:CATEGORY_WEIGHTS])
        cats.append({"category": cat, "bias": round(cb, ROUND),
                     "weights": [[i, round(cc[i], ROUND)] for i in top if abs(round(cc[i], ROUND)) > 0]})
    default = counts.most_common(1)[0][0] if counts else "FE-VAGUE"
    return {"format": "lawlint-scorer/1", "language": lang, "vocabulary": vocab,
            "coef": [round(w, ROUND) for w in coef], "bias": round(bias, ROUND), "stop_words": stop,
            "categories": cats, "default_category": default, "threshold": 1.0, "threshold_medium": 1.0}


def clause_scores(model, items: list[Item]) -> list[list]:
    from lawlint.scorer import score_tree

    return [score_tree(it.bill, model) for it in items]


def findings_at(trees, threshold: float) -> int:
    from lawlint.scorer import emissions

    return sum(len(emissions(t, threshold)) for t in trees)


def calibrate(model, trees, n_sections: int, rate: float) -> float:
    """The lowest threshold (among the clause probabilities seen, so the choice is exact) giving no more than
    `rate` findings per section on the calibration sections."""
    allowed = math.floor(rate * n_sections)
    probs = sorted({s.probability for t in trees for s in _flat(t) if s.scoreable}, reverse=True)
    if not probs:
        return 0.5
    best = math.nextafter(probs[0], 2.0)  # above every probability seen: no findings
    lo, hi = 0, len(probs) - 1
    while lo <= hi:  # findings (nearly) only grow as the threshold falls
        mid = (lo + hi) // 2
        if findings_at(trees, probs[mid]) <= allowed:
            best, lo = probs[mid], mid + 1
        else:
            hi = mid - 1
    return best


def _up(p: float) -> float:
    """Rounded up to 6 places, so rounding never lets in a clause the threshold was chosen to exclude."""
    return min(1.0, math.ceil(p * 1e6) / 1e6)


def _flat(trees):
    for s in trees:
        yield s
        yield from _flat(s.children)


def check(model, items: list[Item]) -> dict:
    """Flagged = at least one possible-* finding (no rules), on each labelled provision read as a bill."""
    from lawlint.scorer import emissions, score_tree

    tp = fp = fn = tn = 0
    cat_hit = cat_total = 0
    for it in items:
        em = emissions(score_tree(it.bill, model), model.threshold)
        flagged = bool(em)
        if it.label:
            tp += flagged
            fn += not flagged
            cats = {model.category(s.present) for s in em}
            named = [c for c in it.categories if c.startswith(NAMEABLE_PREFIXES)]
            cat_total += bool(named) and flagged
            cat_hit += bool(set(named) & cats)
        else:
            fp += flagged
            tn += not flagged
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"violations": tp + fn, "compliant": fp + tn, "precision": round(p, 3), "recall": round(r, 3),
            "fpr": round(fp / (fp + tn), 3) if fp + tn else 0.0,
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "category_agreement": round(cat_hit / cat_total, 3) if cat_total else 0.0}


def neighbours(items: list[Item], vocab: list[str]) -> list[dict]:
    index = {w: i for i, w in enumerate(vocab)}
    out = []
    for it in sorted(items, key=lambda it: it.id):
        if it.label and not it.lawful:
            feats = sorted(index[f] for f in it.features if f in index)
            if feats:
                out.append({"id": it.id, "features": feats})
    return out


def build(root: Path, out_dir: Path, lang: str = "en", log=print, lawful: Path | None = None) -> dict:
    from lawlint.scorer import from_dict
    from lawlint.scorer.features import default_stop_words

    t0 = time.perf_counter()
    stop = default_stop_words(lang)
    labelled = load_labelled(root, lang)
    lawful, lawful_src = load_lawful(root, lang, lawful)
    if not labelled or sum(it.label for it in labelled) < 20:
        raise SystemExit(f"{lang}: too few labelled violations to train on ({len(labelled)} records)")
    featurise(labelled + lawful, lang, frozenset(stop))
    test_groups = {g for g in {it.group for it in labelled} if _h(g) % 5 == 0}
    train_l = [it for it in labelled if it.group not in test_groups]
    test_l = [it for it in labelled if it.group in test_groups]
    calib_docs = {g for g in {it.group for it in lawful} if _h(g) % 10 < 3}
    train_w = [it for it in lawful if it.group not in calib_docs]
    calib_w = [it for it in lawful if it.group in calib_docs]
    log(f"[{lang}] labelled: {len(labelled)} ({sum(it.label for it in labelled)} violations) from "
        f"{len({it.group for it in labelled})} instruments; lawful sections: {len(lawful)} ({lawful_src}); "
        f"features read in {time.perf_counter() - t0:.1f} s")
    log(f"[{lang}] split: train {len(train_l)} labelled + {len(train_w)} lawful; held out {len(test_l)} labelled "
        f"({len(test_groups)} instruments); calibration {len(calib_w)} lawful sections")

    def finish(data: dict) -> dict:
        model = from_dict(data)
        trees = clause_scores(model, calib_w)
        data["threshold"] = _up(calibrate(model, trees, len(calib_w), RATE))
        data["threshold_medium"] = max(data["threshold"], _up(calibrate(model, trees, len(calib_w), RATE_MEDIUM)))
        model = from_dict(data)
        data["metrics"] = {"calibration_sections": len(calib_w),
                           "calibration_findings_per_1000": round(1000 * findings_at(trees, model.threshold)
                                                                  / max(1, len(calib_w)), 3)}
        return data

    data = finish(train(train_l + train_w, lang, stop))
    held = check(from_dict(data), test_l)
    log(f"[{lang}] held-out instruments (threshold {data['threshold']}): precision {held['precision']} recall "
        f"{held['recall']} fpr {held['fpr']} f1 {held['f1']} (n={held['violations']} violations, "
        f"{held['compliant']} compliant); category named right {held['category_agreement']}; lawful calibration "
        f"{data['metrics']['calibration_findings_per_1000']} findings per 1,000 sections")
    final = finish(train(labelled + train_w, lang, stop))
    final["metrics"].update({
        "heldout_split": held, "training_labelled": len(labelled),
        "training_violations": sum(it.label for it in labelled), "training_lawful": len(train_w),
        "lawful_source": lawful_src.replace(str(root), "corpora"),
        "labelled_sources": [n for n in LABELLED if (root / n).is_file()],
    })
    final["neighbours"] = neighbours(labelled, final["vocabulary"])
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"weights-{lang}.json"
    text = json.dumps(final, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    log(f"[{lang}] final: threshold {final['threshold']} (medium {final['threshold_medium']}), "
        f"{len(final['vocabulary'])} features, categories {[c['category'] for c in final['categories']]}; "
        f"lawful calibration {final['metrics']['calibration_findings_per_1000']} per 1,000; wrote {path} "
        f"({len(text) // 1024} KB) in {time.perf_counter() - t0:.1f} s")
    return final


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lawlint.scorer.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("corpora"), help="the corpora directory (default: ./corpora)")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent, help="where to write weights-<lang>.json")
    ap.add_argument("--languages", default="en,fr", help="comma-separated (default: en,fr, the shipped models)")
    ap.add_argument("--lawful", type=Path, default=None,
                    help=f"the ordinary-law sections (default: CORPORA/{LAWFUL})")
    args = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("the scorer build needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    for lang in args.languages.split(","):
        build(args.corpora, args.out, lang.strip(), lawful=args.lawful)
    return 0


if __name__ == "__main__":
    sys.exit(main())
