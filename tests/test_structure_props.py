"""Property tests (hypothesis): any text gives a tree; every word of it lands in exactly one clause; labels are
unique among siblings and eIds unique in the bill."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.model import Block, Document, Location
from lawlint.readers import text as text_reader
from lawlint.structure import build_bill, tree
from lawlint.structure.segment import Segmenter

NUMBERS = ["(1)", "(2)", "(3)", "(1A)", "(a)", "(b)", "(c)", "(h)", "(i)", "(ii)", "(v)", "(A)", "(B)", "(I)",
           "1.", "2.", "3.", "22.", "5.—(1)", "Section 5.", "SEC. 2.", "Article 3", "Art. 3 bis", "Part II",
           "PART 1", "Chapter 3", "Schedule", "§ 4", "§ 202a", "a)", "b)", "1)", "- a)", "[1]", "a.", "A.",
           "181", "1Prohibition"]
WORDS = ["A", "person", "who", "publishes", "false", "news", "commits", "an", "offence", "shall", "be", "liable",
         "—", ":", ";", ",", "or", "and", "subsection", "section", "“insert", "the", "following”", "means", "“X”",
         "Then,", "herstellt,", "In", "this", "Act", "unless", "context", "otherwise", "requires—", "(see"]

token = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(WORDS),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8))
line = st.lists(token, min_size=0, max_size=10).map(" ".join)
document = st.lists(line, min_size=0, max_size=25).map("\n".join)
md_line = st.tuples(st.sampled_from(["", "", "", "# ", "## ", "#### ", "    ", "- "]), line).map("".join)
md_document = st.lists(md_line, min_size=0, max_size=25).map("\n".join)


def alnum(text: str) -> Counter:
    return Counter(ch for ch in text if ch.isalnum())


def node_words(nodes, seg: Segmenter) -> Counter:
    total = Counter()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        total += alnum(node.raw) + alnum(node.heading)
        for piece, _loc in node.text + node.wrap:
            total += alnum(piece)
        stack.extend(node.children)
    for raw in seg.dropped:
        total += alnum(raw)
    return total


def check_labels(clauses) -> None:
    labels = [c.label for c in clauses]
    assert len(labels) == len(set(labels)), labels
    for clause in clauses:
        assert clause.label and clause.eid
        check_labels(clause.children)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_any_text_gives_a_tree_that_keeps_every_word(source):
    _check_keeps_every_word(source, "txt")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(md_document)
def test_any_markdown_gives_a_tree_that_keeps_every_word(source):
    _check_keeps_every_word(source, "md")


def _check_keeps_every_word(source: str, fmt: str) -> None:
    doc = text_reader.read(source.encode("utf-8"), f"any.{fmt}", fmt)
    seg = Segmenter(doc.blocks)
    nodes = seg.run()
    body = Counter()
    for block in doc.blocks:
        body += alnum(block.text)
    assert node_words(nodes, seg) == body

    clauses = tree.to_clauses(nodes)
    kept = Counter()
    for root in clauses:
        for clause in root.walk():
            kept += alnum(clause.heading) + alnum(clause.text) + alnum(clause.wrap_up)
    numbers = Counter()
    for node_raw in _raws(nodes):
        numbers += alnum(node_raw)
    assert kept + numbers + sum((alnum(r) for r in seg.dropped), Counter()) == body

    bill = build_bill(doc)
    check_labels(bill.clauses)
    eids = [c.eid for c in bill.walk()]
    assert len(eids) == len(set(eids))
    if body:
        assert bill.clauses


def _raws(nodes):
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node.raw
        stack.extend(node.children)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(source):
    bill = build_bill(text_reader.read(source.encode("utf-8", "surrogatepass"), "x.txt", "txt")) \
        if "\x00" not in source and not any(0xD800 <= ord(c) <= 0xDFFF for c in source) else None
    if bill is not None:
        check_labels(bill.clauses)


HINTS = ["", "preamble", "wrapup", "part", "chapter", "section", "article", "subsection", "paragraph", "point",
         "item", "hcontainer", "level"]
block = st.builds(
    lambda text, hint, level, num, quoted, heading: Block(text=text, location=Location(1), hint=hint, level=level,
                                                          num=num, quoted=quoted, heading=heading),
    st.sampled_from(["", "A person who—", "commits an offence.", "“X” means a thing;", "In this Act:"]),
    st.sampled_from(HINTS), st.integers(min_value=0, max_value=6), st.sampled_from(["", *NUMBERS]),
    st.booleans(), st.sampled_from(["", "Offences", "DEFINITIONS"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(block, max_size=30))
def test_reader_hints_in_any_order_give_a_valid_tree(blocks):
    bill = build_bill(Document(path="x.xml", format="akn", blocks=tuple(blocks)))
    check_labels(bill.clauses)
    eids = [c.eid for c in bill.walk()]
    assert len(eids) == len(set(eids))
    for clause in bill.walk():
        for child in clause.children:
            assert child.parent is clause
