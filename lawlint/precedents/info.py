"""What `lawlint rules` and `lawlint explain resembles-condemned-provision` say about precedent matching."""

from __future__ import annotations

import textwrap

from lawlint.scorer.info import ScorerRule


def rules() -> list[ScorerRule]:
    from lawlint.precedents import RULE_ID, load

    langs = tuple(sorted({p.language for p in load()}))
    return [ScorerRule(RULE_ID, "ANY", "Wording resembles a provision a court or expert body condemned",
                       confidence="varies", languages=langs)]


def explain() -> str:
    from lawlint.precedents import CONDEMNED, RULE_ID, THRESHOLD, load

    precs = load()
    condemned = sum(1 for p in precs if p.condemned)
    langs = sorted({p.language for p in precs})
    jurisdictions = len({p.jurisdiction for p in precs})

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)

    out = [f"{RULE_ID}: Wording resembles a provision a court or expert body condemned", "",
           "  category: the precedent's first category · severity warning · confidence from the similarity "
           "(high >= 0.95, medium >= 0.88, else low) · scope clause with its lead-in", "",
           "What:", para(
               f"Every clause, read with the lead-ins and closing words above it, is compared by wording with "
               f"{len(precs)} precedents from {jurisdictions} jurisdictions ({condemned} {', '.join(sorted(CONDEMNED))}; "
               f"the rest upheld provisions and model texts such as the Budapest Convention), in the same language "
               f"only ({', '.join(langs)}). A clause whose nearest precedent is a condemned one, at a similarity of "
               f"{THRESHOLD:.2f} or more, gets this warning when no rule or scorer finding covers it and no finding "
               "in its section already cites that precedent: a re-enacted struck-down provision is never silent."),
           "", "How:", para(
               "Content lemmas of the engine's own pipeline (inflection does not matter), numbers, list labels, stop "
               "words and penalty words dropped (renumbering and penalty clauses do not matter), drafting synonyms "
               "folded (lawlint/precedents/synonyms.json); similarity is rapidfuzz's Indel ratio of the sorted words "
               "(reordered lists do not matter) or, for a fragment inside a longer text, its partial ratio. "
               "Paraphrases in other words are not caught; see the README for precision and recall."),
           "", "Fix:", para(
               "Read the decision against the clause: redraft what it objected to (vague terms, no intent or harm "
               "threshold, missing safeguards), or waive the finding saying how the clause differs."),
           "", "See also:", para("`lawlint precedents \"clause text\"` or `lawlint precedents FILE`; "
                                 "`lawlint check --show-precedents`.")]
    return "\n".join(out)
