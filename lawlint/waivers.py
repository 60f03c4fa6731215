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

A waiver is a reviewer's word that a finding was looked at, so a reason that says nothing ("TODO", "n/a",
"fixme", "accepted without review", the text `lawlint waive --generate` writes, an empty one) makes it
invalid: it waives nothing, and it is reported as an error finding of the rule `placeholder-waiver` on its
line, so CI fails (exit 1) and points at the entry to complete. `allow_placeholders` (the command line's
`--allow-placeholder-waivers`, for local work on a fresh baseline; deliberately no config key, which CI
would read too) lets such waivers apply, still reported, as warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from lawlint.model import FileResult, Finding, LawlintError, Severity

KEYS = {"rule", "eid", "fingerprint", "clause", "path", "reason", "expires"}
UNUSED, EXPIRED, PLACEHOLDER_RULE = "unused-waiver", "expired-waiver", "placeholder-waiver"
META_CATEGORY = "LAWLINT"
PLACEHOLDER = (
    "Baseline of {date}: accepted without review by `lawlint waive --generate`; replace with the reason"
)
# Reasons that say nothing: the whole reason (letters and digits only, lower case) is one of these, or it
# starts with a to-do marker, or it holds the words the generated baseline uses.
_EMPTY_REASONS = {
    "", "todo", "tbd", "tba", "tbc", "fixme", "xxx", "na", "n a", "none", "null", "nil", "nothing",
    "placeholder", "reason", "no reason", "see above", "ok", "okay", "fine", "accepted", "accept", "waived",
    "waive", "ignore", "ignored", "wip", "later", "temp", "temporary", "test", "testing", "false positive",
    "fp", "because",
    "accepted without review", "not reviewed", "unreviewed", "to do", "to be reviewed", "review later",
}
_TODO_START = re.compile(r"^\W*(?:todo|tbd|fixme|xxx)\b", re.IGNORECASE)
_GENERATED = re.compile(r"accepted without review|replace (?:this )?with (?:the|a) reason", re.IGNORECASE)


def placeholder_reason(reason: str) -> bool:
    """Whether a waiver's reason says nothing a reviewer could stand behind (see the module's docstring)."""
    words = " ".join(re.sub(r"[^\w]+", " ", reason.lower()).split())
    return words in _EMPTY_REASONS or bool(_TODO_START.match(reason) or _GENERATED.search(reason))


HEADER = """\
# lawlint waivers: findings accepted after review. Each entry matches one rule on one clause, by the
# clause's eid or by the fingerprint of its text (so a renumbered clause still matches). `reason` is
# required, and a placeholder (the one written below, TODO, n/a ...) waives nothing: `lawlint check`
# reports it as a `placeholder-waiver` error until it says why the finding is accepted.
# `expires: YYYY-MM-DD` is optional. Waived findings are still reported, marked as waived, and do not
# fail the check. Entries that no longer match anything are reported as `unused-waiver`.
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

    @property
    def placeholder(self) -> bool:
        return placeholder_reason(self.reason)


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
    if "reason" not in e:
        raise LawlintError(f"{where}: missing reason (say why this finding is accepted)")
    # an empty reason is a placeholder: reported, and not applied
    reason = " ".join(str(e.get("reason") or "").split())
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
    results: list[FileResult], wf: WaiverFile, today: dt.date | None = None, ignore: Iterable[str] = (),
    allow_placeholders: bool = False,
) -> list[FileResult]:
    """Mark waived findings (in place) and return the results plus, when needed, one FileResult for the
    waivers file holding its unused-waiver / expired-waiver / placeholder-waiver findings. A waiver with a
    placeholder reason waives nothing unless `allow_placeholders`."""
    today = today or dt.date.today()
    base = Path(wf.path).resolve().parent
    live = [w for w in wf.waivers if not w.expired(today) and (allow_placeholders or not w.placeholder)]
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

    def relevant(w: Waiver) -> bool:  # its bill was linted this time (else there is nothing to say about it)
        return not w.path or any(_same_file(w, str(p), base) for p in linted)

    for w in wf.waivers:
        if w.placeholder and not w.expired(today):
            if PLACEHOLDER_RULE not in skip and relevant(w):
                meta.append(_placeholder_finding(wf.path, w, allow_placeholders))
            if not allow_placeholders:
                continue  # never applied, so neither stale nor worth an unused-waiver finding
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
            if not relevant(w):
                continue
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


def _placeholder_finding(path: str, w: Waiver, allowed: bool) -> Finding:
    said = f"'{w.reason}'" if w.reason else "an empty reason"
    return _meta(
        path,
        w,
        PLACEHOLDER_RULE,
        "Waiver without a reviewed reason",
        f"The waiver for {w.rule} on {_where(w)} gives {said}, which says nothing a reviewer decided; "
        + ("it is applied only because --allow-placeholder-waivers was given." if allowed
           else "it waives nothing, so the finding counts."),
        "Write why the finding is accepted (the safeguard found elsewhere, the decision and who made it), "
        "or delete the entry and fix the clause.",
        Severity.WARNING if allowed else Severity.ERROR,
    )


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


def _meta(path: str, w: Waiver, rule: str, title: str, message: str, fix: str,
          severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        rule=rule,
        category=META_CATEGORY,
        severity=severity,
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
