"""The learned second opinion: a calibrated linear model over lemma n-grams, scored from a shipped weights file.

`lawlint check` calls `second_opinion(bill, findings, language, ...)` once per bill, after the rules have run
(lawlint.engine.runner.lint_source). For each clause read with its lead-in and closing words, the model gives a
probability that it restricts expression or rights in a way the standards condemn. A clause rated at or above
the calibrated threshold that no rule flagged (neither it, nor a clause above it, nor one inside it) gets a
`possible-<category>` warning naming the words that drove the score and the nearest condemned provision.
Walking down from each section, the first clause that clears the threshold is reported and its children are not
looked at again, so one problem gives one finding.

Nothing here imports scikit-learn: the weights file holds the vocabulary, the coefficients and the thresholds,
and scoring is a sum of the weights of the n-grams present. The model and its threshold are built by
`python -m lawlint.scorer.build` (see docs/scorer.md for how, and what it measured).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lawlint.model import CONFIDENCE_ORDER, Bill, Clause, Finding, Severity

WEIGHTS_DIR = Path(__file__).parent
FORMAT = "lawlint-scorer/1"
# Clauses that hold other provisions rather than say anything themselves: scored only through their children.
CONTAINERS = frozenset({"part", "chapter", "division", "schedule", "preamble", "book", "title"})
TOP_WORDS = 6


@dataclass(frozen=True)
class CategoryModel:
    category: str
    bias: float
    weights: dict[int, float]


@dataclass
class Model:
    """One language's model, as read from weights-<lang>.json."""

    language: str
    vocabulary: list[str]
    coef: list[float]
    bias: float
    threshold: float  # probability at or above which a clause gets a finding (calibrated on ordinary law)
    threshold_medium: float  # at or above this the finding's confidence is medium, else low
    stop: frozenset[str]
    categories: list[CategoryModel]
    default_category: str
    neighbours: list[tuple[str, frozenset[int]]] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {w: i for i, w in enumerate(self.vocabulary)}

    def present(self, feats: set[str]) -> list[int]:
        """Vocabulary indices of the features present, in vocabulary order."""
        idx = self.index
        return sorted(idx[f] for f in feats if f in idx)

    def logit(self, present: list[int]) -> float:
        """Binary features scaled to unit length: each present feature counts 1/sqrt(n)."""
        if not present:
            return self.bias
        scale = 1.0 / math.sqrt(len(present))
        return self.bias + scale * math.fsum(self.coef[i] for i in present)

    def probability(self, present: list[int]) -> float:
        return _sigmoid(self.logit(present))

    def category(self, present: list[int]) -> str:
        """The category whose one-vs-rest model rates the clause highest (ties: alphabetical)."""
        if not self.categories or not present:
            return self.default_category
        scale = 1.0 / math.sqrt(len(present))
        best, best_z = self.default_category, -math.inf
        for c in self.categories:  # stored alphabetically; the first of equal scores wins
            z = c.bias + scale * math.fsum(c.weights.get(i, 0.0) for i in present)
            if z > best_z:
                best, best_z = c.category, z
        return best

    def drivers(self, present: list[int], n: int = TOP_WORDS) -> list[str]:
        """The present features with the largest positive weights (ties: vocabulary order)."""
        pos = sorted((i for i in present if self.coef[i] > 0), key=lambda i: (-self.coef[i], i))
        return [self.vocabulary[i] for i in pos[:n]]

    def nearest(self, present: list[int]) -> tuple[str, float] | None:
        """The condemned provision nearest by cosine over the same binary features."""
        if not present or not self.neighbours:
            return None
        mine = set(present)
        best, best_sim = None, 0.0
        for rid, feats in self.neighbours:
            if not feats:
                continue
            sim = len(mine & feats) / math.sqrt(len(mine) * len(feats))
            if sim > best_sim:
                best, best_sim = rid, sim
        return (best, best_sim) if best is not None else None


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def from_dict(data: dict) -> Model:
    if data.get("format") != FORMAT:
        raise ValueError(f"not a lawlint scorer weights file (format {data.get('format')!r}, expected {FORMAT})")
    vocab = list(data["vocabulary"])
    coef = [float(x) for x in data["coef"]]
    if len(vocab) != len(coef):
        raise ValueError("weights file: vocabulary and coef differ in length")
    cats = [CategoryModel(c["category"], float(c["bias"]), {int(i): float(w) for i, w in c["weights"]})
            for c in data.get("categories", [])]
    return Model(
        language=data["language"], vocabulary=vocab, coef=coef, bias=float(data["bias"]),
        threshold=float(data["threshold"]), threshold_medium=float(data["threshold_medium"]),
        stop=frozenset(data["stop_words"]), categories=cats,
        default_category=data.get("default_category", "FE-VAGUE"),
        neighbours=[(n["id"], frozenset(n["features"])) for n in data.get("neighbours", [])],
        metrics=data.get("metrics", {}),
    )


def weights_path(lang: str) -> Path:
    return WEIGHTS_DIR / f"weights-{lang}.json"


@lru_cache(maxsize=None)
def load(lang: str) -> Model | None:
    """The shipped model for `lang`, or None when there is none (then the scorer says nothing)."""
    path = weights_path(lang)
    if not path.is_file():
        return None
    return from_dict(json.loads(path.read_text(encoding="utf-8")))


def languages() -> list[str]:
    return sorted(p.stem.split("-", 1)[1] for p in WEIGHTS_DIR.glob("weights-*.json"))


# ----------------------------------------------------------------------------------------- scoring a bill

@dataclass
class Scored:
    """One clause's score: the clause, its probability and the vocabulary indices that produced it."""

    clause: Clause
    probability: float
    present: list[int]
    children: list["Scored"]
    scoreable: bool
    quiet: bool = False  # in a definitions section or the preamble: a term is reported where an offence uses it


def lemma_parts(bill: Bill, lang: str, stop: frozenset[str]) -> dict[tuple[int, str], list[str]]:
    """Content lemmas of each clause's heading ("h"), own words ("t") and closing words ("w"), keyed by
    (id(clause), part), tokenized in one batch; quoted (amending) text is not the bill's own and is left out."""
    from lawlint.scorer.features import lemmatise

    keys, texts = [], []
    for c in bill.walk():
        if c.quoted:
            continue
        for part, text in (("h", c.heading), ("t", c.text), ("w", c.wrap_up)):
            if text and text.strip():
                keys.append((id(c), part))
                texts.append(text)
    out = dict(zip(keys, lemmatise(lang, texts, stop)))
    import weakref

    _LAST.clear()
    _LAST.update(bill=weakref.ref(bill), lang=lang, stop=stop, lemmas=out)
    return out


# The last bill's lemma parts, so precedent matching (lawlint.precedents), which runs next on the same bill and
# reads the same words, does not tokenize the bill again. One slot: a later bill replaces it.
_LAST: dict = {}


def cached_lemma_parts(bill: Bill, lang: str, stop: frozenset[str]) -> dict | None:
    """lemma_parts(bill, lang, stop) if it was the last call's, else None."""
    ref = _LAST.get("bill")
    if ref is None or ref() is not bill or _LAST.get("lang") != lang or _LAST.get("stop") != stop:
        return None
    return _LAST["lemmas"]


def subtree_parts(c: Clause, lemmas: dict) -> list[list[str]]:
    """The clause's heading, words, its children's parts and its closing words, in reading order."""
    parts = [lemmas.get((id(c), "h"), []), lemmas.get((id(c), "t"), [])]
    for ch in c.children:
        if not ch.quoted:
            parts.extend(subtree_parts(ch, lemmas))
    parts.append(lemmas.get((id(c), "w"), []))
    return parts


def clause_parts(c: Clause, lemmas: dict) -> list[list[str]]:
    """What a clause is scored on: the headings and lead-ins of the provisions above it (not of Parts or
    Chapters), its own subtree, then the closing words above it."""
    anc = [a for a in c.ancestors() if a.kind not in CONTAINERS]
    before = []
    for a in reversed(anc):
        before += [lemmas.get((id(a), "h"), []), lemmas.get((id(a), "t"), [])]
    return before + subtree_parts(c, lemmas) + [lemmas.get((id(a), "w"), []) for a in anc]


def bill_features(bill: Bill, lang: str, stop: frozenset[str]) -> tuple[set[str], list[set[str]]]:
    """The n-grams of a whole (short) bill, as `score_tree` reads a bill holding one provision, and those of
    each reading of a clause below the top (with its lead-in) that `score_tree` may report: what the build
    trains on for one labelled provision or ordinary section."""
    from lawlint.engine.structural import Structure
    from lawlint.scorer.features import ngrams

    lemmas = lemma_parts(bill, lang, stop)
    parts = []
    for c in bill.clauses:
        if not c.quoted:
            parts.extend(subtree_parts(c, lemmas))
    structure = Structure(bill)
    readings = []
    for c in bill.walk():
        if c.quoted or c.kind in CONTAINERS or not any(a.kind not in CONTAINERS for a in c.ancestors()):
            continue
        if structure.holds("in-definitions", c) or structure.holds("preamble", c):
            continue
        readings.append(ngrams(clause_parts(c, lemmas)))
    return ngrams(parts), readings


def score_tree(bill: Bill, model: Model) -> list[Scored]:
    """Every clause scored with its lead-ins and closing words."""
    from lawlint.engine.structural import Structure
    from lawlint.scorer.features import ngrams

    lemmas = lemma_parts(bill, model.language, model.stop)
    structure = Structure(bill)

    def build(c: Clause) -> Scored:
        scoreable = c.kind not in CONTAINERS
        present = model.present(ngrams(clause_parts(c, lemmas))) if scoreable else []
        prob = model.probability(present) if scoreable else 0.0
        quiet = structure.holds("in-definitions", c) or structure.holds("preamble", c)
        return Scored(c, prob, present, [build(ch) for ch in c.children if not ch.quoted], scoreable, quiet)

    return [build(c) for c in bill.clauses if not c.quoted]


def emissions(tree: list[Scored], threshold: float, flagged: set[str] = frozenset()) -> list[Scored]:
    """Top-down: the first clause on each path at or above `threshold` that no rule flagged, where no rule
    flagged a clause above it or inside it, outside definitions and the preamble. A flagged clause ends the
    walk below it (the rule speaks for it)."""
    out: list[Scored] = []

    def has_flag(s: Scored) -> bool:
        return s.clause.eid in flagged or any(has_flag(ch) for ch in s.children)

    def visit(s: Scored) -> None:
        if s.clause.eid in flagged:
            return
        if s.scoreable and not s.quiet and s.probability >= threshold and not (flagged and has_flag(s)):
            out.append(s)
            return
        for ch in s.children:
            visit(ch)

    for s in tree:
        visit(s)
    return out


def second_opinion(bill: Bill, findings: list[Finding], language: str, min_confidence: str = "low",
                   ruleset=None) -> list[Finding]:
    """`findings` plus the scorer's own, sorted. With `ruleset` (the rules in use), a possible-* finding
    appears only for a category some selected rule covers (so --select FE-FALSE keeps possible-fe-false
    only), and cites the authorities that rules of its category cite most."""
    model = load(language) if language else None
    if model is None:
        return findings
    categories = set(ruleset.categories()) if ruleset is not None else None
    flagged = {f.eid for f in findings}
    tree = score_tree(bill, model)
    added = []
    floor = CONFIDENCE_ORDER.get(min_confidence, 1)
    for s in emissions(tree, model.threshold, flagged):
        f = make_finding(bill, s, model, ruleset)
        if CONFIDENCE_ORDER[f.confidence] < floor:
            continue
        if categories is not None and f.category not in categories:
            continue
        added.append(f)
    if not added:
        return findings
    out = list(findings) + added
    out.sort(key=Finding.sort_key)
    return out


def rule_id(category: str) -> str:
    return f"possible-{category.lower()}"


def _authorities(ruleset, category: str) -> tuple:
    """The authorities the rules of `category` cite most often (up to two), or none without a rule set."""
    if ruleset is None:
        return ()
    from collections import Counter

    seen: dict[str, object] = {}
    counts: Counter = Counter()
    for r in ruleset.rules:
        if r.category == category:
            for a in r.authorities:
                seen.setdefault(a.id, a)
                counts[a.id] += 1
    return tuple(seen[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2])


def _anchor(c: Clause) -> tuple[Clause, str]:
    """The clause whose own words the finding points at (the first in reading order with words) and an
    excerpt of them: the first words exactly as written, so a report or a Word comment can find them."""
    for node in c.walk():
        if node.text and node.text.strip() and not node.quoted:
            words = node.text.split()
            excerpt = ""
            for w in words:
                if len(excerpt) + len(w) + 1 > 80 and excerpt:
                    break
                excerpt = f"{excerpt} {w}" if excerpt else w
            return node, excerpt
    return c, ""


def make_finding(bill: Bill, s: Scored, model: Model, ruleset=None) -> Finding:
    from lawlint.engine.evaluate import fingerprint
    from lawlint.engine.scopes import label

    c = s.clause
    category = model.category(s.present)
    confidence = "medium" if s.probability >= model.threshold_medium else "low"
    words = model.drivers(s.present)
    message = (f"The learned scorer rates this clause {s.probability:.2f} likely to restrict expression or rights "
               f"({category}) though no rule fired; words that drove it: "
               + ", ".join(f"'{w}'" for w in words))
    near = model.nearest(s.present)
    if near is not None:
        message += f"; nearest condemned provision: {near[0]} (similarity {near[1]:.2f})"
    at, excerpt = _anchor(c)
    start = at.text.find(excerpt) if excerpt else -1
    loc, end = at.span_at(start, start + len(excerpt)) if start >= 0 else (at.location_at(0), None)
    rid = rule_id(category)
    return Finding(
        rule=rid, category=category, severity=Severity.WARNING, confidence=confidence,
        title=f"Possible {category} restriction no rule flagged (learned scorer)", path=bill.path,
        clause=label(c), eid=c.eid, line=loc.line, column=loc.column, page=loc.page, page_line=loc.page_line,
        end_line=end.line if end else 0, end_column=end.column if end else 0, excerpt=excerpt,
        message=message, fix=("Read the clause against the standard for its category; if it restricts expression "
                              "or rights, narrow it to a legitimate aim with a harm threshold, intent and "
                              "safeguards; if it does not, waive the finding."),
        authorities=_authorities(ruleset, category),
        explanation=f"scorer probability {s.probability:.3f} (threshold {model.threshold:.3f})",
        fingerprint=fingerprint(rid, c),
    )
