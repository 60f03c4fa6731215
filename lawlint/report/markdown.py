"""`--format markdown`: a review memo a reviewer can paste into an email, an issue or a submission.

A summary table first (by severity, then by category), then every finding grouped by clause in the
bill's order, each with the words flagged, why it matters, the fix and the authorities as links.
Waived findings are listed with their reason, marked as waived, so the memo never hides them.
"""

from __future__ import annotations

import re
from typing import Any

from lawlint import __version__
from lawlint.model import FileResult, Finding
from lawlint.report.common import (
    SEVERITIES,
    active,
    by_category,
    by_severity,
    display_path,
    file_status,
    findings_of,
    location_text,
    option,
    rule_catalogue,
    ruleset_label,
    why_of,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def esc(text: str) -> str:
    """Escape Markdown punctuation in words taken from a bill, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


QUOTE_LIMIT = 700


def clause_groups(result: FileResult) -> list[tuple[str, str, str, list[Finding]]]:
    """(clause label, heading, clause words, findings) in the bill's order; clauses the bill does not
    know go last, without heading or words."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=lambda f: f.sort_key()):
        groups.setdefault(f.eid or f.clause, []).append(f)
    order: list[str] = []
    headings: dict[str, str] = {}
    words: dict[str, str] = {}
    if result.bill is not None:
        for c in result.bill.walk():
            if c.eid not in groups:
                continue
            # the nearest heading, so "6(1)" is shown as part of "False statements"
            headings[c.eid] = c.heading or next((a.heading for a in c.ancestors() if a.heading), "")
            words[c.eid] = " ".join(p for p in (c.text, c.wrap_up) if p)
            order.append(c.eid)
    order += [k for k in groups if k not in order]
    return [(groups[k][0].clause or k, headings.get(k, ""), words.get(k, ""), groups[k]) for k in order]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT].rsplit(" ", 1)[0] + " …"
    return f"> {esc(text)}"


def _authority_links(f: Finding) -> str:
    parts = []
    for a in f.authorities:
        cite = esc(f"{a.citation}, {a.pinpoint}" if a.pinpoint else a.citation)
        parts.append(f"[{cite}]({a.url})" if a.url else cite)
    return "; ".join(parts)


def _finding(f: Finding, fmt: str, catalogue: dict) -> list[str]:
    head = (
        f"- **{str(f.severity).upper()}** {esc(f.title)} (`{f.rule}`, {f.category}, "
        f"confidence {f.confidence}; {location_text(f, fmt)})"
    )
    lines = [head]
    if f.waived:
        lines.append(f"  - *Waived* — {esc(f.waived)}")
    if f.excerpt:
        lines.append(f"  - Words flagged: “{esc(f.excerpt)}”")
    lines.append(f"  - Why: {esc(why_of(f, catalogue))}")
    if f.explanation:
        lines.append(f"  - Context: {esc(f.explanation)}")
    if f.fix:
        lines.append(f"  - Fix: {esc(f.fix)}")
    links = _authority_links(f)
    if links:
        lines.append(f"  - Authorities: {links}")
    if f.related:
        lines.append(f"  - Related rules on this clause: {', '.join(f'`{r}`' for r in f.related)}")
    return lines


def banner(results: list[FileResult], options: Any = None) -> list[str]:
    """Lines at the very top for files not read or not checked, so a memo never reads as a clearance."""
    lines = []
    for r in results:
        status, reason = file_status(r, options)
        if status == "error":
            lines.append(f"> **NOT READ:** {esc(display_path(r.path))} could not be read: {esc(reason)}")
        elif status == "not-checked":
            lines.append(f"> **NOT CHECKED:** {esc(display_path(r.path))}: {esc(reason)}")
    if lines:
        lines = [line + ("  " if i < len(lines) - 1 else "") for i, line in enumerate(lines)]
        lines += [">", "> No findings for these files does not mean they comply.", ""]
    return lines


def render(results: list[FileResult], options: Any = None) -> str:
    findings = findings_of(results)
    counting = active(findings)
    catalogue = rule_catalogue(findings, options)
    titles = [r.bill.title for r in results if r.bill is not None and r.bill.title]
    title = titles[0] if len(results) == 1 and titles else ", ".join(display_path(r.path) for r in results)
    out = [f"# lawlint review: {esc(title) or 'no files'}", ""]
    out += banner(results, options)
    sev = by_severity(counting)
    waived = len(findings) - len(counting)
    out.append(
        f"{len(counting)} finding{'s' if len(counting) != 1 else ''} in {len(results)} "
        f"file{'s' if len(results) != 1 else ''}" + (f", plus {waived} waived" if waived else "") + "."
    )
    out += ["", "| Severity | Findings |", "| --- | ---: |"]
    out += [f"| {s} | {sev[str(s)]} |" for s in SEVERITIES]
    cats = by_category(counting)
    if cats:
        out += ["", "| Category | Error | Warning | Info |", "| --- | ---: | ---: | ---: |"]
        out += [f"| {c} | {row['error']} | {row['warning']} | {row['info']} |" for c, row in cats.items()]
    for r in results:
        out += ["", f"## {esc(display_path(r.path))}", ""]
        status, reason = file_status(r, options)
        if r.error:
            out += [f"**NOT READ.** Could not be read: {esc(r.error)}"]
            continue
        if status == "not-checked":
            out += [f"**NOT CHECKED:** {esc(reason)}. Absence of findings here means nothing."]
            continue
        if not r.findings:
            out += ["No findings."]
            continue
        for label, heading, words, group in clause_groups(r):
            name = f"Clause {esc(label)}" if label else "Whole document"
            out += [f"### {name}" + (f" — {esc(heading)}" if heading else ""), ""]
            if words:
                out += [_quote(words), ""]
            for f in group:
                out += _finding(f, r.format, catalogue)
            out.append("")
        while out and out[-1] == "":
            out.pop()
    out += [
        "",
        "---",
        "",
        f"Generated by lawlint {__version__}, rule set: {esc(ruleset_label(options))}. "
        "Findings are prompts for expert review, not legal advice.",
    ]
    if option(options, "min_confidence"):
        out[-1] += f" Minimum confidence: {option(options, 'min_confidence')}."
    return "\n".join(out) + "\n"
