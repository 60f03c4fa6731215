"""`lawlint diff` reports: text, JSON (docs/diff.md), Markdown and a side-by-side HTML page.

Each renderer takes a DiffReport: the two readings' FileResults, their BillDiff (None when a reading could
not be diffed) and the report options. A reading that could not be read, or was read but not checked, is
said so first in every format: a diff of findings against an unchecked reading would read as all fixed.
"""

from __future__ import annotations

import html as html_mod
import json
from dataclasses import dataclass, field
from typing import Any

from lawlint import __version__
from lawlint.diff import (CHANGED, DELETED, FIXED, INSERTED, NEW, PERSISTING, UNCHANGED, BillDiff, ClauseChange,
                          FindingChange, display_label, own_text)
from lawlint.model import FileResult
from lawlint.report.common import CHECKED, display_path, file_status, option

VERSION = "1"
DIFF_FORMATS = ("text", "json", "markdown", "html")


@dataclass
class DiffReport:
    old: FileResult
    new: FileResult
    diff: BillDiff | None
    options: Any = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (which, status, reason)

    @classmethod
    def build(cls, old: FileResult, new: FileResult, diff: BillDiff | None, options: Any = None) -> "DiffReport":
        rep = cls(old, new, diff, options)
        for which, r in (("old", old), ("new", new)):
            status, reason = file_status(r, options)
            if status != CHECKED:
                rep.problems.append((which, status, reason))
        return rep


def render(fmt: str, report: DiffReport) -> str:
    return {"text": render_text, "json": render_json, "markdown": render_markdown, "html": render_html}[fmt](report)


# ------------------------------------------------------------------------------------------- JSON


def _finding(f) -> dict | None:
    if f is None:
        return None
    from lawlint.report.json import finding_dict

    return finding_dict(f)


def _label(c) -> str | None:
    return None if c is None else (c.label or c.num or c.eid)


def clause_entry(ch: ClauseChange) -> dict:
    c = ch.new or ch.old
    entry = {
        "old": ch.old_label, "new": ch.new_label, "status": ch.status,
        "old_eid": ch.old.eid if ch.old else None, "new_eid": ch.new.eid if ch.new else None,
        "kind": c.kind, "heading": c.heading, "renumbered": ch.renumbered, "moved": ch.moved,
        "similarity": ch.similarity, "removed": ch.removed, "added": ch.added,
        "split_from": _label(ch.part_of) if ch.status == INSERTED else None,
        "merged_into": _label(ch.part_of) if ch.status == DELETED else None,
    }
    return entry


def finding_entry(fc: FindingChange) -> dict:
    f = fc.finding
    return {
        "status": fc.status, "rule": f.rule, "category": f.category, "severity": str(f.severity),
        "confidence": f.confidence, "title": f.title,
        "old_clause": _label(fc.old_clause) if fc.old is not None else None,
        "new_clause": _label(fc.new_clause) if fc.new is not None else None,
        "old_eid": fc.old.eid if fc.old else None, "new_eid": fc.new.eid if fc.new else None,
        "waived": f.waived, "note": fc.note or None, "old": _finding(fc.old), "new": _finding(fc.new),
    }


def _reading(r: FileResult, options: Any) -> dict:
    status, reason = file_status(r, options)
    return {"path": r.path, "format": r.format, "language": r.language, "status": status,
            "error": r.error, "unchecked_reason": None if status == CHECKED else reason,
            "findings": sum(1 for f in r.findings if not f.waived)}


def build_json(rep: DiffReport) -> dict:
    d = rep.diff
    counts = d.counts() if d else {}
    data = {
        "version": VERSION, "lawlint_version": __version__,
        "rules_version": option(rep.options, "rules_version", ""),
        "old": rep.old.path, "new": rep.new.path,
        "readings": {"old": _reading(rep.old, rep.options), "new": _reading(rep.new, rep.options)},
        "complete": not rep.problems,
        "summary": {
            "clauses": {k: counts.get(k, 0) for k in (UNCHANGED, CHANGED, DELETED, INSERTED)},
            "renumbered": sum(ch.renumbered for ch in d.clauses) if d else 0,
            "moved": sum(ch.moved for ch in d.clauses) if d else 0,
            "findings": {k: sum(1 for fc in d.findings if fc.status == k and not fc.finding.waived) if d else 0
                         for k in (FIXED, NEW, PERSISTING)},
        },
        "clauses": [clause_entry(ch) for ch in d.clauses] if d else [],
        "findings": [finding_entry(fc) for fc in d.findings] if d else [],
    }
    return data


def render_json(rep: DiffReport) -> str:
    return json.dumps(build_json(rep), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# ------------------------------------------------------------------------------------------- text


def problem_lines(rep: DiffReport) -> list[str]:
    out = []
    for which, status, reason in rep.problems:
        r = rep.old if which == "old" else rep.new
        word = "could not be read" if status == "error" else "not checked"
        out.append(f"{display_path(r.path)} ({which} reading): {word}: {reason}")
    return out


def _words(ws: list[str], limit: int = 40) -> str:
    """Words removed or added, at most `limit` of them (the JSON report has them all)."""
    return " ".join(ws[:limit]) + (f" … (+{len(ws) - limit} words)" if len(ws) > limit else "")


def _finding_line(fc: FindingChange) -> str:
    f = fc.finding
    waived = f" [waived: {f.waived}]" if f.waived else ""
    note = f" ({fc.note})" if fc.note else ""
    return f"{fc.status:<10} {fc.arrow():<22} {f.severity!s:<7} {f.rule}{waived}: {f.message}{note}"


def summary_line(rep: DiffReport) -> str:
    if rep.diff is None:
        return "no diff: " + "; ".join(problem_lines(rep))
    c = rep.diff.counts()
    ren = sum(ch.renumbered for ch in rep.diff.clauses)
    active = [fc for fc in rep.diff.findings if not fc.finding.waived]
    n = {k: sum(1 for fc in active if fc.status == k) for k in (FIXED, NEW, PERSISTING)}
    return (f"clauses: {c[UNCHANGED]} unchanged, {c[CHANGED]} changed, {c[DELETED]} deleted, {c[INSERTED]} inserted"
            f" ({ren} renumbered); findings: {n[FIXED]} fixed, {n[NEW]} new, {n[PERSISTING]} persisting")


def render_text(rep: DiffReport) -> str:
    out = [f"{display_path(rep.old.path)} → {display_path(rep.new.path)}"]
    out += [f"{'error' if status == 'error' else 'warning'}: {line}"
            for (_, status, _), line in zip(rep.problems, problem_lines(rep))]
    d = rep.diff
    if d is None:
        return "\n".join(out) + "\n"
    out.append(summary_line(rep))
    if d.findings:
        out += ["", "Findings:"]
        out += ["  " + _finding_line(fc) for fc in d.findings]
    changes = [ch for ch in d.clauses if ch.status != UNCHANGED]
    if changes:
        out += ["", "Clauses:"]
    for ch in changes:
        line = f"  {ch.status:<9} {ch.arrow()}"
        if ch.moved:
            line += " (moved)"
        if ch.part_of is not None:
            line += (" (split from " if ch.status == INSERTED else " (merged into ") + display_label(ch.part_of) + ")"
        out.append(line)
        if ch.status == CHANGED:
            if ch.removed:
                out.append(f"      - {_words(ch.removed)}")
            if ch.added:
                out.append(f"      + {_words(ch.added)}")
    ren = [ch for ch in d.clauses if ch.status == UNCHANGED and ch.renumbered]
    if ren:
        out += ["", f"Renumbered, words unchanged: {len(ren)}"]
        out += ["  " + ", ".join(ch.arrow() for ch in ren[:60]) + (" …" if len(ren) > 60 else "")]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;")


def render_markdown(rep: DiffReport) -> str:
    out = [f"# lawlint diff: {_md(display_path(rep.old.path))} → {_md(display_path(rep.new.path))}", ""]
    for (_, status, _), line in zip(rep.problems, problem_lines(rep)):
        out += [f"> **{'Error' if status == 'error' else 'Warning'}:** {_md(line)}", ""]
    d = rep.diff
    if d is None:
        return "\n".join(out)
    out += [_md(summary_line(rep)), ""]
    for status, title in ((FIXED, "Fixed"), (PERSISTING, "Persisting"), (NEW, "New")):
        rows = [fc for fc in d.findings if fc.status == status]
        out += [f"## {title} findings ({len(rows)})", ""]
        if not rows:
            out += ["None.", ""]
            continue
        out += ["| clause | severity | rule | message |", "|---|---|---|---|"]
        for fc in rows:
            f = fc.finding
            waived = f" *(waived: {_md(f.waived)})*" if f.waived else ""
            out.append(f"| {_md(fc.arrow())} | {f.severity} | `{f.rule}`{waived} | {_md(f.message)} |")
        out.append("")
    changes = [ch for ch in d.clauses if ch.status != UNCHANGED]
    out += [f"## Clauses changed, deleted or inserted ({len(changes)})", ""]
    if changes:
        out += ["| clause | status | removed | added |", "|---|---|---|---|"]
        for ch in changes:
            status = ch.status + (" (moved)" if ch.moved else "")
            if ch.part_of is not None:
                status += (", split from " if ch.status == INSERTED else ", merged into ") + display_label(ch.part_of)
            removed = _md(_words(ch.removed)) if ch.status == CHANGED else ""
            added = _md(_words(ch.added)) if ch.status == CHANGED else ""
            if ch.status == DELETED:
                removed = _md(_words(own_text(ch.old).split(), 20))
            if ch.status == INSERTED:
                added = _md(_words(own_text(ch.new).split(), 20))
            out.append(f"| {_md(ch.arrow())} | {_md(status)} | {removed} | {added} |")
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,section{padding:0 1.2rem}h1{font-size:1.3rem}
.warn{background:#fff4ce;border-left:4px solid #b58100;padding:.5rem .8rem;margin:.5rem 0}
.counts span{display:inline-block;margin:0 .8rem .3rem 0}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed}
.sbs td,.sbs th{border-top:1px solid #ddd;vertical-align:top;padding:.3rem .5rem;word-wrap:break-word}
.sbs th{background:#f3f3f3;text-align:left;position:sticky;top:0}
.lbl{font-weight:600;white-space:nowrap;margin-right:.4rem}
.st{font-size:.75rem;text-transform:uppercase;color:#555}
tr.deleted td.old{background:#fde8e8}tr.inserted td.new{background:#e6f4ea}
tr.changed td{background:#fffbe6}
del{background:#f7c6c6;text-decoration:line-through}ins{background:#bfe5c9;text-decoration:none}
.f{font-size:.85rem;margin:.25rem 0 0;padding:.15rem .4rem;border-radius:3px}
.f.fixed{background:#e6f4ea;text-decoration:line-through}.f.new{background:#fde8e8}
.f.persisting{background:#fff0d9}.f .sev{font-weight:600}
#only-changes:checked~table tr.unchanged{display:none}
@media (max-width:700px){table.sbs,.sbs tbody,.sbs tr,.sbs td{display:block;width:auto}.sbs thead{display:none}}
"""


def _e(s: Any) -> str:
    return html_mod.escape(str(s), quote=True)


def _highlight(ch: ClauseChange, side: str) -> str:
    parts = []
    for tag, a, b in ch.ops:
        if tag == "equal":
            parts.append(_e(a if side == "old" else b))
        elif side == "old" and a:
            parts.append(f"<del>{_e(a)}</del>")
        elif side == "new" and b:
            parts.append(f"<ins>{_e(b)}</ins>")
    return " ".join(p for p in parts if p)


def _cell(ch: ClauseChange, side: str, fmap: dict) -> str:
    c = ch.old if side == "old" else ch.new
    if c is None:
        return ""
    head = f'<span class="lbl">{_e(display_label(c))}</span>'
    if ch.status == CHANGED:
        body = _highlight(ch, side)
    else:
        body = _e(" ".join(p for p in (c.heading, own_text(c)) if p))
    fs = "".join(
        f'<div class="f {fc.status}" data-status="{fc.status}"><span class="sev">{_e(fc.finding.severity)}</span> '
        f'{_e(fc.rule)}: {_e(fc.finding.message)} <span class="st">{fc.status}</span></div>'
        for fc in fmap.get((side, c.eid), ()))
    return f"{head}{body}{fs}"


def render_html(rep: DiffReport) -> str:
    d = rep.diff
    title = f"lawlint diff: {display_path(rep.old.path)} → {display_path(rep.new.path)}"
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
           f"<header><h1>{_e(title)}</h1>"]
    for (_, status, _), line in zip(rep.problems, problem_lines(rep)):
        word = "Error" if status == "error" else "Warning"
        out.append(f'<p class="warn" role="alert">{word}: {_e(line)}</p>')
    if d is None:
        return "\n".join(out + ["</header></body></html>"]) + "\n"
    c = d.counts()
    out.append('<p class="counts">' + "".join(
        f'<span id="count-{k}">{_e(k)}: <b>{c[k]}</b></span>'
        for k in (UNCHANGED, CHANGED, DELETED, INSERTED, FIXED, NEW, PERSISTING)) + "</p></header>")
    fmap: dict[tuple[str, str], list[FindingChange]] = {}
    for fc in d.findings:
        if fc.old is not None and fc.status in (FIXED, PERSISTING):
            fmap.setdefault(("old", fc.old.eid), []).append(fc)
        if fc.new is not None:
            fmap.setdefault(("new", fc.new.eid), []).append(fc)
    out.append('<section><input type="checkbox" id="only-changes"> <label for="only-changes">Only clauses '
               'that changed</label>')
    out.append(f'<table class="sbs"><thead><tr><th scope="col">{_e(display_path(rep.old.path))} (old)</th>'
               f'<th scope="col">{_e(display_path(rep.new.path))} (new)</th></tr></thead><tbody>')
    for ch in d.clauses:
        cls = ch.status + (" moved" if ch.moved else "")
        eids = f'data-old="{_e(ch.old.eid) if ch.old else ""}" data-new="{_e(ch.new.eid) if ch.new else ""}"'
        out.append(f'<tr class="{cls}" data-status="{ch.status}" {eids}><td class="old">{_cell(ch, "old", fmap)}'
                   f'</td><td class="new">{_cell(ch, "new", fmap)}</td></tr>')
    out.append("</tbody></table></section>")
    out.append(f'<footer><section><p class="st">lawlint {_e(__version__)} · '
               f'{_e(option(rep.options, "ruleset", "built-in rules"))}</p></section></footer></body></html>')
    return "\n".join(out) + "\n"
