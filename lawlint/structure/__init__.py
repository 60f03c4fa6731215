"""Structure turns a Document's Blocks into a Bill: the clause tree, the glossary, cross-references, language.

`build_bill(doc)` is the one entry point (the pipeline calls it). The work is split by job:
numbering.py reads numbers, segment.py builds the tree, tree.py names it, glossary.py and xrefs.py read
definitions and references, language.py guesses the language.
"""

from __future__ import annotations

import re

from lawlint.model import Bill, Clause, Document

_TITLE_WORDS = re.compile(r"\b(?:act|bill|law|code|ordinance|decree|proclamation|regulations?|rules|loi|ley|gesetz)\b",
                          re.IGNORECASE)


def _title_from_preamble(clauses: list[Clause]) -> str:
    """A plain-text bill's first line when it names the instrument ("CYBER SECURITY BILL, 2026")."""
    from lawlint.structure.segment import heading_like

    if not clauses or clauses[0].kind != "preamble":
        return ""
    first = clauses[0]
    if first.heading:
        line = first.heading
    else:
        later = [off for off, _ in first.anchors if off > 0]  # the first source line ends where the next starts
        line = first.text[: later[0]] if later else first.text
    line = line.strip()
    return line if heading_like(line, max_words=16) and _TITLE_WORDS.search(line) else ""


def build_bill(doc: Document) -> Bill:
    """The clause tree and glossary of one document. Never raises on odd text: any text gives a tree."""
    from lawlint.structure import glossary, language, structured, tree, xrefs
    from lawlint.structure.segment import Segmenter

    title = doc.title
    if structured.has_tree(doc.blocks):
        nodes = structured.build(doc.blocks)
    else:
        seg = Segmenter(doc.blocks)
        nodes = seg.run()
        title = title or seg.title
    clauses = tree.to_clauses(nodes)
    title = title or _title_from_preamble(clauses)
    bill = Bill(path=doc.path, format=doc.format, title=title, clauses=clauses)
    bill.language = language.detect(" ".join(b.text for b in doc.blocks[:400]))
    xrefs.resolve(bill)
    bill.glossary = glossary.extract(bill)
    return bill
