"""Reading faults seen on real documents (issue 9), each fixed as a principle and pinned by a case that must
now be read right and a look-alike whose reading must not change."""

from __future__ import annotations

from lawlint.readers import text as text_reader
from lawlint.structure import build_bill


def bill_of(source: str, fmt: str = "txt"):
    return build_bill(text_reader.read(source.encode("utf-8"), f"bill.{fmt}", fmt))


def labels(bill) -> list[str]:
    return [c.label for c in bill.walk()]


def find(bill, label: str):
    for clause in bill.walk():
        if clause.label == label:
            return clause
    raise AssertionError(f"no clause {label!r} in {labels(bill)}")


# 1. a parenthesised number inside a sentence that wraps to the start of a line


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
