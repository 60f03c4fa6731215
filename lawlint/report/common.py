"""Helpers the report formats share: option lookup, ordering, counts and rule metadata.

Every renderer takes `(results, options)`; `options` may be None, a mapping or any object with
attributes, so the CLI can pass whatever it builds without the formats depending on its type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable

from lawlint.model import FileResult, Finding, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
FORMATS_WITH_LINES = {"txt", "md", "html", "akn", "uslm", "xml", "waivers"}


def option(options: Any, name: str, default: Any = None) -> Any:
    """One option by name from a mapping or an object; `default` when absent or None."""
    if options is None:
        return default
    if isinstance(options, dict):
        value = options.get(name, options.get(name.replace("_", "-")))
    else:
        value = getattr(options, name, None)
    return default if value is None else value


def findings_of(results: Iterable[FileResult]) -> list[Finding]:
    """All findings of all files, in a stable order (path, page, line, column, rule)."""
    return sorted((f for r in results for f in r.findings), key=lambda f: f.sort_key())


def active(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that still count: not accepted by a waiver."""
    return [f for f in findings if not f.waived]


def by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(str(f.severity) for f in findings)
    return {str(s): counts.get(str(s), 0) for s in SEVERITIES}


def by_category(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """category -> {error: n, warning: n, info: n}, categories sorted by name."""
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        row = out.setdefault(f.category, {str(s): 0 for s in SEVERITIES})
        row[str(f.severity)] += 1
    return dict(sorted(out.items()))


CHECKED, NOT_CHECKED, ERROR = "checked", "not-checked", "error"


def file_status(r: FileResult, options: Any = None) -> tuple[str, str]:
    """(status, reason) of one file: `checked`; `not-checked` (read, but no rules apply to its language, so
    "no findings" would mean nothing); or `error` (could not be read, or linting failed). The reason is one
    line for the user; empty when checked.

    `options.rule_languages` (the languages the rule set in use has rules for) decides; without it only an
    undetermined language ('und') counts as not checked."""
    if r.error:
        return ERROR, r.error
    lang = (r.language or "").lower()
    known = option(options, "rule_languages", None)
    langs = sorted({str(x).lower() for x in known}) if known is not None else None
    if lang == "und":
        reason = "language not recognised (read as 'und'), so no rules were applied"
    elif langs is not None and lang and lang not in langs:
        reason = f"no rules for language '{lang}', so no rules were applied"
    elif langs is not None and not langs:
        reason = "the rule set in use has no rules, so nothing was applied"
    else:
        return CHECKED, ""
    if langs:
        reason += f" (rules exist for {', '.join(langs)}; --language picks one)"
    return NOT_CHECKED, reason


def unchecked(results: Iterable[FileResult], options: Any = None) -> list[tuple[FileResult, str]]:
    """Files that were read but not checked, each with the reason."""
    out = []
    for r in results:
        status, reason = file_status(r, options)
        if status == NOT_CHECKED:
            out.append((r, reason))
    return out


def has_lines(result_format: str) -> bool:
    """Whether Finding.line is a line of the file itself (so editors and code hosts can point at it)."""
    return result_format in FORMATS_WITH_LINES


def display_path(path: str) -> str:
    return PurePath(path).as_posix()


def location_text(f: Finding, result_format: str = "") -> str:
    """Where a finding sits, in words a reader of that format understands."""
    if f.page:
        return f"page {f.page}, line {f.line}"
    if result_format == "docx":
        return f"paragraph {f.line}"
    return f"line {f.line}, column {f.column}"


@dataclass
class RuleMeta:
    """What the reports say about a rule beyond a single finding (SARIF rules table, comment text)."""

    id: str
    title: str = ""
    category: str = ""
    severity: str = ""
    confidence: str = ""
    message: str = ""
    why: str = ""
    fix: str = ""
    authorities: list = field(default_factory=list)


def _get(obj: Any, name: str, default: Any = "") -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def rule_catalogue(findings: Iterable[Finding], options: Any = None) -> dict[str, RuleMeta]:
    """Metadata of every rule that produced a finding, richest source first.

    `options.rules` (a mapping id -> rule, or a list of rules, as objects or dicts) gives `why` and
    the default severity; without it the findings themselves supply title, message, fix and authorities.
    """
    known: dict[str, Any] = {}
    rules = option(options, "rules")
    if isinstance(rules, dict):
        known = dict(rules)
    elif rules:
        for rule in rules:
            rid = _get(rule, "id", None)
            if rid:
                known[str(rid)] = rule
    out: dict[str, RuleMeta] = {}
    for f in findings:
        if f.rule in out:
            continue
        rule = known.get(f.rule)
        meta = RuleMeta(
            id=f.rule,
            title=f.title,
            category=f.category,
            severity=str(f.severity),
            confidence=f.confidence,
            message=f.message,
            fix=f.fix,
            authorities=list(f.authorities),
        )
        if rule is not None:
            meta.title = str(_get(rule, "title", "") or meta.title)
            meta.why = " ".join(str(_get(rule, "why", "") or "").split())
            meta.fix = " ".join(str(_get(rule, "fix", "") or meta.fix).split())
            sev = _get(rule, "severity", "")
            meta.severity = str(sev) if sev else meta.severity
        out[f.rule] = meta
    return dict(sorted(out.items()))


def why_of(f: Finding, catalogue: dict[str, RuleMeta]) -> str:
    """The standard a finding breaches: the rule's `why` when known, else the finding's message."""
    meta = catalogue.get(f.rule)
    return (meta.why if meta and meta.why else f.message).strip()


def ruleset_label(options: Any) -> str:
    """A short description of the rule set used, for report footers."""
    label = option(options, "ruleset")
    if label:
        return str(label)
    rules = option(options, "rules")
    if rules:
        return f"{len(rules)} rules"
    return "built-in rules"
