"""Layout pass shared by both PDF engines: positioned text runs in, paragraph Blocks out.

Engines (pypdfium2, pdfplumber) only extract `Run`s, pieces of one printed line with their boxes in PDF
points (origin bottom left, y up). Everything that makes a page read like a bill is decided here, once, so
both engines give the same paragraphs:

- running headers and footers (the same words near the top or bottom of many pages) and page numbers go, and
  so does what a browser prints around a web page (time stamp and title, address and page counter), by shape;
- printed line numbers in a margin go, and are used to number the lines on each page the way the page does
  (Location.page_line), while Location.line counts the body lines through the whole document;
- marginal notes (short lines outside the body column) stay out of the body and become the heading of the
  paragraph they sit beside;
- two text columns are read left column first;
- hyphenated line ends are joined by a check against the document's own words;
- paragraphs break at a clause number, an indentation change, a gap, or a line that stopped short;
  centred and capitals lines (PART I, a Part's name) stand alone but stay kind "paragraph", so the segmenter
  reads them as it reads plain text, and the front matter of a bill does not become a run of headings.

Every step is linear or n log n in the number of runs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from lawlint.model import Block, Location

__all__ = ["PageRuns", "Run", "layout_blocks"]


@dataclass(slots=True)
class Run:
    """A piece of one printed line: its text and box (x0 < x1, y0 < y1, PDF points, y up)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    height: float = field(init=False)
    mid: float = field(init=False)

    def __post_init__(self) -> None:
        self.height = max(self.y1 - self.y0, 1.0)
        self.mid = (self.y0 + self.y1) / 2


@dataclass
class PageRuns:
    """One page's runs plus its size."""

    number: int  # 1-based
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)


@dataclass
class _Line:
    runs: list[Run]
    page: int
    column: int = 1
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    number: int = 0  # line on page, as a reader would count it
    doc: int = 0  # line of the body through the whole document, in reading order
    caps: bool = False  # in capitals
    clause: bool = False  # starts with a clause number
    ends_item: bool = False  # ends as a list item or sentence does

    def finish(self) -> _Line:
        runs = self.runs
        if len(runs) == 1:  # the common case, without the sorting and joining
            run = runs[0]
            self.text = text = join_runs(runs)
            self.x0, self.x1, self.y0, self.y1 = run.x0, run.x1, run.y0, run.y1
            self.caps = _caps(text)
            self.clause = _CLAUSE_START.match(text) is not None
            self.ends_item = _ENDS_ITEM.search(text) is not None
            return self
        self.runs.sort(key=lambda r: r.x0)
        self.text = text = join_runs(self.runs)
        self.caps = _caps(text)
        self.clause = _CLAUSE_START.match(text) is not None
        self.ends_item = _ENDS_ITEM.search(text) is not None
        self.x0 = min(r.x0 for r in self.runs)
        self.x1 = max(r.x1 for r in self.runs)
        self.y0 = min(r.y0 for r in self.runs)
        self.y1 = max(r.y1 for r in self.runs)
        return self

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2


_SPACES = re.compile(r"\s+")
_SPACE_GAP = 0.18  # a gap wider than this many line heights between runs reads as a space


def join_runs(runs: list[Run]) -> str:
    """Runs of one line, left to right, with a space where the page leaves a gap."""
    out: list[str] = []
    prev: Run | None = None
    for run in runs:
        text = run.text
        if prev is not None and out:
            gap = run.x0 - prev.x1
            if (
                gap > _SPACE_GAP * min(run.height, prev.height)
                and not out[-1].endswith(" ")
                and not text.startswith(" ")
            ):
                out.append(" ")
        out.append(text)
        prev = run
    joined = "".join(out)
    return _SPACES.sub(" ", joined).strip() if "  " in joined or "\t" in joined else joined.strip()


def group_lines(runs: list[Run], page: int, limit: int = 0, ordered: bool = False) -> list[_Line]:
    """Runs whose vertical middles fall within the same band form one line; lines top to bottom.

    With `ordered`, the runs are already in the order to group them (top down, or bottom up); with `limit`,
    only the first `limit` lines are made."""
    groups: list[list[Run]] = []
    ref: Run | None = None
    for run in runs if ordered else sorted(runs, key=lambda r: -r.mid):
        if ref is not None and abs(run.mid - ref.mid) <= 0.45 * min(ref.height, run.height) + 0.5:
            groups[-1].append(run)
            continue
        if limit and len(groups) == limit:
            break
        groups.append([run])
        ref = run
    return [_Line(runs=g, page=page).finish() for g in groups]


# --- running headers, footers, page numbers -------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s+of\s+\d{1,4})?$"
                          r"|^\d{1,4}\s*/\s*\d{1,4}$", re.IGNORECASE)  # "3", "- 3 -", "Page 3 of 12", "3/12"
# What a browser prints around a web page: the date and time and the page's title at the top, its address and a
# page counter at the bottom (Chrome; Firefox and Safari swap the corners). Recognised by shape on a page's
# outermost line, set apart from the body by a gap, so even a one-page printout loses them: a line of the
# page's own words does not begin or end with a time stamp or an address and sit alone in the margin.
_STAMP = r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_URL = r"(?:(?:https?|file)://|www\.)\S+"
_COUNT = r"(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}"
_BROWSER_EDGE = re.compile(
    rf"^(?:{_COUNT}\s+)?(?:{_STAMP}|{_URL})(?:\s|$)|(?:^|\s)(?:{_STAMP}|{_URL})(?:\s+{_COUNT})?$", re.IGNORECASE)
_EDGE_LINES = 3  # lines looked at near the top and the bottom of each page


def _edge_key(line: _Line) -> str:
    """The words of a line without its digits, and where it sits: a running header keeps both."""
    words = re.sub(r"[\d\s]+", "", line.text).lower()
    return f"{words}@{round(line.y1 / 6)}" if words else ""


def edge_lines(ordered: list[Run], page: int) -> list[_Line]:
    """The first few lines from the top and from the bottom of a page (each line once); `ordered` is the
    page's runs from the top down."""
    top = group_lines(ordered, page, _EDGE_LINES, ordered=True)
    seen = {id(r) for ln in top for r in ln.runs}
    bottom = group_lines(ordered[::-1], page, _EDGE_LINES, ordered=True)
    return top + [ln for ln in bottom if not any(id(r) in seen for r in ln.runs)]


def running_runs(pages: list[list[_Line]]) -> set[int]:
    """ids of the runs of page numbers and of lines that repeat near the top or bottom of many pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({k for k in map(_edge_key, lines) if k})
    threshold = max(2, int(0.3 * len(pages) + 0.999))
    running = {k for k, n in counts.items() if n >= threshold}
    out: set[int] = set()
    for lines in pages:
        outer = _margin_lines(lines)
        for ln in lines:
            if _PAGE_NUMBER.match(ln.text) or _edge_key(ln) in running or (
                    any(ln is o for o in outer) and _BROWSER_EDGE.search(ln.text)):
                out.update(id(r) for r in ln.runs)
    return out


def _margin_lines(lines: list[_Line]) -> list[_Line]:
    """The top and bottom lines of a page (from its edge lines) when a gap sets them apart from the body."""
    by_top = sorted(lines, key=lambda ln: -ln.y1)
    if len(by_top) < 2:
        return by_top
    top, second, last, before_last = by_top[0], by_top[1], by_top[-1], by_top[-2]
    out = []
    if top.y0 - second.y1 >= 1.5 * top.height:
        out.append(top)
    if before_last.y0 - last.y1 >= 1.5 * last.height:
        out.append(last)
    return out


# --- columns -------------------------------------------------------------------------------------------

_LINE_NUMBER = re.compile(r"^\d{1,4}$")
_LONG = 20  # characters: a run this long is body text, not a marginal note or a line number


@dataclass
class _Frame:
    """Where the body text sits on a page: one or two columns, [left, right] each."""

    columns: list[tuple[float, float]]

    @property
    def left(self) -> float:
        return self.columns[0][0]

    @property
    def right(self) -> float:
        return self.columns[-1][1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def find_frame(runs: list[Run], width: float) -> _Frame | None:
    """Body column(s) from the long runs: their usual left edge and far right edge."""
    long_runs = [r for r in runs if len(r.text.strip()) >= _LONG]
    if len(long_runs) < 3:
        return None
    lefts = Counter(round(r.x0) for r in long_runs)
    common = [x for x, c in lefts.most_common() if c >= max(3, 0.2 * len(long_runs))]
    if len(common) >= 2:
        a, b = sorted(common[:2])
        left_col = [r for r in long_runs if abs(r.x0 - a) < 40 and r.x0 < b - 10]
        right_col = [r for r in long_runs if r.x0 >= b - 2]
        if b - a > 0.25 * width and left_col and right_col:
            a_right = _percentile([r.x1 for r in left_col], 0.95)
            if a_right < b - 4:
                return _Frame([(float(a), a_right), (float(b), _percentile([r.x1 for r in right_col], 0.95))])
    # the leftmost edge that at least two long runs share: continuation lines start there, indents do not
    xs = sorted(r.x0 for r in long_runs)
    left = next((xs[i] for i in range(len(xs) - 1) if xs[i + 1] - xs[i] <= 1.5), xs[0])
    right = _percentile([r.x1 for r in long_runs], 0.95)
    return _Frame([(left, right)])


def classify(runs: list[Run], frame: _Frame) -> tuple[list[Run], list[Run], list[Run]]:
    """Split a page's runs into body runs, marginal-note runs and margin line-number runs."""
    body, notes, numbers = [], [], []
    tol = 2.0
    for run in runs:
        text = run.text.strip()
        if not text:
            continue
        outside_left = run.x1 <= frame.left + tol
        outside_right = run.x0 >= frame.right - tol
        if (outside_left or outside_right) and _LINE_NUMBER.match(text):
            numbers.append(run)
        elif outside_left or outside_right:
            notes.append(run)
        else:
            body.append(run)
    return body, notes, numbers


# --- paragraphs ----------------------------------------------------------------------------------------

_CLAUSE_START = re.compile(
    r"^(?:\d+[A-Z]{0,2}\.(?:\s|$)|\((?:\d+[A-Za-z]{0,2}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2})\)(?:\s|$)"
    r"|(?:PART|CHAPTER|SCHEDULE)\s+[\dIVXLC]+\b)"
)
_ENDS_ITEM = re.compile(r"(?:[.;:,—–\-]|\b(?:or|and))$")


@dataclass
class _Para:
    lines: list[_Line]
    heading: str = ""
    kind: str = "paragraph"
    title_like: bool = False  # a centred or capitals line: a heading in print, kept a paragraph for structure

    @property
    def first(self) -> _Line:
        return self.lines[0]


def _centered(line: _Line, left: float, right: float) -> bool:
    width = right - left
    lgap, rgap = line.x0 - left, right - line.x1
    return lgap > 0.1 * width and rgap > 0.1 * width and abs(lgap - rgap) < 0.03 * width + 4


def _caps(text: str) -> bool:
    """A line in capitals (a Part or Schedule heading, a long title), not a sentence."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 3


def _first_word_width(line: _Line) -> float:
    word = line.text.split(" ", 1)[0]
    per_char = (line.x1 - line.x0) / max(len(line.text), 1)
    return per_char * (len(word) + 1)


def paragraphs(lines: list[tuple[_Line, float, float]]) -> list[_Para]:
    """Group lines (each with its column's left and right edge) into paragraphs in reading order."""
    paras: list[_Para] = []
    pitches = [
        a[0].y0 - b[0].y0
        for a, b in pairwise(lines)
        if a[0].page == b[0].page and a[0].column == b[0].column and 0 < a[0].y0 - b[0].y0 < 4 * a[0].height
    ]
    pitch = sorted(pitches)[len(pitches) // 4] if pitches else 12.0  # the line spacing inside paragraphs
    prev: tuple[_Line, float, float] | None = None
    cont_x: float | None = None  # continuation indent (relative to the column) of the open paragraph
    for item in lines:
        line, left, right = item
        if prev is None or _starts_paragraph(item, prev, paras[-1], cont_x, pitch):
            title_like = (_centered(line, left, right) or line.caps) and not line.ends_item
            paras.append(_Para(lines=[line], title_like=title_like))
            cont_x = None
        else:
            paras[-1].lines.append(line)
            if cont_x is None:
                cont_x = line.x0 - left
        prev = item
    return paras


def _starts_paragraph(item, prev, para: _Para, cont_x: float | None, pitch: float) -> bool:
    """Whether `item` (a line and its column edges) begins a new paragraph after `prev`."""
    line, left, right = item
    pline, pleft, pright = prev
    same_flow = pline.page == line.page and pline.column == line.column
    rel, prel = line.x0 - left, pline.x0 - pleft
    if same_flow and pline.y0 - line.y0 > 1.4 * pitch:
        return True  # a vertical gap
    if para.title_like:
        # a heading stands alone, except a capitals heading wrapped onto a second line
        both_caps = line.caps and pline.caps
        if not both_caps or line.clause or pline.clause:
            return True
    if _centered(line, left, right) and (not same_flow or pright - pline.x1 > 0.1 * (pright - pleft)):
        return True
    if line.clause and pline.ends_item:
        return True  # "(b) ..." after "... ; or"
    if line.caps != pline.caps:
        return True
    if not pline.text.endswith("-") and pright - pline.x1 > _first_word_width(line) + 2:
        return True  # the last line stopped short although the next word would have fitted
    if cont_x is not None and abs(rel - cont_x) > 2.5:
        return True  # the indentation changed
    # a one-line paragraph that ended a sentence, then an indented first line
    return len(para.lines) == 1 and rel > prel + 2.5 and pline.text.endswith(".")


# --- hyphenation ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


def vocabulary(texts: list[str]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds that occur inside lines (not split at a line end)."""
    words: set[str] = set()
    compounds: set[str] = set()
    for text in texts:
        for m in _WORD.finditer(text):
            token = m.group(0).lower()
            if "-" in token:
                compounds.add(token)
                words.update(token.split("-"))
            else:
                words.add(token)
    return words, compounds


def join_hyphen(left: str, right: str, words: set[str], compounds: set[str]) -> bool:
    """True when 'left-' at a line end and 'right' on the next line are one word split by the printer."""
    lw = re.search(r"([A-Za-z]+)-$", left)
    rw = re.match(r"([A-Za-z]+)", right)
    if not lw or not rw:
        return False
    a, b = lw.group(1), rw.group(1)
    joined, hyph = (a + b).lower(), f"{a}-{b}".lower()
    if hyph in compounds:
        return False
    if joined in words:
        return True
    if b[0].isupper():
        return False  # Attorney-General, Non-Governmental
    # twenty-four, cross-border: two known words stay hyphenated; a fragment like "protec" joins
    return not (a.lower() in words and b.lower() in words and len(a) > 2 and len(b) > 2)


# --- the pass ------------------------------------------------------------------------------------------


def _number_lines(body: list[_Line], numbers: list[Run]) -> None:
    """Line numbers on a page; where the page prints its own (5, 10, ...), agree with them."""
    for i, line in enumerate(body, 1):
        line.number = i
    offsets: Counter[int] = Counter()
    by_mid = sorted((ln.mid, i) for i, ln in enumerate(body))
    mids = [m for m, _ in by_mid]
    for run in numbers:
        at = bisect_left(mids, run.mid)
        near = [body[by_mid[k][1]] for k in (at - 1, at) if 0 <= k < len(by_mid)]
        best = min(near, key=lambda ln: abs(ln.mid - run.mid), default=None)
        if best is not None and abs(best.mid - run.mid) < 0.6 * best.height:
            offsets[int(run.text.strip()) - best.number] += 1
    if offsets:
        offset = offsets.most_common(1)[0][0]
        for line in body:  # lines above the printed numbering (a long title) count from 1
            line.number = max(1, line.number + offset)


def _note_blocks(note_lines: list[_Line]) -> list[tuple[_Line, str]]:
    """Consecutive marginal-note lines (small gaps, same side) merged: (first line, text)."""
    out: list[tuple[_Line, str]] = []
    prev: _Line | None = None
    for line in note_lines:
        if prev is not None and prev.y0 - line.y1 < 0.9 * line.height and abs(prev.x0 - line.x0) < 8:
            first, text = out[-1]
            out[-1] = (first, text[:-1] + line.text if text.endswith("-") else f"{text} {line.text}")
        else:
            out.append((line, line.text))
        prev = line
    return out


def layout_blocks(pages: list[PageRuns]) -> list[Block]:
    """The whole layout pass: pages of runs to paragraph Blocks in reading order."""
    ordered = [sorted(p.runs, key=lambda r: -r.mid) for p in pages]  # top down, once; filters keep the order
    dropped = running_runs([edge_lines(runs, p.number) for p, runs in zip(pages, ordered)])
    kept = [[r for r in runs if id(r) not in dropped] for runs in ordered]
    # the frame is found per page; pages with too little text borrow the frame of a page of the same parity
    frames: list[_Frame | None] = [find_frame(runs, page.width) for page, runs in zip(pages, kept)]
    fallback = _parity_frames(pages, frames)
    for i, (page, runs) in enumerate(zip(pages, kept)):
        frames[i] = _settle_frame(frames[i], fallback[page.number % 2], runs)
    flow: list[tuple[_Line, float, float]] = []
    notes_by_page: dict[int, list[tuple[_Line, str]]] = {}
    for page, runs, frame in zip(pages, kept, frames):
        if frame is None:
            body_runs, note_runs, number_runs = runs, [], []
            frame = _Frame(
                [(min((r.x0 for r in runs), default=0.0), max((r.x1 for r in runs), default=page.width))]
            )
        else:
            body_runs, note_runs, number_runs = classify(runs, frame)
        body_lines: list[_Line] = []
        bounds = [c[0] - 2 for c in frame.columns[1:]] + [float("inf")]
        for col, (cl, cr) in enumerate(frame.columns, 1):
            lo = bounds[col - 2] if col > 1 else float("-inf")
            mine = [r for r in body_runs if lo <= r.x0 < bounds[col - 1]]
            for line in group_lines(mine, page.number, ordered=True):
                line.column = col
                body_lines.append(line)
                flow.append((line, cl, cr))
        _number_lines(body_lines, number_runs)
        notes_by_page[page.number] = _note_blocks(group_lines(note_runs, page.number, ordered=True))
    for doc_line, (line, _, _) in enumerate(flow, 1):
        line.doc = doc_line
    paras = paragraphs(flow)
    paras = _attach_notes(paras, notes_by_page)
    vocab = _LazyVocabulary([ln.text for ln, _, _ in flow])
    return [_to_block(p, vocab) for p in paras if p.lines]


def _parity_frames(pages: list[PageRuns], frames: list[_Frame | None]) -> dict[int, _Frame | None]:
    """The usual one-column frame of odd and of even pages (margins often alternate)."""
    out: dict[int, _Frame | None] = {}
    for parity in (0, 1):
        ones = [
            f
            for p, f in zip(pages, frames)
            if f is not None and len(f.columns) == 1 and p.number % 2 == parity
        ]
        if not ones:
            out[parity] = None
            continue
        left = Counter(round(f.left) for f in ones).most_common(1)[0][0]
        right = Counter(round(f.right) for f in ones).most_common(1)[0][0]
        out[parity] = _Frame([(float(left), float(right))])
    if out[0] is None:
        out[0] = out[1]
    if out[1] is None:
        out[1] = out[0]
    return out


def _settle_frame(frame: _Frame | None, usual: _Frame | None, runs: list[Run]) -> _Frame | None:
    """Prefer the usual frame where the page agrees with it; a page of indented lists widens to it."""
    if usual is None or (frame is not None and len(frame.columns) > 1):
        return frame
    if frame is None:
        return usual
    left, right = frame.left, frame.right
    left = min(left, usual.left)  # a page of indented definitions still has the usual left margin
    if right < usual.right + 3:
        right = max(right, usual.right)
    return _Frame([(left, right)])


def _attach_notes(paras: list[_Para], notes_by_page: dict[int, list[tuple[_Line, str]]]) -> list[_Para]:
    """A marginal note becomes the heading of the paragraph that starts beside it, else its own Block,
    placed before the first paragraph that starts below it. Work is per page, so linear overall."""
    starts: dict[int, list[tuple[int, _Para]]] = {}
    for i, para in enumerate(paras):
        starts.setdefault(para.first.page, []).append((i, para))
    pages = sorted(starts)
    inserts: dict[int, list[_Para]] = {}
    for page, notes in notes_by_page.items():
        candidates = starts.get(page, [])
        for line, text in notes:
            best = None
            for _, para in candidates:
                dist = para.first.y1 - line.y1
                beside = -1.5 * line.height <= dist <= 1.5 * para.first.height and not para.heading
                if beside and (best is None or abs(dist) < abs(best.first.y1 - line.y1)):
                    best = para
            if best is not None:
                best.heading = text
                continue
            line.text = text
            below = next((i for i, para in candidates if para.first.y1 < line.y1 - 0.5), None)
            if below is None:  # before the first paragraph of a later page, or at the end
                later = bisect_left(pages, page + 1)
                below = starts[pages[later]][0][0] if later < len(pages) else len(paras)
            # a note is no line of the body: it takes the place of the body line it stands before
            nxt = paras[below].first if below < len(paras) else None
            line.doc = nxt.doc if nxt is not None else (paras[-1].lines[-1].doc if paras else 1)
            line.number = nxt.number if nxt is not None and nxt.page == line.page else line.number
            inserts.setdefault(below, []).append(_Para(lines=[line], kind="margin-note"))
    out: list[_Para] = []
    for i, para in enumerate(paras):
        out.extend(inserts.get(i, ()))
        out.append(para)
    out.extend(inserts.get(len(paras), ()))
    return out


class _LazyVocabulary:
    """The document's words, collected the first time a hyphenated line end needs them."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.sets: tuple[set[str], set[str]] | None = None

    def joins(self, left: str, right: str) -> bool:
        if self.sets is None:
            self.sets = vocabulary([t.rstrip("-") for t in self.texts])
        return join_hyphen(left, right, *self.sets)


def _location(line: _Line) -> Location:
    """A body line's Location: its line through the document (the key: unique and in reading order), and its
    page and line on the page, numbered down the left text column and on down the right one, as a reader
    with the printed bill counts (lines above a page's printed numbering all count as its line 1). Column 1
    is the line's start: the engine adds a match's offset in the line to it."""
    return Location(line=max(line.doc, 1), column=1, page=line.page, page_line=max(line.number, 1))


def _to_block(para: _Para, vocab: _LazyVocabulary) -> Block:
    """A paragraph as a Block, with an anchor where each of its later lines starts."""
    text = ""
    anchors: list[tuple[int, Location]] = []
    for i, line in enumerate(para.lines):
        loc = _location(line)
        piece = line.text
        if i == 0:
            text = piece
            continue
        if text.endswith("-") and vocab.joins(text, piece):
            text = text[:-1]
            anchors.append((len(text), loc))
            text += piece
        elif text.endswith(("-", "—", "–")) and not text.endswith(" -"):
            anchors.append((len(text), loc))
            text += piece
        else:
            text += " "
            anchors.append((len(text), loc))
            text += piece
    first = para.first
    return Block(
        text=text,
        location=_location(first),
        kind=para.kind,
        heading=para.heading,
        anchors=tuple(anchors),
    )
