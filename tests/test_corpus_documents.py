"""Every real document in corpora/documents parses, and its top-level provisions come out in the order the
document prints them. The expected lists were typed from reading each document (its <num> elements, its
printed section numbers), not produced by the code under test."""

from pathlib import Path

import pytest

from lawlint.pipeline import load_bill

DOCS = Path(__file__).resolve().parents[1] / "corpora" / "documents"


def top_level(bill) -> list[str]:
    """Labels of section-level clauses outside any schedule, in document order."""
    return [c.label for c in bill.walk() if c.kind in ("section", "article") and not c.label.startswith("Schedule")]


@pytest.mark.parametrize("name, expected", [
    ("us-PL-112-61-americas-cup-act-2011.akn.xml", [str(n) for n in range(1, 7)]),
    ("us-BILLS-118s1325rs.uslm.xml", [str(n) for n in range(1, 11)]),
    ("ca-cooperative-energy-act-C-41.5-eng.html", [str(n) for n in range(1, 28)]),
])
def test_top_level_sections_in_order(name, expected):
    assert top_level(load_bill(DOCS / name)) == expected


@pytest.mark.parametrize("name, terms", [
    ("us-PL-112-61-americas-cup-act-2011.akn.xml", {"eligible vessel", "34th America's Cup"}),
    ("us-BILLS-118s1325rs.uslm.xml", {"multilateral development banks", "Trade Policy Staff Committee"}),
    ("ca-cooperative-energy-act-C-41.5-eng.html", {"Agreement", "Corporation", "Director"}),
])
def test_defined_terms_are_found(name, terms):
    found = {t.term for t in load_bill(DOCS / name).glossary}
    assert terms <= found


def test_an_unnumbered_schedule_is_labelled_by_its_word():
    bill = load_bill(DOCS / "ca-cooperative-energy-act-C-41.5-eng.html")
    schedule = [c for c in bill.walk() if c.kind == "schedule"]
    assert [c.label for c in schedule] == ["Schedule"]
    numbered = [c.label for c in schedule[0].walk() if c.kind == "section"]
    assert numbered[:3] == ["Schedule, 1", "Schedule, 2", "Schedule, 3"]


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.iterdir() if p.suffix != ".md" or "stgb" in p.name))
def test_every_document_parses_into_clauses(name):
    bill = load_bill(DOCS / name)
    assert sum(1 for _ in bill.walk()) > 5
