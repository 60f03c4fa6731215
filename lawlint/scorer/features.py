"""The scorer's features: lemma unigrams and bigrams of a clause, from the engine's own spaCy pipeline.

Training (lawlint.scorer.build) and `lawlint check` call the same function on the same kind of text, so the
features a weight was learned for are exactly the features it is applied to. Tokens are the engine's
(`lawlint.engine.nlp.tokenize` on folded text); a token counts when it is a word (letters only, two or more
of them, not a roman-numeral list label); stop words (and NEUTRAL words: penalties, the medium) are dropped
before bigrams are formed, so "insult the President" and "insults President" share the bigram "insult
president". The stop-word list travels in the weights file, so a later spaCy with a different list cannot
shift the features silently.
"""

from __future__ import annotations

import re

# Words spaCy lists as stop words that carry meaning in a restriction or its safeguard: negation
# ("not liable", "without a warrant"), catch-alls ("any other"), and who is caught ("whoever").
KEEP = frozenset({"no", "not", "nor", "never", "without", "against", "n't", "whoever", "anyone", "nothing",
                  "cannot", "unless", "otherwise", "any", "other", "less", "more", "only", "except"})

# Words that say how an offence is punished or through what medium, not what is restricted. They are dropped
# like stop words: the condemned provisions are mostly cyber offences with prison terms, and ordinary law
# has fewer of both, so a model allowed these words learns "a criminal offence about computers" rather than
# "a restriction of expression" (it then flagged computer fraud). Penalties are the rules' business.
NEUTRAL = {
    "en": frozenset(
        "imprisonment imprison prison jail fine year month day week term conviction convict liable penalty "
        "offence offense commit guilty punish punishable punishment exceed sentence summary indictment "
        "computer datum data system network electronic internet online website web cyber digital device "
        "telecommunication telecommunications ict email software".split()),
    "fr": frozenset(
        "emprisonnement prison peine peiner puni punir punissable amende an année mois jour infraction délit crime "
        "condamnation condamner euro euros franc francs cfa million milliard informatique données donnée système "
        "réseau électronique internet ligne numérique site".split()),
    "es": frozenset(
        "prisión pena penar penado castigar castigado multa año mes día infracción delito condena condenar "
        "peso pesos sanción sancionar informático informática dato datos sistema red electrónico internet "
        "línea digital sitio web".split()),
}

_LABEL = re.compile(r"^(?:[ivx]+|[a-z])$")


def default_stop_words(lang: str) -> list[str]:
    """spaCy's stop words for `lang` less KEEP, plus NEUTRAL, sorted (what the build writes into the weights
    file, and the scorer reads back from it)."""
    from lawlint.engine.nlp import get_nlp

    stop = {w for w in get_nlp(lang).Defaults.stop_words if w not in KEEP}
    return sorted(stop | NEUTRAL.get(lang, frozenset()))


def words(doc, stop: frozenset[str]) -> list[str]:
    """The content lemmas of one spaCy Doc, in order."""
    out = []
    for t in doc:
        if not t.is_alpha:
            continue
        lemma = t.lemma_ or t.lower_
        if len(lemma) < 2 or lemma in stop or _LABEL.match(t.lower_):
            continue
        out.append(lemma)
    return out


def ngrams(parts: list[list[str]]) -> set[str]:
    """Unigrams and bigrams of each part (a heading, a lead-in, a clause, its closing words); bigrams do
    not cross parts."""
    out: set[str] = set()
    for ws in parts:
        out.update(ws)
        out.update(f"{a} {b}" for a, b in zip(ws, ws[1:]))
    return out


def lemmatise(lang: str, texts: list[str], stop: frozenset[str]) -> list[list[str]]:
    """Content lemmas of each text, tokenized in one batch the way the engine does."""
    from lawlint.engine.nlp import fold, tokenize

    if not texts:
        return []
    docs = tokenize(lang, [fold(t) for t in texts])
    return [words(d, stop) for d in docs]
