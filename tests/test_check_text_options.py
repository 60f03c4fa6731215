"""Text-format options of `lawlint check`: --show-waived lists accepted findings, marked; without it they are
only counted in the summary. Uses the test rules (tests/data/rules)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lawlint.cli import cli
from report_data import review_waivers

RULES = str(Path(__file__).parent / "data" / "rules")
BILL = "1. False news\nAny person who publishes false news commits an offence and is liable to imprisonment.\n"


def test_show_waived(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "bill.txt").write_text(BILL, encoding="utf-8")
    base = ["--no-builtin-rules", "--rules", RULES]
    made = CliRunner().invoke(cli, ["waive", "--generate", *base, "bill.txt"])
    assert made.exit_code == 0, made.output
    review_waivers(tmp_path / "lawlint-waivers.yaml")
    plain = CliRunner().invoke(cli, ["check", *base, "bill.txt"])
    assert plain.exit_code == 0 and plain.stdout == "" and "waived" in plain.stderr
    shown = CliRunner().invoke(cli, ["check", *base, "--show-waived", "bill.txt"])
    lines = shown.stdout.splitlines()
    assert shown.exit_code == 0 and lines
    assert all(line.startswith("bill.txt:2:") and "[waived: " in line for line in lines)
