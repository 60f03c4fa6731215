"""`--format github`: GitHub Actions workflow commands, one annotation per finding, plus a job summary.

Annotations follow the runner's escaping rules: in the message `%`, CR and LF are percent-encoded; in
property values `:` and `,` are too, or the runner would cut the value short. Line and column are the
text format's (counted through the document in every input format: the body line of a PDF, the paragraph
of a Word file), with the end of the words flagged when they sit on one line (the runner takes no columns
on an annotation over several lines); the title names the clause, and for a PDF the page and its line.
Waived findings get no annotation (they were accepted); the summary still lists how many there were.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lawlint import __version__
from lawlint.model import FileResult, Finding, Severity
from lawlint.report.common import (
    SEVERITIES,
    active,
    by_category,
    by_severity,
    display_path,
    findings_of,
    location_text,
    option,
    page_note,
    unchecked,
)

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, fmt: str) -> str:
    props = [f"file={escape_property(display_path(f.path))}", f"line={max(f.line, 1)}",
             f"col={max(f.column, 1)}"]
    # the runner refuses columns on an annotation that spans lines, so a span over lines keeps the column
    # (the spot every format names) and leaves out its end
    if f.end_line == f.line and f.end_column > f.column:
        props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
    where = f"clause {f.clause}" if f.clause else location_text(f, fmt)
    if f.clause and f.page:
        where += f", {page_note(f)}"
    props.append(f"title={escape_property(f'lawlint {f.rule} ({where})')}")
    body = f"{f.title}: {f.message}"
    if f.fix:
        body += f"\nFix: {f.fix}"
    cites = "; ".join(a.citation + (f", {a.pinpoint}" if a.pinpoint else "") for a in f.authorities)
    if cites:
        body += f"\nAuthorities: {cites}"
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(body)}"


def render(results: list[FileResult], options: Any = None) -> str:
    formats = {r.path: r.format for r in results}
    lines = [
        f"::error file={escape_property(display_path(r.path))},title=lawlint::"
        f"{escape_data('cannot read: ' + r.error)}"
        for r in results
        if r.error
    ]
    command = "warning" if option(options, "allow_unchecked", False) else "error"
    lines += [
        f"::{command} file={escape_property(display_path(r.path))},title=lawlint NOT CHECKED::"
        f"{escape_data('not checked: ' + reason)}"
        for r, reason in unchecked(results, options)
    ]
    lines += [annotation(f, formats.get(f.path, "")) for f in active(findings_of(results))]
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary(results: list[FileResult], options: Any = None) -> str:
    """A Markdown job summary: counts, then one table row per finding (waived ones marked)."""
    findings = findings_of(results)
    counting = active(findings)
    sev = by_severity(counting)
    out = [
        "## lawlint",
        "",
        f"{len(counting)} finding(s) in {len(results)} file(s): "
        + ", ".join(f"{sev[str(s)]} {s}" for s in SEVERITIES)
        + (f"; {len(findings) - len(counting)} waived" if len(findings) != len(counting) else "")
        + ".",
        "",
    ]
    errors = [r for r in results if r.error]
    for r in errors:
        out.append(f"- :x: `{_cell(display_path(r.path))}` could not be read: {_cell(r.error or '')}")
    not_checked = unchecked(results, options)
    for r, reason in not_checked:
        out.append(f"- :warning: **NOT CHECKED** `{_cell(display_path(r.path))}`: {_cell(reason)}")
    if errors or not_checked:
        out.append("")
    cats = by_category(counting)
    if cats:
        out += ["| Category | Error | Warning | Info |", "| --- | ---: | ---: | ---: |"]
        out += [f"| {c} | {row['error']} | {row['warning']} | {row['info']} |" for c, row in cats.items()]
        out.append("")
    if findings:
        out += ["| File | Clause | Severity | Rule | Finding |", "| --- | --- | --- | --- | --- |"]
        for f in findings:
            sev_text = f"{f.severity} (waived)" if f.waived else str(f.severity)
            out.append(
                f"| {_cell(display_path(f.path))} | {_cell(f.clause)} | {sev_text} | `{f.rule}` | "
                f"{_cell(f.title)} |"
            )
        out.append("")
    out.append(f"<sub>lawlint {__version__}</sub>")
    return "\n".join(out) + "\n"


def write_summary(results: list[FileResult], path: str | None, options: Any = None) -> str | None:
    """Append the job summary to `path` (or $GITHUB_STEP_SUMMARY); returns the path written, if any.

    Appends, as GitHub expects: several steps may write to the same summary file.
    """
    target = path or os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    with Path(target).open("a", encoding="utf-8") as fh:
        fh.write(summary(results, options))
    return target
