"""`lawlint annotate`: a copy of a Word bill with one comment per finding, on the words flagged.

Drafters live in Word, so the review goes where they work. The input is never modified: the copy goes to
`BILL.lawlint.docx` (or `-o`), and an existing output is kept unless `force`. Each finding is mapped to
its paragraph (the DOCX reader's Location.line is the body paragraph index), the excerpt is found in that
paragraph's text as printed (tracked insertions kept, deletions skipped, as the reader reads it), runs are
split at the excerpt's edges with their formatting copied, and the comment is anchored on exactly those
runs. When the excerpt cannot be found, the comment covers the whole paragraph and says so.

Run on a copy that already holds lawlint's comments (an annotated copy, renamed or not), it adds only the
findings that have none yet: a comment is known by its author ("lawlint") and its last line, which names the
rule and the clause (one finding per rule per clause). With nothing new to add it writes no copy.
"""

from __future__ import annotations

import copy
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lawlint.model import Finding, LawlintError
from lawlint.readers.docx import SKIPPED_IN_TEXT as _SKIP
from lawlint.readers.docx_numbering import W

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR, INITIALS = "lawlint", "LL"
_ONE_CHAR = {W + "tab": " ", W + "ptab": " ", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def default_output(src: str | Path) -> Path:
    src = Path(src)
    return src.with_name(f"{src.stem}.lawlint.docx")


def check_paths(src: str | Path, dst: str | Path | None, force: bool) -> Path:
    """The output path, after refusing what would lose a user's file. Raises LawlintError."""
    src = Path(src)
    if src.suffix.lower() != ".docx":
        raise LawlintError(
            f"{src}: only Word .docx files can be annotated; for a PDF or text bill use "
            f"`lawlint check --format html {src} > report.html` for a reviewable report"
        )
    out = Path(dst) if dst else default_output(src)
    if out.exists() and src.exists() and os.path.samefile(out, src):
        raise LawlintError(f"{out}: refusing to write over the input file; choose another -o path")
    if out.exists() and not force:
        raise LawlintError(f"{out}: already exists; use --force to replace it")
    return out


# ---- the paragraph's text, atom by atom ---------------------------------------------------------------


@dataclass
class _Atom:
    run: object  # the w:r element
    child: object  # the w:t / w:tab ... element inside it
    text: str


def _atoms(p) -> list[_Atom]:
    out: list[_Atom] = []

    def walk(el, run) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                walk(child, child)
            elif tag == W + "t" and run is not None:
                out.append(_Atom(run, child, child.text or ""))
            elif tag in _ONE_CHAR and run is not None:
                out.append(_Atom(run, child, _ONE_CHAR[tag]))
            elif tag == W + "p":
                continue  # a paragraph nested in a text box or the like is not this paragraph's text
            else:
                walk(child, run)

    walk(p, None)
    return out


def paragraph_text(p) -> str:
    return "".join(a.text for a in _atoms(p))


def body_paragraphs(body) -> list:
    """Body paragraphs in document order, table cells included, text boxes excluded (as the reader counts)."""
    out = []
    for p in body.iter(W + "p"):
        node, inside_box = p.getparent(), False
        while node is not None and node is not body:
            if node.tag in (W + "txbxContent", W + "del", W + "moveFrom"):
                inside_box = True
                break
            node = node.getparent()
        if not inside_box:
            out.append(p)
    return out


def find_span(text: str, excerpt: str, near: int | None = None) -> tuple[int, int] | None:
    """Where the excerpt sits in the paragraph text, tolerant of case, spacing and soft hyphens.

    When the words occur more than once, the occurrence starting nearest `near` (the finding's column,
    0-based: for Word the reader counts columns within the paragraph) wins; exact case beats any case."""
    words = excerpt.replace("\u00ad", "").split()
    if not words:
        return None
    pattern = r"\s+".join(r"\u00ad?".join(re.escape(ch) for ch in word) for word in words)
    for flags in (0, re.IGNORECASE):
        spans = [m.span() for m in re.finditer(pattern, text, flags) if m.end() > m.start()]
        if spans:
            if near is None:
                return spans[0]
            return min(spans, key=lambda s: (abs(s[0] - near), s[0]))
    return None


# ---- splitting runs -------------------------------------------------------------------------------------


def _split_run_at(atoms: list[_Atom], offset: int) -> None:
    """Make `offset` (in the paragraph text) fall on a run boundary, splitting one run if needed."""
    pos = 0
    for i, atom in enumerate(atoms):
        end = pos + len(atom.text)
        if pos < offset < end:  # inside a w:t: split the text element itself first
            k = offset - pos
            second = copy.deepcopy(atom.child)
            atom.child.text, second.text = atom.text[:k], atom.text[k:]
            for el in (atom.child, second):
                el.set(XML_SPACE, "preserve")
            atom.child.addnext(second)
            _split_run_before(atom.run, second)
            return
        if offset == pos and offset != 0:
            prev = atoms[i - 1]
            if prev.run is atom.run:
                _split_run_before(atom.run, atom.child)
            return
        pos = end


def _split_run_before(run, child) -> None:
    """Move `child` and everything after it in `run` into a new run with the same formatting."""
    new = copy.deepcopy(run)
    for el in list(new):
        if el.tag != W + "rPr":
            new.remove(el)
    moving, seen = [], False
    for el in list(run):
        if el is child:
            seen = True
        if seen:
            moving.append(el)
    for el in moving:
        new.append(el)
    run.addnext(new)


def _span_runs(p, start: int, end: int) -> list:
    """Split runs at start and end; return the runs wholly inside [start, end) in order."""
    _split_run_at(_atoms(p), end)
    _split_run_at(_atoms(p), start)
    runs, pos = [], 0
    for atom in _atoms(p):
        a_end = pos + len(atom.text)
        if start <= pos and a_end <= end and atom.text and (not runs or runs[-1] is not atom.run):
            runs.append(atom.run)
        pos = a_end
    return runs


def _top(el, p):
    while el.getparent() is not None and el.getparent() is not p:
        el = el.getparent()
    return el


def _anchor(p, runs: list, comment_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not runs:  # an empty paragraph (text drawn by numbering only): anchor on a new empty run
        run = OxmlElement("w:r")
        p.append(run)
        runs = [run]
    first, last = runs[0], runs[-1]
    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)}))
    last.addnext(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))
    ref_run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"})
    rpr.append(style)
    ref_run.append(rpr)
    ref_run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    holder = _top(last, p)
    if holder is last:
        last.getnext().addnext(ref_run)  # after the commentRangeEnd
    else:
        holder.addnext(ref_run)  # outside the hyperlink / tracked insertion that holds the last run


# ---- the comment ----------------------------------------------------------------------------------------


# The comment's line that names its finding; `existing` reads it back to know which findings have a comment.
_RULE_LINE = "Rule {rule} ({category}, confidence {confidence}), clause {clause}"
_RULE_LINE_RE = re.compile(r"^Rule (\S+) \([^()]*\), clause (.+)$", re.MULTILINE)


def _key(f: Finding) -> tuple[str, str]:
    return f.rule, " ".join((f.clause or "-").split())


def existing(document) -> set[tuple[str, str]]:
    """(rule, clause) of every comment lawlint wrote that the document already holds."""
    out: set[tuple[str, str]] = set()
    for c in document.comments:
        if c.author != AUTHOR:
            continue
        for m in _RULE_LINE_RE.finditer(c.text or ""):
            out.add((m.group(1), " ".join(m.group(2).split())))
    return out


def comment_text(f: Finding, why: str = "", fallback: bool = False) -> str:
    lines = [f"{str(f.severity).upper()}: {f.title}"]
    if f.waived:
        lines.append(f"Waived: {f.waived}")
    lines.append(f"Why: {why or f.message}")
    if f.fix:
        lines.append(f"Fix: {f.fix}")
    if f.authorities:
        cites = []
        for a in f.authorities:
            cite = f"{a.citation}, {a.pinpoint}" if a.pinpoint else a.citation
            cites.append(f"{cite} <{a.url}>" if a.url else cite)
        lines.append("Authorities: " + "; ".join(cites))
    if f.precedents:
        from lawlint.report.text import precedent_line

        lines.append("Precedents (similar wording): " + "; ".join(precedent_line(p) for p in f.precedents))
    lines.append(_RULE_LINE.format(rule=f.rule, category=f.category, confidence=f.confidence,
                                   clause=f.clause or "-"))
    if fallback:
        lines.append(
            f"(lawlint could not find the exact words “{f.excerpt}” here; this comment covers the whole "
            "paragraph.)"
        )
    return "\n".join(" ".join(line.split()) for line in lines)


def _locate(paragraphs: list, f: Finding) -> tuple[object, tuple[int, int] | None]:
    """The paragraph for a finding and the excerpt's span in it; the nearest paragraph holding the excerpt
    wins, searched outward from the reported index."""
    idx = max(0, min(len(paragraphs) - 1, f.line - 1))
    if not paragraphs:
        raise LawlintError("the document has no body paragraphs to annotate")
    if f.excerpt:
        for dist in range(0, len(paragraphs)):
            for j in (idx - dist, idx + dist) if dist else (idx,):
                if 0 <= j < len(paragraphs):
                    near = max(f.column - 1, 0) if j == idx else None
                    span = find_span(paragraph_text(paragraphs[j]), f.excerpt, near)
                    if span and span[1] > span[0]:
                        return paragraphs[j], span
    return paragraphs[idx], None


@dataclass
class AnnotateResult:
    output: Path
    comments: int
    whole_paragraph: int  # comments that had to fall back to the whole paragraph
    already: int = 0  # findings the input already had a lawlint comment for (not added again)
    written: bool = True  # False when there was nothing new to add, so no copy was written


def annotate(
    src: str | Path,
    dst: str | Path | None,
    findings: Iterable[Finding],
    force: bool = False,
    why: dict[str, str] | None = None,
) -> AnnotateResult:
    """Write the annotated copy; returns where, and how many comments (and fallbacks) it added. Findings the
    input already has a lawlint comment for are not added again; when none is left, nothing is written."""
    import docx

    out = check_paths(src, dst, force)
    try:
        document = docx.Document(str(src))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise LawlintError(
            f"{src}: cannot open as a Word document ({' '.join(str(exc).split())[:160]})"
        ) from None
    body = document.element.body
    paragraphs = body_paragraphs(body)
    why = why or {}
    findings = sorted(findings, key=lambda f: f.sort_key())
    done = existing(document)
    todo = [f for f in findings if _key(f) not in done]
    already = len(findings) - len(todo)
    if already and not todo:
        return AnnotateResult(out, 0, 0, already, written=False)
    fallbacks = count = 0
    for f in todo:
        p, span = _locate(paragraphs, f)
        if span is None:
            fallbacks += 1
            runs = list(dict.fromkeys(a.run for a in _atoms(p) if a.text))
        else:
            runs = _span_runs(p, *span)
        comment = document.comments.add_comment(
            text=comment_text(f, why.get(f.rule, ""), span is None), author=AUTHOR, initials=INITIALS
        )
        comment._comment_elm.attrib.pop(W + "date", None)  # a timestamp would make the output differ per run
        _anchor(p, runs, comment.comment_id)
        count += 1
    buf = io.BytesIO()
    document.save(buf)
    _write_deterministic(buf.getvalue(), out)
    return AnnotateResult(out, count, fallbacks, already)


def _write_deterministic(data: bytes, out: Path) -> None:
    """Re-zip with fixed timestamps so the same input gives the same bytes; write atomically."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LawlintError(f"{out}: cannot write ({exc.strerror or exc})") from None
