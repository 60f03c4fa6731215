"""`lawlint annotate`: the copy has one comment per finding on exactly the flagged words, keeps every
paragraph's text and formatting, and never touches the input."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from lawlint import annotate
from lawlint.model import LawlintError, Severity
from report_data import finding

W = annotate.W
ROOT = Path(__file__).resolve().parent.parent


def _tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to a paragraph."""
    ins = OxmlElement(
        "w:ins", attrs={qn("w:id"): "91", qn("w:author"): "Drafter", qn("w:date"): "2026-01-01T00:00:00Z"}
    )
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = inserted
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    ins.append(r)
    dele = OxmlElement(
        "w:del", attrs={qn("w:id"): "92", qn("w:author"): "Drafter", qn("w:date"): "2026-01-01T00:00:00Z"}
    )
    r2 = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = " repealed words"
    r2.append(dt)
    dele.append(r2)
    paragraph._p.append(dele)
    paragraph._p.append(ins)


@pytest.fixture()
def bill(tmp_path):
    d = docx.Document()
    d.add_paragraph("Cyber Crimes Bill, 2026", style="Title")  # 1
    d.add_paragraph("Short title", style="Heading 1")  # 2
    p = d.add_paragraph("This Act may be cited as the Cyber Crimes Act.")  # 3
    p = d.add_paragraph(style="List Number")  # 4 (automatic numbering)
    p.add_run("Any person who ")
    bold = p.add_run("publishes false")
    bold.bold = True
    p.add_run(" news or rumours commits an offence.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Offence"  # 5
    table.cell(0, 1).text = "insulting the President by any means"  # 6
    p = d.add_paragraph("An officer may require a provider to ", style="List Number")  # 7
    _tracked(p, "intercept any communication", "")
    d.add_paragraph("A person who\tinsults a public officer commits an offence.")  # 8
    path = tmp_path / "bill.docx"
    d.save(path)
    return path


FINDINGS = [
    finding(line=4, excerpt="publishes false news", path="bill.docx"),
    finding(
        rule="insult-head-of-state",
        category="FE-DEFAM",
        line=6,
        excerpt="insulting the President",
        path="bill.docx",
        eid="sched",
    ),
    finding(
        rule="interception-without-warrant",
        category="PR-INTERCEPT",
        severity=Severity.WARNING,
        line=7,
        excerpt="intercept any communication",
        path="bill.docx",
        eid="sec_7",
    ),
    finding(
        rule="insult-public-officials",
        category="FE-DEFAM",
        line=8,
        excerpt="insults a public officer",
        path="bill.docx",
        eid="sec_8",
    ),
    finding(
        rule="overlap",
        category="FE-FALSE",
        line=4,
        excerpt="false news or rumours",
        path="bill.docx",
        eid="sec_4b",
        waived="accepted in review",
    ),
]


def all_paragraphs(document):
    return annotate.body_paragraphs(document.element.body)


def anchored_text(document, comment_id: int) -> str:
    """The text between a comment's range start and end markers, as the reader sees it."""
    body = document.element.body
    out, inside = [], False
    for el in body.iter():
        if el.tag == W + "commentRangeStart" and el.get(W + "id") == str(comment_id):
            inside = True
        elif el.tag == W + "commentRangeEnd" and el.get(W + "id") == str(comment_id):
            break
        elif inside and el.tag == W + "t":
            anc = el.getparent()
            if not any(a.tag in (W + "del", W + "moveFrom") for a in anc.iterancestors()):
                out.append(el.text or "")
        elif inside and el.tag == W + "tab":
            out.append(" ")
    return "".join(out)


def test_one_comment_per_finding_on_the_flagged_words(bill, tmp_path):
    before = docx.Document(str(bill))
    texts_before = [annotate.paragraph_text(p) for p in all_paragraphs(before)]
    docx_text_before = [p.text for p in before.paragraphs] + [c.text for c in before.tables[0]._cells]
    digest = hashlib.sha256(bill.read_bytes()).hexdigest()

    res = annotate.annotate(bill, None, FINDINGS)
    assert res.output == tmp_path / "bill.lawlint.docx" and res.comments == 5 and res.whole_paragraph == 0
    assert hashlib.sha256(bill.read_bytes()).hexdigest() == digest  # input untouched

    after = docx.Document(str(res.output))
    comments = list(after.comments)
    assert len(comments) == len(FINDINGS)
    assert all(c.author == "lawlint" for c in comments)
    anchored = sorted(" ".join(anchored_text(after, c.comment_id).split()) for c in comments)
    assert anchored == sorted(f.excerpt for f in FINDINGS)
    # every paragraph's text is unchanged, by our reading and by python-docx's
    assert [annotate.paragraph_text(p) for p in all_paragraphs(after)] == texts_before
    assert [p.text for p in after.paragraphs] + [c.text for c in after.tables[0]._cells] == docx_text_before


def test_comment_text_has_severity_title_why_fix_and_authorities(bill):
    res = annotate.annotate(
        bill, None, FINDINGS[:1], why={"false-news-offence": "Falsity alone is no ground."}
    )
    text = list(docx.Document(str(res.output)).comments)[0].text
    assert text.startswith('ERROR: Offence of publishing "false" information')
    assert "Why: Falsity alone is no ground." in text
    assert "Fix: Repeal" in text
    assert "General Comment No. 34, para. 49 <https://www.ohchr.org/" in text
    assert "Rule false-news-offence (FE-FALSE, confidence high)" in text


def test_formatting_is_kept_when_runs_split(bill):
    res = annotate.annotate(bill, None, FINDINGS[:1])
    p = docx.Document(str(res.output)).paragraphs[3]
    runs = [(r.text, bool(r.bold)) for r in p.runs if r.text]
    assert runs == [
        ("Any person who ", False),
        ("publishes false", True),
        (" news", False),
        (" or rumours commits an offence.", False),
    ]
    # numbering survives (the paragraph keeps its style and numPr)
    assert p.style.name == "List Number"


def test_waived_finding_comment_says_so(bill):
    res = annotate.annotate(bill, None, FINDINGS[4:])
    assert "Waived: accepted in review" in list(docx.Document(str(res.output)).comments)[0].text


def test_excerpt_not_found_anchors_whole_paragraph_and_says_so(bill):
    f = finding(line=3, excerpt="words that are nowhere", path="bill.docx")
    res = annotate.annotate(bill, None, [f])
    assert res.whole_paragraph == 1
    d = docx.Document(str(res.output))
    c = list(d.comments)[0]
    assert "could not find the exact words" in c.text
    assert anchored_text(d, c.comment_id) == "This Act may be cited as the Cyber Crimes Act."


def test_wrong_paragraph_index_searches_nearby(bill):
    f = finding(line=2, excerpt="insults a public officer", path="bill.docx")
    res = annotate.annotate(bill, None, [f])
    d = docx.Document(str(res.output))
    assert res.whole_paragraph == 0
    assert anchored_text(d, list(d.comments)[0].comment_id) == "insults a public officer"


def test_refusals(bill, tmp_path):
    with pytest.raises(LawlintError, match="refusing to write over the input"):
        annotate.annotate(bill, bill, FINDINGS)
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(LawlintError, match="already exists; use --force"):
        annotate.annotate(bill, out, FINDINGS)
    assert out.read_bytes() == b"keep me"
    annotate.annotate(bill, out, FINDINGS, force=True)
    assert len(list(docx.Document(str(out)).comments)) == 5
    for name in ("bill.pdf", "bill.txt"):
        with pytest.raises(LawlintError, match=r"only Word \.docx files can be annotated.*--format html"):
            annotate.check_paths(tmp_path / name, None, False)


def test_deterministic_bytes(bill, tmp_path):
    a = annotate.annotate(bill, tmp_path / "a.docx", FINDINGS).output.read_bytes()
    b = annotate.annotate(bill, tmp_path / "b.docx", FINDINGS).output.read_bytes()
    assert a == b


def test_paragraph_index_matches_the_docx_reader(bill):
    """Our paragraph numbering is the reader's Location.line, so findings land where the reader saw them."""
    readers_docx = pytest.importorskip("lawlint.readers.docx")
    doc = readers_docx.read(bill.read_bytes(), str(bill))
    paragraphs = all_paragraphs(docx.Document(str(bill)))
    checked = 0
    for block in doc.blocks:
        if block.kind in ("paragraph", "table-cell", "heading", "title", "list-item"):
            ours = " ".join(annotate.paragraph_text(paragraphs[block.location.line - 1]).split())
            assert block.text in ours, (block.location.line, block.text, ours)
            checked += 1
    assert checked >= 6


def test_split_inside_one_run_and_overlapping_comments():
    d = docx.Document()
    p = d.add_paragraph("alpha beta gamma delta")
    body_p = p._p
    runs = annotate._span_runs(body_p, 6, 16)
    assert ["".join(t.text for t in r.iter(W + "t")) for r in runs] == ["beta gamma"]
    assert annotate.paragraph_text(body_p) == "alpha beta gamma delta"
    runs = annotate._span_runs(body_p, 11, 22)
    assert ["".join(t.text for t in r.iter(W + "t")) for r in runs] == ["gamma", " delta"]
    assert copy.deepcopy(body_p) is not None


@pytest.mark.slow
def test_real_provisions_every_comment_sits_on_its_excerpt(tmp_path):
    """The labelled real provisions, as a Word bill with runs split at random and some bold: every finding
    the engine reports gets a comment on exactly its words, and no paragraph changes."""
    import json
    import random

    from lawlint.engine import runner
    from lawlint.engine.evaluate import LintOptions
    from lawlint.engine.loader import load_rules

    rng = random.Random(7)
    rows = [json.loads(line) for line in (ROOT / "corpora" / "provisions-dev.jsonl").open(encoding="utf-8")]
    d = docx.Document()
    d.add_paragraph("Provisions", style="Title")
    for i, row in enumerate(r for r in rows if r.get("language") == "en"):
        d.add_paragraph(f"Provision {i + 1}", style="Heading 2")
        text, p, pos = " ".join(row["text"].split()), d.add_paragraph(), 0
        while pos < len(text):
            n = rng.randint(3, 40)
            p.add_run(text[pos : pos + n]).bold = rng.random() < 0.2
            pos += n
    src = tmp_path / "provisions.docx"
    d.save(src)
    result = runner.lint_source(runner.Source(str(src)), load_rules(), LintOptions())
    assert result.error is None and len(result.findings) > 50
    out = annotate.annotate(src, None, result.findings)
    assert out.whole_paragraph == 0
    after = docx.Document(str(out.output))
    anchored = sorted(" ".join(anchored_text(after, c.comment_id).split()).lower() for c in after.comments)
    assert anchored == sorted(" ".join(f.excerpt.split()).lower() for f in result.findings)
    assert [p.text for p in after.paragraphs] == [p.text for p in docx.Document(str(src)).paragraphs]


def test_unwritable_output_is_one_line_error(bill, tmp_path):
    with pytest.raises(LawlintError, match="cannot write"):
        annotate.annotate(bill, tmp_path / "no" / "such" / "dir.docx", FINDINGS)


def test_corrupt_docx_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LawlintError, match="cannot open as a Word document"):
        annotate.annotate(bad, None, FINDINGS)
    assert not (tmp_path / "bad.lawlint.docx").exists()


def test_repeated_words_anchor_on_the_occurrence_at_the_finding_column(tmp_path):
    d = docx.Document()
    d.add_paragraph("A person who publishes false news, or who repeats false news, commits an offence.")
    src = tmp_path / "twice.docx"
    d.save(src)
    text = annotate.paragraph_text(annotate.body_paragraphs(docx.Document(str(src)).element.body)[0])
    second = text.rindex("false news")
    res = annotate.annotate(
        src, None, [finding(line=1, column=second + 1, excerpt="false news", path=str(src))]
    )
    after = docx.Document(str(res.output))
    p = after.paragraphs[0]._p
    start = next(el for el in p.iter() if el.tag == W + "commentRangeStart")
    before = "".join(t.text or "" for t in p.iter(W + "t") if _precedes(t, start))
    assert before == text[:second]
    assert annotate.find_span(text, "FALSE NEWS") == (text.index("false news"), text.index("false news") + 10)


def _precedes(el, marker) -> bool:
    for node in marker.getparent().iter():
        if node is el:
            return True
        if node is marker:
            return False
    return False


# ---- annotating an annotated copy ------------------------------------------------------------------------


def test_an_annotated_copy_gets_only_the_findings_it_has_no_comment_for(bill, tmp_path):
    first = annotate.annotate(bill, tmp_path / "round1.docx", FINDINGS[:2])
    assert (first.comments, first.already, first.written) == (2, 0, True)
    second = annotate.annotate(first.output, tmp_path / "round2.docx", FINDINGS)
    assert (second.comments, second.already, second.written) == (3, 2, True)
    comments = list(docx.Document(str(second.output)).comments)
    assert len(comments) == len(FINDINGS)
    assert sorted(annotate.existing(docx.Document(str(second.output)))) == sorted(
        (f.rule, f.clause) for f in FINDINGS)
    # nothing new: no copy is written
    third = annotate.annotate(second.output, tmp_path / "round3.docx", FINDINGS)
    assert (third.comments, third.already, third.written) == (0, 5, False)
    assert not (tmp_path / "round3.docx").exists()


def test_a_comment_by_someone_else_does_not_count_as_lawlint_s(bill, tmp_path):
    d = docx.Document(str(bill))
    p = d.paragraphs[3]
    d.add_comment(p.runs, text=annotate.comment_text(FINDINGS[0]), author="A. Drafter", initials="AD")
    d.save(tmp_path / "commented.docx")
    res = annotate.annotate(tmp_path / "commented.docx", None, FINDINGS[:1])
    assert (res.comments, res.already) == (1, 0)


def test_annotate_command_on_an_annotated_copy_adds_nothing_twice_and_says_so(tmp_path):
    from click.testing import CliRunner

    from lawlint.cli import cli

    src = tmp_path / "cyber-bill.docx"
    src.write_bytes((ROOT / "examples" / "cyber-bill.docx").read_bytes())
    runner = CliRunner()
    done = runner.invoke(cli, ["annotate", str(src)])
    assert done.exit_code == 0, done.output
    copy_path = tmp_path / "cyber-bill.lawlint.docx"
    n = len(list(docx.Document(str(copy_path)).comments))
    assert n >= 10 and done.stdout == f"{copy_path}: {n} comments\n"
    # the annotated copy itself, and the same copy renamed: nothing added, one line on stderr, exit 0
    renamed = tmp_path / "for-review.docx"
    renamed.write_bytes(copy_path.read_bytes())
    for path in (copy_path, renamed):
        again = runner.invoke(cli, ["annotate", str(path)])
        assert again.exit_code == 0, again.output
        assert again.stdout == ""
        assert again.stderr == (f"lawlint: note: {path}: already has lawlint comments for {n} findings; not "
                                "added again; nothing new, no copy written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cyber-bill.docx", "cyber-bill.lawlint.docx",
                                                          "for-review.docx"]
