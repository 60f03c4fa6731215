"""Resource limits for one file, so a hostile or broken input fails fast with one line.

`max_seconds_per_file` covers the whole file: the runner (lawlint.engine.runner.lint_source) opens a guard
around reading, segmenting and linting it; the reader registry opens an inner guard around reading, which
keeps the outer deadline.

`Limits` holds the numbers (see docs/limits.md). The reader registry opens a `guard(limits)` around each
read; inside it any reader may call:

    from lawlint import limits
    limits.check_deadline()          # cheap; call once per page / paragraph / few hundred elements
    limits.current().max_pdf_pages   # the limits in force for the file being read

`check_deadline()` raises a ReadError once `max_seconds_per_file` has passed. In the main thread the guard
also arms a SIGALRM timer as a backstop, so pure-Python loops that never call `check_deadline()` (pdfminer,
python-docx) stop too; C code (pdfium, libxml2) is interrupted when it next returns to Python.

Every violation is a ReadError that names the limit and its value, e.g.
"exceeds max-zip-ratio (100): compression ratio 1024" (the key as the config writes it).
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import math
import signal
import threading
import time
import zipfile
from dataclasses import dataclass, fields
from typing import Any, Iterator, Mapping

from lawlint.model import LawlintError, ReadError

MB = 1024 * 1024


def key_name(field: str) -> str:
    """A limit as the config and every message spell it: max_line_chars -> max-line-chars."""
    return field.replace("_", "-")


@dataclass(frozen=True)
class Limits:
    """The ceilings one input file must stay under. Config keys are the field names."""

    max_file_bytes: int = 100 * MB
    max_pdf_pages: int = 5000
    max_zip_uncompressed_bytes: int = 500 * MB
    max_zip_ratio: float = 100
    max_zip_members: int = 10_000
    max_xml_depth: int = 256
    max_seconds_per_file: float = 60
    max_clauses: int = 100_000
    max_line_chars: int = 1_000_000

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None) -> "Limits":
        """Limits from a config table; keys may use '_' or '-'. A bad key or value is a LawlintError."""
        if not mapping:
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for raw_key, value in mapping.items():
            key = str(raw_key).replace("-", "_")
            if key not in known:
                raise LawlintError(f"unknown limit {raw_key!r} (known: {', '.join(sorted(map(key_name, known)))})")
            if value is None:
                continue
            integral = known[key].type in ("int", int)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise LawlintError(f"limit {key_name(key)} must be a number, got {value!r}")
            if integral and not float(value).is_integer():
                raise LawlintError(f"limit {key_name(key)} must be a whole number, got {value!r}")
            if not math.isfinite(value) or value <= 0:
                raise LawlintError(f"limit {key_name(key)} must be a positive number, got {value!r}")
            values[key] = int(value) if integral else float(value)
        return cls(**values)

    def exceeded(self, name: str, detail: str) -> ReadError:
        """The error for breaking limit `name`: names the limit, its value and what was found."""
        value = getattr(self, name)
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return ReadError(f"exceeds {key_name(name)} ({shown}): {detail}")


class _Overrun(BaseException):
    """Raised by the SIGALRM backstop. A BaseException so library `except Exception` blocks cannot hide it;
    `guard` turns it into a ReadError."""


@dataclass
class _State:
    limits: Limits
    deadline: float  # time.monotonic() value
    stage: str = "reading"  # what the file was doing, for the message


_STATE: contextvars.ContextVar[_State | None] = contextvars.ContextVar("lawlint_limits", default=None)


def current() -> Limits:
    """The limits in force for the file being read (defaults outside a guard)."""
    state = _STATE.get()
    return state.limits if state else Limits()


def check_deadline() -> None:
    """Raise a ReadError if the file has taken longer than max_seconds_per_file. Costs one clock read."""
    state = _STATE.get()
    if state is not None and time.monotonic() > state.deadline:
        raise _deadline_error(state.limits, state.stage)


def set_stage(stage: str) -> None:
    """Name what the file is doing now (reading, segmenting, linting, reporting), for the deadline message."""
    state = _STATE.get()
    if state is not None:
        state.stage = stage


def _deadline_error(lim: Limits, stage: str = "reading") -> ReadError:
    return lim.exceeded("max_seconds_per_file", f"{stage} took too long")


@contextlib.contextmanager
def guard(lim: Limits | None = None, stage: str = "reading") -> Iterator[Limits]:
    """Put `lim` in force for one file: sets the deadline and, in the main thread, a SIGALRM backstop.

    Guards nest: inside an outer guard (the whole file: read, segment, lint) an inner one (reading) keeps
    the outer deadline when it is sooner, and the outer alarm stays the backstop."""
    lim = lim or Limits()
    outer = _STATE.get()
    deadline = time.monotonic() + lim.max_seconds_per_file
    if outer is not None:
        deadline = min(deadline, outer.deadline)
    state = _State(lim, deadline, stage)
    token = _STATE.set(state)
    alarm = _arm_alarm(lim.max_seconds_per_file + 1) if outer is None else None
    try:
        try:
            yield lim
        finally:
            if alarm is not None:
                _disarm_alarm(alarm)
    except _Overrun:  # also when the alarm lands while disarming: it must never escape
        if alarm is not None:
            _disarm_alarm(alarm)
        raise _deadline_error(lim, state.stage) from None
    finally:
        _STATE.reset(token)


def _arm_alarm(seconds: float):
    """Install the backstop timer unless we are off the main thread or someone else owns SIGALRM."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN):  # None: a handler set outside Python; leave it
        return None

    def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _Overrun()

    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def _disarm_alarm(previous) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def check_zip(data: bytes, lim: Limits | None = None) -> zipfile.ZipFile:
    """Open a ZIP (DOCX) from bytes after checking it is no bomb: member count, total size, ratio.

    Declared sizes are what zipfile will let a member inflate to, so checking them bounds the real work.
    Returns the open ZipFile so callers need not parse the central directory twice.
    """
    lim = lim or current()
    check_zip_entries(data, lim)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(f"corrupt or truncated ZIP container ({_one_line(exc)})") from None
    if len(members) > lim.max_zip_members:
        raise lim.exceeded("max_zip_members", f"{len(members)} members")
    total = sum(m.file_size for m in members)
    if total > lim.max_zip_uncompressed_bytes:
        raise lim.exceeded("max_zip_uncompressed_bytes", f"{total} bytes uncompressed")
    packed = max(1, sum(m.compress_size for m in members))
    ratio = total / packed
    if ratio > lim.max_zip_ratio:
        raise lim.exceeded("max_zip_ratio", f"compression ratio {ratio:.0f}")
    for m in members:  # one bomb member hidden among honest ones
        if m.file_size > MB and m.file_size / max(1, m.compress_size) > lim.max_zip_ratio:
            ratio = m.file_size / max(1, m.compress_size)
            raise lim.exceeded("max_zip_ratio", f"compression ratio {ratio:.0f} in {m.filename}")
    return archive


def check_zip_entries(data: bytes, lim: Limits | None = None) -> None:
    """max_zip_members from the end-of-central-directory record, before zipfile builds an object per entry
    (a million-entry directory would cost seconds and hundreds of megabytes)."""
    lim = lim or current()
    count = zip_entry_count(data)
    if count is not None and count > lim.max_zip_members:
        raise lim.exceeded("max_zip_members", f"{count} members")


def zip_entry_count(data: bytes) -> int | None:
    """The entry count a ZIP declares (ZIP64 included), or None when no end record is found."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + 22 > len(data):
        return None
    count = int.from_bytes(data[end + 10:end + 12], "little")
    if count != 0xFFFF:
        return count
    locator = end - 20  # ZIP64: the locator sits just before the end record and points at the ZIP64 record
    if locator < 0 or data[locator:locator + 4] != b"PK\x06\x07":
        return count
    record = int.from_bytes(data[locator + 8:locator + 16], "little")
    if data[record:record + 4] != b"PK\x06\x06" or record + 40 > len(data):
        return count
    return int.from_bytes(data[record + 32:record + 40], "little")


def longest_line(data: bytes) -> int:
    """Length in bytes of the longest line, without copying the data."""
    longest, start, n = 0, 0, len(data)
    while start < n:
        end = data.find(b"\n", start)
        if end < 0:
            end = n
        longest = max(longest, end - start)
        start = end + 1
    return longest


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
