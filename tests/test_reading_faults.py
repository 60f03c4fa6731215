"""Reading faults seen on real documents (issue 9), each fixed as a principle and pinned by a case that must
now be read right and a look-alike whose reading must not change."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lawlint.readers import pdf
from lawlint.readers import text as text_reader
from lawlint.structure import build_bill
from lawlint.structure import numbering as nb
from bill_text import bill_of, find, labels

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

import tinypdf  # noqa: E402


# 1. a parenthesised number inside a sentence that wraps to the start of a line


def test_a_french_or_spanish_figure_after_its_number_word_is_not_a_new_item():
    bill = bill_of("Est puni d'un emprisonnement de un (1) an à deux (2) ans et d'une amende de cent (100) à mille "
                   "(1000) dinars quiconque perturbe la quiétude d'autrui.\n")
    assert labels(bill) == ["1"]
    bill = bill_of("Será sancionado con prisión de seis (6) meses a dos (2) años quien difunda noticias falsas.\n")
    assert labels(bill) == ["1"]
    bill = bill_of("Est puni quiconque: (1) diffuse des rumeurs; (2) insulte le Président.\n")
    assert labels(bill) == ["1", "1(1)", "1(2)"]


def test_a_figure_after_its_number_word_that_wraps_is_not_a_new_item():
    bill = bill_of("12. (1) Where the offender is a minor, the penalty shall be reduced by one\n"
                   "(1) degree lower than that prescribed by law.\n"
                   "(2) Where the offender is a public officer, the maximum applies.\n"
                   "13. A notice shall be given within seven\n(7) days of the order.\n"
                   "14. The penalty shall be reduced by one (1) degree.\n")
    assert labels(bill) == ["12", "12(1)", "12(2)", "13", "14"]
    assert find(bill, "12(1)").text.endswith("reduced by one (1) degree lower than that prescribed by law.")
    assert find(bill, "13").text == "A notice shall be given within seven (7) days of the order."


def test_a_number_out_of_sequence_after_a_line_left_open_continues_the_sentence():
    bill = bill_of("5. (1) The fine shall not exceed the amount set out in column\n"
                   "(4) of the Schedule against the offence.\n(2) An order may be appealed.\n")
    assert labels(bill) == ["5", "5(1)", "5(2)"]


def test_items_after_an_open_lead_in_or_in_sequence_are_still_items():
    bill = bill_of("6. The Minister may\n(a) issue guidelines\n(b) make regulations.\n"
                   "7. (1) The first rule\n(2) The second rule\n(3) The third rule\n")
    assert labels(bill) == ["6", "6(a)", "6(b)", "7", "7(1)", "7(2)", "7(3)"]


# 2. "(i)" after "(h)": the ninth letter or a first roman item, decided by the number that follows it

_SEVEN = "".join(f"({c}) power {c};\n" for c in "abcdefg")


def test_i_and_ii_after_h_nest_under_h_on_one_line_or_on_their_own_lines():
    bill = bill_of("3. The Commission may—\n" + _SEVEN + "(h) take action against any person for (i) conduct "
                   "undertaken without authority; or (ii) conduct in excess of authority; and\n(j) make rules.\n")
    assert [c.num for c in find(bill, "3(h)").children] == ["(i)", "(ii)"]
    assert find(bill, "3(h)(i)").text == "conduct undertaken without authority; or"
    assert find(bill, "3(j)").parent.label == "3"
    bill = bill_of("3. The Commission may—\n" + _SEVEN + "(h) take action against any person for\n"
                   "(i) conduct undertaken without authority; or\n(ii) conduct in excess of authority.\n4. Next.\n")
    assert [c.num for c in find(bill, "3(h)").children] == ["(i)", "(ii)"]
    assert labels(bill)[-1] == "4"


def test_i_after_h_followed_by_j_stays_a_letter():
    bill = bill_of("3. The Commission may—\n" + _SEVEN + "(h) take action against any person for\n"
                   "(i) conduct undertaken without authority; or\n(j) make rules.\n")
    assert [c.num for c in find(bill, "3").children][-3:] == ["(h)", "(i)", "(j)"]
    bill = bill_of("3. The Commission may—\n" + _SEVEN + "(h) inspect (i) records; and (j) make rules.\n")
    assert [c.num for c in find(bill, "3").children][-3:] == ["(h)", "(i)", "(j)"]


# 3. "(aa)", "(bb)": a level of its own under the item above, unless alone (an insert) or after "(z)"


def test_doubled_letters_nest_under_the_item_above_them():
    bill = bill_of("5. (1) The Minister may—\n(a) issue directions—\n(aa) to service providers; and\n"
                   "(bb) to registrars;\n(b) make rules.\n(2) Another.\n")
    assert labels(bill) == ["5", "5(1)", "5(1)(a)", "5(1)(a)(aa)", "5(1)(a)(bb)", "5(1)(b)", "5(2)"]
    assert find(bill, "5(1)(a)(aa)").kind == "subparagraph"
    bill = bill_of("6. (1) A person who—\n(a) does x—\n(i) in one way—\n(aa) at night; or\n(bb) by day; or\n"
                   "(ii) in another way,\ncommits an offence.\n")
    assert [c.num for c in find(bill, "6(1)(a)(i)").children] == ["(aa)", "(bb)"]
    assert find(bill, "6(1)(a)(ii)").parent.label == "6(1)(a)"


def test_a_lone_inserted_aa_and_aa_after_z_stay_siblings():
    bill = bill_of("5. (1) The Minister may—\n(a) issue directions to service providers;\n"
                   "(aa) issue directions to registrars;\n(b) make rules.\n")
    assert [c.num for c in find(bill, "5(1)").children] == ["(a)", "(aa)", "(b)"]
    letters = "".join(f"({c}) item {c};\n" for c in "abcdefghjklmnopqrstuvwxyz")
    bill = bill_of("7. In this Act—\n" + letters + "(aa) item aa; and\n(bb) item bb.\n")
    assert [c.num for c in find(bill, "7").children][-4:] == ["(y)", "(z)", "(aa)", "(bb)"]


# 4. a web page printed to PDF: the browser's header and footer belong to no clause

_TITLE = "Computer Misuse Act 2026 - Laws of Kenya"
_URL = "https://new.kenyalaw.org/akn/ke/act/2026/5/eng@2026-01-01"


def _web_pdf(npages: int, header: tuple[str, str], footer: tuple[str, str], last_line: str = "") -> bytes:
    pages, sec = [], 1
    for n in range(1, npages + 1):
        page = tinypdf.Page(width=612, height=792)
        left, right = (t.format(n=n, total=npages) for t in header)
        page.text(22, 775, left, 8)
        page.text(590 - tinypdf.text_width(right, 8), 775, right, 8)
        y = 740
        for _ in range(3):
            thing = ("obtains", "destroys", "alters", "copies", "intercepts", "deletes", "damages", "hides", "sells")
            body = (f"{sec}. A person who without lawful excuse {thing[sec % 9]} the data described in this "
                    "section commits an offence and is liable on conviction to a fine not exceeding one million "
                    "shillings or to imprisonment for a term not exceeding two years, or to both.")
            for text in tinypdf.wrap(body, 500, 10):
                page.text(56, y, text, 10)
                y -= 13
            y -= 10
            sec += 1
        if last_line:
            page.text(56, y, last_line, 10)
        left, right = (t.format(n=n, total=npages) for t in footer)
        page.text(22, 14, left, 8)
        page.text(590 - tinypdf.text_width(right, 8), 14, right, 8)
        pages.append(page)
    return tinypdf.write_pdf(pages)


def _furniture(doc) -> list[str]:
    return [b.text for b in doc.blocks if "kenyalaw" in b.text or "10:45" in b.text or "Laws of Kenya" in b.text
            or re.search(r"\b\d/\d\b|Page \d of", b.text)]


def test_browser_header_and_footer_dropped_even_on_a_one_page_printout():
    chrome = _web_pdf(1, ("12/7/26, 10:45 PM", _TITLE), (_URL, "{n}/{total}"))
    firefox = _web_pdf(1, (_TITLE, _URL), ("Page {n} of {total}", "07/12/2026, 22:45:13"))
    for data in (chrome, firefox):
        doc = pdf.read(data, "web.pdf")
        assert _furniture(doc) == []
        assert [b.text[:3] for b in doc.blocks] == ["1. ", "2. ", "3. "]
    doc = pdf.read(_web_pdf(3, ("12/7/26, 10:45 PM", _TITLE), (_URL, "{n}/{total}")), "web.pdf")
    assert _furniture(doc) == [] and doc.blocks[0].text.startswith("1. A person")


def test_an_address_or_a_date_in_the_body_at_a_page_edge_stays():
    doc = pdf.read(_web_pdf(1, ("", ""), ("", ""), last_line="Forms are published at https://www.ict.gov.lk"),
                   "bill.pdf")
    assert doc.blocks[-1].text.endswith("Forms are published at https://www.ict.gov.lk")
    page = tinypdf.Page(width=612, height=792)
    page.text(56, 740, "Certified on 12/7/26, 10:45 by the Clerk of Parliament.", 10)
    for i in range(4):
        page.text(56, 720 - 13 * i, f"{i + 1}. A provision of this Act with enough words to fill a line of text.", 10)
    doc = pdf.read(tinypdf.write_pdf([page]), "bill.pdf")
    assert doc.blocks[0].text.startswith("Certified on 12/7/26, 10:45")


# 5. an article cited in running text ("Article 114 TFEU", "Article 114(1) of ...") opens no article


def test_an_article_cited_at_the_start_of_a_line_of_prose_is_not_a_heading():
    for text in ("Article 114 TFEU, which provides for the approximation of laws", "Article 114(1) of the Treaty",
                 "Article 8 ECHR", "Article 16 GDPR is the basis", "Article 52(1) EU Charter"):
        assert nb.parse(text) is None, text
    bill = bill_of("EXPLANATORY MEMORANDUM\n1. CONTEXT OF THE PROPOSAL\nThis proposal lays down rules.\n"
                   "Article 114 TFEU, which provides for the approximation of laws, is the legal basis.\n"
                   "Article 114(1) of the Treaty also allows the Union to act.\n\nWhereas:\n"
                   "(1) Information society services have become important.\n(2) The conditions should be "
                   "harmonised.\n\nArticle 1\nSubject matter\n1. This Regulation lays down harmonised rules.\n")
    assert not [label for label in labels(bill) if "114" in label]
    assert [c.label for c in bill.clauses][-1] == "Article 1"
    assert find(bill, "Article 1").heading == "Subject matter"


def test_a_sentence_between_two_articles_is_not_the_next_articles_heading():
    bill = bill_of("Article 2 SCOPE\nThis Regulation applies to intermediary services.\nArticle 3 – Definitions\n"
                   "For the purposes of this Regulation, the following definitions apply.\n")
    assert find(bill, "Article 2").text == "This Regulation applies to intermediary services."
    assert find(bill, "Article 3").heading == "Definitions"
    bill = bill_of("Short title.\n1. This Act may be cited as the Cyber Act.\n")
    assert find(bill, "1").heading == "Short title."


def test_article_headings_with_their_titles_still_open_articles():
    for text, num in (("Article 2 SCOPE", "2"), ("Article 12 – Illegal access", "12"), ("Article 3", "3"),
                      ("Article 2 USE OF TERMS", "2"), ("Art. 3 bis. Definitions", "3 bis"),
                      ("Article 5 Processing of data", "5"), ("Article 4 AI literacy", "4")):
        tok = nb.parse(text)
        assert tok is not None and tok.kind == "article" and tok.num == num, text


# 6. definitions keep their own labels: each unnumbered definition is a clause, so its list nests under it


def test_each_definition_is_a_clause_and_its_list_nests_under_it():
    bill = bill_of("56. In this Act, unless the context otherwise requires—\n"
                   "“child” means a person below the age of sixteen years;\n"
                   "“personal data” means any information relating to—\n(a) an identifier such as a name; or\n"
                   "(b) one or more factors specific to the identity of that person;\n"
                   "“processing” means any operation on personal data including—\n(a) collection; and\n"
                   "(b) storage,\nbut does not include anonymised data;\n"
                   "“identifiable person” is a person who can be identified;\n"
                   "“written” includes electronic.\n57. Next section.\n")
    assert not [label for label in labels(bill) if " [" in label]
    assert labels(bill) == ["56", "56(“child”)", "56(“personal data”)", "56(“personal data”)(a)",
                            "56(“personal data”)(b)", "56(“processing”)", "56(“processing”)(a)",
                            "56(“processing”)(b)", "56(“identifiable person”)", "56(“written”)", "57"]
    processing = find(bill, "56(“processing”)")
    assert (processing.kind, processing.eid) == ("definition", "sec_56__def_processing")
    assert processing.wrap_up == "but does not include anonymised data;"
    terms = {t.term: t.clause for t in bill.glossary}
    assert terms["personal data"] == "56(“personal data”)" and terms["written"] == "56(“written”)"


def test_numbered_definitions_and_quoted_lines_outside_definitions_are_unchanged():
    bill = bill_of("2. (1) In this Act—\n(a) “computer” means a device;\n(b) “data” means—\n(i) text; or\n"
                   "(ii) images;\n(2) A reference to a thing is a reference to it.\n")
    assert labels(bill) == ["2", "2(1)", "2(1)(a)", "2(1)(b)", "2(1)(b)(i)", "2(1)(b)(ii)", "2(2)"]
    bill = bill_of("4. (1) The Authority may issue a notice.\n“Notice” means a written notice;\n"
                   "(2) A notice may be appealed.\n")
    assert labels(bill) == ["4", "4(1)", "4(2)"]


def test_definitions_after_a_numbered_lead_in_and_a_subsection_after_them():
    bill = bill_of("2. (1) In this Act—\n“a” means x;\n“b” means—\n(a) y; or\n(b) z;\n"
                   "(2) A reference to a thing is a reference to it.\n3. Next.\n")
    assert labels(bill) == ["2", "2(1)", "2(1)(“a”)", "2(1)(“b”)", "2(1)(“b”)(a)", "2(1)(“b”)(b)", "2(2)", "3"]


def test_the_second_number_of_a_reference_is_not_an_item():
    bill = bill_of("14. (1) The articles shall—\n(a) provide for the restrictions permitted under paragraphs 15(1)(a) "
                   "and (b); and\n(b) provide that one class of shares shall not be issued.\n"
                   "15. (1) The court may act under paragraphs (a) and\n(b) of subsection (2).\n")
    assert labels(bill) == ["14", "14(1)", "14(1)(a)", "14(1)(b)", "15", "15(1)"]


# 7. quoted amending text keeps its own numbers inside the amending clause


def test_a_quoted_article_stays_inside_the_amending_article():
    for lead in ("est remplacé par les dispositions suivantes", "est ainsi rédigé :"):
        for sep in ("\n", "\n\n"):
            bill = bill_of(sep.join(["Article 5", f"L'article 3 de la loi n° 2004-575 {lead}",
                                     "«Art. 3. Toute personne qui publie de fausses nouvelles est punie.",
                                     "Art. 3 bis. Les fournisseurs d'accès sont tenus de retirer les contenus.»",
                                     "Article 6", "La présente loi entre en vigueur le 1er janvier 2027."]) + "\n")
            assert [c.label for c in bill.clauses] == ["Article 5", "Article 6"], (lead, sep)
            quoted = find(bill, "Article 5 [quoted 1]")
            assert quoted.quoted and "Art. 3 bis." in quoted.text
            assert find(bill, "Article 6").text.startswith("La présente loi")
    bill = bill_of("Artículo 2. Se modifica el artículo 3 de la Ley 1273, el cual quedará así\n"
                   "\"Art. 3. El que publique noticias falsas incurrirá en prisión.\nParágrafo. Las plataformas "
                   "deberán retirar los contenidos.\"\nArtículo 3. La presente ley rige desde su promulgación.\n")
    assert [c.label for c in bill.clauses] == ["Artículo 2", "Artículo 3"]


def test_a_quotation_without_a_number_or_lead_in_is_not_amending_text():
    bill = bill_of("Article 5\nLe ministre publie un avis.\n«Les fournisseurs sont tenus de retirer les contenus.\n"
                   "Article 6\nLa présente loi entre en vigueur.»\n")
    assert [c.label for c in bill.clauses] == ["Article 5", "Article 6"]
    assert not [c for c in bill.walk() if c.quoted]


# 8. sections inserted by amendment and printed with a space: "66 A." is section 66A


def test_a_spaced_insert_letter_belongs_to_the_section_number():
    bill = bill_of("66. Any person who sends offensive messages commits an offence.\n"
                   "66 A. Any person who sends grossly offensive information shall be punishable.\n"
                   "67. Punishment for publishing obscene material.\n69. Power to issue directions for interception.\n"
                   "69 A. Power to issue directions for blocking.\n69 B.—Power to authorise monitoring.\n"
                   "70. Protected system.\n")
    assert [c.label for c in bill.clauses] == ["66", "66A", "67", "69", "69A", "69B", "70"]
    assert find(bill, "66A").text.startswith("Any person who sends grossly offensive")


def test_a_bare_number_before_a_sentence_is_unchanged():
    for text, num, rest in (("5 A person who", "5", "A person who"), ("66A. Any", "66A", "Any"),
                            ("12 A.B. Smith", "12", "A.B. Smith")):
        tok = nb.parse(text, allow_bare=True)
        assert (tok.num, text[tok.end:]) == (num, rest), text


# 9. Canadian French definitions: « terme » Définition ... (term)


def test_canadian_french_definitions_reach_the_glossary():
    bill = bill_of("2 (1) Les définitions qui suivent s’appliquent à la présente loi.\n"
                   "« données informatiques » Représentations, notamment signes, signaux ou symboles, qui sont sous "
                   "une forme qui en permet le traitement par un ordinateur. (computer data)\n"
                   "«ministre» Le ministre de la Sécurité publique. (Minister)\n"
                   "(2) Pour l’application de la présente loi, la communication comprend la transmission.\n"
                   "3 Le ministre peut ordonner le retrait des données informatiques.\n")
    terms = {t.term: (t.definition, t.clause, t.scope) for t in bill.glossary}
    assert terms["données informatiques"][0].startswith("Représentations, notamment signes")
    assert terms["données informatiques"][1:] == ("2(1)(“données informatiques”)", "act")
    assert terms["ministre"][1] == "2(1)(“ministre”)"
    assert labels(bill)[-2:] == ["2(2)", "3"]
    bill = bill_of("2 Les définitions qui suivent s’appliquent au présent article. « données » Représentations "
                   "traitables. (data) « ministre » Le ministre de la Justice. (Minister)\n3 Le ministre peut agir.\n")
    assert {t.term: t.scope for t in bill.glossary} == {"données": "section", "ministre": "section"}


def test_a_guillemet_quotation_outside_definitions_defines_nothing():
    bill = bill_of("3 Le ministre publie la liste des services.\n«Services essentiels» Chaque fournisseur "
                   "publie ses tarifs.\n4 La présente loi entre en vigueur.\n")
    assert bill.glossary == []
    assert labels(bill) == ["3", "4"]


# 10. (issue 13) a plain-text bill without blank lines is read provision by provision, not as one paragraph


def test_a_megabyte_bill_without_blank_lines_is_read(tmp_path):
    from lawlint import readers

    sections = "".join(
        f"{i % 999 + 1}. (1) A person who, without lawful excuse, obtains access to the computer system numbered {i} "
        "commits an offence.\n(2) A person convicted of an offence under subsection (1) is liable to a fine not "
        "exceeding one million shillings or to imprisonment for a term not exceeding two years.\n"
        for i in range(3700))
    assert len(sections) > 1_000_000 and "\n\n" not in sections
    path = tmp_path / "bill.txt"
    path.write_text(sections, encoding="utf-8")
    doc = readers.read(path)
    assert len(doc.blocks) == 7400 and max(len(b.text) for b in doc.blocks) < 200
    prose = tmp_path / "prose.txt"  # no numbers at all: a long run still breaks at a sentence's end
    prose.write_text("The Authority shall keep records of its proceedings and publish them.\n" * 16000, encoding="utf-8")
    doc = readers.read(prose)
    assert max(len(b.text) for b in doc.blocks) < 21_000


def test_numbered_lines_open_paragraphs_only_after_a_closed_line():
    doc = text_reader.read("5. A person who publishes under\n12. of the Schedule a notice—\n(a) in print; or\n"
                           "(b) online;\n(c) by radio.\n6. Next.\n".encode("utf-8"), "bill.txt", "txt")
    assert [b.text for b in doc.blocks] == [
        "5. A person who publishes under 12. of the Schedule a notice— (a) in print; or (b) online;",
        "(c) by radio.", "6. Next."]
    bill = build_bill(doc)
    assert labels(bill) == ["5", "5(a)", "5(b)", "5(c)", "6"]
