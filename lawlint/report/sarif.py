"""`--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest.

One run; the driver lists each rule that fired with its full description and a help link; each result
names its clause as a logical location (label and eid, kind "member") and the words flagged as a region
(start and end line and column, counted through the document as in every format; for a PDF
`properties.page` and `pageLine` say where on the printed page).
Waived findings stay in the log as suppressed results, which is how SARIF says "seen and accepted".
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from lawlint import __version__
from lawlint.model import FileResult, Finding, Severity
from lawlint.report.common import findings_of, option, page_note, rule_catalogue, unchecked

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (code hosts resolve them against the
    repository root), absolute ones become file: URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        posix = pure.as_posix()
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")
    return quote(pure.as_posix(), safe="/:")


def _authorities(f: Finding) -> list[dict[str, str]]:
    return [{"id": a.id, "citation": a.citation, "pinpoint": a.pinpoint, "url": a.url} for a in f.authorities]


def _rule_descriptor(meta: Any) -> dict[str, Any]:
    full = meta.why or meta.message or meta.title
    help_lines = [meta.title, "", full]
    if meta.fix:
        help_lines += ["", f"Fix: {meta.fix}"]
    md_lines = [f"**{meta.title}**", "", full]
    if meta.fix:
        md_lines += ["", f"**Fix:** {meta.fix}"]
    if meta.authorities:
        md_lines += ["", "**Authorities:**"]
        for a in meta.authorities:
            cite = f"{a.citation}, {a.pinpoint}" if a.pinpoint else a.citation
            md_lines.append(f"- [{cite}]({a.url})" if a.url else f"- {cite}")
    descriptor: dict[str, Any] = {
        "id": meta.id,
        "name": "".join(part.capitalize() for part in meta.id.split("-")),
        "shortDescription": {"text": meta.title or meta.id},
        "fullDescription": {"text": full or meta.id},
        "help": {"text": "\n".join(help_lines).strip(), "markdown": "\n".join(md_lines).strip()},
        "defaultConfiguration": {
            "level": LEVELS.get(Severity.parse(meta.severity), "warning") if meta.severity else "warning"
        },
        "properties": {
            "category": meta.category,
            "confidence": meta.confidence,
            "tags": [t for t in ("legislation", meta.category) if t],
        },
    }
    url = next((a.url for a in meta.authorities if a.url), "")
    if url:
        descriptor["helpUri"] = url
    return descriptor


def region(f: Finding) -> dict[str, Any]:
    """The words flagged as a SARIF region: the same line and column as every other format (counted through
    the whole document in every input format, see model.Location), and where the words end (endColumn is
    one past the last character) when the engine knows it."""
    out: dict[str, Any] = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
    if f.end_line >= out["startLine"] and f.end_column >= 1:
        if f.end_line > out["startLine"] or f.end_column > out["startColumn"]:
            out["endLine"], out["endColumn"] = f.end_line, f.end_column
    if f.excerpt:
        out["snippet"] = {"text": f.excerpt}
    return out


def _result(f: Finding, fmt: str, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region(f)}
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.eid or f.clause:
        # SARIF's list of logical location kinds has nothing for a unit of legislation; "member" (a named
        # part of a larger whole) is the nearest, so viewers that group by it show the clause.
        location["logicalLocations"] = [
            {"name": f.clause or f.eid, "fullyQualifiedName": f.eid or f.clause, "kind": "member"}
        ]
    text = f.message
    page = page_note(f)
    if f.clause:
        text = f"Clause {f.clause}{f' [{page}]' if page else ''}: {text}"
    elif page:
        text = f"[{page}] {text}"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [location],
        "properties": {
            "category": f.category,
            "confidence": f.confidence,
            "authorities": _authorities(f),
            "clause": f.clause,
            "eid": f.eid,
            "excerpt": f.excerpt,
            "fix": f.fix,
        },
    }
    if f.page:
        result["properties"]["page"] = f.page
        if f.page_line:
            result["properties"]["pageLine"] = f.page_line
    if fmt == "docx":
        result["properties"]["paragraph"] = f.line
    if f.explanation:
        result["properties"]["explanation"] = f.explanation
    if f.related:
        result["properties"]["related"] = list(f.related)
    if f.also:
        result["properties"]["also"] = list(f.also)
    if f.precedents:
        result["properties"]["precedents"] = [p.to_dict() for p in f.precedents]
    if f.fingerprint:
        result["partialFingerprints"] = {"lawlintClauseFingerprint/v1": f.fingerprint}
    if f.waived:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.waived}]
    return result


def build(results: list[FileResult], options: Any = None) -> dict[str, Any]:
    """The SARIF log as a dict (tests validate this against the 2.1.0 schema)."""
    findings = findings_of(results)
    catalogue = rule_catalogue(findings, options)
    index = {rid: i for i, rid in enumerate(catalogue)}
    formats = {r.path: r.format for r in results}
    notifications = [
        {
            "level": "error",
            "descriptor": {"id": "lawlint/read-error"},
            "message": {"text": f"{r.path}: could not be read: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        }
        for r in results
        if r.error
    ]
    # A file read but not checked (no rules for its language) is no clean result: say so where code-scanning
    # services show tool problems. An error unless the user accepted it (--allow-unchecked), then a warning.
    allowed = bool(option(options, "allow_unchecked", False))
    notifications += [
        {
            "level": "warning" if allowed else "error",
            "descriptor": {"id": "lawlint/not-checked"},
            "message": {"text": f"{r.path}: NOT CHECKED: {reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        }
        for r, reason in unchecked(results, options)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not any(n["level"] == "error" for n in notifications)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "lawlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(m) for m in catalogue.values()],
            }
        },
        "invocations": [invocation],
        "artifacts": [
            {"location": {"uri": artifact_uri(r.path)}, "sourceLanguage": r.format or "text"} for r in results
        ],
        "results": [_result(f, formats.get(f.path, ""), index[f.rule]) for f in findings],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], options: Any = None) -> str:
    return json.dumps(build(results, options), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
