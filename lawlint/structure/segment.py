"""The segmenter: a small state machine over source lines that builds the clause tree.

Each line is read once. A number at its start (or, under strict conditions, inside it) opens a clause; where
the clause goes is decided by a stack of open levels: a number continues the innermost open level of its
style when it is that level's next number, else it opens a new level below the innermost one. Text without a
number continues the innermost clause, or, after a run of sub-clauses, becomes its parent's closing words.
Labels and eIds are given in a second pass, once the whole tree (and so each section's numbering
tradition) is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawlint.model import Block, Location
from lawlint.structure import numbering as nb
from lawlint.structure.numbering import Reading, Token

# ---------------------------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One source line of a block (or one block, when the reader gave no line anchors)."""

    text: str
    loc: Location
    first: bool  # first line of its block
    block: Block
    block_index: int
    width: int = 0  # length of the longest line of the block (tells hard wraps from real line breaks)


def lines_of(blocks: tuple[Block, ...] | list[Block]) -> list[Line]:
    """Split blocks back into their source lines using the anchors, keeping each line's location."""
    out: list[Line] = []
    for bi, block in enumerate(blocks):
        text, anchors = block.text, list(block.anchors)
        if block.num and block.kind != "heading":
            prefix = block.num.strip() + " "
            text = prefix + text
            # columns count the number as printed: an anchor on the block's first line (a Word paragraph
            # broken by a manual line break) moves on past it too
            first = (block.location.line, block.location.page)
            anchors = [(off + len(prefix), loc.shifted(len(prefix)) if (loc.line, loc.page) == first else loc)
                       for off, loc in anchors]
        cuts = [(0, block.location)] + [(off, loc) for off, loc in anchors if 0 < off < len(text)]
        cuts.sort(key=lambda c: c[0])
        first = True
        start = len(out)
        for i, (off, loc) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            piece = text[off:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece:
                continue
            if lead and i == 0:
                loc = loc.shifted(lead)
            out.append(Line(piece, loc, first, block, bi))
            first = False
        width = max((len(line.text) for line in out[start:]), default=0)
        for line in out[start:]:
            line.width = width
    return out


# ---------------------------------------------------------------------------------------------- nodes

SUB = "sub"
SECTION = "section"
CONTAINER = "container"
ROOT = "root"
QUOTED = "quoted"


@dataclass(eq=False)
class Node:
    """A clause while it is being built."""

    level: str  # root | container | section | sub | quoted
    kind: str = ""
    num: str = ""
    style: str = ""
    ordinal: float = 0.0
    rank: float = 0
    keyword: str = ""
    raw: str = ""
    heading: str = ""
    loc: Location = field(default_factory=Location)
    text: list[tuple[str, Location]] = field(default_factory=list)
    wrap: list[tuple[str, Location]] = field(default_factory=list)
    in_wrap: bool = False
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    implicit: bool = False
    expect_heading: bool = False
    block_level: int = 0
    quoted: bool = False

    def last_text(self) -> str:
        parts = self.wrap if self.in_wrap else self.text
        return parts[-1][0] if parts else ""


_WRAP_START = re.compile(
    r"(?:commits?|shall\b|is (?:guilty|liable)|are (?:guilty|liable)|will be|then\b|he\b|she\b|it\b|they\b|"
    r"that person|such person|the person|is punishable|shall be|be liable|be guilty|is an offence|"
    r"wird|ist|sind|est\b|sera|seront|commet|será|serán|comete|incurre|,)", re.IGNORECASE)
_INLINE_WRAP = re.compile(
    r"[,;:]\s+(?=(?:[Tt]hen,?\s|commits? an? |shall be (?:guilty|liable|punished|sentenced)|"
    r"is guilty|is liable|shall on conviction|will be (?:punished|sentenced|liable)|"
    r"he or she (?:commits|shall|is)|that person (?:commits|shall|is|will)))")
_CHAPEAU_END = re.compile(r"(?:[—–:]|-{1,2}|\bwho|\bthat|\bwhich|\bif|\bwer|\bindem er|\bdass er)\s*$")
_LIST_END = re.compile(r"(?:[,;—–:]|-{1,2}|;\s*(?:or|and|und|oder|ou|et|o|y)|,\s*(?:or|and|oder|und))\s*$")
_REF_TEXT = """section sections subsection subsections sub-section sub-sections paragraph paragraphs subparagraph
subparagraphs sub-paragraph sub-paragraphs clause clauses subclause sub-clause item items article articles part parts
chapter schedule rule rules regulation regulations s. ss. para. paras. sub-para. art. arts. of under in with to by
than see from per as is are at within between absatz absatzes absätze nummer satz buchstabe alinéa l'article
paragraphe apartado artículo"""
_REF_WORDS = frozenset(_REF_TEXT.split())
_NUMBER_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
                      "eighty": 80.0, "ninety": 90.0, "hundred": 100.0})  # a number after one of these is a reference, not a new clause
# French and Spanish number words glossed by their figure ("un (1) an à deux (2) ans", "seis (6) meses")
_NUMBER_WORDS.update({w: float(v) for v, words in {
    1: "un une uno", 2: "deux dos", 3: "trois tres", 4: "quatre cuatro", 5: "cinq cinco", 6: "six seis", 7: "sept siete",
    8: "huit ocho", 9: "neuf nueve", 10: "dix diez", 11: "onze once", 12: "douze doce", 15: "quinze quince",
    20: "vingt veinte", 30: "trente treinta", 40: "quarante cuarenta", 50: "cinquante cincuenta", 60: "soixante sesenta",
    100: "cent cien ciento", 1000: "mille mil"}.items() for w in words.split()})
QUOTE_REACH = 300  # lines within which quoted amending text must close
_OPEN_QUOTE = "“‘\"«'„"
_CLOSE_QUOTE_END = re.compile(r"[”’\"»'“]\s*(?:[.;,]|;\s*(?:and|or)|\.\s*[”’\"»])?\s*$")
_AMEND_LEAD = re.compile(r"(?:insert|substitut|replac|add|read as follows|following|as follows|new section|"
                         r"rédigé|remplacé|inséré|ajouté|complété|rétabli|suivante?s?\b|"
                         r"quedar[áa] (?:así|redactad)|sustitu|adiciona|siguiente|tenor)"
                         r"[^.]{0,80}$|[:—–]\s*$", re.IGNORECASE)
_HEADING_SPLIT = re.compile(r"(?P<h>[^\s].{1,200}?)(?:\.\s*[—–]+|\.?\s*-{2}|\s[—–]\s|[—–])\s*(?=[A-Z(\[“\"‘])")
_DANGLING = re.compile(r"\b(?:of|to|the|a|an|and|or|in|for|by|with|under|on|at|from|der|die|das|und|de|la|le|et|el|y)$",
                       re.IGNORECASE)
_CONTENTS = re.compile(r"\s*(?:arrangement of (?:sections|clauses|regulations|rules|provisions)|"
                       r"table of contents|contents|index to sections)\s*[.:]?\s*$", re.IGNORECASE)
_DEFINITION_START = re.compile(r"[“\"‘'«]\s*([^”\"’'»]{1,80})[”\"’'»]\s*(?:\([^)]*\)\s*)?,?\s*"
                               r"(?:in relation to [^,;:]{1,60}?,?\s*)?(?:means|includes|"
                               r"has the|shall mean|shall include|refers to|désigne|s['’]entend|significa)\b")
# A clause that introduces definitions: its lead-in, or its heading.
_DEFS_LEAD = re.compile(r"\b(?:in|for the purposes? of) this (?:act|part|section|chapter|division|proclamation|law|"
                        r"ordinance|regulations?|convention|article|code|bill|schedule|subsection)\b|"
                        r"\bunless the context\b|\bthe following (?:definitions|expressions|terms|words)\b|"
                        r"\bon entend par\b|\bdéfinitions qui suivent\b|\bse entiende(?:n)? por\b|\bse entender[áa]n? por\b", re.IGNORECASE)
_DEFS_HEADING = re.compile(r"interpretation|definition|meaning|glossary|définition|definici", re.IGNORECASE)
DEFINITION = "definition"
_IS_DEFINITION = re.compile(r"[“\"‘'«]\s*([^”\"’'»]{1,80})[”\"’'»]\s*,?\s*(?:is|are|est|es) (?:an?|the|une?|la|le|el)\b")
_FR_CA_DEFINITION = re.compile(r"«\s*([^»]{1,80}?)\s*»\s*[A-ZÀ-Ý]")  # « données » Représentations ... (data)
_PLAIN_DEFINITION = re.compile(r"(?!(?:a|an|any|the|this|that|each|every|it|references?|nothing|or|and|which|who)\b)"
                               r"([A-Za-z][\w'’-]*(?: [\w'’-]+){0,5}?),? (?:means|includes|has the (?:same )?meaning|"
                               r"shall mean|refers to)\b", re.IGNORECASE)
_ENACTING = re.compile(r"\benact|\bWHEREAS\b|\bfollows\s*[:—–-]+\s*$|\bhereby\b", re.IGNORECASE)
_VERBISH = re.compile(r"\b(?:shall|may|must|is|are|was|were|means|includes|has|have|will|be|who|which|"
                      r"wird|ist|sind|est|sont|es|son)\b", re.IGNORECASE)


_SENTENCE_OPENERS = frozenset("This These The A An Any Every Each No Nothing Where If It".split())


def heading_like(text: str, max_words: int = 14) -> bool:
    """A short line that names a provision rather than states it ("Short title", "Unauthorised access")."""
    t = text.strip()
    if not t or len(t) > 120 or not (t[0].isupper() or t[0].isdigit()):
        return False
    words = t.split()
    if len(words) > max_words:
        return False
    if t[-1] in ",;:—–-(" or _DANGLING.search(t):
        return False
    if t[-1] == "." and (len(words) > 8 or (_VERBISH.search(t) and not t.isupper())):
        return False
    if t[-1] == "." and len(words) >= 4 and words[0] in _SENTENCE_OPENERS:
        return False  # "This Regulation applies to intermediary services.": a sentence, not a title
    if t[-1] not in ".)" and not t[-1].isalnum() and t[-1] not in "”’\"":
        return False
    return t.isupper() or not _VERBISH.search(t) or len(words) <= 3


# ---------------------------------------------------------------------------------------------- segmenter


class Segmenter:
    """Build the tree for one document. Use: `roots = Segmenter(blocks).run()`."""

    def __init__(self, blocks: tuple[Block, ...] | list[Block]):
        self.lines = lines_of(blocks)
        self.root = Node(level=ROOT)
        self.stack: list[Node] = [self.root]
        self.heading_driven = _heading_driven(blocks)
        self.title = ""
        self.pending_heading: tuple[str, Location] | None = None
        self.quote_node: Node | None = None
        self.quote_by_block = False
        self.index = 0
        self.opened: list[Node] = []  # clauses opened by the current line
        self.started = False  # has a real section or container been opened yet
        self.notes: list[tuple[str, Location]] = []  # footnotes, gathered into one clause at the end
        self.dropped: list[str] = []  # numbers read but not kept (a section number printed twice)
        self.prev_heading = False
        self.prev_line: Line | None = None
        self.prev_closed = True  # did the previous line end a sentence (allows UK "181 Heading")

    # ----- stack helpers

    @property
    def top(self) -> Node:
        return self.stack[-1]

    def section_node(self) -> Node | None:
        for node in reversed(self.stack):
            if node.level == SECTION:
                return node
        return None

    def _push(self, node: Node) -> Node:
        parent = self.top
        if parent.in_wrap and node.level != QUOTED:
            parent.in_wrap = False
        node.parent = parent
        parent.children.append(node)
        self.stack.append(node)
        self.opened.append(node)
        if node.level in (SECTION, CONTAINER) and node.kind != "preamble":
            self.started = True
        return node

    def _pop_to(self, index: int) -> None:
        del self.stack[index + 1:]

    def _pop_sections(self) -> None:
        while self.top.level in (SECTION, SUB, QUOTED):
            self.stack.pop()

    # ----- text targets

    def _add_text(self, node: Node, text: str, loc: Location) -> None:
        if not text:
            return
        if node.level == ROOT:
            node = self._open_preamble(loc)
        (node.wrap if node.in_wrap else node.text).append((text, loc))

    def _open_preamble(self, loc: Location) -> Node:
        """Words before any number: a preamble (or, for a bare provision, its only clause)."""
        node = Node(level=SECTION, kind="preamble", loc=loc, implicit=True)
        if self.pending_heading:
            node.heading = self.pending_heading[0]
            self.pending_heading = None
        return self._push(node)

    def _wrap_parent(self, node: Node) -> Node | None:
        """Turn the parent of `node` into the receiver of closing words; returns it.

        Only a parent with a lead-in ("A person who—") can have closing words; under a bare section number
        the sub-clauses are independent subsections and text after them stays with the last one.
        """
        parent = node.parent
        if parent is None or parent.level == ROOT or parent.level == CONTAINER or not parent.text:
            return None
        idx = self.stack.index(parent)
        self._pop_to(idx)
        parent.in_wrap = True
        return parent

    # ----- decisions

    def _sub_choice(self, tok: Token, rest: str | None = None) -> tuple[float, str, int, Reading] | None:
        """Best placement of a subdivision number: as the next sibling of an open level, or a new child.

        `rest` is the text after the number on its line: when two readings both fit ("(i)" after "(h)" is
        the next letter or a first roman item), the one whose successor is the next number read wins.
        """
        options: list[tuple[float, int, str, int, Reading]] = []
        floor_idx = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].level in (SECTION, CONTAINER, ROOT):
                floor_idx = i
                break
        pt = next((r for r in tok.readings if r.style == nb.PARAGRAPH_PT), None)
        if pt is not None:  # "§ 1º", "Parágrafo único": always a paragraph of the article, after its incisos
            for i in range(len(self.stack) - 1, floor_idx, -1):
                if self.stack[i].style == nb.PARAGRAPH_PT:
                    return 3.0, "sibling", i, pt
            return 3.0, "child-of", floor_idx, pt
        open_styles = {self.stack[i].style for i in range(floor_idx + 1, len(self.stack))}
        top = self.top
        for order, r in enumerate(tok.readings):
            if r.style in nb.SECTION_STYLES or r.style == nb.CONTAINER:
                continue
            family = nb.FAMILY.get(r.style)
            for i in range(len(self.stack) - 1, floor_idx, -1):
                n = self.stack[i]
                if n.level != SUB:
                    continue
                exact = n.style == r.style
                if not exact and (family is None or nb.FAMILY.get(n.style) != family or r.style in open_styles):
                    continue
                nxt = n.ordinal < r.ordinal <= int(n.ordinal) + 1 + 1e-9
                if exact:
                    score = 3.0 if nxt else (1.0 if r.ordinal > n.ordinal else 0.5)
                else:
                    score = 2.8 if nxt else 0.6
                options.append((score, -order, "sibling", i, r))
                break
            if r.style not in open_styles:
                first = 1.0 <= r.ordinal < 2.0
                score = 2.5 if first else 0.8
                if first and _CHAPEAU_END.search(top.last_text()):
                    score = 3.5
                elif first and r.style == nb.PAREN_DOUBLE:
                    # "(aa)" under an item opens a level only if "(bb)" follows; alone it is an insert
                    following = self._next_sub_token(rest) if rest is not None else None
                    score = 2.6 if following is not None and _succeeds(r, following) else 0.9
                options.append((score, -order, "child", len(self.stack) - 1, r))
        if not options:
            return None
        if rest is not None and len({nb.FAMILY.get(o[4].style) for o in options if o[0] >= 2.5}) > 1:
            following = self._next_sub_token(rest)
            if following is not None:
                options = [(o[0] + 1.5 if _succeeds(o[4], following) else o[0],) + o[1:] for o in options]
        score, _neg, how, idx, reading = max(options, key=lambda o: (o[0], o[1], o[2] == "sibling"))
        return score, how, idx, reading

    def _next_sub_token(self, rest: str) -> Token | None:
        """The next subdivision number after this one: later on the same line, else at the start of one of
        the next lines (unnumbered lines are skipped; a section number ends the search)."""
        for _pos, tok in nb.find_inline(rest[:2000]):
            return tok
        for later in self.lines[self.index + 1:self.index + 20]:
            tok = nb.parse(later.text)
            if tok is None:
                continue
            if tok.section_level or tok.container:
                return None
            return tok
        return None

    def _dot_is_item(self, tok: Token) -> bool:
        """Is "3." an item inside the current section/article rather than a new section?"""
        if not any(r.style == nb.DOT_ARABIC for r in tok.readings):
            return False
        sec = self.section_node()
        if sec is None:
            return False
        if sec.kind == "preamble":
            # "In this Act, unless the context otherwise requires—" then "1." is a list; an enacting
            # formula ("BE it enacted ... as follows:") is followed by the first section
            pieces = [t for t, _ in sec.text if not re.fullmatch(r"[\s.…\[\]]*", t)]  # skip "…" and "[...]"
            lead = " ".join(pieces[-3:])
            return bool(pieces and _CHAPEAU_END.search(pieces[-1])) and not _ENACTING.search(lead)
        if sec.style != nb.SECTION_DOT or self.heading_driven:
            return True
        # inside a dot-numbered section: an open item level continues, a new section must come next
        for node in self.stack:
            if node.level == SUB and node.style == nb.DOT_ARABIC:
                value = tok.readings[0].ordinal
                return node.ordinal < value <= int(node.ordinal) + 1
        value = tok.readings[0].ordinal
        return value == 1.0 and bool(_CHAPEAU_END.search(self.top.last_text())) and value <= sec.ordinal

    def _opens_section(self, tok: Token | None, in_heading: bool) -> bool:
        if tok is None or not tok.section_level:
            return False
        if self.heading_driven and not in_heading:
            return False
        return not self._dot_is_item(tok)

    # ----- opening clauses

    def _open_container(self, tok: Token | None, loc: Location, rank: float, kind: str, num: str,
                        keyword: str, heading: str) -> Node:
        self._pop_sections()
        while self.top.level == CONTAINER and (self.top.rank >= rank or kind == "schedule"):
            self.stack.pop()
        node = Node(level=CONTAINER, kind=kind, num=num, rank=rank, keyword=keyword, loc=loc,
                    heading=heading, raw=tok.raw if tok else "",
                    ordinal=tok.readings[0].ordinal if tok else 0.0)
        return self._push(node)

    def _open_section(self, tok: Token, loc: Location, md_level: int = 0) -> Node:
        self._pop_sections()
        if md_level:
            while self.top.level == CONTAINER and self.top.rank >= md_level:
                self.stack.pop()
        reading = next(r for r in tok.readings if r.style in nb.SECTION_STYLES)
        kind = "article" if reading.style == nb.ARTICLE else "section"
        node = Node(level=SECTION, kind=kind, num=tok.num, style=reading.style, ordinal=reading.ordinal,
                    keyword=tok.keyword, raw=tok.raw, loc=loc)
        if self.pending_heading:
            node.heading = self.pending_heading[0]
            self.pending_heading = None
        return self._push(node)

    def _open_sub(self, tok: Token, choice: tuple[float, str, int, Reading], loc: Location,
                  block_level: int) -> Node:
        _score, how, idx, reading = choice
        if how == "sibling":
            self._pop_to(idx - 1)
        elif how == "child-of":
            self._pop_to(idx)  # a child of the article, not of the inciso above (a Lusophone paragraph)
        if self.section_node() is None:
            self._open_implicit(loc)
        node = Node(level=SUB, num=tok.num, style=reading.style, ordinal=reading.ordinal, raw=tok.raw, loc=loc,
                    block_level=block_level)
        return self._push(node)

    def _open_implicit(self, loc: Location) -> None:
        """Sub-clauses with no section above them: a one-provision file. Give them a root section."""
        top = self.top
        if top.level == SECTION and top.kind == "preamble":
            top.kind = "section"
            return
        node = Node(level=SECTION, kind="section", implicit=True, loc=loc)
        if self.pending_heading:
            node.heading = self.pending_heading[0]
            self.pending_heading = None
        self._push(node)

    # ----- the main loop

    def _contents_span(self) -> tuple[int, int]:
        """Lines [start, end) of an "Arrangement of Sections" / table of contents before the body, or (0, 0).

        The contents list the section numbers and headings once; the body starts where the first listed
        number comes again. Those lines stay in the preamble so they are not read as the bill's sections.
        """
        lines = self.lines
        for start, line in enumerate(lines[:400]):
            if _CONTENTS.match(line.text):
                break
        else:
            return 0, 0
        first: str | None = None
        entries = titles = 0
        for i in range(start + 1, min(len(lines), start + 3000)):
            text = lines[i].text
            tok = nb.parse(text, allow_bare=True)
            if tok is None or not tok.section_level:
                continue
            if first is None:
                first = tok.num
            elif tok.num == first:
                # contents list titles ("1. Short title."); a body between two "1."s (a schedule's) states rules
                if titles < 0.7 * entries:
                    return 0, 0
                return start, self._body_start(start, i)
            entries += 1
            titles += heading_like(text[tok.end:] or "Untitled")
        return 0, 0

    def _body_start(self, start: int, end: int) -> int:
        """Step back over the Part heading that opens the body ("PART I" / "PRELIMINARY" above "1.")."""
        lines = self.lines
        while end - 1 > start:
            tok = nb.parse(lines[end - 1].text, allow_bare=True)
            if tok is not None and tok.container:
                end -= 1
                continue
            above = nb.parse(lines[end - 2].text, allow_bare=True) if end - 2 > start else None
            if heading_like(lines[end - 1].text) and above is not None and above.container:
                end -= 2
                continue
            break
        return end

    def run(self) -> list[Node]:
        lines = self.lines
        toc_start, toc_end = self._contents_span()
        i = 0
        while i < len(lines):
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            self.index = i
            if toc_start <= i < toc_end:
                self._flush_pending()
                target = self.top if self.top.level == SECTION and self.top.kind == "preamble" else None
                if target is None:
                    self._pop_sections()
                    target = self._open_preamble(line.loc) if self.top.level == ROOT else self.top
                target.text.append((line.text, line.loc))
                self.prev_line, self.prev_closed = line, True
                i += 1
                continue
            if line.block.kind == "footnote":
                self.notes.append((line.text, line.loc))  # kept apart: a note is not a provision
                i += 1
                continue
            if line.block.kind == "margin-note" and line.first and not self.quote_node:
                self._flush_pending()
                self.pending_heading = (line.text, line.loc)  # names the provision that follows
            elif self._quoted(line):
                if self.quote_node is None:  # the quotation closed: what follows starts afresh
                    self.prev_line, self.prev_closed, self.prev_heading = line, True, False
                    i += 1
                    continue
            elif line.block.kind in ("heading", "title"):
                self._heading(line, nxt)
            else:
                self.opened = []
                self._line(line, nxt)
                if line.first and line.block.heading:
                    self._marginal_note(line.block.heading)
            self.prev_line = line
            self.prev_heading = line.block.kind == "heading"
            self.prev_closed = line.text.rstrip()[-1:] in ".:;—–-)…" or line.block.kind == "heading" or (
                nxt is not None and nxt.first) or heading_like(line.text)
            i += 1
        if self.pending_heading:
            text, loc = self.pending_heading
            self.pending_heading = None
            self._add_text(self.top, text, loc)
        if self.notes:
            notes = Node(level=SECTION, kind="note", implicit=True, loc=self.notes[0][1], text=self.notes)
            notes.parent = self.root
            self.root.children.append(notes)
        return self.root.children

    def _quoted(self, line: Line) -> bool:
        """Quoted amending text: kept whole in one quoted clause, never split into the bill's own sections."""
        node = self.quote_node
        if node is not None:
            if self.quote_by_block:
                if line.block.quoted:
                    node.text.append((line.text, line.loc))
                    return True
                self.quote_node = None
            else:
                node.text.append((line.text, line.loc))
                if _CLOSE_QUOTE_END.search(line.text):
                    self.quote_node = None
                return True
        starts_quote = line.text[:1] in _OPEN_QUOTE and not _closes_on_same_line(line.text) and \
            not _DEFINITION_START.match(line.text)
        by_block = line.block.quoted
        if not by_block and not (starts_quote and (_AMEND_LEAD.search(self.top.last_text() or "")
                                                   or _quotes_a_provision(line.text)) and self._quote_closes()):
            return False
        if self.top.level == ROOT:
            self._open_preamble(line.loc)
        node = Node(level=QUOTED, kind="quoted", quoted=True, loc=line.loc)
        node.text.append((line.text, line.loc))
        node.parent = self.top
        self.top.children.append(node)
        self.quote_by_block = by_block
        closed = not by_block and len(line.text) > 1 and _CLOSE_QUOTE_END.search(line.text[1:])
        self.quote_node = None if closed else node
        return True

    def _quote_closes(self) -> bool:
        """Does a line within reach close the quotation? A stray quote must not swallow the rest of the bill."""
        for later in self.lines[self.index:self.index + QUOTE_REACH]:
            if len(later.text) > 1 and _CLOSE_QUOTE_END.search(later.text):
                return True
        return False

    def _heading(self, line: Line, nxt: Line | None) -> None:
        """A heading Block: a numbered section or container, a title, a cross-heading, or a marginal note."""
        text, md_level = line.text, line.block.level
        tok = nb.parse(text, allow_bare=True)
        if tok is not None and tok.section_level and not (md_level == 0 and self._dot_is_item(tok)):
            self._flush_pending()
            node = self._open_section(tok, line.loc, md_level=md_level)
            node.heading = node.heading or _clean_heading(text[tok.end:])
            return
        if tok is not None and tok.container:
            self._flush_pending()
            rank = md_level if md_level else tok.rank
            heading = _clean_heading(text[tok.end:])
            node = self._open_container(tok, line.loc, rank, tok.kind, tok.num, tok.keyword, heading)
            node.expect_heading = not heading
            return
        top = self.top
        if top.level == CONTAINER and top.expect_heading and not top.heading:
            top.heading, top.expect_heading = _clean_heading(text), False
            return
        if top.level == CONTAINER and not top.children and not top.text and self.prev_heading and top.heading \
                and text.isupper() == top.heading.isupper() and not md_level:
            top.heading = f"{top.heading} {_clean_heading(text)}"  # a heading wrapped onto a second line
            return
        started = self.started
        kind, num = _container_kind(text)
        keyworded = any(w in text.lower().split() for _k, words in _CONTAINER_HINTS for w in words)
        next_opens = nxt is not None and nxt.block.kind not in ("heading", "title") and self._opens_section(
            nb.parse(nxt.text, allow_bare=True), in_heading=False)
        if line.block.kind == "title" or (not started and not next_opens and not (md_level > 1 and keyworded)):
            if line.block.kind == "title" and not self.title or (not self.title and md_level == 1):
                self.title = text
            self._flush_pending()
            node = self._open_preamble(line.loc) if top.level == ROOT else top
            if not node.heading and top.level in (ROOT, SECTION):
                node.heading = text
            else:
                self._add_text(node, text, line.loc)
            return
        if next_opens and not nxt.block.heading:
            self._flush_pending()
            self.pending_heading = (text, line.loc)
            return
        self._flush_pending()
        self._open_container(None, line.loc, md_level or 5, kind, num, "", _clean_heading(text))

    def _marginal_note(self, heading: str) -> None:
        """A heading the reader found beside the block (PDF/DOCX/HTML marginal note) names its clause."""
        target = self.opened[0] if self.opened else self.top
        if target.level == ROOT:
            return
        if not target.heading:
            target.heading = heading

    def _flush_pending(self) -> None:
        if self.pending_heading:
            text, loc = self.pending_heading
            self.pending_heading = None
            self._add_text(self.top, text, loc)

    def _line(self, line: Line, nxt: Line | None) -> None:
        text, loc = line.text, line.loc
        allow_bare = self.prev_closed and not self.heading_driven
        tok = nb.parse(text, allow_bare=allow_bare)
        bullet = re.match(r"[-•*–▪]\s+", text)
        if tok is None and bullet:  # "- a) soit ...": a list bullet before the number
            inner = nb.parse(text[bullet.end():])
            if inner is not None and not inner.section_level and not inner.container:
                tok = nb.Token(raw=text[:bullet.end()] + inner.raw, num=inner.num, end=bullet.end() + inner.end,
                               readings=inner.readings)
        if tok is not None and (tok.container or (tok.section_level and not self._dot_is_item(tok))) and \
                not line.first and not self.prev_closed:
            tok = None  # "... required under\nSchedule II." — a wrapped line, not a new provision
        if tok is not None and not tok.section_level and not tok.container and self._wrapped_number(line, tok):
            tok = None  # "... reduced by one\n(1) degree lower": a number inside a sentence that wrapped
        if tok is not None and not self._ref_continues(line):
            if tok.container and not self.heading_driven:
                heading = _clean_heading(text[tok.end:])
                body_at = None
                if len(heading.split()) > 16:  # "Third Schedule. Prohibited content. Content which (a) ...": a
                    cut = re.search(r"[.:—]\s", text[tok.end:tok.end + 120])  # title, then the schedule's words
                    if cut and heading_like(text[tok.end:tok.end + cut.start()].strip(" .:—")):
                        heading = _clean_heading(text[tok.end:tok.end + cut.start()])
                        body_at = tok.end + cut.end()
                node = self._open_container(tok, loc, tok.rank, tok.kind, tok.num, tok.keyword, heading)
                if body_at is not None:
                    self._body(text, body_at, loc)
                    return
                if not heading and nxt is not None and heading_like(nxt.text) and nb.parse(nxt.text) is None:
                    node.expect_heading = True
                return
            if self._opens_section(tok, in_heading=False):
                sec = self.section_node()
                if sec is not None and sec.num == tok.num and sec.style in (r.style for r in tok.readings) \
                        and text[tok.end:tok.end + 1] in "([":
                    self.dropped.append(tok.raw)  # "319. (2)": the section number repeated
                    self._body(text, tok.end, loc)
                    return
                node = self._open_section(tok, loc)
                self._section_rest(node, text, tok.end, loc, nxt)
                return
            if not tok.container and not (tok.section_level and not self._dot_is_item(tok)
                                          and not self.heading_driven):
                choice = self._sub_choice(tok, text[tok.end:])
                if choice is not None:
                    self._flush_pending()
                    self._open_sub(tok, choice, loc, line.block.level)
                    self._body(text, tok.end, loc)
                    return
        # unnumbered line
        if self._heading_continues(text):
            self.top.heading = f"{self.top.heading} {text}"  # "USE OF ... UNSOLICITED" / "MESSAGES"
            return
        if self.pending_heading is None and heading_like(text) and nxt is not None and \
                not (nxt.first and nxt.block.heading) and \
                nxt.block.kind not in ("heading", "title") and self._opens_section(
                    nb.parse(nxt.text, allow_bare=True), in_heading=False) and not self.top.expect_heading:
            self.pending_heading = (text, loc)
            return
        self._flush_pending()
        top = self.top
        if top.expect_heading and heading_like(text) and not top.heading and nxt is not None:
            top.heading = text
            top.expect_heading = False
            return
        top.expect_heading = False
        probe = f"{text} {nxt.text[:40]}" if nxt is not None and not nxt.first and len(text) <= 90 and \
            text[-1:] in "”\"’'»" else text  # the term alone on its line, "means" on the next
        definition = _DEFINITION_START.match(probe) or _IS_DEFINITION.match(probe) or _FR_CA_DEFINITION.match(text) or (
            self.prev_closed and _PLAIN_DEFINITION.match(text))
        if definition:
            holder = self._definitions_holder()
            if holder is not None:
                # each definition is a clause of its own, so its list "(a) ... (b) ..." nests under it
                self._pop_to(self.stack.index(holder))
                self._push(Node(level=SUB, kind=DEFINITION, style=DEFINITION, keyword=definition.group(1).strip(),
                                loc=loc, block_level=line.block.level))
                self._body(text, 0, loc)
                return
        if top.kind == DEFINITION:  # a definition's further paragraphs (a proviso, an illustration) are its own
            self._body(text, 0, loc)
            return
        if top.level == SUB and top.text:
            if line.first and line.block.level <= top.block_level:
                target = self._wrap_parent(top)
                if target is not None:
                    self._body(text, 0, loc)
                    return
            elif not line.first and _LIST_END.search(top.last_text()) and top.parent is not None \
                    and top.parent.level != ROOT and (_WRAP_START.match(text) or (
                        text[:1].islower() and _final_item(top) and self._short_break(line))) \
                    and self._wrap_parent(top) is not None:
                self._body(text, 0, loc)
                return
        self._body(text, 0, loc)

    def _definitions_holder(self) -> Node | None:
        """The open clause whose definitions these are: the innermost one with a definitions lead-in ("In
        this Act, unless the context otherwise requires—") or heading, or that already holds definitions."""
        for node in reversed(self.stack):
            if node.level not in (SECTION, SUB):
                return None
            if node.kind == DEFINITION:
                continue
            if any(child.kind == DEFINITION for child in node.children[-1:]) or \
                    _DEFS_HEADING.search(node.heading) or any(_DEFS_LEAD.search(t) for t, _ in node.text[:3]):
                return node
            if node.level == SECTION:
                return None
        return None

    def _heading_continues(self, text: str) -> bool:
        """Is this upper-case line the second line of a long Part heading just read?"""
        top, prev = self.top, self.prev_line
        return (top.level == CONTAINER and bool(top.heading) and not top.text and not top.children
                and text.isupper() and heading_like(text) and prev is not None and prev.text.isupper()
                and top.heading.endswith(prev.text) and len(prev.text) >= 35)

    def _short_break(self, line: Line) -> bool:
        """Did the previous line end well before the block's width (a real break, not a hard wrap)?"""
        prev = self.prev_line
        if prev is None or prev.block_index != line.block_index:
            return True
        return len(prev.text) < 0.7 * line.width

    def _wrapped_number(self, line: Line, tok: Token) -> bool:
        """Is a "(1)" at the start of this line part of the sentence the previous line left open?

        A new item follows the end of a clause or a lead-in, or comes next in sequence. A number that
        repeats the number word before it ("one\n(1) degree", "seven\n(7) days") is the figure of that
        word; any other number that is neither next nor first, after a line that stopped mid-sentence,
        is words of that sentence.
        """
        prev = self.prev_line
        if prev is None or prev.block.kind in ("heading", "title") or not prev.text or \
                prev.text[-1:] in ".:;,—–-)…”\"":
            return False
        words = prev.text.split()
        last = words[-1].lower() if words else ""
        value = _NUMBER_WORDS.get(last)
        if value is not None and any(r.style == nb.PAREN_ARABIC and r.ordinal == value for r in tok.readings):
            return True
        if last in ("and", "or", "to") and len(words) > 1 and (
                re.search(r"[(\[]\w{1,4}[)\]],?$", words[-2]) or words[-2].lower() in _REF_WORDS):
            return True  # "paragraphs 15(1)(a) and\n(b)": the second number of a reference
        if line.first or self.prev_closed or _CHAPEAU_END.search(prev.text) or _LIST_END.search(prev.text):
            return False
        choice = self._sub_choice(tok, line.text[tok.end:])
        return choice is None or choice[0] < 2.5

    def _ref_continues(self, line: Line) -> bool:
        """"(2)" at the start of a line right after "subsection" is a reference, not a number."""
        if line.first:
            return False
        prev = self.top.last_text().split()
        return bool(prev) and prev[-1].lower().strip(",") in _REF_WORDS and line.text[:1] in "(["

    def _section_rest(self, node: Node, text: str, pos: int, loc: Location, nxt: Line | None) -> None:
        """After a section number: a heading on the same line, then the body (which may open with "(1)")."""
        rest = text[pos:]
        if not node.heading:
            m = _HEADING_SPLIT.match(rest)
            if m and heading_like(m.group("h").rstrip(".") + "", max_words=20) and not rest.startswith(("(", "[")):
                node.heading = m.group("h").strip().rstrip(".")
                pos += m.end()
                rest = text[pos:]
            elif rest and nxt is not None and not nxt.text.startswith(("“", '"')) and heading_like(rest) and \
                    (nxt.first or not nxt.text[:1].islower()) and not _DANGLING.search(rest) and \
                    (nb.parse(rest) is None) and len(rest.split()) <= 12 and (
                        node.style != nb.SECTION_DOT or rest[-1:] != "." or len(rest.split()) <= 6):
                node.heading = rest.strip().rstrip(".")
                return
            elif not rest.strip():
                node.expect_heading = nxt is not None and heading_like(nxt.text) and nb.parse(nxt.text) is None
                return
        self._body(text, pos, loc)

    def _body(self, text: str, pos: int, loc: Location) -> None:
        """Words of the innermost clause, split where an inline number opens a new clause."""
        # numbers straight after the clause's own number: "22. (1) A person", "1.(1)(a) ..."
        while pos < len(text):
            tok = nb.parse(text[pos:], line_start=True, allow_bare=False)
            if tok is None or tok.container or (tok.section_level and not self._dot_is_item(tok)):
                break
            choice = self._sub_choice(tok, text[pos + tok.end:])
            if choice is None or choice[0] < 2.5:
                break
            self._open_sub(tok, choice, _shift(loc, pos), 0)
            pos += tok.end
        start = pos
        for cand_pos, tok in nb.find_inline(text, pos):
            if cand_pos < start:
                continue
            if not self._inline_ok(text, start, cand_pos, tok):
                continue
            choice = self._sub_choice(tok, text[cand_pos + tok.end:])
            if choice is None or choice[0] < 2.5:
                continue
            self._chunk(text[start:cand_pos].rstrip(), _shift(loc, start))
            self._open_sub(tok, choice, _shift(loc, cand_pos), 0)
            start = cand_pos + tok.end
        self._chunk(text[start:], _shift(loc, start))

    def _inline_ok(self, text: str, start: int, pos: int, tok: Token) -> bool:
        before = text[max(start, pos - 80):pos].rstrip()  # a bounded look-behind keeps long lines linear
        if not before:
            before = self.top.last_text().rstrip()
        words = before.split()
        if not words:
            return True
        last = words[-1].lower()
        if last in _REF_WORDS:
            return False
        value = _NUMBER_WORDS.get(last)
        if value is not None and any(r.style == nb.PAREN_ARABIC and r.ordinal == value for r in tok.readings):
            return False  # "one (1) degree", "thirty (30) days": the figure of the word before it
        if len(words) > 1 and re.fullmatch(r"\d+[A-Za-z]?,?", last) and words[-2].lower() in _REF_WORDS:
            return False  # "paragraph 1 (a)"
        if last in ("and", "or", "to", "und", "oder", "et", "ou", "y", "o") and len(words) > 1:
            prev = words[-2]
            if re.search(r"[(\[]\w{1,4}[)\]],?$", prev) or prev.lower() in _REF_WORDS:
                return False
        return not re.search(r"[(\[]\w{1,4}[)\]]$", before)  # "22(1) (a)": a chain of a reference

    def _chunk(self, text: str, loc: Location) -> None:
        """Add words to the innermost clause; ", then ..." after the last sub-clause is its parent's wrap-up."""
        loc = _shift(loc, len(text) - len(text.lstrip()))
        text = text.strip()
        if not text:
            return
        top = self.top
        if top.level == SUB and not top.text and not top.heading:
            heading, rest = split_sub_heading(text)
            if heading:
                top.heading = heading
                loc = _shift(loc, len(text) - len(rest))
                text = rest
        if top.level == SUB and top.parent is not None and top.parent.level != ROOT:
            m = _INLINE_WRAP.search(text)
            if m:
                head = text[:m.start() + 1]
                self._add_text(top, head, loc)
                parent = self._wrap_parent(top)
                if parent is not None:
                    rest_at = m.end()
                    self._add_text(parent, text[rest_at:], _shift(loc, rest_at))
                    return
                self._add_text(self.top, text[m.start() + 1:].strip(), _shift(loc, m.start() + 1))
                return
        self._add_text(top, text, loc)


_SUB_HEADING = re.compile(r"(?P<h>[A-Z0-9][^—–\n]{1,80}?)(?:\.\s*[—–]+|\.?\s*-{2}|\.\s+[—–]\s)\s*"
                          r"(?=[A-Z(“\"‘`])")


def split_sub_heading(text: str) -> tuple[str, str]:
    """"In General.—In this Act:" -> ("In General", "In this Act:"); ("", text) when there is no heading."""
    m = _SUB_HEADING.match(text)
    if not m:
        return "", text
    heading = m.group("h").strip().rstrip(".")
    if not heading_like(heading, max_words=10):
        return "", text
    return heading, text[m.end():]


def _heading_driven(blocks: tuple[Block, ...] | list[Block]) -> bool:
    """Are sections numbered in headings ("#### § 202a ...")? Then a "§ 149" opening a body line is a citation.

    Decided by majority, so a Word file with a few section headings styled as headings still reads the
    section numbers of its ordinary paragraphs.
    """
    heading_styles: dict[str, int] = {}
    body_styles: dict[str, int] = {}
    for block in blocks:
        tok = nb.parse(block.text, allow_bare=block.kind == "heading")
        if tok is None or not tok.section_level:
            continue
        counts = heading_styles if block.kind == "heading" else body_styles
        counts[tok.readings[0].style] = counts.get(tok.readings[0].style, 0) + 1
    in_headings = sum(heading_styles.values())
    in_body = sum(n for style, n in body_styles.items() if style in heading_styles)  # "1." items don't count
    return in_headings > 0 and in_headings >= in_body


def _succeeds(reading: Reading, following: Token) -> bool:
    """Is `following` the next number after `reading` in the same sequence ("(ii)" after roman "(i)")?"""
    family = nb.FAMILY.get(reading.style)
    return any(nb.FAMILY.get(r.style) == family and reading.ordinal < r.ordinal <= int(reading.ordinal) + 1 + 1e-9
               for r in following.readings)


def _final_item(node: Node) -> bool:
    """Is this the last item of a list ("(b) x; and" came before it)?"""
    parent = node.parent
    if parent is None or len(parent.children) < 2:
        return False
    prev = parent.children[-2]
    last = prev.text[-1][0] if prev.text else ""
    return bool(re.search(r"[;,]\s*(?:and|or|und|oder|et|ou|y|o)\s*$", last))


def _shift(loc: Location, by: int) -> Location:
    return loc.shifted(by)


def _closes_on_same_line(text: str) -> bool:
    body = text[1:]
    return any(q in body for q in "”’»\"") and not _CLOSE_QUOTE_END.search(text) is None and len(text) < 200 \
        and not re.match(r"[“\"‘«']\s*(?:\(?\w{1,4}[.)]|Section|Article|Part)", text)


def _quotes_a_provision(text: str) -> bool:
    """Does a line open a quotation with a provision's own number ("«Art. 3. ...", "“66B. ...")? Such a
    number belongs to the text being inserted, never to the bill's own sections."""
    rest = text[1:].lstrip()
    tok = nb.parse(rest)
    return tok is not None and (tok.section_level or tok.container)


def _clean_heading(text: str) -> str:
    return text.strip().strip("-–—:.").strip()


_CONTAINER_HINTS = (
    ("schedule", ("schedule", "anlage", "annex", "anexo", "annexe", "appendix")),
    ("part", ("teil", "part", "partie", "parte", "buch", "book", "livre", "libro", "título", "titre")),
    ("chapter", ("abschnitt", "chapter", "chapitre", "capítulo", "kapitel")),
    ("division", ("titel", "division", "sección", "unterabschnitt")),
)


def _container_kind(text: str) -> tuple[str, str]:
    words = [w.strip(".,:-–—").lower() for w in text.split()[:4]]
    for kind, keys in _CONTAINER_HINTS:
        if any(w in keys for w in words):
            num = ""
            for w in words:
                if w in nb._ORDINAL_WORDS:
                    num = str(nb._ORDINAL_WORDS[w])
                elif w.isdigit():
                    num = w
            return kind, num
    return "division", ""
