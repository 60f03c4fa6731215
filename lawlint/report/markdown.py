"""`--format markdown`: a review memo a reviewer can send: paste into an email, an issue or a submission.

It opens with a summary a reader can stop after: the bill's title, counts by severity and the most serious
problems, each with the clauses it touches; files not read or not checked are stated above everything.
Then one section per problem (per rule), most serious first and, at one severity, in the order the bill
meets them: the rule's title, severity and category, why it matters, the redraft and the standards, once,
then every clause it applies to with the words flagged and the confidence. The standards' documents are
listed once at the end and numbered; a problem cites them by number with its pinpoints linked. Waived
findings stay in the memo, marked as waived with their reason, and do not count.
"""

from __future__ import annotations

import re
from typing import Any

from lawlint import __version__
from lawlint.model import FileResult, Finding, Severity
from lawlint.report.common import (
    SEVERITIES,
    RuleGroup,
    active,
    bare_pinpoint,
    lead_sentences,
    by_severity,
    category_label,
    clause_labels,
    file_name,
    file_status,
    findings_of,
    location_text,
    option,
    precedent_label,
    report_title,
    rule_catalogue,
    rule_groups,
    ruleset_label,
    title_and_file,
    top_problems,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
TOP_PROBLEMS = 5  # how many problems the summary names
EXCERPT_WORDS = 20  # a longer excerpt is cut, with an ellipsis
WHY_WORDS = 25  # the memo gives the opening sentences of a rule's reasoning, up to about this many words


INTRO = (
    "Each problem gives the opening of the reasoning behind it (`lawlint explain RULE` prints all of it), "
    "the redraft, the standards (numbered as in the list at the end), then the clauses it applies to, "
    "each with the words flagged and the confidence."
)


def esc(text: str) -> str:
    """Escape Markdown punctuation in words taken from a bill, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _excerpt(text: str) -> str:
    words = str(text).split()
    cut = " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
    return f"“{esc(cut)}”"


# The place in a document, not its gloss: "para. 36", "arts. 10 and 13", "Principle 39(4)", "s. 69A"; a pinpoint
# that only describes ("collateral blocking ... violates arts. 10 and 13") is cited by the document's number, so a
# rule's standards stay one line (`lawlint explain RULE` prints every pinpoint in full).
_LOCATOR = re.compile(r"(?:paras?\.|paragraphs?|arts?\.|articles?|principles?|ss?\.|sections?|recs?\.|recommendations?|"
                      r"pp?\.|chapter|part|rule|annex|§)\s*[0-9IVXLC][\w().\-–]*(?:\s*(?:,|and|-|–|to)\s*[0-9IVXLC][\w().\-–]*)*",
                      re.IGNORECASE)


class Sources:
    """The documents the memo cites, numbered in the order the memo first cites them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, findings: list[Finding]) -> str:
        """"[1] [art. 19(3)](url); [2] [para. 22](url), [para. 34](url); [\\[3\\]](url)": each document once by
        its number, its pinpoints linked; a document cited as a whole has its number as the link."""
        pins: dict[str, list[str]] = {}
        whole: dict[str, str] = {}
        for a in {a.id: a for f in findings for a in f.authorities}.values():
            n = self.numbers.setdefault(a.citation, len(self.numbers) + 1)
            locator = _LOCATOR.match(bare_pinpoint(a.pinpoint)) if a.pinpoint else None
            if locator:
                pin = esc(locator.group(0).rstrip(" ,;"))
                link = f"[{pin}]({a.url})" if a.url else pin
                if link not in pins.setdefault(a.citation, []):
                    pins[a.citation].append(link)
            else:  # cited as a whole, or a pinpoint that is a description: the document's number is the link
                whole[a.citation] = f"[\\[{n}\\]]({a.url})" if a.url else f"[{n}]"
        out = []
        for doc in sorted({*pins, *whole}, key=self.numbers.__getitem__):
            if pins.get(doc):
                out.append(f"[{self.numbers[doc]}] {', '.join(pins[doc])}")
            else:
                out.append(whole[doc])
        return "; ".join(out)

    def listing(self) -> list[str]:
        if not self.numbers:
            return []
        out = ["", "## Standards cited", ""]
        for doc, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            out.append(f"{n}. {esc(doc)}")
        return out


def _clause_line(f: Finding, group: RuleGroup, fmt: str, said: dict | None = None) -> str:
    label = f"**{esc(f.clause)}**" if f.clause else "**whole bill**"
    bits = [f.confidence]
    if f.severity != group.severity:
        bits.insert(0, str(f.severity))
    if f.page:
        bits.append(location_text(f, fmt))  # page and its line, as the printed bill counts them
    elif fmt == "docx" and not f.clause:
        bits.append(f"paragraph {f.line}")
    line = f"- {label}" + (f" {_excerpt(f.excerpt)}" if f.excerpt else "") + f" ({', '.join(bits)})"
    if f.explanation and not f.explanation.startswith("scorer probability"):  # the confidence says it
        line += f"; {esc(f.explanation)}"
    # the nearest provision a court or body ruled on, if worded closely like this clause (similarity 0.80 or
    # more: the memo keeps to persuasive matches; JSON and HTML list them all): in full the first time, then briefly
    if f.precedents and said is not None and f.precedents[0].similarity >= 0.8:
        p = f.precedents[0]
        key = f"\0precedent {p.id}"
        if key in said:
            line += f"; precedent: {esc(p.jurisdiction)} {esc(p.section)}, {p.holding} ({p.similarity:.2f})"
        else:
            said[key] = 0
            label = esc(precedent_label(p))
            line += "; precedent: " + (f"[{label}]({p.url})" if p.url else label)
    if f.waived:
        line += f"; *waived: {esc(f.waived)}*"
    return line


def problem(n: int, group: RuleGroup, fmt: str, sources: Sources, said: dict[str, int]) -> list[str]:
    """One rule's section: what is wrong and what the standard asks, once; then the clauses.

    Two kinds of problem are kept short, so the memo's words go to the problems that matter: an info-level
    one (worth a look, not a breach) and one with no reasoning of its own beyond each clause's message (the
    learned scorer's): their clauses and a pointer to `lawlint explain`. Text the memo already gave for an
    earlier problem (the same redraft, the same standards) is referred to, not repeated; `said` maps each
    text to the problem that gave it."""
    meta = group.meta
    waived = len(group.findings) - len(group.counting)
    tags = [f"**{str(group.severity).upper()}**", esc(category_label(meta.category)), f"`{meta.id}`"]
    if waived:
        tags.append(f"{waived} waived")
    out = [f"### {n}. {esc(meta.title)}", "", " · ".join(tags), ""]
    messages = {f.message for f in group.findings}
    if group.severity == Severity.INFO or not (meta.why or len(messages) == 1):
        out += [f"Why and redraft: `lawlint explain {meta.id}`.", ""]
    else:
        why, _ = lead_sentences(meta.why or meta.message, WHY_WORDS)
        for label, text in (("Why", why), ("Redraft", meta.fix), ("Standards", sources.cite(group.findings))):
            if not text:
                continue
            if text in said:
                out += [f"**{label}.** As for problem {said[text]}.", ""]
            else:
                said[text] = n
                out += [f"**{label}.** {text if label == 'Standards' else esc(text)}", ""]
    out += [_clause_line(f, group, fmt, said) for f in group.findings]
    out.append("")
    return out


def banner(results: list[FileResult], options: Any = None) -> list[str]:
    """Lines at the very top for files not read or not checked, so a memo never reads as a clearance."""
    lines = []
    for r in results:
        status, reason = file_status(r, options)
        if status == "error":
            lines.append(f"> **NOT READ:** {esc(file_name(r))} could not be read: {esc(reason)}")
        elif status == "not-checked":
            lines.append(f"> **NOT CHECKED:** {esc(file_name(r))}: {esc(reason)}")
    if lines:
        lines = [line + ("  " if i < len(lines) - 1 else "") for i, line in enumerate(lines)]
        lines += [">", "> No findings for these files does not mean they comply.", ""]
    return lines


def _file_summary(r: FileResult, groups: list[RuleGroup], options: Any) -> list[str]:
    """One file in the summary: its counts, then its most serious problems with their clauses."""
    title, name = title_and_file(r)
    name = f"**{esc(title)}**" + (f" (`{name}`)" if name else "")
    status, reason = file_status(r, options)
    if status == "error":
        return [f"{name}: **NOT READ**, {esc(reason)}."]
    if status == "not-checked":
        return [f"{name}: **NOT CHECKED**, {esc(reason)}."]
    counting = active(r.findings)
    if not r.findings:
        return [f"{name}: no findings."]
    sev = by_severity(counting)
    waived = len(r.findings) - len(counting)
    line = (
        f"{name}: {_plural(len(counting), 'finding')} "
        f"({', '.join(f'{sev[str(s)]} {s}' for s in SEVERITIES)}) from {_plural(len(groups), 'rule')} in "
        f"{_plural(len(clause_labels(counting)), 'clause')}" + (f", plus {waived} waived" if waived else "") + "."
    )
    out = [line]
    top = top_problems(groups, TOP_PROBLEMS)
    if top:
        out += ["", f"Most serious problems (of {len(groups)}):", ""]
        numbers = {id(g): i for i, g in enumerate(groups, 1)}
        for g in top:
            out.append(
                f"- Problem {numbers[id(g)]}, **{esc(g.meta.title)}** ({g.severity}; "
                f"{esc(category_label(g.meta.category))}): {', '.join(esc(c) for c in clause_labels(g.counting))}."
            )
    return out


def render(results: list[FileResult], options: Any = None) -> str:
    findings = findings_of(results)
    counting = active(findings)
    catalogue = rule_catalogue(findings, options)
    groups = {id(r): rule_groups(r.findings, catalogue) for r in results}
    # the first line is also the marker by which discover.py knows a memo lawlint wrote: keep its start
    out = [f"# lawlint review: {esc(report_title(results))}", ""]
    out += banner(results, options)
    sev = by_severity(counting)
    waived = len(findings) - len(counting)
    out += ["## Summary", ""]
    if len(results) != 1:  # one file's counts are in its own line below
        out.append(
            f"{_plural(len(counting), 'finding')} in {_plural(len(results), 'file')}"
            + (f", plus {waived} waived" if waived else "") + "."
        )
        out += ["", "| Severity | Findings |", "| --- | ---: |"]
        out += [f"| {s} | {sev[str(s)]} |" for s in SEVERITIES]
        out.append("")
    for i, r in enumerate(results):
        out += ([""] if i else []) + _file_summary(r, groups[id(r)], options)
    sources = Sources()
    intro_given = False
    for r in results:
        title, name = title_and_file(r)
        heading = (
            "Problems, most serious first" if len(results) == 1 else esc(title) + (f" (`{name}`)" if name else "")
        )
        out += ["", f"## {heading}", ""]
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
        if not intro_given:
            out += [INTRO, ""]
            intro_given = True
        said: dict[str, int] = {}
        for n, group in enumerate(groups[id(r)], 1):
            out += problem(n, group, r.format, sources, said)
        while out and out[-1] == "":
            out.pop()
    out += sources.listing()
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
