"""Powers, duties and their safeguards (IL-*, ID-ANON, PR-* packs and predicates/en/powers.yaml).

A power is lawful or not by what surrounds it, so these tests check the section scope: a safeguard found in
a cross-referenced section or in a definition lowers the finding and is named in the explanation, while the
same power without it fires at full severity. They also pin the look-alikes that must stay quiet (privacy
offences, data-protection duties) and the deadline comparison.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawlint.engine.loader import load_rules
from lawlint.model import Severity

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "provisions-dev.jsonl"
DOCUMENTS = ROOT / "corpora" / "documents"
MINE = ("IL-", "ID-", "PR-")

RULESET = load_rules()


def lint(text: str, ruleset=RULESET):
    from lawlint import structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import text as text_reader

    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), "<test>", "txt"))
    return lint_bill(bill, ruleset, LintOptions(language="en"))


def finding(findings, rule: str, clause: str):
    """The finding of `rule` on `clause`, whether reported itself or listed as related to a stronger one."""
    for f in findings:
        if f.clause == clause and (f.rule == rule or rule in f.related):
            return f
    return None


def predicates_in(text: str) -> set[str]:
    from lawlint.engine.matcher import compiled

    comp = compiled(RULESET, "en")
    bits = comp.analyse([text])[0].bits
    return {name for k, name in enumerate(comp.pred_names) if bits >> k & 1}


# --------------------------------------------------------------------- safeguards through the section scope

XREF_BILL = """1. Short title
This Act may be cited as the Interception Act.

5. Interception
(1) {lead}the Minister may direct a service provider to intercept the communications of a person.
(2) A service provider shall comply with a direction under subsection (1).

9. Judicial authorisation
(1) A direction under section 5 may only be given on a warrant issued by a judge of the High Court.
(2) A warrant shall remain in force for a period not exceeding thirty days.
"""


def test_safeguard_found_through_cross_reference_lowers_severity():
    with_xref = lint(XREF_BILL.format(lead="Subject to section 9, "))
    f = finding(with_xref, "interception-without-independent-authorisation", "5(1)")
    assert f is not None
    assert f.severity < Severity.ERROR
    assert "judicial-authorisation found in clause 9(1)" in f.explanation
    assert "time-limit found in clause 9(2)" in f.explanation


def test_same_power_without_cross_reference_fires_at_full_severity():
    without = lint(XREF_BILL.format(lead=""))
    f = finding(without, "interception-without-independent-authorisation", "5(1)")
    assert f is not None
    assert f.severity == Severity.ERROR
    assert "judicial" not in f.explanation


PART_BILL = """PART II
POWERS

5. Interception
{lead}The Minister may direct a service provider to intercept the communications of a person.

PART V
SAFEGUARDS

20. Warrants
(1) No direction under this Act may be given except on a warrant issued by a judge of the High Court.
(2) A warrant shall remain in force for a period not exceeding thirty days.
(3) The person whose communications were intercepted shall be notified within ninety days after the warrant expires.
"""


def test_safeguards_found_in_a_cross_referenced_part():
    findings = lint(PART_BILL.format(lead="In accordance with Part V, "))
    f = finding(findings, "interception-without-independent-authorisation", "5")
    assert f is not None and f.severity == Severity.INFO
    for where in ("judicial-authorisation found in clause 20(1)", "time-limit found in clause 20(2)",
                  "notice found in clause 20(3)"):
        assert where in f.explanation
    # time limit and notification together answer the secrecy rule entirely
    assert finding(findings, "indefinite-secret-measures", "5") is None
    without = lint(PART_BILL.format(lead=""))
    assert finding(without, "interception-without-independent-authorisation", "5").severity == Severity.ERROR
    assert finding(without, "indefinite-secret-measures", "5") is not None


DEFINITION_BILL = """1. Short title
This Act may be cited as the Communications Act.

2. Interpretation
In this Act, "interception direction" means a direction issued by {issuer}.

6. Giving effect to directions
The Authority may direct a service provider to give effect to an interception direction by intercepting the communications of the person named in it.
"""


def test_safeguard_found_through_definition_lowers_severity():
    findings = lint(DEFINITION_BILL.format(issuer="a judge of the High Court on an application by a police officer"))
    f = finding(findings, "interception-without-independent-authorisation", "6")
    assert f is not None
    assert f.severity == Severity.WARNING
    assert "judicial-authorisation found in clause 2" in f.explanation


def test_same_power_with_executive_definition_fires_at_full_severity():
    findings = lint(DEFINITION_BILL.format(issuer="the Minister on the request of a police officer"))
    f = finding(findings, "interception-without-independent-authorisation", "6")
    assert f is not None
    assert f.severity == Severity.ERROR


def test_judicial_warrant_in_the_power_itself_silences_the_rule():
    findings = lint("7. A judge of the High Court may, on application by a police officer, issue a warrant "
                    "authorising the interception of the communications of a named person for a period not "
                    "exceeding thirty days.")
    assert not [f for f in findings if f.category == "PR-INTERCEPT"]


def test_a_negated_safeguard_is_not_a_safeguard():
    """"without a court order" names a court order but takes it away: the power fires, and more severely."""
    preds = predicates_in("The Attorney General may, without a court order, require a provider to disclose data.")
    assert "judicial-authorisation" not in preds and "executive-standard" in preds
    findings = lint(
        "27. The Attorney General may, without a court order, require a provider of an electronic "
        "communication service to disclose the contents of any electronic communication in electronic storage."
    )
    f = finding(findings, "production-order-without-oversight", "27")
    assert f is not None and f.severity == Severity.ERROR
    assert "escalated: executive-standard" in f.explanation


def test_executive_standard_is_not_saved_by_a_warrant_for_other_data():
    text = ("12. Law enforcement authorities, with due cause, shall be authorized to collect or record traffic "
            "data in real-time associated with specified communications. All other data to be collected or "
            "seized will require a court warrant.")
    findings = lint(text)
    intercept = [f for f in findings if f.category == "PR-INTERCEPT"]
    assert intercept and intercept[0].severity == Severity.ERROR
    assert intercept[0].rule == "interception-on-executive-standard"


def test_each_power_keeps_its_own_standard_within_one_section():
    """A judge's warrant in (1) does not silence the Minister's blocking power in (2), and the Minister's
    "without a warrant" in (2) does not make the judicial interception in (1) an executive one."""
    findings = lint("7. Interception and blocking\n"
                    "(1) A judge may, on application by a police officer, issue a warrant authorising the "
                    "interception of the communications of a named person.\n"
                    "(2) The Minister may, without a warrant, direct a service provider to block any website.\n")
    assert not [f for f in findings if f.clause == "7(1)" and f.severity >= Severity.WARNING]
    block = finding(findings, "administrative-blocking", "7(2)")
    assert block is not None and block.severity >= Severity.WARNING
    assert "escalated: executive-standard" in block.explanation


# --------------------------------------------------------------------- clause typing: who acts, what they may do

@pytest.mark.parametrize("text,expected", [
    ("The Minister may direct a licensee to block access to the website.", {"power", "actor-executive"}),
    ("A police officer may, without warrant, arrest any person.", {"power", "actor-executive", "executive-standard"}),
    ("Every service provider shall retain traffic data for two years.", {"duty-provider", "service-provider"}),
    ("The High Court may order a service provider to remove the post.", {"judicial-authorisation"}),
])
def test_power_and_duty_typing(text, expected):
    assert expected <= predicates_in(text)


def test_an_offence_is_not_typed_as_a_power():
    preds = predicates_in("A person who intentionally and without right intercepts a communication commits an offence.")
    assert "offence-creating" in preds
    assert "power" not in preds and "duty-provider" not in preds


# --------------------------------------------------------------------- look-alikes that must stay quiet

@pytest.mark.parametrize("text", [
    ("3. A person who intentionally and without right intercepts any non-public transmission of computer data "
     "commits an offence and is liable on conviction to imprisonment for a term not exceeding three years."),
    ("4. A person who, intentionally and without authorisation, accesses the whole or any part of a computer "
     "system commits an offence."),
    ("5. A person who intentionally and without right damages, deletes, alters or suppresses computer data "
     "commits an offence."),
    "6. A person who without authority discloses any password or access code to a computer system commits an offence.",
])
def test_privacy_offences_do_not_trip_pr_rules(text):
    assert not [f for f in lint(text) if f.category.startswith("PR-")]


@pytest.mark.parametrize("text", [
    ("9. Every controller shall ensure that personal data is kept in a form which permits identification of data "
     "subjects only for such period as may be necessary for the purposes for which it is processed."),
    ("10. Every controller shall ensure integrity and confidentiality of personal data by appropriate technical "
     "and organizational measures including encryption, pseudonymisation or access controls."),
    "11. The Authority shall monitor compliance with this Act by controllers and processors.",
    "12. A bank shall verify the identity of every customer under the customer due diligence requirements.",
])
def test_data_protection_look_alikes_stay_quiet(text):
    assert not [f for f in lint(text) if f.category.startswith(MINE)]


def test_csam_hash_matching_is_capped_at_warning():
    """Monitoring limited to known child sexual abuse material is still monitoring (IL-MONITOR is exempt from the
    CSAM suppression) but the catalogue caps it at warning."""
    findings = lint("40. Every hosting service provider shall use hash-matching technology to prevent the upload of "
                    "known child sexual abuse material.")
    monitor = [f for f in findings if f.category == "IL-MONITOR"]
    assert monitor and monitor[0].severity == Severity.WARNING
    assert "downgraded: csam" in monitor[0].explanation


# --------------------------------------------------------------------- deadlines as values

def test_removal_within_24_hours_of_an_administrative_notice_is_an_error():
    findings = lint("8. A service provider shall remove any content specified in a notice issued by the Authority "
                    "within twenty-four hours of receipt of the notice.")
    takedown = [f for f in findings if f.category == "IL-TAKEDOWN"]
    # the deadline rule is the most specific finding of its category, so it is the one reported
    assert takedown and takedown[0].rule == "short-takedown-deadline"
    assert takedown[0].severity == Severity.ERROR
    assert "within twenty-four hours of receipt of the notice" in takedown[0].message
    assert "executive-takedown-order" in takedown[0].related


def test_longer_short_deadline_is_a_warning():
    only = RULESET.select(["short-takedown-deadline"])
    findings = lint("8. A platform shall remove the post within 48 hours of being notified by the Commission.", only)
    assert len(findings) == 1 and findings[0].severity == Severity.WARNING
    assert "within 48 hours of being notified by the Commission" in findings[0].message


def test_court_ordered_deadline_of_weeks_is_not_short():
    findings = lint("8. A service provider shall remove content specified in an order of the High Court within "
                    "fourteen days of service of the order.")
    assert finding(findings, "short-takedown-deadline", "8") is None


# --------------------------------------------------------------------- the labelled corpus and the real documents

def _records():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_corpus_pr_il_id_records_are_classified_right():
    """Every English violation labelled IL/ID/PR gets a flagging finding in each labelled IL/ID/PR category;
    no compliant English record gets a flagging IL/ID/PR finding."""
    problems = []
    for rec in _records():
        if rec["language"] != "en":
            continue
        flagged = {f.category for f in lint(rec["text"]) if f.severity >= Severity.WARNING}
        mine_found = {c for c in flagged if c.startswith(MINE)}
        if rec["verdict"] == "violation":
            missing = {c for c in rec["categories"] if c.startswith(MINE)} - flagged
            if missing:
                problems.append(f"{rec['id']}: missing {sorted(missing)}")
        elif mine_found:
            problems.append(f"{rec['id']} (compliant): flagged {sorted(mine_found)}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", [
    "lk-personal-data-protection-bill-2022.pdf",
    "lk-personal-data-protection-act-2022.docx",
    "lk-covid19-temporary-provisions-act-2021.pdf",
])
def test_no_pr_il_id_findings_on_real_documents(name):
    """A data-protection law and a COVID courts act confer no surveillance, blocking or takedown powers."""
    from lawlint import pipeline
    from lawlint.engine.evaluate import LintOptions, lint_bill

    bill = pipeline.load_bill(DOCUMENTS / name)
    findings = lint_bill(bill, RULESET, LintOptions(language="en"))
    assert not [f"{f.rule} {f.clause}" for f in findings if f.category.startswith(MINE)
                and f.severity >= Severity.WARNING]
