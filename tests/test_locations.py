"""A finding's line and column point at the words it quotes, so an editor or CI annotation lands on them."""

import json
import re
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from lawlint.cli import cli
from lawlint.model import Location
from lawlint.readers import docx as docx_reader
from lawlint.readers import pdf

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_every_finding_on_the_sample_bill_points_at_its_excerpt():
    path = ROOT / "examples" / "cyber-bill.txt"
    result = CliRunner().invoke(cli, ["check", "-f", "json", "-j", "1", str(path)])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert len(findings) >= 10
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in findings:
        line = lines[f["line"] - 1]
        at = line[f["column"] - 1:]
        assert at.lower().startswith(f["excerpt"].lower().split()[0]), (f["rule"], f["line"], f["column"])
        if f["end_line"] == f["line"]:  # the end is one past the last character flagged
            assert line[f["column"] - 1:f["end_column"] - 1] == f["excerpt"], f["rule"]
        else:
            assert f["end_line"] > f["line"] and lines[f["end_line"] - 1][:f["end_column"] - 1].strip()


def test_column_counts_past_a_sub_clause_number(tmp_path):
    bill = tmp_path / "bill.txt"
    bill.write_text("7. (1) A person who publishes false news commits an offence.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", "json", "-j", "1", "--select", "FE-FALSE", str(bill)])
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["line"], finding["column"]) == (1, len("7. (1) A person who publishes ") + 1)


# ---- PDF and Word: `path:LINE:COL` counts through the document, the same in every format -------------------

FILE_LINE_COL = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning|info) ")


def _run(fmt: str, path: Path) -> str:
    result = CliRunner().invoke(cli, ["check", "-f", fmt, "-j", "1", "--fail-on", "never", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _spots_in_every_format(path: Path) -> tuple[list[dict], set]:
    """The JSON findings, after checking that text, SARIF and GitHub name the same (line, column) spots."""
    findings = json.loads(_run("json", path))["files"][0]["findings"]
    spots = {(f["line"], f["column"]) for f in findings}
    assert len(findings) >= 10 and all(f["end_line"] >= f["line"] for f in findings)
    text_lines = _run("text", path).splitlines()
    parsed = [FILE_LINE_COL.match(line) for line in text_lines]
    assert all(parsed), [line for line, m in zip(text_lines, parsed) if not m][:3]
    assert {m["path"] for m in parsed} == {str(path)}
    assert {(int(m["line"]), int(m["col"])) for m in parsed} == spots
    log = json.loads(_run("sarif", path))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert {(r["startLine"], r["startColumn"]) for r in regions} == spots
    assert all("endLine" in r and "endColumn" in r for r in regions)
    results = log["runs"][0]["results"]
    assert all(r["locations"][0]["logicalLocations"][0]["kind"] == "member" for r in results)
    assert not list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    notes = [re.search(r",line=(\d+),col=(\d+),", a) for a in _run("github", path).splitlines()]
    assert {(int(m[1]), int(m[2])) for m in notes} == spots
    return findings, text_lines


def _starts_with_excerpt(line: str, column: int, excerpt: str) -> bool:
    return line[column - 1:].lower().startswith(excerpt.lower().split()[0])


def test_pdf_findings_print_path_line_col_with_the_page_in_the_message():
    path = ROOT / "examples" / "cyber-bill.pdf"
    findings, text_lines = _spots_in_every_format(path)
    doc = pdf.read(path.read_bytes(), str(path))
    lines: dict[int, tuple[str, Location]] = {}
    for b in doc.blocks:
        cuts = [(0, b.location), *b.anchors, (len(b.text), None)]
        for (start, loc), (end, _) in zip(cuts, cuts[1:]):
            lines[loc.line] = (b.text[start:end], loc)
    assert len({loc.page for _, loc in lines.values()}) >= 2
    for f in findings:
        words, loc = lines[f["line"]]
        assert _starts_with_excerpt(words, f["column"], f["excerpt"]), (f["rule"], f["line"], f["column"])
        assert (f["page"], f["page_line"]) == (loc.page, loc.page_line)
    assert any(f["page"] > 1 for f in findings)
    for line, f in zip(text_lines, findings):
        assert f"[p. {f['page']}, line {f['page_line']}]: " in line and ":p" not in line.split(" ")[0]


def test_word_findings_print_the_paragraph_as_the_line():
    path = ROOT / "examples" / "cyber-bill.docx"
    findings, _ = _spots_in_every_format(path)
    doc = docx_reader.read(path.read_bytes(), str(path))
    paragraphs = {b.location.line: (f"{b.num} " if b.num else "") + b.text for b in doc.blocks
                  if b.kind != "footnote"}
    for f in findings:
        assert _starts_with_excerpt(paragraphs[f["line"]], f["column"], f["excerpt"]), (f["rule"], f["line"])
        assert f["page"] is None and f["page_line"] is None


def test_word_columns_count_on_through_a_manual_line_break(tmp_path):
    """A line break inside a paragraph starts a printed line, but the paragraph stays the line and the
    column counts on through it, so the spot is still one `path:line:col`."""
    import docx

    d = docx.Document()
    d.add_paragraph("Cyber Bill")
    p = d.add_paragraph()
    run = p.add_run("7. A person who, by any means—")
    run.add_break()
    p.add_run("(a) publishes false news; or")
    p.add_run().add_break()
    p.add_run("(b) insults the President, commits an offence.")
    d.save(tmp_path / "bill.docx")
    result = CliRunner().invoke(cli, ["check", "-f", "json", "-j", "1", "--select", "FE-FALSE",
                                      str(tmp_path / "bill.docx")])
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    read_as = "7. A person who, by any means— (a) publishes false news; or (b) insults the President"
    start = read_as.index(f["excerpt"])
    assert f["excerpt"] and start > len("7. A person who, by any means— (a) ")
    end = start + len(f["excerpt"])
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (2, start + 1, 2, end + 1)
