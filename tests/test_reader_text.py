"""The text and Markdown reader: encodings, paragraphs with line anchors, Markdown structure."""

from __future__ import annotations

import codecs

import pytest

from lawlint.model import Location, ReadError
from lawlint.readers import text as reader

SAMPLE = "22. (1) A person who publishes “false news”—\n(a) in print; or\n\n(b) online,\ncommits an offence. Café €5\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-le"),  # no BOM: detected by its NUL pattern
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data):
    doc = reader.read(data, "bill.txt", "txt")
    texts = [b.text for b in doc.blocks]
    assert texts == ["22. (1) A person who publishes “false news”— (a) in print; or",
                     "(b) online, commits an offence. Café €5"]


def test_latin1_fallback_never_fails():
    data = "Art. 3 - Défense\n".encode("latin-1") + bytes([0x81, 0x8D])  # undefined in cp1252
    doc = reader.read(data, "x.txt", "txt")
    assert doc.blocks[0].text.startswith("Art. 3")


def test_paragraph_keeps_line_and_column_anchors():
    doc = reader.read(b"\n  first line\nsecond line\n\nnext", "x.txt", "txt")
    block = doc.blocks[0]
    assert block.location == Location(2, 3)
    assert block.text == "first line second line"
    assert block.anchors == ((11, Location(3, 1)),)
    assert doc.blocks[1].location == Location(5, 1)


def test_binary_content_is_refused():
    with pytest.raises(ReadError):
        reader.read(b"\x00\x01\x02binary\x00\xff" * 20, "x.txt", "txt")


def test_markdown_headings_lists_emphasis_and_front_matter():
    md = ("---\ntitle: \"Cyber Bill\"\nlayout: x\n---\n\n# Cyber Bill\n\n## Part 1 - Offences\n\n"
          "#### § 3 **False** news\n\n(1) Whoever *publishes* [false news](http://x) commits an `offence`.\n\n"
          "1.  first item\n\n    a)  nested\n\n- bullet point\n")
    doc = reader.read(md.encode(), "bill.md", "md")
    assert doc.title == "Cyber Bill"
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds[:3] == [("heading", 1, "Cyber Bill"), ("heading", 2, "Part 1 - Offences"),
                         ("heading", 4, "§ 3 False news")]
    assert kinds[3] == ("paragraph", 0, "(1) Whoever publishes false news commits an offence.")
    assert kinds[4][0] == "list-item" and kinds[4][2] == "1.  first item"
    assert kinds[5][2] == "a)  nested" and kinds[5][1] > kinds[4][1]
    assert kinds[6] == ("list-item", 1, "bullet point")
    assert doc.blocks[0].location.line == 6  # line numbers count the front matter


def test_markdown_definition_list_and_setext_heading():
    doc = reader.read(b"Title\n=====\n\nFundstelle\n:   RGBl 1871\n", "x.md", "md")
    assert (doc.blocks[0].kind, doc.blocks[0].text) == ("heading", "Title")
    assert doc.blocks[1].text == "Fundstelle RGBl 1871"
