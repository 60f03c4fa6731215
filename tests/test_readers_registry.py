"""The reader registry: content sniffing, dispatch, one-line errors, and limits enforced around readers."""

from __future__ import annotations

import io
import random
import sys
import time
import types
import zipfile
from pathlib import Path

import pytest

from lawlint import readers
from lawlint.limits import Limits, check_deadline
from lawlint.model import Block, Document, Location, ReadError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpora" / "documents"


def _docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body/></w:document>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def fake_reader(monkeypatch):
    """Install a fake reader module for one format and record what it was called with."""

    def install(module: str, behaviour):
        calls = []

        def read(data, path, **options):
            calls.append((data, path, options))
            return behaviour(data, path, **options)

        monkeypatch.setitem(sys.modules, f"lawlint.readers.{module}", types.SimpleNamespace(read=read))
        return calls

    return install


def _doc(path="x", fmt="txt", blocks=()):
    return Document(path=path, format=fmt, blocks=tuple(blocks))


# --- sniffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7\n...", ".pdf", "pdf"),
        (b"%PDF-1.4\n", ".docx", "pdf"),  # the suffix lies
        (b"\r\n\r\n  junk before %PDF-1.4\n", "", "pdf"),  # magic anywhere in the first KB
        (b"Section 1. Short title\n", ".txt", "txt"),
        (b"# Heading\n\ntext", ".md", "md"),
        (b"# Heading\n\ntext", ".markdown", "md"),
        (b"plain words", "", "txt"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt", "html"),
        (b"<html lang='en'><p>x</p></html>", "", "html"),
        (b"<p>fragment only</p>", ".htm", "html"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n'
         b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>', ".txt", "akn"),
        (b'<?xml version="1.0"?><bill xmlns="http://schemas.gpo.gov/xml/uslm"><main/></bill>', "", "uslm"),
        (b'<?xml version="1.0"?><uscDoc/>', ".xml", "uslm"),
        (b'<?xml version="1.0"?><x:lawDoc xmlns:x="http://schemas.gpo.gov/xml/uslm"/>', ".xml", "uslm"),
        ("Überschrift mit Umlauten".encode("cp1252"), ".txt", "txt"),  # legacy 8-bit text is still text
        ("text in UTF-16".encode("utf-16"), ".txt", "txt"),
        ("text in UTF-16 without a BOM".encode("utf-16-le"), ".txt", "txt"),
        (b"a few \x00 NUL bytes in an otherwise ordinary line of text", ".txt", "txt"),
    ],
)
def test_sniff_formats(data, suffix, expected):
    assert readers.sniff(data, suffix) == expected


def test_sniff_docx_by_content_even_named_txt():
    assert readers.sniff(_docx_bytes(), ".txt") == "docx"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "encrypted or legacy Word"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "executable"),
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "Windows executable"),
        (bytes(range(256)) * 40, "binary data"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b'<?xml version="1.0"?><catalog><item/></catalog>',
         "unsupported XML vocabulary (root element <catalog>)"),
    ],
)
def test_sniff_refuses_what_it_cannot_read(data, words):
    with pytest.raises(ReadError) as info:
        readers.sniff(data, ".txt")
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_sniff_random_bytes_are_binary():
    noise = random.Random(6).randbytes(1 << 16)
    with pytest.raises(ReadError, match="binary"):
        readers.sniff(noise, ".md")


def test_sniff_zip_without_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(ReadError, match="Excel"):
        readers.sniff(buf.getvalue(), ".docx")


def test_sniff_truncated_docx():
    with pytest.raises(ReadError, match="corrupt or truncated Word file"):
        readers.sniff(_docx_bytes()[:60], ".docx")


def test_supported_suffixes():
    assert set(readers.supported_suffixes()) == {
        ".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".xml", ".akn", ".html", ".htm"}


# --- dispatch and error wrapping --------------------------------------------------------------------


def test_dispatch_passes_format_options(tmp_path, fake_reader):
    text_calls = fake_reader("text", lambda d, p, fmt: _doc(p, fmt))
    pdf_calls = fake_reader("pdf", lambda d, p, engine: _doc(p, "pdf"))
    (tmp_path / "a.md").write_text("# x\n")
    (tmp_path / "b.docx").write_bytes(b"%PDF-1.4\n%%EOF\n")  # a PDF named .docx
    assert readers.read(tmp_path / "a.md").format == "md"
    assert text_calls[0][2] == {"fmt": "md"}
    assert readers.read(tmp_path / "b.docx", pdf_engine="pdfplumber").format == "pdf"
    assert pdf_calls[0][2] == {"engine": "pdfplumber"}


def test_unexpected_reader_exception_becomes_one_line(tmp_path, fake_reader):
    def boom(data, path, **options):
        raise ValueError("bad thing\nwith a second line")

    fake_reader("text", boom)
    (tmp_path / "a.txt").write_text("hello")
    with pytest.raises(ReadError) as info:
        readers.read(tmp_path / "a.txt")
    assert str(info.value) == "could not read txt file: ValueError: bad thing with a second line"


def test_keyboard_interrupt_passes_through(tmp_path, fake_reader):
    def interrupted(data, path, **options):
        raise KeyboardInterrupt

    fake_reader("text", interrupted)
    (tmp_path / "a.txt").write_text("hello")
    with pytest.raises(KeyboardInterrupt):
        readers.read(tmp_path / "a.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="cannot read file"):
        readers.read(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        readers.read(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "e.pdf").write_bytes(b"")
    with pytest.raises(ReadError, match="^empty file$"):
        readers.read(tmp_path / "e.pdf")


# --- limits enforced by read() ---------------------------------------------------------------------


def test_max_file_bytes_checked_before_reading(tmp_path, fake_reader):
    calls = fake_reader("text", lambda d, p, fmt: _doc(p, fmt))
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    with pytest.raises(ReadError, match=r"exceeds max-file-bytes \(1000\): file is 2048 bytes"):
        readers.read(tmp_path / "big.txt", limits=Limits(max_file_bytes=1000))
    assert calls == []


def test_max_line_chars_for_text(tmp_path, fake_reader):
    calls = fake_reader("text", lambda d, p, fmt: _doc(p, fmt))
    (tmp_path / "long.txt").write_bytes(b"short\n" + b"y" * 500 + b"\nshort\n")
    with pytest.raises(ReadError, match=r"exceeds max-line-chars \(100\): a line of 500 characters"):
        readers.read(tmp_path / "long.txt", limits=Limits(max_line_chars=100))
    assert calls == []


def test_max_clauses_and_long_blocks(tmp_path, fake_reader):
    blocks = [Block(text="t", location=Location(line=i)) for i in range(1, 21)]
    fake_reader("text", lambda d, p, fmt: _doc(p, fmt, blocks))
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ReadError, match=r"exceeds max-clauses \(10\): 20 blocks"):
        readers.read(tmp_path / "a.txt", limits=Limits(max_clauses=10))
    assert len(readers.read(tmp_path / "a.txt", limits=Limits(max_clauses=20)).blocks) == 20


def test_zip_bomb_refused_before_docx_reader(tmp_path, fake_reader):
    calls = fake_reader("docx", lambda d, p: _doc(p, "docx"))
    (tmp_path / "bomb.docx").write_bytes(_docx_bytes({"word/media/zeros.bin": b"\x00" * (5 << 20)}))
    with pytest.raises(ReadError, match=r"exceeds max-zip-ratio \(100\): compression ratio \d+"):
        readers.read(tmp_path / "bomb.docx")
    assert calls == []
    (tmp_path / "ok.docx").write_bytes(_docx_bytes())
    assert readers.read(tmp_path / "ok.docx").format == "docx"


def test_deadline_stops_a_cooperative_reader(tmp_path, fake_reader):
    def slow(data, path, fmt):
        while True:
            check_deadline()
            time.sleep(0.01)

    fake_reader("text", slow)
    (tmp_path / "a.txt").write_text("x")
    start = time.monotonic()
    with pytest.raises(ReadError, match=r"exceeds max-seconds-per-file \(0.2\)"):
        readers.read(tmp_path / "a.txt", limits=Limits(max_seconds_per_file=0.2))
    assert time.monotonic() - start < 3


def test_deadline_backstop_stops_a_reader_that_never_checks(tmp_path, fake_reader):
    def stubborn(data, path, fmt):
        while True:
            try:
                sum(range(1000))
            except Exception:  # noqa: BLE001 - a library swallowing errors must not defeat the deadline
                pass

    fake_reader("text", stubborn)
    (tmp_path / "a.txt").write_text("x")
    start = time.monotonic()
    with pytest.raises(ReadError, match="max-seconds-per-file"):
        readers.read(tmp_path / "a.txt", limits=Limits(max_seconds_per_file=0.2))
    assert time.monotonic() - start < 5


def test_real_xml_documents_are_sniffed_and_read():
    assert readers.read(DOCS / "us-BILLS-118s1325rs.uslm.xml").format == "uslm"
    assert readers.read(DOCS / "us-PL-112-61-americas-cup-act-2011.akn.xml").format == "akn"


def test_read_bytes_for_stdin(fake_reader):
    calls = fake_reader("text", lambda d, p, fmt: _doc(p, fmt))
    assert readers.read_bytes(b"1. Short title.\n", "<stdin>").path == "<stdin>"
    assert calls[0][2] == {"fmt": "txt"}
    with pytest.raises(ReadError, match=r"exceeds max-file-bytes \(4\)"):
        readers.read_bytes(b"12345", "<stdin>", limits=Limits(max_file_bytes=4))
    with pytest.raises(ReadError, match="empty file"):
        readers.read_bytes(b"", "<stdin>")


def test_pdf_page_count_checked_before_the_reader(tmp_path, fake_reader):
    pdf_calls = fake_reader("pdf", lambda d, p, engine: _doc(p, "pdf"))
    real = DOCS / "lk-covid19-temporary-provisions-act-2021.pdf"
    with pytest.raises(ReadError, match=r"exceeds max-pdf-pages \(2\): \d+ pages"):
        readers.read(real, limits=Limits(max_pdf_pages=2))
    assert pdf_calls == []


# --- properties: any bytes end in a Document or a one-line ReadError --------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<?xml version='1.0'?>",
             b"<akomaNtoso>", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"{\\rtf", b"<bill xmlns='x'>"]
_FORMATS = {"pdf", "docx", "akn", "uslm", "html", "md", "txt"}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(_PREFIXES), st.binary(max_size=2048), st.sampled_from(list(readers.SUFFIXES) + [""]))
def test_sniff_answers_a_format_or_a_read_error(prefix, body, suffix):
    try:
        fmt = readers.sniff(prefix + body, suffix)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert fmt in _FORMATS


_AKN = (DOCS / "us-PL-112-61-americas-cup-act-2011.akn.xml").read_bytes()
_HTML = (DOCS / "ca-cooperative-energy-act-C-41.5-eng.html").read_bytes()[:30000]


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([(".akn", _AKN), (".html", _HTML)]), st.data())
def test_damaged_markup_reads_or_fails_in_one_line(tmp_path, sample, data):
    suffix, original = sample
    cut = data.draw(st.integers(0, len(original)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), max_size=8))
    damaged = bytearray(original[:cut])
    for pos, value in flips:
        if pos < len(damaged):
            damaged[pos] = value
    target = tmp_path / f"damaged{suffix}"
    target.write_bytes(bytes(damaged))
    try:
        doc = readers.read(target)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert not str(exc).startswith("could not read"), f"a reader crashed: {exc}"
    else:
        assert doc.format in _FORMATS


def test_text_exported_from_word_is_still_text():
    """Word writes manual line breaks as VT (0x0B) in plain-text exports."""
    data = b"Section 1.\x0bShort title\x0b" * 50 + "Caf\u00e9".encode("cp1252")
    assert readers.sniff(data, ".txt") == "txt"


def test_max_line_chars_counts_characters_not_bytes(tmp_path, fake_reader):
    fake_reader("text", lambda d, p, fmt: _doc(p, fmt))
    (tmp_path / "cjk.txt").write_text("第" * 60 + "\n", encoding="utf-8")  # 60 characters, 180 bytes
    assert readers.read(tmp_path / "cjk.txt", limits=Limits(max_line_chars=100)).format == "txt"
    (tmp_path / "cjk2.txt").write_text("第" * 120, encoding="utf-8")
    with pytest.raises(ReadError, match=r"a line of 120 characters"):
        readers.read(tmp_path / "cjk2.txt", limits=Limits(max_line_chars=100))
