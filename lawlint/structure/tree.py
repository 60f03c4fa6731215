"""Second pass of segmenting: give each built node its kind, label and eId, and turn it into a Clause.

Kinds of sub-clauses depend on the section's numbering tradition, which is only known once the whole
section is read: Commonwealth (1)(a)(i)(A) or US (a)(1)(A)(i)(I).
"""

from __future__ import annotations

import re

from lawlint.model import Clause, Location
from lawlint.structure import numbering as nb
from lawlint.structure.segment import CONTAINER, QUOTED, SECTION, SUB, Node

SUB_KINDS = ("subsection", "paragraph", "subparagraph", "clause", "item")
_COMMONWEALTH = {nb.PAREN_ARABIC: 0, nb.PAREN_LOWER: 1, nb.PAREN_ROMAN: 2, nb.PAREN_UPPER: 3,
                 nb.PAREN_UPPER_ROMAN: 4}
_US = {nb.PAREN_LOWER: 0, nb.PAREN_ARABIC: 1, nb.PAREN_UPPER: 2, nb.PAREN_ROMAN: 3, nb.PAREN_UPPER_ROMAN: 4}
EID_PREFIX = {
    "part": "part", "chapter": "chp", "division": "dvs", "schedule": "sched", "section": "sec",
    "article": "art", "subsection": "subsec", "paragraph": "para", "subparagraph": "subpara",
    "clause": "clause", "item": "item", "preamble": "preamble", "quoted": "qstr", "definition": "def",
}
KIND_WORD = {"part": "Part", "chapter": "Chapter", "division": "Division", "schedule": "Schedule"}


def joined(parts: list[tuple[str, Location]]) -> tuple[str, tuple[tuple[int, Location], ...]]:
    """Join text pieces with single spaces; remember where each later piece starts and its source line."""
    pieces: list[str] = []
    anchors = []
    size = 0
    prev: Location | None = None
    for piece, loc in parts:
        if not piece:
            continue
        if not pieces:
            anchors.append((0, loc))  # where the words start, past the clause's own number
        else:
            size += 1
            if prev is None or loc.line != prev.line or loc.page != prev.page:
                anchors.append((size, loc))
        prev = loc
        pieces.append(piece)
        size += len(piece)
    return " ".join(pieces), tuple(anchors)


def _eid_num(num: str) -> str:
    text = num.strip().strip("()[].").replace(" ", "")
    text = re.sub(r"[^0-9A-Za-z\u00C0-\u024F]+", "-", text).strip("-")
    return text


def _is_us(section: Node) -> bool:
    """A section whose lettered level holds a numbered level ((a)(1)) follows the US tradition."""
    stack = [section]
    while stack:
        node = stack.pop()
        for child in node.children:
            if node.style == nb.PAREN_LOWER and child.style == nb.PAREN_ARABIC:
                return True
            stack.append(child)
    return False


def _label_part(num: str) -> str:
    n = num.strip()
    if n.startswith("§") or n == "parágrafo único":  # "Article 10 § 1", "Article 10, parágrafo único"
        return (" " if n.startswith("§") else ", ") + n
    if n.startswith(("(", "[")):
        return "(" + n.strip("()[]. ") + ")"
    return "(" + n.rstrip(".)") + ")"


class _Namer:
    def __init__(self) -> None:
        self.eids: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def unique_eid(self, eid: str) -> str:
        """The eid, or eid_2, eid_3 ... when it is taken (constant time per call)."""
        if eid not in self.eids:
            self.eids.add(eid)
            return eid
        n = self.next_suffix.get(eid, 2)
        while f"{eid}_{n}" in self.eids:
            n += 1
        self.next_suffix[eid] = n + 1
        self.eids.add(f"{eid}_{n}")
        return f"{eid}_{n}"


def to_clauses(roots: list[Node]) -> list[Clause]:
    """Clauses for the built nodes, with kinds, labels, eIds; the bare-provision case gets a root section."""
    notes = [n for n in roots if n.kind == "note"]
    roots = [n for n in roots if n.kind != "note"]
    if roots and all(n.level == SECTION and n.implicit for n in roots):
        # a one-provision file: one root section holding everything (preamble words become its lead-in)
        head = roots[0]
        head.kind = "section"
        for other in roots[1:]:
            head.text.extend(other.text)
            if other.heading and not head.heading:
                head.heading = other.heading
            for child in other.children:
                child.parent = head
                head.children.append(child)
            head.wrap.extend(other.wrap)
        roots = [head]
    roots = roots + notes
    namer = _Namer()
    out: list[Clause] = []
    _convert_level(roots, None, namer, out, ctx={"container_eid": "", "sched_label": "", "sched_eid": "",
                                                 "us": False})
    return out


def _convert_level(nodes: list[Node], parent: Clause | None, namer: _Namer, out: list[Clause],
                   ctx: dict) -> None:
    labels: dict[str, int] = {}
    counters: dict[str, int] = {}
    for node in nodes:
        clause, child_ctx = _make(node, parent, ctx, counters)
        base = clause.label
        if base in labels:
            labels[base] += 1
            clause.label = f"{base} [{labels[base]}]"
        else:
            labels[base] = 1
        clause.eid = namer.unique_eid(clause.eid)
        out.append(clause)
        _convert_level(node.children, clause, namer, clause.children, child_ctx)


def _make(node: Node, parent: Clause | None, ctx: dict, counters: dict[str, int]) -> tuple[Clause, dict]:
    text, anchors = joined(node.text)
    wrap, wrap_anchors = joined(node.wrap)
    ctx = dict(ctx)
    kind, num, label, eid = node.kind, node.num, "", ""
    if node.level == CONTAINER:
        counters[kind] = counters.get(kind, 0) + 1
        word = node.keyword.strip() if node.keyword and node.keyword != "§" else KIND_WORD.get(kind, kind.title())
        if word.isupper():
            word = word.title()
        if num:
            label = f"{word} {num}"
        elif kind == "schedule":
            label = word  # "Schedule, 3(a)": an unnumbered schedule is named by its word, not its title
        else:
            label = node.heading[:60] or word
        eid_num = _eid_num(num) if num else str(counters[kind])
        eid = f"{ctx['container_eid']}{EID_PREFIX.get(kind, kind)}_{eid_num}"
        ctx["container_eid"] = eid + "__"
        if kind == "schedule":
            ctx["sched_label"] = label + ", "
            ctx["sched_eid"] = eid + "__"
    elif node.level == SECTION:
        ctx["us"] = _is_us(node)
        if kind == "preamble":
            label, eid = "preamble", f"{ctx['sched_eid']}preamble"
        elif kind == "note":
            label, eid = "notes", "notes"
        else:
            if node.implicit:
                num_text = "1"
            else:
                num_text = num
            if node.style == nb.ARTICLE:
                word = node.keyword.rstrip(".")
                word = {"Art": "Article", "ART": "Article", "ARTICLE": "Article", "Čl": "Článek"}.get(word, word)
                label = f"{word} {num_text}"
            elif node.style == nb.PARAGRAPH_SIGN:
                label = f"§ {num_text}"
            elif node.keyword.lower().startswith(("rule", "regulation")):
                label = f"{node.keyword.title()} {num_text}"
            else:
                label = num_text
            label = ctx["sched_label"] + label
            eid = f"{ctx['sched_eid']}{EID_PREFIX[kind]}_{_eid_num(num_text)}"
    elif node.level == QUOTED:
        counters["quoted"] = counters.get("quoted", 0) + 1
        n = counters["quoted"]
        base_label = parent.label if parent else ""
        label = f"{base_label} [quoted {n}]".strip()
        eid = f"{parent.eid}__qstr_{n}" if parent else f"qstr_{n}"
        kind = "quoted"
    elif node.kind == "definition":  # an unnumbered definition, named by its term: 2(“computer system”)
        counters["sub"] = counters.get("sub", 0) + 1
        label = f"{parent.label if parent else ''}(“{node.keyword}”)"
        eid_num = _eid_num(node.keyword).lower() or str(counters["sub"])
        eid = f"{parent.eid + '__' if parent else ''}def_{eid_num}"
    else:  # SUB
        kind = node.kind if node.kind in SUB_KINDS else _sub_kind(node, parent, ctx["us"])
        counters["sub"] = counters.get("sub", 0) + 1
        part = _label_part(num) if num.strip() else f"[{counters['sub']}]"
        label = (parent.label if parent else "") + part
        eid_num = _eid_num(num) or str(counters["sub"])
        eid = f"{parent.eid + '__' if parent else ''}{EID_PREFIX[kind]}_{eid_num}"
        num = part if num.strip() and not num.startswith("(") else num
    if node.quoted and parent is not None and node.level in (SECTION, CONTAINER):
        # a quoted section lives inside the clause that quotes it, not among the bill's own sections
        eid = f"{parent.eid}__{'qstr_' if not parent.quoted else ''}{eid}"
        label = f"{parent.label} “{label}”"
    clause = Clause(kind=kind, num=num, label=label, eid=eid, text=text, heading=node.heading, wrap_up=wrap,
                    location=node.loc, anchors=anchors, wrap_up_anchors=wrap_anchors, parent=parent,
                    quoted=node.quoted or bool(parent and parent.quoted))
    return clause, ctx


def _sub_kind(node: Node, parent: Clause | None, us: bool) -> str:
    table = _US if us else _COMMONWEALTH
    parent_rank = SUB_KINDS.index(parent.kind) if parent is not None and parent.kind in SUB_KINDS else -1
    rank = table.get(node.style)
    if rank is None or rank <= parent_rank:
        rank = parent_rank + 1
    return SUB_KINDS[min(rank, len(SUB_KINDS) - 1)]


__all__ = ["SECTION", "SUB", "joined", "to_clauses"]
