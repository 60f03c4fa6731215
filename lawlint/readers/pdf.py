"""PDF: positioned text from pypdfium2 (default) or pdfplumber, then the shared layout pass.

pypdfium2 is the default because it is fast: the text of a page comes in one call and its geometry from a few
rectangle calls per printed line. A line made of pieces far apart (a margin line number beside the text) or
one pdfium joined across a hyphen is split at its rectangles, pdfium saying which character starts each;
only if that fails are boxes read word by word. pdfplumber, built on pdfminer, is the slower alternative
(`--pdf-engine pdfplumber`); both feed `pdf_layout`, so both give the same paragraphs.
"""

from __future__ import annotations

import io
import re

from lawlint.model import Document, ReadError
from lawlint.readers.pdf_layout import PageRuns, Run, layout_blocks

ENGINES = ("pdfium", "pdfplumber")
_HYPHEN_MARKS = {"\ufffe": "-", "\x02": "-", "\u00ad": "-"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def read(data: bytes, path: str, engine: str = "pdfium", **options: object) -> Document:
    """Read a PDF into paragraph Blocks; `engine` is pdfium (fast) or pdfplumber."""
    if engine not in ENGINES:
        raise ReadError(f"unknown PDF engine {engine!r} (expected pdfium or pdfplumber)")
    pages, title = _pages_pdfium(data) if engine == "pdfium" else _pages_pdfplumber(data)
    if pages and not any(p.runs for p in pages):
        raise ReadError(
            f"no text layer in {len(pages)} page(s): the PDF seems to be scanned images; run OCR first"
        )
    return Document(path=path, format="pdf", blocks=tuple(layout_blocks(pages)), title=_title(title))


def _title(value: object) -> str:
    """The document title from the PDF's metadata, unless it is only a file name or a converter's label."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    title = " ".join(str(value or "").split())
    if re.search(r"\.[A-Za-z]{2,5}$", title) or title.lower().startswith(("microsoft word", "untitled")):
        return ""
    return title


def _clean(text: str) -> str:
    """pdfium's marks for a hyphen at a line end become '-'; other control characters go."""
    if text.isprintable():
        return text
    text = re.sub("\u00ad(?=.)", "", text)  # a soft hyphen shows only where it ends a line
    for mark, repl in _HYPHEN_MARKS.items():
        text = text.replace(mark, repl)
    return _CONTROL.sub("", text)


# --- pypdfium2 -----------------------------------------------------------------------------------------


def _open_pdfium(data: bytes):
    import pypdfium2 as pdfium
    from pypdfium2 import raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise ReadError("encrypted PDF: a password is needed to open it") from None
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_SECURITY:
            raise ReadError("encrypted PDF: unsupported security handler") from None
        raise ReadError(f"corrupt or unreadable PDF ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def _pages_pdfium(data: bytes) -> tuple[list[PageRuns], object]:
    import pypdfium2 as pdfium

    doc = _open_pdfium(data)
    pages: list[PageRuns] = []
    try:
        title = doc.get_metadata_dict(skip_empty=True).get("Title", "")
        for index in range(len(doc)):
            page = doc[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    runs = _runs_pdfium(textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(PageRuns(number=index + 1, width=width, height=height, runs=runs))
    except pdfium.PdfiumError as exc:
        raise ReadError(f"corrupt PDF: {_short(exc)}") from None
    finally:
        doc.close()
    return pages, title


def _runs_pdfium(textpage) -> list[Run]:
    """Runs of one page: one per printed line piece pdfium reports, split further where its boxes say so."""
    import ctypes

    from pypdfium2 import raw

    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    tp = textpage.raw
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i) or 32) for i in range(n))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = raw.FS_RECTF()
    loose_ref = ctypes.byref(loose)
    runs: list[Run] = []
    for m in _LINE.finditer(text):
        a, b = m.start(), m.end()
        piece = m.group(0)
        stripped = piece.lstrip()
        if not stripped:
            continue
        k = raw.FPDFText_CountRects(tp, a, b - a)
        rects = []
        for i in range(max(k, 0)):
            raw.FPDFText_GetRect(tp, i, left, top, right, bottom)
            rects.append((left.value, right.value, bottom.value, top.value))
        if k == 1 or (rects and _one_line(rects)):
            x0 = min(r[0] for r in rects) if k > 1 else rects[0][0]
            x1 = max(r[1] for r in rects) if k > 1 else rects[0][1]
            # the vertical extent comes from the font (a loose box), as pdfplumber's does, so that a line
            # of x-height letters is as tall as one with capitals
            if raw.FPDFText_GetLooseCharBox(tp, b - len(stripped), loose_ref):
                y0, y1 = loose.bottom, loose.top
            else:
                y0, y1 = min(r[2] for r in rects), max(r[3] for r in rects)
            runs.append(Run(_clean(piece), x0, x1, y0, y1))
        else:
            split = _runs_by_rects(tp, text, a, b, rects) if rects else None
            runs.extend(split if split is not None else _runs_by_char(tp, text, a, b))
    return runs


def _runs_by_rects(tp, text: str, a: int, b: int, rects: list[tuple[float, float, float, float]]):
    """Split a piece of text at its rectangles' gaps and line changes, finding where each group of
    rectangles starts in the text by asking pdfium which character sits at its left edge. None when the
    answer does not fit (then the caller reads boxes word by word)."""
    import ctypes

    from pypdfium2 import raw

    groups: list[list[tuple[float, float, float, float]]] = [[rects[0]]]
    for r in rects[1:]:
        if _one_line([groups[-1][-1], r]):
            groups[-1].append(r)
        else:
            groups.append([r])
    starts = [a]
    for group in groups[1:]:
        x0, _, y0, y1 = group[0]
        idx = raw.FPDFText_GetCharIndexAtPos(tp, x0 + 0.5, (y0 + y1) / 2, 1.0, 1.0)
        if not starts[-1] < idx < b:
            return None
        starts.append(idx)
    starts.append(b)
    loose = raw.FS_RECTF()
    runs = []
    for group, start, end in zip(groups, starts, starts[1:]):
        piece = text[start:end]
        if not piece.strip():
            continue
        first = start + len(piece) - len(piece.lstrip())
        if raw.FPDFText_GetLooseCharBox(tp, first, ctypes.byref(loose)):
            y0, y1 = loose.bottom, loose.top
        else:
            y0, y1 = min(r[2] for r in group), max(r[3] for r in group)
        runs.append(Run(_clean(piece).strip(), min(r[0] for r in group), max(r[1] for r in group), y0, y1))
    return runs


def _one_line(rects: list[tuple[float, float, float, float]]) -> bool:
    """Rectangles (in character order) that sit on one line without a wide gap between them."""
    first = rects[0]
    h = max(r[3] - r[2] for r in rects) or 1.0
    mid = (first[2] + first[3]) / 2
    prev_x1 = first[1]
    for r in rects[1:]:
        if abs((r[2] + r[3]) / 2 - mid) > 0.5 * h or r[0] < prev_x1 - h or r[0] - prev_x1 > 1.0 * h:
            return False
        prev_x1 = max(prev_x1, r[1])
    return True


_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")


def _runs_by_char(tp, text: str, a: int, b: int) -> list[Run]:
    """Split chars a..b into runs at every change of line or wide gap, from their loose boxes.

    Boxes are read per word (its first and last character), and per character only for a word whose ends
    sit on different lines, so a line that needs this costs a few calls per word, not one per letter."""
    import ctypes

    from pypdfium2 import raw

    rect = raw.FS_RECTF()
    ref = ctypes.byref(rect)

    def box(i: int) -> tuple[float, float, float, float] | None:
        if not raw.FPDFText_GetLooseCharBox(tp, i, ref):
            return None
        return (rect.left, rect.right, rect.bottom, rect.top)

    tokens: list[tuple[str, tuple[float, float, float, float] | None]] = []
    for m in _WORD.finditer(text, a, b):
        i, j = m.start(), m.end() - 1
        if tokens:
            tokens.append((" ", None))
        first, last = box(i), box(j) if j > i else None
        if first is None:
            continue
        if last is None:
            tokens.append((m.group(0), first))
            continue
        h = max(first[3] - first[2], last[3] - last[2], 1.0)
        if abs((first[2] + first[3]) - (last[2] + last[3])) / 2 <= 0.5 * h and last[0] >= first[0]:
            tokens.append((m.group(0), (first[0], last[1], min(first[2], last[2]), max(first[3], last[3]))))
            continue
        for k in range(i, j + 1):  # the word's ends are on different lines: read every character
            bb = box(k)
            if bb is not None:
                tokens.append((text[k], bb))
    return runs_from_chars(tokens)


def runs_from_chars(chars: list[tuple[str, tuple[float, float, float, float] | None]]) -> list[Run]:
    """Group characters in content order into runs; a None box is a space that only separates words."""
    runs: list[Run] = []
    cur: list[str] = []
    box: list[float] | None = None
    pending_space = False
    for ch, bb in chars:
        if bb is None:
            pending_space = True
            continue
        x0, x1, y0, y1 = bb
        h = max(y1 - y0, 1.0)
        if box is not None:
            bh = max(box[3] - box[2], 1.0)
            same_line = abs((y0 + y1) / 2 - (box[2] + box[3]) / 2) <= 0.5 * max(h, bh)
            gap = x0 - box[1]
            if not same_line or gap < -max(h, bh) or gap > 0.8 * max(h, bh):
                runs.append(Run(_clean("".join(cur)).strip(), *box))
                cur, box = [], None
            elif (pending_space or gap > 0.12 * max(h, bh)) and cur and cur[-1] != " ":
                cur.append(" ")
        pending_space = False
        if box is None:
            box = [x0, x1, y0, y1]
        else:
            box = [min(box[0], x0), max(box[1], x1), min(box[2], y0), max(box[3], y1)]
        cur.append(ch)
    if box is not None:
        runs.append(Run(_clean("".join(cur)).strip(), *box))
    return [r for r in runs if r.text]


# --- pdfplumber ----------------------------------------------------------------------------------------


def _pages_pdfplumber(data: bytes) -> tuple[list[PageRuns], object]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    def locked(exc: BaseException) -> bool:
        inner = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
        return any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in inner)

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for damaged files; pdfplumber wraps them
        if locked(exc):
            raise ReadError("encrypted PDF: a password is needed to open it") from None
        raise ReadError(f"corrupt or unreadable PDF ({_short(exc)})") from None
    pages: list[PageRuns] = []
    try:
        title = (pdf.metadata or {}).get("Title", "")
        for index, page in enumerate(pdf.pages):
            height = float(page.height)
            chars = []
            for c in page.chars:
                text = c.get("text") or ""
                if not text:
                    continue
                box = (float(c["x0"]), float(c["x1"]), height - float(c["bottom"]), height - float(c["top"]))
                chars.extend((ch, None if ch.isspace() else box) for ch in text)
            pages.append(
                PageRuns(
                    number=index + 1, width=float(page.width), height=height, runs=runs_from_chars(chars)
                )
            )
            page.close()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - as above, while pages are parsed lazily
        if locked(exc):
            raise ReadError("encrypted PDF: a password is needed to open it") from None
        raise ReadError(f"corrupt PDF: {_short(exc)}") from None
    finally:
        pdf.close()
    return pages, title
