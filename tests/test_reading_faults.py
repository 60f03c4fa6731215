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
