"""A file read but not checked (no rules for its language, or a language not recognised) must never look
like a clean one: every format says so at the top, and the exit status is 2 unless --allow-unchecked (or
`allow-unchecked = true` in the config). A file that could not be read shows in every format too.
Uses only the test rules (tests/data/rules, English)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lawlint.cli import cli

HERE = Path(__file__).parent
RULES = str(HERE / "data" / "rules")
SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BASE = ["check", "--no-builtin-rules", "--rules", RULES, "--jobs", "1"]

GERMAN = """1. Kurztitel
Dieses Gesetz wird als Gesetz über Falschnachrichten zitiert.

2. Falschnachrichten
(1) Wer falsche Nachrichten verbreitet, wird mit Freiheitsstrafe bis zu drei Jahren bestraft.
(2) Die Behörde darf Webseiten ohne richterliche Anordnung sperren.
"""
ENGLISH = "1. False news\nAny person who publishes false news commits an offence and is liable to imprisonment.\n"


@pytest.fixture()
def work(tmp_path, monkeypatch):
    (tmp_path / "gesetz.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (tmp_path / "bill.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")  # stop config discovery here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [*BASE, *args], catch_exceptions=False)


def test_text_says_not_checked_first_on_stderr_and_exits_2(work):
    r = run("gesetz.txt")
    assert r.exit_code == 2
    first = r.stderr.splitlines()[0]
    assert first.startswith("gesetz.txt: error: not checked: no rules for language 'de'")
    assert "NOT CHECKED" in r.stderr.splitlines()[-1]  # the summary says so too
    assert r.stdout == ""  # stdout holds findings only, and there are none
    csv = run("table.csv")
    assert csv.exit_code == 2 and "table.csv: error: not checked: language not recognised" in csv.stderr


def test_allow_unchecked_flag_and_config_key(work):
    r = run("--allow-unchecked", "gesetz.txt")
    assert r.exit_code == 0 and "gesetz.txt: warning: not checked" in r.stderr
    (work / "lawlint.toml").write_text("allow-unchecked = true\n", encoding="utf-8")
    assert run("gesetz.txt").exit_code == 0
    # findings still decide the status: the English bill's error gives 1
    assert run("gesetz.txt", "bill.txt").exit_code == 1
    (work / "lawlint.toml").write_text("allow-unchecked = 'maybe'\n", encoding="utf-8")
    bad = run("gesetz.txt")
    assert bad.exit_code == 2 and "allow-unchecked must be true or false" in bad.stderr


def test_a_checked_file_beside_an_unchecked_one_still_exits_2(work):
    r = run("-f", "json", "bill.txt", "gesetz.txt")
    assert r.exit_code == 2
    files = {f["path"]: f for f in json.loads(r.stdout)["files"]}
    assert files["bill.txt"]["status"] == "checked" and files["bill.txt"]["checked"] is True
    assert files["bill.txt"]["unchecked_reason"] is None and files["bill.txt"]["findings"]


def test_json_field_on_the_file_and_in_the_summary(work):
    r = run("-f", "json", "gesetz.txt", "table.csv", "missing.txt")
    data = json.loads(r.stdout)
    files = {f["path"]: f for f in data["files"]}
    de, csv, missing = files["gesetz.txt"], files["table.csv"], files["missing.txt"]
    assert (de["status"], de["checked"]) == ("not-checked", False)
    assert "no rules for language 'de'" in de["unchecked_reason"]
    assert (csv["status"], csv["checked"], csv["language"]) == ("not-checked", False, "und")
    assert (missing["status"], missing["checked"]) == ("error", False) and missing["unchecked_reason"]
    assert data["summary"]["unchecked"] == 2 and data["summary"]["errors"] == 1
    assert r.exit_code == 2


def test_sarif_notifications_and_honest_execution_successful(work):
    r = run("-f", "sarif", "gesetz.txt", "missing.txt")
    log = json.loads(r.stdout)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n
             for n in inv["toolExecutionNotifications"]}
    assert notes["gesetz.txt"]["level"] == "error" and "NOT CHECKED" in notes["gesetz.txt"]["message"]["text"]
    assert notes["missing.txt"]["level"] == "error"
    allowed = json.loads(run("-f", "sarif", "--allow-unchecked", "gesetz.txt").stdout)
    inv = allowed["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is True
    assert [n["level"] for n in inv["toolExecutionNotifications"]] == ["warning"]
    clean = json.loads(run("-f", "sarif", "bill.txt").stdout)["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True}


def test_markdown_banner_at_the_top(work):
    r = run("-f", "markdown", "gesetz.txt", "missing.txt", "bill.txt")
    lines = r.stdout.splitlines()
    top = "\n".join(lines[:6])
    assert "> **NOT CHECKED:** gesetz.txt: no rules for language 'de'" in top
    assert "> **NOT READ:** missing.txt could not be read" in top
    assert "No findings." not in r.stdout
    section = r.stdout.split("## gesetz.txt", 1)[1].split("##", 1)[0]
    assert "**NOT CHECKED:**" in section


def test_html_banner_at_the_top(work):
    r = run("-f", "html", "gesetz.txt", "missing.txt", "bill.txt")
    page = r.stdout
    banner = page.index('class="banner not-checked"')
    assert banner < page.index('class="summary"')  # above the counts
    box = page[banner:page.index("</section>", banner)]
    assert "NOT CHECKED:</strong>" in box and "gesetz.txt" in box and "no rules for language" in box
    assert "NOT READ:</strong>" in box and "missing.txt" in box
    section = page.split('id="file-1"', 1)[1].split("</section>", 1)[0]
    assert "NOT CHECKED:" in section and "No findings." not in section
    clean = run("-f", "html", "bill.txt").stdout
    assert 'class="banner not-checked"' not in clean


def test_github_annotations_and_job_summary(work):
    summary = work / "summary.md"
    r = run("-f", "github", "--github-summary", str(summary), "gesetz.txt", "missing.txt")
    lines = r.stdout.splitlines()
    assert any(line.startswith("::error file=gesetz.txt,title=lawlint NOT CHECKED::not checked: no rules")
               for line in lines)
    assert any(line.startswith("::error file=missing.txt,") for line in lines)
    text = summary.read_text(encoding="utf-8")
    assert "**NOT CHECKED** `gesetz.txt`" in text and "`missing.txt` could not be read" in text
    allowed = run("-f", "github", "--allow-unchecked", "gesetz.txt")
    assert allowed.stdout.startswith("::warning file=gesetz.txt,title=lawlint NOT CHECKED::")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown", "html", "github"])
def test_every_format_puts_errors_and_summary_on_stderr(work, fmt):
    r = run("-f", fmt, "gesetz.txt", "missing.txt")
    assert r.exit_code == 2
    assert "gesetz.txt: error: not checked" in r.stderr
    assert "missing.txt: error: cannot read file" in r.stderr
    assert "1 file NOT CHECKED; 1 file could not be read" in r.stderr
    if fmt == "text":
        assert r.stdout == ""


def test_output_file(work):
    r = run("-f", "json", "-o", "report.json", "gesetz.txt")
    assert r.exit_code == 2 and r.stdout == ""
    data = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert data["files"][0]["status"] == "not-checked"
    assert "gesetz.txt: error: not checked" in r.stderr
    t = run("-o", "findings.txt", "bill.txt")
    assert t.exit_code == 1 and t.stdout == ""
    written = (work / "findings.txt").read_text(encoding="utf-8")
    assert written.startswith("bill.txt:2:") and "false-news-offence" in written
    assert "finding" in t.stderr  # the summary
    bad = run("-o", str(work / "no-such-dir" / "x.txt"), "bill.txt")
    assert bad.exit_code == 2 and "cannot write report" in bad.stderr


def test_annotate_refuses_a_bill_it_cannot_check(work):
    """An annotated copy with no comments would read as a clean bill."""
    import shutil

    shutil.copy(HERE.parent / "examples" / "cyber-bill.docx", work / "bill.docx")
    r = CliRunner().invoke(cli, ["annotate", "--no-builtin-rules", "--rules", RULES, "--language", "de",
                                 "bill.docx"])
    assert r.exit_code == 2
    assert "bill.docx: not checked: no rules for language 'de'" in r.stderr
    assert not (work / "bill.lawlint.docx").exists()
