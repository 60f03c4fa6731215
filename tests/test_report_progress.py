"""The progress bar: drawn on a terminal, silent otherwise or with --quiet, cleared at the end."""

from __future__ import annotations

import io

from lawlint.progress import Progress


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_draws_on_a_terminal_and_clears_the_line():
    out = Tty()
    with Progress.for_sources(["a.txt", "b.txt"], stream=out) as bar:
        bar.advance("a.txt", "b.txt")
        assert "1/2" in out.getvalue() and "b.txt" in out.getvalue()
        bar.advance("b.txt")
    text = out.getvalue()
    assert "[" + "#" * 24 + "] 2/2" in text
    assert text.endswith("\r")  # the line is wiped so later output starts clean


def test_silent_when_not_a_terminal_or_quiet_or_single_text_file():
    for bar, stream in [
        (Progress.for_sources(["a.txt", "b.txt"], stream=(s := io.StringIO())), s),
        (Progress.for_sources(["a.txt", "b.txt"], quiet=True, stream=(t := Tty())), t),
        (Progress.for_sources(["a.txt"], stream=(u := Tty())), u),
    ]:
        with bar:
            bar.advance("a.txt")
        assert stream.getvalue() == ""


def test_one_long_pdf_gets_a_ticking_bar():
    out = Tty()
    bar = Progress.for_sources(["long.pdf"], stream=out)
    bar.interval = 0.01
    with bar:
        import time

        time.sleep(0.05)
    assert out.getvalue().count("0/1") >= 2  # redrawn while the file is being read


def test_progress_flag_prints_one_line_per_file_when_not_a_terminal():
    out = io.StringIO()
    with Progress.for_sources(["a.txt", "b.txt"], stream=out, force=True) as bar:
        bar.advance("a.txt")
        bar.advance("b.txt")
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == ["[1/2]", "[2/2]"]
    assert lines[0].endswith(" a.txt") and lines[1].endswith(" b.txt") and "\r" not in out.getvalue()


def test_progress_under_jobs_advances_per_file_and_keeps_results_in_order(tmp_path):
    """Worker processes report each file as it finishes; stdout holds the report alone."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    rules = str(Path(__file__).parent / "data" / "rules")
    names = []
    for i in range(5):
        path = tmp_path / f"bill{i}.txt"
        path.write_text(f"{i + 1}. Any person who publishes false news commits an offence.\n", encoding="utf-8")
        names.append(str(path))
    done = subprocess.run([sys.executable, "-m", "lawlint", "check", "--no-builtin-rules", "--rules", rules,
                           "--progress", "-j", "2", "-f", "json", *names], capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [line.split()[0] for line in lines] == [f"[{i}/5]" for i in range(1, 6)]
    assert sorted(line.split()[-1] for line in lines) == sorted(names)
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == names
