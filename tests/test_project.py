"""The promises the README makes: its test command is what CI runs, and the package reports its version."""

import re
import subprocess
import sys
from pathlib import Path

import lawlint

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_quick_start_has_exactly_two_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "lawlint check examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = _readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_version_from_both_entry_points():
    out = subprocess.run([sys.executable, "-m", "lawlint", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip().endswith(lawlint.__version__)
