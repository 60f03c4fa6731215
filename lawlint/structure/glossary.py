"""Defined terms: definitions sections ("“X” means ...", also unquoted there; "on entend par"; "se entiende
por"), quoted definitions anywhere, and inline definitions ("(in this Act referred to as “the Authority”)").

Scope says how far a definition reaches: "act" (the default, or "In this Act"), "part" ("In this Part"),
"section" ("In this section", "For the purposes of this section").
"""

from __future__ import annotations

import re

from lawlint.model import Bill, Clause, Term

_Q_OPEN = "“\"‘'«„"
_Q_CLOSE = "”\"’'»“"
_TERM_CHARS = r"(?:[^”\"’'»“\n]|['’](?=[A-Za-z]))"  # an apostrophe inside a word ("America's") is not a quote
_VERBS = (r"means|mean|includes|include|has the (?:same )?meaning|shall mean|shall include|refers to|"
          r"is defined|désigne|désignent|s['’]entend(?:ent)?|signifie|significa|significan|comprend|"
          r"comprende|incluye|bezeichnet|umfasst|sind|ist")
_QUOTED_DEF = re.compile(
    r"[" + _Q_OPEN + r"]\s*(?P<term>" + _TERM_CHARS + r"{1,80}?)\s*[" + _Q_CLOSE + r"]"
    r"(?:\s*(?:or|and|ou|et|o|y)\s*[" + _Q_OPEN + r"][^" + _Q_CLOSE + r"]{1,80}[" + _Q_CLOSE + r"])*"
    r"\s*(?:\([^)]{0,80}\)\s*)?,?\s*(?P<verb>" + _VERBS + r")\b\s*[:,—–-]?\s*(?P<rest>.*)", re.DOTALL)
_PLAIN_DEF = re.compile(
    r"^(?:\d+\.\s*)?(?P<term>[A-Za-z][\w'’ -]{0,60}?)\s+(?P<verb>means|includes|has the (?:same )?meaning|"
    r"shall mean|refers to)\b\s*[:,—–-]?\s*(?P<rest>.*)", re.DOTALL)
_FR_DEF = re.compile(r"(?:on entend par|il faut entendre par|est considéré comme)\s+[«“\"]?\s*(?P<term>[^:,»”\"]{1,80}?)"
                     r"\s*[»”\"]?\s*[:,]\s*(?P<rest>.*)", re.DOTALL | re.IGNORECASE)
_ES_DEF = re.compile(r"se entender[áa]n? por\s+[«“\"]?\s*(?P<term>[^:,»”\"]{1,80}?)\s*[»”\"]?\s*[:,]\s*(?P<rest>.*)"
                     r"|se entiende(?:n)? por\s+[«“\"]?\s*(?P<term2>[^:,»”\"]{1,80}?)\s*[»”\"]?\s*[:,]\s*(?P<rest2>.*)",
                     re.DOTALL | re.IGNORECASE)
_INLINE = re.compile(
    r"\(\s*(?:(?:in|for the purposes of) this (?P<scope>Act|Part|section|Chapter|Proclamation|Law|Regulations?)"
    r"\s*,?\s*)?(?:hereinafter|hereafter|referred to|called|ci-après|en lo sucesivo|im Folgenden)"
    r"[^()" + _Q_OPEN + r"]{0,40}[" + _Q_OPEN + r"](?P<term>[^" + _Q_CLOSE + r"]{1,60})[" + _Q_CLOSE + r"]\s*\)",
    re.IGNORECASE)
_DEF_HEADING = re.compile(r"interpretation|definition|meaning|begriffsbestimmung|définition|definici|glossary|"
                          r"definiç|conceitos",
                          re.IGNORECASE)
_DEF_LEAD = re.compile(
    r"\b(?:In|For the purposes? of) this (?P<scope>Act|Part|section|Chapter|Division|Proclamation|Law|"
    r"Ordinance|Regulations?|Convention|article|Code)\b(?:\s*,?\s*(?:and in any [^,—:]{1,60},\s*)?unless the "
    r"context (?:otherwise )?(?:requires|indicates|admits)|\s*,?\s*(?:the following|these) (?:definitions|"
    r"expressions) apply)?\s*[,:—–-]*\s*|"
    r"\b(?:Aux fins de|Au sens de|Pour l['’]application de)\b|\b(?:A (?:los )?efectos de|Para los efectos de)\b",
    re.IGNORECASE)
# Canadian French: the term in guillemets, then its definition with no verb, then the English term in brackets:
# « données informatiques » Représentations, notamment signes ... (computer data)
_FR_CA_DEF = re.compile(r"^«\s*(?P<term>[^»\n]{1,80}?)\s*»\s*(?P<rest>[A-ZÀ-Ý].*)", re.DOTALL)
_FR_CA_EQUIVALENT = re.compile(r"\(\s*[a-z][a-z' -]{0,60}\)\s*[.;]?\s*$")
_FR_LEAD = re.compile(r"\b(?:les définitions qui suivent s['’]appliquent|au sens de|aux fins de|pour l['’]application de)"
                      r"\b[^.]{0,40}?\b(?:(?P<act>la présente loi|du présent code)|(?P<part>la présente partie|"
                      r"présent chapitre)|(?P<sec>présent article|la présente section))", re.IGNORECASE)
_NEXT_QUOTED = re.compile(r";\s*(?:and\s+|or\s+)?(?=[" + _Q_OPEN + r"][^" + _Q_CLOSE + r"]{1,80}[" + _Q_CLOSE +
                          r"]\s*(?:" + _VERBS + r")\b)|(?<=[.)])\s+(?=«[^»]{1,80}»\s*[A-ZÀ-Ý])")
_NOT_A_TERM = re.compile(r"(?:a|an|any|the|this|that|each|every|references?|nothing|it)\b", re.IGNORECASE)
# German: "Im Sinne dieses Gesetzes ist 1. Diensteanbieter jede ...", "Für die Zwecke dieses Gesetzes bezeichnet";
# Portuguese: "Para os efeitos desta Lei, considera-se: I - internet: o sistema ...", "Para efeitos da presente lei,
# considera-se: a) «Sistema informático», qualquer dispositivo ...".
_DE_LEAD = re.compile(r"\b(?:im Sinne|für die Zwecke|in)\s+(?:(?P<act>dieses Gesetzes|dieses Staatsvertrages|dieser "
                      r"Verordnung|diesem Gesetz)|(?P<part>dieses Abschnitts|dieses Teils|dieses Kapitels)|(?P<sec>dieser "
                      r"Vorschrift|dieses Paragraphen|dieses Artikels))\b", re.IGNORECASE)
_PT_LEAD = re.compile(r"\b(?:para|aos?)\s+(?:os\s+)?(?:efeitos|fins)\s+(?:d[aeo]s?\s+)?(?:(?P<act>desta lei|presente lei|"
                      r"deste decreto|deste código|desta medida provisória)|(?P<part>deste capítulo|desta seção|desta secção|"
                      r"deste título)|(?P<sec>deste artigo))", re.IGNORECASE)
# an item of a German definitions list: "1. Diensteanbieter jede natürliche oder juristische Person, die ..."
_DE_ITEM_DEF = re.compile(r"^(?P<term>[A-ZÄÖÜ][\wäöüß-]+(?:\s+[a-zäöüß]+){0,2}?)\s+(?P<rest>(?:jede|jeder|jedes|die|der|"
                          r"das|ein|eine|einer|alle|sämtliche)\b.*)", re.DOTALL)
# "... oder der Öffentlichkeit zugänglich machen (soziale Netzwerke).": the term in brackets after its definition
_DE_BRACKET_DEF = re.compile(r"\((?P<term>[^()§\d]{2,60})\)\s*[.;]")
# "I - internet: o sistema ...", "a) «Sistema informático», qualquer dispositivo ...": term, then colon or comma
_PT_ITEM_DEF = re.compile(r"^[«“\"]?(?P<term>[^:«»“”\"\d]{1,60}?)[»”\"]?\s*[:,]\s+(?P<rest>\S.*)", re.DOTALL)
_PT_DEF = re.compile(r"(?:entende-se por|considera-se|consideram-se)\s+[«“\"]?\s*(?P<term>[^:,»”\"]{1,80}?)\s*[»”\"]?\s*[:,]"
                     r"\s*(?P<rest>\S.*)", re.DOTALL | re.IGNORECASE)

_SCOPE_WORDS = {"act": "act", "part": "part", "section": "section", "chapter": "part", "division": "part",
                "article": "section"}


def _scope_of(word: str | None) -> str:
    return _SCOPE_WORDS.get((word or "act").lower(), "act")


def _lead_scope(clause: Clause) -> tuple[bool, str]:
    """Is the clause inside a definitions provision, and what scope does its lead-in give?"""
    node: Clause | None = clause
    in_defs, scope = False, "act"
    while node is not None and node.kind not in ("part", "chapter", "division", "schedule"):
        m = _DEF_LEAD.search(node.text or "")
        if m:
            in_defs = True
            scope = _scope_of(m.group("scope"))
            break
        m = _FR_LEAD.search(node.text or "") or _DE_LEAD.search(node.text or "") or _PT_LEAD.search(node.text or "")
        if m:
            in_defs = True
            scope = "act" if m.group("act") else "part" if m.group("part") else "section"
            break
        if node.heading and _DEF_HEADING.search(node.heading):
            in_defs = True
        node = node.parent
    return in_defs, scope


def _list_lead(clause: Clause) -> str:
    """"de" or "pt" when an ancestor's words open a German or Portuguese definitions list, else ""."""
    node = clause.parent
    while node is not None and node.kind not in ("part", "chapter", "division", "schedule"):
        if _PT_LEAD.search(node.text or ""):
            return "pt"
        if _DE_LEAD.search(node.text or ""):
            return "de"
        node = node.parent
    return ""


def _full_definition(rest: str, clause: Clause, source: str) -> str:
    """The definition's words; a definition that ends in a lead-in ("means—") takes its list too."""
    rest = " ".join(rest.split())
    if source == "text" and clause.children and (not rest or rest.endswith(("—", "–", ":", "-"))):
        tail = " ".join(child.subtree_text() for child in clause.children)
        rest = f"{rest} {tail}".strip()
        if clause.wrap_up and not (_QUOTED_DEF.match(clause.wrap_up) or _PLAIN_DEF.match(clause.wrap_up)):
            rest = f"{rest} {clause.wrap_up}"
    return rest[:1000].rstrip(" ;,")


def _clean_term(term: str) -> str:
    return " ".join(term.strip(" ,;:").split())


def _split_definitions(text: str) -> list[str]:
    """A run of quoted definitions in one paragraph ('“a” means x; “b” means y') split into pieces."""
    pieces, start = [], 0
    for m in _NEXT_QUOTED.finditer(text):
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return pieces


_TERM_ONLY = re.compile(r"^(?:the term|the expression|the word)\s+[" + _Q_OPEN + r"](?P<term>" + _TERM_CHARS +
                        r"{1,80})[" + _Q_CLOSE + r"]\s*(?:[—–:]|-{1,2})?\s*$", re.IGNORECASE)


def _from_text(clause: Clause, text: str, source: str, in_defs: bool, scope: str) -> list[Term]:
    out: list[Term] = []
    text = text.replace("``", "“").replace("''", "”")  # US Government Publishing Office quotes
    only = _TERM_ONLY.match(text.strip())
    if only and source == "text" and clause.children and re.match(r"(?:means|includes)\b", clause.children[0].text):
        # "The term “X”— (A) means ...; (B) includes ..."
        definition = _full_definition("", clause, source)
        return [Term(_clean_term(only.group("term")), definition, clause.label, clause.eid, scope)]
    for m in _INLINE.finditer(text):
        before = text[: m.start()].rstrip()
        cut = max(before.rfind(". "), before.rfind("; "), before.rfind(", "), before.rfind(": "))
        phrase = before[cut + 2:] if cut >= 0 else before
        art = list(re.finditer(r"\b(?:the|a|an|la|le|les|el|los|die|der|das)\s+(?=[A-ZÀ-Þ])", phrase))
        if art:
            phrase = phrase[art[-1].start():]
        else:
            phrase = " ".join(phrase.split()[-8:])
        out.append(Term(_clean_term(m.group("term")), phrase.strip(), clause.label, clause.eid,
                        _scope_of(m.group("scope"))))
    for piece in _split_definitions(text):
        body = piece.strip()
        lead = _DEF_LEAD.match(body)
        if lead:
            body = body[lead.end():]
        body = re.sub(r"^[,\s]+", "", body)
        m = _QUOTED_DEF.match(body)
        if m and m.group("verb").lower() in ("sind", "ist") and not in_defs:
            m = None
        if m is None and re.match(r"[" + _Q_OPEN + r"]", body) is None:
            for m2 in _QUOTED_DEF.finditer(body):
                if re.search(r"(?:\b(?:the term|the expression|the word|le terme|el término)|[,:;.—–(])\s*$",
                             body[: m2.start()], re.IGNORECASE):
                    m = m2
                    break
        if m:
            local_scope = scope
            before = body[: m.start()]
            if re.search(r"\bthis section\b", before[-120:] + piece[:60], re.IGNORECASE):
                local_scope = "section"
            rest = m.group("rest")
            if m.start() > 0:  # a definition inside running text ends with its sentence
                end = re.search(r"\.\s+(?=[A-Z])", rest)
                rest = rest[: end.start() + 1] if end else rest
            out.append(Term(_clean_term(m.group("term")), _full_definition(rest, clause, source),
                            clause.label, clause.eid, local_scope))
            continue
        if in_defs:
            m = _PLAIN_DEF.match(body)
            if m and len(m.group("term").split()) <= 6 and not _NOT_A_TERM.match(m.group("term")):
                out.append(Term(_clean_term(m.group("term")), _full_definition(m.group("rest"), clause, source),
                                clause.label, clause.eid, scope))
                continue
        m = _FR_CA_DEF.match(body)
        if m and (in_defs or _FR_CA_EQUIVALENT.search(m.group("rest"))):
            out.append(Term(_clean_term(m.group("term")), _full_definition(m.group("rest"), clause, source),
                            clause.label, clause.eid, scope))
            continue
        lead = _list_lead(clause) if in_defs and clause.parent is not None else ""
        if lead and not _DE_LEAD.search(body) and not _PT_LEAD.search(body):
            m = _DE_ITEM_DEF.match(body) if lead == "de" and clause.num.strip("([")[:1].isdigit() else None
            m = m or (_PT_ITEM_DEF.match(body) if lead == "pt" else None)
            if m and len(m.group("term").split()) <= 5:
                out.append(Term(_clean_term(m.group("term")), _full_definition(m.group("rest"), clause, source),
                                clause.label, clause.eid, scope))
                continue
        if in_defs:
            found = False
            for m in _DE_BRACKET_DEF.finditer(body):
                term = _clean_term(m.group("term"))
                if 1 <= len(term.split()) <= 4 and term[:1].isalpha() and not term.lower().startswith(("im ", "siehe", "vgl")):
                    before = body[: m.start()]
                    start = max(before.rfind(". "), 0)
                    out.append(Term(term, before[start:].strip(" ."), clause.label, clause.eid, scope))
                    found = True
            if found:
                continue
        m = _PT_DEF.search(body)
        if m and len(m.group("term").split()) <= 6:
            out.append(Term(_clean_term(m.group("term")), _full_definition(m.group("rest"), clause, source),
                            clause.label, clause.eid, scope))
            continue
        for rx in (_FR_DEF, _ES_DEF):
            m = rx.search(body)
            if m:
                groups = m.groupdict()
                term = groups.get("term") or groups.get("term2") or ""
                rest = groups.get("rest") or groups.get("rest2") or ""
                out.append(Term(_clean_term(term), _full_definition(rest, clause, source), clause.label,
                                clause.eid, scope))
                break
    return out


def extract(bill: Bill) -> list[Term]:
    """Every defined term of the bill in document order (one entry per term and defining clause)."""
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for clause in bill.walk():
        if clause.quoted:
            continue
        in_defs, scope = _lead_scope(clause)
        for source, text in (("text", clause.text), ("wrap", clause.wrap_up)):
            if not text:
                continue
            for term in _from_text(clause, text, source, in_defs, scope):
                key = (term.term.lower(), term.eid)
                if term.term and key not in seen:
                    seen.add(key)
                    terms.append(term)
    return terms
