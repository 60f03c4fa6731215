"""Scopes as sets of predicates: which predicates hold around a clause, computed without quadratic walks.

own(C)       matches in C's text and wrap_up
provision(C) own(C) | own(every descendant) | own(every ancestor)   (subtree union bottom-up, ancestor
             union top-down: two linear passes)
section(C)   the enclosing section/article (or top-level clause) whole, its ancestors' words, the clauses its
             clauses cross-reference, and the definitions of glossary terms used in it (cached per section)
bill         everything
"""

from __future__ import annotations

from lawlint.model import Bill, Clause

SECTION_KINDS = frozenset({"section", "article", "regulation", "rule"})


class ScopeIndex:
    def __init__(self, bill: Bill, own_bits: list[int], own_terms: list[frozenset[int]],
                 term_bits: list[int], term_clause: list[int | None]):
        """own_bits[i], own_terms[i]: predicates and glossary terms in clause i (document order);
        term_bits[t]: predicates in the definition of term t; term_clause[t]: its clause number or None."""
        self.clauses: list[Clause] = list(bill.walk())
        self.index = {id(c): i for i, c in enumerate(self.clauses)}
        n = len(self.clauses)
        self.own = own_bits
        self.own_terms = own_terms
        self.term_bits = term_bits
        self.term_clause = term_clause
        self.parent = [-1] * n
        self.end = [0] * n  # descendants of i are i+1 .. end[i]-1 (document order is pre-order)
        self.sub = list(own_bits)
        self.anc = [0] * n
        self.section = [0] * n
        eids = {}
        for i, c in enumerate(self.clauses):
            eids.setdefault(c.eid, i)
            if c.parent is not None and id(c.parent) in self.index:
                p = self.index[id(c.parent)]
                self.parent[i] = p
                self.anc[i] = self.anc[p] | own_bits[p]
                self.section[i] = i if c.kind in SECTION_KINDS else self.section[p]
            else:
                self.section[i] = i
        self.eids = eids
        for i in range(n - 1, -1, -1):
            j = i + 1
            while j < n and self.parent[j] == i:  # direct children, jumping over their subtrees
                self.sub[i] |= self.sub[j]
                j = self.end[j]
            self.end[i] = j
        self.bill_bits = 0
        for b in own_bits:
            self.bill_bits |= b
        for b in term_bits:
            self.bill_bits |= b
        self._section_cache: dict[int, tuple[int, list[int], list[int]]] = {}

    def provision(self, i: int) -> int:
        return self.sub[i] | self.anc[i]

    def section_info(self, i: int) -> tuple[int, list[int], list[int]]:
        """(bits, cross-referenced clause numbers, glossary term numbers) of clause i's section."""
        s = self.section[i]
        cached = self._section_cache.get(s)
        if cached is None:
            bits = self.sub[s] | self.anc[s]
            xrefs: list[int] = []
            terms: set[int] = set()
            for j in range(s, self.end[s]):
                for eid in self.clauses[j].xrefs:
                    k = self.eids.get(eid)
                    if k is not None and not (s <= k < self.end[s]) and k not in xrefs:
                        xrefs.append(k)
                terms |= self.own_terms[j]
            for k in xrefs:
                bits |= self.sub[k]
            for t in sorted(terms):
                bits |= self.term_bits[t]
            cached = self._section_cache[s] = (bits, xrefs, sorted(terms))
        return cached

    def bits(self, i: int, scope: str) -> int:
        if scope == "provision":
            return self.provision(i)
        if scope == "section":
            return self.section_info(i)[0]
        return self.bill_bits

    def where(self, i: int, mask: int, scope: str) -> str:
        """Where the predicates in `mask` were found, nearest first: a clause label, for explanations."""
        order: list[int] = [i, *range(i + 1, self.end[i])]
        p = self.parent[i]
        while p != -1:
            order.append(p)
            p = self.parent[p]
        if scope in ("section", "bill"):
            s = self.section[i]
            order.extend(range(s, self.end[s]))
            _, xrefs, terms = self.section_info(i)
            for k in xrefs:
                order.extend(range(k, self.end[k]))
            for t in terms:
                if self.term_clause[t] is None and self.term_bits[t] & mask:
                    return "a definition"
                if self.term_clause[t] is not None:
                    k = self.term_clause[t]
                    order.extend(range(k, self.end[k]))
        if scope == "bill":
            order.extend(range(len(self.clauses)))
        for j in order:
            if self.own[j] & mask:
                return label(self.clauses[j])
        return ""


def label(c: Clause) -> str:
    return c.label or c.num or c.eid
