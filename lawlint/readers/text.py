"""Plain text and Markdown: one Block per paragraph, with the line and column of every line it spans.

Decoding tries UTF-8 (with or without BOM), UTF-16 (BOM or the NUL pattern of ASCII text), then the
legacy 8-bit encodings bills are still saved in (cp1252, then latin-1, which never fails).
Markdown: headings become heading Blocks with their level, list items list-item Blocks with their indent
level, emphasis and link markup is removed, YAML front matter is skipped (its title kept).
"""

from __future__ import annotations

import codecs
import re

from lawlint.model import Block, Document, Location, ReadError


def decode(data: bytes) -> str:
    """Text of a file in whatever encoding it most plausibly uses."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    parity = _utf16_parity(data)
    if parity == "le":
        return data.decode("utf-16-le", errors="replace")
    if parity == "be":
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_LIST = re.compile(r"^([ \t]*)(?:[-*+•][ \t]+|(\d{1,3}[.)])[ \t]+)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def read(data: bytes, path: str, fmt: str = "txt") -> Document:
    """A Document of paragraph Blocks; Markdown structure becomes Block kinds and levels."""
    if b"\x00" in data[:4000] and not _looks_utf16(data):
        raise ReadError("binary content, not text")
    text = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    title = ""
    skip = 0
    if fmt == "md":
        m = _FRONT_MATTER.match(text)
        if m:
            skip = m.group(0).count("\n")
            for fm_line in m.group(1).split("\n"):
                key, _, value = fm_line.partition(":")
                if key.strip().lower() == "title" and value.strip():
                    title = value.strip().strip("'\"")
    blocks = _markdown_blocks(lines, skip) if fmt == "md" else _text_blocks(lines)
    return Document(path=path, format=fmt, blocks=tuple(blocks), title=title)


def _utf16_parity(data: bytes) -> str:
    """"le"/"be" when BOM-less text looks like UTF-16 (mostly ASCII: a NUL in every other byte), else ""."""
    sample = data[:4000]
    half = len(sample) // 2
    if half < 2:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.6 * half and even <= 0.1 * half:
        return "le"
    if even >= 0.6 * half and odd <= 0.1 * half:
        return "be"
    return ""


def _looks_utf16(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return True
    return bool(_utf16_parity(data))


def _paragraph(rows: list[tuple[int, int, str]], kind: str = "paragraph", level: int = 0) -> Block:
    """Join the rows (line number, column, text) of one paragraph, keeping an anchor per later row."""
    anchors = []
    size = 0
    for i, (line_no, col, row) in enumerate(rows):
        if i:
            size += 1
            anchors.append((size, Location(line_no, col)))
        size += len(row)
    first_line, first_col, _ = rows[0]
    return Block(text=" ".join(row for _n, _c, row in rows), location=Location(first_line, first_col), kind=kind,
                 level=level, anchors=tuple(anchors))


# A line that opens a provision: a clause number, or a keyword and number ("(b)", "12.", "66A", "Article 3").
_NUMBERED = re.compile(r"(?:[(\[](?:\d{1,3}[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,3})[)\]]|\d{1,4}[A-Z]{0,2}(?:\.\d{1,3})?[.)]?(?=\s)"
                       r"|(?:Section|SECTION|Sec\.|SEC\.|Article|ARTICLE|Art\.|ART\.|Artículo|ARTÍCULO|Artikel|PART|Part|"
                       r"CHAPTER|Chapter|SCHEDULE|Schedule|TITLE|Title|§)\s*[\dIVXLC])")
_CLOSED = re.compile(r"[.;)…]$")  # the line ended a sentence or an item (a lead-in keeps its first item)
SOFT_PARAGRAPH = 20_000  # characters: past this, a paragraph also breaks at the end of a sentence


def _text_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs of plain text. A blank line ends one; so does a numbered line after a line that closed (a
    file without blank lines is still read provision by provision), and a very long run of lines breaks at a
    sentence's end, so no paragraph grows without bound."""
    blocks: list[Block] = []
    rows: list[tuple[int, int, str]] = []
    size = 0
    for n, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if not stripped:
            if rows:
                blocks.append(_paragraph(rows))
                rows, size = [], 0
            continue
        if rows and _CLOSED.search(rows[-1][2]) and (_NUMBERED.match(stripped) or size > SOFT_PARAGRAPH):
            blocks.append(_paragraph(rows))
            rows, size = [], 0
        col = len(raw) - len(raw.lstrip()) + 1
        rows.append((n, col, stripped))
        size += len(stripped) + 1
    if rows:
        blocks.append(_paragraph(rows))
    return blocks


_EMPH = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"<[^>\n]{1,80}>"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])"), r"\1"),
]


def strip_markup(text: str) -> str:
    """Markdown inline markup removed: emphasis, code, links (their text kept), simple HTML tags, escapes."""
    for pattern, repl in _EMPH:
        text = pattern.sub(repl, text)
    return text


def _markdown_blocks(lines: list[str], skip: int) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[int, int, str]] = []
    state = {"kind": "paragraph", "level": 0}
    in_fence = False

    def flush() -> None:
        nonlocal rows
        if rows:
            blocks.append(_paragraph(rows, state["kind"], state["level"]))
            rows = []
        state["kind"], state["level"] = "paragraph", 0

    for n, raw in enumerate(lines, 1):
        if n <= skip:
            continue
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        stripped = raw.strip()
        if not stripped or (not in_fence and _RULE.match(raw) and not rows):
            flush()
            continue
        if in_fence:
            rows.append((n, 1, stripped))
            continue
        m = _HEADING.match(stripped)
        if m and raw.startswith("#"):
            flush()
            heading = strip_markup(m.group(2)).strip()
            if heading:
                blocks.append(Block(text=heading, location=Location(n, len(m.group(1)) + 2), kind="heading",
                                    level=len(m.group(1))))
            continue
        if rows and _SETEXT.match(stripped) and len(rows) == 1 and state["kind"] == "paragraph":
            line_no, col, row = rows[0]
            blocks.append(Block(text=row, location=Location(line_no, col), kind="heading",
                                level=1 if stripped[0] == "=" else 2))
            rows = []
            continue
        indent = len(raw) - len(raw.lstrip())
        body = stripped
        if body.startswith(">"):
            body = body.lstrip("> ").strip()
        if body.startswith(":") and body[1:2] in (" ", "\t"):  # definition-list item
            body = body[1:].strip()
        lm = _LIST.match(raw)
        if lm:
            flush()
            state["kind"], state["level"] = "list-item", indent // 2 + 1
            if lm.group(2) is None:  # a bullet: drop the marker, keep the words
                body = raw[lm.end():].strip()
                indent = lm.end()
        elif not rows and indent:
            state["level"] = indent // 2 + 1
        body = strip_markup(body)
        if body:
            rows.append((n, indent + 1, body))
    flush()
    return blocks
