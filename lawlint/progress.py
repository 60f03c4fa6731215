"""A one-line progress bar on stderr while many files (or one long PDF) are linted.

By default only on a terminal: when stderr is not a TTY (CI logs, pipes) or with --quiet it prints nothing,
so machine-readable output on stdout is never mixed with it. A background tick keeps the elapsed time moving
while a single long file is read, so the user can tell lawlint is working and not hung. `--progress` asks for
it anyway: on a terminal the bar, elsewhere (a CI log) one line per file finished, `[3/10] 1.2s path`.
Always on stderr.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

WIDTH = 24


class Progress:
    """`start()`, then `advance(name)` after each file, then `close()`; or use as a context manager."""

    def __init__(
        self, total: int, stream: TextIO | None = None, enabled: bool | None = None, interval: float = 0.25,
        lines: bool = False,
    ):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled and total > 0
        self.lines = lines  # one line per finished file instead of a redrawn bar (not a terminal)
        self.total, self.done, self.current = total, 0, ""
        self.interval = interval
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._width = 0

    @classmethod
    def for_sources(cls, names: list[str], quiet: bool = False, stream: TextIO | None = None,
                    force: bool = False) -> "Progress":
        """Shown for several files, or for one PDF (the slow format), on a terminal, unless quiet; `force`
        (--progress) shows it whatever the stream: a bar on a terminal, lines elsewhere."""
        stream = stream or sys.stderr
        worth_it = len(names) > 1 or any(n.lower().endswith(".pdf") for n in names)
        tty = bool(getattr(stream, "isatty", lambda: False)())
        if force:
            return cls(len(names), stream, enabled=True, lines=not tty)
        return cls(len(names), stream, enabled=tty and worth_it and not quiet)

    def __enter__(self) -> "Progress":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self, first: str = "") -> None:
        if not self.enabled or self.lines:
            return
        self.current = first
        self._draw()
        self._thread = threading.Thread(target=self._tick, name="lawlint-progress", daemon=True)
        self._thread.start()

    def advance(self, finished: str = "", next_name: str = "") -> None:
        with self._lock:
            self.done = min(self.total, self.done + 1)
            self.current = next_name or finished
            if self.enabled and self.lines:
                elapsed = time.monotonic() - self._start
                self.stream.write(f"[{self.done}/{self.total}] {elapsed:.1f}s {finished}\n")
                self.stream.flush()
                return
        if self.enabled:
            self._draw()

    def close(self) -> None:
        if not self.enabled or self.lines:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
        with self._lock:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()

    def line(self) -> str:
        filled = int(WIDTH * self.done / self.total) if self.total else WIDTH
        elapsed = time.monotonic() - self._start
        name = self.current if len(self.current) <= 40 else "…" + self.current[-39:]
        return f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} {elapsed:5.1f}s {name}"

    def _draw(self) -> None:
        with self._lock:
            text = self.line()
            pad = max(0, self._width - len(text))
            self._width = len(text)
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self._draw()
