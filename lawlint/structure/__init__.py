"""Structure turns a Document's Blocks into a Bill: the clause tree, the glossary, cross-references, language.

`build_bill(doc)` is the one entry point (the pipeline calls it). The work is split by job:
numbering.py reads numbers, segment.py builds the tree, tree.py names it, glossary.py and xrefs.py read
definitions and references, language.py guesses the language.
"""

from __future__ import annotations

from lawlint.model import Bill, Document


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
    bill = Bill(path=doc.path, format=doc.format, title=title, clauses=clauses)
    bill.language = language.detect(" ".join(b.text for b in doc.blocks[:400]))
    xrefs.resolve(bill)
    bill.glossary = glossary.extract(bill)
    return bill
