"""French and Spanish free-expression rules: the engine reads both languages and the FE packs judge them.

The rules' own examples run in test_rules_examples.py; here: the lemmatizer copes with the French lookup
table (whose values are lists), the core predicate tables cover every name the FE rules and the global
suppressions use, and whole provisions from the dev corpus come out right in each language.
"""

from __future__ import annotations

import pytest

from lawlint.engine.loader import load_rules
from lawlint.engine.nlp import tokenize

RULESET = load_rules()


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Quiconque aura publié des nouvelles fausses sera puni", ["quiconque", "avoir", "publier", "un", "nouveau", "faux", "être", "punir"]),
    ("es", "El que publicare noticias falsas será castigado", ["el", "que", "publicar", "noticiar", "falso", "ser", "castigar"]),
])
def test_lookup_lemmas(lang, text, expected):
    """The French table maps a form to a list of lemmas; the first one is used, lower-cased."""
    doc = tokenize(lang, [text])[0]
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[0] == expected[0]
    assert "publier" in lemmas if lang == "fr" else "publicar" in lemmas
    assert all(isinstance(x, str) and x == x.lower() for x in lemmas)
    assert ("punir" if lang == "fr" else "castigar") in lemmas


def test_long_french_text_lemmatised_in_batch():
    """Texts of 16 tokens or more take the array path; it must also unwrap list-valued lemmas."""
    text = ("Est puni de trois ans d'emprisonnement le fait de diffuser des informations mensongères "
            "et de publier des nouvelles fausses de mauvaise foi sur les réseaux sociaux.")
    doc = tokenize("fr", [text])[0]
    assert len(doc) >= 16
    lemmas = {t.lemma_ for t in doc}
    assert {"punir", "diffuser", "publier", "information"} <= lemmas


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_predicate_tables_cover_fe_rules_and_suppressions(lang):
    """Every predicate named by an FE rule (or any suppression) exists in the language's table."""
    table = RULESET.predicates[lang]
    from lawlint.engine.loader import STRUCTURAL

    needed = {n for s in RULESET.suppressions for n in s.condition.names}
    for rule in RULESET.rules:
        if rule.category.startswith("FE-") and lang in rule.trigger:
            for cond in (*rule.when, *rule.unless, *rule.escalate):
                needed |= set(cond.names)
    missing = sorted(n for n in needed - STRUCTURAL if n not in table)
    assert not missing, missing
