"""The data every stage passes on: readers make Blocks, structure makes a Bill, the engine makes Findings.

Imports point downward only, so this module imports nothing from lawlint.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterator


class LawlintError(Exception):
    """A problem with one input or setting that the user can fix; shown as one line, exit status 2."""


class ReadError(LawlintError):
    """A file could not be read (corrupt, encrypted, unsupported, over a limit)."""


class Severity(enum.IntEnum):
    """Ordered so that comparisons mean 'at least as serious as'."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise LawlintError(f"unknown severity {name!r} (expected error, warning or info)") from None

    def lower(self) -> "Severity":
        return Severity(max(self - 1, Severity.INFO))

    def higher(self) -> "Severity":
        return Severity(min(self + 1, Severity.ERROR))

    def __str__(self) -> str:  # "error", as in the JSON contract
        return self.name.lower()


CONFIDENCE_ORDER = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class Location:
    """Where text sits in its source file: `line` and `column` (1-based) count through the whole document in
    every format, so `path:line:col` names one spot and findings sort in reading order.

    - text, Markdown, HTML, XML: the line of the file and the character in it;
    - DOCX: the body paragraph (table cells included, text boxes not, in document order, as python-docx
      lists them) and the character in the paragraph's text as lawlint reads it (Word's number first);
    - PDF: the body line counted through the document in reading order (running heads, page numbers, margin
      line numbers and marginal notes are not lines of the body), and the character in it. `page` is the
      page and `page_line` the line on that page, agreeing with the page's printed line numbers where it
      prints them: what a reviewer holding the printed bill looks for. Both are None for other formats.
    """

    line: int = 1
    column: int = 1
    page: int | None = None
    page_line: int | None = None

    def shifted(self, columns: int) -> "Location":
        """The same line, `columns` characters further on."""
        return Location(self.line, self.column + columns, self.page, self.page_line) if columns else self


@dataclass(frozen=True)
class Block:
    """A run of text from a reader, with its source location and the hints the format gives.

    kind: paragraph | heading | title | list-item | table-cell | footnote | margin-note
    num:  a number the format supplies outside the text (Word automatic numbering, XML <num>)
    hint: a structural kind the format supplies (XML: section, subsection, paragraph, intro, wrapup ...;
          '' when the structure must be inferred from the text)
    level: heading level or list/XML nesting depth (0 = unknown)
    anchors: (offset in text, Location) for each later source line the text continues onto, so a match
             deep inside a joined paragraph still reports its own line.
    """

    text: str
    location: Location
    kind: str = "paragraph"
    level: int = 0
    num: str = ""
    hint: str = ""
    heading: str = ""
    quoted: bool = False
    anchors: tuple[tuple[int, Location], ...] = ()


@dataclass(frozen=True)
class Document:
    """What a reader returns: the blocks of one file in reading order."""

    path: str
    format: str  # txt | md | docx | pdf | akn | uslm | html
    blocks: tuple[Block, ...]
    title: str = ""


@dataclass(eq=False)
class Clause:
    """One numbered unit of a bill and its children.

    text    the clause's own words without its number: for a clause with children, the lead-in before them
    wrap_up the closing words after its children ("commits an offence and is liable ...")
    xrefs   eids of clauses this clause refers to ("subject to section 41" -> "sec_41")
    anchors (offset in text, Location) where the words start (offset 0, past the clause's own number) and
            where each later source line starts, so a finding points at its exact line and column
    """

    kind: str
    num: str
    label: str
    eid: str
    text: str = ""
    heading: str = ""
    wrap_up: str = ""
    location: Location = field(default_factory=Location)
    anchors: tuple[tuple[int, Location], ...] = ()
    wrap_up_anchors: tuple[tuple[int, Location], ...] = ()
    children: list["Clause"] = field(default_factory=list)
    parent: "Clause | None" = field(default=None, repr=False)
    quoted: bool = False
    xrefs: tuple[str, ...] = ()

    def location_at(self, offset: int, wrap_up: bool = False) -> Location:
        """Where the character at `offset` of the clause's text (or of its wrap-up) sits in the source: the
        one place a character offset becomes a line and column. The nearest anchor at or before the offset
        gives the line; the column counts on from the anchor's."""
        anchors = self.wrap_up_anchors if wrap_up else self.anchors
        base, start = self.location, 0
        if wrap_up and anchors and anchors[0][0] == 0:
            base = anchors[0][1]
        for off, loc in anchors:
            if off <= offset:
                base, start = loc, off
            else:
                break
        return base.shifted(offset - start)

    def span_at(self, start: int, end: int, wrap_up: bool = False) -> tuple[Location, Location]:
        """Where the characters start..end (end exclusive) sit: the first character's location and the
        location just past the last one (as SARIF's endColumn counts), on the last character's line."""
        first = self.location_at(start, wrap_up)
        if end <= start:
            return first, first
        return first, self.location_at(end - 1, wrap_up).shifted(1)

    def walk(self) -> Iterator["Clause"]:
        """This clause and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> list["Clause"]:
        """Parents from the nearest outwards."""
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def subtree_text(self) -> str:
        """The clause's own words, its descendants' and its closing words, in reading order."""
        parts = [self.text]
        parts.extend(child.subtree_text() for child in self.children)
        parts.append(self.wrap_up)
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Term:
    """A defined term: where it is defined and how far the definition reaches (act | part | section)."""

    term: str
    definition: str
    clause: str
    eid: str
    scope: str = "act"


@dataclass(eq=False)
class Bill:
    """A parsed bill: the clause tree and the glossary."""

    path: str
    format: str
    title: str = ""
    clauses: list[Clause] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    language: str = "en"

    def walk(self) -> Iterator[Clause]:
        for clause in self.clauses:
            yield from clause.walk()

    def by_eid(self) -> dict[str, Clause]:
        return {c.eid: c for c in self.walk()}


@dataclass(frozen=True)
class Authority:
    id: str
    citation: str
    pinpoint: str = ""
    url: str = ""


@dataclass(frozen=True)
class PrecedentMatch:
    """A provision a court or body ruled on (or a model text) whose wording resembles a clause
    (lawlint.precedents). holding: struck down | read down | criticised | upheld | model."""

    id: str
    similarity: float  # 0-1
    jurisdiction: str
    instrument: str
    section: str
    holding: str
    case: str  # case name and citation, or the body and its document
    date: str
    url: str

    def to_dict(self) -> dict:
        return {"id": self.id, "similarity": self.similarity, "jurisdiction": self.jurisdiction,
                "instrument": self.instrument, "section": self.section, "holding": self.holding,
                "case": self.case, "date": self.date, "url": self.url}


@dataclass(frozen=True)
class Finding:
    """One problem in one clause, found by one rule. line/column/page/page_line are a Location's (see there):
    line and column count through the document in every format."""

    rule: str
    category: str
    severity: Severity
    confidence: str
    title: str
    path: str
    clause: str
    eid: str
    line: int
    column: int
    page: int | None
    excerpt: str
    message: str
    fix: str
    authorities: tuple[Authority, ...] = ()
    explanation: str = ""  # what raised or lowered the severity, and where it was found
    related: tuple[str, ...] = ()  # other rules of the same category that fired on this clause
    also: tuple[str, ...] = ()  # rules (merge-into) whose missing safeguard is reported as part of this finding
    waived: str | None = None  # the waiver's reason when a waiver accepts this finding
    fingerprint: str = ""  # stable hash of rule + normalised clause text, for waivers and baselines
    end_line: int = 0  # just past the words flagged (exclusive column, as SARIF counts); 0: not known
    end_column: int = 0
    page_line: int | None = None  # PDF: the line on `page` (the printed line number where the page has them)
    precedents: tuple[PrecedentMatch, ...] = ()  # nearest precedents by wording, most similar first

    @property
    def reported_rules(self) -> tuple[str, ...]:
        """Every rule this finding speaks for: its own, the weaker ones of its category on the clause (`related`)
        and the missing safeguards merged into it (`also`)."""
        return (self.rule, *self.related, *self.also)

    def sort_key(self) -> tuple:
        """Document order; at one spot the most serious finding first, so the reader meets the main problem."""
        return (self.path, self.page or 0, self.line, self.column, -int(self.severity), self.rule, self.eid)


@dataclass
class FileResult:
    """Everything lawlint says about one input file."""

    path: str
    format: str = ""
    error: str | None = None
    language: str = ""
    findings: list[Finding] = field(default_factory=list)
    bill: Bill | None = field(default=None, repr=False)
