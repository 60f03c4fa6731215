"""Readers turn one file into a Document of Blocks. They know file formats, not law.

`read(path)` decides the format from the file's content (sniffed) and uses the suffix only where the
content is ambiguous (plain text vs Markdown). It enforces the resource limits (lawlint.limits) before and
while reading, and every failure is a one-line ReadError: no reader exception or traceback escapes, except
KeyboardInterrupt.

Each format module exposes `read(data: bytes, path: str, **options) -> Document` and is imported lazily,
so `lawlint --help` never pays for pypdfium2 or python-docx.
"""

from __future__ import annotations

import importlib
import re
import stat
from pathlib import Path

from lawlint import limits as _limits
from lawlint.limits import Limits
from lawlint.model import Document, ReadError

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf",
    ".xml": "xml", ".akn": "akn", ".html": "html", ".htm": "html",
}

# format -> (module, options passed to its read())
_READERS = {
    "txt": ("text", {"fmt": "txt"}),
    "md": ("text", {"fmt": "md"}),
    "pdf": ("pdf", {}),
    "docx": ("docx", {}),
    "akn": ("xml", {"fmt": "akn"}),
    "uslm": ("xml", {"fmt": "uslm"}),
    "html": ("html", {}),
}

_AKN_NS = b"http://docs.oasis-open.org/legaldocml/ns/akn/"
_USLM_NS = b"http://schemas.gpo.gov/xml/uslm"
_USLM_ROOTS = {"bill", "lawDoc", "uscDoc", "resolution", "amendment", "statutesAtLarge", "pLaw"}

# Magic numbers of formats people may pass by mistake, so the error can say what the file seems to be.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # BMP only if the rest is binary; see _binary_kind
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", None),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "an executable (Mach-O)"),
    (b"\xfe\xed\xfa", "an executable (Mach-O)"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", None),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document (save it as .docx)"),
    (b"%!PS", "a PostScript file (convert it to PDF)"),
    (b"\x00\x00\x01\x00", "an icon image"),
)
_WEAK_MAGIC = {b"BM": "a BMP image", b"MZ": "a Windows executable", b"BZh": "a bzip2 archive"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def supported_suffixes() -> tuple[str, ...]:
    """Suffixes a directory walk should pick up (content sniffing still decides the format)."""
    return tuple(SUFFIXES)


def read(path: str | Path, *, limits: Limits | None = None, pdf_engine: str = "pdfium") -> Document:
    """Read one file into a Document; raises ReadError (one line, no path prefix) when it cannot."""
    lim = limits or Limits()
    path = Path(path)
    data = _read_bytes(path, lim)
    return read_bytes(data, str(path), limits=lim, pdf_engine=pdf_engine)


def read_bytes(
    data: bytes, name: str, *, limits: Limits | None = None, pdf_engine: str = "pdfium"
) -> Document:
    """Read content already in memory (stdin, an upload); `name` gives the suffix hint and Document.path."""
    lim = limits or Limits()
    if len(data) > lim.max_file_bytes:
        raise lim.exceeded("max_file_bytes", f"{len(data)} bytes")
    with _limits.guard(lim):
        fmt = sniff(data, Path(name).suffix)
        if fmt in ("txt", "md"):
            _check_lines(data, lim)
        if fmt == "docx":
            _limits.check_zip(data, lim)
        if fmt == "pdf":
            _check_pdf_pages(data, lim)
        module_name, options = _READERS[fmt]
        if fmt == "pdf":
            options = {**options, "engine": pdf_engine}
        doc = _run_reader(module_name, fmt, data, name, options)
    _check_document(doc, lim)
    return doc


def _read_bytes(path: Path, lim: Limits) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory")
        if stat.S_ISREG(info.st_mode) and info.st_size > lim.max_file_bytes:
            raise lim.exceeded("max_file_bytes", f"file is {info.st_size} bytes")
        with path.open("rb") as handle:  # bounded read: pipes and devices have no size
            data = handle.read(lim.max_file_bytes + 1)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > lim.max_file_bytes:
        raise lim.exceeded("max_file_bytes", f"more than {lim.max_file_bytes} bytes")
    return data


def _check_lines(data: bytes, lim: Limits) -> None:
    """max_line_chars on raw text, counted in characters (a byte count overstates non-Latin scripts)."""
    if _limits.longest_line(data) <= lim.max_line_chars:
        return
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > lim.max_line_chars:
            chars = len(data[start:end].decode("utf-8", errors="replace"))
            if chars > lim.max_line_chars:
                raise lim.exceeded("max_line_chars", f"a line of {chars} characters")
        start = end + 1


def _check_pdf_pages(data: bytes, lim: Limits) -> None:
    """Count pages before extraction, whatever the engine: pdfium reads only the page tree for this."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - the reader reports unreadable and encrypted files in its own words
        return
    try:
        pages = len(doc)
    finally:
        doc.close()
    if pages > lim.max_pdf_pages:
        raise lim.exceeded("max_pdf_pages", f"{pages} pages")


def _run_reader(module_name: str, fmt: str, data: bytes, path: str, options: dict) -> Document:
    """Call one reader; anything it raises becomes a one-line ReadError (KeyboardInterrupt passes)."""
    try:
        module = importlib.import_module(f"lawlint.readers.{module_name}")
    except ImportError as exc:
        raise ReadError(f"no reader for {fmt} files is available ({_one_line(exc)})") from None
    try:
        doc = module.read(data, path, **options)
    except ReadError as exc:
        raise ReadError(_one_line(exc)) from None
    except MemoryError:
        raise ReadError(f"ran out of memory reading this {fmt} file") from None
    except RecursionError:
        raise ReadError(f"{fmt} file is nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - the contract: readers never leak exceptions
        raise ReadError(f"could not read {fmt} file: {type(exc).__name__}: {_one_line(exc)}") from None
    if not isinstance(doc, Document):
        raise ReadError(f"the {fmt} reader returned no document")
    return doc


def _check_document(doc: Document, lim: Limits) -> None:
    """Limits that only the reader's output can show."""
    if len(doc.blocks) > lim.max_clauses:
        raise lim.exceeded("max_clauses", f"{len(doc.blocks)} blocks of text")
    for block in doc.blocks:
        if len(block.text) > lim.max_line_chars:
            raise lim.exceeded("max_line_chars", f"a paragraph of {len(block.text)} characters")
        if block.location.page is not None and block.location.page > lim.max_pdf_pages:
            raise lim.exceeded("max_pdf_pages", f"text on page {block.location.page}")


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of the content: pdf | docx | akn | uslm | html | md | txt. Raises ReadError for
    empty files and for content lawlint cannot read, saying what the file seems to be."""
    suffix = suffix.lower()
    if not data:
        raise ReadError("empty file")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, suffix)
    if data.startswith(_OLE):
        raise ReadError(
            "encrypted or legacy Word file (OLE compound document): save it as an unencrypted .docx")
    text_head = _decode_head(data)
    if text_head is None:
        raise ReadError(f"unsupported binary file: seems to be {_binary_kind(data)}")
    markup = _sniff_markup(text_head, data, suffix)
    if markup:
        return markup
    return "md" if suffix in (".md", ".markdown") else "txt"


def _sniff_zip(data: bytes, suffix: str) -> str:
    import io
    import zipfile

    _limits.check_zip_entries(data)
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception as exc:  # noqa: BLE001 - any failure to list members means a broken container
        kind = "Word file (.docx)" if suffix == ".docx" else "ZIP archive"
        raise ReadError(f"corrupt or truncated {kind}: {_one_line(exc)}") from None
    if "word/document.xml" in names:
        return "docx"
    if "EncryptedPackage" in names:
        raise ReadError("encrypted Word file: remove the password and save it as .docx")
    if "content.xml" in names and "mimetype" in names:
        raise ReadError("unsupported file: seems to be an OpenDocument file (save it as .docx)")
    if "xl/workbook.xml" in names:
        raise ReadError("unsupported file: seems to be an Excel workbook")
    if "ppt/presentation.xml" in names:
        raise ReadError("unsupported file: seems to be a PowerPoint presentation")
    raise ReadError("unsupported file: seems to be a ZIP archive without a Word document in it")


def _decode_head(data: bytes) -> str | None:
    """The first 64 KB as text, or None when no text encoding fits (binary data)."""
    sample = data[:65536]
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return sample[len(bom):].decode(codec, errors="replace")
    utf16 = _bomless_utf16(sample)
    if utf16:
        return sample.decode(utf16, errors="replace")
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > 0.05 * len(sample) or (len(sample) >= 8 and sample.count(0) > 0.3 * len(sample)):
        return None
    try:
        return sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4 and len(data) > len(sample):
            return sample[: exc.start].decode("utf-8")  # a character cut by the sample boundary
    # Not UTF-8: a legacy single-byte encoding fits any byte string without control bytes.
    return sample.decode("cp1252", errors="replace")


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 11, 12, 13)] + [127]  # VT: Word line breaks


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for Latin script."""
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _binary_kind(data: bytes) -> str:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name or _WEAK_MAGIC[magic]
    return "binary data (no text encoding fits)"


_COMMENTS = re.compile(r"<!--.*?(-->|$)|<\?.*?(\?>|$)", re.S)
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _sniff_markup(text: str, data: bytes, suffix: str) -> str | None:
    """akn | uslm | html for XML/HTML content, None for plain text. Unknown XML is a ReadError."""
    for magic, name in _MAGIC:  # strong magics win even if the bytes decode (e.g. RTF, PostScript)
        if name and data.startswith(magic) and magic in (b"{\\rtf", b"%!PS"):
            raise ReadError(f"unsupported file: seems to be {name}")
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("<"):
        return None
    body = _COMMENTS.sub("", stripped[:8192]).lstrip()
    lowered = body[:1024].lower()
    if lowered.startswith("<!doctype html") or re.match(r"<html[\s>]", lowered):
        return "html"
    body = re.sub(r"^<!DOCTYPE[^>\[]*(\[.*?\]\s*)?>", "", body, flags=re.S | re.I).lstrip()
    root = _FIRST_TAG.match(body)
    if not root:
        return "html" if suffix in (".html", ".htm") else None
    name = root.group(2)
    head = data[:8192]
    if name == "akomaNtoso" or _AKN_NS in head:
        return "akn"
    if name in _USLM_ROOTS or _USLM_NS in head:
        return "uslm"
    if name.lower() == "html" or suffix in (".html", ".htm"):
        return "html"
    if stripped.startswith("<?xml") or suffix in (".xml", ".akn"):
        raise ReadError(
            f"unsupported XML vocabulary (root element <{name}>): lawlint reads Akoma Ntoso and USLM")
    return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
