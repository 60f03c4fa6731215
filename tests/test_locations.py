"""A finding's line and column point at the words it quotes, so an editor or CI annotation lands on them."""

import json
from pathlib import Path

from click.testing import CliRunner

from lawlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]


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


def test_column_counts_past_a_sub_clause_number(tmp_path):
    bill = tmp_path / "bill.txt"
    bill.write_text("7. (1) A person who publishes false news commits an offence.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", "json", "-j", "1", "--select", "FE-FALSE", str(bill)])
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["line"], finding["column"]) == (1, len("7. (1) A person who publishes ") + 1)
