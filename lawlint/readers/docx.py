"""DOCX: body paragraphs and tables in document order, with Word's automatic numbering put back.

python-docx opens the package; the text is walked here, in the XML, because a bill needs what
`paragraph.text` leaves out or gets wrong for review: the numbers Word draws ("22.", "(1)", "(a)"), tracked
changes read as if accepted (insertions kept; deletions and moved-from text dropped), text boxes (marginal
notes) kept out of the body, and footnotes.

Marginal notes, whether a text box anchored in a paragraph or the narrow cell of a two-cell layout row (a
PDF converted to Word), become the `heading` of the paragraph beside them, as the PDF reader does; a note
with no paragraph beside it is a Block of kind "margin-note". A manual line break (w:br) adds an anchor,
so the segmenter sees the printed lines. Running headers and page numbers left in the body by a converter
are dropped, and a paragraph holding only a clause number is joined to the words that follow it.

Each Block: `num` holds the rendered Word number, `text` the words without it, `level` = ilvl + 1 for a
numbered paragraph (the heading level for a heading style). Location.line is the 1-based index of the
paragraph among all body paragraphs (table cells included), in document order, and Location.column the
character in the paragraph's text (Word's number and a space first); a line after a manual line break
keeps its paragraph's line and counts its columns on through the paragraph.
"""

from __future__ import annotations

import io
import re
import zipfile

from lawlint.model import Block, Document, Location, ReadError
from lawlint.readers.docx_numbering import Numbering, W

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# What a paragraph's printed text leaves out (deletions, field codes, text boxes, references); the
# annotator skips the same elements so that its offsets line up with the text read here.
SKIPPED_IN_TEXT = {
    W + "del",
    W + "moveFrom",
    W + "delText",
    W + "instrText",
    W + "txbxContent",
    MC + "Fallback",
    W + "footnoteReference",
    W + "endnoteReference",
    W + "pPr",
    W + "rPr",
    W + "commentReference",
    W + "delInstrText",
}
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)


def read(data: bytes, path: str, **options: object) -> Document:
    """Read a .docx file into Blocks; an encrypted or damaged file raises ReadError."""
    if data[:4] == _OLE_MAGIC:
        raise ReadError("encrypted or password-protected Word file (or an old binary .doc); save it as .docx")
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"corrupt Word file: {_short(exc)}") from None
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many types for damaged packages
        raise ReadError(f"corrupt Word file: {_short(exc)}") from None
    try:
        return _Reader(document, path).run()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged part must be one line for the user, not a traceback
        raise ReadError(f"corrupt Word file: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return text or type(exc).__name__


class _Style:
    __slots__ = ("based_on", "ilvl", "name", "num_id", "outline")

    def __init__(self, name: str, based_on: str, num_id: str | None, ilvl: int | None, outline: int | None):
        self.name, self.based_on, self.num_id, self.ilvl, self.outline = name, based_on, num_id, ilvl, outline


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    numpr = ppr.find(W + "numPr")
    if numpr is None:
        return None, None
    num_el, ilvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
    num_id = num_el.get(W + "val") if num_el is not None else None
    ilvl = ilvl_el.get(W + "val") if ilvl_el is not None else None
    return num_id, int(ilvl) if ilvl is not None and ilvl.isdigit() else None


def _outline(ppr) -> int | None:
    el = ppr.find(W + "outlineLvl") if ppr is not None else None
    val = el.get(W + "val") if el is not None else None
    return int(val) if val is not None and val.isdigit() else None


class _Reader:
    def __init__(self, document, path: str):
        self.document = document
        self.path = path
        part = document.part
        self.styles: dict[str, _Style] = {}
        self.default_style = ""
        try:
            styles_root = part.styles.element
        except (NotImplementedError, KeyError, AttributeError):  # no styles part
            styles_root = None
        if styles_root is not None:
            for st in styles_root.iter(W + "style"):
                if st.get(W + "type") != "paragraph":
                    continue
                sid = st.get(W + "styleId", "")
                name_el, based = st.find(W + "name"), st.find(W + "basedOn")
                ppr = st.find(W + "pPr")
                num_id, ilvl = _num_pr(ppr)
                self.styles[sid] = _Style(
                    name_el.get(W + "val", sid) if name_el is not None else sid,
                    based.get(W + "val", "") if based is not None else "",
                    num_id,
                    ilvl,
                    _outline(ppr),
                )
                if st.get(W + "default") in ("1", "true"):
                    self.default_style = sid
        try:
            numbering_root = part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):  # no numbering part
            numbering_root = None
        self.numbering = Numbering(numbering_root)
        self.blocks: list[Block] = []
        self.index = 0  # body paragraph counter
        self.refs: dict[tuple[str, str], int] = {}  # (footnote | endnote, id) -> paragraph that cites it

    # --- styles -----------------------------------------------------------------------------------------

    def _style_chain(self, sid: str):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield sid, self.styles[sid]
            sid = self.styles[sid].based_on

    def _numbering_of(self, ppr, sid: str) -> tuple[str | None, int]:
        num_id, ilvl = _num_pr(ppr)
        if num_id is None:
            for style_id, st in self._style_chain(sid):
                if st.num_id is not None:
                    num_id = st.num_id
                    if ilvl is None:
                        ilvl = st.ilvl
                    if ilvl is None:
                        ilvl = self.numbering.level_for_style(num_id, style_id)
                    break
        return num_id, ilvl or 0

    def _heading_level(self, ppr, sid: str) -> tuple[str, int]:
        for _, st in self._style_chain(sid):
            name = st.name.strip()
            if name.lower() == "title":
                return "title", 0
            m = _HEADING_STYLE.match(name)
            if m:
                return "heading", int(m.group(1))
        outline = _outline(ppr)
        if outline is None:
            outline = next((st.outline for _, st in self._style_chain(sid) if st.outline is not None), None)
        if outline is not None and outline < 9:
            return "heading", outline + 1
        return "", 0

    # --- walking ----------------------------------------------------------------------------------------

    def run(self) -> Document:
        body = self.document.element.body
        self._walk_container(body, in_table=False)
        self.blocks = _glue_numbers(_drop_running(self.blocks))
        self.blocks.extend(self._footnotes())
        title = next((b.text for b in self.blocks if b.kind == "title"), "")
        return Document(path=self.path, format="docx", blocks=tuple(self.blocks), title=title)

    def _walk_container(self, el, in_table: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, "table-cell" if in_table else "paragraph")
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._walk_container(content, in_table)
            elif tag in (W + "ins", W + "moveTo", W + "customXml"):
                self._walk_container(child, in_table)

    def _table(self, tbl) -> None:
        """A table; a row of a wide cell and a narrow cell of short text is body plus marginal note.

        A table whose cells hold numbered clauses is page layout (a converted PDF), so its cells are
        paragraphs."""
        layout = False
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not None and tr.getparent() is not tbl:
                continue  # nested tables are walked through their cell
            cells = [tc for tc in tr if tc.tag == W + "tc"]
            note_cell = self._note_cell(cells)
            if note_cell is not None:
                note = " ".join(t for t in (self._text(p)[0] for p in note_cell.iter(W + "p")) if t).strip()
                body_cell = next(c for c in cells if c is not note_cell)
                start = len(self.blocks)
                self._walk_container(body_cell, in_table=False)
                if note:
                    self._attach_note(start, note)
                continue
            layout = layout or any(_CLAUSE.match(self._text(p)[0]) for tc in cells for p in tc.iter(W + "p"))
            for tc in cells:
                self._walk_container(tc, in_table=not layout)

    def _note_cell(self, cells):
        if len(cells) != 2:
            return None
        widths = []
        for tc in cells:
            w_el = tc.find(f"{W}tcPr/{W}tcW")
            try:
                widths.append(float(w_el.get(W + "w", "0")) if w_el is not None else 0.0)
            except ValueError:
                widths.append(0.0)
        if not all(widths):
            return None
        narrow = 0 if widths[0] < widths[1] else 1
        if widths[narrow] > 0.4 * widths[1 - narrow]:
            return None
        text = " ".join(self._text(p)[0] for p in cells[narrow].iter(W + "p")).strip()
        body = " ".join(self._text(p)[0] for p in cells[1 - narrow].iter(W + "p")).strip()
        if len(text) > 160 or len(body) <= len(text) or sum(c.isalpha() for c in _CLAUSE.sub("", text)) < 3:
            return None
        return cells[narrow]

    def _attach_note(self, start: int, note: str) -> None:
        for i in range(start, len(self.blocks)):
            block = self.blocks[i]
            if block.text and not block.heading:
                self.blocks[i] = _replace(block, heading=note)
                return
        loc = self.blocks[start - 1].location if start else Location()
        self.blocks.append(Block(text=note, location=loc, kind="margin-note"))

    def _paragraph(self, p, kind: str) -> None:
        self.index += 1
        text, boxes, starts = self._lines(p)
        loc = Location(line=self.index, column=1)
        for ref in p.iter(W + "footnoteReference", W + "endnoteReference"):
            self.refs.setdefault((ref.tag[len(W) : -len("Reference")], ref.get(W + "id", "")), self.index)
        note = " ".join(boxes)  # a text box anchored here: a marginal note beside this paragraph
        ppr = p.find(W + "pPr")
        sid_el = ppr.find(W + "pStyle") if ppr is not None else None
        sid = sid_el.get(W + "val", "") if sid_el is not None else self.default_style
        num_id, ilvl = self._numbering_of(ppr, sid)
        num, bullet = ("", False)
        if num_id is not None:
            num, bullet = self.numbering.render(num_id, ilvl)
        if not text.strip() and not num:
            if note:
                self.blocks.append(Block(text=note, location=loc, kind="margin-note"))
            return
        heading_kind, hlevel = self._heading_level(ppr, sid)
        level = hlevel
        if heading_kind:
            kind = heading_kind
        elif num or bullet:
            level = ilvl + 1
            if bullet:
                kind = "list-item"
        # a manual line break starts a printed line (the segmenter reads it as one) in the same paragraph
        anchors = tuple((start, loc.shifted(start)) for start in starts)
        self.blocks.append(
            Block(text=text, location=loc, kind=kind, level=level, num=num, anchors=anchors, heading=note)
        )

    def _text(self, p) -> tuple[str, list[str]]:
        """The paragraph's words as printed with changes accepted, and the text of any text boxes in it."""
        text, boxes, _ = self._lines(p)
        return text, boxes

    def _lines(self, p) -> tuple[str, list[str], list[int]]:
        """As `_text`, plus where each line after a manual line break (w:br) starts in the text."""
        parts: list[str] = []
        boxes: list[str] = []

        def walk(el) -> None:
            for child in el:
                tag = child.tag
                if tag == W + "txbxContent":
                    box = " ".join(self._text(q)[0] for q in child.iter(W + "p")).strip()
                    if box:
                        boxes.append(box)
                    continue
                if tag in SKIPPED_IN_TEXT or not isinstance(tag, str):
                    continue
                if tag == W + "t":
                    parts.append(child.text or "")
                elif tag in (W + "tab", W + "ptab"):
                    parts.append(" ")
                elif tag in (W + "br", W + "cr"):
                    parts.append("\n")
                elif tag == W + "noBreakHyphen":
                    parts.append("-")
                elif tag == W + "sym":
                    parts.append("")
                else:
                    walk(child)

        walk(p)
        pieces = [
            re.sub(r"\s+", " ", piece).strip() for piece in "".join(parts).replace("\u00ad", "").split("\n")
        ]
        text, starts = "", []
        for piece in filter(None, pieces):
            if text:
                text += " "
                starts.append(len(text))
            text += piece
        return text, boxes, starts

    def _footnotes(self) -> list[Block]:
        """Footnotes and endnotes, each located at the paragraph that refers to it."""
        out: list[Block] = []
        for rel in self.document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if rel.is_external or kind not in ("footnotes", "endnotes"):
                continue
            tag = kind[:-1]  # footnote | endnote
            from lxml import etree

            try:
                root = etree.fromstring(
                    rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True)
                )
            except etree.XMLSyntaxError as exc:
                raise ReadError(f"corrupt footnotes part: {_short(exc)}") from None
            for fn in root.iter(W + tag):
                if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(t for t in (self._text(q)[0] for q in fn.iter(W + "p")) if t).strip()
                if text:
                    out.append(
                        Block(
                            text=text,
                            location=Location(
                                line=self.refs.get((tag, fn.get(W + "id", "")), self.index or 1)
                            ),
                            kind="footnote",
                            num=fn.get(W + "id", ""),
                        )
                    )
        return out


_CLAUSE = re.compile(
    r"^(?:\d+[A-Z]{0,2}\.|\((?:\d+[A-Za-z]{0,2}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2})\))(?:\s|$)"
)
_NUMBER_ONLY = re.compile(
    r"^(?:\d+[A-Z]{0,2}\.|\((?:\d+[A-Za-z]{0,2}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2})\))$"
)


def _key(text: str) -> str:
    return re.sub(r"[\d\s]+", "", text).lower()


def _drop_running(blocks: list[Block]) -> list[Block]:
    """Drop page numbers and running headers left in the body by a PDF-to-Word conversion."""
    counts: dict[str, list[str]] = {}
    for b in blocks:
        if _may_be_running(b):
            counts.setdefault(_key(b.text), []).append(b.text)
    running = {
        k
        for k, seen in counts.items()
        if len(seen) >= 3 and len(set(seen)) >= 2 and sum(c.isalpha() for c in k) >= 10
    }
    return [
        b
        for b in blocks
        if not (re.fullmatch(r"\d{1,4}", b.text) or (_may_be_running(b) and _key(b.text) in running))
    ]


def _may_be_running(b: Block) -> bool:
    """Short, with a digit, and not a clause: a clause carries Word numbering or ends like a list item
    ("(a) an offence under section 5;"), and a running head or page number never does."""
    text = b.text.strip()
    return (len(text) < 100 and bool(re.search(r"\d", text)) and not b.num and not _CLAUSE.match(text)
            and not re.search(r"([;:,—–-]|\b(and|or))$", text))


def _glue_numbers(blocks: list[Block]) -> list[Block]:
    """A paragraph that is only a clause number ("(a)", "2.") belongs to the words that follow it."""
    out: list[Block] = []
    pending: Block | None = None
    for b in blocks:
        if b.kind in ("paragraph", "table-cell") and _NUMBER_ONLY.match(b.text) and not b.num:
            if pending is not None:
                out.append(pending)
            pending = b
            continue
        if pending is not None:
            b = _replace(
                b,
                text=f"{pending.text} {b.text}",
                location=pending.location,
                heading=b.heading or pending.heading,
                anchors=((len(pending.text) + 1, b.location),)
                + tuple((off + len(pending.text) + 1, loc) for off, loc in b.anchors),
            )
            pending = None
        out.append(b)
    if pending is not None:
        out.append(pending)
    return out


def _replace(block: Block, **changes) -> Block:
    from dataclasses import replace

    return replace(block, **changes)
