"""The committed sample reports (examples/make_reports.py) open, validate and agree with one another."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"

pytestmark = pytest.mark.skipif(
    not (REPORTS / "cyber-bill.sarif").exists(), reason="run examples/make_reports.py"
)


def sarif_results():
    log = json.loads((REPORTS / "cyber-bill.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(log))
    return [r for r in log["runs"][0]["results"] if "suppressions" not in r]


def test_sarif_markdown_and_html_tell_the_same_story():
    results = sarif_results()
    n = len(results)
    assert n > 0
    md = (REPORTS / "cyber-bill.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \*\*", md, flags=re.M)) == n
    tagged = re.findall(r"^\*\*(?:ERROR|WARNING|INFO)\*\* · .* · `([a-z0-9-]+)`", md, flags=re.M)
    assert sorted(tagged) == sorted({r["ruleId"] for r in results})  # one section per rule
    page = (REPORTS / "cyber-bill.html").read_text(encoding="utf-8")
    assert f'data-count="{n}">{n}<' in page and page.count('<article class="finding') == n
    for r in results:  # SARIF points at real lines of the text bill
        region = r["locations"][0]["physicalLocation"]["region"]
        lines = (ROOT / "examples" / "cyber-bill.txt").read_text(encoding="utf-8").splitlines()
        assert 1 <= region["startLine"] <= len(lines)


def test_annotated_docx_keeps_the_bill_and_has_lawlint_comments():
    import docx

    annotated = docx.Document(str(REPORTS / "cyber-bill.lawlint.docx"))
    original = docx.Document(str(ROOT / "examples" / "cyber-bill.docx"))
    comments = list(annotated.comments)
    assert comments and all(c.author == "lawlint" for c in comments)
    if len(annotated.paragraphs) != len(original.paragraphs):
        pytest.skip("examples/cyber-bill.docx changed after make_reports.py ran: rerun it")
    # the bill's words are untouched (test_annotate checks this invariant on purpose-built documents)
    assert [p.text for p in annotated.paragraphs] == [p.text for p in original.paragraphs]


def test_screenshot_for_the_docs_is_a_png():
    data = (ROOT / "docs" / "img" / "html-report.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
