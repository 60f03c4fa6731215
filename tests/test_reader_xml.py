"""Akoma Ntoso and USLM: the tree encoded in Blocks, notes and deleted text left out, hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint import limits
from lawlint.limits import Limits
from lawlint.model import ReadError
from lawlint.readers import xml as xml_reader

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpora" / "documents"
USLM = "http://schemas.gpo.gov/xml/uslm"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _read(text: str, fmt: str = "uslm"):
    return xml_reader.read(text.encode("utf-8"), "t.xml", fmt=fmt)


def _units(doc):
    return [(b.level, b.hint, b.num) for b in doc.blocks]


def test_akn_sample_tree_and_title():
    doc = xml_reader.read((DOCS / "us-PL-112-61-americas-cup-act-2011.akn.xml").read_bytes(), "a", fmt="akn")
    assert doc.title == "America's Cup Act of 2011"
    assert doc.format == "akn"
    sections = [b for b in doc.blocks if b.hint == "section"]
    assert [b.num for b in sections] == [
        "SECTION 1.", "SEC. 2.", "SEC. 3 .", "SEC. 4 .", "SEC. 5 .", "SEC. 6 ."]
    assert sections[1].heading == "DEFINITIONS"
    # the <list> intro is the section's own lead-in; its points nest below it
    assert sections[1].text == "In this Act:"
    i = doc.blocks.index(sections[1])
    assert _units(doc)[i + 1: i + 4] == [(2, "point", "(1)"), (3, "point", "(A)"), (3, "point", "(B)")]
    # the editorial page marker and the authorial notes are not law
    assert not any("125 STAT. 754" in b.text for b in doc.blocks)
    assert not any("America's Cup Act of 2011." in b.heading for b in doc.blocks)
    assert doc.blocks[0].hint == "preamble" and doc.blocks[0].text.startswith("Be it enacted")


def test_akn_line_anchors_point_at_source_lines():
    data = (DOCS / "us-PL-112-61-americas-cup-act-2011.akn.xml").read_bytes()
    lines = data.decode("utf-8").splitlines()
    doc = xml_reader.read(data, "a", fmt="akn")
    point_a = next(b for b in doc.blocks if b.num == "(A)")
    assert "<point" in lines[point_a.location.line - 1]
    for offset, loc in point_a.anchors:
        word = point_a.text[offset:].split()[0]
        assert word in lines[loc.line - 1]


def test_uslm_sample_skips_deleted_component():
    doc = xml_reader.read((DOCS / "us-BILLS-118s1325rs.uslm.xml").read_bytes(), "u", fmt="uslm")
    assert doc.title == "Western Hemisphere Partnership Act of 2023"
    sections = [b.num for b in doc.blocks if b.hint == "section"]
    # the reported text replaces the introduced one: sections 1-10 once, not the struck-out 1-7 first
    assert sections == ["SECTION 1."] + [f"SEC. {n}." for n in range(2, 11)]
    sub = next(b for b in doc.blocks if b.hint == "subsection" and b.heading == "Collaborative Efforts")
    assert sub.text.startswith("The Secretary of State") and sub.level == 2
    kinds = {b.hint for b in doc.blocks}
    assert {"section", "subsection", "paragraph", "subparagraph", "clause", "preamble"} <= kinds


def test_levels_are_contiguous_in_samples():
    samples = (("us-BILLS-118s1325rs.uslm.xml", "uslm"),
               ("us-PL-112-61-americas-cup-act-2011.akn.xml", "akn"))
    for name, fmt in samples:
        doc = xml_reader.read((DOCS / name).read_bytes(), name, fmt=fmt)
        previous = 0
        for b in doc.blocks:
            if b.hint in ("preamble",):
                assert b.level == 0
                continue
            if b.hint != "wrapup":
                assert 1 <= b.level <= previous + 1
            previous = b.level


CHAPEAU = f"""<?xml version="1.0"?>
<bill xmlns="{USLM}"><main>
<longTitle><officialTitle>To punish false news.</officialTitle></longTitle>
<section><num>SEC. 2.</num><heading>OFFENCES.—</heading>
<subsection><num>(a)</num><chapeau>A person who, without lawful excuse—</chapeau>
<paragraph><num>(1)</num><content>publishes false news; or</content></paragraph>
<paragraph><num>(2)</num><content>insults the <sidenote>note</sidenote>President,</content></paragraph>
<continuation>commits an offence.</continuation>
</subsection>
<subsection><num>(b)</num><content>Section 5 is amended by adding at the end:
<quotedContent><section><num>5A.</num><heading>Retention</heading>
<subsection><num>(1)</num><content>A provider shall retain data.</content></subsection></section>
</quotedContent>”.</content>
</subsection>
</section>
<del><section><num>SEC. 3.</num><content>struck out</content></section></del>
</main></bill>"""


def test_chapeau_continuation_and_quoted_structure():
    doc = _read(CHAPEAU)
    got = [(b.level, b.hint, b.num, b.heading, b.text, b.quoted) for b in doc.blocks]
    assert got == [
        (0, "preamble", "", "", "To punish false news.", False),
        (1, "section", "SEC. 2.", "OFFENCES", "", False),
        (2, "subsection", "(a)", "", "A person who, without lawful excuse—", False),
        (3, "paragraph", "(1)", "", "publishes false news; or", False),
        (3, "paragraph", "(2)", "", "insults the President,", False),
        (2, "wrapup", "", "", "commits an offence.", False),
        (2, "subsection", "(b)", "", "Section 5 is amended by adding at the end:", False),
        (3, "section", "5A.", "Retention", "", True),
        (4, "subsection", "(1)", "", "A provider shall retain data.", True),
    ]
    assert doc.title == "To punish false news"


def test_akn_wrapup_and_hcontainer_name():
    doc = _read(f"""<akomaNtoso xmlns="{AKN}"><act><body>
<hcontainer name="schedule"><heading>Schedule</heading><content><p>Table text</p></content></hcontainer>
<article eId="art_3"><num>Article 3</num>
<list><intro><p>Any person who</p></intro>
<point><num>(a)</num><content><p>does one thing, or</p></content></point>
<point><num>(b)</num><content><p>does another,</p></content></point>
<wrapUp><p>shall be punished.</p></wrapUp></list></article>
</body></act></akomaNtoso>""", fmt="akn")
    assert [(b.level, b.hint, b.num, b.text) for b in doc.blocks] == [
        (1, "schedule", "", "Table text"),
        (1, "article", "Article 3", "Any person who"),
        (2, "point", "(a)", "does one thing, or"),
        (2, "point", "(b)", "does another,"),
        (1, "wrapup", "", "shall be punished."),
    ]


def test_inline_markup_does_not_add_spaces():
    doc = _read(f'<bill xmlns="{USLM}"><main><section><num>1.</num><content>The term “<term>data</term>”'
                f' means <i>any</i>thing.</content></section></main></bill>')
    assert doc.blocks[0].text == "The term “data” means anything."


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<akomaNtoso><act><body><section><content><p>&lol3;</p></content></section></body></act></akomaNtoso>"""


def test_billion_laughs_refused():
    with pytest.raises(ReadError, match="declares entities"):
        _read(BILLION_LAUGHS, fmt="akn")


def test_xxe_refused_and_secret_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-MARKER-4711")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY x SYSTEM "file://{secret}">]>\n'
           f'<bill xmlns="{USLM}"><main><section><content>&x;</content></section></main></bill>')
    with pytest.raises(ReadError) as info:
        _read(xxe)
    assert "TOPSECRET" not in str(info.value)
    # UTF-16 does not hide the declaration
    with pytest.raises(ReadError, match="declares entities"):
        xml_reader.read(xxe.encode("utf-16"), "t.xml", fmt="uslm")


def test_external_dtd_is_not_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ELEMENT bill ANY>')
    doc = _read(f'<?xml version="1.0"?><!DOCTYPE bill SYSTEM "file://{dtd}">'
                f'<bill xmlns="{USLM}"><main><section><num>1.</num><content>ok</content></section>'
                '</main></bill>')
    assert doc.blocks[0].text == "ok"


def test_malformed_xml_is_one_line():
    with pytest.raises(ReadError, match="^malformed XML: ") as info:
        _read(f'<bill xmlns="{USLM}"><main><section>')
    assert "\n" not in str(info.value)


def test_depth_limit():
    deep = f'<bill xmlns="{USLM}"><main>' + "<level>" * 40 + "x" + "</level>" * 40 + "</main></bill>"
    with limits.guard(Limits(max_xml_depth=20)):
        with pytest.raises(ReadError, match=r"exceeds max-xml-depth \(20\)"):
            _read(deep)
    assert len(_read(deep).blocks) == 40


def test_parser_depth_limit_is_reported_as_limit():
    deep = "<bill>" + "<p>" * 5000 + "</p>" * 5000 + "</bill>"
    with pytest.raises(ReadError, match="max-xml-depth"):
        _read(deep)


ATTACHED = f"""<akomaNtoso xmlns="{AKN}"><act><meta/>
<body>
<part eId="part_1"><num>PART I</num><heading>Offences</heading>
<crossHeading>Offences against data</crossHeading>
<section eId="sec_1"><num>1.</num><heading>Unauthorised access</heading>
<subsection><num>(1)</num><content><blockList><listIntroduction>A person who—</listIntroduction>
<item><num>(a)</num><p>accesses a computer; or</p></item>
<item><num>(b)</num><p>modifies data,</p></item>
<listWrapUp>commits an offence.</listWrapUp></blockList></content></subsection>
</section></part>
</body>
<attachments><attachment><doc name="schedule"><meta/><preface><p><docTitle>First Schedule of Forms</docTitle></p>
</preface><mainBody><paragraph><num>1.</num><content><p>Forms.</p></content></paragraph></mainBody></doc></attachment>
<attachment><doc name="schedule"><meta/><mainBody><hcontainer name="schedule"><heading>Second Schedule</heading>
<paragraph><num>1.</num><content><p>Fees.</p></content></paragraph></hcontainer></mainBody></doc></attachment>
</attachments></act></akomaNtoso>"""


def test_akn_cross_headings_block_lists_and_schedules():
    doc = _read(ATTACHED, fmt="akn")
    assert [(b.level, b.hint, b.num, b.heading, b.text) for b in doc.blocks] == [
        (1, "part", "PART I", "Offences", ""),
        (2, "crossheading", "", "Offences against data", ""),
        (2, "section", "1.", "Unauthorised access", ""),
        (3, "subsection", "(1)", "", "A person who—"),
        (4, "item", "(a)", "", "accesses a computer; or"),
        (4, "item", "(b)", "", "modifies data,"),
        (3, "wrapup", "", "", "commits an offence."),
        (1, "schedule", "", "First Schedule of Forms", ""),
        (2, "paragraph", "1.", "", "Forms."),
        (1, "schedule", "", "Second Schedule", ""),
        (2, "paragraph", "1.", "", "Fees."),
    ]
    assert doc.title == ""  # a schedule's title is not the Act's


GPO_BILL = """<?xml version="1.0"?>
<bill bill-stage="Introduced-in-House"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dublinCore>
<dc:title>118 HR 1: Cyber Act</dc:title></dublinCore></metadata>
<form><official-title>To criminalize things.</official-title></form>
<legis-body><section><enum>1.</enum><header>Short title</header><text>This Act may be cited as the
<short-title>Cyber Safety Act</short-title>.</text></section>
<section><enum>2.</enum><header>Offences</header><subsection><enum>(a)</enum><header>In general</header>
<text>Whoever—</text><paragraph><enum>(1)</enum><text>publishes false news; or</text></paragraph>
<continuation-text>shall be fined.</continuation-text></subsection>
<subsection><enum>(b)</enum><text>Section 5 is amended to read:<quoted-block><section><enum>5.</enum>
<text>New text.</text></section></quoted-block>.</text></subsection></section></legis-body></bill>"""


def test_gpo_bill_dtd_spellings():
    """Older GPO bill XML (enum/header/text/quoted-block, no namespace) reads like USLM."""
    doc = _read(GPO_BILL)
    assert doc.title == "Cyber Safety Act"
    assert [(b.level, b.hint, b.num, b.heading, b.text, b.quoted) for b in doc.blocks] == [
        (1, "section", "1.", "Short title", "This Act may be cited as the Cyber Safety Act.", False),
        (1, "section", "2.", "Offences", "", False),
        (2, "subsection", "(a)", "In general", "Whoever—", False),
        (3, "paragraph", "(1)", "", "publishes false news; or", False),
        (2, "wrapup", "", "", "shall be fined.", False),
        (2, "subsection", "(b)", "", "Section 5 is amended to read:", False),
        (3, "section", "5.", "", "New text.", True),
    ]
