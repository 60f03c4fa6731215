"""Build the hostile-input corpus: broken, malicious and odd files lawlint must survive.

    python tests/hostile/make_hostile.py OUTDIR

Nothing large is committed: the test suite builds the corpus into a temporary directory once per session.
Every case is (file name, expectation, builder). Expectations:
  "error"  lawlint must refuse the file: exit status 2 and one line naming it
  "read"   lawlint must read the file: exit status 0 or 1
  "any"    either is acceptable (a reader may recover part of a damaged file)
Whatever the expectation: no traceback, bounded time and memory, and the XXE secret never printed.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "corpora" / "documents"
REAL_PDF = DOCS / "lk-covid19-temporary-provisions-act-2021.pdf"
REAL_DOCX = DOCS / "lk-personal-data-protection-act-2022.docx"
REAL_HTML = DOCS / "ca-cooperative-energy-act-C-41.5-eng.html"
REAL_AKN = DOCS / "us-PL-112-61-americas-cup-act-2011.akn.xml"

SECRET_NAME = "xxe-secret.txt"
SECRET = "LAWLINT-XXE-SECRET-7f3a9c"  # must never appear in any output
USLM = "http://schemas.gpo.gov/xml/uslm"
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".xml", ".akn", ".html", ".htm")

Builder = Callable[[Path], bytes]


# --- PDF by hand ----------------------------------------------------------------------------------------


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    size = len(objects) + 1
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer_extra, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE_TEXT = b"BT /F1 11 Tf 72 700 Td (1. A person who publishes false news commits an offence.) Tj ET"


def many_pages(count: int) -> bytes:
    """`count` page objects sharing one content stream: a big page count from a small file."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        _FONT,
        _stream(_PAGE_TEXT),
    ]
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>")
    objects.extend([page] * count)
    return pdf_bytes(objects)


def circular_pdf(_: Path) -> bytes:
    """A page tree that contains itself and a form XObject that draws itself."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 7 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 5 0 R >>",
        _stream(b"q /X1 Do Q " + _PAGE_TEXT),
        b"<< /Font << /F1 6 0 R >> /XObject << /X1 8 0 R >> >>",
        _FONT,
        b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Next 7 0 R /Count 1 >>",
        _stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources 5 0 R "),
    ])


def encrypted_pdf(_: Path) -> bytes:
    """Standard security handler with a user password we do not know."""
    rng = random.Random(11)
    o_value = rng.randbytes(32).hex().encode()
    u_value = rng.randbytes(32).hex().encode()
    file_id = rng.randbytes(16).hex().encode()
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(b"\x8a\x13\xfe\x02 garbage that only decrypts with the key"),
            b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value + b"> /U <" + u_value + b"> /P -44 >>",
        ],
        trailer_extra=b"/Encrypt 5 0 R /ID [<" + file_id + b"> <" + file_id + b">] ",
    )


# --- DOCX by hand ---------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _base_docx() -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def docx_with_body(body: str | bytes, level: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The default python-docx package with word/document.xml replaced."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    document = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + _W.encode() + \
        b"><w:body>" + body + b"</w:body></w:document>"
    source = zipfile.ZipFile(io.BytesIO(_base_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as target:
        for item in source.infolist():
            data = document if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def zip_bomb_docx(_: Path) -> bytes:
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    return docx_with_body(paragraph * (2_000_000))  # ~68 MB of XML that deflates about 1000:1


def many_members_docx(_: Path) -> bytes:
    """20,000 empty members beside a real document: the directory alone is the attack."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.writestr("word/document.xml", f"<w:document {_W}><w:body/></w:document>")
        for i in range(20_000):
            target.writestr(zipfile.ZipInfo(f"word/media/{i}.bin"), b"")
    return out.getvalue()


def nested_tables_docx(_: Path) -> bytes:
    depth = 10_000
    body = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth + "<w:p/>"
    return docx_with_body(body)


def many_runs_docx(_: Path) -> bytes:
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">word{i} </w:t></w:r>" for i in range(10_000))
    last = "<w:p><w:r><w:t>1. A person who publishes false news.</w:t></w:r></w:p>"
    return docx_with_body(f"<w:p>{runs}</w:p>{last}")


def _docx_with_document(document: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_base_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def xxe_docx(out: Path) -> bytes:
    """A Word file whose document.xml tries to pull the secret in through an external entity."""
    return _docx_with_document(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{_secret_uri(out)}">]>\n'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>1. Leak: &leak;</w:t></w:r></w:p></w:body></w:document>"
        .encode())


def laughs_docx(_: Path) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return _docx_with_document(
        ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [' + "".join(entities) + "]>\n"
         f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>").encode())


def xref_loop_pdf(_: Path) -> bytes:
    """An xref section whose /Prev points back at itself: a naive parser never stops."""
    data = many_pages(1)
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)


# --- XML ------------------------------------------------------------------------------------------------


def billion_laughs(_: Path) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n' + "\n".join(entities) + "\n]>\n"
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
            "<section><num>1.</num><content><p>&lol9;</p></content></section>"
            "</body></act></akomaNtoso>").encode()


def _secret_uri(out: Path) -> str:
    return (out / SECRET_NAME).resolve().as_uri()


def xxe_system(out: Path) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY leak SYSTEM "{_secret_uri(out)}">]>\n'
            f'<bill xmlns="{USLM}"><main><section><num>1.</num><content>Leak: &leak;</content></section>'
            "</main></bill>").encode()


def xxe_parameter(out: Path) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY % p SYSTEM "{_secret_uri(out)}"> %p;]>\n'
            f'<bill xmlns="{USLM}"><main><section><num>1.</num><content>text</content></section>'
            "</main></bill>").encode()


def xxe_external_dtd(out: Path) -> bytes:
    (out / "xxe-secret.dtd").write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    uri = (out / "xxe-secret.dtd").resolve().as_uri()
    return (f'<?xml version="1.0"?>\n<!DOCTYPE bill SYSTEM "{uri}">\n'
            f'<bill xmlns="{USLM}"><main><section><num>1.</num><content>Leak: &leak;</content></section>'
            "</main></bill>").encode()


def xxe_html(out: Path) -> bytes:
    return (f'<!DOCTYPE html [<!ENTITY leak SYSTEM "{_secret_uri(out)}">]>\n'
            "<html><body><main><p>1. Leak: &leak;</p></main></body></html>").encode()


def deep_xml(_: Path) -> bytes:
    depth = 10_000
    return (f'<bill xmlns="{USLM}"><main>' + "<level><content>x" * depth + "</content></level>" * depth +
            "</main></bill>").encode()


def deep_html(_: Path) -> bytes:
    return ("<!DOCTYPE html><html><body><main>" + "<div>" * 10_000 + "<p>1. deep</p>" + "</div>" * 10_000 +
            "</main></body></html>").encode()


# --- text -----------------------------------------------------------------------------------------------


def long_line(_: Path) -> bytes:
    return b"1. " + b"word " * (2 * 1024 * 1024) + b"\n"  # 10 MB on one line


def nul_bytes(_: Path) -> bytes:
    return b"Section 1.\x00 A person who\x00 publishes false news\x00 commits an offence.\n" * 50


def all_nuls(_: Path) -> bytes:
    return b"\x00" * 4096


def mixed_encodings(_: Path) -> bytes:
    return ("1. Caf\u00e9 owners shall comply.\n".encode("utf-8")
            + "2. Stra\u00dfe \u201cquoted\u201d in Windows-1252.\n".encode("cp1252")
            + "3. Latin-1 \u00e0 la carte \u00bd.\n".encode("latin-1")
            + b"4. Broken UTF-8: \xc3\x28 \xe2\x82 \xf0\x9f\x92\n")


def utf16_fragment(_: Path) -> bytes:
    return "1. UTF-8 text, then UTF-16: ".encode("utf-8") + "mixed".encode("utf-16-le") + b"\n"


def rtl_combining(_: Path) -> bytes:
    zalgo = "o" + "".join(chr(0x300 + (i % 0x6F)) for i in range(500))
    text = (
        "\u0627\u0644\u0645\u0627\u062f\u0629 1. \u0643\u0644 \u0634\u062e\u0635 "
        "\u064a\u0646\u0634\u0631 \u0623\u062e\u0628\u0627\u0631\u0627 "
        "\u0643\u0627\u0630\u0628\u0629 \u064a\u0639\u0627\u0642\u0628.\n"
        "\u05e1\u05e2\u05d9\u05e3 2. \u05d7\u05d5\u05e7 \u05d4\u05d2\u05e0\u05ea "
        "\u05d4\u05e4\u05e8\u05d8\u05d9\u05d5\u05ea.\n"
        "3. Override \u202eevif\u202c and isolate \u2067\u05d0\u2069 and marks \u200f\u200e\u200d\u2060.\n"
        f"4. Combining: {zalgo} and e\u0301 and \ufb01 ligature and \ufeff mid-text BOM.\n"
        "5. Surrogate-free astral: \U0001d54f \U0001f600 \U000e0001.\n"
    )
    return text.encode("utf-8")


# --- every stage under load (issue 13): repetition, nesting, size, findings everywhere ------------------

SENTENCE = ("Any person who publishes false news or information that is likely to cause fear or alarm to the "
            "public commits an offence. ")


def repeat_one_paragraph(_: Path) -> bytes:
    """One sentence 6,000 times in one paragraph on one line (740 KB): once quadratic in the engine."""
    return ("1. " + SENTENCE * 6000 + "\n").encode()


def repeat_lines(_: Path) -> bytes:
    """The same sentence on 6,000 lines with no blank line between them."""
    return ("1. Offences\n" + (SENTENCE.strip() + "\n") * 6000).encode()


def repeat_html(_: Path) -> bytes:
    return ("<!DOCTYPE html><html><body><h1>Repetition Act</h1><h2>1. Offences</h2>"
            + f"<p>{SENTENCE}</p>" * 6000 + "</body></html>").encode()


def nested_lists_md(_: Path) -> bytes:
    """A Markdown list 1,000 levels deep, each item a clause."""
    return "".join("  " * i + f"- ({i}) A person who publishes false news commits an offence.\n"
                   for i in range(1000)).encode()


def nested_numbering_txt(_: Path) -> bytes:
    """Numbering styles nested as deep as a bill goes and then on: 1. (1) (a) (i) (A) (I) (aa) ... 400 levels."""
    styles = ["{n}.", "({n})", "({a})", "({r})", "({A})", "({R})", "({a}{a})"]
    roman = ["i", "ii", "iii", "iv", "v"]
    lines = []
    for depth in range(400):
        style = styles[depth % len(styles)]
        label = style.format(n=1 + depth // len(styles), a="abcde"[depth % 5], r=roman[depth % 5],
                             A="ABCDE"[depth % 5], R=roman[depth % 5].upper())
        lines.append("    " * min(depth, 50) + f"{label} where a person publishes false news, —")
    return ("\n".join(lines) + "\ncommits an offence.\n").encode()


def nested_lists_html(_: Path) -> bytes:
    """Ordered lists nested 100 deep (200 elements, under max_xml_depth)."""
    return ("<!DOCTYPE html><html><body>" + "<ol><li>A person who publishes false news, " * 100
            + "commits an offence." + "</li></ol>" * 100 + "</body></html>").encode()


def clauses_10000(_: Path) -> bytes:
    """A bill of 10,000 clauses: 1,000 sections of nine subsections, one line each. (Section numbers stop at
    1,000 because the segmenter reads a number from 1900 on at the start of a line as a year.)"""
    parts = ["CYBER SECURITY (CONSOLIDATION) BILL\n\n"]
    for n in range(1, 1001):
        parts.append(f"{n}. Register {n}\n")
        parts += [f"({k}) The Authority shall keep register {n}.{k} of licensed providers.\n" for k in range(1, 10)]
    return "".join(parts).encode()


def sections_10000_xml(_: Path) -> bytes:
    body = "".join(f"<section><num>{n}.</num><heading>Duty {n}</heading><content>The Authority shall keep "
                   f"register {n} of licensed providers.</content></section>" for n in range(1, 10_001))
    return f'<bill xmlns="{USLM}"><main>{body}</main></bill>'.encode()


def every_line_matches(_: Path) -> bytes:
    """1,500 sections, every one an offence of publishing false news punished with prison: findings on every
    line, so the reports carry thousands of findings."""
    return "".join(f"{n}. Any person who publishes false news commits an offence and is liable to "
                   f"imprisonment for five years.\n" for n in range(1, 1501)).encode()


# Cases that exercise segmenting, linting and reporting, not only reading (tests/test_hostile.py lints them).
STAGE_CASES = (
    "repeat-one-paragraph.txt", "repeat-lines.txt", "repeat.html", "nested-lists.md", "nested-numbering.txt",
    "nested-lists.html", "clauses-10000.txt", "sections-10000.xml", "every-line-matches.txt",
)


def random_bytes(seed: int) -> Builder:
    return lambda _: random.Random(seed).randbytes(64 * 1024)


def truncated(path: Path, fraction: float | None = None, size: int | None = None) -> Builder:
    def build(_: Path) -> bytes:
        data = path.read_bytes()
        return data[: size if size is not None else int(len(data) * fraction)]

    return build


def copy_of(path: Path) -> Builder:
    return lambda _: path.read_bytes()


def png(_: Path) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(2048)


def ole(_: Path) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


def _cases() -> list[tuple[str, str, Builder]]:
    cases: list[tuple[str, str, Builder]] = []
    for suffix in SUFFIXES:
        cases.append((f"empty{suffix}", "error", lambda _: b""))
    for seed, suffix in enumerate(SUFFIXES):
        cases.append((f"random{suffix}", "error", random_bytes(seed)))
    cases += [
        ("truncated-half.pdf", "any", truncated(REAL_PDF, 0.5)),
        ("truncated-1k.pdf", "any", truncated(REAL_PDF, size=1024)),
        ("truncated-half.docx", "error", truncated(REAL_DOCX, 0.5)),
        ("truncated-2k.docx", "error", truncated(REAL_DOCX, size=2048)),
        ("truncated-half.akn.xml", "error", truncated(REAL_AKN, 0.5)),
        ("truncated-half.html", "any", truncated(REAL_HTML, 0.5)),
        ("circular.pdf", "any", circular_pdf),
        ("encrypted.pdf", "error", encrypted_pdf),
        ("pages-2000.pdf", "read", lambda _: many_pages(2000)),
        ("pages-6000.pdf", "error", lambda _: many_pages(6000)),
        ("zip-bomb.docx", "error", zip_bomb_docx),
        ("nested-tables.docx", "any", nested_tables_docx),
        ("many-members.docx", "error", many_members_docx),
        ("many-runs.docx", "read", many_runs_docx),
        ("xxe.docx", "any", xxe_docx),
        ("billion-laughs.docx", "any", laughs_docx),
        ("xref-loop.pdf", "any", xref_loop_pdf),
        ("billion-laughs.akn", "error", billion_laughs),
        ("xxe-system.xml", "error", xxe_system),
        ("xxe-parameter.xml", "error", xxe_parameter),
        ("xxe-external-dtd.xml", "any", xxe_external_dtd),
        ("xxe.html", "any", xxe_html),
        ("deep.xml", "error", deep_xml),
        ("deep.html", "any", deep_html),
        ("long-line.txt", "error", long_line),
        ("nul-bytes.txt", "any", nul_bytes),
        ("utf16-fragment.txt", "any", utf16_fragment),
        ("all-nuls.txt", "error", all_nuls),
        ("mixed-encodings.txt", "read", mixed_encodings),
        ("rtl-combining.md", "read", rtl_combining),
        ("pdf-named.docx", "read", copy_of(REAL_PDF)),
        ("docx-named.txt", "read", copy_of(REAL_DOCX)),
        ("akn-named.txt", "read", copy_of(REAL_AKN)),
        ("html-named.pdf", "read", copy_of(REAL_HTML)),
        ("png-named.pdf", "error", png),
        ("ole-named.docx", "error", ole),
        ("repeat-one-paragraph.txt", "read", repeat_one_paragraph),
        ("repeat-lines.txt", "read", repeat_lines),
        ("repeat.html", "read", repeat_html),
        ("nested-lists.md", "read", nested_lists_md),
        ("nested-numbering.txt", "read", nested_numbering_txt),
        ("nested-lists.html", "read", nested_lists_html),
        ("clauses-10000.txt", "read", clauses_10000),
        ("sections-10000.xml", "read", sections_10000_xml),
        ("every-line-matches.txt", "read", every_line_matches),
    ]
    return cases


CASES = {name: expectation for name, expectation, _ in _cases()}


def build(out: Path) -> dict[str, str]:
    """Write every case (and the XXE secret) into `out`; returns {file name: expectation}."""
    out.mkdir(parents=True, exist_ok=True)
    (out / SECRET_NAME).write_text(SECRET, encoding="utf-8")
    for name, _, builder in _cases():
        (out / name).write_bytes(builder(out))
    return dict(CASES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_hostile.py OUTDIR")
    for name, expectation in build(Path(sys.argv[1])).items():
        print(f"{expectation:6} {name}")
