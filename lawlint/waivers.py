"""Waivers: findings a reviewer has accepted, kept in `lawlint-waivers.yaml` beside the bills.

An entry names a rule and a clause, by its eid and by a fingerprint of its text (Finding.fingerprint), so
it still matches after the clause is renumbered (same text, new eid) or lightly edited (same eid). Every
entry needs a reason; `expires` (a date) makes it lapse, after which the finding counts again.

Waived findings are kept, marked with the reason (Finding.waived), so every report still lists them; they
do not count toward the exit status. Waivers that matched nothing, and expired ones, are reported as
findings of the rules `unused-waiver` and `expired-waiver` (warnings) on the waiver's own line in the
waivers file. That is what ruff does with an unused `noqa` (RUF100): as findings they appear in every
format (a SARIF or GitHub annotation points at the stale line), fail CI under `--fail-on warning`, and can
be switched off with `ignore = ["unused-waiver"]`, which a printed note could do none of.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from lawlint.model import FileResult, Finding, LawlintError, Severity

KEYS = {"rule", "eid", "fingerprint", "clause", "path", "reason", "expires"}
UNUSED, EXPIRED = "unused-waiver", "expired-waiver"
META_CATEGORY = "LAWLINT"
PLACEHOLDER = (
    "Baseline of {date}: accepted without review by `lawlint waive --generate`; replace with the reason"
)
HEADER = """\
# lawlint waivers: findings accepted after review. Each entry matches one rule on one clause, by the
# clause's eid or by the fingerprint of its text (so a renumbered clause still matches). `reason` is
# required; `expires: YYYY-MM-DD` is optional. Waived findings are still reported, marked as waived,
# and do not fail the check. Entries that no longer match anything are reported as `unused-waiver`.
"""


@dataclass
class Waiver:
    rule: str
    reason: str
    eid: str = ""
    fingerprint: str = ""
    clause: str = ""
    path: str = ""
    expires: dt.date | None = None
    line: int = 0  # where the entry starts in the waivers file, for reports
    used: int = 0

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass
class WaiverFile:
    path: str
    waivers: list[Waiver]


def load(path: str | Path) -> WaiverFile:
    """Read and check a waivers file; any problem is one LawlintError naming the file, entry and line."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LawlintError(f"{path}: cannot read waivers file ({exc})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LawlintError(f"{path}: invalid YAML: {' '.join(str(exc).split())}") from None
    if data is None:
        return WaiverFile(str(path), [])
    if isinstance(data, dict):
        unknown = set(data) - {"version", "waivers"}
        if unknown:
            raise LawlintError(
                f"{path}: unknown top-level key {sorted(unknown)[0]!r} (expected version, waivers)"
            )
        entries = data.get("waivers") or []
        list_node = next((v for k, v in node.value if k.value == "waivers"), None)
    else:
        entries, list_node = data, node
    if not isinstance(entries, list):
        raise LawlintError(f"{path}: `waivers` must be a list of entries")
    lines = (
        [item.start_mark.line + 1 for item in list_node.value] if list_node is not None and entries else []
    )
    return WaiverFile(
        str(path), [_entry(path, i, e, lines[i - 1] if lines else 0) for i, e in enumerate(entries, 1)]
    )


def _entry(path: Path, n: int, e: Any, line: int) -> Waiver:
    where = f"{path}: waiver {n} (line {line})"
    if not isinstance(e, dict):
        raise LawlintError(f"{where}: must be a mapping with rule, eid or fingerprint, and reason")
    unknown = set(e) - KEYS
    if unknown:
        raise LawlintError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(KEYS))})")
    for key in ("rule", "eid", "fingerprint", "clause", "path", "reason"):
        if key in e and e[key] is not None and not isinstance(e[key], (str, int)):
            raise LawlintError(f"{where}: {key} must be text")
    rule = str(e.get("rule") or "").strip()
    if not rule:
        raise LawlintError(f"{where}: missing rule")
    reason = " ".join(str(e.get("reason") or "").split())
    if not reason:
        raise LawlintError(f"{where}: missing reason (say why this finding is accepted)")
    eid, fingerprint = str(e.get("eid") or ""), str(e.get("fingerprint") or "")
    if not eid and not fingerprint:
        raise LawlintError(f"{where}: needs an eid or a fingerprint to know which clause it waives")
    expires = e.get("expires")
    if expires is not None:
        if isinstance(expires, dt.datetime):
            expires = expires.date()
        elif isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires.strip())
            except ValueError:
                raise LawlintError(f"{where}: expires must be a date (YYYY-MM-DD), got {expires!r}") from None
        elif not isinstance(expires, dt.date):
            raise LawlintError(f"{where}: expires must be a date (YYYY-MM-DD), got {expires!r}")
    return Waiver(
        rule=rule,
        reason=reason,
        eid=eid,
        fingerprint=fingerprint,
        clause=str(e.get("clause") or ""),
        path=str(e.get("path") or ""),
        expires=expires,
        line=line,
    )


def _same_file(waiver: Waiver, finding_path: str, base: Path) -> bool:
    if not waiver.path:
        return True
    target = Path(finding_path)
    if any(ch in waiver.path for ch in "*?["):
        try:
            rel = Path(os.path.relpath(target.resolve(), base)).as_posix()
        except ValueError:
            rel = target.as_posix()
        return fnmatch.fnmatchcase(rel, waiver.path) or fnmatch.fnmatchcase(target.as_posix(), waiver.path)
    return (base / waiver.path).resolve() == target.resolve()


def _matches(w: Waiver, f: Finding, base: Path) -> bool:
    if w.rule != f.rule or not _same_file(w, f.path, base):
        return False
    return bool((w.eid and w.eid == f.eid) or (w.fingerprint and w.fingerprint == f.fingerprint))


def apply(
    results: list[FileResult], wf: WaiverFile, today: dt.date | None = None, ignore: Iterable[str] = ()
) -> list[FileResult]:
    """Mark waived findings (in place) and return the results plus, when needed, one FileResult for the
    waivers file holding its unused-waiver / expired-waiver findings."""
    today = today or dt.date.today()
    base = Path(wf.path).resolve().parent
    live = [w for w in wf.waivers if not w.expired(today)]
    for r in results:
        for i, f in enumerate(r.findings):
            if f.waived:
                continue
            for w in live:
                if _matches(w, f, base):
                    w.used += 1
                    r.findings[i] = dataclasses.replace(f, waived=w.reason)
                    break
    linted = {Path(r.path).resolve() for r in results if not r.error}
    meta: list[Finding] = []
    skip = set(ignore)
    for w in wf.waivers:
        if w.expired(today):
            if EXPIRED not in skip:
                meta.append(
                    _meta(
                        wf.path,
                        w,
                        EXPIRED,
                        "Waiver has expired",
                        f"The waiver for {w.rule} on {_where(w)} expired on {w.expires}; "
                        "the finding counts again.",
                        "Review the finding again: fix the clause, or renew the waiver with a new date "
                        "and reason.",
                    )
                )
        elif not w.used and UNUSED not in skip:
            if w.path and not any(_same_file(w, str(p), base) for p in linted):
                continue  # its bill was not linted this time: nothing to say about it
            meta.append(
                _meta(
                    wf.path,
                    w,
                    UNUSED,
                    "Waiver matches no finding",
                    f"No finding of {w.rule} on {_where(w)} was found; the waiver is stale (the clause "
                    "changed, moved, or the problem was fixed).",
                    "Delete the entry, or regenerate waivers with `lawlint waive --generate --force`.",
                )
            )
    if meta:
        shown = _shown_path(wf.path)
        meta = [dataclasses.replace(f, path=shown) for f in meta]
        # the language of the bills linted, so summaries do not list the waivers file as an unknown language
        langs = [r.language for r in results if r.language]
        lang = max(sorted(set(langs)), key=langs.count) if langs else ""
        results = [*results, FileResult(path=shown, format="waivers", language=lang, findings=meta)]
    return results


def _shown_path(path: str) -> str:
    """The waivers file as reports should name it: relative to the working directory when inside it (code
    hosts resolve annotation paths against the repository root), else as given."""
    try:
        rel = os.path.relpath(Path(path).resolve(), Path.cwd().resolve())
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else Path(rel).as_posix()


def _where(w: Waiver) -> str:
    parts = [
        f"clause {w.clause}" if w.clause else (f"eid {w.eid}" if w.eid else f"fingerprint {w.fingerprint}")
    ]
    if w.path:
        parts.append(f"in {w.path}")
    return " ".join(parts)


def _meta(path: str, w: Waiver, rule: str, title: str, message: str, fix: str) -> Finding:
    return Finding(
        rule=rule,
        category=META_CATEGORY,
        severity=Severity.WARNING,
        confidence="high",
        title=title,
        path=path,
        clause="",
        eid="",
        line=max(w.line, 1),
        column=1,
        page=None,
        excerpt=f"{w.rule} {w.eid or w.fingerprint}",
        message=message,
        fix=fix,
    )


# ---- generating a waivers file ------------------------------------------------------------------------


def generate(
    results: list[FileResult], out: str | Path, force: bool = False, today: dt.date | None = None
) -> int:
    """Write a waivers file accepting every current finding; returns the number of entries.

    Findings already waived keep their reviewer's reason (so regenerating with --force refreshes eids and
    fingerprints and drops stale entries without losing the review); new ones get a placeholder reason
    that says it is a baseline. Refuses to replace an existing file unless `force`."""
    import yaml

    out = Path(out)
    if out.exists() and not force:
        raise LawlintError(f"{out}: already exists; use --force to replace it")
    today = today or dt.date.today()
    base = out.resolve().parent
    entries, seen = [], set()
    for r in results:
        for f in sorted(r.findings, key=lambda f: f.sort_key()):
            if f.category == META_CATEGORY:
                continue
            try:
                rel = Path(os.path.relpath(Path(f.path).resolve(), base)).as_posix()
            except ValueError:
                rel = Path(f.path).as_posix()
            key = (f.rule, rel, f.eid, f.fingerprint)
            if key in seen:
                continue
            seen.add(key)
            entry: dict[str, Any] = {"rule": f.rule, "path": rel, "clause": f.clause, "eid": f.eid}
            if f.fingerprint:
                entry["fingerprint"] = f.fingerprint
            entry["reason"] = f.waived or PLACEHOLDER.format(date=today.isoformat())
            entries.append(entry)
    body = yaml.safe_dump({"version": 1, "waivers": entries}, sort_keys=False, allow_unicode=True, width=100)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(HEADER + body, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LawlintError(f"{out}: cannot write ({exc.strerror or exc})") from None
    return len(entries)
