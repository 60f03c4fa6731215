"""Whole bills, section by section: flag the sections experts criticised, stay quiet on the rest.

A section counts as flagged when any clause inside it has an error or warning finding. The expectations
(corpora/bills/*.expected.json, see corpora/HELDOUT.md) list criticised sections with their categories and
sections that must stay quiet (short title, appointments, funds, lawful offences and powers).
"""

import json
from pathlib import Path

import pytest

from lawlint.engine.evaluate import LintOptions, lint_bill
from lawlint.engine.loader import load_rules
from lawlint.pipeline import load_bill

BILLS = sorted((Path(__file__).resolve().parents[1] / "corpora" / "bills").glob("*.txt"))


def section_of(label: str) -> str:
    return label.split("(", 1)[0].strip().rstrip(".")


@pytest.fixture(scope="module")
def scores():
    ruleset = load_rules((), builtin=True)
    out = {}
    for path in BILLS:
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
        flagged: dict[str, set[str]] = {}
        for f in lint_bill(load_bill(path), ruleset, LintOptions()):
            if str(f.severity) in ("error", "warning"):
                flagged.setdefault(section_of(f.clause), set()).add(f.category)
        out[path.name] = (expected, flagged)
    return out


def test_there_are_bills_to_score():
    assert len(BILLS) >= 3


def test_criticised_sections_are_flagged(scores):
    hit = total = 0
    for expected, flagged in scores.values():
        total += len(expected["flag"])
        hit += sum(1 for sec in expected["flag"] if sec in flagged)
    assert hit / total >= 0.80, f"{hit} of {total} criticised sections flagged"


def test_quiet_sections_stay_quiet(scores):
    alarms = [(name, sec) for name, (expected, flagged) in scores.items() for sec in expected["quiet"] if sec in flagged]
    total = sum(len(expected["quiet"]) for expected, _ in scores.values())
    assert len(alarms) / total <= 0.05, alarms


def test_findings_carry_the_criticised_categories(scores):
    agree = total = 0
    for expected, flagged in scores.values():
        for sec, cats in expected["flag"].items():
            total += len(cats)
            agree += len(set(cats) & flagged.get(sec, set()))
    assert agree / total >= 0.60, f"{agree} of {total} expected categories found"
