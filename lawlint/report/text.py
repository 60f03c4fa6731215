"""`--format text` (the default): one line per finding, as compilers and ruff print them, then a summary.

    path:line:col: severity rule-id [CATEGORY] clause 22(1)(a): message
    path:p7:118:9: ...            PDF: page 7, line 118 of that page, column 9
    path: error: cannot read file: ...

Editors and terminals turn `path:line:col:` into links. Colour only when options.color is set (the CLI
sets it for a terminal, never for a pipe). Waived findings are not listed; the summary counts them.
"""

from __future__ import annotations

from typing import Any

import click

from lawlint.model import FileResult, Finding, Severity
from lawlint.report.common import option

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def where(f: Finding) -> str:
    return f"{f.path}:p{f.page}:{f.line}:{f.column}" if f.page else f"{f.path}:{f.line}:{f.column}"


def finding_line(f: Finding, color: bool = False) -> str:
    sev = str(f.severity)
    loc, rule, cat = where(f) + ":", f.rule, f"[{f.category}]"
    if color:
        loc = click.style(loc, bold=True)
        sev = click.style(sev, fg=_COLOURS[f.severity], bold=True)
        rule = click.style(rule, fg=_COLOURS[f.severity])
    clause = f" clause {f.clause}" if f.clause else ""
    return f"{loc} {sev} {rule} {cat}{clause}: {f.message}"


def summary_line(results: list[FileResult], options: Any = None) -> str:
    counts = {s: 0 for s in Severity}
    waived = 0
    for r in results:
        for f in r.findings:
            if f.waived is not None:
                waived += 1
            else:
                counts[f.severity] += 1
    total = sum(counts.values())
    head = (f"{_plural(total, 'finding')} ({_plural(counts[Severity.ERROR], 'error')}, "
            f"{_plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info)" if total
            else "No findings")
    parts = [f"{head} in {_plural(len(results), 'file')}"]
    if waived:
        parts[0] += f" ({waived} waived)"
    rule_langs = set(option(options, "rule_languages", ()) or ())
    used = sorted({r.language for r in results if not r.error and r.language in rule_langs})
    without = sorted({r.language or "und" for r in results if not r.error and r.language not in rule_langs})
    rules = f"rules: {', '.join(used) if used else 'none'}"
    if without:
        rules += f" (no rules for {', '.join(without)})"
    parts.append(rules)
    unreadable = sum(1 for r in results if r.error)
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} could not be read")
    return "; ".join(parts)


def render(results: list[FileResult], options: Any = None) -> str:
    color = bool(option(options, "color", False))
    lines = []
    for r in results:
        if r.error:
            err = click.style("error", fg="red", bold=True) if color else "error"
            lines.append(f"{r.path}: {err}: {r.error}")
        for f in sorted(r.findings, key=Finding.sort_key):
            if f.waived is None:
                lines.append(finding_line(f, color))
    if not option(options, "quiet", False):
        lines.append(summary_line(results, options))
    return "".join(line + "\n" for line in lines)
