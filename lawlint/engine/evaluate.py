"""Evaluate rules on a Bill: trigger in the clause's own words, `when` in scope, checks, escalate/unless
arithmetic, global suppressions, then one finding per category per clause.

Everything here is set logic over the matches the matcher found; no rule-specific code.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from lawlint.engine.checks import CHECKS
from lawlint.engine.loader import Condition, Rule, RuleSet, category_matches
from lawlint.engine.matcher import TextHits, compiled
from lawlint.engine.scopes import ScopeIndex, label
from lawlint.engine.structural import Structure
from lawlint.model import CONFIDENCE_ORDER, Bill, Clause, Finding, Severity

UNDETERMINED = "und"
_LOWER_CONFIDENCE = {"high": "medium", "medium": "low", "low": "low"}


@dataclass(frozen=True)
class LintOptions:
    language: str | None = None  # --language: overrides the bill's detected language
    min_confidence: str = "low"
    scorer: bool = True  # the learned second opinion (lawlint.scorer); --no-scorer / `scorer = false`
    precedents: bool = True  # match clauses to precedents (lawlint.precedents); off with --no-builtin-rules


def bill_language(bill: Bill, options: LintOptions) -> str:
    """The language whose rules apply: --language, else the detector's answer; absent means English
    (until every reader path sets it). 'und' (undetermined) means no rules apply."""
    return (options.language or getattr(bill, "language", "") or "en").lower()


def lint_bill(bill: Bill, ruleset: RuleSet, options: LintOptions = LintOptions()) -> list[Finding]:
    """The findings for one bill, sorted. The cyclic garbage collector is paused meanwhile: matching makes
    hundreds of thousands of small tuples and no cycles, and collections would otherwise rescan the heap."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_bill(bill, ruleset, options)
    finally:
        if enabled:
            gc.enable()


def _lint_bill(bill: Bill, ruleset: RuleSet, options: LintOptions) -> list[Finding]:
    lang = bill_language(bill, options)
    if lang == UNDETERMINED or lang not in ruleset.languages():
        return []
    comp = compiled(ruleset, lang)
    if not comp.rules:
        return []
    clauses = list(bill.walk())
    texts: list[str] = []
    slots: list[tuple[int, int]] = []
    for c in clauses:
        t = w = -1
        if c.text:
            t = len(texts)
            texts.append(c.text)
        if c.wrap_up:
            w = len(texts)
            texts.append(c.wrap_up)
        slots.append((t, w))
    eids = {}
    for i, c in enumerate(clauses):
        eids.setdefault(c.eid, i)
    glossary = list(bill.glossary)
    # A term defined in a clause of its own brings that clause into scope; a term defined inside a clause that
    # defines several (an unnumbered list under "Interpretation") brings only its own definition, or every
    # section using any defined term would read the whole interpretation section ("fake news" in illegal access).
    defined_in = Counter(t.eid for t in glossary)
    term_clause: list[int | None] = [eids.get(t.eid) if defined_in[t.eid] == 1 else None for t in glossary]
    extra: dict[int, int] = {}
    for k, t in enumerate(glossary):
        if term_clause[k] is None and t.definition:
            extra[k] = len(texts)
            texts.append(t.definition)
    hits = comp.analyse(texts, [t.term for t in glossary])
    empty = TextHits()

    own_bits, own_terms = [], []
    for t, w in slots:
        ht = hits[t] if t >= 0 else empty
        hw = hits[w] if w >= 0 else empty
        own_bits.append(ht.bits | hw.bits)
        own_terms.append(frozenset(x[0] for x in ht.terms) | frozenset(x[0] for x in hw.terms))
    index = ScopeIndex(bill, own_bits, own_terms, [0] * len(glossary), term_clause)
    index.term_bits = [index.sub[term_clause[k]] if term_clause[k] is not None
                       else (hits[extra[k]].bits if k in extra else 0) for k in range(len(glossary))]
    index.bill_bits |= _or(index.term_bits)
    ev = _Evaluator(bill, comp, index, Structure(bill), options, hits, slots, clauses)
    findings: list[Finding] = []
    per_clause: list[list[Finding]] = []
    for i, (t, w) in enumerate(slots):
        rules_hit = set(hits[t].rules if t >= 0 else ()) | set(hits[w].rules if w >= 0 else ())
        per_clause.append([f for r in sorted(rules_hit) if (f := ev.evaluate(i, r)) is not None] if rules_hit else [])
    rules = {r.id: r for r in comp.rules}
    per_clause = _companions(per_clause, index.section, rules)
    per_clause = [_dedupe([f for f in found if not rules[f.rule].merge_into])
                  + [f for f in found if rules[f.rule].merge_into] for found in per_clause]
    for found in _merge(per_clause, index.section, rules):
        findings.extend(_dedupe(found))
    findings.sort(key=Finding.sort_key)
    return findings


def _companions(per_clause: list[list[Finding]], section: list[int], rules: dict[str, Rule]) -> list[list[Finding]]:
    """Drop each finding of a rule with `only-with` unless a finding of those categories (of a rule without
    `only-with`) stands in the same section: a missing defence or intent element is judged only where another
    rule found the restriction it qualifies, so look-alikes silenced there stay silent here."""
    standing: dict[int, set[str]] = {}
    for i, found in enumerate(per_clause):
        for f in found:
            if not rules[f.rule].only_with:
                standing.setdefault(section[i], set()).add(f.category)
    out = []
    for i, found in enumerate(per_clause):
        cats = standing.get(section[i], ())
        out.append([f for f in found
                    if not rules[f.rule].only_with or any(category_matches(rules[f.rule].only_with, c) for c in cats)])
    return out


def _merge(per_clause: list[list[Finding]], section: list[int], rules: dict[str, Rule]) -> list[list[Finding]]:
    """Fold each finding of a `merge-into` rule into the finding it qualifies: on the same clause when one of
    those categories stands there, else the first in the same section. A missing intent element, harm
    threshold or defence is a further defect of the restriction another rule found, and its redraft is part
    of that one; reported apart it doubles the findings on one problem."""
    hosts: dict[int, list[tuple[int, int]]] = {}  # section -> (clause, position) of findings that can host
    for i, found in enumerate(per_clause):
        for j, f in enumerate(found):
            if not rules[f.rule].merge_into:
                hosts.setdefault(section[i], []).append((i, j))
    extra: dict[tuple[int, int], list[Finding]] = {}
    out: list[list[Finding]] = []
    for i, found in enumerate(per_clause):
        kept = []
        for f in found:
            into = rules[f.rule].merge_into
            if not into:
                kept.append(f)
                continue
            fits = [(k, j) for k, j in hosts.get(section[i], ()) if category_matches(into, per_clause[k][j].category)]
            here = [(k, j) for k, j in fits if k == i]
            chosen = min(here, key=lambda kj: _rank(per_clause[kj[0]][kj[1]])) if here else (fits[0] if fits else None)
            if chosen is None:
                kept.append(f)
            else:
                extra.setdefault(chosen, []).append(f)
        out.append(kept)
    if not extra:
        return out
    from dataclasses import replace

    for (i, j), parts in extra.items():
        host = per_clause[i][j]
        parts = sorted({p.rule: p for p in parts}.values(), key=lambda p: p.rule)
        merged = replace(host, also=tuple(p.rule for p in parts),
                         message=" ".join([host.message] + [f"Also: {p.message}" for p in parts]))
        out[i] = [merged if f is host else f for f in out[i]]
    return out


def _rank(f: Finding) -> tuple:
    return (-int(f.severity), -CONFIDENCE_ORDER[f.confidence], f.rule)


def _or(values) -> int:
    out = 0
    for v in values:
        out |= v
    return out


class _Evaluator:
    def __init__(self, bill, comp, index: ScopeIndex, structure: Structure, options: LintOptions,
                 hits: list[TextHits], slots, clauses):
        self.bill, self.comp, self.index, self.structure = bill, comp, index, structure
        self.options, self.hits, self.slots, self.clauses = options, hits, slots, clauses
        self.min_conf = CONFIDENCE_ORDER.get(options.min_confidence, 1)
        self._conds: dict[Condition, tuple[int, tuple[str, ...]]] = {}

    # ------------------------------------------------------------------------------------- conditions

    def _compile(self, cond: Condition) -> tuple[int, tuple[str, ...]]:
        """(bitmask of its pattern predicates, its structural predicate names), cached per condition."""
        got = self._conds.get(cond)
        if got is None:
            mask, structural = 0, []
            for name in cond.names:
                if name in self.comp.pred_index:
                    mask |= 1 << self.comp.pred_index[name]
                else:
                    structural.append(name)
            got = self._conds[cond] = (mask, tuple(structural))
        return got

    def _structural(self, name: str, i: int, rule_idx: int | None) -> bool:
        if name == "trigger-defined":
            return rule_idx is not None and self._trigger_defined(i, rule_idx)
        return self.structure.holds(name, self.clauses[i])

    def holds(self, cond: Condition, i: int, scope: str, rule_idx: int | None = None) -> tuple[bool, int]:
        """Whether the condition holds for clause i in `scope`; also the mask of the pattern predicates
        that held (for saying where they were found)."""
        mask, structural = self._compile(cond)
        found = self.index.bits(i, scope) & mask
        if cond.mode == "any":
            ok = bool(found) or any(self._structural(n, i, rule_idx) for n in structural)
        else:
            ok = found == mask and all(self._structural(n, i, rule_idx) for n in structural)
        if ok and cond.but_not and self.holds(Condition(cond.but_not, "any"), i, scope, rule_idx)[0]:
            ok = False  # a mixed clause: the look-alike limb does not excuse the other limbs
        return ok, found

    def _trigger_defined(self, i: int, r: int) -> bool:
        """Every span the trigger matched in the clause lies inside a use of a glossary term."""
        spans_seen = False
        for slot in self.slots[i]:
            if slot < 0:
                continue
            h = self.hits[slot]
            for s, e in h.rules.get(r, ()):
                spans_seen = True
                if not any(ts <= s and e <= te for _, ts, te in h.terms):
                    return False
        return spans_seen

    # ------------------------------------------------------------------------------------- one rule

    def evaluate(self, i: int, r: int) -> Finding | None:
        rule: Rule = self.comp.rules[r]
        if CONFIDENCE_ORDER[rule.confidence] < self.min_conf:
            return None
        clause = self.clauses[i]
        for cond in rule.when:
            if not self.holds(cond, i, cond.scope or rule.scope, r)[0]:
                return None
        read_alone = False
        if rule.context is not None and not self._in_context(rule, i, r):
            # No offence, prohibition or duty around the clause. Where the whole text has none either, the
            # reader pasted the clause without its context: judge it by the conduct it describes, at warning.
            if (self.holds(rule.context, i, "bill", r)[0] or not self.holds(rule.alone, i, "provision", r)[0]
                    or (rule.alone_unless is not None and self.holds(rule.alone_unless, i, "provision", r)[0])):
                return None
            read_alone = True
        severity = rule.severity
        confidence = rule.confidence
        notes: list[str] = []
        message = rule.message
        for chk in rule.checks:
            result = CHECKS[chk["type"]].run(self.scope_text(i, rule.scope), chk)
            if not result.holds:
                return None
            if result.words:
                message = f"{message} ({result.words})"
            if result.severity is not None and result.severity != severity:
                notes.append(f"{chk['type']} '{result.words}' sets severity {result.severity}")
                severity = result.severity
        for cond in rule.unless:
            if cond.effect != "suppress":
                continue
            ok, _ = self.holds(cond, i, cond.scope or rule.scope, r)
            if ok:
                return None
        for s in self.comp.rule_suppressions[r]:
            if self.holds(s.condition, i, s.scope, r)[0]:
                return None
        for cond in rule.escalate:
            scope = cond.scope or rule.scope
            ok, mask = self.holds(cond, i, scope, r)
            if ok:
                severity = severity.higher()
                notes.append(f"escalated: {cond.label()}{self._where(i, mask, scope)}")
        for cond in rule.unless:
            if cond.effect != "downgrade":
                continue
            scope = cond.scope or rule.scope
            ok, mask = self.holds(cond, i, scope, r)
            if ok:
                severity = severity.lower()
                notes.append(f"downgraded: {cond.label()}{self._where(i, mask, scope)}")
        if read_alone:
            severity = min(severity, Severity.WARNING)
            confidence = _LOWER_CONFIDENCE[confidence]
            if CONFIDENCE_ORDER[confidence] < self.min_conf:
                return None
            notes.append(f"read alone: no {rule.context.label()} found in the text; judged on the conduct it describes")
        part, start, end = self._anchor(i, r)
        text = clause.text if part == 0 else clause.wrap_up
        loc, end_loc = clause.span_at(start, end, wrap_up=part == 1)
        return Finding(
            rule=rule.id, category=rule.category, severity=severity, confidence=confidence,
            title=rule.title, path=self.bill.path, clause=label(clause), eid=clause.eid,
            line=loc.line, column=loc.column, page=loc.page, page_line=loc.page_line,
            end_line=end_loc.line, end_column=end_loc.column,
            excerpt=_excerpt(text[start:end]), message=message, fix=rule.fix,
            authorities=rule.authorities, explanation="; ".join(notes),
            fingerprint=fingerprint(rule.id, clause),
        )

    def _in_context(self, rule: Rule, i: int, r: int) -> bool:
        """The clause is read as a restriction: the context holds in the rule's scope, or, for a provision-scoped
        rule, in its section (the penalty in another subsection: "(2) A person who contravenes subsection (1)
        commits an offence") while the clause itself describes the conduct, so a subsection that only refers back
        to it does not count."""
        if self.holds(rule.context, i, rule.scope, r)[0]:
            return True
        return (rule.scope == "provision" and self.holds(rule.context, i, "section", r)[0]
                and self.holds(rule.alone, i, "provision", r)[0])

    def _where(self, i: int, mask: int, scope: str) -> str:
        if not mask:
            return ""
        where = self.index.where(i, mask, scope)
        if not where:
            return ""
        if where == "a definition":  # a glossary definition that is not a clause of the tree
            return " found in a definition"
        here = label(self.clauses[i])
        return f" (clause {where})" if where == here else f" found in clause {where}"

    def _anchor(self, i: int, r: int) -> tuple[int, int, int]:
        """The earliest trigger match in the clause's own words: its text first, then its wrap-up."""
        for part, slot in enumerate(self.slots[i]):
            if slot >= 0 and r in self.hits[slot].rules:
                s, e = self.hits[slot].rules[r][0]
                return part, s, e
        raise AssertionError("rule without a trigger match")

    def scope_text(self, i: int, scope: str) -> str:
        """The words of the scope, in reading order, for named checks."""
        idx, clauses = self.index, self.clauses
        if scope == "bill":
            return " ".join(c.subtree_text() for c in self.bill.clauses)
        if scope == "section":
            s = idx.section[i]
            parts = [clauses[s].subtree_text()]
            parts += [clauses[k].subtree_text() for k in idx.section_info(i)[1]]
            return " ".join(p for p in parts if p)
        ancestors = clauses[i].ancestors()
        parts = [a.text for a in reversed(ancestors)] + [clauses[i].subtree_text()] + [a.wrap_up for a in ancestors]
        return " ".join(p for p in parts if p)


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def fingerprint(rule_id: str, clause: Clause) -> str:
    """Stable across re-numbering and re-wrapping: the rule and the clause's words, whitespace-normalised."""
    words = " ".join(f"{clause.text} {clause.wrap_up}".split())
    return hashlib.sha256(f"{rule_id}\x00{words}".encode()).hexdigest()[:16]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per category per clause: the most severe (then most confident, then first rule id);
    the other rules of that category are listed in `related`."""
    by_cat: dict[str, list[Finding]] = {}
    for f in findings:
        by_cat.setdefault(f.category, []).append(f)
    out = []
    for group in by_cat.values():
        group.sort(key=lambda f: (-int(f.severity), -CONFIDENCE_ORDER[f.confidence], f.rule))
        best = group[0]
        if len(group) > 1:
            from dataclasses import replace

            best = replace(best, related=tuple(sorted(f.rule for f in group[1:])))
        out.append(best)
    return out
