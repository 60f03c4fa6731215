"""The rule engine: load rule packs (loader), match them with spaCy (nlp, matcher), decide scopes and
structural facts (scopes, structural), evaluate rules into Findings (evaluate, checks), and lint files,
in parallel if asked (runner).

Importing this package does not import spaCy; only matching does.
"""

from __future__ import annotations

from lawlint.engine.loader import RuleSet, load_rules

__all__ = ["LintOptions", "RuleSet", "lint_bill", "load_rules"]


def __getattr__(name: str):
    if name in ("lint_bill", "LintOptions"):
        from lawlint.engine import evaluate

        return getattr(evaluate, name)
    raise AttributeError(name)
