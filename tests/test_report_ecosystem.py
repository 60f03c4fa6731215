"""The files other tools read: the pre-commit hook, the GitHub Action and the example CI configs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load(rel):
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def test_pre_commit_hook_covers_bills_and_skips_annotated_copies():
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "lawlint" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["lawlint", "check"]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for name in ("bills/cyber.docx", "bill.md", "bill.txt", "act.akn.xml", "bill.xml"):
        assert files.search(name) and not exclude.search(name), name
    assert files.search("bill.lawlint.docx") and exclude.search("bill.lawlint.docx")
    assert not files.search("bill.pdf.bak") and not files.search("setup.py")


def test_action_installs_runs_sarif_and_uploads():
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    run_text = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in run_text and "lawlint check --format sarif" in run_text
    assert "--format github" in run_text
    # inputs reach scripts through env, never by ${{ }} inside run (script injection)
    assert "${{" not in run_text
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert set(action["inputs"]) >= {"paths", "fail-on", "args", "sarif-file"}
    # the failing step comes after the upload, so findings are visible even when the job fails
    names = [s.get("name", s.get("uses")) for s in steps]
    assert names.index("Fail on findings") > names.index("Upload SARIF to code scanning")


def test_example_workflow_and_pre_commit_config_use_them():
    wf = load("examples/ci/lawlint.yml")
    assert wf["permissions"]["security-events"] == "write"
    steps = wf["jobs"]["lint-bills"]["steps"]
    assert any(re.fullmatch(r"[\w-]+/lawlint@v[\d.]+", s.get("uses", "")) for s in steps)
    pc = load("examples/ci/.pre-commit-config.yaml")
    hooks = [h["id"] for repo in pc["repos"] for h in repo["hooks"]]
    assert hooks == ["lawlint"]


def test_action_lint_step_runs_and_records_the_exit_code(tmp_path):
    """Run the action's own lint script, as the runner would, against the sample bill."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    bill = ROOT / "examples" / "cyber-bill.txt"
    if not bill.exists() or shutil.which("bash") is None:
        import pytest

        pytest.skip("needs the sample bill and bash")
    step = next(s for s in load("action.yml")["runs"]["steps"] if s.get("id") == "lint")
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")
    shutil.copy(bill, tmp_path / "bill.txt")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PATHS": "bill.txt",
        "FAIL_ON": "error",
        "ARGS": "--min-confidence low",
        "SARIF": "out.sarif",
        "ANNOTATIONS": "true",
        "GITHUB_OUTPUT": str(tmp_path / "github_output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr  # the step itself succeeds; a later step fails the job
    assert (tmp_path / "github_output").read_text(encoding="utf-8").strip() == "exit-code=1"
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    assert any(line.startswith("::error file=bill.txt,line=") for line in done.stdout.splitlines())
    assert "## lawlint" in (tmp_path / "summary.md").read_text(encoding="utf-8")
