"""`lawlint check DIR` lints the bills a user means: types lawlint reads, minus what .gitignore (git's own view
inside a work tree) and `exclude` leave out, hidden folders, README/CHANGELOG/LICENSE/requirements files and
lawlint's own outputs. A file named explicitly is always linted (except lawlint's outputs)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lawlint import config as config_mod
from lawlint import discover
from lawlint.cli import cli
from lawlint.engine import runner

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "tests" / "data" / "rules")
BILL = "1. False news\nAny person who publishes false news commits an offence and is liable to imprisonment.\n"
HTML_REPORT = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               '<meta name="generator" content="lawlint 0.1.0">\n<title>lawlint report: x</title></head></html>\n')


def _write(root: Path, rel: str, text: str = BILL) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    """A repository of bills with everything a real one holds besides bills."""
    root = tmp_path / "repo"
    for rel in ["bills/cyber.txt", "bills/sub/privacy.md", "bills/amend.html", "notes.txt",
                "drafts/old.txt", "build.log.txt",
                "node_modules/pkg/index.md", ".venv/lib/x.txt", ".github/bill.md", "bills/.hidden.txt",
                "README.md", "docs/README.txt", "CHANGELOG.md", "LICENSE.txt", "requirements.txt",
                "bills/data.csv", "script.py"]:
        _write(root, rel)
    _write(root, ".gitignore", "drafts/\n*.log.txt\n")
    _write(root, "bills/review.html", HTML_REPORT)  # a report lawlint wrote
    _write(root, "bills/memo.md", "# lawlint review: Cyber Bill\n\n3 findings in 1 file.\n")
    _write(root, "bills/findings.txt",
           "bills/cyber.txt:2:25: error false-news-offence [FE-FALSE] clause 1: Criminalises falsity.\n")
    (root / "bills" / "cyber.lawlint.docx").write_bytes(b"PK\x03\x04 annotated copy")
    _write(root, "lawlint.toml", "")  # stop config discovery here
    monkeypatch.chdir(root)
    return root


EXPECTED = ["bills/amend.html", "bills/cyber.txt", "bills/sub/privacy.md", "notes.txt"]


def names(sources, root="."):
    return sorted(str(Path(s.name).relative_to(root)) if Path(s.name).is_absolute() else
                  str(Path(s.name)) for s in sources)


def _expand(paths, cfg=None, **kw):
    cfg = cfg or config_mod.load(paths)
    return runner.expand(list(paths), exclude=cfg.exclude_patterns(),
                         respect_gitignore=kw.pop("respect_gitignore", cfg.respect_gitignore), **kw)


def test_outside_git_gitignore_files_hidden_folders_and_defaults(tree):
    assert names(_expand(["."])) == EXPECTED


def test_no_respect_gitignore_brings_back_ignored_files_but_not_the_rest(tree):
    got = names(_expand(["."], respect_gitignore=False))
    assert got == sorted(EXPECTED + ["build.log.txt", "drafts/old.txt"])


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_inside_git_uses_gits_own_view(tree):
    def git(*args):
        subprocess.run(["git", *args], cwd=tree, check=True, capture_output=True)

    git("init", "-q")
    git("add", "bills/cyber.txt")
    # only git knows .git/info/exclude: if it is honoured, lawlint asked git
    (tree / ".git" / "info").mkdir(parents=True, exist_ok=True)
    (tree / ".git" / "info" / "exclude").write_text("notes.txt\n", encoding="utf-8")
    got = names(_expand(["."]))
    assert got == [n for n in EXPECTED if n != "notes.txt"]
    # scanning a sub-folder of the work tree gives paths under that folder
    assert names(_expand(["bills"])) == ["bills/amend.html", "bills/cyber.txt", "bills/sub/privacy.md"]
    everything = names(_expand(["."], respect_gitignore=False))
    assert "notes.txt" in everything and "drafts/old.txt" in everything


def test_exclude_extend_exclude_and_command_line(tree):
    (tree / "lawlint.toml").write_text('extend-exclude = ["bills/sub/", "*.html"]\n', encoding="utf-8")
    assert names(_expand(["."])) == ["bills/cyber.txt", "notes.txt"]
    # `exclude` replaces the defaults: README and friends come back
    (tree / "lawlint.toml").write_text('exclude = ["notes.txt"]\n', encoding="utf-8")
    got = names(_expand(["."]))
    assert "README.md" in got and "requirements.txt" in got and "notes.txt" not in got
    (tree / "lawlint.toml").write_text("", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", "--no-builtin-rules", "--rules", RULES, "-f", "json", "--jobs", "1",
                                 "--exclude", "bills/", "--exclude", "notes.txt", "."])
    assert r.exit_code == 0 and '"files": []' in r.stdout
    assert "no supported files found" in r.stderr


def test_explicit_files_are_always_linted_except_lawlints_own_outputs(tree):
    skipped: list[str] = []
    got = runner.expand(["README.md", "bills/data.csv", "bills/review.html", "bills/cyber.lawlint.docx",
                         "bills/memo.md", "bills/findings.txt", "drafts/old.txt"], skipped=skipped)
    assert [s.name for s in got] == ["README.md", "bills/data.csv", "drafts/old.txt"]
    assert skipped == ["bills/review.html", "bills/cyber.lawlint.docx", "bills/memo.md", "bills/findings.txt"]
    r = CliRunner().invoke(cli, ["check", "--no-builtin-rules", "--rules", RULES, "--jobs", "1",
                                 "bills/review.html", "bills/cyber.txt"])
    assert "bills/review.html: skipped, an output of lawlint" in r.stderr
    assert r.exit_code == 1  # cyber.txt's finding


def test_a_file_listed_twice_is_linted_once(tree):
    assert [s.name for s in runner.expand(["bills", "bills/cyber.txt"], exclude=[])].count("bills/cyber.txt") == 1


def test_check_dot_end_to_end(tree):
    """`lawlint check .` as a user runs it: only the bills, and its own report is not read back."""
    out = CliRunner().invoke(cli, ["check", "--no-builtin-rules", "--rules", RULES, "-f", "json", "--jobs", "1",
                                   "-o", "bills/report.html", "-f", "html", "."])
    assert out.exit_code == 1, out.stderr
    assert "lawlint" in (tree / "bills" / "report.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(cli, ["check", "--no-builtin-rules", "--rules", RULES, "-f", "json", "--jobs", "1",
                                     "."])
    import json

    paths = sorted(str(Path(f["path"])) for f in json.loads(again.stdout)["files"])
    assert paths == EXPECTED


@pytest.mark.parametrize(("pattern", "path", "is_dir", "expected"), [
    ("*.log", "a/b/x.log", False, True),
    ("*.log", "a/b/x.logs", False, False),
    ("/top.txt", "top.txt", False, True),
    ("/top.txt", "sub/top.txt", False, False),
    ("docs/*.md", "docs/a.md", False, True),
    ("docs/*.md", "docs/sub/a.md", False, False),
    ("docs/**/draft*.md", "docs/a/b/draft1.md", False, True),
    ("docs/**/draft*.md", "docs/draft1.md", False, True),
    ("**/tmp", "x/y/tmp", True, True),
    ("build/", "build", True, True),
    ("build/", "build", False, False),
    ("a?c.txt", "abc.txt", False, True),
    ("a?c.txt", "a/c.txt", False, False),
    ("[ab].txt", "b.txt", False, True),
    ("[!ab].txt", "b.txt", False, False),
    ("out/**", "out/x/y.txt", False, True),
    ("\\#hash.txt", "#hash.txt", False, True),
])
def test_gitignore_patterns(tmp_path, pattern, path, is_dir, expected):
    rules = discover.GitIgnore.from_lines(tmp_path, [pattern])
    assert discover.excluded(tmp_path / path, is_dir, [rules]) is expected


def test_gitignore_negation_and_comments(tmp_path):
    rules = discover.GitIgnore.from_lines(tmp_path, ["# a comment", "", "*.txt", "!keep.txt"])
    assert discover.excluded(tmp_path / "x.txt", False, [rules])
    assert not discover.excluded(tmp_path / "keep.txt", False, [rules])
    assert not discover.excluded(tmp_path / "# a comment", False, [rules])


def test_pre_commit_hook_matches_what_lawlint_reads_and_not_readme():
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def picked(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    for path in ["bills/a.pdf", "bills/a.docx", "a.html", "a.htm", "a.xml", "a.akn", "a.txt", "a.md",
                 "a.markdown", "a.text", "Bills/Cyber Bill.PDF"]:
        assert picked(path), path
    for path in ["README.md", "docs/README.txt", "readme.md", "CHANGELOG.md", "LICENSE.txt", "requirements.txt",
                 "requirements-dev.txt", "bills/a.lawlint.docx", "a.csv", "a.py", "a.json", ".github/x.md"]:
        assert not picked(path), path


def test_statistics_counts_by_rule(tree):
    r = CliRunner().invoke(cli, ["check", "--no-builtin-rules", "--rules", RULES, "--jobs", "1", "--statistics",
                                 "bills/cyber.txt", "notes.txt"])
    lines = r.stdout.splitlines()
    assert lines and lines[0].split()[:3] == ["2", "false-news-offence", "[FE-FALSE]"]
    assert all(re.match(r"^\s*\d+  [a-z0-9-]+ ", line) for line in lines)
    assert "finding" in r.stderr and r.exit_code == 1


def test_this_runs_own_report_is_not_linted(tree):
    """`lawlint check -f markdown . > memo.md` creates memo.md, empty, before lawlint starts; `-o out.txt` may
    name an empty report of an earlier clean run. Neither is linted (an empty file would be a read error)."""
    import subprocess
    import sys

    base = [sys.executable, "-m", "lawlint", "check", "--no-builtin-rules", "--rules", RULES, "--jobs", "1"]
    with open(tree / "bills" / "new-memo.md", "w", encoding="utf-8") as out:
        done = subprocess.run([*base, "-f", "markdown", "."], stdout=out, stderr=subprocess.PIPE, text=True,
                              cwd=tree, check=False, timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"in {len(EXPECTED)} files" in done.stderr
    (tree / "out.txt").write_text("", encoding="utf-8")
    again = subprocess.run([*base, "-o", "out.txt", "."], capture_output=True, text=True, cwd=tree, check=False,
                           timeout=300)
    assert again.returncode == 1 and f"in {len(EXPECTED)} files" in again.stderr, again.stderr
