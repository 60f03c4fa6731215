"""The lawful corpus (corpora/lawful): it loads, every section says where it came from, it is as large and as
varied as issue 9 asks, and the false alarms a person has reviewed can only become fewer.

The ratchet: corpora/lawful/review.jsonl holds fired sections labelled by hand. Every section whose labels
are all `false-alarm` is linted again here, alone and in its own language, as benchmarks/lawful.py does;
the number still flagged at error or warning (by any rule) may not exceed FALSE_ALARM_CEILING. When a rule
change clears some of them, lower the ceiling to the new count (the failure message prints it), so the
gain is kept.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import lawful  # benchmarks/lawful.py: the corpus loader and the one way a section is linted

REVIEW = ROOT / "corpora" / "lawful" / "review.jsonl"

# Reviewed false alarms (sections) that lawlint still flags at error or warning. Lower it whenever the rules
# improve; never raise it to make a rule change pass.
FALSE_ALARM_CEILING = 206

SOURCE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+@[0-9a-f]{40}:\S.*$")


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return lawful.load()


def test_every_section_has_provenance_and_text(corpus):
    fields = ("id", "jurisdiction", "language", "instrument", "label", "text", "source", "publisher", "basis")
    for rec in corpus:
        missing = [f for f in fields if not rec.get(f)]
        assert not missing, f"{rec.get('id')}: no {missing}"
        assert SOURCE.match(rec["source"]), f"{rec['id']}: source {rec['source']!r} is not owner/repo@commit:path"
        assert rec["language"] in ("en", "fr", "es"), rec["id"]
    ids = Counter(r["id"] for r in corpus)
    assert not [i for i, n in ids.items() if n > 1], "section ids must be unique"


def test_size_and_spread_meet_issue_9(corpus):
    assert len(corpus) >= 20_000
    jurisdictions = Counter(r["jurisdiction"] for r in corpus)
    assert len(jurisdictions) >= 4, jurisdictions
    languages = Counter(r["language"] for r in corpus)
    assert languages["en"] > len(corpus) / 2, languages  # English the majority
    assert languages["fr"] >= 2_000 and languages["es"] >= 2_000, languages


def test_no_repealed_stubs(corpus):
    stub = re.compile(r"^\[?\s*(Repealed|Abrog[ée])\b|^\(?Derogad[oa]\b")
    assert not [r["id"] for r in corpus if stub.match(r["text"])]


def _false_alarms() -> list[dict]:
    labels: dict[str, set[str]] = {}
    texts: dict[str, dict] = {}
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels.setdefault(row["id"], set()).add(row["label"])
            texts[row["id"]] = row
    return [texts[i] for i in sorted(labels) if labels[i] == {"false-alarm"}]


def test_review_is_well_formed():
    rows = [json.loads(line) for line in REVIEW.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 200
    for row in rows:
        assert row["label"] in ("false-alarm", "real-restriction"), row
        assert row["note"].strip() and row["text"].strip() and row["rule"], row["id"]


def test_reviewed_false_alarms_only_fall():
    """Relint the reviewed false alarms; the number still flagged must not exceed the ceiling."""
    sections = _false_alarms()
    assert sections, "review.jsonl has no false alarms to hold"
    still = []
    for row in sections:
        rec = {"id": row["id"], "jurisdiction": row["jurisdiction"], "language": row["language"],
               "label": row.get("section_label", ""), "heading": row.get("heading", ""), "text": row["text"]}
        found = lawful.lint_record(rec)
        if any(f["severity"] in lawful.COUNTED for f in found):
            still.append(row["id"])
    assert len(still) <= FALSE_ALARM_CEILING, (
        f"{len(still)} of {len(sections)} reviewed false alarms are flagged again (ceiling "
        f"{FALSE_ALARM_CEILING}); newly flagged or still flagged: {still[:20]}")
    if len(still) < FALSE_ALARM_CEILING:
        print(f"\nreviewed false alarms still flagged: {len(still)} (ceiling {FALSE_ALARM_CEILING}: lower it)")
