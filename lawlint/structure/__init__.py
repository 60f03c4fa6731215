"""Structure turns a Document's Blocks into a Bill: the clause tree and the glossary.

(Placeholder: one clause per block, until the numbering-aware segmenter lands.)
"""

from __future__ import annotations

from lawlint.model import Bill, Clause, Document


def build_bill(doc: Document) -> Bill:
    clauses = [
        Clause(kind="paragraph", num=str(i), label=str(i), eid=f"para_{i}", text=b.text, location=b.location)
        for i, b in enumerate(doc.blocks, 1)
    ]
    return Bill(path=doc.path, format=doc.format, title=doc.title, clauses=clauses)
