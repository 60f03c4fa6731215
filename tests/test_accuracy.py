"""Accuracy guard: the labelled provisions must stay separated as the issue requires.

The same measure as ../shared/tools/evaluate.py (a provision is flagged when it has an error or warning
finding), run in-process on the project's own copies of the data so a rule change that costs recall or
adds false alarms fails here, not only in the closing note.
"""

import json
from pathlib import Path

import pytest

from lawlint.engine.evaluate import LintOptions, lint_bill
from lawlint.engine.loader import load_rules
from lawlint.pipeline import load_bill

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="module")
def ruleset():
    return load_rules((), builtin=True)


def _score(records, ruleset, tmp_path):
    tp = fn = fp = tn = cat_hit = cat_total = 0
    for n, rec in enumerate(records):
        path = tmp_path / f"{n:04d}.txt"
        path.write_text(rec["text"].strip() + "\n", encoding="utf-8")
        bill = load_bill(path)
        findings = [f for f in lint_bill(bill, ruleset, LintOptions()) if str(f.severity) in ("error", "warning")]
        flagged = bool(findings)
        if rec["verdict"] == "violation":
            tp, fn = tp + flagged, fn + (not flagged)
            labelled = set(rec["categories"])
            cat_total += len(labelled)
            cat_hit += len(labelled & {f.category for f in findings})
        else:
            fp, tn = fp + flagged, tn + (not flagged)
    return tp / (tp + fn), fp / (fp + tn), cat_hit / cat_total


def _records(name, language=None):
    rows = [json.loads(line) for line in (CORPORA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if language is None or r["language"] == language]


def test_development_provisions_in_english(ruleset, tmp_path):
    recall, fpr, category_recall = _score(_records("provisions-dev.jsonl", "en"), ruleset, tmp_path)
    assert recall >= 0.90 and fpr <= 0.10 and category_recall >= 0.75, (recall, fpr, category_recall)


def test_probe_provisions_written_apart_from_the_rules(ruleset, tmp_path):
    """A second, smaller set (corpora/PROBE.md) kept as a check on generalisation."""
    recall, fpr, category_recall = _score(_records("probe-en.jsonl"), ruleset, tmp_path)
    assert recall >= 0.85 and fpr <= 0.15 and category_recall >= 0.70, (recall, fpr, category_recall)


def test_heldout_provisions_written_without_seeing_the_rules(ruleset, tmp_path):
    """corpora/HELDOUT.md: first measured at recall 0.733, FPR 0.143; the floor keeps what was gained since."""
    recall, fpr, category_recall = _score(_records("heldout-en.jsonl"), ruleset, tmp_path)
    assert recall >= 0.80 and fpr <= 0.10, (recall, fpr, category_recall)


def test_second_heldout_set_in_english_french_and_spanish(ruleset, tmp_path):
    """corpora/HELDOUT.md: first measured at recall 0.789, FPR 0.125 across the three languages."""
    recall, fpr, category_recall = _score(_records("heldout2-multi.jsonl"), ruleset, tmp_path)
    assert recall >= 0.80 and fpr <= 0.10, (recall, fpr, category_recall)


def test_languages_without_rules_give_no_finding_and_no_error(ruleset, tmp_path):
    ruled = set(ruleset.languages())
    assert "en" in ruled
    others = [r for r in _records("provisions-dev.jsonl") if r["language"] not in ruled]
    assert len(others) >= 3  # Czech, Arabic, Chinese (the 16 German records have rules since issue 12)
    for n, rec in enumerate(others):
        path = tmp_path / f"{n:04d}.txt"
        path.write_text(rec["text"].strip() + "\n", encoding="utf-8")
        bill = load_bill(path)
        assert bill.language == rec["language"], rec["id"]
        assert lint_bill(bill, ruleset, LintOptions()) == [], rec["id"]
