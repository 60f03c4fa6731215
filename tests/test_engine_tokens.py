"""lawlint's anchored `tokens` matcher finds what spaCy's Matcher finds (same start positions), for every
token pattern of the shipped rules and for hand-written patterns using each operator; and the deadline
check reads deadlines the way drafters write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawlint.engine.checks import CHECKS, find_deadlines
from lawlint.engine.loader import load_rules, thaw
from lawlint.model import Severity

ROOT = Path(__file__).resolve().parents[1]

HAND_PATTERNS = [
    [{"LOWER": "may"}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["be", "not"]}}],
    [{"LEMMA": {"IN": ["publish", "spread"]}}, {"OP": "*", "IS_PUNCT": False}, {"LOWER": "false"}],
    [{"LOWER": "within"}, {"LIKE_NUM": True}, {"LOWER": {"IN": ["hours", "days"]}}],
    [{"IS_ALPHA": True, "OP": "?"}, {"LOWER": "offence"}],
    [{"LOWER": "court"}, {"IS_PUNCT": True, "OP": "!"}],
    [{"LOWER": "any"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": "who"}],
    [{"LENGTH": {">=": 12}}, {"LOWER": "of"}],
    [{"TEXT": "Minister"}, {"LOWER": "may", "OP": "+"}],
]


def _text() -> str:
    rows = [json.loads(line) for line in (ROOT / "corpora" / "provisions-dev.jsonl").read_text("utf-8").splitlines()]
    extra = ("Any person who publishes, shares or spreads false news commits an offence. The Minister may direct "
             "a provider to remove content within 24 hours. The court. A court may order. Any natural person who "
             "knowingly does so commits an offence. Incomprehensible of words.")
    return "\n\n".join([r["text"].replace("\n", " ") for r in rows if r["language"] == "en"] + [extra])


@pytest.fixture(scope="module")
def doc_and_nlp():
    from lawlint.engine.nlp import get_nlp

    nlp = get_nlp("en")
    return nlp(_text()), nlp


def _shipped_patterns():
    rs = load_rules()
    out = []
    for table in rs.predicates.values():
        for pred in table.values():
            out += [thaw(p.tokens) for p in pred.patterns if p.kind == "tokens"]
    for rule in rs.rules:
        for pats in rule.trigger.values():
            out += [thaw(p.tokens) for p in pats if p.kind == "tokens"]
    return out


@pytest.mark.parametrize("pattern", _shipped_patterns() + HAND_PATTERNS, ids=lambda p: json.dumps(p)[:60])
def test_same_starts_as_spacy(doc_and_nlp, pattern):
    from spacy.matcher import Matcher

    from lawlint.engine.tokens import TokenMatcher

    doc, nlp = doc_and_nlp
    ref = Matcher(nlp.vocab)
    ref.add("x", [pattern])
    expected = {s for _, s, _ in ref(doc)}
    ours = {s for _, s, _ in TokenMatcher([("test", pattern)], nlp.vocab).run(doc, [(0, len(doc))])}
    assert ours == expected


def test_matches_stay_inside_their_text(doc_and_nlp):
    from lawlint.engine.tokens import TokenMatcher

    _, nlp = doc_and_nlp
    doc = nlp("the Minister may\n\ndirect the provider")
    tm = TokenMatcher([("t", [{"LOWER": "may"}, {"OP": "*"}, {"LOWER": "direct"}])], nlp.vocab)
    assert [t.text for t in doc][2:5] == ["may", "\n\n", "direct"]
    assert list(tm.run(doc, [(0, 3), (4, 7)])) == []  # two texts: no match across the boundary
    assert list(tm.run(doc, [(0, 7)])) == [(0, 2, 5)]


@pytest.mark.parametrize("text,hours", [
    ("shall remove it within 24 hours of a notice", 24),
    ("within twenty-four hours", 24),
    ("within forty-eight (48) hours", 48),
    ("not later than two working days after", 48),
    ("no later than 7 days", 168),
    ("within a period of thirty days", 720),
    ("a 24-hour period", 24),
    ("shall forthwith remove", 0),
    ("within one month", 720),
    ("within 36 hrs", 36),
])
def test_deadlines(text, hours):
    found = find_deadlines(text)
    assert found and min(f[0] for f in found) == hours


def test_deadline_check_thresholds():
    run = CHECKS["deadline"].run
    params = {"type": "deadline", "error_at_most_hours": 24, "warning_at_most_hours": 72, "max_hours": 168}
    r = run("The provider shall remove it within 24 hours of a notice from the Authority.", params)
    assert r.holds and r.severity == Severity.ERROR
    assert r.words == "within 24 hours of a notice from the Authority"
    assert run("within three days", params).severity == Severity.WARNING  # 72 h: thresholds are inclusive
    assert run("within five days", params).severity is None and run("within five days", params).holds
    assert not run("within thirty days", params).holds  # above max_hours
    assert not run("no deadline at all", params).holds  # required by default
    assert run("no deadline at all", {**params, "required": False}).holds
    assert not run("forthwith", {**params, "immediate": False}).holds
