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
    """Where text sits in its source file. line/column are 1-based; page is set for PDF only.

    For PDF, `line` counts lines on the page; for DOCX, `line` is the body paragraph index (1-based);
    for text, Markdown, HTML and XML it is the line in the file.
    """

    line: int = 1
    column: int = 1
    page: int | None = None


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
    """One problem in one clause, found by one rule."""

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
    waived: str | None = None  # the waiver's reason when a waiver accepts this finding
    fingerprint: str = ""  # stable hash of rule + normalised clause text, for waivers and baselines
    precedents: tuple[PrecedentMatch, ...] = ()  # nearest precedents by wording, most similar first

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
