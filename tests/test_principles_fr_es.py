"""French and Spanish drafting principles of issue 9, each as a loud/quiet pair: the loud text must raise a finding
of the category at warning or above, its look-alike must raise none of that category.

The texts are written here from the principle (penalty-first civil-law drafting, word families of General Comment 34
para. 38, look-alikes the standards accept), not copied from any corpus record, so a change that keeps the rule
examples passing but breaks the principle fails here.
"""

from __future__ import annotations

import pytest

from lawlint import structure
from lawlint.engine.evaluate import LintOptions, lint_bill
from lawlint.engine.loader import load_rules
from lawlint.readers import text as text_reader

RULES = load_rules()


def _categories(text: str, lang: str) -> set[str]:
    bill = structure.build_bill(text_reader.read(text.encode("utf-8"), "<principle>", "txt"))
    return {f.category for f in lint_bill(bill, RULES, LintOptions(language=lang))
            if str(f.severity) in ("error", "warning")}


PAIRS = [
    # Penalty first, then "quiconque"/"el que": speech that hampers the operations of the armed or security forces
    # is a national-security restriction; theft of their equipment is not speech.
    ("security-forces-operations", "fr", "FE-SECURITY",
     "Est puni de trois ans d'emprisonnement quiconque diffuse, par tout moyen électronique, des renseignements "
     "ou des vidéos susceptibles de gêner une opération des forces armées ou de la police nationale.",
     "Est puni de trois ans d'emprisonnement quiconque dérobe des véhicules ou du carburant appartenant aux forces "
     "armées ou à la police nationale."),
    # A news blackout on the scene of a terrorist attack restricts reporting; the prosecutor going there does not.
    ("terror-scene-blackout", "fr", "FE-SECURITY",
     "Est puni d'une amende de 15 000 euros quiconque retransmet en direct des images du lieu d'un attentat "
     "sans l'accord du procureur.",
     "Le procureur de la République se transporte sans délai sur les lieux de l'attentat et en informe le "
     "ministre de la justice."),
    ("security-forces-operations", "es", "FE-SECURITY",
     "Será castigado con prisión de dos a cuatro años el que difunda por redes sociales videos que puedan "
     "entorpecer las operaciones de las Fuerzas Armadas o de la Policía Nacional.",
     "Será castigado con prisión de dos a cuatro años el que sustraiga armamento o vehículos de las Fuerzas "
     "Armadas o de la Policía Nacional."),
    # Lèse-majesté reaches every ruler's title, foreign heads of State and heads of government included
    # (General Comment 34 para. 38); a protocol clause about the same office holders restricts nothing.
    ("rulers-by-every-title", "fr", "FE-DEFAM",
     "L'offense commise publiquement envers les chefs d'États étrangers ou les premiers ministres étrangers est "
     "punie d'une amende de 45 000 euros.",
     "Le chef de gouvernement étranger en visite officielle est accueilli avec les honneurs fixés par le décret "
     "relatif aux cérémonies publiques."),
]


@pytest.mark.parametrize("name,lang,category,loud,quiet", PAIRS, ids=[f"{p[0]}-{p[1]}" for p in PAIRS])
def test_principle_pair(name, lang, category, loud, quiet):
    assert category in _categories(loud, lang), f"{name}: loud text raised {sorted(_categories(loud, lang))}"
    assert category not in _categories(quiet, lang), f"{name}: quiet text raised {sorted(_categories(quiet, lang))}"
