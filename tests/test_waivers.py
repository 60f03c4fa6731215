"""Waivers: matching by eid or fingerprint (renumbered clauses), reasons, expiry, stale entries."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from lawlint import waivers
from lawlint.model import FileResult, LawlintError, Severity
from lawlint.report import markdown, sarif
from report_data import finding

TODAY = dt.date(2026, 11, 28)
ROOT = Path(__file__).resolve().parents[1]


def results(tmp_path, **changes):
    bill = tmp_path / "bill.txt"
    bill.write_text("x", encoding="utf-8")
    f = finding(path=str(bill), **changes)
    g = finding(
        rule="insult-public-officials",
        category="FE-DEFAM",
        eid="sec_23",
        path=str(bill),
        line=9,
        fingerprint="fp-insult",
    )
    return [FileResult(path=str(bill), format="txt", findings=[f, g])]


def write(tmp_path, text):
    path = tmp_path / "lawlint-waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """\
version: 1
waivers:
  - rule: false-news-offence
    path: bill.txt
    clause: 22(1)(a)
    eid: sec_22__subsec_1__para_a
    fingerprint: fp-false-news-offence-sec_22__subsec_1__para_a
    reason: Repealed in committee; amendment tabled.
"""


def test_waiver_marks_the_finding_and_keeps_it(tmp_path):
    res = waivers.apply(results(tmp_path), waivers.load(write(tmp_path, ENTRY)), TODAY)
    assert len(res) == 1  # no stale waivers, so no extra result
    f, g = res[0].findings
    assert f.waived == "Repealed in committee; amendment tabled." and g.waived is None
    # still listed in every report, marked as waived
    assert "*waived: Repealed in committee" in markdown.render(res)
    assert json.loads(sarif.render(res))["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external"


def test_renumbered_clause_still_matches_by_fingerprint(tmp_path):
    # the clause became 23(1)(a): new eid, same text, so the same fingerprint
    moved = results(
        tmp_path,
        eid="sec_23__subsec_1__para_a",
        clause="23(1)(a)",
        fingerprint="fp-false-news-offence-sec_22__subsec_1__para_a",
    )
    res = waivers.apply(moved, waivers.load(write(tmp_path, ENTRY)), TODAY)
    assert res[0].findings[0].waived and len(res) == 1


def test_edited_clause_with_same_eid_still_matches(tmp_path):
    edited = results(tmp_path, fingerprint="fp-new-text")
    res = waivers.apply(edited, waivers.load(write(tmp_path, ENTRY)), TODAY)
    assert res[0].findings[0].waived


def test_other_file_or_rule_does_not_match(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("x", encoding="utf-8")
    rs = [FileResult(path=str(other), format="txt", findings=[finding(path=str(other))])]
    res = waivers.apply(rs, waivers.load(write(tmp_path, ENTRY)), TODAY)
    assert res[0].findings[0].waived is None
    assert len(res) == 1  # bill.txt was not linted, so its waiver is not called stale


def test_stale_waiver_is_reported_as_a_finding_on_its_line(tmp_path):
    fixed = results(tmp_path)
    fixed[0].findings = fixed[0].findings[1:]  # the false-news clause was fixed
    path = write(tmp_path, ENTRY)
    res = waivers.apply(fixed, waivers.load(path), TODAY)
    assert len(res) == 2 and res[1].path == str(path) and res[1].format == "waivers"
    stale = res[1].findings[0]
    assert stale.rule == "unused-waiver" and str(stale.severity) == "warning" and stale.line == 3
    assert "false-news-offence" in stale.message and "22(1)(a)" in stale.message
    # can be ignored like any rule
    assert len(waivers.apply(fixed, waivers.load(path), TODAY, ignore=["unused-waiver"])) == 1


def test_expired_waiver_is_not_applied_and_is_reported(tmp_path):
    path = write(tmp_path, ENTRY + "    expires: 2026-01-31\n")
    res = waivers.apply(results(tmp_path), waivers.load(path), TODAY)
    assert res[0].findings[0].waived is None
    assert [f.rule for f in res[1].findings] == ["expired-waiver"]
    assert "expired on 2026-01-31" in res[1].findings[0].message
    path = write(tmp_path, ENTRY + "    expires: 2027-01-31\n")
    assert waivers.apply(results(tmp_path), waivers.load(path), TODAY)[0].findings[0].waived


@pytest.mark.parametrize(
    "text, words",
    [
        ("waivers:\n  - rule: r\n    eid: e\n", "waiver 1 (line 2): missing reason"),
        ("waivers:\n  - rule: r\n    reason: ok\n", "needs an eid or a fingerprint"),
        ("waivers:\n  - eid: e\n    reason: ok\n", "missing rule"),
        ("waivers:\n  - rule: r\n    eid: e\n    reason: ok\n    expires: soon\n", "expires must be a date"),
        ("waivers:\n  - rule: r\n    eid: e\n    reason: ok\n    reson: typo\n", "unknown key 'reson'"),
        ("waivers: [\n", "invalid YAML"),
        ("waiver: []\n", "unknown top-level key 'waiver'"),
    ],
)
def test_bad_waivers_file_is_a_clear_error(tmp_path, text, words):
    with pytest.raises(LawlintError) as err:
        waivers.load(write(tmp_path, text))
    assert words in str(err.value) and "lawlint-waivers.yaml" in str(err.value)


def test_generate_writes_entries_that_waive_everything_and_refuses_overwrite(tmp_path):
    rs = results(tmp_path)
    out = tmp_path / "lawlint-waivers.yaml"
    assert waivers.generate(rs, out, today=TODAY) == 2
    text = out.read_text(encoding="utf-8")
    assert (
        text.startswith("# lawlint waivers") and "path: bill.txt" in text and "Baseline of 2026-11-28" in text
    )
    wf = waivers.load(out)
    assert [w.rule for w in wf.waivers] == ["false-news-offence", "insult-public-officials"]
    # the generated reasons are placeholders: they waive only when allowed, and are reported either way
    res = waivers.apply(results(tmp_path), wf, TODAY, allow_placeholders=True)
    assert all(f.waived for f in res[0].findings)
    assert [(f.rule, f.severity) for f in res[1].findings] == [("placeholder-waiver", Severity.WARNING)] * 2
    res = waivers.apply(results(tmp_path), waivers.load(out), TODAY)
    assert not any(f.waived for f in res[0].findings)
    assert [(f.rule, f.severity) for f in res[1].findings] == [("placeholder-waiver", Severity.ERROR)] * 2
    with pytest.raises(LawlintError, match="already exists; use --force"):
        waivers.generate(rs, out, today=TODAY)
    assert waivers.generate(rs[:0], out, force=True, today=TODAY) == 0


def test_glob_path(tmp_path):
    text = ENTRY.replace("path: bill.txt", "path: '*.txt'")
    res = waivers.apply(results(tmp_path), waivers.load(write(tmp_path, text)), TODAY)
    assert res[0].findings[0].waived


def test_regenerate_keeps_reviewed_reasons_and_drops_stale(tmp_path):
    path = write(
        tmp_path,
        ENTRY
        + """  - rule: gone-rule
    eid: sec_99
    reason: Stale entry.
""",
    )
    res = waivers.apply(results(tmp_path), waivers.load(path), TODAY)
    assert waivers.generate(res, path, force=True, today=TODAY) == 2
    wf = waivers.load(path)
    reasons = {w.rule: w.reason for w in wf.waivers}
    assert reasons["false-news-offence"] == "Repealed in committee; amendment tabled."
    assert reasons["insult-public-officials"].startswith("Baseline of 2026-11-28")
    assert "gone-rule" not in reasons


def test_stale_report_names_the_waivers_file_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fixed = results(tmp_path)
    fixed[0].findings = fixed[0].findings[1:]
    fixed[0].language = "en"
    res = waivers.apply(fixed, waivers.load(write(tmp_path, ENTRY)), TODAY)
    assert res[1].path == "lawlint-waivers.yaml" and res[1].findings[0].path == "lawlint-waivers.yaml"
    assert res[1].language == "en"


# ---- placeholder reasons -------------------------------------------------------------------------------

PLACEHOLDERS = ["TODO", "todo: ask the committee", "n/a", "N/A", "fixme", "FIXME later", "TBD.", "-", "?", "",
                "accepted without review", "OK",
                waivers.PLACEHOLDER.format(date="2026-11-28")]
REASONS = ["Repealed in committee; amendment tabled.", "Todoist integration is out of scope here.",
           "None of the powers apply: section 41 gives a judge the last word (committee, 3 March)."]


@pytest.mark.parametrize("reason", PLACEHOLDERS)
def test_a_placeholder_reason_waives_nothing_and_is_an_error_on_its_line(tmp_path, reason):
    text = ENTRY.replace("reason: Repealed in committee; amendment tabled.", f"reason: {json.dumps(reason)}")
    res = waivers.apply(results(tmp_path), waivers.load(write(tmp_path, text)), TODAY)
    assert not any(f.waived for f in res[0].findings)
    (bad,) = res[1].findings
    assert (bad.rule, bad.severity, bad.line, bad.category) == ("placeholder-waiver", Severity.ERROR, 3, "LAWLINT")
    assert "waives nothing" in bad.message and res[1].path.endswith("lawlint-waivers.yaml")


@pytest.mark.parametrize("reason", REASONS)
def test_a_real_reason_waives_quietly(tmp_path, reason):
    text = ENTRY.replace("reason: Repealed in committee; amendment tabled.", f"reason: {json.dumps(reason)}")
    res = waivers.apply(results(tmp_path), waivers.load(write(tmp_path, text)), TODAY)
    assert res[0].findings[0].waived == reason and len(res) == 1


def test_placeholder_waiver_can_be_ignored_but_still_waives_nothing(tmp_path):
    text = ENTRY.replace("Repealed in committee; amendment tabled.", "TODO")
    res = waivers.apply(results(tmp_path), waivers.load(write(tmp_path, text)), TODAY,
                        ignore=["placeholder-waiver"])
    assert len(res) == 1 and not res[0].findings[0].waived  # no unused-waiver either: it never applied


def test_check_fails_on_a_placeholder_unless_allowed_on_the_command_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from lawlint.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "bill.txt").write_text(
        "1. False news\nAny person who publishes false news commits an offence.\n", encoding="utf-8")
    rules = ["--no-builtin-rules", "--rules", str(ROOT / "tests" / "data" / "rules")]
    assert CliRunner().invoke(cli, ["waive", "--generate", *rules, "bill.txt"]).exit_code == 0
    strict = CliRunner().invoke(cli, ["check", *rules, "bill.txt"])
    assert strict.exit_code == 1
    assert re.search(r"^lawlint-waivers\.yaml:\d+:1: error placeholder-waiver \[LAWLINT\]", strict.stdout, re.M)
    assert re.search(r"^bill\.txt:2:\d+: error ", strict.stdout, re.M)  # the finding counts again
    local = CliRunner().invoke(cli, ["check", *rules, "--allow-placeholder-waivers", "bill.txt"])
    assert local.exit_code == 0
    assert re.search(r"^lawlint-waivers\.yaml:\d+:1: warning placeholder-waiver", local.stdout, re.M)
    assert not re.search(r"^bill\.txt:", local.stdout, re.M) and "waived" in local.stderr
