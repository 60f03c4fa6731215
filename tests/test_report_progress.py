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
