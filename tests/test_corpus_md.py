"""The German Criminal Code (StGB) in Markdown, corpora/documents/de-stgb-strafgesetzbuch.md: a whole code with
Teil / Abschnitt / Titel headings, `§` section headings at varying heading levels, Absätze (1), Nummern 1.,
Buchstaben a) and closing words after a list. Expected values were read off the document itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.pipeline import load_bill

STGB = Path(__file__).resolve().parents[1] / "corpora" / "documents" / "de-stgb-strafgesetzbuch.md"


@pytest.fixture(scope="module")
def bill():
    return load_bill(STGB)


@pytest.fixture(scope="module")
def sections(bill):
    return {c.label: c for c in bill.walk() if c.kind == "section"}


def test_metadata(bill):
    assert bill.format == "md"
    assert bill.title == "Strafgesetzbuch"  # from the YAML front matter
    assert bill.language == "de"


def test_first_sections_in_order(bill):
    labels = [c.label for c in bill.walk() if c.kind == "section"]
    assert labels[:37] == [f"§ {n}" for n in range(1, 38)]
    # § 45a and § 45b follow § 45 under "Nebenfolgen"; then § 46, § 46a, § 46b, § 47, § 48 (weggefallen)
    start = labels.index("§ 45")
    assert labels[start:start + 8] == ["§ 45", "§ 45a", "§ 45b", "§ 46", "§ 46a", "§ 46b", "§ 47", "§ 48"]


def test_every_paragraph_sign_heading_is_a_section(bill):
    text = STGB.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#") and "# § " in line]
    assert len([c for c in bill.walk() if c.kind == "section"]) == len(headings)


def test_parts_chapters_titles(bill):
    parts = [c for c in bill.clauses if c.kind == "part"]
    assert [p.heading for p in parts] == ["Allgemeiner Teil", "Besonderer Teil"]
    general = parts[0]
    assert [c.label for c in general.children][:3] == ["Abschnitt 1", "Abschnitt 2", "Abschnitt 3"]
    first_chapter = general.children[0]
    assert (first_chapter.kind, first_chapter.heading) == ("chapter", "Das Strafgesetz")
    titel = first_chapter.children[0]
    assert (titel.kind, titel.label, titel.heading) == ("division", "Titel 1", "Geltungsbereich")
    assert [c.label for c in titel.children][:3] == ["§ 1", "§ 2", "§ 3"]


def test_spot_check_202a(sections):
    sec = sections["§ 202a"]
    assert (sec.eid, sec.heading, sec.location.line) == ("sec_202a", "Ausspähen von Daten", 8712)
    chapter = sec.parent
    assert (chapter.kind, chapter.num, chapter.location.line) == ("chapter", "15", 8576)
    assert chapter.heading == "Verletzung des persönlichen Lebens- und Geheimbereichs"
    assert [c.label for c in sec.children] == ["§ 202a(1)", "§ 202a(2)"]
    assert sec.children[0].eid == "sec_202a__subsec_1"
    assert sec.children[0].text.startswith("Wer unbefugt sich oder einem anderen Zugang zu Daten")
    assert sec.children[0].text.endswith("wird mit Freiheitsstrafe bis zu drei Jahren oder mit Geldstrafe bestraft.")
    assert sec.children[0].wrap_up == ""


def test_spot_check_202c_lead_in_items_and_closing_words(sections):
    sub = sections["§ 202c"].children[0]
    assert sub.text == "Wer eine Straftat nach § 202a oder § 202b vorbereitet, indem er"
    assert [c.label for c in sub.children] == ["§ 202c(1)(1)", "§ 202c(1)(2)"]
    assert sub.children[0].text.startswith("Passwörter oder sonstige Sicherungscodes")
    assert sub.wrap_up.startswith("herstellt, sich oder einem anderen verschafft, verkauft")
    assert sub.wrap_up.endswith("wird mit Freiheitsstrafe bis zu zwei Jahren oder mit Geldstrafe bestraft.")
    assert sub.xrefs == ("sec_202a", "sec_202b")


def test_spot_check_303a(sections):
    sec = sections["§ 303a"]
    assert sec.heading == "Datenveränderung"
    assert [c.text for c in sec.children][1] == "Der Versuch ist strafbar."
    assert sec.children[0].xrefs == ("sec_202a__subsec_2",)  # "(§ 202a Abs. 2)"
    assert sec.children[2].xrefs == ("sec_202c",)


def test_lettered_items_nest_under_numbered_items(sections):
    sec5 = sections["§ 5"]
    item3 = next(c for c in sec5.children if c.num == "(3)")
    assert [c.num for c in item3.children] == ["(a)", "(b)", "(c)", "(d)"]
    assert "(5a)" in [c.num for c in sec5.children]  # "5a." keeps its place after "5."


def test_eids_unique(bill):
    eids = [c.eid for c in bill.walk()]
    assert len(eids) == len(set(eids))
