"""Structural predicates: facts about a clause's place in the bill, not about its words' patterns.

in-definitions, preamble, administrative, quoted are decided once per clause from headings (its own and
its ancestors'), the clause kind, its opening words and the glossary; trigger-defined depends on the
words a rule matched and is decided in evaluation.
"""

from __future__ import annotations

import re

from lawlint.model import Bill, Clause

_DEFINITIONS_HEADING = re.compile(r"\b(interpretation|definitions?|meaning of|defined terms|glossary)\b", re.IGNORECASE)
_PREAMBLE_HEADING = re.compile(
    r"^\W*(preamble|long title|short title|(short )?title|citation|objects?|purposes?|objectives?|"
    r"object and purpose|objects? and purposes?|objects of (this|the) (act|law|bill)|purposes? of (this|the) "
    r"(act|law|bill)|recitals?)\b", re.IGNORECASE)
# "Short title, extent and application": the title is not operative, but the reach of the bill is.
_APPLICATION_HEADING = re.compile(r"\b(application|extent|scope|jurisdiction)\b", re.IGNORECASE)
# Anchored at the start of the heading: "Funds of the Authority" is administrative, "Terrorist funds" is
# not; "Membership of the Board" is, "Membership of a proscribed organisation" is not.
_BODY = r"(the |a |an )?([a-z-]+ ){0,5}(board|commission|authority|council|committee|tribunal|agency|centre|" \
        r"center|office|fund|team|secretariat|directorate|regulator|unit)\b"
_ADMIN_HEADING = re.compile(
    r"^\W*(the\s+)?(short title|citation|commencement|entry into force|coming into (force|operation)|"
    r"appointment|tenure|term of office|vacanc(y|ies)|removal from office|resignation|remuneration|allowances|"
    r"staff|secretariat|meetings?|proceedings of (the )?(board|commission|authority|council|committee)|quorum|"
    r"(common |official )?seal|funds? of|finances?|financial (provisions|year)|budget|estimates|accounts?|"
    r"audit|annual reports?|reports? to parliament|repeals?|savings?|transitional|consequential amendments?|"
    r"delegation of (functions|powers)|disclosure of interest|protection from (personal )?liability|expenses|"
    r"borrowing|fees|(establishment|composition|membership|constitution) of "
    + _BODY + r")", re.IGNORECASE)
_DEFINITION_TEXT = re.compile(
    r"""^\s*(?:\([a-z0-9]+\)\s*)?["'\u201c\u2018][^"'\u201d\u2019]{1,120}["'\u201d\u2019]\s*(?:,[^,]{0,60},\s*)?"""
    r"""(means|includes|has the (same )?meaning|refers to|shall mean|shall include|is defined)\b""", re.IGNORECASE)
_PREAMBLE_TEXT = re.compile(
    r"^\s*(whereas|an act to|a bill for an act|a bill to|an act for|be it enacted|enacted by|now,? therefore)\b",
    re.IGNORECASE)
_OBJECTS_TEXT = re.compile(r"^\s*the (objects?|purposes?|objectives?) of this (act|law|bill|part) (is|are)\b", re.IGNORECASE)
_ADMIN_TEXT = re.compile(
    r"^\s*(this (act|law|bill) may be cited as|this (act|law) shall come into (force|operation)|"
    r"this (act|law) comes into (force|operation)|(the )?[a-z ]{0,40}\bis (hereby )?repealed\b|"
    r"there is (hereby )?established a fund|the [a-z ]{0,40}shall, within [a-z0-9 ]+ after the end of each "
    r"financial year)", re.IGNORECASE)
# footnotes ("note") are editorial, not law: they get the preamble treatment
_PREAMBLE_KINDS = {"preamble", "longtitle", "long-title", "title", "recital", "recitals", "formula", "note"}
_DEFINITION_KINDS = {"definition", "def"}


class Structure:
    """Structural facts for every clause of a bill, computed once (top-down, so no quadratic walk)."""

    def __init__(self, bill: Bill):
        self.in_definitions: set[int] = set()
        self.preamble: set[int] = set()
        self.administrative: set[int] = set()
        self.quoted: set[int] = set()
        term_eids = {t.eid for t in bill.glossary}

        def visit(c: Clause, defs: bool, pre: bool, admin: bool, quoted: bool) -> None:
            heading = c.heading or ""
            defs = defs or bool(_DEFINITIONS_HEADING.search(heading)) or c.kind in _DEFINITION_KINDS
            pre = pre or c.kind in _PREAMBLE_KINDS or (
                bool(_PREAMBLE_HEADING.search(heading)) and not _APPLICATION_HEADING.search(heading))
            admin = admin or bool(_ADMIN_HEADING.search(heading))
            quoted = quoted or c.quoted
            k = id(c)
            own_def = bool(_DEFINITION_TEXT.match(c.text or "")) or c.eid in term_eids
            if defs or own_def:
                self.in_definitions.add(k)
            if pre or _PREAMBLE_TEXT.match(c.text or "") or _OBJECTS_TEXT.match(c.text or ""):
                self.preamble.add(k)
            if admin or _ADMIN_TEXT.match(c.text or ""):
                self.administrative.add(k)
            if quoted:
                self.quoted.add(k)
            for child in c.children:
                visit(child, defs or own_def, pre, admin, quoted)

        for top in bill.clauses:
            visit(top, False, False, False, False)

    def holds(self, name: str, clause: Clause) -> bool:
        k = id(clause)
        if name == "in-definitions":
            return k in self.in_definitions
        if name == "preamble":
            return k in self.preamble
        if name == "administrative":
            return k in self.administrative
        if name == "quoted":
            return k in self.quoted
        raise KeyError(name)
