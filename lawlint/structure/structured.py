"""Documents that carry their own tree (Akoma Ntoso, USLM): rebuild it 1:1 from the Blocks' hints.

The XML reader gives one unit Block per element with `hint` (element name), `num`, `heading`, `level`
(nesting depth) and the unit's lead-in as text; `wrapup` Blocks close the unit at their level; `preamble`
Blocks sit outside all units. Nothing is inferred from the words here.
"""

from __future__ import annotations

from lawlint.model import Block
from lawlint.structure import numbering as nb
from lawlint.structure.segment import (
    CONTAINER,
    QUOTED,
    ROOT,
    SECTION,
    SUB,
    Node,
    split_sub_heading,
)

CONTAINER_HINTS = {
    "book": ("part", 0), "tome": ("part", 0), "part": ("part", 1), "title": ("part", 1),
    "subpart": ("division", 3), "subtitle": ("division", 3), "chapter": ("chapter", 2),
    "subchapter": ("division", 3), "division": ("division", 3), "subdivision": ("division", 4),
    "schedule": ("schedule", 0), "annex": ("schedule", 0), "attachment": ("schedule", 0),
}
SECTION_HINTS = {"section": "section", "article": "article", "rule": "section", "transitional": "section",
                 "regulation": "section"}
FIXED_SUB_KINDS = {"subsection", "paragraph", "subparagraph", "clause", "item"}
SUB_ALIASES = {"subclause": "item", "subitem": "item", "subsubitem": "item", "subrule": "subsection"}
NOT_UNITS = {"", "preamble", "wrapup"}


def has_tree(blocks: tuple[Block, ...] | list[Block]) -> bool:
    """Do these Blocks describe their own unit tree (a structured XML reader made them)?"""
    return any(b.hint not in NOT_UNITS and b.level > 0 for b in blocks)


def build(blocks: tuple[Block, ...] | list[Block]) -> list[Node]:
    """Nodes for hinted Blocks: a unit at level L is a child of the nearest unit before it at level L-1."""
    root = Node(level=ROOT)
    stack: list[Node] = [root]  # stack[k] = open unit at level k
    preamble: Node | None = None
    for block in blocks:
        if block.hint == "preamble" or (block.hint == "" and block.level == 0):
            if preamble is None or (root.children and root.children[-1] is not preamble):
                preamble = Node(level=SECTION, kind="preamble", implicit=True, loc=block.location)
                preamble.parent = root
                root.children.append(preamble)
            preamble.text.append((block.text, block.location))
            _anchor_parts(preamble.text, block)
            continue
        if block.hint == "wrapup" or block.hint == "":
            level = min(max(block.level, 1), len(stack) - 1)
            target = stack[level] if level >= 1 else root
            if target.level == ROOT:
                continue
            target.wrap.append((block.text, block.location))
            _anchor_parts(target.wrap, block)
            continue
        level = max(1, min(block.level, len(stack)))
        del stack[level:]
        parent = stack[-1]
        node = _unit_node(block, parent)
        node.parent = parent
        parent.children.append(node)
        stack.append(node)
    return root.children


def _anchor_parts(parts: list, block: Block) -> None:
    """Split the last appended text back into its source lines so anchors survive the join in tree.py."""
    if not block.anchors:
        return
    text, loc = parts.pop()
    cuts = [(0, loc)] + [(off, a_loc) for off, a_loc in block.anchors if 0 < off < len(text)]
    for i, (off, a_loc) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        piece = text[off:end].strip()
        if piece:
            parts.append((piece, a_loc))


def _unit_node(block: Block, parent: Node) -> Node:
    hint = block.hint.lower()
    raw_num = " ".join(block.num.split())
    tok = nb.parse(raw_num + " ", allow_bare=True) if raw_num else None
    quoted = block.quoted
    if hint in CONTAINER_HINTS:
        kind, rank = CONTAINER_HINTS[hint]
        num = tok.num if tok is not None else raw_num.strip(" .")
        if tok is not None and tok.container:
            num = tok.num
        node = Node(level=CONTAINER, kind=kind, num=num, rank=rank, keyword=kind.title(),
                    heading=block.heading, loc=block.location, quoted=quoted)
    elif hint in SECTION_HINTS and not (parent.level in (SECTION, SUB) and not quoted):
        kind = SECTION_HINTS[hint]
        num = tok.num if tok is not None and tok.section_level else raw_num.strip(" .§")
        style = nb.ARTICLE if kind == "article" else nb.SECTION_WORD
        keyword = tok.keyword if tok is not None and kind == "article" else ("Article" if kind == "article" else "")
        node = Node(level=SECTION, kind=kind, num=num, style=style, keyword=keyword, heading=block.heading,
                    loc=block.location, quoted=quoted)
        if not num:
            node.implicit = True
    else:
        num = tok.num if tok is not None else (raw_num or "")
        style = tok.readings[0].style if tok is not None else ""
        node = Node(level=SUB, num=num, style=style, heading=block.heading, loc=block.location, quoted=quoted)
        fixed = SUB_ALIASES.get(hint, hint)
        if fixed in FIXED_SUB_KINDS:
            node.kind = fixed
    if quoted and not parent.quoted and parent.level != ROOT:
        node.raw = "quoted-root"
    if block.text:
        node.text.append((block.text, block.location))
        _anchor_parts(node.text, block)
        if node.level == SUB and not node.heading:
            heading, rest = split_sub_heading(node.text[0][0])
            if heading and rest:
                node.heading = heading
                node.text[0] = (rest, node.text[0][1])
    return node


__all__ = ["QUOTED", "build", "has_tree"]
