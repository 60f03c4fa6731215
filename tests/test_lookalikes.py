"""Principles learnt from provisions outside the development corpus, each as a pair: the lawful look-alike
stays quiet (no error or warning) and the restriction it resembles still fires. The wording is ours."""

import pytest

from lawlint.engine.evaluate import LintOptions, lint_bill
from lawlint.engine.loader import load_rules
from lawlint.pipeline import load_bill


@pytest.fixture(scope="module")
def ruleset():
    return load_rules((), builtin=True)


def flagged(text, ruleset, tmp_path):
    path = tmp_path / "provision.txt"
    path.write_text(text + "\n", encoding="utf-8")
    findings = lint_bill(load_bill(path), ruleset, LintOptions())
    return {f.category for f in findings if str(f.severity) in ("error", "warning")}


QUIET = {
    "false statement to an official, addressee in another paragraph": (
        "12. (1) A person commits an offence if: (a) the person gives information to another person; (b) the person "
        "knows the information is false or misleading; and (c) the information is given to a public authority."),
    "false distress message": (
        "A person who knowingly transmits a false or misleading distress message likely to endanger the safety of a "
        "ship or aircraft commits an offence."),
    "saving clause for expression": (
        "Nothing in this Part shall be read in a way which prohibits or restricts discussion, criticism, ridicule or "
        "insult of any religion or belief, or of any public institution."),
    "safe harbour conditioned on removal": (
        "A provider that stores information supplied by users shall not be liable for it on condition that it acts "
        "expeditiously to remove the information once it obtains actual knowledge that it is unlawful."),
    "a clause that limits an interception order": (
        "No order made under this section may authorise the interception of communications for longer than thirty "
        "days, and every order shall require that interception ends when its objective is attained."),
    "any other means names the channel": (
        "A person who intentionally and without right produces child sexual abuse material through a computer system "
        "or any other information and communication technology commits an offence."),
    "cheating by personation abroad is fraud, not speech": (
        "Any person, whether in or outside the Republic, who by means of a fake online account cheats by "
        "personation commits an offence and is liable to imprisonment for three years."),
    "false filing with a regulator, addressee before the falsity": (
        "A person who, in purported compliance with a requirement under this Act, knowingly gives the regulator "
        "information which is false or misleading in a material particular is guilty of an offence."),
    "hoax meant to induce a belief in a danger": (
        "A person is guilty of an offence if he sends any article with the intention of inducing in another person "
        "a belief that it contains a noxious substance, and is liable to imprisonment for seven years."),
    "child abuse material in every paragraph": (
        "It is an offence for a person (a) to make any indecent photograph of a child; or (b) to distribute or "
        "show an indecent photograph of a child; or (c) to possess such photographs with a view to their being "
        "shown."),
    "interception offence 'sin orden judicial' (es)": (
        "Artículo 20. El que, sin orden judicial previa, intercepte datos informáticos en su origen o destino "
        "incurrirá en pena de prisión de tres a seis años."),
    "discretion of a judge": (
        "The judge who issued the order shall cause notice to be served on such other persons as the judge may "
        "determine in his discretion to be in the interest of justice."),
}

LOUD = {
    "conduct named by its subject, penalty elsewhere": (
        "FE-HATE", "Article 9. Any person who knowingly disseminates information intended to inflame hatred or "
        "dissension between ethnic or religious groups."),
    "media content may not include": (
        "FE-SECURITY", "(1) No broadcast content shall include material which is against the national interest or "
        "creates communal discord. (2) A broadcaster which contravenes subsection (1) commits an offence."),
    "grading content by how it feels": (
        "FE-VAGUE", "A person who sends any message containing affronts to another person, or which is vulgar or "
        "disturbing content, commits an offence and is liable to imprisonment for one year."),
    "blasphemy by defiling a sacred name": (
        "FE-MORAL", "Whoever by words or visible representation defiles the sacred name of any prophet shall be "
        "punished with death or imprisonment for life."),
    "reach declared in the short-title-and-application section": (
        "CR-JURIS", "1. Short title, extent and application\n(1) This Act may be cited as the Online Harms Act.\n"
        "(2) It applies to every citizen wherever he may be.\n\n2. False news\nAny person who publishes false "
        "news commits an offence."),
    "production of traffic data on a police request": (
        "PR-SEARCH", "Every service provider shall, on a request made by a police officer, provide the subscriber "
        "information and traffic data of any user named in the request."),
    "insult of a monarch under a penalty 'imposed on whoever'": (
        "FE-DEFAM", "A penalty of imprisonment of not less than three years shall be imposed on whoever publicly "
        "challenges the authority of the Emir or insults his person."),
    "jurisdiction because content is accessible here": (
        "CR-JURIS", "5. False news\nA person who publishes false news commits an offence.\n\n6. Jurisdiction\n"
        "A court has jurisdiction over an offence under this Act committed by any person outside the Republic if "
        "the material published is accessible in the Republic."),
    "grounds for restricting expression, child abuse material among them": (
        "FE-SECURITY", "24. Online communication\n(1) Online communication shall be unrestricted.\n(2) Online "
        "communication may be restricted in order to\n(a) prohibit child pornography;\n(b) protect public order "
        "and national security; or\n(c) enhance compliance with any other written law."),
    "administrative fines for disrespect to the police (es)": (
        "FE-DEFAM", "Artículo 37. Son infracciones leves: 4. Las faltas de respeto y consideración cuyo destinatario "
        "sea un miembro de las Fuerzas y Cuerpos de Seguridad en el ejercicio de sus funciones."),
    "power in the passive": (
        "IL-BLOCK", "Where a provider fails to comply, the blocking of its website may be ordered by the Commission "
        "without further notice."),
}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_lawful_look_alike_stays_quiet(name, ruleset, tmp_path):
    assert flagged(QUIET[name], ruleset, tmp_path) == set()


@pytest.mark.parametrize("name", sorted(LOUD))
def test_restriction_still_fires(name, ruleset, tmp_path):
    category, text = LOUD[name]
    assert category in flagged(text, ruleset, tmp_path)


def test_a_defined_term_brings_only_its_own_definition_into_scope(ruleset, tmp_path):
    """An unnumbered definitions list is one clause; a section using 'computer system' must not read the
    definition of 'fake news' beside it and look like a false-news offence."""
    bill = ("2. Interpretation\nIn this Act—\n\"computer system\" means any device that processes data;\n"
            "\"fake news\" means any statement which is false or misleading;\n\n"
            "4. Illegal access\nA person who intentionally and without right accesses a computer system commits "
            "an offence and is liable to imprisonment for five years.\n\n"
            "9. Fake news\nA person who publishes fake news commits an offence and is liable to imprisonment "
            "for ten years.\n")
    path = tmp_path / "bill.txt"
    path.write_text(bill, encoding="utf-8")
    findings = lint_bill(load_bill(path), ruleset, LintOptions())
    by_section = {f.clause.split("(")[0] for f in findings if str(f.severity) in ("error", "warning")}
    assert "4" not in by_section
    assert "9" in by_section


def test_search_powers_listed_under_a_lead_in_are_search_powers(ruleset, tmp_path):
    text = ("9. Powers of inspectors\n(1) An inspector may, in carrying out an inspection under this Act—\n"
            "(a) search any premises or computer system; and\n(b) seize any computer system, data or document.\n")
    assert "PR-SEARCH" in flagged(text, ruleset, tmp_path)
    warranted = ("9. Powers of inspectors\n(1) An inspector may, under a warrant issued by a magistrate—\n"
                 "(a) search any premises or computer system; and\n(b) seize any computer system, data or "
                 "document.\n")
    assert "PR-SEARCH" not in flagged(warranted, ruleset, tmp_path)
