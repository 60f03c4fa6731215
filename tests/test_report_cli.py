"""End to end through the CLI on the sample bill: each format parses and agrees with the JSON count;
annotate, config and waive do what they say; waivers survive a renumbered clause."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lawlint.cli import cli
from report_data import review_waivers

ROOT = Path(__file__).resolve().parent.parent
TXT = ROOT / "examples" / "cyber-bill.txt"
DOCX = ROOT / "examples" / "cyber-bill.docx"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(
    not TXT.exists() or not DOCX.exists(), reason="sample bills not generated yet"
)


def run(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def work(tmp_path, monkeypatch):
    """A project directory with a copy of the sample bill, as the working directory."""
    shutil.copy(TXT, tmp_path / "bill.txt")
    shutil.copy(DOCX, tmp_path / "bill.docx")
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")  # stop config discovery here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def json_findings(path):
    code, out, _ = run("check", "-f", "json", path)
    return json.loads(out)


def test_sarif_markdown_github_agree_with_json(work):
    data = json_findings("bill.txt")
    n = data["summary"]["findings"]
    assert n > 5
    rules = sorted(f["rule"] for f in data["files"][0]["findings"])

    code, out, _ = run("check", "-f", "sarif", "bill.txt")
    log = json.loads(out)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert sorted(r["ruleId"] for r in log["runs"][0]["results"]) == rules
    assert all(
        r["fullDescription"]["text"] and r.get("helpUri") for r in log["runs"][0]["tool"]["driver"]["rules"]
    )

    code, out, _ = run("check", "-f", "markdown", "bill.txt")
    assert len(re.findall(r"^- \*\*", out, flags=re.M)) == n
    tagged = re.findall(r"^\*\*(?:ERROR|WARNING|INFO)\*\* · .* · `([a-z0-9-]+)`", out, flags=re.M)
    assert sorted(tagged) == sorted(set(rules))  # the memo has one section per rule

    summary = work / "summary.md"
    code, out, _ = run("check", "-f", "github", "bill.txt", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert len([line for line in out.splitlines() if line.startswith("::")]) == n
    assert "## lawlint" in summary.read_text(encoding="utf-8")


def test_html_count_matches_json(work):
    n = json_findings("bill.docx")["summary"]["findings"]
    code, out, _ = run("check", "-f", "html", "bill.docx")
    assert f'id="finding-count" data-count="{n}">{n}<' in out
    assert out.count('<article class="finding') == n


def test_annotate_cli_one_comment_per_finding(work):
    import docx

    n = json_findings("bill.docx")["summary"]["findings"]
    code, out, err = run("annotate", "bill.docx")
    assert code == 0, err
    assert out.strip() == f"bill.lawlint.docx: {n} comments"
    d = docx.Document(str(work / "bill.lawlint.docx"))
    assert len(list(d.comments)) == n
    original = docx.Document(str(work / "bill.docx"))
    assert [p.text for p in d.paragraphs] == [p.text for p in original.paragraphs]
    # refuses to overwrite without --force; refuses non-docx
    code, _, err = run("annotate", "bill.docx")
    assert code == 2 and "already exists; use --force" in err
    code, _, err = run("annotate", "bill.txt")
    assert code == 2 and "only Word .docx files can be annotated" in err and "--format html" in err


def test_config_command_shows_sources(work):
    (work / "lawlint.toml").unlink()
    (work / "pyproject.toml").write_text('[tool.lawlint]\nfail-on = "warning"\n', encoding="utf-8")
    code, out, _ = run("config", "bill.txt")
    assert code == 0
    assert re.search(r'^fail-on\s+= "warning"  # .*pyproject.toml \[tool.lawlint\]$', out, flags=re.M)
    # and check uses it: with fail-on warning the info-free sample still fails
    (work / "pyproject.toml").write_text('[tool.lawlint]\nfail-on = "sometimes"\n', encoding="utf-8")
    code, _, err = run("check", "bill.txt")
    assert code == 2 and "fail-on must be one of" in err and "Traceback" not in err


def test_config_file_select_applies_and_cli_overrides(work):
    (work / "lawlint.toml").write_text('select = ["FE-FALSE"]\n', encoding="utf-8")
    data = json_findings("bill.txt")
    assert {f["category"] for f in data["files"][0]["findings"]} == {"FE-FALSE"}
    code, out, _ = run("check", "-f", "json", "--select", "PR", "bill.txt")
    assert {f["category"][:2] for f in json.loads(out)["files"][0]["findings"]} == {"PR"}


def test_waive_generate_then_check_passes_and_stale_is_reported(work):
    code, out, _ = run("waive", "--generate", "bill.txt")
    assert code == 0 and "waivers written" in out
    code, out, _ = run("waive", "--generate", "bill.txt")
    assert code == 2
    # the generated reasons are placeholders: they waive nothing, and each is an error on its own line
    code, out, _ = run("check", "-f", "json", "bill.txt")
    data = json.loads(out)
    assert code == 1 and data["summary"]["waived"] == 0
    entries = data["files"][1]["findings"]
    assert data["files"][1]["path"] == "lawlint-waivers.yaml" and len(entries) == len(data["files"][0]["findings"])
    assert {(f["rule"], f["severity"]) for f in entries} == {("placeholder-waiver", "error")}
    review_waivers(work / "lawlint-waivers.yaml")
    code, out, _ = run("check", "-f", "json", "bill.txt")
    data = json.loads(out)
    assert code == 0 and data["summary"]["findings"] == 0 and data["summary"]["waived"] > 5
    assert all(f["waived"] for f in data["files"][0]["findings"])

    # renumber: a new section 5A before "False statements" moves nothing in eids for numbered sections,
    # so renumber for real: shift every section number after 5 by one
    text = (work / "bill.txt").read_text(encoding="utf-8")
    shifted = re.sub(
        r"^(\d+)\. ",
        lambda m: f"{int(m.group(1)) + 1}. " if int(m.group(1)) >= 6 else m.group(0),
        text,
        flags=re.M,
    )
    assert shifted != text
    (work / "bill.txt").write_text(shifted, encoding="utf-8")
    code, out, _ = run("check", "-f", "json", "bill.txt")
    data = json.loads(out)
    moved = [f for f in data["files"][0]["findings"] if f["clause"].startswith("7")]
    assert moved and all(f["waived"] for f in moved)  # the old section 6 is now 7: still waived

    # fix the false-news clause: its waiver is now stale and reported on its own line
    fixed = "\n".join(line for line in shifted.splitlines() if "false news" not in line) + "\n"
    (work / "bill.txt").write_text(fixed, encoding="utf-8")
    code, out, _ = run("check", "-f", "json", "bill.txt")
    data = json.loads(out)
    stale = [f for r in data["files"] for f in r["findings"] if f["rule"] == "unused-waiver"]
    assert stale and all(r["path"].endswith("lawlint-waivers.yaml") for r in data["files"][1:])
    code, out, _ = run("check", "--fail-on", "warning", "bill.txt")
    assert code == 1 and "unused-waiver" in out


def test_waive_lists_entries(work):
    run("waive", "--generate", "bill.txt")
    code, out, _ = run("waive")
    assert code == 0 and re.search(
        r"^lawlint-waivers.yaml:\d+: \S+ .* \[placeholder reason: waives nothing\] Baseline of", out, flags=re.M
    )
    review_waivers(work / "lawlint-waivers.yaml")
    code, out, _ = run("waive")
    assert code == 0 and re.search(r"^lawlint-waivers.yaml:\d+: \S+ .* \[active\] Reviewed", out, flags=re.M)


def test_limits_from_config_reach_the_readers(work):
    (work / "lawlint.toml").write_text("max-file-bytes = 100\n", encoding="utf-8")
    code, out, err = run("check", "bill.txt")
    assert code == 2 and "exceeds max-file-bytes (100)" in (out + err)
    code, _, _ = run("check", "--jobs", "2", "bill.txt", "bill.docx")
    assert code == 2
