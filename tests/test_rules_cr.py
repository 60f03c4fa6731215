"""Criminal-law packs (CR-*) and predicates/en/criminal.yaml.

The CR absence rules (no intent, no harm threshold, no defences) are the main false-positive risk, so these
tests pin the boundary from both sides: speech offences fire; access, fraud, CSAM, hoax, threat and
incitement offences stay quiet, as do the compliant provisions of the development corpus. They also pin the
severity arithmetic the catalogue asks for (prison for defamation is an error, one missing element of an
access offence is only info) and the scopes (a defence in a sibling subsection counts).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from lawlint.engine.loader import load_rules
from lawlint.model import Severity
from bill_text import reported_categories

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "lawlint" / "rules"
CORPUS = ROOT / "corpora" / "provisions-dev.jsonl"

RULESET = load_rules()
CR_RULES = [r for r in RULESET.rules if r.category.startswith("CR-")]
FLAGGING = (Severity.WARNING, Severity.ERROR)


def lint(text: str):
    from lawlint import structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import text as text_reader

    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), "<test>", "txt"))
    return lint_bill(bill, RULESET, LintOptions(language="en"))


def cr_hits(findings, rule: str | None = None):
    """Findings that report a CR rule (by rule id, whether reported, listed as related to a stronger one of its
    category, or merged as a missing safeguard into the finding it qualifies)."""
    out = []
    for f in findings:
        if not (f.category.startswith("CR-") or f.also):
            continue
        if rule is None or rule in f.reported_rules:
            out.append(f)
    return out


def severity_of(findings, rule: str) -> Severity | None:
    for f in findings:
        if f.rule == rule:
            return f.severity
    return None


# ------------------------------------------------------------------------------------------ the packs


def test_every_catalogue_rule_is_shipped():
    ids = {r.id for r in CR_RULES}
    catalogue = {
        "no-intent-speech-offence",
        "sharing-forwarding-offence",
        "no-harm-threshold",
        "imprisonment-for-expression",
        "online-aggravation",
        "disproportionate-collateral-sanctions",
        "missing-speech-defences",
        "unfettered-official-discretion",
        "ouster-no-review",
        "access-offence-without-right",
        "dual-use-tools-no-research-exception",
        "extraterritorial-speech-jurisdiction",
    }
    assert catalogue <= ids
    assert len(ids) >= 12


def test_cr_rules_live_in_cr_pack_files_named_for_their_category():
    for r in CR_RULES:
        assert Path(r.source).name.startswith("cr-"), r.id
        assert Path(r.source).stem == "cr-" + r.category.split("-", 1)[1].lower(), (
            r.id,
            r.source,
        )


def test_absence_rules_ship_at_warning_not_error():
    by_id = RULESET.by_id()
    for rid in (
        "no-intent-speech-offence",
        "no-harm-threshold",
        "missing-speech-defences",
    ):
        assert by_id[rid].severity == Severity.WARNING
        assert by_id[rid].confidence != "high"


def test_criminal_predicates_are_defined_only_in_criminal_yaml():
    mine = set(
        yaml.safe_load(
            (RULES / "predicates" / "en" / "criminal.yaml").read_text(encoding="utf-8")
        )
    )
    for other in sorted((RULES / "predicates" / "en").glob("*.yaml")):
        if other.name == "criminal.yaml":
            continue
        theirs = set(yaml.safe_load(other.read_text(encoding="utf-8")) or {})
        assert not mine & theirs, (
            f"defined in both criminal.yaml and {other.name}: {sorted(mine & theirs)}"
        )
    for name in mine:
        assert RULESET.predicates["en"][name].source.endswith("criminal.yaml")


def test_cr_rules_cite_only_known_authorities_with_urls():
    for r in CR_RULES:
        assert r.authorities, r.id
        for a in r.authorities:
            assert a.url.startswith("http"), (r.id, a)


def test_why_and_fix_are_short_prose():
    for r in CR_RULES:
        for text in (r.why, r.fix):
            sentences = [s for s in text.replace("e.g.", "eg").split(". ") if s.strip()]
            assert 1 <= len(sentences) <= 5, (r.id, text)
        assert "\n" not in r.message and len(r.message) < 140, r.id


# ------------------------------------------------------------------------------------- speech vs not

NON_SPEECH_OFFENCES = [
    (
        "A person who accesses a computer system without authorisation and copies computer data from it commits an "
        "offence and is liable to imprisonment for a term not exceeding three years."
    ),
    (
        "A person who, by a false representation and with intent to make a gain, obtains money by means of a computer "
        "system commits an offence and is liable to imprisonment for seven years."
    ),
    (
        "A person who produces, distributes or possesses child sexual abuse material by means of a computer system "
        "commits an offence and is liable to imprisonment for ten years."
    ),
    (
        "A person who communicates information which he knows to be false with the intention of inducing a false "
        "belief that a bomb is present in any place is guilty of an offence and liable to imprisonment for seven years."
    ),
]


@pytest.mark.parametrize("text", NON_SPEECH_OFFENCES)
def test_non_speech_offences_with_prison_get_no_speech_rule(text):
    speech_rules = {
        "no-intent-speech-offence",
        "no-harm-threshold",
        "missing-speech-defences",
        "imprisonment-for-expression",
        "imprisonment-for-defamation-or-false-news",
        "disproportionate-collateral-sanctions",
    }
    findings = lint(text)
    hit = {f.rule for f in cr_hits(findings)} | {
        r for f in cr_hits(findings) for r in f.related
    }
    assert not hit & speech_rules, hit


@pytest.mark.parametrize(
    "fault",
    [
        "intentionally",
        "knowingly",
        "with intent to deceive the public,",
        "wilfully",
        "maliciously",
    ],
)
def test_an_express_fault_element_silences_the_no_intent_rule(fault):
    bare = "Any person who publishes a false statement likely to cause public alarm commits an offence."
    assert cr_hits(lint(bare), "no-intent-speech-offence")
    with_fault = bare.replace("who publishes", f"who {fault} publishes")
    assert not cr_hits(lint(with_fault), "no-intent-speech-offence")


# ------------------------------------------------------------------------------------------ severity


def test_prison_for_defamation_is_an_error_but_for_other_speech_a_warning():
    defam = lint(
        "A person who publishes defamatory matter concerning another person commits an offence and is "
        "liable to imprisonment for two years."
    )
    assert (
        severity_of(defam, "imprisonment-for-defamation-or-false-news")
        == Severity.ERROR
    )
    moral = lint(
        "A person who publishes obscene material commits an offence and is liable to imprisonment for two "
        "years."
    )
    assert severity_of(moral, "imprisonment-for-expression") == Severity.WARNING
    assert not cr_hits(moral, "imprisonment-for-defamation-or-false-news")


def test_fine_only_defamation_has_no_prison_finding():
    findings = lint(
        "A person who publishes defamatory matter concerning another person commits an offence and is "
        "liable to a fine not exceeding one thousand dollars."
    )
    assert not cr_hits(findings, "imprisonment-for-defamation-or-false-news")
    assert not cr_hits(findings, "imprisonment-for-expression")


def test_access_offence_missing_one_element_is_info_and_missing_both_is_warning():
    both_missing = lint("A person who accesses a computer system commits an offence.")
    assert severity_of(both_missing, "access-offence-without-right") == Severity.WARNING
    one_missing = lint(
        "A person who accesses a computer system without right commits an offence."
    )
    assert severity_of(one_missing, "access-offence-without-right") == Severity.INFO
    budapest = lint(
        "A person who intentionally and without right accesses a computer system commits an offence."
    )
    assert not cr_hits(budapest, "access-offence-without-right")


def test_ouster_is_error_lowered_by_good_faith_immunity_and_silenced_when_review_is_kept():
    ouster = lint(
        "A direction of the Minister to block a website under this Part shall be final and shall not be "
        "called in question in any court."
    )
    assert severity_of(ouster, "ouster-no-review") == Severity.ERROR
    immunity = lint(
        "The Commission may direct a provider to remove content. No suit or other legal proceedings "
        "shall lie against any officer for anything done in good faith under this Act."
    )
    assert severity_of(immunity, "ouster-no-review") == Severity.WARNING
    kept = lint(
        "The Commission may direct a provider to remove content. No suit or other legal proceedings shall "
        "lie against any officer for anything done in good faith under this Act; nothing in this section "
        "shall prevent an application for judicial review of a direction."
    )
    assert not cr_hits(kept, "ouster-no-review")


def test_jurisdiction_with_a_real_connection_drops_to_info():
    bare = lint(
        "Any person who, whether inside or outside the Republic, publishes false news commits an offence."
    )
    assert severity_of(bare, "extraterritorial-speech-jurisdiction") == Severity.WARNING
    connected = lint(
        "Any person who, whether inside or outside the Republic, publishes false news targeted at "
        "persons in the Republic commits an offence."
    )
    assert (
        severity_of(connected, "extraterritorial-speech-jurisdiction") == Severity.INFO
    )


# ------------------------------------------------------------------------------------------ scopes


def test_defence_in_a_sibling_subsection_silences_missing_defences():
    text = (
        "12. (1) A person who publishes a defamatory statement about another person commits an offence.\n"
        "(2) It is a defence to a charge under subsection (1) that the statement was true or was an honest "
        "opinion on a matter of public interest.\n"
    )
    assert not cr_hits(lint(text), "missing-speech-defences")
    alone = "12. (1) A person who publishes a defamatory statement about another person commits an offence.\n"
    assert cr_hits(lint(alone), "missing-speech-defences")


def test_penalty_in_a_separate_subsection_is_tied_to_the_speech_offence():
    text = (
        "6. (1) A person who publishes false news by means of a computer system commits an offence.\n"
        "(2) A person who commits an offence under subsection (1) is liable on conviction to imprisonment for "
        "a term not exceeding five years.\n"
    )
    hits = cr_hits(lint(text), "imprisonment-for-defamation-or-false-news")
    assert hits and hits[0].clause == "6(2)" and hits[0].severity == Severity.ERROR


def test_judge_satisfied_is_not_official_discretion():
    judge = lint(
        "A judge may, if satisfied that there are reasonable grounds, issue a warrant authorising the "
        "interception of communications."
    )
    assert not cr_hits(judge, "unfettered-official-discretion")
    minister = lint(
        "The Minister may, if satisfied that it is expedient, issue a warrant authorising the "
        "interception of communications."
    )
    assert cr_hits(minister, "unfettered-official-discretion")


# ------------------------------------------------------------------------------------------ the corpus


def _corpus(verdict: str):
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec["language"] == "en" and rec["verdict"] == verdict:
                out.append(rec)
    return out


@pytest.mark.parametrize("rec", _corpus("compliant"), ids=lambda r: r["id"])
def test_compliant_corpus_provisions_raise_no_cr_warning(rec):
    flagged = [
        (f.rule, f.clause) for f in cr_hits(lint(rec["text"])) if f.severity in FLAGGING
    ]
    assert not flagged, flagged


@pytest.mark.parametrize(
    "rec_id,category",
    [
        ("KE-PC-s66-1", "CR-MENSREA"),
        ("KE-PC-s66-1", "CR-HARM"),
        ("KE-PC-s66-1", "CR-PENALTY"),
        ("ET-HSDP-1185-2020-art2-3", "CR-MENSREA"),
        ("PH-RPC-1930-art354", "CR-DEFENCE"),
        ("TH-CC-art112", "CR-PENALTY"),
        ("PH-RA10175-2012-s4c4", "CR-PENALTY"),
        ("ZW-CLCRA-2004-s31", "CR-JURIS"),
        ("ZW-CLCRA-2004-s31", "CR-HARM"),
        ("IN-ITA-2000-s69", "CR-DISCRETION"),
        ("PH-RA10175-2012-s19", "CR-DISCRETION"),
        ("UG-PC-s179-182", "CR-DEFENCE"),
    ],
)
def test_labelled_corpus_violations_get_their_cr_category(rec_id, category):
    rec = next(r for r in _corpus("violation") if r["id"] == rec_id)
    cats = reported_categories([f for f in lint(rec["text"]) if f.severity in FLAGGING], RULESET)
    assert category in cats, (rec_id, sorted(cats))


def test_promoting_hostility_is_not_incitement_that_silences_the_speech_rules():
    text = (
        "Any person who, by communicating a false statement, promotes feelings of ill-will and hostility "
        "between different classes of people commits an offence and is liable to imprisonment for five years."
    )
    findings = lint(text)
    assert cr_hits(findings, "no-harm-threshold")
    assert (
        severity_of(findings, "imprisonment-for-defamation-or-false-news")
        == Severity.ERROR
    )
    incitement = (
        "Any person who publishes a statement with intent to incite violence against a group of persons commits "
        "an offence and is liable to imprisonment for five years."
    )
    assert not cr_hits(lint(incitement), "imprisonment-for-expression")


def test_regulator_and_fund_wording_is_not_discretion_or_jurisdiction():
    regulator = lint(
        "After hearing the controller, the Authority may issue a directive requiring the controller to perform "
        "such acts as in the opinion of the Authority are necessary to rectify the processing of personal data."
    )
    assert not cr_hits(regulator)
    fund = lint(
        "1. Any person who publishes false news commits an offence.\n"
        "2. There shall be paid into the Fund all sums received by the Authority by way of grants or donations, "
        "whether within or outside the Republic.\n"
    )
    assert not cr_hits(fund, "extraterritorial-speech-jurisdiction")


def test_missing_safeguards_are_reported_inside_the_restriction_they_qualify():
    """merge-into: no intent, no harm threshold and no defences are defects of the speech offence another rule
    found, reported in its `also` and message, not as findings of their own; a rule that finds something the clause
    says (imprisonment) stays a finding of its own."""
    findings = lint("Any person who publishes a false statement commits an offence and is liable to imprisonment "
                    "for two years.")
    host = next(f for f in findings if f.rule == "false-news-offence")
    assert {"no-intent-speech-offence", "no-harm-threshold", "missing-speech-defences"} <= set(host.also)
    assert "Also: Punishes expression without requiring that the speaker meant" in host.message
    merged = {"no-intent-speech-offence", "no-harm-threshold", "missing-speech-defences"}
    assert not [f for f in findings if f.rule in merged]
    assert any(f.category == "CR-PENALTY" for f in findings)
    # with nothing to qualify, they are not reported at all (only-with)
    assert not lint("Any person who, with intent to defraud, publishes a false statement to obtain money commits "
                    "an offence.")
