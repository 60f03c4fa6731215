"""HTML legislation pages: the text of the law without the website around it.

The content root is <main>, #wb-cont (Canada's Justice Laws site), #viewLegContents (legislation.gov.uk),
[role=main], #content, a single <article>, or else <body>. Navigation, page headers and footers, scripts,
styles, forms, skip links and screen-reader-only text are dropped. Each paragraph-level element (p, h1-h6,
li, dt, dd, td, blockquote, pre, ...) becomes a Block: kind "heading" (level = h-number), "title",
"list-item" (level = list depth), "table-cell", "footnote" (Justice Laws Footnote/HistoricalNote) or
"paragraph". Numbering stays in the text (hint is ""), so the structure stage infers it as for plain text.
A marginal note (class "MarginalNote") becomes the `heading` of the next block. A table row laid out as
"(a) | words" reads as one paragraph, as printed; a <br> keeps the paragraph whole but starts an anchored
line, so "(1) ...<br>(2) ..." still numbers as two clauses. Each block's location is the line and column
where its text starts (the stdlib tokenizer supplies columns, which lxml lacks). Parsing is local only:
nothing is ever fetched.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from lawlint import limits as _limits
from lawlint.model import Block, Document, Location, ReadError
from lawlint.readers.xml import LINE_BREAK, join_runs

_DROP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "form", "button", "select", "textarea", "input",
    "label", "iframe", "svg", "canvas", "object", "embed", "aside", "footer", "menu", "dialog", "img",
    "video", "audio", "map", "meta", "link",
    # struck-through text: official portals (Brazil's planalto.gov.br) keep superseded wording on the page
    # struck through, beside the wording in force; it is not the law
    "strike", "s", "del",
})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"})
_DROP_CLASSES = frozenset({
    "wb-invisible", "wb-inv", "sr-only", "visually-hidden", "screen-reader-text", "skip-link", "skiplink",
    "MarginalNoteDefinedTerm",  # Justice Laws repeats each defined term (and its French twin) in the margin
    "wb-slideout", "breadcrumb", "pagination",
})
_BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "blockquote", "pre", "caption",
    "figcaption", "div", "section", "article", "main", "header", "ul", "ol", "dl", "table", "tr", "tbody",
    "thead", "tfoot", "figure", "address", "hr", "body", "center",
})
_NOTE_CLASSES = frozenset({"Footnote", "HistoricalNote", "footnote", "footnotes"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def read(data: bytes, path: str, **options: object) -> Document:
    """Read an HTML page into Blocks of its main text."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("HTML file has no content")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"malformed HTML: {' '.join(str(exc).split())[:200]}") from None
    content = _content_root(root)
    walker = _Walker(_limits.current().max_xml_depth, _Positions(text))
    walker.walk(content, depth=1)
    walker.finish()
    return Document(path=path, format="html", blocks=tuple(walker.blocks), title=_title(root, content))


def _decode(data: bytes) -> str:
    """Text from bytes: BOM, then the page's declared charset, then UTF-8, then Windows-1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _CONTROL.sub("", data[len(bom):].decode(codec, errors="replace"))
    declared = _CHARSET.search(data[:4096])
    codecs = [declared.group(1).decode("ascii").lower()] if declared else []
    for codec in [*codecs, "utf-8"]:
        try:
            return _CONTROL.sub("", data.decode(codec))
        except (LookupError, UnicodeDecodeError):
            continue
    return _CONTROL.sub("", data.decode("cp1252", errors="replace"))


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _dropped(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in _DROP_TAGS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if _classes(el) & _DROP_CLASSES:
        return True
    if (el.get("id") or "").startswith(("wb-skip", "skip")):
        return True
    if tag == "a" and (el.get("href") or "").startswith("#"):
        if (el.text_content() or "").strip().lower().startswith("skip to"):
            return True
    if tag == "sup" and el.getparent() is not None and el.getparent().tag == "a" \
            and (el.getparent().get("href") or "").startswith("#"):
        return True  # a footnote reference mark ("*", "1") inside the text
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or "text-decoration:line-through" in style


def _content_root(root):
    for query in ("//main", "//*[@id='wb-cont']", "//*[@id='viewLegContents']", "//*[@role='main']",
                  "//*[@id='content']"):
        found = [el for el in root.xpath(query) if not _dropped(el)]
        if found:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    bodies = root.xpath("//body")
    return bodies[0] if bodies else root


def _title(root, content) -> str:
    for el in content.iter("h1"):
        if "Title-of-Act" in _classes(el):
            return " ".join(el.text_content().split())
    for el in content.iter("h1"):
        if not _dropped(el):
            text = " ".join(el.text_content().split())
            if text:
                return text
    titles = root.xpath("//title")
    if titles:
        return re.sub(r"^ARCHIVED\s*-\s*", "", " ".join(titles[0].text_content().split()))
    return ""


_LABEL_CLASS = re.compile(r"(Label|Num|Number|No|Enum)\d*$", re.I)
_ROW_LABEL = re.compile(r"^(?:[(\[]?[0-9A-Za-z]{1,6}[.)\]]?){1,3}$")


def _numbered_row(row) -> bool:
    """A table row laid out as number | text (common on parliament sites): a short label, then words."""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return False
    label = " ".join(cells[0].text_content().split())
    rest = " ".join(cells[1].text_content().split())
    return bool(label) and len(label) <= 12 and bool(_ROW_LABEL.match(label)) and len(rest) > len(label)


class _Walker:
    """Depth-first walk that cuts the text into one Block per paragraph-level element."""

    def __init__(self, max_depth: int, positions: "_Positions") -> None:
        self.max_depth = max_depth
        self.positions = positions
        self.blocks: list[Block] = []
        self.run: list[tuple] = []  # (fragment, line) or (fragment, line, column)
        self.line = 1
        self.pending_note = ""
        self.pending_note_location = Location()
        self.count = 0
        self.inline_row = False

    def walk(self, el, depth: int) -> None:
        if depth > self.max_depth:
            detail = f"HTML elements nested deeper than {self.max_depth}"
            raise _limits.current().exceeded("max_xml_depth", detail)
        self.count += 1
        if self.count % 500 == 0:
            _limits.check_deadline()
        line = el.sourceline or self.line
        self.line = max(self.line, line)
        tag = el.tag
        if tag == "br":  # a hard line break: the structure stage sees the next words as a new line
            self._add(LINE_BREAK)
            return
        is_block = tag in _BLOCK_TAGS and not self.inline_row
        numbered_row = tag == "tr" and not self.inline_row and _numbered_row(el)
        if is_block:
            self.flush(el.getparent())
        if numbered_row:  # "(a)" in one cell, its words in the next: one paragraph, as printed
            self.inline_row = True
        self._add(el.text)
        for child in el:
            if isinstance(child.tag, str) and not _dropped(child):
                self.walk(child, depth + 1)
                if self.inline_row and child.tag in ("td", "th"):
                    self._add(" ")
                elif any(_LABEL_CLASS.search(c) for c in _classes(child)):
                    self._add(" ")  # "PART I" and its title, "1" and its text, sit in adjacent spans
            self._add(child.tail)
        if numbered_row:
            self.inline_row = False
        if is_block:
            self.flush(el)

    def _add(self, text: str | None) -> None:
        if not text:
            return
        found = None if text.isspace() else self.positions.locate(text, self.line)
        if found is None:
            self.run.append((text, self.line))
        else:
            self.line = found[0]
            self.run.append((text, found[0], found[1]))
        self.line += text.count("\n")

    def flush(self, owner) -> None:
        """Emit the text gathered so far as a Block shaped by the element that holds it."""
        run, self.run = self.run, []
        if owner is None:
            owner_tag = "p"
        else:
            owner_tag = owner.tag
        text, anchors = join_runs([run])
        if not text:
            return
        location = anchors[0][1] if anchors else Location(line=run[0][1])
        anchors = tuple(a for a in anchors if a[0] > 0)
        classes = _classes(owner) if owner is not None else set()
        if owner_tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if "MarginalNote" in classes:
                self._emit_pending()
                self.pending_note, self.pending_note_location = text, location
                return
            kind = "title" if "Title-of-Act" in classes else "heading"
            self._emit_pending()
            self.blocks.append(Block(text=text, location=location, kind=kind,
                                     level=int(owner_tag[1]), anchors=anchors))
            return
        kind, level = self._kind(owner)
        self.blocks.append(Block(text=text, location=location, kind=kind, level=level,
                                 heading=self.pending_note, anchors=anchors))
        self.pending_note = ""

    def _emit_pending(self) -> None:
        if self.pending_note:
            self.blocks.append(Block(text=self.pending_note, location=self.pending_note_location,
                                     kind="margin-note"))
            self.pending_note = ""

    @staticmethod
    def _kind(owner) -> tuple[str, int]:
        if owner is None:
            return "paragraph", 0
        lists = 0
        in_item = owner.tag == "li"
        cell = owner.tag in ("td", "th")
        for node in [owner, *owner.iterancestors()]:
            if _classes(node) & _NOTE_CLASSES:
                return "footnote", 0
            if node.tag in ("ul", "ol"):
                lists += 1
            elif node.tag == "li":
                in_item = True
            elif node.tag in ("td", "th"):
                cell = True
        if cell:
            return "table-cell", 0
        if in_item:
            return "list-item", lists
        return "paragraph", 0

    def finish(self) -> None:
        self.flush(None)
        self._emit_pending()


class _Positions(HTMLParser):
    """Where each piece of text sits in the source (line and column), which lxml does not say.

    The stdlib tokenizer reports the position of every run of character data; the walker finds each lxml
    text fragment in that stream, moving forward only, so a Block can point at its column even when a
    site puts a whole Act on one line.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._chunks: list[str] = []
        self._starts: list[int] = []
        self._places: list[tuple[int, int]] = []  # (line, 0-based column) of each chunk
        self._lines: list[int] = []
        self._length = 0
        try:
            self.feed(source)
            self.close()
        except Exception:  # noqa: BLE001 - positions only refine locations; lxml still gives lines
            pass
        self.stream = "".join(self._chunks)
        self.pointer = 0

    def handle_data(self, data: str) -> None:
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        self._add(html_lib.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add(html_lib.unescape(f"&#{name};"))

    def _add(self, text: str) -> None:
        line, col = self.getpos()
        self._chunks.append(text)
        self._starts.append(self._length)
        self._places.append((line, col))
        self._lines.append(line)
        self._length += len(text)

    def locate(self, text: str, min_line: int) -> tuple[int, int] | None:
        """(line, 1-based column) where text starts in the source, searching forward; None if lost."""
        if not self._chunks:
            return None
        chunk = max(0, bisect.bisect_left(self._lines, min_line) - 1)  # may span onto min_line
        start = max(self.pointer, self._starts[chunk])
        index = self.stream.find(text, start, start + len(text) + _SEARCH_WINDOW)
        if index < 0:
            return None
        self.pointer = index + len(text)
        chunk = bisect.bisect_right(self._starts, index) - 1
        line, col = self._places[chunk]
        inside = self._chunks[chunk][: index - self._starts[chunk]]
        newlines = inside.count("\n")
        if newlines:
            return line + newlines, len(inside) - inside.rfind("\n")
        return line, col + len(inside) + 1


_SEARCH_WINDOW = 200_000  # characters: how far ahead a fragment may sit (past dropped navigation, scripts)
