"""The engine on hand-built bills and the test rules in tests/data/rules: matching, scopes, severity
arithmetic, suppressions, deduplication, locations, structural predicates and languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.engine.evaluate import LintOptions, fingerprint, lint_bill
from lawlint.engine.loader import load_rules
from lawlint.model import Bill, Clause, Location, Severity, Term

RULES = Path(__file__).parent / "data" / "rules"


@pytest.fixture(scope="module")
def rs():
    return load_rules([RULES], builtin=False)


def clause(kind, num, text="", children=(), wrap_up="", heading="", eid=None, line=1, xrefs=(), **kw):
    c = Clause(kind=kind, num=num, label=num, eid=eid or f"{kind}_{num}", text=text, wrap_up=wrap_up,
               heading=heading, location=Location(line, 1), xrefs=tuple(xrefs), **kw)
    for ch in children:
        ch.parent = c
        c.children.append(ch)
    return c


def bill(*clauses, glossary=(), language="en"):
    return Bill(path="b.txt", format="txt", clauses=list(clauses), glossary=list(glossary), language=language)


def one(text, **kw):
    return bill(clause("section", "1", text), **kw)


def rules_of(findings):
    return [(f.rule, str(f.severity)) for f in findings]


# ------------------------------------------------------------------------------------------- examples


def test_fixture_rule_examples(rs):
    """The test rules' own examples behave as documented (the same contract the built-in packs obey)."""
    for rule in rs.rules:
        for text in rule.examples["en"]["fire"]:
            fired = {f.rule for f in lint_bill(one(text), rs)} | {
                r for f in lint_bill(one(text), rs) for r in f.related}
            assert rule.id in fired, (rule.id, text)
        for text in rule.examples["en"]["quiet"]:
            fs = lint_bill(one(text), rs)
            assert rule.id not in {f.rule for f in fs} | {r for f in fs for r in f.related}, (rule.id, text)


# ------------------------------------------------------------------------------------------- matching


def test_lemma_matches_inflections_and_capitals(rs):
    fs = lint_bill(one("Whoever Made False Statements commits an offence."), rs)
    assert fs[0].excerpt == "False Statements"
    assert "false-statement-warning" in fs[0].related  # fired, and lost to the error of its category


def test_curly_quotes_and_odd_spaces_do_not_break_phrases(rs):
    fs = lint_bill(one("Any person who publishes \u201cfalse\u00a0\u00a0 news\u201d commits an offence."), rs)
    assert fs and fs[0].rule == "false-news-offence"
    assert fs[0].excerpt == "false news"  # the excerpt is whitespace-normalised
    assert fs[0].column == len("Any person who publishes \u201c") + 1


def test_near_respects_distance(rs):
    close = lint_bill(one("A person who circulates false and alarming information commits an offence."), rs)
    far = lint_bill(one("A person who circulates false claims about a scientific theory, or other information, "
                        "commits an offence."), rs)
    assert "false-news-offence" in {f.rule for f in close}
    assert "false-news-offence" not in {f.rule for f in far}


def test_token_pattern_and_predicate_reference(rs):
    fs = lint_bill(one("The Authority may block access to a service."), rs)
    assert [f.rule for f in fs] == ["block-sites"]
    # `safeguard` is defined only as `predicate: court-order`: a court order downgrades the takedown rule
    text = "A provider shall remove the content within 24 hours of an order of the court."
    f = lint_bill(one(text), rs)[0]
    assert f.rule == "takedown-deadline" and f.severity == Severity.WARNING
    assert "downgraded: safeguard" in f.explanation


# ------------------------------------------------------------------------------------------- arithmetic


def test_escalate_and_downgrades(rs):
    f = lint_bill(one("Any person who publishes false news commits an offence and is liable to imprisonment."), rs)[0]
    assert (f.rule, f.severity) == ("false-news-offence", Severity.ERROR)  # error + escalate stays error
    assert f.explanation.startswith("escalated: imprisonment")
    f = lint_bill(one("A person who, with intent to cause serious harm, publishes false news commits an offence."),
                  rs)[0]
    assert f.severity == Severity.INFO  # two downgrades: intent, then intent and harm
    assert "downgraded: intent (clause 1)" in f.explanation
    assert "downgraded: intent and harm" in f.explanation


def test_unless_suppress(rs):
    assert lint_bill(one("A person who, with intent to make a gain, publishes false news commits an offence."),
                     rs) == [] or all(f.rule != "false-news-offence"
                                      for f in lint_bill(one("A person who, with intent to make a gain, "
                                                             "publishes false news commits an offence."), rs))


def test_global_suppression_with_exception(rs):
    text = ("Any person who publishes false news about child sexual abuse material commits an offence; "
            "the Authority may block access to it.")
    fs = lint_bill(one(text), rs)
    assert [f.rule for f in fs] == ["block-sites"]  # FE- suppressed by csam, IL-BLOCK excepted


def test_when_must_hold(rs):
    assert lint_bill(one("The newspaper printed false news yesterday."), rs) == []


def test_same_category_dedupe_lists_related(rs):
    fs = lint_bill(one("Any person who publishes false news or makes a false statement commits an offence."), rs)
    assert len(fs) == 1
    assert fs[0].rule == "false-news-offence" and fs[0].related == ("false-statement-warning",)


def test_min_confidence_filters(rs):
    b = one("The Authority may block websites.")
    assert lint_bill(b, rs)
    assert lint_bill(b, rs, LintOptions(min_confidence="medium")) == []


# ------------------------------------------------------------------------------------------- scopes


def _offence_tree():
    """3. (1) A person who — (a) publishes false news; or (b) ...; commits an offence."""
    a = clause("paragraph", "3(1)(a)", "publishes false news; or", line=2)
    b = clause("paragraph", "3(1)(b)", "insults a public officer,", line=3)
    sub = clause("subsection", "3(1)", "A person who, with intent to cause serious harm, -", [a, b],
                 wrap_up="commits an offence.", line=1)
    return clause("section", "3", "", [sub], heading="False news")


def test_provision_scope_reads_lead_in_and_wrap_up(rs):
    fs = lint_bill(bill(_offence_tree()), rs)
    assert [(f.rule, f.clause) for f in fs] == [("false-news-offence", "3(1)(a)")]
    assert fs[0].line == 2 and fs[0].column == 11
    assert fs[0].severity == Severity.INFO  # intent and harm come from the lead-in


def test_trigger_must_be_in_own_words(rs):
    """The parent's lead-in mentions false news; the children do not repeat it: only the parent fires."""
    a = clause("paragraph", "4(a)", "by any means;")
    top = clause("section", "4", "Any person who publishes false news -", [a], wrap_up="commits an offence.")
    fs = lint_bill(bill(top), rs)
    assert [f.clause for f in fs] == ["4"]


def test_section_scope_follows_cross_references(rs):
    """A takedown deadline in section 5 is downgraded by a court order in section 9 it refers to."""
    s5 = clause("section", "5", "A provider shall take down the content within 12 hours, subject to section 9.",
                xrefs=("section_9",))
    s9 = clause("section", "9", "No direction shall be given without an order of the court.")
    f = lint_bill(bill(s5, s9), rs)[0]
    assert f.rule == "takedown-deadline" and f.severity == Severity.WARNING
    assert "found in clause 9" in f.explanation
    alone = lint_bill(bill(clause("section", "5", s5.text), s9), rs)[0]
    assert alone.severity == Severity.ERROR  # no cross-reference, no safeguard


def test_section_scope_reads_glossary_definitions(rs):
    s2 = clause("section", "2", '"takedown notice" means a notice backed by an order of the court.', eid="sec_2")
    s5 = clause("section", "5", "A provider shall take down the post within 12 hours of a takedown notice.")
    g = [Term("takedown notice", "a notice backed by an order of the court.", "2", "sec_2")]
    f = next(x for x in lint_bill(bill(s2, s5, glossary=g), rs) if x.clause == "5")
    assert f.severity == Severity.WARNING
    without = next(x for x in lint_bill(bill(s2, s5), rs) if x.clause == "5")
    assert without.severity == Severity.ERROR


def test_deadline_words_in_message(rs):
    f = lint_bill(one("A provider shall disable access within forty-eight hours of a notice."), rs)[0]
    assert f.severity == Severity.WARNING  # 48 h: above the 24 h error threshold, within 72 h
    assert "within forty-eight hours of a notice" in f.message
    assert lint_bill(one("A provider shall disable access to the page."), rs) == []  # no deadline: no finding


# ------------------------------------------------------------------------------------------- structure


def test_administrative_heading_suppresses_fe(rs):
    s = clause("section", "40", "The Authority shall report on false news it found; any person who publishes "
               "false news commits an offence.", heading="Annual report")
    assert lint_bill(bill(s), rs) == []
    s.heading = "Offences"
    assert lint_bill(bill(s), rs)


def test_structural_predicates():
    from lawlint.engine.structural import Structure

    d = clause("paragraph", "2(a)", '\u201cfalse news\u201d means news that is false;')
    defs = clause("section", "2", "In this Act -", [d], heading="Interpretation")
    title = clause("section", "1", "This Act may be cited as the Cyber Act.")
    obj = clause("section", "3", "The objects of this Act are to promote safety online.")
    q = clause("section", "4", "Section 5 is replaced by:", [clause("section", "5", "Any person...", quoted=True)])
    st = Structure(bill(title, defs, obj, q))
    assert st.holds("in-definitions", d) and st.holds("in-definitions", defs)
    assert st.holds("administrative", title) and not st.holds("administrative", obj)
    assert st.holds("preamble", obj)
    assert st.holds("quoted", q.children[0]) and not st.holds("quoted", q)


# ------------------------------------------------------------------------------------------- misc


def test_language_und_and_unknown_give_no_findings(rs):
    text = "Any person who publishes false news commits an offence."
    assert lint_bill(one(text, language="und"), rs) == []
    assert lint_bill(one(text, language="fr"), rs) == []
    assert lint_bill(one(text, language="fr"), rs, LintOptions(language="en"))


def test_fingerprint_ignores_whitespace_and_numbering():
    a = clause("section", "3", "Any person who  publishes\nfalse news")
    b = clause("section", "7", "Any person who publishes false news")
    assert fingerprint("r", a) == fingerprint("r", b) != fingerprint("s", b)
    assert len(fingerprint("r", a)) == 16


def test_location_follows_anchors(rs):
    c = clause("section", "1", "Any person who publishes something,\nor false news, commits an offence.", line=10)
    c.location = Location(10, 5, page=3)
    c.anchors = ((36, Location(11, 1, page=3)),)
    f = lint_bill(bill(c), rs)[0]
    assert (f.page, f.line, f.column) == (3, 11, 4)


def test_findings_sorted_and_deterministic(rs):
    bs = [bill(*[clause("section", str(i), "Any person who publishes false news commits an offence.", line=i)
                 for i in range(1, 30)]) for _ in range(2)]
    a, b = (lint_bill(x, rs) for x in bs)
    assert a == b and [f.line for f in a] == sorted(f.line for f in a)


def test_large_bill_is_linear(rs):
    """A 3000-clause bill with deep nesting lints quickly (scopes are computed without quadratic walks)."""
    import time

    sections = []
    for i in range(600):
        kids = [clause("paragraph", f"{i}({j})", "publishes false news;" if j == 2 else "does a thing;")
                for j in range(4)]
        sections.append(clause("section", str(i), "A person who -", kids, wrap_up="commits an offence."))
    t = time.perf_counter()
    fs = lint_bill(bill(*sections), rs)
    assert len(fs) == 600
    assert time.perf_counter() - t < 10


def test_definition_outside_the_tree_is_read_from_the_glossary(rs):
    s5 = clause("section", "5", "A provider shall take down the post within 12 hours of a takedown notice.")
    g = [Term("takedown notice", "a notice backed by an order of the court.", "2", "sched_1__def_3")]
    f = lint_bill(bill(s5, glossary=g), rs)[0]
    assert f.severity == Severity.WARNING
    assert f.explanation.endswith("; downgraded: safeguard found in a definition")


def test_trigger_defined_structural_predicate(tmp_path):
    """`trigger-defined` holds when the words the trigger matched are a glossary term in use."""
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    pack = (root / "packs" / "test.yaml").read_text()
    pack = pack.replace("      - {predicate: gain, effect: suppress}",
                        "      - {predicate: gain, effect: suppress}\n      - {predicate: trigger-defined, effect: downgrade}")
    (root / "packs" / "test.yaml").write_text(pack)
    rs2 = load_rules([root], builtin=False)
    text = "Any person who publishes false news commits an offence."
    g = [Term("false news", "a statement the person knows to be false and likely to cause violence", "2", "s2")]
    plain = lint_bill(one(text), rs2)[0]
    defined = lint_bill(one(text, glossary=g), rs2)[0]
    assert plain.severity == Severity.ERROR and defined.severity == Severity.WARNING
    assert "downgraded: trigger-defined" in defined.explanation


@pytest.mark.parametrize("heading,admin", [
    ("Funds of the Authority", True), ("Terrorist funds", False),
    ("Membership of the Board", True), ("Membership of a proscribed organisation", False),
    ("Short title and commencement", True), ("Repeal and savings", True), ("Annual report", True),
    ("Suspension of accounts", False), ("Unlawful meetings", False), ("Functions of the Authority", False),
])
def test_administrative_headings(heading, admin):
    from lawlint.engine.structural import Structure

    c = clause("section", "9", "Text.", heading=heading)
    assert Structure(bill(c)).holds("administrative", c) is admin


def test_footnotes_are_not_linted_as_provisions():
    """The segmenter gathers footnotes into one 'note' clause; editorial text is not law."""
    from lawlint.engine.loader import load_rules
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.model import Bill, Clause

    words = "Any person who publishes false news commits an offence and is liable to imprisonment."
    note = Clause(kind="note", num="", label="notes", eid="notes", text=words)
    section = Clause(kind="section", num="1", label="1", eid="sec_1", text=words)
    rules = load_rules((), builtin=True)
    quiet = lint_bill(Bill(path="b.txt", format="txt", clauses=[note]), rules, LintOptions(language="en"))
    loud = lint_bill(Bill(path="b.txt", format="txt", clauses=[section]), rules, LintOptions(language="en"))
    assert quiet == []
    assert any(f.rule == "false-news-offence" for f in loud)


def test_deadlines_read_in_french_and_spanish():
    from lawlint.engine.checks import find_deadlines

    assert [h for h, _, _ in find_deadlines("retire le contenu dans un délai de vingt-quatre heures")] == [24]
    assert [h for h, _, _ in find_deadlines("dans un délai d'une heure")] == [1]
    assert [h for h, _, _ in find_deadlines("deberá retirarlo en un plazo de seis horas")] == [6]
    assert [h for h, _, _ in find_deadlines("dentro de las 48 horas siguientes")] == [48]
    assert [h for h, _, _ in find_deadlines("dans les trois jours")] == [72]
