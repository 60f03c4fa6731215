"""`lawlint diff`: clause alignment through renumbering, insertion, deletion, splits, merges and moves; findings
fixed / new / persisting; exit status with --fail-on and --fail-on-new; unreadable and unchecked readings;
every format. Uses only the test rules (tests/data/rules)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bill_text import bill_of, find
from lawlint import diff
from lawlint.cli import cli

RULES = str(Path(__file__).parent / "data" / "rules")
BASE = ["--no-builtin-rules", "--rules", RULES]

OLD = """1. Short title
This Act may be cited as the Test Act.

2. Interpretation
In this Act, "computer" means an electronic device that processes data automatically.

3. False news
(1) Any person who publishes false news commits an offence and is liable to imprisonment.
(2) A person who makes a false statement with intent to cause serious harm commits an offence.

4. Takedown
(1) A service provider shall take down the content within forty-eight hours of a notice.
(2) The Authority may block websites.

5. Fees
The Minister may prescribe fees for applications made under this Act.
"""

# A second reading: new s.2 inserted (everything after it renumbered), the false-news offence struck out, the
# false-statement offence reworded, the Authority's blocking power moved from the takedown section into the fees
# section, and a Minister's blocking power added in its place.
NEW = """1. Short title
This Act may be cited as the Test Act.

2. Objects
The objects of this Act are to protect users of computers and to keep the Internet open.

3. Interpretation
In this Act, "computer" means an electronic device that processes data automatically.

4. False statements
(1) A person who knowingly makes a false statement with intent to cause serious harm commits an offence.

5. Takedown
(1) A service provider shall take down the content within forty-eight hours of a notice.
(2) The Minister may, by order, block websites hosting material the Minister considers unlawful.

6. Fees
(1) The Minister may prescribe fees for applications made under this Act.
(2) The Authority may block websites.
"""


def _pairs(old_text: str, new_text: str) -> dict[str, str | None]:
    a, b = bill_of(old_text), bill_of(new_text)
    d = diff.align(a, b)
    la = {c.eid: c.label for c in a.walk()}
    lb = {c.eid: c.label for c in b.walk()}
    return {la[o]: (lb[n] if n else None) for o, n in d.pairs().items()}


def test_renumbering_insertion_and_deletion_are_followed():
    pairs = _pairs(OLD, NEW)
    assert pairs["1"] == "1"
    assert pairs["2"] == "3"  # Interpretation, renumbered
    assert pairs["3"] == "4"
    assert pairs["3(1)"] is None  # struck out
    assert pairs["3(2)"] == "4(1)"
    assert pairs["4"] == "5" and pairs["4(1)"] == "5(1)"
    assert pairs["4(2)"] == "6(2)"  # moved into another section
    assert pairs["5"] == "6"


def test_every_clause_of_both_readings_appears_once_with_a_status():
    a, b = bill_of(OLD), bill_of(NEW)
    d = diff.align(a, b)
    olds = [ch.old.eid for ch in d.clauses if ch.old is not None]
    news = [ch.new.eid for ch in d.clauses if ch.new is not None]
    assert sorted(olds) == sorted(c.eid for c in a.walk())
    assert news == [c.eid for c in b.walk()]  # in the new reading's order
    by_new = {ch.new.label: ch for ch in d.clauses if ch.new is not None}
    assert by_new["1"].status == diff.UNCHANGED and not by_new["1"].renumbered
    assert by_new["2"].status == diff.INSERTED
    assert by_new["3"].status == diff.UNCHANGED and by_new["3"].renumbered
    assert by_new["4(1)"].status == diff.CHANGED
    assert by_new["4(1)"].added == ["knowingly"] and by_new["4(1)"].removed == []
    assert by_new["4"].arrow() == "s.3 → s.4"
    deleted = [ch for ch in d.clauses if ch.status == diff.DELETED]
    assert [ch.old.label for ch in deleted] == ["3(1)"]
    moved = by_new["6(2)"]
    assert moved.old.label == "4(2)" and moved.moved and moved.status == diff.UNCHANGED
    assert by_new["5(2)"].status == diff.INSERTED


def test_a_section_split_into_subsections_stays_paired_and_the_pieces_say_where_they_came_from():
    old = ("1. Short title\nThis Act may be cited as the Test Act.\n\n2. Members of the Board\nThe Board consists "
           "of five members appointed by the Minister from persons of standing in law or information technology, "
           "and each member holds office for three years.\n")
    new = ("1. Short title\nThis Act may be cited as the Test Act.\n\n2. Members of the Board\n(1) The Board "
           "consists of five members appointed by the Minister from persons of standing in law or information "
           "technology.\n(2) Each member holds office for three years and may be reappointed once.\n")
    a, b = bill_of(old), bill_of(new)
    d = diff.align(a, b)
    assert d.pairs()["sec_2"] == "sec_2"
    split = {ch.new.label: ch for ch in d.clauses if ch.status == diff.INSERTED}
    assert set(split) == {"2(1)", "2(2)"}
    assert split["2(1)"].part_of is not None and split["2(1)"].part_of.label == "2"


def test_subsections_merged_into_their_section_are_deleted_with_where_they_went():
    old = ("1. Short title\nThis Act may be cited as the Test Act.\n\n2. Abetment\n(1) A person who abets an "
           "offence under this Act commits that offence and is liable to the same punishment.\n(2) A person who "
           "attempts to commit an offence under this Act commits an offence.\n")
    new = ("1. Short title\nThis Act may be cited as the Test Act.\n\n2. Abetment\nA person who abets an offence "
           "under this Act commits that offence and is liable to the same punishment.\n")
    a, b = bill_of(old), bill_of(new)
    d = diff.align(a, b)
    assert d.pairs()["sec_2"] == "sec_2"
    gone = {ch.old.label: ch for ch in d.clauses if ch.status == diff.DELETED}
    assert set(gone) == {"2(1)", "2(2)"}
    assert gone["2(1)"].part_of is not None and gone["2(1)"].part_of.label == "2"
    assert gone["2(2)"].part_of is None  # its words are nowhere


def test_a_section_moved_out_of_order_is_paired_and_marked_moved():
    secs = [f"{i}. Heading {w}\nThe {w} provision says something particular about {w} matters in this Act and no "
            f"other.\n" for i, w in enumerate(["alpha", "bravo", "charlie", "delta", "echo"], start=1)]
    old = "\n".join(secs)
    moved = secs[1:4] + [secs[0]] + [secs[4]]
    new = "\n".join(f"{i}.{s.split('.', 1)[1]}" for i, s in enumerate(moved, start=1))  # renumbered in order
    a, b = bill_of(old), bill_of(new)
    d = diff.align(a, b)
    pairs = d.pairs()
    assert pairs["sec_1"] == "sec_4"  # alpha went after delta
    assert pairs["sec_2"] == "sec_1" and pairs["sec_5"] == "sec_5"
    assert [ch.moved for ch in d.clauses if ch.old is not None and ch.old.eid == "sec_1"] == [True]


def test_unrelated_readings_pair_nothing_but_the_short_title():
    old = "1. Short title\nThis Act may be cited as the A Act.\n\n2. Fish\nNo person shall catch salmon in May.\n"
    new = "1. Short title\nThis Act may be cited as the A Act.\n\n2. Roads\nEvery driver shall keep to the left.\n"
    pairs = _pairs(old, new)
    assert pairs == {"1": "1", "2": None}


def test_identical_readings_are_all_unchanged():
    a, b = bill_of(OLD), bill_of(OLD)
    d = diff.align(a, b)
    assert {ch.status for ch in d.clauses} == {diff.UNCHANGED}
    assert all(ch.old.eid == ch.new.eid for ch in d.clauses)


# ------------------------------------------------------------------------------------------- CLI


@pytest.fixture()
def readings(tmp_path):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    return tmp_path / "old.txt", tmp_path / "new.txt"


def _run(*args):
    return CliRunner().invoke(cli, ["diff", *BASE, *map(str, args)])


def test_findings_are_fixed_new_or_persisting_on_the_paired_clause(readings):
    old, new = readings
    r = _run(old, new, "-f", "json")
    data = json.loads(r.stdout)
    assert data["old"] == str(old) and data["new"] == str(new)
    got = sorted((f["status"], f["rule"], f["old_clause"], f["new_clause"]) for f in data["findings"])
    assert got == [
        ("fixed", "false-news-offence", "3(1)", None),
        ("new", "block-sites", None, "5(2)"),
        ("persisting", "block-sites", "4(2)", "6(2)"),
        ("persisting", "false-statement-warning", "3(2)", "4(1)"),
        ("persisting", "takedown-deadline", "4(1)", "5(1)"),
    ]
    assert data["summary"]["findings"] == {"fixed": 1, "new": 1, "persisting": 3}
    entries = {(c["old"], c["new"]): c for c in data["clauses"]}
    assert entries[("3(2)", "4(1)")]["status"] == "changed" and entries[("3(2)", "4(1)")]["added"] == ["knowingly"]
    assert entries[(None, "2")]["status"] == "inserted" and entries[("3(1)", None)]["status"] == "deleted"
    assert entries[("2", "3")]["status"] == "unchanged" and entries[("2", "3")]["renumbered"] is True
    assert {c["kind"] for c in data["clauses"]} >= {"section", "subsection"}  # every level, sections included
    assert len(data["clauses"]) == len({c["old_eid"] for c in data["clauses"] if c["old_eid"]}) + sum(
        1 for c in data["clauses"] if c["old_eid"] is None)
    assert data["complete"] is True


def test_exit_status_follows_fail_on_over_new_and_persisting_and_fail_on_new_counts_only_new(readings):
    old, new = readings
    assert _run(old, new).exit_code == 0  # no error-level finding left: false news was fixed
    assert _run(old, new, "--fail-on", "warning").exit_code == 1  # persisting warnings
    assert _run(old, new, "--fail-on", "warning", "--fail-on-new").exit_code == 1  # the new block-sites
    assert _run(old, new, "--fail-on", "error", "--fail-on-new").exit_code == 0
    assert _run(new, old).exit_code == 1  # the other way round the false-news offence is new
    assert _run(new, old, "--fail-on-new", "--fail-on", "never").exit_code == 0


def test_persisting_finding_text_shows_both_labels(readings):
    r = _run(*readings)
    assert "persisting s.3(2) → s.4(1)" in " ".join(r.stdout.split())
    assert "fixed s.3(1)" in " ".join(r.stdout.split())
    assert r.stderr.startswith("clauses: 5 unchanged, 3 changed, 1 deleted, 3 inserted")  # summary on stderr


def test_an_unreadable_reading_says_so_and_exits_2(readings, tmp_path):
    old, _ = readings
    missing = tmp_path / "nope.txt"
    r = _run(old, missing, "-f", "json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["readings"]["new"]["status"] == "error" and data["complete"] is False
    assert data["clauses"] == [] and data["findings"] == []
    assert "nope.txt (new reading): could not be read" in r.stderr
    for fmt in ("text", "markdown", "html"):
        out = _run(old, missing, "-f", fmt)
        assert out.exit_code == 2 and "could not be read" in out.stdout


def test_an_unchecked_reading_says_so_in_every_format_and_exits_2_unless_allowed(readings, tmp_path):
    old, _ = readings
    german = tmp_path / "neu.txt"
    german.write_text("§ 1 Kurztitel\nDieses Gesetz kann als Testgesetz zitiert werden.\n\n§ 2 Falschnachrichten\n"
                      "Wer falsche Nachrichten verbreitet, wird mit Freiheitsstrafe bestraft.\n", encoding="utf-8")
    for fmt in ("text", "json", "markdown", "html"):
        r = _run(old, german, "-f", fmt)
        assert r.exit_code == 2, fmt
        assert "not checked" in r.stdout or '"not-checked"' in r.stdout, fmt
        assert "not checked" in r.stderr
    assert _run(old, german, "--allow-unchecked").exit_code == 0


def test_markdown_and_html_reports(readings):
    old, new = readings
    md = _run(old, new, "-f", "markdown").stdout
    assert "## Fixed findings (1)" in md and "## New findings (1)" in md and "| s.3(2) → s.4(1) |" in md
    page = _run(old, new, "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "<ins>knowingly</ins>" in page
    assert page.count('<tr class="') == len(json.loads(_run(old, new, "-f", "json").stdout)["clauses"])
    assert "<script" not in page and "http" not in page.split("<body>")[1].split("</footer>")[0]


def test_html_escapes_the_bill_text(tmp_path):
    (tmp_path / "a.txt").write_text("1. Title\nThe <b>first</b> & only clause here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("1. Title\nThe <b>first</b> & only clause there.\n", encoding="utf-8")
    page = _run(tmp_path / "a.txt", tmp_path / "b.txt", "-f", "html").stdout
    assert "<b>first</b>" not in page and "&lt;b&gt;first&lt;/b&gt;" in page


def test_output_is_deterministic_and_written_to_a_file(readings, tmp_path):
    out = tmp_path / "diff.json"
    r1 = _run(*readings, "-f", "json", "-o", out)
    first = out.read_text(encoding="utf-8")
    _run(*readings, "-f", "json", "-o", out)
    assert out.read_text(encoding="utf-8") == first and r1.stdout == ""


def test_diff_uses_the_same_rule_selection_as_check(readings):
    r = _run(*readings, "-f", "json", "--select", "IL-BLOCK")
    rules = {f["rule"] for f in json.loads(r.stdout)["findings"]}
    assert rules == {"block-sites"}


def test_display_labels():
    b = bill_of("PART I\nPRELIMINARY\n\n1. Short title\n(1) This Act may be cited as the Test Act.\n")
    assert diff.display_label(find(b, "1(1)")) == "s.1(1)"
    assert diff.display_label(find(b, "Part I")) == "Part I"


def test_generated_second_reading_is_aligned_exactly_as_it_was_made():
    """benchmarks/generate.py strikes out, adds, rewords and renumbers sections and records which old section
    became which: every section must be paired (or deleted) accordingly."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    first = generate.sections(90)
    truth: dict[str, str] = {}
    second = generate.second_reading(first, truth)
    a = bill_of(generate.render(first, "txt").decode("utf-8"))
    b = bill_of(generate.render(second, "txt").decode("utf-8"))
    d = diff.align(a, b)
    got = {ch.old.num: (ch.new.num if ch.new else None) for ch in d.clauses
           if ch.old is not None and ch.old.kind == "section"}
    want = {s.num: truth.get(s.num) for s in first}
    assert got == want
    assert sum(v is None for v in want.values()) >= 5 and len(second) > len(first) - 8  # the test bites
