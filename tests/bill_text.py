"""Bills built from a string in tests, and what they say: one place for the helpers the structure and principle
tests share (read as a text file, as `lawlint check` reads one)."""

from __future__ import annotations

from lawlint.readers import text as text_reader
from lawlint.structure import build_bill


def bill_of(source: str, fmt: str = "txt"):
    return build_bill(text_reader.read(source.encode("utf-8"), f"bill.{fmt}", fmt))


def labels(bill) -> list[str]:
    return [c.label for c in bill.walk()]


def find(bill, label: str):
    for clause in bill.walk():
        if clause.label == label:
            return clause
    raise AssertionError(f"no clause {label!r} in {labels(bill)}")


def reported_categories(findings, rules) -> set[str]:
    """Categories the findings report, counting the missing safeguards merged into a finding (`also`)."""
    by_id = {r.id: r.category for r in rules.rules}
    return {f.category for f in findings} | {by_id[r] for f in findings for r in f.also}


def flagging_findings(text: str, rules, lang: str = "en"):
    """The findings at warning or above on `text` read alone, with its language forced."""
    from lawlint.engine.evaluate import LintOptions, lint_bill

    return [f for f in lint_bill(bill_of(text), rules, LintOptions(language=lang))
            if str(f.severity) in ("error", "warning")]
