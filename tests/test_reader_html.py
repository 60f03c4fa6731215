"""HTML legislation pages: the law's text without the website, marginal notes as headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.model import ReadError
from lawlint.readers import html as html_reader

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "documents" / "ca-cooperative-energy-act-C-41.5-eng.html"


def _read(markup: str | bytes):
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    return html_reader.read(data, "page.html")


@pytest.fixture(scope="module")
def sample():
    return html_reader.read(SAMPLE.read_bytes(), str(SAMPLE))


def test_sample_title_and_no_site_chrome(sample):
    assert sample.title == "Cooperative Energy Act"
    text = "\n".join(b.text for b in sample.blocks)
    for chrome in ("Skip to main content", "Date modified", "Marginal note:", "Return to footnote",
                   "archived on the Web", "Terms and conditions"):
        assert chrome not in text
    assert sample.blocks[0].text.startswith("Version of document") or sample.blocks[0].kind == "title"


def test_sample_marginal_notes_become_headings(sample):
    by_start = {}  # the first section with each number (the Schedule numbers its articles afresh)
    for b in sample.blocks:
        if b.text[:1].isdigit():
            by_start.setdefault(b.text.split(" ", 1)[0], b)
    assert by_start["1."].heading == "Short title"
    assert by_start["1."].text == "1. This Act may be cited as the Cooperative Energy Act."
    assert by_start["25."].heading == "Regulations"
    assert not any(b.kind == "margin-note" for b in sample.blocks)
    # defined terms are not repeated from the margin
    assert sum(b.text.startswith("“Minister”") for b in sample.blocks) == 1


def test_sample_kinds_and_levels(sample):
    para_a = next(b for b in sample.blocks if b.text.startswith("(a) any organization incorporated"))
    sub_i = next(b for b in sample.blocks if b.text.startswith("(i) a wheat pool"))
    assert (para_a.kind, sub_i.kind) == ("list-item", "list-item")
    assert sub_i.level == para_a.level + 1
    part = next(b for b in sample.blocks if b.text.startswith("PART I "))
    assert part.kind == "heading" and part.text == "PART I COOPERATIVE ENERGY CORPORATION"
    notes = [b for b in sample.blocks if b.kind == "footnote"]
    assert notes and all(not b.text.startswith("*") for b in notes)
    assert not any(b.text.startswith("*14.") for b in sample.blocks)


def test_generic_page_prefers_main_and_drops_chrome():
    doc = _read("""<!DOCTYPE html><html><head><title>Cybercrime Bill - Parliament</title>
<style>p{color:red}</style><script>var x = "script text";</script></head>
<body><header><p>Site banner</p></header><nav><ul><li>Home</li></ul></nav>
<a href="#main" class="skip-link">Skip to content</a>
<main><h1>Cybercrime Bill 2024</h1>
<p>1. A person who<br>publishes false news commits an offence.</p>
<form><input value="search"><p>Search form text</p></form>
<p hidden>hidden text</p><p style="display: none">invisible</p>
<table><tr><td>cell one</td><td>cell two</td></tr></table>
<footer>page footer</footer></main>
<footer><p>Copyright</p></footer></body></html>""")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Cybercrime Bill 2024"),
        ("paragraph", "1. A person who publishes false news commits an offence."),
        ("table-cell", "cell one"),
        ("table-cell", "cell two"),
    ]
    assert doc.title == "Cybercrime Bill 2024"
    assert doc.format == "html"


def test_body_fallback_and_lines():
    doc = _read("<html><body>\n<p>first\nparagraph</p>\n\n<p>second</p>\n</body></html>")
    assert [(b.text, b.location.line) for b in doc.blocks] == [("first paragraph", 2), ("second", 5)]
    assert doc.blocks[0].anchors[0][1].line == 3


def test_declared_charset_and_control_characters():
    markup = '<html><head><meta charset="windows-1252"></head><body><p>Stra\xdfe \x00ok</p></body></html>'
    doc = _read(markup.encode("cp1252"))
    assert doc.blocks[0].text == "Straße ok"


def test_empty_page():
    with pytest.raises(ReadError, match="no content"):
        _read("   \n ")


def test_sample_blocks_point_at_their_source_column(sample):
    """Justice Laws puts the whole Act on one line: the column is what tells provisions apart."""
    import re

    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    columns = set()
    for block in sample.blocks:
        rest = lines[block.location.line - 1][block.location.column - 1:][:400]
        plain = re.sub(r"<[^>]*>", "", rest).replace("&nbsp;", " ").replace("\xa0", " ")
        assert plain.lstrip().startswith(block.text.replace("\xa0", " ").split()[0]), block
        columns.add((block.location.line, block.location.column))
    assert len(columns) == len(sample.blocks)


def test_columns_and_anchors_in_a_small_page():
    doc = _read('<html><body><p>one <b>two</b>\n   three &amp; four</p><p class="x">five</p></body></html>')
    first, second = doc.blocks
    assert first.text == "one two three & four"
    assert (first.location.line, first.location.column) == (1, 16)
    assert [(off, loc.line, loc.column) for off, loc in first.anchors] == [(8, 2, 4)]
    assert (second.location.line, second.location.column) == (2, 37)


def test_numbered_table_rows_and_number_spans_read_as_printed():
    doc = _read("""<html><body><main>
<p class="LegP1ParaText"><span class="LegP1No">1</span><span class="LegP1Text">Citation.</span></p>
<table>
<tr><td>(a)</td><td>publishes false news; or</td></tr>
<tr><td>(b)</td><td>insults an official,</td></tr>
<tr><td>Fee</td><td>10</td></tr>
</table></main></body></html>""")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "1 Citation."),
        ("paragraph", "(a) publishes false news; or"),
        ("paragraph", "(b) insults an official,"),
        ("table-cell", "Fee"),
        ("table-cell", "10"),
    ]


def test_legislation_gov_uk_layout():
    doc = _read("""<html><body><div id="layout1"><div class="banner">Changes to legislation: none</div>
<div id="viewLegContents"><div class="LegSnippet">
<h1 class="LegTitle">Computer Misuse Act 1990</h1>
<h3 class="LegP1GroupTitle"><span class="LegDS LegP1No" id="section-1">1</span>Unauthorised access.</h3>
<p class="LegP2ParaText"><span class="LegDS LegP2No">(1)</span>A person is guilty of an offence if—</p>
<p class="LegP3"><span class="LegDS LegP3No">(a)</span><span class="LegDS LegP3Text">he causes a computer
to perform any function;</span></p></div></div></div></body></html>""")
    assert doc.title == "Computer Misuse Act 1990"
    assert [b.text for b in doc.blocks] == [
        "Computer Misuse Act 1990", "1 Unauthorised access.", "(1) A person is guilty of an offence if—",
        "(a) he causes a computer to perform any function;"]


def test_line_breaks_become_anchored_lines():
    """<br> splits the words into lines the structure stage can number, without splitting the block."""
    doc = _read("<html><body><main><p>1. Short title<br>(1) This Act may be cited.<br>(2) It applies."
                "</p></main></body></html>")
    (block,) = doc.blocks
    assert block.text == "1. Short title (1) This Act may be cited. (2) It applies."
    assert [block.text[off:off + 3] for off, _ in block.anchors] == ["(1)", "(2)"]
    assert [loc.column for _, loc in block.anchors] == [40, 70]
