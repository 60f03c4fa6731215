"""What `lawlint rules` and `lawlint explain possible-...` say about the scorer's findings, from the shipped
weights files (their categories and the figures the build measured). Imports neither spaCy nor numpy."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from lawlint.model import Severity


@dataclass(frozen=True)
class ScorerRule:
    """Looks enough like an engine Rule for the listing and --select matching."""

    id: str
    category: str
    title: str
    severity: Severity = Severity.WARNING
    confidence: str = "medium"
    languages: tuple[str, ...] = ()


def rules() -> list[ScorerRule]:
    """One possible-<category> entry per category any shipped model can name."""
    from lawlint.scorer import languages, load, rule_id

    by_cat: dict[str, list[str]] = {}
    for lang in languages():
        model = load(lang)
        if model is None:
            continue
        for cat in sorted({c.category for c in model.categories} | {model.default_category}):
            by_cat.setdefault(cat, []).append(lang)
    return [ScorerRule(rule_id(cat), cat, f"Possible {cat} restriction no rule flagged (learned scorer)",
                       languages=tuple(langs)) for cat, langs in sorted(by_cat.items())]


def explain(rule: str) -> str | None:
    """The `lawlint explain` text for a possible-* id, or None if no shipped model names that category."""
    from lawlint.scorer import load

    match = next((r for r in rules() if r.id == rule), None)
    if match is None:
        return None

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)

    out = [f"{match.id}: {match.title}", "",
           f"  category {match.category} · severity warning · confidence medium or low (from the score) · "
           f"scope clause with its lead-in", "",
           "What:", para(
               "A statistical second opinion beside the rules. A logistic-regression model over the lemma unigrams "
               "and bigrams of a clause (read with the lead-in and closing words above it) rates how likely the "
               "clause is to restrict expression or rights as the provisions courts and UN mandates condemned do. "
               "A clause rated at or above the threshold that no rule flagged gets this warning; the message names "
               "the words that drove the score and the nearest condemned provision in the training data. The "
               f"category ({match.category}) is the one a per-category model rates highest; treat it as a hint."),
           "", "Why:", para(
               "Rules explain, but they only see wording like the wording they were written from; a restriction "
               "drafted another way (penalty first, a duty or a catalogue of prohibited content instead of an "
               "offence, a clause pasted alone) can slip past them. The scorer generalises across wording, at the "
               "price of saying less about why. Read the clause against the category's standard (lawlint explain "
               "on that category's rules); waive the finding if the clause is lawful."),
           "", "How it was trained:"]
    for lang in match.languages:
        model = load(lang)
        m = model.metrics if model else {}
        held = m.get("heldout_split", {})
        out.append(para(
            f"[{lang}] {m.get('training_labelled', '?')} labelled provisions ({m.get('training_violations', '?')} "
            f"violations) from {', '.join(m.get('labelled_sources', [])) or 'corpora/'}, and "
            f"{m.get('training_lawful', '?')} sections of ordinary legislation ({m.get('lawful_source', '?')}) as "
            f"negatives. Threshold {model.threshold if model else '?'}: chosen on {m.get('calibration_sections', '?')} "
            f"held-out ordinary sections so that the scorer adds at most 1 finding per 1,000 "
            f"(measured there: {m.get('calibration_findings_per_1000', '?')}). Rebuild with "
            f"`python -m lawlint.scorer.build` (needs the `train` extra)."))
        if held:
            out.append(para(
                f"Measured on a fifth of the labelled instruments held out of training (scorer alone, no rules): "
                f"precision {held.get('precision')}, recall {held.get('recall')}, false-positive rate on compliant "
                f"look-alikes {held.get('fpr')} (n = {held.get('violations')} violations, {held.get('compliant')} "
                f"compliant). Small samples: read these as rough."))
    out += ["", "Turn off:", para("`lawlint check --no-scorer`, or `scorer = false` in the config file.")]
    return "\n".join(out)
