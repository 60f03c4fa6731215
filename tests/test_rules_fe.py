"""Free-expression rules beyond their own examples: look-alikes that must stay quiet, severity arithmetic
(mitigators lower, prison raises), suppressions, and coverage of every FE category.

Each text goes through the same path as `lawlint check` on a .txt file, so what is asserted here is what a
user sees.
"""

from __future__ import annotations

import pytest

from lawlint.engine.loader import load_rules

RULESET = load_rules()
FE_CATEGORIES = (
    "FE-VAGUE",
    "FE-FALSE",
    "FE-DEFAM",
    "FE-SECURITY",
    "FE-HATE",
    "FE-EXTREM",
    "FE-MORAL",
    "FE-CATCHALL",
)


def lint(text: str):
    from lawlint import structure
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import text as text_reader

    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), "<test>", "txt"))
    return lint_bill(bill, RULESET, LintOptions(language="en"))


def fe(text: str) -> dict[str, str]:
    """rule id -> severity of the FE findings on the text (related rules count as the winner's severity)."""
    out = {}
    for f in lint(text):
        if f.category.startswith("FE-"):
            for rule in (f.rule, *f.related):
                out[rule] = str(f.severity)
    return out


def flagged(text: str) -> set[str]:
    """FE categories with an error or warning finding (what the evaluator counts)."""
    return {
        f.category
        for f in lint(text)
        if f.category.startswith("FE-") and str(f.severity) in ("error", "warning")
    }


# --- the same words in a different wrong stay quiet ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        (
            "A person who dishonestly makes a false representation by means of a computer system, intending to make a "
            "gain for himself or to cause loss to another, commits an offence and is liable to imprisonment for ten years."
        ),
        (
            "Any person who, in an application for a licence, knowingly furnishes information that is false in a material "
            "particular to the Authority commits an offence."
        ),
        "A person who knowingly gives false evidence on oath before the Tribunal commits an offence.",
        (
            "A person who communicates any information which he knows to be false with the intention of inducing a false "
            "belief that a bomb is present in any place is guilty of an offence."
        ),
        "Any person who falsely represents himself to be a police officer commits an offence.",
    ],
)
def test_falsity_in_fraud_returns_hoaxes_and_impersonation_is_not_false_news(text):
    assert not {"FE-FALSE"} & flagged(text), fe(text)
    assert "false-news-offence" not in fe(text)


def test_csam_indecent_stays_quiet():
    text = (
        "A person who takes, distributes or possesses an indecent photograph of a child, or transmits it through "
        "a computer system, commits an offence and is liable to imprisonment for ten years."
    )
    assert fe(text) == {}


def test_offensive_weapon_and_offensive_operations_stay_quiet():
    assert (
        fe(
            "A person who, without lawful authority, has with him in any public place any offensive weapon "
            "commits an offence and is liable to imprisonment for four years."
        )
        == {}
    )
    assert fe("The Agency may conduct offensive cyber operations against hostile networks.") == {}


def test_same_word_in_an_administrative_clause_is_quiet_but_in_an_offence_fires():
    admin = (
        "The Commission shall publish an annual report on offensive and harmful content reported by users."
    )
    offence = "Any person who publishes offensive content through a computer system commits an offence."
    assert fe(admin) == {}
    assert fe(offence).get("offensive-annoying-communication") == "error"


def test_section_66a_style_offence_is_an_error():
    text = (
        "Any person who sends, by means of a computer resource or a communication device,\n"
        "(a) any information that is grossly offensive or has menacing character; or\n"
        "(b) any information which he knows to be false, but for the purpose of causing annoyance, "
        "inconvenience, danger, obstruction, insult, injury, criminal intimidation, enmity, hatred or ill will,\n"
        "shall be punishable with imprisonment for a term which may extend to three years and with fine.\n"
    )
    found = fe(text)
    assert found.get("offensive-annoying-communication") == "error"
    assert found.get("false-news-offence") == "error"


# --- severity arithmetic ---------------------------------------------------------------------------------


def test_false_news_with_knowledge_intent_and_likely_violence_is_lowered_but_still_flagged():
    bare = "Any person who publishes false news by means of a computer system commits an offence."
    narrow = (
        "Any person who publishes a statement knowing it to be false, with intent to incite violence, where "
        "the statement is likely to incite violence, commits an offence."
    )
    assert fe(bare)["false-news-offence"] == "error"
    assert fe(narrow)["false-news-offence"] == "warning"  # the mandates condemn false-news offences as such


def test_criminal_defamation_with_prison_in_a_sibling_subsection_is_an_error():
    text = (
        "8. (1) A person who publishes any defamatory matter concerning another person commits an offence.\n"
        "(2) A person convicted of an offence under subsection (1) is liable to imprisonment for two years.\n"
    )
    assert fe(text)["criminal-defamation"] == "error"


def test_fine_only_defamation_with_truth_and_public_interest_defences_is_not_flagged():
    text = (
        "9. (1) A person who publishes any defamatory matter concerning another person commits an offence and is "
        "liable to a fine.\n"
        "(2) It is a defence that the matter was true and that its publication was in the public interest.\n"
    )
    assert fe(text).get("criminal-defamation") == "info"
    assert "FE-DEFAM" not in flagged(text)


def test_article_20_2_shaped_hate_offence_is_info_only():
    text = (
        "319. (1) Every one who wilfully, by communicating statements in a public place, incites hatred against "
        "an identifiable group where such incitement is likely to lead to violence is guilty of an offence.\n"
        "(2) No person shall be convicted of an offence under subsection (1) if the statements were true or "
        "relevant to a subject of public interest.\n"
    )
    assert fe(text).get("hate-speech-below-threshold") == "info"
    assert "FE-HATE" not in flagged(text)


def test_hate_offence_without_incitement_is_flagged_and_prison_makes_it_an_error():
    base = (
        "A person who posts content that promotes hatred against any religious community commits an offence."
    )
    prison = base[:-1] + " and is liable to imprisonment for five years."
    assert fe(base)["hate-speech-below-threshold"] == "warning"
    assert fe(prison)["hate-speech-below-threshold"] == "error"


# --- permissible-aim and administrative uses of the restricted vocabulary ------------------------------------


def test_iccpr_article_19_quotation_is_quiet():
    text = (
        "Article 19\n1. Everyone shall have the right to hold opinions without interference.\n"
        "2. Everyone shall have the right to freedom of expression.\n"
        "3. The exercise of the rights provided for in paragraph 2 of this article carries with it special duties "
        "and responsibilities. It may therefore be subject to certain restrictions, but these shall only be such "
        "as are provided by law and are necessary:\n(a) For respect of the rights or reputations of others;\n"
        "(b) For the protection of national security or of public order (ordre public), or of public health or "
        "morals.\n"
    )
    assert fe(text) == {}


def test_public_order_in_assembly_notification_is_quiet():
    text = (
        "The organiser of a public procession shall notify the police five days in advance, and the police may "
        "impose conditions to prevent serious public disorder; an organiser who fails to notify commits an offence."
    )
    assert "FE-SECURITY" not in flagged(text)


def test_national_security_in_a_computer_interference_offence_is_quiet():
    text = (
        "A person who intentionally and without authorisation interferes with a computer system used for "
        "national security commits an offence and is liable to imprisonment for ten years."
    )
    assert "FE-SECURITY" not in flagged(text)


def test_fake_news_definition_fires_even_without_an_offence_in_the_clause():
    text = (
        "2. In this Act, unless the context otherwise requires —\n"
        '"fake news" includes any news, information, data and reports which are wholly or partly false.\n'
    )
    assert "FE-FALSE" in flagged(text)


def test_flag_protocol_rules_are_quiet():
    assert (
        fe(
            "The national flag shall be flown at half-mast on days of national mourning declared by the "
            "President, and no person shall fly a flag above it."
        )
        == {}
    )


# --- data integrity ----------------------------------------------------------------------------------------


def test_every_fe_category_has_rules_and_every_fe_authority_resolves():
    fe_rules = [r for r in RULESET.rules if r.category.startswith("FE-")]
    assert {r.category for r in fe_rules} == set(FE_CATEGORIES)
    assert len(fe_rules) >= 25
    for rule in fe_rules:
        for key in (a.id if hasattr(a, "id") else a for a in rule.authorities):
            assert key in RULESET.authorities, f"{rule.id}: unknown authority {key}"


def test_authorities_have_citations_and_urls():
    from importlib.resources import files

    import yaml

    data = yaml.safe_load(files("lawlint").joinpath("rules/authorities.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data
    for key, entry in data.items():
        assert entry.get("citation"), key
        assert str(entry.get("url", "")).startswith("http"), key


def test_targeted_harassment_with_knowledge_and_a_defence_is_info_but_bare_distress_is_an_error():
    targeted = (
        "(1) A person who, by sending electronic messages, pursues a course of conduct which he knows amounts to "
        "harassment of another, including causing that person alarm or distress, commits an offence.\n"
        "(2) It is a defence to show that the course of conduct was reasonable in the particular circumstances.\n"
    )
    bare = "A person who sends an electronic message which causes emotional distress to another commits an offence."
    assert fe(targeted)["disturbance-distress-standard"] == "info"
    assert fe(bare)["disturbance-distress-standard"] == "error"


def test_political_advantage_is_not_fraud_gain():
    """'gain' in a political sense must not pull a false-news offence into the fraud suppression."""
    text = "Any person who publishes false news with intent to gain political advantage commits an offence."
    assert fe(text)["false-news-offence"] == "error"


def test_authorities_and_core_predicates_define_each_key_once():
    """Several authors append to these files; YAML would silently keep the last of two equal keys."""
    from importlib.resources import files

    import yaml

    dupes: list[str] = []

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(k) for k, _ in node.value]
        dupes.extend(sorted({k for k in keys if keys.count(k) > 1}))
        return loader.construct_mapping(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for name in ("rules/authorities.yaml", "rules/predicates/en/core.yaml"):
        yaml.load(files("lawlint").joinpath(name).read_text(encoding="utf-8"), Loader=Loader)
    assert dupes == []


def test_false_advertising_is_quiet_but_pandemic_false_news_fires():
    ad = "A person who publishes an advertisement containing a false claim that a product can cure cancer commits an offence."
    pandemic = "Any person who publishes false information about a cure for the coronavirus disease commits an offence."
    assert "false-news-offence" not in fe(ad)
    assert fe(pandemic)["false-news-offence"] == "error"
