"""The segmenter: numbering traditions, lead-in and closing words, the (i) ambiguity, one-provision files."""

from __future__ import annotations

from lawlint.model import Block, Document, Location
from lawlint.structure import build_bill
from bill_text import bill_of, find, labels


def test_commonwealth_inline_section_number_lead_in_and_wrap_up():
    bill = bill_of("22. (1) A person who, without lawful excuse,—\n(a) publishes false news; or\n"
                   "(b) does something else,\ncommits an offence and is liable on conviction to a fine.\n"
                   "(2) In this section, news includes rumours.\n")
    assert labels(bill) == ["22", "22(1)", "22(1)(a)", "22(1)(b)", "22(2)"]
    sub = find(bill, "22(1)")
    assert sub.kind == "subsection" and sub.eid == "sec_22__subsec_1"
    assert sub.text == "A person who, without lawful excuse,—"
    assert sub.wrap_up == "commits an offence and is liable on conviction to a fine."
    para = find(bill, "22(1)(a)")
    assert (para.kind, para.num, para.eid) == ("paragraph", "(a)", "sec_22__subsec_1__para_a")
    assert para.text == "publishes false news; or"
    assert para.location == Location(2, 1)


def test_one_provision_without_section_gets_root_clause_with_lead_in_and_closing_words():
    bill = bill_of("(1) If any person in any website or through any digital medium (a) Intentionally sends "
                   "information which is offensive, or\n(b). Publishes any information with the intention "
                   "of tarnishing the image of the nation, Then, the activity of that person will be an "
                   "offense under the Act.")
    assert len(bill.clauses) == 1
    root = bill.clauses[0]
    assert (root.kind, root.label) == ("section", "1")
    assert labels(bill) == ["1", "1(1)", "1(1)(a)", "1(1)(b)"]
    sub = find(bill, "1(1)")
    assert sub.text == "If any person in any website or through any digital medium"
    assert sub.wrap_up.startswith("Then, the activity of that person will be an offense")
    assert find(bill, "1(1)(b)").text.endswith("image of the nation,")


def test_bare_sentence_is_one_section():
    bill = bill_of("Any person who publishes false news commits an offence.")
    assert [(c.kind, c.label, c.text) for c in bill.clauses] == [
        ("section", "1", "Any person who publishes false news commits an offence.")]


def test_roman_after_h_is_a_letter_and_after_a_chapeau_a_roman():
    letters = "".join(f"({c}) item {c};\n" for c in "abcdefgh")
    bill = bill_of("5. (1) The Minister may—\n" + letters + "(i) item i; and\n(j) item j.\n"
                   "(2) The Minister shall—\n(a) consider—\n(i) one;\n(ii) two; and\n(b) decide.\n")
    assert find(bill, "5(1)(i)").kind == "paragraph"
    assert find(bill, "5(1)(j)").parent.label == "5(1)"
    assert find(bill, "5(2)(a)(i)").kind == "subparagraph"
    assert find(bill, "5(2)(a)(ii)").parent.label == "5(2)(a)"
    assert find(bill, "5(2)(b)").parent.label == "5(2)"


def test_us_tradition_kinds():
    bill = bill_of("SEC. 2. DEFINITIONS.\n(a) In general.—In this Act:\n(1) Covered entity.—The term means—\n"
                   "(A) a thing; and\n(B) another, including—\n(i) first;\n(ii) second;\n(I) deeper.\n"
                   "(b) Other.—Text.\n")
    assert find(bill, "2").heading == "DEFINITIONS"
    assert find(bill, "2(a)").kind == "subsection"
    assert find(bill, "2(a)(1)").kind == "paragraph"
    assert find(bill, "2(a)(1)(B)").kind == "subparagraph"
    assert find(bill, "2(a)(1)(B)(ii)").kind == "clause"
    assert find(bill, "2(a)(1)(B)(ii)(I)").kind == "item"
    assert find(bill, "2(b)").eid == "sec_2__subsec_b"


def test_articles_parts_chapters_and_headings():
    bill = bill_of("PART II\nOFFENCES\n\nChapter 3 – Content\n\nArticle 12 – Illegal access\n"
                   "1. Each Party shall adopt measures.\n2. A Party may require that the offence be "
                   "committed by infringing security measures.\n\nArt. 3 bis\nText of three bis.\n\n"
                   "Article premier\nPremier texte.\n")
    part = bill.clauses[0]
    assert (part.kind, part.label, part.eid, part.heading) == ("part", "Part II", "part_II", "OFFENCES")
    chapter = part.children[0]
    assert (chapter.kind, chapter.eid, chapter.heading) == ("chapter", "part_II__chp_3", "Content")
    art = chapter.children[0]
    assert (art.kind, art.label, art.eid, art.heading) == ("article", "Article 12", "art_12", "Illegal access")
    assert [c.label for c in art.children] == ["Article 12(1)", "Article 12(2)"]
    assert find(bill, "Article 3 bis").eid == "art_3bis"
    assert find(bill, "Article premier").text == "Premier texte."


def test_marginal_note_becomes_heading_and_dash_heading_split():
    bill = bill_of("Unauthorized use of computer\n342.1 (1) Every one who, fraudulently,\n(a) obtains a service,\n"
                   "is guilty of an offence.\n\n66A. Punishment for sending offensive messages, etc.--Any person "
                   "who sends grossly offensive information shall be punishable.\n")
    assert find(bill, "342.1").heading == "Unauthorized use of computer"
    assert find(bill, "342.1(1)").wrap_up == "is guilty of an offence."
    sec = find(bill, "66A")
    assert sec.heading == "Punishment for sending offensive messages, etc"
    assert sec.text.startswith("Any person who sends")


def test_uk_legislation_gov_styles():
    bill = bill_of("181 Threatening communications offence\n(1) A person commits an offence if—\n"
                   "(a) the person sends a message, and\n(b) the message conveys a threat.\n")
    assert find(bill, "181").heading == "Threatening communications offence"
    assert labels(bill) == ["181", "181(1)", "181(1)(a)", "181(1)(b)"]
    bill = bill_of("1Prohibition of harassment\n\n(1)A person must not pursue a course of conduct—\n\n"
                   "(a)which amounts to harassment of another, and\n\n(b)which he knows amounts to harassment.\n")
    assert find(bill, "1").heading == "Prohibition of harassment"
    assert find(bill, "1(1)(a)").text == "which amounts to harassment of another, and"


def test_references_are_not_split_as_numbers():
    bill = bill_of("3. (1) A person who contravenes subsection (2) or paragraph (a) and (b) of section 5(1) "
                   "commits an offence.\n(2) A person shall not do the thing.\n")
    assert labels(bill) == ["3", "3(1)", "3(2)"]
    assert "subsection (2) or paragraph (a) and (b)" in find(bill, "3(1)").text


def test_quoted_amending_text_is_not_split_into_sections():
    bill = bill_of("4. Section 66 of the principal Act is amended by inserting the following—\n"
                   "“66B. (1) Any person who publishes false news commits an offence.\n"
                   "(2) Any person who abets commits an offence.”.\n5. Commencement\nThis Act comes into force.\n")
    assert [c.label for c in bill.clauses] == ["4", "5"]
    quoted = [c for c in bill.walk() if c.quoted]
    assert len(quoted) == 1 and "66B. (1) Any person" in quoted[0].text and "(2) Any person" in quoted[0].text
    assert quoted[0].parent.label == "4"


def test_blocks_with_numbers_from_the_reader_are_used():
    blocks = (
        Block(text="Offences", location=Location(1), kind="paragraph"),
        Block(text="A person who—", location=Location(2), num="7."),
        Block(text="publishes false news,", location=Location(3), num="(a)"),
        Block(text="spreads rumours,", location=Location(4), num="(b)"),
    )
    bill = build_bill(Document(path="x.docx", format="docx", blocks=blocks))
    assert labels(bill) == ["7", "7(a)", "7(b)"]
    assert find(bill, "7").heading == "Offences"


def test_duplicate_labels_are_disambiguated():
    bill = bill_of("1. First.\n1. Again first.\n")
    eids = [c.eid for c in bill.walk()]
    assert len(set(eids)) == len(eids)
    assert len({c.label for c in bill.clauses}) == len(bill.clauses)


def test_sub_clause_headings_are_split_off():
    bill = bill_of("Sec. 4. Cybercrime Offenses. – The following acts constitute offenses:\n"
                   "(a) Offenses against confidentiality:\n(1) Illegal Access. – The access to a computer system "
                   "without right.\n(2) Illegal Interception.—The interception made by technical means.\n")
    assert find(bill, "4").heading == "Cybercrime Offenses"
    assert (find(bill, "4(a)(1)").heading, find(bill, "4(a)(1)").text) == (
        "Illegal Access", "The access to a computer system without right.")
    assert find(bill, "4(a)(2)").heading == "Illegal Interception"
    assert find(bill, "4(a)").heading == ""  # "Offenses against confidentiality:" is its lead-in


def test_definition_list_after_an_elided_lead_in():
    bill = bill_of("In this Proclamation unless the context otherwise requires:\n…\n"
                   "3. “Disinformation” means speech that is false.\n")
    assert labels(bill) == ["1", "1(3)"]
    assert find(bill, "1").text == "In this Proclamation unless the context otherwise requires: …"


def line_of(clause, offset: int) -> int:
    """The source line of a character of clause.text, as a report would compute it from the anchors."""
    line = clause.location.line
    for start, loc in clause.anchors:
        if start <= offset:
            line = loc.line
    return line


def test_anchors_map_words_of_joined_lines_back_to_their_lines():
    bill = bill_of("22. (1) A person who publishes\n   false news on\nthe internet, or\n(a) by radio,\n"
                   "commits an offence and is liable\nto a fine.\n")
    sub = find(bill, "22(1)")
    assert sub.text == "A person who publishes false news on the internet, or"
    assert sub.location == Location(1, 5)
    assert line_of(sub, sub.text.index("publishes")) == 1
    assert line_of(sub, sub.text.index("false")) == 2
    assert sub.anchors[0] == (0, Location(1, 9))  # the words start past "22. (1) "
    assert sub.anchors[1][1] == Location(2, 4)
    assert line_of(sub, sub.text.index("internet")) == 3
    assert sub.wrap_up == "commits an offence and is liable to a fine."
    assert sub.wrap_up_anchors == ((0, Location(5, 1)), (len("commits an offence and is liable "), Location(6, 1)))


def test_roman_letter_ambiguity_more_cases():
    letters = "".join(f"({c}) item {c};\n" for c in "abcdefghijklmnopqrstu")
    bill = bill_of("6. The Authority may—\n" + letters + "(v) item v; and\n(w) item w.\n")
    assert [c.num for c in find(bill, "6").children][-3:] == ["(u)", "(v)", "(w)"]
    romans = "".join(f"({r}) r{r};\n" for r in ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"])
    bill = bill_of("7. (1) A person—\n(a) who—\n" + romans + "(x) rx; or\n(b) who else.\n")
    assert [c.num for c in find(bill, "7(1)(a)").children][-2:] == ["(ix)", "(x)"]
    assert find(bill, "7(1)(b)").parent.label == "7(1)"
    bill = bill_of("8. (1) The Minister may—\n" + "".join(f"({c}) do {c};\n" for c in "abcdefg")
                   + "(h) make rules about—\n(i) fees; and\n(ii) forms.\n")
    assert [c.num for c in find(bill, "8(1)(h)").children] == ["(i)", "(ii)"]


def test_a_quote_that_never_closes_does_not_swallow_the_bill():
    bill = bill_of("4. The principal Act is amended by inserting—\n“66B. Any person who publishes false news.\n"
                   "5. Commencement\nThis Act comes into force.\n6. Repeal\nThe old Act is repealed.\n")
    assert [c.label for c in bill.clauses] == ["4", "5", "6"]
    assert not any(c.quoted for c in bill.walk())


def test_part_heading_wrapped_onto_two_lines():
    bill = bill_of("PART IV\nUSE OF PERSONAL DATA TO DISSEMINATE UNSOLICITED\nMESSAGES\n27. Direct marketing\n"
                   "No person shall use personal data for direct marketing.\n\nPART V\nPRELIMINARY\nSHORT TITLE\n"
                   "28. This Act may be cited as the Data Act.\n")
    part4, part5 = bill.clauses
    assert part4.heading == "USE OF PERSONAL DATA TO DISSEMINATE UNSOLICITED MESSAGES"
    assert part4.children[0].heading == "Direct marketing"
    assert part5.heading == "PRELIMINARY"  # a short heading does not run on
    assert part5.children[0].heading == "SHORT TITLE"


def test_footnotes_and_unattached_margin_notes():
    blocks = (
        Block(text="Offences", location=Location(1), kind="margin-note"),
        Block(text="5. A person who publishes false news commits an offence.", location=Location(2)),
        Block(text="1994, c. 41, s. 37.", location=Location(3), kind="footnote"),
        Block(text="6. A person who abets commits an offence.", location=Location(4)),
    )
    bill = build_bill(Document(path="x.html", format="html", blocks=blocks))
    assert [(c.kind, c.label) for c in bill.clauses] == [("section", "5"), ("section", "6"), ("note", "notes")]
    assert bill.clauses[0].heading == "Offences"
    assert "1994" not in bill.clauses[0].subtree_text() and bill.clauses[2].text == "1994, c. 41, s. 37."
    one = build_bill(Document(path="x.docx", format="docx", blocks=(
        Block(text="Any person who publishes false news commits an offence.", location=Location(1)),
        Block(text="A note.", location=Location(2), kind="footnote"))))
    assert [(c.kind, c.label) for c in one.clauses] == [("section", "1"), ("note", "notes")]


CONTENTS_BILL = ("THE COMPUTER MISUSE BILL, 2026\n\nARRANGEMENT OF SECTIONS\nPART I—PRELIMINARY\n1. Short title.\n"
                 "2. Interpretation.\nPART II—OFFENCES\n3. False news.\n\nA BILL for AN ACT to provide for offences.\n\n"
                 "ENACTED by the Parliament as follows:—\n\nPART I\nPRELIMINARY\n"
                 "1. This Act may be cited as the Computer Misuse Act.\n2. In this Act, “computer” means a device.\n"
                 "PART II—OFFENCES\n3. A person who publishes false news commits an offence.\n")


def test_arrangement_of_sections_stays_in_the_preamble():
    bill = bill_of(CONTENTS_BILL)
    assert [(c.kind, c.label) for c in bill.clauses] == [("preamble", "preamble"), ("part", "Part I"),
                                                          ("part", "Part II")]
    assert "3. False news." in bill.clauses[0].text
    assert [c.eid for c in bill.walk() if c.kind == "section"] == ["sec_1", "sec_2", "sec_3"]
    assert bill.clauses[1].heading == "PRELIMINARY"


def test_a_contents_word_before_a_real_body_is_not_a_table_of_contents():
    body = "".join(f"{n}. A person who does thing {n} commits an offence under this Act and is liable.\n"
                   f"More words of section {n} follow here.\n" for n in range(1, 8))
    bill = bill_of("Contents\n" + body + "SCHEDULE\n1. First item.\n")
    assert [c.label for c in bill.clauses if c.kind == "section"][:3] == ["1", "2", "3"]


def test_title_of_a_plain_text_bill_from_its_first_line():
    assert bill_of(CONTENTS_BILL).title == "THE COMPUTER MISUSE BILL, 2026"
    assert bill_of("Some notes about things\n1. Text.\n").title == ""


def test_a_few_section_headings_do_not_hide_the_other_sections():
    blocks = (
        Block(text="1. Short title", location=Location(1), kind="heading", level=2),
        Block(text="This Act may be cited as the Cyber Act.", location=Location(2)),
        Block(text="2. A person who publishes false news commits an offence.", location=Location(3)),
        Block(text="3. A person who abets commits an offence.", location=Location(4)),
    )
    bill = build_bill(Document(path="x.docx", format="docx", blocks=blocks))
    assert [c.label for c in bill.clauses] == ["1", "2", "3"]
    assert bill.clauses[0].heading == "Short title"
