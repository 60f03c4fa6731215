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
# The same clause types in French and Spanish bills (kept apart so the English patterns stay as they are).
# "Dispositions finales"/"disposiciones finales" are left out: in Spanish and French drafting they often
# amend the penal code.
_FR_ES_DEFINITIONS_HEADING = re.compile(r"\b(d[ée]finitions?|definici[oó]n(es)?|terminolog[íi]a)\b", re.IGNORECASE)
_FR_ES_PREAMBLE_HEADING = re.compile(
    r"^\W*(pr[ée]ambule|expos[ée] des motifs|objet( de la (pr[ée]sente )?loi)?|objectifs?|"
    r"pre[aá]mbulo|exposici[oó]n de motivos|objeto( de (la|esta) ley)?|finalidad|objetivos?)\W*$", re.IGNORECASE)
_FR_ES_BODY = r"(de l'|du |de la |des |del |de los |de las )?(autorit[ée]|conseil|commission|agence|comit[ée]|office|" \
    r"fonds|membres|autoridad|consejo|comisi[oó]n|agencia|organismo|fondo|miembros)"
_FR_ES_ADMIN_HEADING = re.compile(
    r"^\W*(entr[ée]e en vigueur|abrogations?|dispositions? abrogatoires?|dispositions? transitoires?|"
    r"rapports? annuels?|rapports? au parlement|"
    r"entrada en vigor|derogaci[oó]n|disposici[oó]n(es)? derogatorias?|disposici[oó]n(es)? transitorias?|"
    r"informe anual|memoria anual)\b|"
    r"^\W*(ressources|budget|financement|nomination|mandat|r[ée]mun[ée]ration|personnel|si[eè]ge|quorum|"
    r"composition|financiaci[oó]n|presupuesto|nombramiento|mandato|remuneraci[oó]n|personal|sede|qu[oó]rum|"
    r"composici[oó]n|recursos)\W*(" + _FR_ES_BODY + r"\b.*)?$", re.IGNORECASE)
_FR_ES_DEFINITION_TEXT = re.compile(
    r"^\s*((au sens|aux fins) de la pr[ée]sente loi,?\s*)?on entend par\b|"
    r"^\s*((a los efectos|para los fines) de (esta|la presente) ley,?\s*)?se entender[aá] por\b|"
    r"^\s*((a los efectos|para los fines) de (esta|la presente) ley,?\s*)?se entiende por\b", re.IGNORECASE)
_FR_ES_PREAMBLE_TEXT = re.compile(
    r"^\s*(consid[ée]rant que|vu la constitution|la pr[ée]sente loi a pour objet|"
    r"considerando que|vista la constituci[oó]n|(la presente|esta) ley tiene por objeto)\b", re.IGNORECASE)
_FR_ES_ADMIN_TEXT = re.compile(
    r"^\s*(la pr[ée]sente loi (entre|entrera) en vigueur|la pr[ée]sente loi sera ex[ée]cut[ée]e comme loi|"
    r"(la presente|esta) ley entrar[aá] en vigor|quedan? derogad[oa]s?)\b", re.IGNORECASE)
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
            defs = defs or bool(_DEFINITIONS_HEADING.search(heading)) or c.kind in _DEFINITION_KINDS \
                or bool(_FR_ES_DEFINITIONS_HEADING.search(heading))
            pre = pre or c.kind in _PREAMBLE_KINDS or (
                bool(_PREAMBLE_HEADING.search(heading)) and not _APPLICATION_HEADING.search(heading)) \
                or bool(_FR_ES_PREAMBLE_HEADING.search(heading))
            admin = admin or bool(_ADMIN_HEADING.search(heading)) or bool(_FR_ES_ADMIN_HEADING.search(heading))
            quoted = quoted or c.quoted
            k = id(c)
            own_def = bool(_DEFINITION_TEXT.match(c.text or "")) or c.eid in term_eids \
                or bool(_FR_ES_DEFINITION_TEXT.match(c.text or ""))
            if defs or own_def:
                self.in_definitions.add(k)
            if pre or _PREAMBLE_TEXT.match(c.text or "") or _OBJECTS_TEXT.match(c.text or "") \
                    or _FR_ES_PREAMBLE_TEXT.match(c.text or ""):
                self.preamble.add(k)
            if admin or _ADMIN_TEXT.match(c.text or "") or _FR_ES_ADMIN_TEXT.match(c.text or ""):
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
