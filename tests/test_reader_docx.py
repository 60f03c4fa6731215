"""DOCX reader: Word numbering, tracked changes, text boxes, tables, footnotes, and the real Sri "
"Lankan Act."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from lawlint.model import ReadError
from lawlint.readers import docx as docx_reader
from lawlint.readers.docx_numbering import format_number

ROOT = Path(__file__).resolve().parents[1]
ACT = ROOT / "corpora" / "documents" / "lk-personal-data-protection-act-2022.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"'
)

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Section"/>\
<w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="PART %1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8226;"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="LegalList"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2"/>\
<w:isLgl/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlRestart w:val="0"/>\
<w:lvlText w:val="%3)"/>\
</w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="LegalList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">\
<w:startOverride w:val="22"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>\
<w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Section"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="SectionBody"><w:name w:val="Section Body"/>\
<w:basedOn w:val="Section"/></w:style>
</w:styles>"""


def p(text: str = "", num: tuple[str, int] | None = None, style: str = "", inner: str = "") -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}{inner}</w:p>"


def make_docx(body: str, footnotes: str | None = None, endnotes: str | None = None) -> bytes:
    rels = (
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    )
    types = (
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" '
        'ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override '
        'PartName="/word/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    )
    notes = {"footnotes": footnotes, "endnotes": endnotes}
    for n, (kind, xml) in enumerate(notes.items(), 3):
        if xml is None:
            continue
        rels += (
            f'<Relationship Id="rId{n}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'{kind}" Target="{kind}.xml"/>'
        )
        types += (
            f'<Override PartName="/word/{kind}.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.wordprocessingml.{kind}+xml"/>'
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/'
            f'xml"/>{types}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
            f'"http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f"<w:document {NS}><w:body>{body}</w:body></w:document>",
        )
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/styles.xml", STYLES)
        for kind, xml in notes.items():
            if xml is not None:
                z.writestr(
                    f"word/{kind}.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><w:{kind} xmlns:w="{W}">{xml}</w:{kind}>',
                )
    return buf.getvalue()


def read(body: str, **kw):
    return docx_reader.read(make_docx(body, **kw), "t.docx")


# --- numbering ------------------------------------------------------------------------------------------


def test_word_numbering_is_rendered_into_num_not_text():
    doc = read(
        "".join(
            [
                p("Short title", ("1", 0)),
                p("This Act may be cited as the Test Act.", ("1", 1)),
                p("It comes into operation on assent.", ("1", 1)),
                p("Offences", ("1", 0)),
                p("A person who—", ("1", 1)),
                p("does this; or", ("1", 2)),
                p("does that, namely—", ("1", 2)),
                p("in one way; or", ("1", 3)),
                p("in another,", ("1", 3)),
                p("commits an offence."),
                p("Penalty.", ("1", 1)),
            ]
        )
    )
    got = [(b.num, b.text, b.level) for b in doc.blocks]
    assert got == [
        ("1.", "Short title", 1),
        ("(1)", "This Act may be cited as the Test Act.", 2),
        ("(2)", "It comes into operation on assent.", 2),
        ("2.", "Offences", 1),
        ("(1)", "A person who—", 2),
        ("(a)", "does this; or", 3),
        ("(b)", "does that, namely—", 3),
        ("(i)", "in one way; or", 4),
        ("(ii)", "in another,", 4),
        ("", "commits an offence.", 0),
        ("(2)", "Penalty.", 2),
    ]


def test_start_override_style_numbering_formats_and_bullets():
    doc = read(
        "".join(
            [
                p("First", ("2", 0)),
                p("Sub A", ("2", 1)),
                p("Sub B", ("2", 1)),
                p("Second", ("2", 0)),
                p("Sub A again", ("2", 1)),
                p("Section from its style", style="Section"),
                p("Also from a style inherited through basedOn", style="SectionBody"),
                p("Continues the list at 22", ("3", 0)),
                p("Bullet point", ("4", 0)),
                p("Numbering switched off", ("0", 0), style="Section"),
            ]
        )
    )
    nums = [b.num for b in doc.blocks]
    assert nums == ["PART I", "A.", "B.", "PART II", "A.", "1.", "2.", "22.", "", ""]
    assert doc.blocks[8].kind == "list-item" and doc.blocks[8].level == 1
    assert doc.blocks[9].kind == "paragraph" and doc.blocks[9].level == 0


def test_list_style_links_legal_numbering_and_no_restart():
    doc = read(
        "".join(
            [
                p("One", ("5", 0)),
                p("sub", ("5", 1)),
                p("item", ("5", 2)),
                p("Two", ("6", 0)),  # the defining list shares the counters
                p("sub", ("6", 1)),
                p("item continues: lvlRestart 0", ("6", 2)),
            ]
        )
    )
    assert [b.num for b in doc.blocks] == ["Article 1", "1.1", "a)", "Article 2", "2.1", "b)"]


@pytest.mark.parametrize(
    ("n", "fmt", "out"),
    [
        (4, "lowerRoman", "iv"),
        (9, "upperRoman", "IX"),
        (1994, "upperRoman", "MCMXCIV"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (7, "decimalZero", "07"),
        (2, "ordinal", "2nd"),
        (5, "bullet", ""),
        (12, "decimal", "12"),
    ],
)
def test_number_formats(n, fmt, out):
    assert format_number(n, fmt) == out


# --- what a reader sees ---------------------------------------------------------------------------------


def test_tracked_changes_read_as_accepted():
    inner = (
        '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">with intent to cause harm '
        "</w:t></w:r></w:ins>"
        '<w:del w:id="2" w:author="a"><w:r><w:delText>knowingly or recklessly </w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>moved away </w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t xml:space="preserve">commits an '
        "offence.</w:t></w:r></w:moveTo>"
    )
    doc = read(p("A person who ", inner=inner))
    assert doc.blocks[0].text == "A person who with intent to cause harm commits an offence."


def test_manual_line_breaks_start_new_lines():
    doc = read(p("PART I", inner="<w:r><w:br/><w:t>PRELIMINARY</w:t><w:br/><w:br/></w:r>"))
    block = doc.blocks[0]
    assert block.text == "PART I PRELIMINARY"
    assert [(off, loc.line) for off, loc in block.anchors] == [(7, 1)]


def test_text_boxes_stay_out_of_the_body():
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>Short title</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Short title</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc = read(p("This Act may be cited as the Test Act.", ("1", 0), inner=box) + p("", inner=box))
    # beside a paragraph the box is its heading (as a marginal note in a PDF); alone, a margin-note Block
    assert [(b.kind, b.text, b.heading, b.location.line) for b in doc.blocks] == [
        ("paragraph", "This Act may be cited as the Test Act.", "Short title", 1),
        ("margin-note", "Short title", "", 2),
    ]


def test_headings_tables_footnotes_and_locations_in_document_order():
    table = (
        "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w='3000' w:type='dxa'/></w:tcPr>" + p("Offence") + "</w:tc>"
        "<w:tc><w:tcPr><w:tcW w:w='3000' w:type='dxa'/></w:tcPr>" + p("Penalty") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + p("Illegal access") + "</w:tc><w:tc>" + p("Two years") + "</w:tc></w:tr></w:tbl>"
    )
    ref = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    endref = '<w:r><w:endnoteReference w:id="2"/></w:r>'
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>See the Penal Code.</w:t></w:r></w:p></w:footnote>'
    )
    endnotes = '<w:endnote w:id="2"><w:p><w:r><w:t>Repealed in 2020.</w:t></w:r></w:p></w:endnote>'
    doc = read(
        p("The Test Bill", style="Title")
        + p("Part One", style="Heading1", inner=ref)
        + p("")
        + table
        + p("After the table.", inner=endref),
        footnotes=footnotes,
        endnotes=endnotes,
    )
    got = [(b.kind, b.text, b.location.line, b.level) for b in doc.blocks]
    assert got == [
        ("title", "The Test Bill", 1, 0),
        ("heading", "Part One", 2, 1),
        ("table-cell", "Offence", 4, 0),
        ("table-cell", "Penalty", 5, 0),
        ("table-cell", "Illegal access", 6, 0),
        ("table-cell", "Two years", 7, 0),
        ("paragraph", "After the table.", 8, 0),
        ("footnote", "See the Penal Code.", 2, 0),  # located at the paragraph that cites it
        ("footnote", "Repealed in 2020.", 8, 0),  # an endnote
    ]
    assert doc.title == "The Test Bill" and doc.format == "docx"


def test_layout_table_with_a_margin_note_cell():
    row = (
        "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w='5600' w:type='dxa'/></w:tcPr>"
        + p("4. Every controller shall process personal data in compliance with this Act.")
        + "</w:tc><w:tc><w:tcPr><w:tcW w:w='1700' w:type='dxa'/></w:tcPr>"
        + p("Compliance")
        + "</w:tc></w:tr></w:tbl>"
    )
    doc = read(row)
    assert [(b.kind, b.heading) for b in doc.blocks] == [("paragraph", "Compliance")]


# --- the real Act ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def act():
    return docx_reader.read(ACT.read_bytes(), str(ACT))


def test_real_act_margin_notes_headers_and_numbers(act):
    texts = [b.text for b in act.blocks]
    assert not [
        t
        for t in texts
        if re.search(r"Personal Data Protection Act, No\. 9 of 2022 \d+$|^\d+ Personal Data", t)
    ]
    assert not [t for t in texts if re.fullmatch(r"\d{1,3}", t)]
    whereas = next(b for b in act.blocks if b.text.startswith("WHEREAS it has become necessary"))
    assert whereas.heading == "Preamble"
    short = next(b for b in act.blocks if b.text.startswith("1. (1) This Act may be cited"))
    assert short.heading == "Short Title and date of operation"
    assert not any(t == "Preamble" or t.startswith("Short Title and date") for t in texts)
    # a clause number the converter left in its own paragraph is glued to its words
    assert any(t.startswith("(a) where the processing of personal data takes place") for t in texts)
    lines = [b.location.line for b in act.blocks if b.kind != "footnote"]
    assert lines == sorted(lines)


def test_real_act_sections_through_the_pipeline():
    from lawlint.pipeline import load_bill

    bill = load_bill(ACT)

    def in_schedule(c):
        return any(a.kind == "schedule" for a in c.ancestors())

    labels = [c.label for c in bill.walk() if c.kind == "section" and not in_schedule(c)]
    assert labels == [str(i) for i in range(1, 58)]
    parts = [f"Part {n}" for n in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")]
    top = [c.label for c in bill.clauses if c.kind not in ("preamble", "schedule")]
    assert top == ["1", "2", "3", *parts]
    by_label = {c.label: c for c in bill.walk()}
    assert by_label["2(1)(b)(iii)"].text.startswith("offers goods or services to data subjects")
    assert by_label["6(1)(c)"].text.startswith("legitimate")
    assert by_label["9"].heading == "Obligation to limit the period of retention"  # from a note cell


# --- bad input ------------------------------------------------------------------------------------------


def test_encrypted_word_file():
    with pytest.raises(ReadError, match="encrypted or password-protected Word file"):
        docx_reader.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "locked.docx")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken zip", b"not a zip", b"PK\x05\x06" + b"\0" * 18])
def test_corrupt_word_file(data):
    with pytest.raises(ReadError) as info:
        docx_reader.read(data, "bad.docx")
    assert "\n" not in str(info.value)


def test_zip_without_a_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError):
        docx_reader.read(buf.getvalue(), "empty.docx")


def test_malformed_document_xml():
    data = make_docx("<w:p><w:r><w:t>unclosed")
    with pytest.raises(ReadError):
        docx_reader.read(data.replace(b"</w:body></w:document>", b""), "bad.docx")


def test_short_numbered_items_that_differ_only_in_digits_are_not_taken_for_running_heads(tmp_path):
    """'(a) an offence under section 5;' recurring with other section numbers is a list, not a page header."""
    import docx as python_docx

    from lawlint.readers import docx as docx_reader

    document = python_docx.Document()
    document.add_paragraph("12. A person is liable where the person commits—")
    for n in (5, 6, 7, 8):
        document.add_paragraph(f"an offence under section {n};")
    document.add_paragraph("and the court may order forfeiture.")
    path = tmp_path / "bill.docx"
    document.save(path)
    texts = [b.text for b in docx_reader.read(path.read_bytes(), str(path)).blocks]
    assert [t for t in texts if t.startswith("an offence under section")] == [
        f"an offence under section {n};" for n in (5, 6, 7, 8)]
