"""`--format text` (the default): one line per finding, as compilers and ruff print them, then a summary.

    path:line:col: severity rule-id [CATEGORY] clause 22(1)(a): message
    bill.pdf:118:9: error rule-id [CATEGORY] clause 22(1)(a) [p. 7, line 12]: message
        precedent 0.93 struck down: IN, Information Technology Act, 2000, s. 66A; Shreya ...   (--show-precedents)
    path: error: cannot read file: ...
    path: not checked: no rules for language 'de', so no rules were applied (...)

The command line prints the finding lines on stdout (or -o FILE) and the error, not-checked and summary
lines on stderr, so a report redirected to a file never hides that a file was not read or not checked.
Editors and terminals turn `path:line:col:` into links. The line and column count through the whole document
in every input format (for a PDF, the body's lines in reading order; for Word, its paragraphs), so every
`file:line:col` parser reads them; a PDF finding adds its page and the line on that page after the clause.
Colour only when options.color is set (the CLI sets it for a terminal, never for a pipe). Waived findings
are not listed; the summary counts them.
"""

from __future__ import annotations

from typing import Any

import click

from lawlint.model import FileResult, Finding, Severity
from lawlint.report.common import ERROR, NOT_CHECKED, file_status, option, page_note, where

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def finding_line(f: Finding, color: bool = False) -> str:
    sev = str(f.severity)
    loc, rule, cat = where(f) + ":", f.rule, f"[{f.category}]"
    if color:
        loc = click.style(loc, bold=True)
        sev = click.style(sev, fg=_COLOURS[f.severity], bold=True)
        rule = click.style(rule, fg=_COLOURS[f.severity])
    clause = f" clause {f.clause}" if f.clause else ""
    page = page_note(f)
    if page:
        clause += f" [{page}]"
    return f"{loc} {sev} {rule} {cat}{clause}: {f.message}"


def precedent_line(p) -> str:
    """One precedent as `--show-precedents` prints it (and the Word comments): report.common.precedent_label
    and the URL in angle brackets."""
    from lawlint.report.common import precedent_label

    return precedent_label(p) + (f" <{p.url}>" if p.url else "")


def precedent_lines(f: Finding) -> list[str]:
    return [f"    precedent {precedent_line(p)}" for p in f.precedents]


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
    not_checked = sum(1 for r in results if file_status(r, options)[0] == NOT_CHECKED)
    if not_checked:
        parts.append(f"{_plural(not_checked, 'file')} NOT CHECKED")
    unreadable = sum(1 for r in results if r.error)
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} could not be read")
    return "; ".join(parts)


def diagnostic_line(r: FileResult, options: Any = None, color: bool = False) -> str | None:
    """`path: error: ...` for a file that could not be read, `path: not checked: ...` for one read but not
    checked; None for a checked file."""
    status, reason = file_status(r, options)
    if status == ERROR:
        word = "error"
    elif status == NOT_CHECKED:
        word = "warning: not checked" if option(options, "allow_unchecked", False) else "error: not checked"
    else:
        return None
    if color:
        word = click.style(word, fg="yellow" if word.startswith("warning") else "red", bold=True)
    return f"{r.path}: {word}: {reason}"


def diagnostics(results: list[FileResult], options: Any = None, color: bool = False) -> str:
    """The error and not-checked lines, one per file concerned (what the CLI prints on stderr first)."""
    lines = [line for r in results if (line := diagnostic_line(r, options, color))]
    return "".join(line + "\n" for line in lines)


def render_findings(results: list[FileResult], options: Any = None) -> str:
    """Only the finding lines: what `check` prints on stdout in text format. With `show_waived`
    (--show-waived) waived findings are listed too, each ending in `[waived: reason]`."""
    color = bool(option(options, "color", False))
    show_waived = bool(option(options, "show_waived", False))
    show_precedents = bool(option(options, "show_precedents", False))
    lines = []
    for r in results:
        for f in sorted(r.findings, key=Finding.sort_key):
            if f.waived is None:
                lines.append(finding_line(f, color))
            elif show_waived:
                lines.append(f"{finding_line(f, color)} [waived: {' '.join(str(f.waived).split())}]")
            else:
                continue
            if show_precedents:
                lines += precedent_lines(f)
    return "".join(line + "\n" for line in lines)


def render(results: list[FileResult], options: Any = None) -> str:
    """Everything in one string (for the API and tests): each file's error or not-checked line before its
    findings, then the summary unless quiet."""
    color = bool(option(options, "color", False))
    lines = []
    for r in results:
        line = diagnostic_line(r, options, color)
        if line:
            lines.append(line)
        for f in sorted(r.findings, key=Finding.sort_key):
            if f.waived is None:
                lines.append(finding_line(f, color))
                if option(options, "show_precedents", False):
                    lines += precedent_lines(f)
    if not option(options, "quiet", False):
        lines.append(summary_line(results, options))
    return "".join(line + "\n" for line in lines)


def statistics(results: list[FileResult], options: Any = None) -> str:
    """`--statistics`: one line per rule that fired (waived findings left out), most frequent first:
    count, rule id, category, severity and title, in aligned columns (as ruff prints them)."""
    rows: dict[str, list] = {}
    for r in results:
        for f in r.findings:
            if f.waived is None:
                row = rows.setdefault(f.rule, [0, f.rule, f"[{f.category}]", str(f.severity), f.title])
                row[0] += 1
    ordered = sorted(rows.values(), key=lambda row: (-row[0], row[1]))
    if not ordered:
        return ""
    widths = [max(len(str(row[i])) for row in ordered) for i in range(4)]
    lines = [f"{str(row[0]).rjust(widths[0])}  {row[1].ljust(widths[1])}  {row[2].ljust(widths[2])}  "
             f"{row[3].ljust(widths[3])}  {row[4]}".rstrip() for row in ordered]
    return "".join(line + "\n" for line in lines)
