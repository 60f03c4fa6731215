"""Akoma Ntoso 3.0 and USLM 2.x: Blocks straight from the document's own structure, parsed safely.

Safety: lxml with entity resolution, DTD loading and network access off and huge_tree off; a document that
declares entities (billion laughs, XXE) is refused before parsing. Depth is capped by max_xml_depth.

How Blocks encode the tree (what `structure.build_bill` relies on to rebuild it 1:1)
-----------------------------------------------------------------------------------
Blocks come in document order. Three kinds, told apart by `hint`:

* A **unit** block for every structural element (part, chapter, section, subsection, paragraph,
  subparagraph, clause, item, article, point, ... see STRUCTURAL): `hint` = the element's local name
  (lower case, e.g. "section", "subsection", "point"; "hcontainer" uses its @name when it has one),
  `num` = the <num> text as printed ("SEC. 3.", "(a)"), `heading` = the <heading> text without trailing
  dashes or full stop, `text` = the unit's own words before its first child unit (<intro>/<chapeau>/
  <content>, list intros), `level` = nesting depth among units (1 = outermost unit; a child is always
  exactly one deeper than its parent), `quoted` = True inside quotedStructure/quotedContent (the quoted
  units nest one level below the unit that quotes them). `location.line` = the element's source line.
  The parent of a unit block at level L is the nearest preceding unit block at level L-1.
* A **wrapup** block (`hint="wrapup"`, kind "paragraph"): words after a unit's children (<wrapUp>,
  <continuation>, text after a quoted structure). Its `level` equals the level of the unit it closes, which
  is the nearest preceding unit block at that level; append its text to that unit's wrap_up.
* A **crossheading** block (`hint="crossheading"`, AKN <crossHeading>): a heading-only unit with no text and
  no children, at the level of the sections it stands over; its words are in `heading`.
* Schedules (AKN <attachments>): each attached document is a level-1 unit with hint "schedule" (or
  "annex", "appendix", "attachment") whose heading is the attachment's title and whose units nest below it.
* A **preamble** block (`hint="preamble"`, `level=0`): text outside every unit (long title, enacting
  formula, preamble recitals), in order. Not a numbered unit.

Left out: metadata, prefaces, notes (authorialNote, note(s), footnote, sidenote), table-of-contents, and
text marked deleted (USLM changed="deleted", <del>) or editorial (AKN status="editorial", e.g. page markers).
"""

from __future__ import annotations

import re

from lxml import etree

from lawlint import limits as _limits
from lawlint.model import Block, Document, Location, ReadError

STRUCTURAL = frozenset({
    # Akoma Ntoso hierarchy
    "book", "tome", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "division",
    "subdivision", "section", "subsection", "article", "paragraph", "subparagraph", "clause", "subclause",
    "point", "indent", "alinea", "rule", "subrule", "proviso", "list", "hcontainer", "level", "transitional",
    # USLM additions
    "item", "subitem", "subsubitem", "compiledAct", "courtRules", "courtRule", "reorganizationPlans",
    "reorganizationPlan", "appropriations",
})
# AKN <list> and <blockList> only group points: their intro/wrapUp belong to the enclosing unit.
TRANSPARENT = frozenset({"list", "blockList"})
UNIT_TAGS = (STRUCTURAL - TRANSPARENT) | {"crossHeading"}
NUM_TAGS = frozenset({"num", "enum"})
HEADING_TAGS = frozenset({"heading", "header"})
QUOTE_TAGS = frozenset({"quotedStructure", "quotedContent", "quoted-block", "embeddedStructure"})
SKIP_TAGS = frozenset({
    "meta", "preface", "authorialNote", "note", "notes", "footnote", "sidenote", "toc", "tocItem", "del",
    "marker", "eop", "eol", "img", "conclusions", "endorsement", "attachments", "components",
    "coverPage", "sourceCredit", "subheading",
})
# Elements that start a new run of text (paragraph boundary); everything else is inline.
BREAK_TAGS = frozenset({
    "p", "content", "intro", "chapeau", "wrapUp", "continuation", "proviso", "blockContainer", "tblock",
    "tr", "td", "th", "li", "longTitle", "officialTitle", "docTitle", "enactingFormula", "formula",
    "recital", "recitals", "citation", "citations", "preamble", "text", "quotedStructure", "quoted-block",
    "block", "listIntroduction", "listWrapUp",
})
_SCHEDULES = ("schedule", "annex", "appendix")
_BODY_TAGS = ("body", "mainBody", "main", "legis-body")

_WS = re.compile(r"\s+")


def read(data: bytes, path: str, fmt: str = "akn") -> Document:
    """Parse Akoma Ntoso (fmt="akn") or USLM (fmt="uslm") bytes into a Document."""
    _refuse_entities(data)
    root = _parse(data)
    lim = _limits.current()
    body = _find_body(root)
    walker = _Walker(lim.max_xml_depth)
    blocks = walker.blocks_for(body)
    return Document(path=path, format=fmt, blocks=tuple(blocks), title=_title(root))


# --- safe parsing ---------------------------------------------------------------------------------

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_ENTITIES_REFUSED = (
    "XML declares entities in a DTD: refused (entity expansion and external entities are unsafe)")


def _refuse_entities(data: bytes) -> None:
    """Refuse DTDs that declare entities (entity expansion and external entities are attack vectors)."""
    sample = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = data.decode("utf-16", errors="replace").encode("utf-8")
    if _ENTITY_DECL.search(sample):
        raise ReadError(_ENTITIES_REFUSED)


def _parse(data: bytes):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False,
        remove_comments=True, remove_pis=True, recover=False,
    )
    try:
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc).split())
        if "depth" in message.lower():
            detail = "elements nested deeper than the parser allows"
            raise _limits.current().exceeded("max_xml_depth", detail) from None
        raise ReadError(f"malformed XML: {message[:200]}") from None
    docinfo = tree.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ReadError(_ENTITIES_REFUSED)
    return tree


# --- walking the tree -------------------------------------------------------------------------------


def _local(el) -> str:
    tag = el.tag
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        if not isinstance(tag, str):
            return ""
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag.split(":")[-1]
    return name


_LOCAL_NAMES: dict[str, str] = {}  # "{namespace}name" -> "name"; a document has few distinct tags


def _skipped(el) -> bool:
    name = _local(el)
    if not name or name in SKIP_TAGS:
        return True
    if el.get("changed") == "deleted" or el.get("status") in ("editorial", "removed", "repealed-text"):
        return True
    return False


def _find_body(root):
    """The element holding the enacted text; the root when none of the usual containers is present."""
    for el in root.iter():
        if _local(el) in _BODY_TAGS and not any(_skipped(a) for a in el.iterancestors()):
            return el
    return root


class _Walker:
    """Turns a body element into Blocks (see the module docstring for the encoding)."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.blocks: list[Block] = []
        self.count = 0

    def blocks_for(self, body) -> list[Block]:
        preamble = body.getparent()
        if preamble is not None:  # AKN: <preamble> is a sibling of <body>
            for sib in preamble:
                if _local(sib) == "preamble":
                    self._emit_runs(_Segment.collect(sib, self), level=0, hint="preamble")
        self._top(body)
        if preamble is not None:
            for holder in preamble:
                if _local(holder) in ("attachments", "components"):
                    self._attachments(holder)
        return self.blocks

    def _attachments(self, holder) -> None:
        """AKN schedules and annexes: each attached document becomes a level-1 "schedule" unit."""
        for attachment in holder:
            if _local(attachment) not in ("attachment", "component"):
                continue
            if attachment.get("changed") == "deleted":
                continue
            doc = next((d for d in attachment if _local(d) not in ("meta", "")), None)
            if doc is None:
                continue
            body = next((b for b in doc.iter() if _local(b) in ("mainBody", "body")), None)
            if body is None:
                continue
            if any(_local(c) == "hcontainer" and (c.get("name") or "").lower() in _SCHEDULES for c in body):
                self._top(body)  # the attached document already wraps itself in a schedule unit
                continue
            title = next((_plain(t) for t in doc.iter() if _local(t) in ("docTitle", "heading")), "")
            name = (doc.get("name") or "").lower()
            hint = name if name in _SCHEDULES else "attachment"
            self._unit(body, level=1, quoted=False, depth=2, hint=hint, heading=_clean_heading(title))

    def _top(self, body) -> None:
        """Units directly in a body are level 1; text outside every unit is preamble."""
        for kind, item in self._events(body, depth=1, quoted=False):
            if kind == "unit":
                self._unit(item[0], level=1, quoted=item[1], depth=item[2])
            else:
                self._emit_runs(item, level=0, hint="preamble")

    # events: ("text", Segment) or ("unit", (element, quoted, depth))
    def _events(self, el, depth: int, quoted: bool, own: bool = False):
        """Split el's content into text segments and child units, in document order."""
        seg = _Segment(self, el.sourceline or 1)
        seg.add_text(el.text, el.sourceline or 1)
        for child in el:
            yield from self._child_events(child, seg, depth, quoted, own)
        if not seg.empty():
            yield ("text", seg)

    def _child_events(self, child, seg: "_Segment", depth: int, quoted: bool, own: bool):
        self._tick(depth)
        name = _local(child)
        if _skipped(child) or (own and (name in NUM_TAGS or name in HEADING_TAGS)):
            seg.skip_tail(child)
            return
        if name in UNIT_TAGS:
            if not seg.empty():
                yield ("text", seg.take())
            yield ("unit", (child, quoted, depth + 1))
            seg.add_text(child.tail, seg.line_after(child))
            return
        is_quote = name in QUOTE_TAGS
        if name in TRANSPARENT or _has_unit(child):
            # a container of units: its own text (intro, wrapUp) joins the surrounding segments
            seg.brk()
            seg.add_text(child.text, child.sourceline or seg.line)
            for grand in child:
                for event in self._child_events(grand, seg, depth + 1, quoted or is_quote, False):
                    yield event
            seg.brk()
            seg.add_text(child.tail, seg.line_after(child))
            return
        seg.add_element(child, depth + 1)

    def _unit(self, el, level: int, quoted: bool, depth: int, hint: str = "", heading: str = "") -> None:
        if depth > self.max_depth:
            raise _limits.current().exceeded("max_xml_depth", f"element nesting deeper than {self.max_depth}")
        name = _local(el)
        if name == "crossHeading":  # a heading over the sections that follow: no text, no children
            self.blocks.append(Block(text="", location=Location(line=el.sourceline or 1), level=level,
                                     hint="crossheading", heading=_clean_heading(_plain(el)), quoted=quoted))
            return
        if not hint:
            hint = (el.get("name") or name) if name == "hcontainer" else name
        num = ""
        for child in el:
            cname = _local(child)
            if cname in NUM_TAGS and not num:
                num = _plain(child)
            elif cname in HEADING_TAGS and not heading:
                heading = _clean_heading(_plain(child))
        lead: list[_Segment] = []
        after_child = False
        index = len(self.blocks)
        self.blocks.append(None)  # placeholder: the unit's own block precedes its children
        for kind, item in self._events(el, depth, quoted, own=True):
            if kind == "unit":
                after_child = True
                self._unit(item[0], level + 1, quoted=item[1] or quoted, depth=item[2])
            elif after_child:
                self._emit_runs(item, level=level, hint="wrapup", quoted=quoted)
            else:
                lead.append(item)
        text, anchors = _join(lead)
        line = el.sourceline or 1
        if anchors and anchors[0][0] == 0 and anchors[0][1].line == line:
            anchors = anchors[1:]
        self.blocks[index] = Block(
            text=text, location=Location(line=line), kind="paragraph", level=level, num=num,
            hint=hint, heading=heading, quoted=quoted, anchors=anchors,
        )

    def _emit_runs(self, seg: "_Segment", level: int, hint: str, quoted: bool = False) -> None:
        if level == 0:  # outside units: one block per paragraph
            for run in seg.runs():
                text, anchors = join_runs([run])
                if text:  # the first anchor is where the words start
                    self.blocks.append(Block(text=text, location=anchors[0][1], level=0,
                                             hint=hint, quoted=quoted, anchors=anchors[1:]))
            return
        text, anchors = _join([seg])
        if any(ch.isalnum() for ch in text):  # a lone '.' or closing quote after a quoted structure is noise
            line = seg.first_line()
            self.blocks.append(Block(text=text, location=Location(line=line), level=level, hint=hint,
                                     quoted=quoted, anchors=tuple(a for a in anchors if a[0] > 0)))

    def _tick(self, depth: int) -> None:
        if depth > self.max_depth:
            raise _limits.current().exceeded("max_xml_depth", f"element nesting deeper than {self.max_depth}")
        self.count += 1
        if self.count % 500 == 0:
            _limits.check_deadline()


def _has_unit(el) -> bool:
    """Whether el holds a structural unit below it (a quoted structure, an AKN list of points)."""
    for d in el.iterdescendants():
        if _local(d) in UNIT_TAGS and not _skipped(d):
            return True
    return False


class _Segment:
    """Text between two units: a list of runs (paragraphs); each run a list of (fragment, line)."""

    def __init__(self, walker: _Walker, line: int) -> None:
        self.walker = walker
        self.line = line
        self._runs: list[list[tuple[str, int]]] = [[]]
        self._has_words = False

    @classmethod
    def collect(cls, el, walker: _Walker) -> "_Segment":
        seg = cls(walker, el.sourceline or 1)
        seg.add_text(el.text, el.sourceline or 1)
        for child in el:
            if _skipped(child):
                seg.skip_tail(child)
            else:
                seg.add_element(child, 1)
        return seg

    def take(self) -> "_Segment":
        """Hand over the text so far and start afresh (the caller yields the returned segment)."""
        done = _Segment(self.walker, self.line)
        done._runs, done._has_words = self._runs, self._has_words
        self._runs, self._has_words = [[]], False
        return done

    def empty(self) -> bool:
        return not self._has_words

    def brk(self) -> None:
        if self._runs[-1]:
            self._runs.append([])

    def add_text(self, text: str | None, line: int) -> None:
        line = max(line, self.line)
        if text:
            self._runs[-1].append((text, line))
            self.line = line + text.count("\n")
            self._has_words = self._has_words or not text.isspace()
        else:
            self.line = line

    def add_element(self, el, depth: int) -> None:
        """Inline or paragraph-level element with no units inside: all its text, notes left out."""
        self.walker._tick(depth)
        name = _local(el)
        if _skipped(el):
            self.skip_tail(el)
            return
        breaks = name in BREAK_TAGS
        if breaks:
            self.brk()
        self.add_text(el.text, el.sourceline or self.line)
        for child in el:
            self.add_element(child, depth + 1)
        if breaks:
            self.brk()
        self.add_text(el.tail, self.line)

    def skip_tail(self, el) -> None:
        """Drop el but keep the text that follows it."""
        self.add_text(el.tail, self.line_after(el))

    def line_after(self, el) -> int:
        last = el
        for d in el.iterdescendants():
            last = d
        line = max(self.line, last.sourceline or 0)
        return line + (last.text or "").count("\n") if last is not el else line

    def runs(self) -> list[list[tuple[str, int]]]:
        return [r for r in self._runs if any(frag.strip() for frag, _ in r)]

    def first_line(self) -> int:
        for run in self.runs():
            for frag, line in run:
                if frag.strip():
                    return line + frag[: len(frag) - len(frag.lstrip())].count("\n")
        return self.line


def _join(segments: list[_Segment]) -> tuple[str, tuple]:
    runs = [run for seg in segments for run in seg.runs()]
    return join_runs(runs)


def join_runs(runs) -> tuple[str, tuple]:
    """Collapse whitespace, join runs with a space, and record (offset, Location) whenever the line moves.

    A run is a list of (fragment, line) or (fragment, line, column) items, column being where the fragment
    starts when the reader knows it. LINE_BREAK in a fragment (HTML <br>) also starts a new anchored line.
    Anchors sit only at words that follow a space, because the structure stage splits text at anchors and
    joins the pieces again with single spaces.
    """
    words: list[str] = []
    anchors: list[tuple[int, Location]] = []
    offset, last_line = 0, None
    pending_space = forced = False
    for run in runs:
        pending_space = bool(words)
        for item in run:
            frag, line = item[0], item[1]
            column = item[2] if len(item) > 2 else None
            for i, piece in enumerate(frag.split("\n")):
                piece_line = line + i
                if i > 0 or piece[:1].isspace():
                    pending_space = pending_space or bool(words)
                previous_end = 0
                for t_index, match in enumerate(_TOKEN.finditer(piece)):
                    forced = forced or LINE_BREAK in piece[previous_end:match.start()]
                    previous_end = match.end()
                    spaced = not words or pending_space or t_index > 0
                    if words and spaced:
                        words.append(" ")
                        offset += 1
                    pending_space = False
                    if (piece_line != last_line or forced) and spaced:
                        col = match.start() + 1  # after a newline the piece starts the source line
                        if i == 0:
                            col = 1 if column is None else column + match.start()
                        anchors.append((offset, Location(line=piece_line, column=col)))
                        last_line, forced = piece_line, False
                    words.append(match.group())
                    offset += len(match.group())
                forced = forced or LINE_BREAK in piece[previous_end:]
                if piece and piece[-1:].isspace():
                    pending_space = True
    return "".join(words), tuple(anchors)


LINE_BREAK = "\u2028"  # Unicode LINE SEPARATOR: a reader's hard line break inside one paragraph
_TOKEN = re.compile(r"\S+")


def _plain(el) -> str:
    """The text of an element without its notes, whitespace collapsed."""
    parts: list[str] = []

    def walk(node) -> None:
        if _skipped(node):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _WS.sub(" ", "".join(parts)).strip()


def _clean_heading(text: str) -> str:
    return re.sub(r"[\s.:—–-]+$", "", text).strip()


_TITLE_TAGS = {  # element -> the kind of title it gives (GPO bill DTD spellings included)
    "shortTitle": "shortTitle", "short-title": "shortTitle", "title": "title", "docTitle": "docTitle",
    "officialTitle": "officialTitle", "official-title": "officialTitle",
}
_NOT_TITLE = QUOTE_TAGS | {"attachments", "components"}


def _title(root) -> str:
    """The short title if the text has one, else dc:title, else the long title."""
    found: dict[str, str] = {}
    query = "|".join(f"//*[local-name()='{n}']" for n in _TITLE_TAGS)
    for el in root.xpath(query):
        name = _TITLE_TAGS[_local(el)]
        if name not in found:
            if any(a.get("changed") == "deleted" or _local(a) in _NOT_TITLE for a in el.iterancestors()):
                continue
            if name == "title" and not el.tag.startswith("{http://purl.org/dc/"):
                continue
            text = _plain(el)
            if text:
                found[name] = text
    for name in ("shortTitle", "title", "docTitle", "officialTitle"):
        text = found.get(name, "")
        if name == "docTitle" and len(text.split()) < 3:
            continue  # "A BILL"
        if text:
            return text.rstrip(" .")
    return ""
