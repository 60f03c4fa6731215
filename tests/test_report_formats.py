"""SARIF, Markdown and GitHub outputs: parse what each writes and check it says what the findings say."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from lawlint.report import github, markdown, sarif, text
from lawlint.report import json as json_report
from report_data import finding, sample_results

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


# ---- SARIF -------------------------------------------------------------------------------------------


def test_sarif_validates_against_the_2_1_0_schema():
    log = json.loads(sarif.render(sample_results()))
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_sarif_rules_have_help_uri_and_full_description():
    run = json.loads(sarif.render(sample_results()))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"false-news-offence", "insult-public-officials", "interception-without-warrant"}
    fn = rules["false-news-offence"]
    assert fn["helpUri"].startswith("https://www.ohchr.org/")
    assert fn["fullDescription"]["text"]
    assert "Fix:" in fn["help"]["text"]


def test_sarif_uses_the_rules_why_when_given():
    rules = [
        {
            "id": "false-news-offence",
            "why": "Falsity alone   is no ground.",
            "title": "T",
            "severity": "error",
        }
    ]
    run = json.loads(sarif.render(sample_results(), {"rules": rules}))["runs"][0]
    desc = {r["id"]: r for r in run["tool"]["driver"]["rules"]}["false-news-offence"]["fullDescription"][
        "text"
    ]
    assert desc == "Falsity alone is no ground."


def test_sarif_results_carry_locations_level_and_properties():
    run = json.loads(sarif.render(sample_results()))["runs"][0]
    results = run["results"]
    assert len(results) == 3
    first = results[0]
    assert first["ruleId"] == "false-news-offence" and first["level"] == "error"
    phys = first["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "bill.txt"
    assert phys["region"]["startLine"] == 7 and phys["region"]["startColumn"] == 5
    logical = first["locations"][0]["logicalLocations"][0]
    assert logical["name"] == "22(1)(a)" and logical["fullyQualifiedName"] == "sec_22__subsec_1__para_a"
    props = first["properties"]
    assert props["category"] == "FE-FALSE" and props["confidence"] == "high"
    assert props["authorities"][0]["citation"].startswith("UN Human Rights Committee")
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    # rule indices point at the right rule
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_waived_finding_is_a_suppressed_result():
    results = json.loads(sarif.render(sample_results()))["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["interception-without-warrant"]
    assert waived[0]["suppressions"][0]["justification"].startswith("Reviewed")


def test_sarif_unreadable_file_is_a_tool_notification():
    inv = json.loads(sarif.render(sample_results()))["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "broken.pdf" in inv["toolExecutionNotifications"][0]["message"]["text"]


def _pdf_results():
    """One PDF finding on body line 118 of the document, printed on page 7 as its line 12."""
    res = sample_results()[0]
    res.path, res.format = "bill.pdf", "pdf"
    res.findings = [finding(path="bill.pdf", line=118, column=9, page=7, page_line=12, end_line=119,
                            end_column=4)]
    return res


def test_sarif_word_and_pdf_findings_get_a_real_region_and_the_clause():
    res = sample_results()[0]
    res.format = "docx"
    out = json.loads(sarif.render([res]))
    result = out["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (7, 5)  # paragraph 7, as in the text format
    assert result["properties"]["paragraph"] == 7
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(out))

    out = json.loads(sarif.render([_pdf_results()]))
    result = out["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")} == {
        "startLine": 118, "startColumn": 9, "endLine": 119, "endColumn": 4}
    assert result["locations"][0]["logicalLocations"] == [
        {"name": "22(1)(a)", "fullyQualifiedName": "sec_22__subsec_1__para_a", "kind": "member"}]
    assert result["message"]["text"].startswith("Clause 22(1)(a) [p. 7, line 12]: ")
    assert (result["properties"]["page"], result["properties"]["pageLine"]) == (7, 12)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(out))


def test_sarif_region_leaves_out_an_end_it_does_not_know():
    region = sarif.region(finding(line=3, column=2))
    assert "endLine" not in region and "endColumn" not in region
    region = sarif.region(finding(line=3, column=2, end_line=3, end_column=12))
    assert (region["endLine"], region["endColumn"]) == (3, 12)


def test_pdf_location_is_the_same_in_text_json_sarif_and_github():
    res = _pdf_results()
    line = text.render_findings([res])
    assert line.startswith(
        "bill.pdf:118:9: error false-news-offence [FE-FALSE] clause 22(1)(a) [p. 7, line 12]: ")
    (f,) = json.loads(json_report.render([res]))["files"][0]["findings"]
    assert (f["line"], f["column"], f["page"], f["page_line"], f["end_line"], f["end_column"]) == (
        118, 9, 7, 12, 119, 4)
    annotation = github.render([res]).splitlines()[0]
    assert annotation.startswith("::error file=bill.pdf,line=118,col=9,title=")  # no column over two lines
    one_line = github.annotation(finding(line=3, column=2, end_line=3, end_column=12), "txt")
    assert one_line.startswith("::error file=bill.txt,line=3,col=2,endLine=3,endColumn=12,title=")
    assert "(clause 22(1)(a)%2C p. 7%2C line 12)" in annotation
    assert "page 7, line 12" in markdown.render([res])


def test_sarif_is_deterministic():
    assert sarif.render(sample_results()) == sarif.render(sample_results())


def test_sarif_absolute_path_becomes_file_uri():
    assert sarif.artifact_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"
    assert sarif.artifact_uri("bills/x.docx") == "bills/x.docx"


# ---- Markdown ----------------------------------------------------------------------------------------


# The memo's own tests (grouping, order, summary, titles, length) are in test_report_memo.py.


def test_markdown_escapes_bill_text_and_reports_unreadable_files():
    res = sample_results()
    res[0].findings[0] = (
        res[0].findings[0].__class__(**{**res[0].findings[0].__dict__, "excerpt": "a *b* | <c>"})
    )
    md = markdown.render(res)
    assert "“a \\*b\\* \\| \\<c\\>”" in md
    assert "Could not be read: corrupt or truncated PDF" in md


# ---- GitHub ------------------------------------------------------------------------------------------


def test_github_annotations_one_per_active_finding_with_escaping():
    lines = github.render(sample_results()).splitlines()
    assert lines[0].startswith("::error file=broken.pdf,title=lawlint::cannot read")
    notes = lines[1:]
    assert len(notes) == 2  # the waived finding gets no annotation
    assert notes[0].startswith(
        "::error file=bill.txt,line=7,col=5,title=lawlint false-news-offence (clause 22(1)(a))::"
    )
    second = notes[1]
    assert second.startswith("::warning ")
    props, message = second[len("::warning ") :].split("::", 1)
    # property values escape ':' and ','; message escapes %, newlines
    assert "title=lawlint insult-public-officials (clause 22(1)(b))" in props
    assert (
        "Insulting officials, a, b: 100%25: Protects officials from criticism, 50%25%0Afor sure." in message
    )
    assert "\n" not in message


def test_github_escape_rules():
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.escape_data("a:b,c%\r\n") == "a:b,c%25%0D%0A"


def test_github_docx_annotation_has_the_paragraph_as_its_line():
    res = sample_results()[0]
    res.format = "docx"
    first = github.render([res]).splitlines()[0]
    assert "file=bill.txt,line=7,col=5," in first


def test_github_summary_written_to_path_and_env(tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    assert github.write_summary(sample_results(), str(target)) == str(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## lawlint")  # appended, as GitHub expects
    assert "2 finding(s) in 2 file(s): 1 error, 1 warning, 0 info; 1 waived." in text
    assert "| bill.txt | 30 | info (waived) | `interception-without-warrant` |" in text
    env_target = tmp_path / "env.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(env_target))
    assert github.write_summary(sample_results(), None) == str(env_target)
    assert "## lawlint" in env_target.read_text(encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    assert github.write_summary(sample_results(), None) is None


def test_no_files_renders_in_every_format():
    from lawlint.report import html

    log = json.loads(sarif.render([]))
    assert log["runs"][0]["results"] == [] and not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert "0 findings in 0 files" in markdown.render([])
    assert github.render([]) == ""
    assert 'data-count="0">0<' in html.render([])
