"""Every rule's own examples, from every pack: each `fire` example must fire the rule, each `quiet` must not.

Examples go through the same path as `lawlint check` on a text file (reader, segmenter, engine), with the
example's language forced, so what an author sees on the command line is what this test checks. A rule
that fired but lost to a more severe rule of its category (listed in `related`) counts as fired.
"""

from __future__ import annotations

import pytest

from lawlint.engine.loader import load_rules
from lawlint.model import LawlintError

MIN_EXAMPLES = 3

try:
    RULESET = load_rules()
    LOAD_ERROR = None
except LawlintError as exc:  # report it as one failing test, not a collection crash
    RULESET = None
    LOAD_ERROR = str(exc)


def _cases():
    if RULESET is None:
        return []
    out = []
    for rule in RULESET.rules:
        for lang, ex in sorted(rule.examples.items()):
            for kind in ("fire", "quiet"):
                for n, text in enumerate(ex.get(kind, ()), 1):
                    out.append(pytest.param(rule.id, lang, kind, text, id=f"{rule.id}-{lang}-{kind}{n}"))
    return out


def _fired(text: str, lang: str) -> set[str]:
    from lawlint import structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import text as text_reader

    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), f"<example:{lang}>", "txt"))
    findings = lint_bill(bill, RULESET, LintOptions(language=lang))
    return {r for f in findings for r in f.reported_rules}


def test_rule_packs_load():
    assert LOAD_ERROR is None, LOAD_ERROR


@pytest.mark.parametrize("rule_id", [r.id for r in RULESET.rules] if RULESET else [])
def test_rule_has_enough_examples(rule_id):
    rule = RULESET.by_id()[rule_id]
    for lang in rule.trigger:
        ex = rule.examples.get(lang, {})
        assert len(ex.get("fire", ())) >= MIN_EXAMPLES, f"{rule_id} ({lang}): fewer than {MIN_EXAMPLES} fire examples"
        assert len(ex.get("quiet", ())) >= MIN_EXAMPLES, f"{rule_id} ({lang}): fewer than {MIN_EXAMPLES} quiet examples"


@pytest.mark.parametrize("rule_id,lang,kind,text", _cases())
def test_rule_example(rule_id, lang, kind, text):
    fired = _fired(text, lang)
    if kind == "fire":
        assert rule_id in fired, f"{rule_id} should fire on: {text!r} (fired: {sorted(fired)})"
    else:
        assert rule_id not in fired, f"{rule_id} should stay quiet on: {text!r}"


def test_examples_are_collected_from_test_rules_too():
    """The collection logic itself works (guards against an empty parametrization passing silently)."""
    from pathlib import Path

    rs = load_rules([Path(__file__).parent / "data" / "rules"], builtin=False)
    assert sum(len(ex["fire"]) for r in rs.rules for ex in r.examples.values()) >= 12
