"""Cross-references: "section 22(1)(a)", "subsection (2)", "sections 12 to 14", "this Part", "Part V",
"Article 12", "§ 202a Abs. 2". Each is resolved to the eId of a clause of the same bill; references to
other Acts ("section 5 of the Penal Code") and to clauses that do not exist are left out.
"""

from __future__ import annotations

import re

from lawlint.model import Bill, Clause
from lawlint.structure.numbering import number_value, roman_value

_CHAIN = r"((?:\s?\([0-9A-Za-z]{1,4}\))*)"
_SECTION_REF = re.compile(r"\b(?:[Ss]ections?|ss?\.|[Ss]ec\.)\s+(\d+[A-Z]{0,3}(?:\.\d+)?)" + _CHAIN)
_MORE = re.compile(r"(?:\s*,\s*|\s+(?:and|or|to|through|-|–)\s+|\s*[-–]\s*)(\d+[A-Z]{0,3}(?:\.\d+)?)" + _CHAIN)
_RELATIVE = re.compile(
    r"\b(?:sub-?sections?|paragraphs?|sub-?paragraphs?|clauses?|sub-?clauses?|items?)\s+((?:\([0-9A-Za-z]{1,4}\))+)"
    r"((?:\s*(?:,|and|or|to)\s*\([0-9A-Za-z]{1,4}\))*)")
_THIS = re.compile(r"\b[Tt]his\s+(Part|Chapter|[Ss]ection|Article|Division|Schedule)\b")
_CONTAINER_REF = re.compile(r"\b(Part|Chapter|Division|Schedule)\s+([IVXLC]{1,7}|\d{1,3}[A-Z]?)\b")
_ARTICLE_REF = re.compile(r"\b(?:Articles?|Art\.|Arts\.|[Aa]rtículos?|[Aa]rticle|[Aa]rtigos?|art\.|arts\.|Artikels?)\s+"
                          r"(\d+(?:-\d+)*[a-z]?(?:\s(?:bis|ter|quater))?)(?:\.?[º°](?:-[A-Z]\b)?|-[A-Z]\b)?" + _CHAIN)
_PARA_SIGN_REF = re.compile(r"§§?\s*(\d+[a-z]{0,2})(?:\s+(?:Abs\.|Absatz|Absätze)\s+(\d+))?(?:\s+Satz\s+\d+)?"
                            r"(?:\s+(?:Nr\.|Nummer)\s+(\d+))?(?:\s+(?:Buchstabe|Buchst\.)\s+([a-z])\b)?")
_EXTERNAL = re.compile(r",?\s+(?:of|in|under)\s+(?:the\s+)?(?!this\b)(?:[A-Z][\w'’()-]*\s*){1,8}"
                       r"(?:Act|Code|Law|Constitution|Ordinance|Regulations?|Rules|Decree|Convention|Gesetzes)\b"
                       r"|\s+of\s+title\b|\s+(?:des|der)\s+[A-Z]\w*gesetz", re.DOTALL)
_NUMERAL = re.compile(r"\((\w+)\)")


def _norm_container_num(num: str) -> str:
    return num.upper().strip()


class _Index:
    def __init__(self, bill: Bill) -> None:
        self.by_label: dict[str, str] = {}
        self.sections: list[Clause] = []
        self.containers: dict[tuple[str, str], str] = {}
        for clause in bill.walk():
            if clause.quoted:
                continue
            self.by_label.setdefault(clause.label, clause.eid)
            if clause.kind in ("section", "article"):
                self.sections.append(clause)
            if clause.kind in ("part", "chapter", "division", "schedule") and clause.num:
                num = clause.num
                value = roman_value(num) if num.isupper() and roman_value(num) else None
                self.containers.setdefault((clause.kind, _norm_container_num(num)), clause.eid)
                if value:
                    self.containers.setdefault((clause.kind, str(value)), clause.eid)

    def section_range(self, first: str, last: str) -> list[str]:
        lo, hi = number_value(first), number_value(last)
        if hi < lo or hi - lo > 500:
            return []
        out = []
        for clause in self.sections:
            if clause.label and clause.label[0].isdigit() and lo <= number_value(clause.label) <= hi:
                out.append(clause.eid)
        return out


def _chain(text: str) -> str:
    return "".join(f"({m})" for m in _NUMERAL.findall(text or ""))


def _external(text: str, end: int) -> bool:
    return bool(_EXTERNAL.match(text, end))


def _nearest(clause: Clause, kinds: tuple[str, ...]) -> Clause | None:
    node: Clause | None = clause
    while node is not None:
        if node.kind in kinds:
            return node
        node = node.parent
    return None


_SETS_ASIDE = re.compile(r"\b(notwithstanding|despite|regardless of|in derogation from)\s+(anything (contained )?in\s+|"
                        r"the provisions of\s+|any provision of\s+)?$", re.IGNORECASE)


def references(clause: Clause, text: str, index: _Index) -> list[str]:
    """eIds this text refers to, in order of appearance."""
    found: list[tuple[int, str]] = []

    def add(pos: int, eid: str | None) -> None:
        # "Notwithstanding section 10" sets section 10 aside: its safeguards do not reach this clause
        if eid and eid != clause.eid and not _SETS_ASIDE.search(text[max(0, pos - 60):pos]):
            found.append((pos, eid))

    def lookup(label: str) -> str | None:
        # the deepest label that exists: "22(1)(z)" falls back to "22(1)"
        while label:
            if label in index.by_label:
                return index.by_label[label]
            if "(" not in label:
                return None
            label = label[: label.rfind("(")]
        return None

    for m in _SECTION_REF.finditer(text):
        if _external(text, m.end()):
            continue
        add(m.start(), lookup(m.group(1) + _chain(m.group(2))))
        pos, prev = m.end(), m.group(1)
        while True:
            more = _MORE.match(text, pos)
            if not more:
                break
            joiner = text[pos:more.start(1)]
            if re.search(r"to|through|[-–]", joiner) and not more.group(2):
                for eid in index.section_range(prev, more.group(1)):
                    add(more.start(), eid)
            else:
                add(more.start(), lookup(more.group(1) + _chain(more.group(2))))
            prev, pos = more.group(1), more.end()
    for m in _RELATIVE.finditer(text):
        if _external(text, m.end()):
            continue
        chains = [m.group(1)] + [c for c in re.findall(r"\([0-9A-Za-z]{1,4}\)", m.group(2) or "")]
        for i, chain in enumerate(chains):
            chain = _chain(chain)
            node: Clause | None = clause
            while node is not None:
                if node.kind not in ("part", "chapter", "division", "schedule", "preamble"):
                    label = node.label + chain
                    if label in index.by_label:
                        add(m.start() + i, index.by_label[label])
                        break
                    # "paragraph (b)" inside (a) means a sibling: try the parent's label
                node = node.parent
    for m in _THIS.finditer(text):
        kind = m.group(1).lower()
        target = _nearest(clause, ("section", "article") if kind in ("section", "article") else (kind,))
        if target is not None:
            add(m.start(), target.eid)
    for m in _CONTAINER_REF.finditer(text):
        if _external(text, m.end()):
            continue
        kind = m.group(1).lower()
        num = _norm_container_num(m.group(2))
        add(m.start(), index.containers.get((kind, num)))
    for m in _ARTICLE_REF.finditer(text):
        if _external(text, m.end()):
            continue
        num = m.group(1)
        for label in (f"Article {num}", f"Artículo {num}", f"Art. {num}", f"Artigo {num}", f"Artikel {num}"):
            eid = lookup(label + _chain(m.group(2)))
            if eid:
                add(m.start(), eid)
                break
    for m in _PARA_SIGN_REF.finditer(text):
        if _external(text, m.end()):
            continue
        # "§ 3 Absatz 2 Nummer 3 Buchstabe b" -> § 3(2)(3)(b); the most specific clause that exists
        parts = [f"({g})" for g in m.groups()[1:] if g]
        for n in range(len(parts), -1, -1):
            eid = lookup(f"§ {m.group(1)}" + "".join(parts[:n]))
            if eid:
                add(m.start(), eid)
                break
    found.sort(key=lambda item: item[0])
    out: list[str] = []
    for _pos, eid in found:
        if eid not in out:
            out.append(eid)
    return out


def resolve(bill: Bill) -> None:
    """Fill Clause.xrefs for every clause from its own words (lead-in and closing words)."""
    index = _Index(bill)
    for clause in bill.walk():
        words = " ".join(t for t in (clause.text, clause.wrap_up) if t)
        if not words or clause.quoted:
            continue
        clause.xrefs = tuple(references(clause, words, index))
