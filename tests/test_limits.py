"""Limits: config parsing, messages that name the limit, zip-bomb checks and the per-file deadline."""

from __future__ import annotations

import io
import signal
import time
import zipfile

import pytest

from lawlint import limits
from lawlint.limits import Limits
from lawlint.model import LawlintError, ReadError


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_defaults():
    lim = Limits()
    assert lim.max_file_bytes == 100 * 1024 * 1024
    assert lim.max_pdf_pages == 5000
    assert lim.max_zip_uncompressed_bytes == 500 * 1024 * 1024
    assert lim.max_zip_ratio == 100
    assert lim.max_zip_members == 10_000
    assert lim.max_xml_depth == 256
    assert lim.max_seconds_per_file == 60
    assert lim.max_clauses == 100_000
    assert lim.max_line_chars == 1_000_000


def test_from_mapping_accepts_both_spellings_and_keeps_defaults():
    lim = Limits.from_mapping({"max-pdf-pages": 10, "max_seconds_per_file": 2.5, "max_clauses": None})
    assert (lim.max_pdf_pages, lim.max_seconds_per_file, lim.max_clauses) == (10, 2.5, 100_000)
    assert Limits.from_mapping(None) == Limits() == Limits.from_mapping({})


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ({"max_pages": 3}, "unknown limit 'max_pages'"),
        ({"max_pdf_pages": "many"}, "must be a number"),
        ({"max_pdf_pages": True}, "must be a number"),
        ({"max_pdf_pages": 2.5}, "whole number"),
        ({"max_zip_ratio": 0}, "positive"),
        ({"max_seconds_per_file": -1}, "positive"),
        ({"max_seconds_per_file": float("inf")}, "positive"),
    ],
)
def test_from_mapping_rejects_bad_settings(mapping, words):
    with pytest.raises(LawlintError, match=words):
        Limits.from_mapping(mapping)


def test_limits_are_frozen():
    with pytest.raises(AttributeError):
        Limits().max_pdf_pages = 1  # type: ignore[misc]


def test_exceeded_message_names_limit_and_value():
    assert str(Limits().exceeded("max_zip_ratio", "compression ratio 1024")) == \
        "exceeds max-zip-ratio (100): compression ratio 1024"
    assert str(Limits(max_seconds_per_file=0.5).exceeded("max_seconds_per_file", "x")) == \
        "exceeds max-seconds-per-file (0.5): x"


def test_check_zip_accepts_an_ordinary_docx_like_archive():
    archive = limits.check_zip(_zip({"word/document.xml": b"<w:document/>" * 50, "a.xml": b"x"}))
    assert "word/document.xml" in archive.namelist()


def test_check_zip_ratio_overall_and_per_member():
    bomb = _zip({"word/document.xml": b"\x00" * (20 << 20)})
    with pytest.raises(ReadError, match=r"^exceeds max-zip-ratio \(100\): compression ratio \d+$"):
        limits.check_zip(bomb)
    # one bomb member hidden among incompressible ones keeps the overall ratio low
    import random

    noise = random.Random(1).randbytes(3 << 20)
    hidden = _zip({"noise.bin": noise, "word/media/z.bin": b"\x00" * (30 << 20)})
    with pytest.raises(ReadError, match=r"compression ratio \d+ in word/media/z.bin"):
        limits.check_zip(hidden, Limits(max_zip_ratio=100))


def test_check_zip_members_and_total_size():
    many = _zip({f"m{i}.xml": b"x" for i in range(30)}, zipfile.ZIP_STORED)
    with pytest.raises(ReadError, match=r"exceeds max-zip-members \(20\): 30 members"):
        limits.check_zip(many, Limits(max_zip_members=20))
    big = _zip({"a.bin": b"y" * 5000}, zipfile.ZIP_STORED)
    with pytest.raises(ReadError, match=r"exceeds max-zip-uncompressed-bytes \(1000\): 5000 bytes"):
        limits.check_zip(big, Limits(max_zip_uncompressed_bytes=1000))


def test_check_zip_corrupt():
    with pytest.raises(ReadError, match="corrupt or truncated ZIP"):
        limits.check_zip(_zip({"a": b"b"})[:30])


def test_longest_line():
    assert limits.longest_line(b"") == 0
    assert limits.longest_line(b"ab\nabcd\n\nx") == 4
    assert limits.longest_line(b"z" * 10) == 10


def test_current_outside_and_inside_guard():
    assert limits.current() == Limits()
    limits.check_deadline()  # no guard: never raises
    with limits.guard(Limits(max_pdf_pages=7)) as lim:
        assert limits.current() is lim
    assert limits.current() == Limits()


def test_deadline_raises_after_the_limit():
    with pytest.raises(ReadError, match=r"exceeds max-seconds-per-file \(0.05\)"):
        with limits.guard(Limits(max_seconds_per_file=0.05)):
            limits.check_deadline()
            time.sleep(0.1)
            limits.check_deadline()


def test_guard_restores_the_alarm_handler():
    before = signal.getsignal(signal.SIGALRM)
    with limits.guard(Limits(max_seconds_per_file=30)):
        assert signal.getsignal(signal.SIGALRM) is not before
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_guard_leaves_someone_elses_alarm_alone():
    def mine(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, mine)
    try:
        with limits.guard(Limits(max_seconds_per_file=30)):
            assert signal.getsignal(signal.SIGALRM) is mine
            assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    finally:
        signal.signal(signal.SIGALRM, old)


def test_backstop_interrupts_code_that_swallows_exceptions():
    start = time.monotonic()
    with pytest.raises(ReadError, match="max-seconds-per-file"):
        with limits.guard(Limits(max_seconds_per_file=0.1)):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # noqa: BLE001 - what a careless library might do
                    pass
    assert time.monotonic() - start < 3


def test_zip_entry_count_read_from_the_end_record():
    plain = _zip({f"m{i}": b"" for i in range(7)}, zipfile.ZIP_STORED)
    assert limits.zip_entry_count(plain) == 7
    assert limits.zip_entry_count(b"not a zip") is None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", allowZip64=True) as z:
        for i in range(70_000):  # over 0xFFFF entries: only the ZIP64 record has the true count
            z.writestr(zipfile.ZipInfo(f"{i}"), b"")
    assert limits.zip_entry_count(buf.getvalue()) == 70_000
    with pytest.raises(ReadError, match=r"exceeds max-zip-members \(10000\): 70000 members"):
        limits.check_zip_entries(buf.getvalue(), Limits())
