"""Glossary, cross-references, language detection, and trees the readers give (XML hints, quoted blocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawlint.model import Block, Document, Location
from lawlint.readers import text as text_reader
from lawlint.structure import build_bill, language

PROVISIONS = Path(__file__).resolve().parents[1] / "corpora" / "provisions-dev.jsonl"


def bill_of(source: str):
    return build_bill(text_reader.read(source.encode("utf-8"), "bill.txt", "txt"))


def terms(bill) -> dict[str, tuple[str, str, str]]:
    return {t.term: (t.definition, t.clause, t.scope) for t in bill.glossary}


# ---------------------------------------------------------------- glossary

def test_english_definitions_section_quoted_unquoted_and_lists():
    bill = bill_of("2. Interpretation\nIn this Act, unless the context otherwise requires—\n"
                   "“computer” means an electronic device;\n“data” includes—\n(a) text; and\n(b) images;\n"
                   "publish means to make available to the public.\n")
    got = terms(bill)
    assert got["computer"] == ("an electronic device", "2(“computer”)", "act")
    assert got["data"][0] == "text; and images"
    assert got["publish"] == ("to make available to the public.", "2(“publish”)", "act")
    assert [t.eid for t in bill.glossary] == ["sec_2__def_computer", "sec_2__def_data", "sec_2__def_publish"]


def test_unquoted_words_outside_a_definitions_section_are_not_terms():
    bill = bill_of("5. The Minister means to consult the public before acting.\n")
    assert bill.glossary == []


def test_inline_definitions_and_scopes():
    bill = bill_of("3. (1) There is established a body to be known as the Data Protection Authority of Sri Lanka "
                   "(in this Act referred to as “the Authority”).\n"
                   "(2) The Minister shall appoint a Commission on Cyber Security (hereinafter “the Commission”).\n"
                   "(3) In this section, “officer” means a public officer.\n"
                   "PART II\n4. In this Part, “platform” means a social media service.\n")
    got = terms(bill)
    assert got["the Authority"] == ("the Data Protection Authority of Sri Lanka", "3(1)", "act")
    assert got["the Commission"] == ("a Commission on Cyber Security", "3(2)", "act")
    assert got["officer"] == ("a public officer.", "3(3)", "section")
    assert got["platform"] == ("a social media service.", "4", "part")


def test_french_and_spanish_definitions():
    fr = bill_of("Article 2\nPour l'application de la présente loi, on entend par données informatiques : toute "
                 "représentation de faits.\n")
    assert terms(fr)["données informatiques"] == ("toute représentation de faits.", "Article 2", "act")
    fr2 = bill_of("Article 1er\nAu sens de la présente loi, « service en ligne » désigne tout service fourni à "
                  "distance.\n")
    assert "service en ligne" in terms(fr2)
    es = bill_of("Artículo 3. A los efectos de esta ley, se entenderá por sistema informático: todo dispositivo "
                 "aislado o conjunto de dispositivos.\n")
    assert terms(es)["sistema informático"][0].startswith("todo dispositivo aislado")


# ---------------------------------------------------------------- cross-references

XREF_BILL = ("PART I\nOFFENCES\n12. A person who contravenes section 14(1)(a) commits an offence.\n"
             "13. Subject to sections 12 to 15 and Part II, a person who—\n"
             "(a) does a thing referred to in paragraph (b); or\n(b) contravenes section 5 of the Penal Code,\n"
             "commits an offence under this Part.\n14. (1) Text.\n(a) more.\n(2) Under subsection (1), Article 3 "
             "and sections 12, 13 and 99.\n15. Last.\nPART II\nMISC\n16. This section applies.\n")


def test_cross_references_resolve_to_eids():
    bill = bill_of(XREF_BILL)
    xrefs = {c.label: c.xrefs for c in bill.walk()}
    assert xrefs["12"] == ("sec_14__subsec_1__para_a",)
    assert xrefs["13"] == ("sec_12", "sec_14", "sec_15", "part_II", "part_I")  # a range, a Part, "this Part"
    assert xrefs["13(a)"] == ("sec_13__para_b",)
    assert xrefs["13(b)"] == ()  # another Act's section 5
    assert xrefs["14(2)"] == ("sec_14__subsec_1", "sec_12", "sec_13")  # no Article 3, no section 99
    assert xrefs["16"] == ("sec_16",) or xrefs["16"] == ()  # "this section" is the clause itself


def test_article_and_paragraph_sign_references():
    bill = bill_of("Article 1\nText.\nArticle 2\nAs provided in Article 1, a Party may act.\n")
    assert {c.label: c.xrefs for c in bill.walk()}["Article 2"] == ("art_1",)


# ---------------------------------------------------------------- language

def _provisions():
    with PROVISIONS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("lang", ["en", "fr", "es", "de", "cs", "ar", "zh"])
def test_language_of_corpus_provisions(lang):
    records = [r for r in _provisions() if r["language"] == lang]
    assert records
    for record in records[:6]:
        assert language.detect(record["text"]) == lang, record["id"]


def test_language_detection_on_short_or_odd_text():
    assert language.detect("") == "und"
    assert language.detect("Offence of publishing false news.") == "en"  # short: one clear hit decides
    assert language.detect("Article 5") == "und"
    assert language.detect("12345 (a) (b)") == "und"
    assert language.detect("Настоящий закон вступает в силу со дня его официального опубликования, что "
                           "это не так.") == "ru"
    assert language.detect("Il presente decreto entra in vigore il giorno della pubblicazione e chiunque "
                           "viola le disposizioni del presente articolo è punito con la reclusione.") == "it"
    assert language.detect("De wet treedt in werking op de dag na de bekendmaking van het besluit en is "
                           "van toepassing op alle personen die in het land wonen.") == "nl"


def test_spanish_is_told_from_portuguese_by_the_words_only_one_uses():
    """Spanish and Portuguese share "de", "o", "que", "por"; a near tie is decided by the words only one language's
    list holds ("las", "sus", "con" against "do", "da", "não"), not left undetermined (an unchecked file)."""
    assert language.detect("Las ofensas o ultrajes de palabra, por escrito o de hecho a España, a sus Comunidades "
                           "Autónomas o a sus símbolos o emblemas, efectuados con publicidad, se castigarán con la "
                           "pena de multa de siete a doce meses.") == "es"
    assert language.detect("Desconozcan a las autoridades legítimamente constituidas.") == "es"
    assert language.detect("As ofensas ou ultrajes à República, aos seus símbolos ou emblemas, feitos em público, "
                           "serão punidos com a pena de multa, e não com prisão, pelo juiz da comarca.") == "pt"


def test_bill_language_is_set():
    assert bill_of("§ 1 Keine Strafe ohne Gesetz\nEine Tat kann nur bestraft werden, wenn die Strafbarkeit "
                   "gesetzlich bestimmt war, bevor die Tat begangen wurde.").language == "de"


# ---------------------------------------------------------------- trees from readers

def test_xml_reader_hints_rebuild_the_tree_one_to_one():
    blocks = (
        Block("Be it enacted.", Location(1), hint="preamble"),
        Block("Definitions", Location(2), level=1, num="SEC. 2.", hint="section", heading="DEFINITIONS"),
        Block("In this Act:", Location(3), level=2, num="(a)", hint="subsection"),
        Block("the term means—", Location(4), level=3, num="(1)", hint="paragraph"),
        Block("a thing;", Location(5), level=4, num="(A)", hint="subparagraph"),
        Block("and nothing else.", Location(6), level=3, hint="wrapup"),
        Block("Sec. 5. Quoted section text.", Location(7), level=3, num="SEC. 5.", hint="section", quoted=True),
        Block("Penalty text.", Location(8), level=1, num="SEC. 3.", hint="section", heading="PENALTY"),
    )
    bill = build_bill(Document(path="x.xml", format="uslm", blocks=blocks))
    labels = [(c.kind, c.label, c.eid) for c in bill.walk()]
    assert labels[:5] == [
        ("preamble", "preamble", "preamble"), ("section", "2", "sec_2"), ("subsection", "2(a)", "sec_2__subsec_a"),
        ("paragraph", "2(a)(1)", "sec_2__subsec_a__para_1"), ("subparagraph", "2(a)(1)(A)",
                                                               "sec_2__subsec_a__para_1__subpara_A")]
    para = bill.by_eid()["sec_2__subsec_a__para_1"]
    assert para.wrap_up == "and nothing else." and para.text == "the term means—"
    quoted = [c for c in bill.walk() if c.quoted]
    assert len(quoted) == 1 and quoted[0].parent is para.parent
    assert quoted[0].eid.startswith("sec_2__subsec_a__qstr_")
    assert bill.clauses[-1].label == "3" and bill.clauses[-1].heading == "PENALTY"


def test_quoted_blocks_from_a_reader_stay_whole():
    blocks = (
        Block("4. Section 66 is amended by inserting—", Location(1)),
        Block("66B. (1) Any person who publishes false news commits an offence.", Location(2), quoted=True),
        Block("(2) Any person who abets commits an offence.", Location(3), quoted=True),
        Block("5. This Act comes into force on assent.", Location(4)),
    )
    bill = build_bill(Document(path="x.docx", format="docx", blocks=blocks))
    assert [c.label for c in bill.clauses] == ["4", "5"]
    (quoted,) = [c for c in bill.walk() if c.quoted]
    assert "66B. (1) Any person" in quoted.text and "(2) Any person who abets" in quoted.text
    assert quoted.anchors == ((0, Location(2)),
                              (len("66B. (1) Any person who publishes false news commits an offence. "),
                               Location(3)))


def test_us_style_term_definitions():
    bill = bill_of("SEC. 2. DEFINITIONS.\nIn this Act:\n(1) Race management.--The term ``America's Cup Race "
                   "Management'' means the entity established to run the races.\n(2) Vessel.--The term ``eligible "
                   "vessel''--\n(A) means a competing vessel; and\n(B) includes a support vessel.\n")
    got = terms(bill)
    assert got["America's Cup Race Management"] == ("the entity established to run the races.", "2(1)", "act")
    assert got["eligible vessel"][0] == "means a competing vessel; and includes a support vessel."
    assert got["eligible vessel"][1] == "2(2)"


def test_definitions_inside_running_text_and_construction_rules():
    bill = bill_of("2. Interpretation.—(1) In this Act, unless the context otherwise requires,—\n"
                   "(a) \"computer\" means any electronic device;\n"
                   "(1A) For the purposes of this section, a reference to data includes a program.\n"
                   "5.—(1) Any person who—\n(a) publishes false news; or\n(b) spreads rumours,\n"
                   "shall be guilty of an offence.\nExplanation.—For the purposes of this section, \"rumour\" "
                   "means an unverified statement. Other words follow.\n")
    got = terms(bill)
    assert set(got) == {"computer", "rumour"}  # "a reference to data includes" is a rule, not a definition
    assert got["rumour"] == ("an unverified statement.", "5(1)", "section")


def test_a_schedule_title_on_the_same_line_as_its_list_does_not_swallow_the_list():
    bill = bill_of("Third Schedule. Prohibited content. Content which (a) causes annoyance to any person; "
                   "(b) is false, untrue and misleading; and (c) any other content which the Authority may "
                   "determine to be prohibited.")
    (schedule,) = bill.clauses
    assert schedule.kind == "schedule" and schedule.heading == "Prohibited content"
    items = [c.label for c in schedule.walk() if c.num.startswith("(")]
    assert items == ["Schedule 3, 1(a)", "Schedule 3, 1(b)", "Schedule 3, 1(c)"]


def test_a_section_set_aside_by_notwithstanding_is_not_a_reference_that_lends_its_safeguards():
    bill = bill_of("10. Interception order\nA judge may issue an interception order for thirty days.\n\n"
                   "11. Interception without order\nNotwithstanding section 10, a police officer may intercept "
                   "communications without an order.\n\n12. Assistance\nSubject to section 10, a provider shall "
                   "assist.\n")
    refs = {c.label: c.xrefs for c in bill.walk()}
    assert refs["11"] == ()
    assert refs["12"] == ("sec_10",)
