"""PDF reader: layout pass on real Sri Lankan bills and on small PDFs written here, with both engines."""

from __future__ import annotations

import re
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from lawlint.model import ReadError
from lawlint.readers import pdf
from lawlint.readers.pdf_layout import join_hyphen

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpora" / "documents"
BILL = DOCS / "lk-personal-data-protection-bill-2022.pdf"
COVID = DOCS / "lk-covid19-temporary-provisions-act-2021.pdf"
sys.path.insert(0, str(ROOT / "examples"))

import tinypdf


@pytest.fixture(scope="module")
def bill():
    return pdf.read(BILL.read_bytes(), str(BILL))


@pytest.fixture(scope="module")
def covid():
    return pdf.read(COVID.read_bytes(), str(COVID))


def _find(doc, start: str):
    hits = [b for b in doc.blocks if b.text.startswith(start)]
    assert hits, f"no block starts with {start!r}"
    return hits[0]


def _line_pieces(block) -> list[str]:
    cuts = [0] + [off for off, _ in block.anchors] + [len(block.text)]
    return [block.text[a:b].strip() for a, b in pairwise(cuts)]


# --- the line-numbered bill ----------------------------------------------------------------------------


def test_no_running_header_or_page_number_in_any_block(bill):
    header = re.compile(
        r"(?:^|\s)\d{1,2} Personal Data Protection(?:\s|$)|Personal Data Protection \d{1,2}(?:\s|$)"
    )
    assert not [b.text for b in bill.blocks if header.search(b.text)]
    assert not [b.text for b in bill.blocks if re.fullmatch(r"\d{1,3}", b.text)]
    assert not [b.text for b in bill.blocks if b.text.strip() == "Personal Data Protection"]


def test_margin_line_numbers_are_not_in_the_text(bill):
    # The bill prints 5, 10, 15 ... beside ~300 lines; a leak would put them at line starts or ends.
    # A few genuine lines start or end with such a number; those must stay.
    leaks = 0
    for block in bill.blocks:
        for piece in _line_pieces(block):
            if re.match(r"^(?:5|10|15|20|25|30|35|40)\s", piece) or re.search(
                r"\s(?:5|10|15|20|25|30|35|40)$", piece
            ):
                leaks += 1
    assert leaks <= 5  # four genuine ones: "COLOMBO 5", "10 of this Act", "sections 13, 14, 15", "section 15"
    # spots where a printed line number sits beside the body line
    whereas = _find(bill, "AND WHEREAS it has become necessary to improve")
    assert (
        "necessary to improve interoperability among personal data protection frameworks as well"
        in whereas.text
    )
    sub19 = _find(bill, "the data subject may, appeal against such decision")
    assert sub19.text.startswith(
        "the data subject may, appeal against such decision in the form, manner and within"
    )


def test_line_numbers_on_the_page_follow_the_printed_numbering(bill):
    # page 2 numbers its lines from the first WHEREAS: "interoperability ..." is printed as line 5
    block = _find(bill, "AND WHEREAS it has become necessary to improve")
    assert block.location.page == 2 and block.location.page_line == 4
    assert [loc.page_line for _, loc in block.anchors][:1] == [5]
    lines = [block.location.page_line] + [loc.page_line for _, loc in block.anchors]
    assert lines == sorted(lines)


def test_line_counts_through_the_whole_document(bill):
    """Location.line numbers the body lines 1, 2, 3 ... across pages in reading order, so `path:line:col`
    names one line of the bill; the page and the line on it stay beside it."""
    body = [b for b in bill.blocks if b.kind != "margin-note"]
    locs = [loc for b in body for loc in [b.location, *(a for _, a in b.anchors)]]
    assert len({loc.page for loc in locs}) > 10
    assert [loc.line for loc in locs] == list(range(1, len(locs) + 1))
    pages = [loc.page for loc in locs]
    assert pages == sorted(pages)
    # the page's own count is not a key: lines above a page's printed numbering all count as its line 1
    assert len({(loc.page, loc.page_line) for loc in locs}) < len(locs)
    whereas = _find(bill, "AND WHEREAS it has become necessary to improve").location
    assert whereas.line > 30 and whereas.page_line == 4  # page 1's lines come first


def test_marginal_notes_become_headings_not_body_text(bill):
    short_title = _find(bill, "1. (1) This Act may be cited as the Personal Data")
    assert short_title.heading == "Short Title and date of operation"
    application = _find(bill, "2. (1) This Act shall apply to the processing of personal data")
    assert application.heading == "Application of this Act"
    retention = _find(bill, "9. Every controller shall ensure that personal data")
    assert retention.heading == "Obligation to limit the period of retention"
    body = " ".join(b.text for b in bill.blocks if b.kind != "margin-note")
    for note in (
        "Short Title and date of operation",
        "Obligation to limit the period",
        "Application of this Act",
    ):
        assert note not in body
    assert sum(1 for b in bill.blocks if b.heading) >= 40


def test_paragraphs_split_at_clause_numbers_and_keep_continuations(bill):
    para = _find(bill, "(b) where the processing of personal data is carried out")
    assert (
        para.text
        == "(b) where the processing of personal data is carried out by a controller or processor who–"
    )
    closing = _find(bill, "to the extent as is necessary in relation to the purpose")
    assert closing.text.endswith("for which such data shall be collected or processed.")
    assert _find(bill, "(c) proportionate,").text == "(c) proportionate,"


def test_compound_hyphens_are_kept(bill):
    text = " ".join(b.text for b in bill.blocks)
    assert "not earlier than twenty-four months" in text
    assert "non-compliances" in text
    assert "twentyfour" not in text and "\ufffe" not in text and "\x02" not in text


def test_pdfplumber_engine_gives_the_same_paragraphs(bill):
    other = pdf.read(BILL.read_bytes(), str(BILL), engine="pdfplumber")
    assert [(b.text, b.heading, b.location) for b in other.blocks] == [
        (b.text, b.heading, b.location) for b in bill.blocks
    ]


# --- the two-column Act (body + marginal notes) ---------------------------------------------------------


def test_covid_act_marginal_notes_and_order(covid):
    relief = _find(covid, "2. (1) Where any court, tribunal or any other authority")
    assert relief.heading == "Relief in respect of inability to comply with prescribed time periods"
    starts = [re.match(r"^(\d+)\. ", b.text).group(1) for b in covid.blocks if re.match(r"^\d+\. ", b.text)]
    assert starts == [str(i) for i in range(1, 10)]
    body = " ".join(b.text for b in covid.blocks)
    assert "Burden of proof" not in body  # a marginal note, kept as a heading
    assert _find(covid, "6. The burden of proof").heading == "Burden of proof"
    assert "Coronavirus Disease 2019 (COVID - 19) 1" not in body


def test_covid_sections_through_the_pipeline():
    from lawlint.pipeline import load_bill

    bill = load_bill(COVID)
    labels = [c.label for c in bill.walk() if c.kind == "section"]
    assert labels == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert [c.label for c in bill.clauses if c.kind != "preamble"] == [
        "1",
        "Part I",
        "Part II",
        "Part III",
        "Part IV",
    ]
    by_label = {c.label: c for c in bill.walk()}
    assert by_label["2(2)(a)(iv)"].text.startswith("the Court of Appeal (Procedure for Appeals")
    assert by_label["4(2)(c)"].text.startswith("any other Supreme Court Rule")


def test_bill_sections_through_the_pipeline():
    from lawlint.pipeline import load_bill

    bill = load_bill(BILL)

    def in_schedule(c):
        return any(a.kind == "schedule" for a in c.ancestors())

    labels = [c.label for c in bill.walk() if c.kind == "section" and not in_schedule(c)]
    assert labels == [str(i) for i in range(1, 49)]
    top = [c.label for c in bill.clauses if c.kind != "preamble"]
    parts = [f"Part {n}" for n in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    schedules = [f"Schedule {n}" for n in ("I", "II", "III", "IV", "V")]
    assert top == ["1", "2", "3", *parts, *schedules]
    by_label = {c.label: c for c in bill.walk()}
    assert by_label["9"].heading == "Obligation to limit the period of retention"
    assert by_label["2(1)(b)(iii)"].text.startswith("is subject to any written law of Sri Lanka")
    assert by_label["12(1)(h)"].text.startswith("facilitates exercise of rights of data subjects")


# --- small PDFs written for the test --------------------------------------------------------------------


def _page_lines(lines, x=100.0, top=760.0, leading=14.0, size=10.0):
    page = tinypdf.Page()
    y = top
    for item in lines:
        if item is None:
            y -= leading
            continue
        dx, text = item if isinstance(item, tuple) else (0.0, item)
        page.text(x + dx, y, text, size)
        y -= leading
    return page


def test_hyphenated_line_ends_join_by_the_documents_own_words():
    page = _page_lines(
        [
            "The Authority shall ensure the protection of personal data and shall consult",
            "the Attorney-General before it acts. Every controller shall give protec-",
            "tion to the data it holds and shall, where the Attorney-",
            "General so directs, report to the Authority on its co-operation with other",
            "bodies under this Act in any year.",
        ]
    )
    doc = pdf.read(tinypdf.write_pdf([page]), "hyphen.pdf")
    text = doc.blocks[0].text
    assert "shall give protection to the data" in text
    assert "where the Attorney-General so directs" in text
    assert "AttorneyGeneral" not in text and "protec-tion" not in text


def test_join_hyphen_rules():
    words, compounds = {"protection", "general", "cross", "border"}, {"cross-border"}
    assert join_hyphen("give protec-", "tion to", words, compounds)
    assert not join_hyphen("the Attorney-", "General so", words, compounds)
    assert not join_hyphen("cross-", "border flows", words, compounds)
    assert join_hyphen("the deci-", "sion", words, compounds)  # unknown fragments join


def test_two_columns_read_left_column_first():
    page = tinypdf.Page()
    left = [f"Left column line {i} with enough words to be body text." for i in range(1, 9)]
    right = [f"Right column line {i} with enough words to be body text." for i in range(1, 9)]
    for i, (a, b) in enumerate(zip(left, right)):
        page.text(50, 760 - 13 * i, a, 9)
        page.text(320, 760 - 13 * i, b, 9)
    doc = pdf.read(tinypdf.write_pdf([page]), "two-col.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert text.index("Left column line 8") < text.index("Right column line 1")
    assert "Left column line 1 with enough words to be body text. Right" not in text
    # the text flows on from the foot of the left column; lines are numbered down one column, then the other
    lines = [loc.line for b in doc.blocks for loc in [b.location] + [loc for _, loc in b.anchors]]
    assert lines == list(range(1, 17))


def test_running_header_page_numbers_and_line_numbers_dropped_on_written_pdf():
    pages = []
    for n in range(1, 4):
        page = tinypdf.Page()
        page.text(100, 800, "Sample Bill", 9)
        page.text(480, 800, str(n), 9)
        for i in range(12):
            y = 760 - 14 * i
            word = ["alpha", "bravo", "charlie"][n - 1] * (i % 3 + 1)
            page.text(100, y, f"{n}.{i} body words of the {word} sample bill that run on to fill a line", 10)
            if (i + 1) % 5 == 0:
                page.text(80, y, str(i + 1), 8)
        pages.append(page)
    doc = pdf.read(tinypdf.write_pdf(pages), "lines.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "Sample Bill" not in text
    assert not re.search(r"\bline (?:5|10) ", text) and " 5 " not in text and " 10 " not in text
    assert text.count("body words") == 36


def test_margin_note_with_no_paragraph_start_beside_it_is_its_own_block():
    pages = []
    for n in range(2):
        page = tinypdf.Page()
        for i in range(10):
            y = 760 - 14 * i - (20 if i >= 5 else 0)  # two paragraphs, a gap between them
            page.text(100, y, f"page {n + 1} body text of a long provision, line number {i + 1} of ten", 10)
        pages.append(page)
    pages[0].text(430, 760 - 14 * 7 - 20, "Note", 8)  # beside the middle of the second paragraph
    doc = pdf.read(tinypdf.write_pdf(pages), "note.pdf")
    # page 1's second paragraph runs on to page 2 (full last line, same indent); then page 2's second one
    assert [(b.kind, b.location.page) for b in doc.blocks] == [
        ("paragraph", 1),
        ("paragraph", 1),
        ("margin-note", 1),
        ("paragraph", 2),
    ]
    assert doc.blocks[1].anchors[-1][1].page == 2
    assert doc.blocks[2].text == "Note"
    assert all("Note" not in b.text for b in doc.blocks if b.kind != "margin-note")


# --- bad input ------------------------------------------------------------------------------------------


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler needs a user password (the check value is random)."""
    body = tinypdf.write_pdf([_page_lines(["secret"])])
    head, _, tail = body.rpartition(b"trailer\n<< ")
    enc = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    )
    return head + b"trailer\n<< " + enc + tail


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_pdf_is_a_one_line_read_error(engine):
    with pytest.raises(ReadError) as info:
        pdf.read(_encrypted_pdf(), "locked.pdf", engine=engine)
    assert str(info.value).startswith("encrypted PDF")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n garbage", b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj << /Type /Catalog"]
)
def test_corrupt_pdf_is_a_one_line_read_error(engine, data):
    with pytest.raises(ReadError) as info:
        pdf.read(data, "bad.pdf", engine=engine)
    assert "\n" not in str(info.value)


def test_unknown_engine_is_an_error():
    with pytest.raises(ReadError, match="unknown PDF engine"):
        pdf.read(b"%PDF-1.4", "x.pdf", engine="poppler")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pdf_without_text_says_it_needs_ocr(engine):
    with pytest.raises(ReadError, match="no text layer in 2 page"):
        pdf.read(tinypdf.write_pdf([tinypdf.Page(), tinypdf.Page()]), "scan.pdf", engine=engine)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_title_from_metadata_unless_it_is_a_file_name(engine):
    doc = pdf.read(
        tinypdf.write_pdf([_page_lines(["Some words"])], title="Cyber Bill"), "t.pdf", engine=engine
    )
    assert doc.title == "Cyber Bill"
    doc = pdf.read(
        tinypdf.write_pdf([_page_lines(["Some words"])], title="PL 0129 Bill.pmd"), "t.pdf", engine=engine
    )
    assert doc.title == ""


def test_real_bill_title_is_not_its_pagemaker_file_name(bill):
    assert bill.title == ""  # its metadata says "PL 012913 (E) Personal Data Bill Co.pmd"
