"""Helpers the report formats share: option lookup, ordering, counts and rule metadata.

Every renderer takes `(results, options)`; `options` may be None, a mapping or any object with
attributes, so the CLI can pass whatever it builds without the formats depending on its type.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable

from lawlint.model import CONFIDENCE_ORDER, FileResult, Finding, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


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


def display_path(path: str) -> str:
    return PurePath(path).as_posix()


def where(f: Finding) -> str:
    """`path:line:col`, the spot every format's machine-readable location names: line and column count
    through the whole document in every input format (Location), so editors, CI problem matchers and code
    hosts can parse it the way they parse a compiler's."""
    return f"{f.path}:{f.line}:{f.column}"


def page_note(f: Finding) -> str:
    """Where a PDF finding sits on the printed bill, for the message: `p. 7, line 12` (the line on the page,
    as the page numbers its lines where it prints numbers); empty for other formats."""
    if not f.page:
        return ""
    return f"p. {f.page}, line {f.page_line}" if f.page_line else f"p. {f.page}"


def location_text(f: Finding, result_format: str = "") -> str:
    """Where a finding sits, in words a reader of that format understands: the page and its line for a PDF
    (what a reviewer holding the printed bill looks for), the paragraph for Word, else line and column."""
    if f.page:
        return f"page {f.page}, line {f.page_line or f.line}"
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


# ---- category names --------------------------------------------------------------------------------------

_CATEGORIES: dict[str, dict[str, str]] | None = None


def categories() -> dict[str, dict[str, str]]:
    """id -> {name, family}, from lawlint/rules/categories.yaml (read once)."""
    global _CATEGORIES
    if _CATEGORIES is None:
        import yaml
        from importlib import resources

        text = resources.files("lawlint").joinpath("rules/categories.yaml").read_text(encoding="utf-8")
        _CATEGORIES = {str(k): dict(v) for k, v in (yaml.safe_load(text) or {}).items()}
    return _CATEGORIES


def category_name(code: str) -> str:
    """The category's name ("Jurisdiction" for CR-JURIS); the code itself for a category the data lacks."""
    entry = categories().get(code)
    return str(entry["name"]) if entry else code


def category_label(code: str) -> str:
    """"Jurisdiction (CR-JURIS)": the name a reader understands and the code the tools take."""
    name = category_name(code)
    return f"{name} ({code})" if name != code else code


# ---- the bill's name -------------------------------------------------------------------------------------

_SHORT_TITLE = re.compile(
    r"\b(?:may|shall)\s+be\s+(?:cited|called|known)\s+as\s+(?:the\s+)?[\"“‘'`]*"
    r"(?P<title>(?:\bNo\.|[^\"”’'.;]){3,140}?)"
    r"[\"”’'`]*\s*(?:[.;]|$|,?\s+and\s+(?:shall|it|comes?|will))",
    re.IGNORECASE,
)
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "no"}


def _readable_case(title: str) -> str:
    """"ONLINE SAFETY BILL" -> "Online Safety Bill"; a title already in mixed case is left alone."""
    letters = [ch for ch in title if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return title
    words = title.lower().split()
    out = [w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(out)


def short_title(bill: Any) -> str:
    """The name a short-title clause gives the instrument ("This Act may be cited as the X Act, 2022")."""
    if bill is None:
        return ""
    for n, clause in enumerate(bill.walk()):
        if n > 60:  # the short title sits at the start; a bill without one is not searched to its end
            break
        m = _SHORT_TITLE.search(" ".join(clause.text.split()))
        if m:
            title = m.group("title").strip(" ,")
            if title[:1].isupper():
                return title
    return ""


def bill_title(r: FileResult) -> str:
    """What to call one file's bill: the title the document gives (its title, first heading or short-title
    clause), else the file's name. Never the path on the reviewer's disk."""
    title = ""
    if r.bill is not None:
        title = r.bill.title or short_title(r.bill)
    title = " ".join(str(title).split())
    return _readable_case(title) if title else PurePath(r.path).name or r.path


def report_title(results: list[FileResult]) -> str:
    """The heading of a report: the bill's title for one file, else how many files."""
    if len(results) == 1:
        return bill_title(results[0])
    return f"{len(results)} files" if results else "no files"


def file_name(r: FileResult) -> str:
    """The file as a reader recognises it: its path as given when relative, its name when absolute."""
    path = PurePath(r.path)
    return path.name if path.is_absolute() else path.as_posix()


def title_and_file(r: FileResult) -> tuple[str, str]:
    """(the bill's title, the file's name when it adds something): the name is '' when the title fell
    back to it."""
    title, name = bill_title(r), file_name(r)
    return title, ("" if title in (name, PurePath(r.path).name) else name)


# ---- the preamble without the printer's cover page ------------------------------------------------------

_COVER = re.compile(
    "|".join(
        (
            r"^price\b", r"postage", r"governmentprint", r"printedbythe", r"tobepurchased", r"publicationsbureau",
            r"printedontheorderof", r"publishedasasupplement", r"canbedownloadedfrom", r"orderedby\w*tobeprinted",
            r"^issn", r"^billno\d*$",
        )
    )
)
_DRAFT_NUMBER = re.compile(r"^\s*L\.\s?D\.?\s?[-—–]?\s?O\.?\s?[-—–]?\s?\d+/\d+\.?\s*")
_DATE_END = re.compile(r"\b\d{1,2},?\s+\d{4}\W*$|\b\d{4}\W*$")
_RULE_LINE = re.compile(r"^[\s—–_\-=*·.]*$")


def is_cover_line(line: str) -> bool:
    """A line of a gazette's or printer's cover page: price, postage, the printer, where to buy it."""
    key = re.sub(r"[^a-z0-9]", "", line.lower())
    return bool(key) and bool(_COVER.search(key))


def without_cover(text: str, anchors: Iterable[tuple[int, Any]] = ()) -> str:
    """A preamble's words without the cover page's price, postage and printer lines, the printer's draft
    number ("L.D.-O 19/2020") and ruled lines. `anchors` (offsets where source lines start) split the text
    into its lines; without them the text is one line."""
    cuts = sorted({0, len(text), *(off for off, _ in anchors if 0 < off < len(text))})
    kept, carry = [], False
    for start, end in zip(cuts, cuts[1:]):
        line = text[start:end].strip()
        if carry and _DATE_END.search(line):  # "... of the Gazette of the Democratic / Socialist Republic ... 2021"
            carry = False
            continue
        carry = False
        if not line or _RULE_LINE.match(line):
            continue
        if is_cover_line(line):
            # the gazette line may run onto the next, which ends with the date of issue
            carry = "supplement" in line.lower() and not _DATE_END.search(line)
            continue
        kept.append(_DRAFT_NUMBER.sub("", line))
    return " ".join(k for k in kept if k)


# ---- findings grouped by rule ---------------------------------------------------------------------------


@dataclass
class RuleGroup:
    """Every finding of one rule in one file, in the bill's order, with the rule's text once."""

    meta: RuleMeta
    findings: list[Finding]

    @property
    def counting(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]

    @property
    def severity(self) -> Severity:
        """The worst severity among the findings that count (among all when every one is waived)."""
        return max(f.severity for f in (self.counting or self.findings))

    @property
    def waived_only(self) -> bool:
        return not self.counting

    def order(self) -> tuple:
        """Most serious first; at one severity, the rule met first in the bill."""
        return (self.waived_only, -int(self.severity), self.findings[0].sort_key())

    def rank(self) -> tuple:
        """How serious a problem is for the summary: severity, then confidence, then how many clauses."""
        best = max(CONFIDENCE_ORDER.get(f.confidence, 0) for f in (self.counting or self.findings))
        return (self.waived_only, -int(self.severity), -best, -len(self.counting), self.findings[0].sort_key())


def rule_groups(findings: Iterable[Finding], catalogue: dict[str, RuleMeta]) -> list[RuleGroup]:
    """The findings of one file grouped by rule: groups by severity then by their first clause in the bill;
    within a group, the bill's order."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: f.sort_key()):
        groups.setdefault(f.rule, []).append(f)
    out = [RuleGroup(catalogue.get(rule) or RuleMeta(id=rule, title=fs[0].title, category=fs[0].category,
                                                      severity=str(fs[0].severity), message=fs[0].message,
                                                      fix=fs[0].fix, authorities=list(fs[0].authorities)), fs)
           for rule, fs in groups.items()]
    return sorted(out, key=RuleGroup.order)


def top_problems(groups: list[RuleGroup], n: int = 5) -> list[RuleGroup]:
    """The n most serious problems (rules with findings that count), most serious first."""
    return sorted((g for g in groups if not g.waived_only), key=RuleGroup.rank)[:n]


def clause_labels(findings: Iterable[Finding]) -> list[str]:
    """Each clause once, in the order given ("whole bill" for a finding about no one clause)."""
    return list(dict.fromkeys(f.clause or "whole bill" for f in findings))  # linear: a bill may have 10,000


# ---- short forms for the memo ----------------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?<!\bpara)(?<!\bparas)(?<!\bart)(?<!\barts)(?<!\bNo)(?<!\bv)(?<!\be\.g)(?<!\bi\.e)(?<!\bs)(?<!\bss)"
    r"(?<!\bcf)(?<!\bPrinciple)(?<=[.!?])\s+(?=[A-Z\"“(])"
)


def lead_sentences(text: str, max_words: int) -> tuple[str, bool]:
    """The first sentences of `text` that fit in `max_words` (always at least the first sentence), and
    whether anything was left out. Abbreviations that end in a full stop in citations (para., art., No., v.)
    do not end a sentence."""
    sentences = _SENTENCE_END.split(" ".join(str(text).split()))
    kept, words = [], 0
    for s in sentences:
        n = len(s.split())
        if kept and words + n > max_words:
            break
        kept.append(s)
        words += n
    return " ".join(kept), len(kept) < len(sentences)


_GLOSS = re.compile(r"\s+\((?=[^()]*[a-z] [a-z])[^()]*(?:\([^()]*\)[^()]*)*\)\s*$")


def bare_pinpoint(pinpoint: str) -> str:
    """A pinpoint without the gloss in brackets after it: "Principle 39(4) (removal only on order of a
    court)" -> "Principle 39(4)"; a pinpoint that is all gloss is kept whole."""
    if "unconfirmed" in pinpoint:  # a doubt about the pinpoint is never dropped
        return pinpoint.strip()
    bare = _GLOSS.sub("", pinpoint).strip()
    return bare or pinpoint.strip()


def precedent_label(p) -> str:
    """A precedent (model.PrecedentMatch) in one line without its URL: similarity, holding, where, case, date.
    Text, Markdown, HTML and Word comments all say it this way."""
    where = ", ".join(x for x in (p.jurisdiction, p.instrument, p.section) if x)
    date = f" ({p.date})" if p.date else ""
    return f"{p.similarity:.2f} {p.holding}: {where}; {p.case}{date}"
