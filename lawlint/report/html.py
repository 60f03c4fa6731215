"""`--format html`: one self-contained page a reviewer can open from a file, on a phone, or print.

No network: the CSS is inlined from `assets/report.css`, the chart is inline SVG, and the only script is a
few lines that keep a "showing N of M" line up to date. The filters are plain checkboxes styled with CSS
`:checked ~` selectors, so they work with JavaScript off. The bill is shown as its clause tree; flagged
clauses get a coloured margin and their findings beside them, with the flagged words marked.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from typing import Any, Iterable

from lawlint import __version__
from lawlint.model import Clause, FileResult, Finding
from lawlint.report.common import (
    SEVERITIES,
    active,
    by_category,
    by_severity,
    category_label,
    category_name,
    file_name,
    file_status,
    findings_of,
    location_text,
    option,
    precedent_label,
    rule_catalogue,
    report_title,
    ruleset_label,
    title_and_file,
    why_of,
    without_cover,
)

COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8"}

SCRIPT = """
(function () {
  var out = document.getElementById('visible-count');
  if (!out) return;
  var all = document.querySelectorAll('main .finding:not(.waived)');
  var flagged = document.querySelectorAll('main .clause.flagged');
  function update() {
    var shown = 0;
    for (var i = 0; i < all.length; i++) { if (all[i].offsetParent !== null) shown++; }
    out.textContent = 'Showing ' + shown + ' of ' + all.length + ' findings';
    // a flagged clause whose findings the filters all hide keeps a quieter mark and says how many are hidden
    for (var j = 0; j < flagged.length; j++) {
      var c = flagged[j], cards = c.querySelectorAll(':scope > .row > .findings > .finding'), hidden = 0;
      for (var k = 0; k < cards.length; k++) { if (getComputedStyle(cards[k]).display === 'none') hidden++; }
      var note = c.querySelector(':scope > .row > .findings > .hidden-note');
      c.classList.toggle('all-filtered', hidden > 0 && hidden === cards.length);
      if (note) {
        note.hidden = hidden === 0;
        note.textContent = hidden + (hidden === 1 ? ' finding' : ' findings') + ' here hidden by the filters';
      }
    }
  }
  out.hidden = false;
  document.addEventListener('change', update);
  update();
})();
"""


def _css() -> str:
    return resources.files("lawlint.report").joinpath("assets/report.css").read_text(encoding="utf-8")


def _safe(name: str) -> str:
    """A token safe in an id or a class name."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name) or "_"


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


# ---- marking the flagged words ------------------------------------------------------------------------


def _spans(text: str, excerpts: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    low = text.lower()
    for ex in excerpts:
        ex = " ".join(ex.split())
        if not ex:
            continue
        start = low.find(ex.lower())
        if start >= 0:
            spans.append((start, start + len(ex)))
            continue
        pattern = r"\s+".join(re.escape(w) for w in ex.split())
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m:
            spans.append(m.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, excerpts: Iterable[str]) -> str:
    """The text as HTML with each excerpt wrapped in <mark> (overlaps merged)."""
    out, pos = [], 0
    for s, e in _spans(text, excerpts):
        out += [_e(text[pos:s]), "<mark>", _e(text[s:e]), "</mark>"]
        pos = e
    out.append(_e(text[pos:]))
    return "".join(out)


# ---- pieces ---------------------------------------------------------------------------------------------


def chart(findings: list[Finding]) -> str:
    """Stacked horizontal bars, one per category, split by severity; inline SVG with a text fallback."""
    cats = by_category(findings)
    if not cats:
        return '<p class="meta">No findings to chart.</p>'
    most = max(sum(row.values()) for row in cats.values())
    labels = {cat: category_label(cat) for cat in cats}
    label_w, bar_w, row_h = max(130, 7 * max(len(v) for v in labels.values()) + 10), 300, 24
    height = 28 + row_h * len(cats)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 50} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="chart-title">',
        '<title id="chart-title">Findings by category and severity</title>',
    ]
    x = label_w
    for sev in SEVERITIES:  # legend
        parts.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{COLOURS[str(sev)]}"/>'
            f'<text x="{x + 14}" y="13">{sev}</text>'
        )
        x += 80
    for i, (cat, row) in enumerate(cats.items()):
        y = 24 + i * row_h
        parts.append(f'<text x="0" y="{y + 15}">{_e(labels[cat])}</text>')
        x = label_w
        for sev in SEVERITIES:
            n = row[str(sev)]
            if not n:
                continue
            w = max(1.0, bar_w * n / most)
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{COLOURS[str(sev)]}"><title>{_e(labels[cat])}: {n} {sev}</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(row.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def finding_card(f: Finding, n: int, fmt: str, catalogue: dict, show_excerpt: bool) -> str:
    classes = f"finding sev-{f.severity} cat-{_safe(f.category)}" + (" waived" if f.waived else "")
    html = [
        f'<article class="{classes}" id="f-{n}" data-rule="{_e(f.rule)}" data-severity="{f.severity}" '
        f'data-category="{_e(f.category)}">',
        f'<h3><span class="sev">{f.severity}</span> {_e(f.title)}</h3>',
        f'<p class="tags"><code>{_e(f.rule)}</code> · {_e(category_label(f.category))} · '
        f"confidence {_e(f.confidence)} · "
        f"{_e(location_text(f, fmt))}</p>",
    ]
    if f.waived:
        html.append(f'<p class="waiver">Waived: {_e(f.waived)}</p>')
    if show_excerpt and f.excerpt:
        html.append(f"<p>Words flagged: <mark>{_e(f.excerpt)}</mark></p>")
    html.append(f"<p><strong>Why:</strong> {_e(why_of(f, catalogue))}</p>")
    if f.explanation:
        html.append(f'<p class="explanation"><strong>Context:</strong> {_e(f.explanation)}</p>')
    if f.fix:
        html.append(f"<p><strong>Fix:</strong> {_e(f.fix)}</p>")
    if f.authorities:
        items = []
        for a in f.authorities:
            cite = _e(f"{a.citation}, {a.pinpoint}" if a.pinpoint else a.citation)
            items.append(
                f'<li><a href="{_e(a.url)}" rel="noopener">{cite}</a></li>' if a.url else f"<li>{cite}</li>"
            )
        html.append(f'<ul class="auths">{"".join(items)}</ul>')
    if f.precedents:  # provisions courts or bodies ruled on, worded like this clause (lawlint.precedents)
        items = []
        for p in f.precedents:
            label = _e(precedent_label(p))
            items.append(f'<li><a href="{_e(p.url)}" rel="noopener">{label}</a></li>' if p.url else f"<li>{label}</li>")
        html.append(f'<p><strong>Precedents (similar wording):</strong></p><ul class="precedents">{"".join(items)}</ul>')
    if f.related:
        html.append(f'<p class="tags">Related: {", ".join(f"<code>{_e(r)}</code>" for r in f.related)}</p>')
    html.append("</article>")
    return "".join(html)


class _Numberer:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _clause_html(c: Clause, by_eid: dict[str, list[Finding]], ctx: dict, prefix: str) -> str:
    own = by_eid.get(c.eid, [])
    classes = ["clause"]
    if own:
        worst = max(f.severity for f in own)
        classes += ["flagged", f"worst-{worst}"]
    excerpts = [f.excerpt for f in own]
    head = [f'<span class="label">{_e(c.label)}</span>' if c.label else ""]
    if c.heading:
        head.append(f'<span class="heading">{_e(c.heading)}</span>')
    body = ["".join(head)]
    text = without_cover(c.text, c.anchors) if c.kind == "preamble" else c.text
    if text:
        body.append(f'<p class="text">{highlight(text, excerpts)}</p>')
    row = [f'<div class="body">{"".join(body)}</div>']
    if own:
        cards = [finding_card(f, ctx["num"](), ctx["fmt"], ctx["catalogue"], False) for f in own]
        cards.append('<p class="hidden-note meta" hidden></p>')
        row.append(f'<div class="findings">{"".join(cards)}</div>')
    html = [
        f'<div class="{" ".join(classes)}" id="{prefix}{_safe(c.eid)}">',
        f'<div class="row">{"".join(row)}</div>',
    ]
    html += [_clause_html(child, by_eid, ctx, prefix) for child in c.children]
    if c.wrap_up:
        html.append(f'<p class="text">{highlight(c.wrap_up, excerpts)}</p>')
    html.append("</div>")
    return "".join(html)


def clause_index(r: FileResult, by_eid: dict[str, list[Finding]], i: int) -> str:
    """Links to each flagged clause, in the bill's order, coloured by its worst finding: a table of
    contents for a long bill."""
    order = [c.eid for c in r.bill.walk() if c.eid in by_eid] if r.bill is not None else []
    order += [k for k in by_eid if k not in order]
    if not order:
        return ""
    links = []
    for eid in order:
        group = by_eid[eid]
        worst = max(f.severity for f in group)
        label = group[0].clause or "document"
        links.append(
            f'<li><a class="jump sev-{worst}" href="#c{i}-{_safe(eid)}">{_e(label)}'
            f' <span class="n">{len(group)}</span></a></li>'
        )
    return (
        f'<nav class="index" aria-label="Flagged clauses"><span class="caption">Flagged clauses</span>'
        f'<ol>{"".join(links)}</ol></nav>'
    )


def banner(results: list[FileResult], options: Any = None) -> str:
    """A box at the top of the page for every file not read or not checked: an empty report for such a file
    must never look like a clean one."""
    items = []
    for i, r in enumerate(results, 1):
        status, reason = file_status(r, options)
        if status == "error":
            items.append(f'<li><strong>NOT READ:</strong> <a href="#file-{i}">{_e(file_name(r))}</a> '
                         f"could not be read: {_e(reason)}</li>")
        elif status == "not-checked":
            items.append(f'<li><strong>NOT CHECKED:</strong> <a href="#file-{i}">{_e(file_name(r))}</a>: '
                         f"{_e(reason)}</li>")
    if not items:
        return ""
    return ('<section class="banner not-checked" role="alert" aria-label="Files not checked">'
            f'<ul>{"".join(items)}</ul><p>No findings for these files does not mean they comply.</p></section>')


def file_section(r: FileResult, i: int, catalogue: dict, num: _Numberer, options: Any = None) -> str:
    title, name = title_and_file(r)
    out = [f'<section class="file" id="file-{i}"><h2>{_e(title)}'
           + (f' <span class="meta">{_e(name)}</span>' if name else "") + "</h2>"]
    if r.error:
        out.append(f'<p class="error-file"><strong>NOT READ.</strong> Could not be read: {_e(r.error)}</p>'
                   "</section>")
        return "".join(out)
    status, reason = file_status(r, options)
    if status == "not-checked":
        out.append(f'<p class="error-file"><strong>NOT CHECKED:</strong> {_e(reason)}. Absence of findings '
                   "here means nothing.</p></section>")
        return "".join(out)
    findings = sorted(r.findings, key=lambda f: f.sort_key())
    by_eid: dict[str, list[Finding]] = {}
    for f in findings:
        by_eid.setdefault(f.eid, []).append(f)
    out.append(clause_index(r, by_eid, i))
    ctx = {"num": num, "fmt": r.format, "catalogue": catalogue}
    shown: set[str] = set()
    if r.bill is not None and r.bill.clauses:
        out.append('<div class="tree">')
        for c in r.bill.clauses:
            out.append(_clause_html(c, by_eid, ctx, f"c{i}-"))
        out.append("</div>")
        shown = {c.eid for c in r.bill.walk()}
    rest = [f for f in findings if f.eid not in shown]
    if rest:
        if shown:
            out.append('<h3 class="orphans">Findings outside the clause tree</h3>')
        groups: dict[str, list[Finding]] = {}
        for f in rest:
            groups.setdefault(f.eid or f.clause, []).append(f)
        for key, group in groups.items():
            worst = max(f.severity for f in group)
            label = group[0].clause
            out.append(
                f'<div class="clause flagged worst-{worst}" id="c{i}-{_safe(key)}"><div class="row">'
                f'<div class="body"><span class="label">{_e(label or "Whole document")}</span></div>'
                '<div class="findings">'
                + "".join(finding_card(f, num(), r.format, catalogue, True) for f in group)
                + "</div></div></div>"
            )
    if not findings:
        out.append('<p class="meta">No findings.</p>')
    out.append("</section>")
    return "".join(out)


def _filters(findings: list[Finding]) -> tuple[str, str, str]:
    """(the checkbox inputs, the filter bar of labels, the CSS that ties them together)."""
    inputs, chips, css = [], [], []
    sev_counts = by_severity(findings)
    cats = by_category(findings)

    def toggle(ident: str, target: str, checked: bool = True) -> None:
        inputs.append(f'<input type="checkbox" class="toggle" id="{ident}"{" checked" if checked else ""}>')
        css.append(f"#{ident}:not(:checked) ~ main {target} {{ display: none; }}")
        css.append(
            f'#{ident}:checked ~ main label[for="{ident}"] {{ text-decoration: none; color: var(--ink); '
            f"background: #fff; border-color: var(--ink); }}"
        )
        css.append(f'#{ident}:focus-visible ~ main label[for="{ident}"] {{ outline: 2px solid #0b57d0; }}')

    sev_chips = []
    for sev in SEVERITIES:
        ident = f"f-sev-{sev}"
        toggle(ident, f".finding.sev-{sev}")
        sev_chips.append(
            f'<label class="chip" for="{ident}">{sev} <span class="n">{sev_counts[str(sev)]}</span></label>'
        )
    cat_chips = []
    for cat, row in cats.items():
        ident = f"f-cat-{_safe(cat)}"
        toggle(ident, f".finding.cat-{_safe(cat)}")
        cat_chips.append(
            f'<label class="chip" for="{ident}" title="{_e(cat)}">{_e(category_name(cat))} '
            f'<span class="n">{sum(row.values())}</span></label>'
        )
    toggle("f-waived", ".finding.waived")
    inputs.append('<input type="checkbox" class="toggle" id="f-flagged">')
    css.append("#f-flagged:checked ~ main .clause:not(.flagged):not(:has(.flagged)) { display: none; }")
    css.append(
        '#f-flagged:checked ~ main label[for="f-flagged"] { text-decoration: none; color: var(--ink); '
        "background: #fff; border-color: var(--ink); }"
    )
    chips.append(f'<div class="group"><span class="caption">Severity</span>{"".join(sev_chips)}</div>')
    if cat_chips:
        chips.append(f'<div class="group"><span class="caption">Category</span>{"".join(cat_chips)}</div>')
    waived_n = sum(1 for f in findings if f.waived)
    chips.append(
        '<div class="group"><span class="caption">Show</span>'
        f'<label class="chip" for="f-waived">waived <span class="n">{waived_n}</span></label>'
        '<label class="chip" for="f-flagged">only flagged clauses</label></div>'
    )
    chips.append('<span class="visible-count meta" id="visible-count" hidden></span>')
    return (
        "".join(inputs),
        f'<nav class="filters" aria-label="Filter findings">{"".join(chips)}</nav>',
        "\n".join(css),
    )


def _authorities(findings: list[Finding]) -> str:
    seen: dict[str, Any] = {}
    for f in findings:
        for a in f.authorities:
            seen.setdefault(a.id, a)
    if not seen:
        return ""
    items = []
    for a in sorted(seen.values(), key=lambda a: (a.citation, a.pinpoint)):
        cite = _e(f"{a.citation}, {a.pinpoint}" if a.pinpoint else a.citation)
        items.append(
            f'<li id="auth-{_safe(a.id)}">'
            + (f'<a href="{_e(a.url)}" rel="noopener">{cite}</a>' if a.url else cite)
            + "</li>"
        )
    return (
        '<section id="authorities"><h2>Authorities cited</h2>'
        f'<ul class="authorities">{"".join(items)}</ul></section>'
    )


def render(results: list[FileResult], options: Any = None) -> str:
    findings = findings_of(results)
    counting = active(findings)
    catalogue = rule_catalogue(findings, options)
    title = report_title(results)
    sev = by_severity(counting)
    inputs, bar, filter_css = _filters(findings)
    num = _Numberer()
    sections = "".join(file_section(r, i, catalogue, num, options) for i, r in enumerate(results, 1))
    waived = len(findings) - len(counting)
    settings = []
    for key in ("select", "ignore", "min_confidence", "fail_on"):
        value = option(options, key)
        if value:
            settings.append(
                f"{key.replace('_', '-')}: {', '.join(value) if isinstance(value, list) else value}"
            )
    totals = "".join(
        f'<li><span><span class="sev {s}">{s}</span></span><span>{sev[str(s)]}</span></li>'
        for s in SEVERITIES
    )
    waived_line = f'<li><span>waived</span><span id="waived-count">{waived}</span></li>'
    files = ", ".join(file_name(r) for r in results)
    noun = "finding" if len(counting) == 1 else "findings"
    settings_text = (" · " + _e("; ".join(settings))) if settings else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lawlint {_e(__version__)}">
<title>lawlint report: {_e(title)}</title>
<style>
{_css()}
{filter_css}
</style>
</head>
<body>
{inputs}
<header>
<h1>{_e(title)}</h1>
<p class="meta">lawlint review of {_e(files)}</p>
</header>
<main>
{banner(results, options)}
<section class="summary" aria-label="Summary">
<div>
<p><span class="big" id="finding-count" data-count="{len(counting)}">{len(counting)}</span> {noun}</p>
<ul class="totals">{totals}{waived_line}</ul>
</div>
<div>{chart(counting)}</div>
</section>
{bar}
{sections}
{_authorities(findings)}
</main>
<footer>
<p>Generated by lawlint {_e(__version__)} · rule set: {_e(ruleset_label(options))}{settings_text}.</p>
<p>Findings are prompts for expert review, not legal advice.</p>
</footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
