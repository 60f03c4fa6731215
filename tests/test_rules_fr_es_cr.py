"""French and Spanish readings of the criminal-law (CR-*) and intermediary/surveillance rules.

The rules' own fr/es examples run in test_rules_examples.py; this file checks what those cannot: that the
French and Spanish vocabularies mirror the English names (one principle, three languages), that labelled
dev provisions in French and Spanish get the criminal-law findings experts gave them, and that their lawful
look-alikes (Budapest-model access offences, privacy offences, hate speech with defences) stay quiet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from lawlint.engine.loader import load_rules
from lawlint.model import Severity
from bill_text import reported_categories

ROOT = Path(__file__).resolve().parents[1]
PREDICATES = ROOT / "lawlint" / "rules" / "predicates"
DEV = ROOT / "corpora" / "provisions-dev.jsonl"
FLAGGING = {Severity.ERROR, Severity.WARNING}

RULESET = load_rules()

# Rules that read French and Spanish.
FR_ES_RULES = [
    "no-intent-speech-offence", "no-harm-threshold", "missing-speech-defences", "imprisonment-for-expression",
    "disproportionate-collateral-sanctions", "online-aggravation", "unfettered-official-discretion",
    "ouster-no-review", "access-offence-without-right", "extraterritorial-speech-jurisdiction",
    "negligent-speech-offence", "harm-not-required", "truth-not-a-defence", "sharing-forwarding-offence",
    "intent-to-annoy", "imprisonment-for-defamation-or-false-news", "criminal-penalty-for-insult",
    "dual-use-tools-no-research-exception",
    # intermediaries and surveillance powers
    "administrative-blocking", "network-shutdown-throttling", "executive-takedown-order",
    "interception-without-independent-authorisation", "warrantless-search-seizure",
    "compelled-decryption", "general-monitoring-duty", "state-mandated-filtering", "strict-intermediary-liability",
    "real-name-identity-mandate", "blanket-data-retention", "whole-service-blocking", "encryption-weakening-mandate",
    "anonymity-tools-ban", "production-order-without-oversight", "takedown-without-due-process", "group-admin-liability",
    "interception-on-executive-standard", "direct-access-interception-capability", "missing-conditions-safeguards",
    "indefinite-secret-measures", "executive-notification-removal", "executive-issued-warrant",
]


def _findings(text: str, lang: str):
    from lawlint import structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import text as text_reader

    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), f"<test:{lang}>", "txt"))
    return lint_bill(bill, RULESET, LintOptions(language=lang))


def _cats(text: str, lang: str, flagging_only: bool = True) -> set[str]:
    return reported_categories([f for f in _findings(text, lang) if not flagging_only or f.severity in FLAGGING], RULESET)


def _dev() -> dict[str, dict]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


@pytest.mark.parametrize("rule_id", FR_ES_RULES)
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_rule_triggers_in_language(rule_id, lang):
    rule = RULESET.by_id()[rule_id]
    assert lang in rule.trigger, f"{rule_id} has no {lang} trigger"
    assert len(rule.examples[lang]["fire"]) >= 3 and len(rule.examples[lang]["quiet"]) >= 3


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("stem", ["criminal", "powers"])
def test_vocabulary_uses_english_names(lang, stem):
    """Every fr/es predicate in these files names a concept that exists in English (same principle)."""
    english = set(yaml.safe_load((PREDICATES / "en" / f"{stem}.yaml").read_text(encoding="utf-8")))
    ours = set(yaml.safe_load((PREDICATES / lang / f"{stem}.yaml").read_text(encoding="utf-8")))
    assert ours, f"{lang}/{stem}.yaml is empty"
    assert ours <= english, f"names not in en/{stem}.yaml: {sorted(ours - english)}"


@pytest.mark.parametrize("pid,expected", [
    ("SN-CP-art255", {"CR-PENALTY", "CR-HARM", "CR-MENSREA"}),  # false news "faite ou non de mauvaise foi", prison
    ("SN-CP-art254", {"CR-PENALTY", "CR-MENSREA"}),       # offence to the President, prison
    ("CI-CP-1981-art173", {"CR-PENALTY", "CR-HARM"}),     # false news, "qu'il pouvait en résulter"
    ("NI-L1042-2020-art30", {"CR-PENALTY"}),              # false information, two to four years' prison
    ("MX-CPDF-art287", {"CR-PENALTY"}),                   # ultraje a la autoridad, prison
])
def test_dev_violations_get_criminal_law_findings(pid, expected):
    row = _dev()[pid]
    got = _cats(row["text"], row["language"])
    assert expected <= got, f"{pid}: expected {sorted(expected)}, got {sorted(got)}"


@pytest.mark.parametrize("pid", [
    "FR-CP-art323-1-v2004",     # access "frauduleusement": Budapest model
    "AR-CP-art153bis",          # "a sabiendas ... sin la debida autorización"
    "ES-CP-art197-1-2",         # privacy offence with purpose and no consent
    "FR-CP-art226-15-v2011",    # interception of correspondence "de mauvaise foi"
    "FR-CP-art226-1-v1994",     # privacy offence, "volontairement"
    "FR-CP-art434-15-2",        # refusal to hand over a decryption key on judicial requisition
    "CA-CC-s319-fr",            # incitement to hatred with a breach-of-peace threshold and defences
])
def test_dev_lookalikes_get_no_criminal_law_warning(pid):
    row = _dev()[pid]
    got = {c for c in _cats(row["text"], row["language"]) if c.startswith(("CR-", "IL-", "PR-", "ID-"))}
    assert not got, f"{pid}: unexpected {sorted(got)}"


@pytest.mark.parametrize("lang,text,fires", [
    ("fr", ("Quiconque accède à un système informatique ou se maintient dans celui-ci est puni d'un an "
           "d'emprisonnement."), True),
    ("fr", ("Quiconque, intentionnellement et sans droit, accède à tout ou partie d'un système informatique est "
           "puni d'un an d'emprisonnement."), False),
    ("es", "Quien acceda a un sistema informático o se mantenga en él será castigado con prisión de tres meses.",
     True),
    ("es", ("Quien deliberada e ilegítimamente acceda a un sistema informático será castigado con prisión de tres "
           "meses."), False),
])
def test_access_offence_needs_intent_and_without_right(lang, text, fires):
    assert ("CR-ACCESS" in _cats(text, lang)) is fires


@pytest.mark.parametrize("lang,text", [
    ("fr", ("Les peines sont portées au double lorsque les messages diffusés sur internet ont atteint un nombre "
           "élevé de personnes.")),
    ("es", ("Las penas se impondrán en su mitad superior cuando los hechos se hubieran llevado a cabo a través de "
           "internet, de modo que se hiciera accesible a un elevado número de personas.")),
])
def test_reach_based_online_aggravation_is_only_info(lang, text):
    sev = {f.severity for f in _findings(text, lang) if f.rule == "online-aggravation"}
    assert sev == {Severity.INFO}


@pytest.mark.parametrize("lang,text,category", [
    # administrative blocking on a notified list of addresses, with no judge (LCEN art. 6-1 model)
    ("fr", ("En l'absence de retrait de ces contenus dans un délai de vingt-quatre heures, l'autorité administrative "
           "peut notifier aux fournisseurs d'accès la liste des adresses électroniques des services concernés. Ces "
           "personnes doivent alors empêcher sans délai l'accès à ces adresses."), "IL-BLOCK"),
    # a six-hour removal duty on social networks with no notice, reasons or appeal
    ("es", ("Los prestadores de servicios de radio y televisión y las redes sociales que no retiren en un lapso de seis "
           "horas las publicaciones que constituyan propaganda de odio serán sancionados con multa."), "IL-TAKEDOWN"),
])
def test_powers_without_safeguards_are_flagged(lang, text, category):
    assert category in _cats(text, lang)


def test_data_damage_offence_is_not_a_tool_offence():
    """'programas informáticos' as the object damaged, with 'producido' later, is not making or supplying tools."""
    text = ("El que por cualquier medio, sin autorización y de manera grave borrase, dañase, deteriorase, alterase, "
            "suprimiese o hiciese inaccesibles datos informáticos, programas informáticos o documentos electrónicos "
            "ajenos, cuando el resultado producido fuera grave, será castigado con la pena de prisión de seis meses a "
            "tres años.")
    assert not {f.rule for f in _findings(text, "es")} & {"dual-use-tools-no-research-exception"}


def test_retention_of_every_call_record_is_blanket_retention():
    text = ("Los concesionarios de telecomunicaciones deberán conservar un registro y control de comunicaciones que se "
            "realicen desde cualquier tipo de línea, que permita identificar el origen y destino, fecha, hora y "
            "duración, durante los primeros doce meses.")
    assert "PR-RETENTION" in _cats(text, "es")


@pytest.mark.parametrize("lang,text", [
    ("es", ("La o el juzgador ordenará la interceptación de las comunicaciones o datos informáticos previa solicitud "
           "fundamentada de la o el fiscal. La interceptación no podrá realizarse por un plazo superior a noventa días.")),
    ("fr", ("Le juge des libertés et de la détention peut, à la requête du procureur de la République, autoriser par une "
           "ordonnance écrite et motivée l'interception des correspondances émises par la voie des communications "
           "électroniques, pour une durée maximum d'un mois, renouvelable une fois.")),
])
def test_interception_ordered_by_a_judge_is_not_flagged(lang, text):
    assert "PR-INTERCEPT" not in _cats(text, lang)


def test_provider_made_liable_for_transmitted_content():
    text = ("Los proveedores de medios electrónicos serán responsables por la información y contenidos prohibidos, en "
            "aquellos casos que hayan originado la transmisión o no hayan limitado el acceso a los mismos.")
    assert "IL-LIABILITY" in _cats(text, "es")


@pytest.mark.parametrize("lang,text", [
    ("es", "La policía podrá interceptar las comunicaciones sin necesidad de autorización del juez de control."),
    ("fr", ("Les services de police peuvent intercepter les correspondances sans l'autorisation du juge des libertés et "
           "de la détention.")),
])
def test_a_judge_named_only_to_be_dispensed_with_is_no_safeguard(lang, text):
    intercept = [f for f in _findings(text, lang) if f.category == "PR-INTERCEPT"]
    assert intercept and all(f.severity == Severity.ERROR for f in intercept)


@pytest.mark.parametrize("lang,text", [
    ("fr", "La décision du ministre ordonnant le blocage ne peut faire l'objet d'un recours."),
    ("es", "La resolución del Ministerio que ordene el bloqueo no podrá ser impugnada ante ningún tribunal."),
])
def test_negated_remedy_is_an_ouster_not_a_preserved_review(lang, text):
    ousters = [f for f in _findings(text, lang) if f.rule == "ouster-no-review"]
    assert ousters and ousters[0].severity == Severity.ERROR
