"""Regenerate the sample bill in every format from one source: `python examples/make_examples.py`.

The "Cyber Security and Online Harms Bill" is invented for lawlint's examples. It mixes provisions that
human-rights reviewers flag (a false-news offence, "grossly offensive" messages, criminal defamation,
executive take-down orders, compelled decryption, blanket data retention) with look-alikes that are sound
(illegal access "intentionally and without right", interception on a judge's warrant, a fraud offence,
child sexual abuse material) and administrative sections that must stay quiet.

Outputs (deterministic: the same bytes on every run):
  cyber-bill.txt       the source text, Commonwealth numbering 1., (1), (a), (i)
  cyber-bill.docx      real Word automatic numbering (numbering.xml), no typed numbers in the text
  cyber-bill.pdf       running header, page numbers, margin line numbers every 5 lines
  cyber-bill.akn.xml   Akoma Ntoso 3.0
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tinypdf

TITLE = "Cyber Security and Online Harms Bill"
LONG_TITLE = (
    "A Bill to provide for the security of computer systems, to establish the Cyber Security Authority, "
    "to create offences relating to computers and online communications, and for connected matters."
)
ENACTING = "BE IT ENACTED by the Parliament as follows:"


@dataclass
class Node:
    """A numbered unit: its number without brackets or dot, its own words, its children, closing words."""

    num: str
    text: str = ""
    children: list[Node] = field(default_factory=list)
    wrap: str = ""


@dataclass
class Section(Node):
    heading: str = ""
    part: str = ""  # a Part heading that opens before this section ("PART II|OFFENCES")


def S(num, heading, text="", children=(), wrap="", part=""):
    return Section(num=str(num), heading=heading, text=text, children=list(children), wrap=wrap, part=part)


def N(num, text="", children=(), wrap=""):
    return Node(num=str(num), text=text, children=list(children), wrap=wrap)


BILL: list[Section] = [
    S(
        1,
        "Short title and commencement",
        part="PART I|PRELIMINARY",
        children=[
            N(1, "This Act may be cited as the Cyber Security and Online Harms Act, 2026."),
            N(
                2,
                "This Act comes into operation on such date as the Minister may appoint by Order "
                "published in "
                "the Gazette.",
            ),
        ],
    ),
    S(
        2,
        "Interpretation",
        "In this Act, unless the context otherwise requires—",
        children=[
            N("a", "“Authority” means the Cyber Security Authority established by section 3;"),
            N(
                "b",
                "“computer system” means any device or group of interconnected devices which performs "
                "automatic processing of data;",
            ),
            N("c", "“content” means any data that can be communicated by means of a computer system;"),
            N("d", "“Minister” means the Minister assigned the subject of digital affairs;"),
            N(
                "e",
                "“service provider” means any person who provides to users the ability to communicate by "
                "means of a computer system, or who stores data on behalf of such users; and",
            ),
            N(
                "f",
                "“traffic data” means any data relating to a communication by means of a computer system "
                "indicating its origin, destination, route, time, date, size or duration.",
            ),
        ],
    ),
    S(
        3,
        "Establishment of the Cyber Security Authority",
        part="PART II|THE CYBER SECURITY AUTHORITY",
        children=[
            N(
                1,
                "There shall be established an authority called the Cyber Security Authority (in this Act "
                "referred to as “the Authority”).",
            ),
            N(
                2,
                "The Authority shall be a body corporate with perpetual succession and a common seal "
                "and may sue "
                "and be sued in its corporate name.",
            ),
            N(
                3,
                "The Authority shall consist of five members appointed by the Minister from among "
                "persons with "
                "experience in information technology, law or public administration.",
            ),
        ],
    ),
    S(
        4,
        "Illegal access",
        part="PART III|OFFENCES",
        children=[
            N(
                1,
                "A person who, intentionally and without right, accesses the whole or any part of a computer "
                "system commits an offence.",
            ),
            N(
                2,
                "A person who commits an offence under subsection (1) is liable on conviction to a fine not "
                "exceeding five hundred thousand rupees or to imprisonment for a term not exceeding "
                "two years, "
                "or to both.",
            ),
        ],
    ),
    S(
        5,
        "Illegal interception",
        "A person who, intentionally and without right, intercepts by technical means—",
        children=[
            N("a", "any non-public transmission of data to, from or within a computer system; or"),
            N("b", "any electromagnetic emission from a computer system carrying such data,"),
        ],
        wrap="commits an offence and is liable on conviction to imprisonment for a term not exceeding three "
        "years.",
    ),
    S(
        6,
        "False statements",
        children=[
            N(
                1,
                "A person who publishes or communicates false news or false information by means of "
                "a computer "
                "system commits an offence.",
            ),
            N(
                2,
                "A person who commits an offence under subsection (1) is liable on conviction to "
                "imprisonment "
                "for a term not exceeding five years or to a fine not exceeding one million rupees, "
                "or to both.",
            ),
        ],
    ),
    S(
        7,
        "Offensive messages",
        "A person who by means of a computer system sends a message that—",
        children=[
            N("a", "is grossly offensive or of an indecent, obscene or menacing character; or"),
            N(
                "b",
                "the person knows to be false, for the purpose of causing annoyance, inconvenience or "
                "needless anxiety to another,",
            ),
        ],
        wrap="commits an offence and is liable on conviction to imprisonment for a term not exceeding three "
        "years.",
    ),
    S(
        8,
        "Criminal defamation",
        children=[
            N(
                1,
                "A person who publishes by means of a computer system any statement that harms the "
                "reputation of "
                "another person commits the offence of criminal defamation.",
            ),
            N(
                2,
                "A person who commits an offence under subsection (1) is liable on conviction to "
                "imprisonment "
                "for a term not exceeding two years.",
            ),
        ],
    ),
    S(
        9,
        "Computer-related fraud",
        "A person who, by a false representation made by means of a computer "
        "system, and with intent to make a gain for himself or another or to cause loss to another—",
        children=[
            N("a", "inputs, alters, deletes or suppresses computer data; or"),
            N("b", "interferes with the functioning of a computer system,"),
        ],
        wrap="commits an offence and is liable on conviction to imprisonment for a term not exceeding five "
        "years.",
    ),
    S(
        10,
        "Child sexual abuse material",
        children=[
            N(
                1,
                "A person who intentionally produces, offers, distributes or possesses child sexual abuse "
                "material by means of a computer system commits an offence.",
            ),
            N(
                2,
                "It is a defence to a charge under subsection (1) that the person acted for a legitimate "
                "purpose of law enforcement or the administration of justice.",
            ),
        ],
    ),
    S(
        11,
        "Removal of content",
        part="PART IV|POWERS",
        children=[
            N(
                1,
                "The Minister may, where he considers it necessary, direct a service provider to remove any "
                "content within twenty-four hours.",
            ),
            N(
                2,
                "A service provider who fails to comply with a direction under subsection (1) commits an "
                "offence.",
            ),
        ],
    ),
    S(
        12,
        "Blocking orders",
        children=[
            N(
                1,
                "A Judge of the High Court may, on an application by the Authority, order a service "
                "provider to "
                "block access to specified content where the Judge is satisfied that—",
                children=[
                    N("a", "the content constitutes an offence under section 10; and"),
                    N("b", "blocking is necessary and proportionate to prevent the offence,"),
                ],
                wrap="and every such order shall specify the period, not exceeding thirty days, for which it "
                "has "
                "effect.",
            ),
            N(
                2,
                "A person affected by an order under subsection (1) may appeal against the order to "
                "the Court "
                "of Appeal.",
            ),
        ],
    ),
    S(
        13,
        "Interception on warrant",
        children=[
            N(
                1,
                "No person shall intercept a communication except under a warrant issued by a Judge "
                "of the High "
                "Court.",
            ),
            N(
                2,
                "A Judge shall not issue a warrant under subsection (1) unless satisfied that—",
                children=[
                    N(
                        "a",
                        "there are reasonable grounds to believe that a serious offence has been "
                        "committed; and",
                    ),
                    N("b", "the information sought cannot reasonably be obtained by less intrusive means."),
                ],
            ),
            N(
                3,
                "A warrant has effect for a period not exceeding thirty days, and the person whose "
                "communications were intercepted shall be notified within ninety days after the warrant "
                "expires, unless a Judge orders that notification be deferred—",
                children=[
                    N(
                        "a",
                        "to protect the life or safety of any person; or",
                        children=[
                            N("i", "where notification would endanger a witness; or"),
                            N("ii", "where notification would prejudice an ongoing investigation."),
                        ],
                    ),
                ],
            ),
        ],
    ),
    S(
        14,
        "Disclosure of decryption keys",
        "The Authority may require any person to disclose decryption keys "
        "or any other information necessary to render intelligible any data held in a computer system.",
    ),
    S(
        15,
        "Retention of traffic data",
        "Every service provider shall retain all traffic data relating to the "
        "communications of its users for a period of two years and shall make such data available to the "
        "Authority on request.",
    ),
    S(
        16,
        "Fund of the Authority",
        part="PART V|FINANCE AND REPORTS",
        children=[
            N(
                1,
                "The Authority shall have its own fund into which shall be paid all sums voted by "
                "Parliament for "
                "the use of the Authority.",
            ),
            N(
                2,
                "There shall be paid out of the fund all sums required to defray the expenditure "
                "incurred by the "
                "Authority in the exercise of its powers.",
            ),
        ],
    ),
    S(
        17,
        "Annual report",
        "The Authority shall, within six months after the end of each financial year, "
        "submit to the Minister a report of its activities during that year, and the Minister shall cause "
        "the report to be laid before Parliament.",
    ),
]

LEVEL_FMT = ["{}.", "({})", "({})", "({})"]


def _label(level: int, num: str) -> str:
    return LEVEL_FMT[level].format(num)


# ---------------------------------------------------------------------------------------------- text


def _lines_txt(node: Node, level: int, first_prefix: str = "") -> list[str]:
    """Commonwealth layout: the section number, then its first subsection on the same line."""
    out: list[str] = []
    label = _label(level, node.num)
    prefix = f"{first_prefix}{label} " if first_prefix else f"{label} "
    indent = "    " * max(level - 1, 0) if level >= 2 else ""
    if node.text:
        out.append(f"{indent}{prefix}{node.text}")
        prefix = ""
    for i, child in enumerate(node.children):
        carry = prefix.strip() + " " if (i == 0 and prefix) else ""
        out.extend(_lines_txt(child, level + 1, carry))
        prefix = ""
    if node.wrap:
        out.append(f"{indent}{node.wrap}")
    return out


def make_txt() -> str:
    out = [TITLE.upper(), "", LONG_TITLE, "", ENACTING, ""]
    for sec in BILL:
        if sec.part:
            num, heading = sec.part.split("|")
            out.extend([num, heading, ""])
        out.append(sec.heading)
        out.extend(_lines_txt(sec, 0))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------- Akoma Ntoso

_AKN_TAGS = ["section", "subsection", "paragraph", "subparagraph"]


def _akn_id(parts: list[str]) -> str:
    names = {"section": "sec", "subsection": "subsec", "paragraph": "para", "subparagraph": "subpara"}
    return "__".join(f"{names[t]}_{n}" for t, n in parts)


def _akn_node(node: Node, level: int, path: list[tuple[str, str]], sec_ordinal: dict[str, int]) -> list[str]:
    tag = _AKN_TAGS[level]
    if level == 1 and isinstance(node, Node) and path and path[0][0] == "section" and not node.num.isdigit():
        tag = "paragraph"  # a section's lettered list sits directly under it
    here = path + [(tag, node.num)]
    eid = _akn_id(here)
    out = [f'<{tag} eId="{eid}">', f"<num>{escape(_label(level, node.num))}</num>"]
    if isinstance(node, Section):
        out.append(f"<heading>{escape(node.heading)}</heading>")
    if node.children:
        if node.text:
            out.append(f"<intro><p>{escape(node.text)}</p></intro>")
        for child in node.children:
            clevel = level + 1
            if level == 0 and not child.num.isdigit():
                clevel = 2  # lettered paragraphs directly in a section
            out.extend(_akn_node(child, clevel, here, sec_ordinal))
        if node.wrap:
            out.append(f"<wrapUp><p>{escape(node.wrap)}</p></wrapUp>")
    else:
        out.append(f"<content><p>{escape(node.text)}</p></content>")
    out.append(f"</{tag}>")
    return out


def make_akn() -> str:
    body: list[str] = []
    open_part = False
    for sec in BILL:
        if sec.part:
            if open_part:
                body.append("</part>")
            num, heading = sec.part.split("|")
            roman = num.split()[1]
            body.append(
                f'<part eId="part_{roman}"><num>{escape(num)}</num><heading>{escape(heading)}</heading>'
            )
            open_part = True
        body.extend(_akn_node(sec, 0, [], {}))
    if open_part:
        body.append("</part>")
    inner = "\n".join(body)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act name="act">
<meta>
<identification source="#lawlint">
<FRBRWork><FRBRthis value="/akn/xx/act/2026/cyber-bill/main"/><FRBRuri value="/akn/xx/act/2026/cyber-bill"/>\
<FRBRdate date="2026-01-01" name="Generation"/><FRBRauthor href="#lawlint"/>\
<FRBRcountry value="xx"/></FRBRWork>
<FRBRExpression><FRBRthis value="/akn/xx/act/2026/cyber-bill/eng@/main"/>\
<FRBRuri value="/akn/xx/act/2026/cyber-bill/eng@"/>\
<FRBRdate date="2026-01-01" name="Generation"/><FRBRauthor href="#lawlint"/>\
<FRBRlanguage language="eng"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="/akn/xx/act/2026/cyber-bill/eng@/main.xml"/>\
<FRBRuri value="/akn/xx/act/2026/cyber-bill/eng@.akn"/>\
<FRBRdate date="2026-01-01" name="Generation"/><FRBRauthor href="#lawlint"/></FRBRManifestation>
</identification>
</meta>
<preface>
<longTitle><p>{escape(LONG_TITLE)}</p></longTitle>
<p class="title"><docTitle>{escape(TITLE)}</docTitle></p>
</preface>
<preamble><formula name="enactingFormula"><p>{escape(ENACTING)}</p></formula></preamble>
<body>
{inner}
</body>
</act>
</akomaNtoso>
"""


# ---------------------------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>\
<w:lvlJc w:val="left"/>\
<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/>\
<w:lvlJc w:val="left"/>\
<w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/>\
<w:lvlJc w:val="left"/>\
<w:pPr><w:ind w:left="1701" w:hanging="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/>\
<w:lvlJc w:val="left"/>\
<w:pPr><w:ind w:left="2268" w:hanging="567"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="PART %1"/>\
<w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>
"""


def _docx_items() -> list[tuple[str, str, int | None]]:
    """(style, text, ilvl) for each paragraph; ilvl None = not numbered."""
    items: list[tuple[str, str, int | None]] = [
        ("Title", TITLE, None),
        ("Normal", LONG_TITLE, None),
        ("Normal", ENACTING, None),
    ]

    def walk(node: Node, level: int) -> None:
        items.append(("Normal", node.text, level))
        for child in node.children:
            clevel = level + 1
            if level == 0 and not child.num.isdigit():
                clevel = 2
            walk(child, clevel)
        if node.wrap:
            items.append(("Normal", node.wrap, None))

    for sec in BILL:
        if sec.part:
            num, heading = sec.part.split("|")
            items.append(("Heading 1", num, None))
            items.append(("Heading 1", heading, None))
        items.append(("Heading 2", sec.heading, None))
        walk(sec, 0)
    return items


def make_docx(items: list[tuple[str, str, int | None]] | None = None) -> bytes:
    """A .docx whose clause numbers exist only in numbering.xml, as a drafter's Word file has them."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    core = document.core_properties
    core.title, core.author = TITLE, "lawlint examples"
    import datetime

    fixed = datetime.datetime(2026, 1, 1)
    core.created = core.modified = fixed
    core.last_modified_by = "lawlint examples"
    core.revision = 1
    # replace (or add) the numbering part with ours
    part = document.part
    try:
        numbering = part.numbering_part
        numbering._element = __import__("docx").oxml.parse_xml(_NUMBERING_XML.encode())
    except NotImplementedError:
        numbering = Part(
            PackURI("/word/numbering.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
            _NUMBERING_XML.encode(),
            part.package,
        )
        part.relate_to(numbering, RT.NUMBERING)
    for style, text, ilvl in items if items is not None else _docx_items():
        para = document.add_paragraph(text, style=style)
        if ilvl is not None:
            ppr = para._p.get_or_add_pPr()
            numpr = OxmlElement("w:numPr")
            lvl = OxmlElement("w:ilvl")
            lvl.set(qn("w:val"), str(ilvl))
            nid = OxmlElement("w:numId")
            nid.set(qn("w:val"), "1")
            numpr.append(lvl)
            numpr.append(nid)
            ppr.insert(0, numpr) if style == "Normal" else ppr.append(numpr)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Fixed timestamps and order inside the zip, so the same bill gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- PDF

PDF_SIZE = 10.5
PDF_LEADING = 15.0
PDF_LEFT = 110.0
PDF_RIGHT = 480.0
PDF_TOP = 760.0
PDF_BOTTOM = 90.0
INDENT = {0: 0.0, 1: 12.0, 2: 25.0, 3: 50.0}  # first-line indent of a unit at each level
HANG = {0: 0.0, 1: 0.0, 2: 45.0, 3: 70.0}  # where continuation lines start


def _pdf_paragraphs() -> list[tuple[str, str, float, float, bool]]:
    """(font, text, first-line x offset, continuation x offset, centred) in reading order."""
    paras: list[tuple[str, str, float, float, bool]] = [
        ("F2", TITLE.upper(), 0, 0, True),
        ("F1", LONG_TITLE, 0, 0, False),
        ("F1", ENACTING, 12, 0, False),
    ]

    def walk(node: Node, level: int, carry: str = "") -> None:
        label = _label(level, node.num)
        prefix = f"{carry}{label} "
        first, cont = INDENT[level], HANG[level]
        if carry:
            first = INDENT[1]
        if node.text:
            paras.append(("F1", prefix + node.text, first, cont, False))
            prefix = ""
        for i, child in enumerate(node.children):
            clevel = level + 1 if (level > 0 or child.num.isdigit()) else 2
            walk(child, clevel, prefix if i == 0 and prefix else "")
            prefix = ""
        if node.wrap:
            paras.append(
                ("F1", node.wrap, HANG[level] if level >= 2 else 0, HANG[level] if level >= 2 else 0, False)
            )

    for sec in BILL:
        if sec.part:
            num, heading = sec.part.split("|")
            paras.append(("F2", num, 0, 0, True))
            paras.append(("F2", heading, 0, 0, True))
        paras.append(("F2", sec.heading, 0, 0, False))
        walk(sec, 0)
    return paras


def make_pdf(paras: list | None = None) -> bytes:
    """The bill set in Helvetica: a running header with the page number, and line numbers every 5 lines."""
    paras = paras if paras is not None else _pdf_paragraphs()
    width = PDF_RIGHT - PDF_LEFT
    pages: list[tinypdf.Page] = []
    page = None
    y = 0.0
    count = 0

    def new_page() -> None:
        nonlocal page, y, count
        page = tinypdf.Page()
        pages.append(page)
        n = len(pages)
        header = TITLE
        page.text(PDF_LEFT, 800, header, 9)
        num = str(n)
        page.text(PDF_RIGHT - tinypdf.text_width(num, 9), 800, num, 9)
        y, count = PDF_TOP, 0

    new_page()
    for font, text, first, cont, centred in paras:
        lines = tinypdf.wrap(text, width - cont, PDF_SIZE, font, first_width=width - first)
        if y - PDF_LEADING * 0.5 < PDF_BOTTOM + PDF_LEADING * len(lines[:2]):
            new_page()
        elif page.items and count:
            y -= PDF_LEADING * 0.5  # a half-line gap between paragraphs
        for i, line in enumerate(lines):
            if y < PDF_BOTTOM:
                new_page()
            x = PDF_LEFT + (first if i == 0 else cont)
            if centred:
                x = PDF_LEFT + (width - tinypdf.text_width(line, PDF_SIZE, font)) / 2
            page.text(x, y, line, PDF_SIZE, font)
            count += 1
            if count % 5 == 0:
                label = str(count)
                page.text(PDF_LEFT - 18 - tinypdf.text_width(label, 8), y, label, 8)
            y -= PDF_LEADING
    return tinypdf.write_pdf(pages, TITLE)


# ---------------------------------------------------------------------------------------------- main


def generate(out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "txt": (out_dir / "cyber-bill.txt", make_txt().encode("utf-8")),
        "akn": (out_dir / "cyber-bill.akn.xml", make_akn().encode("utf-8")),
        "docx": (out_dir / "cyber-bill.docx", make_docx()),
        "pdf": (out_dir / "cyber-bill.pdf", make_pdf()),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {k: p for k, (p, _) in files.items()}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for fmt, path in generate(target).items():
        print(f"{fmt:5} {path}")
