"""`--format json`: the stable machine contract (DESIGN.md). Keys may be added, never renamed.

Keys are sorted and the output ends with a newline, so the same findings always give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from lawlint import __version__
from lawlint.model import FileResult, Finding
from lawlint.report.common import CHECKED, NOT_CHECKED, file_status, option

CONTRACT_VERSION = "1"


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "category": f.category, "severity": str(f.severity), "confidence": f.confidence,
        "title": f.title, "clause": f.clause, "eid": f.eid, "line": f.line, "column": f.column,
        "page": f.page, "page_line": f.page_line, "end_line": f.end_line or None,
        "end_column": f.end_column or None, "excerpt": f.excerpt, "message": f.message, "fix": f.fix,
        "explanation": f.explanation, "related": list(f.related), "also": list(f.also), "waived": f.waived,
        "fingerprint": f.fingerprint,
        "authorities": [{"id": a.id, "citation": a.citation, "pinpoint": a.pinpoint, "url": a.url}
                        for a in f.authorities],
        # nearest provisions courts or bodies ruled on, and model texts, by wording (lawlint.precedents)
        "precedents": [p.to_dict() for p in f.precedents],
    }


def build(results: list[FileResult], options: Any = None) -> dict[str, Any]:
    rule_langs = set(option(options, "rule_languages", ()) or ())
    files = []
    by_sev = {"error": 0, "warning": 0, "info": 0}
    total = waived = errors = not_checked = 0
    for r in results:
        status, reason = file_status(r, options)
        not_checked += status == NOT_CHECKED
        findings = sorted(r.findings, key=Finding.sort_key)
        for f in findings:
            if f.waived is not None:
                waived += 1
            else:
                total += 1
                by_sev[str(f.severity)] += 1
        errors += bool(r.error)
        files.append({
            "path": r.path, "error": r.error, "format": r.format, "language": r.language,
            "rules_language": r.language if r.language in rule_langs and not r.error else None,
            "findings": [finding_dict(f) for f in findings],
            # checked / not-checked (read, but no rules for its language) / error (could not be read)
            "status": status, "checked": status == CHECKED,
            "unchecked_reason": None if status == CHECKED else reason,
        })
    return {
        "version": CONTRACT_VERSION,
        "lawlint_version": __version__,
        "rules_version": option(options, "rules_version", ""),
        "files": files,
        "summary": {"files": len(results), "findings": total, "waived": waived, "by_severity": by_sev,
                    "errors": errors, "unchecked": not_checked},
    }


def render(results: list[FileResult], options: Any = None) -> str:
    return json.dumps(build(results, options), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
