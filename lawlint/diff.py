"""What changed between two readings of a bill: clause alignment and the findings diff behind `lawlint diff`.

Readings renumber, insert, delete, merge and split clauses, so clauses are paired by their words first and
by their place second:

1. Every clause at every level becomes one item in reading order: its heading and own words (lead-in and
   closing words, not its children's), its kind, number and parent.
2. Clauses whose normalised heading and words occur exactly once in each reading, and in the same order,
   anchor the alignment (the longest increasing run of such pairs, as in patience diff); the stretches
   between anchors are handled the same way, recursively.
3. What is left in each stretch is paired by a monotone alignment (dynamic programming) whose score is the
   similarity of the two clauses (token multisets, subtree words for clauses made of their children) plus
   small bonuses for the same kind, the same number and parents already paired; large stretches are first
   cut by the best similar pairs.
4. Children of paired clauses are paired by order; a container whose children went to one container in the
   other reading is paired with it; clauses moved out of order are paired when their words are close.

Each pair is then `unchanged` or `changed` (with the words removed and added), each clause left over
`deleted` or `inserted` (with the clause it was split from or merged into when its words are there). A
finding is `persisting` when the same rule fired on the paired clause (or, after a split or merge, on a
clause within the paired one), `fixed` when it is gone and `new` when it was not there before.
Everything is deterministic and close to linear in the length of the readings.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lawlint.model import Bill, Clause, Finding, Severity

UNCHANGED, CHANGED, DELETED, INSERTED = "unchanged", "changed", "deleted", "inserted"
FIXED, NEW, PERSISTING = "fixed", "new", "persisting"
_CONTAINERS = ("part", "chapter", "division", "title", "schedule", "preamble")

_TOKEN = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                       "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2011": "-",
                       "\u2212": "-", "\u00a0": " ", "\u00ad": ""})

MIN_SCORE = 0.45  # a pair must score above this (similarity + bonuses) to be aligned by the stretch alignment
DP_CELLS = 60_000  # stretches larger than this are cut at their best pairs before the dynamic programme
MOVE_SIMILARITY = 0.75  # clauses out of order are paired only when this close
MOVE_MIN_TOKENS = 8
PART_OF = 0.8  # share of a clause's words found in another for "split from" / "merged into"


def normalise(text: str) -> str:
    """Text as compared: Unicode NFKC, typographic quotes and dashes folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_FOLD).split())


def words(text: str) -> list[str]:
    """The words of a clause as shown in a word diff (punctuation stays on its word)."""
    return normalise(text).split()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text).casefold())


def own_text(c: Clause) -> str:
    return " ".join(p for p in (c.text, c.wrap_up) if p)


def display_label(c: Clause | None) -> str:
    """How a reviewer writes the clause: s.12(1)(a) for sections, art. 5 for articles, Part II as it is."""
    if c is None:
        return ""
    label = c.label or c.num or c.eid
    unit = c
    while unit is not None and unit.kind not in ("section", "article"):
        unit = unit.parent
    if unit is not None and label[:1].isdigit():
        return f"s.{label}" if unit.kind == "section" else f"art. {label}"
    return label


@dataclass
class _Item:
    clause: Clause
    index: int
    parent: int  # index of the parent item, -1 at the top
    key: str  # normalised heading and own words: equal keys are identical clauses
    own: Counter
    n_own: int
    sub: Counter | None = None  # heading and all words of the subtree, for clauses with children
    n_sub: int = 0
    children: list[int] = field(default_factory=list)


def _items(bill: Bill) -> list[_Item]:
    items: list[_Item] = []
    index_of: dict[int, int] = {}
    for c in bill.walk():
        i = len(items)
        index_of[id(c)] = i
        parent = index_of.get(id(c.parent), -1) if c.parent is not None else -1
        own = Counter(_tokens(f"{c.heading} {own_text(c)}"))
        key = normalise(c.heading).casefold() + "\x00" + normalise(own_text(c)).casefold()
        if not own:  # an empty container: identical only by kind and number, never an anchor by itself
            key = f"\x01{c.kind}\x01{c.num}"
        items.append(_Item(c, i, parent, key, own, sum(own.values())))
        if parent >= 0:
            items[parent].children.append(i)
    for it in reversed(items):  # children first, so each subtree counter is built once from its parts
        if it.children:
            sub = Counter(it.own)
            for ch in it.children:
                sub.update(items[ch].sub or items[ch].own)
            it.sub, it.n_sub = sub, sum(sub.values())
    return items


def _dice(a: Counter, na: int, b: Counter, nb: int) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[t]) for t, n in a.items() if t in b)
    return 2.0 * common / (na + nb)


def similarity(x: _Item, y: _Item) -> float:
    """0-1: how alike two clauses' words are; for clauses with children, their whole subtrees count too."""
    s = _dice(x.own, x.n_own, y.own, y.n_own)
    if x.sub is not None or y.sub is not None:
        sx, nx = (x.sub, x.n_sub) if x.sub is not None else (x.own, x.n_own)
        sy, ny = (y.sub, y.n_sub) if y.sub is not None else (y.own, y.n_own)
        if nx + ny < 20_000:  # whole Parts of long bills are paired through their children instead
            s = max(s, _dice(sx, nx, sy, ny))
            if (x.sub is None) != (y.sub is None) and x.clause.kind == y.clause.kind:
                # a clause split into subclauses (or subclauses merged back): its words within the other,
                # provided the container kept words of its own (a heading, a lead-in); a bare "(9)" whose
                # only paragraph moved up is not the clause that paragraph became
                small, ns, big = (x.own, x.n_own, sy) if x.sub is None else (y.own, y.n_own, sx)
                container = x if x.sub is not None else y
                if ns >= 5 and container.n_own:
                    s = max(s, 0.9 * sum(min(n, big[t]) for t, n in small.items() if t in big) / ns)
    return s


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


class _Aligner:
    def __init__(self, old: list[_Item], new: list[_Item]):
        self.old, self.new = old, new
        self.o2n: dict[int, int] = {}
        self.n2o: dict[int, int] = {}
        self.sim_cache: dict[tuple[int, int], float] = {}
        self.merged: dict[int, int] = {}  # deleted old clause -> new clause holding its words
        self.split: dict[int, int] = {}  # inserted new clause -> old clause that held its words

    def pair(self, i: int, j: int) -> None:
        self.o2n[i] = j
        self.n2o[j] = i

    def sim(self, i: int, j: int) -> float:
        k = (i, j)
        s = self.sim_cache.get(k)
        if s is None:
            s = self.sim_cache[k] = similarity(self.old[i], self.new[j])
        return s

    def score(self, i: int, j: int) -> float:
        x, y = self.old[i], self.new[j]
        s = self.sim(i, j)
        if x.clause.kind == y.clause.kind:
            s += 0.1
            if x.clause.num and x.clause.num == y.clause.num:
                s += 0.1
        elif {x.clause.kind, y.clause.kind} & {"part", "chapter", "preamble", "schedule"}:
            s -= 0.3  # a Part is not a section, whatever their words share
        else:
            s -= 0.15  # a section split into subsections stays paired with the section
        if x.parent >= 0 and y.parent >= 0 and self.o2n.get(x.parent) == y.parent:
            s += 0.15
        elif x.parent < 0 and y.parent < 0:
            s += 0.05
        return s

    # --- 1-2: exact anchors, recursively -------------------------------------------------------------
    def align(self) -> None:
        stack = [(0, len(self.old), 0, len(self.new))]
        fuzzy: list[tuple[int, int, int, int]] = []
        while stack:
            a0, a1, b0, b1 = stack.pop()
            while a0 < a1 and b0 < b1 and self.old[a0].key == self.new[b0].key:
                self.pair(a0, b0)
                a0, b0 = a0 + 1, b0 + 1
            while a0 < a1 and b0 < b1 and self.old[a1 - 1].key == self.new[b1 - 1].key:
                self.pair(a1 - 1, b1 - 1)
                a1, b1 = a1 - 1, b1 - 1
            if a0 >= a1 or b0 >= b1:
                continue
            ca = Counter(self.old[i].key for i in range(a0, a1))
            cb = Counter(self.new[j].key for j in range(b0, b1))
            where = {self.new[j].key: j for j in range(b0, b1) if cb[self.new[j].key] == 1}
            cands = [(i, where[self.old[i].key]) for i in range(a0, a1)
                     if ca[self.old[i].key] == 1 and self.old[i].key in where
                     and not self.old[i].key.startswith("\x01")]
            anchors = _lis(cands)
            if not anchors:
                fuzzy.append((a0, a1, b0, b1))
                continue
            pi, pj = a0, b0
            for i, j in anchors:
                self.pair(i, j)
                stack.append((pi, i, pj, j))
                pi, pj = i + 1, j + 1
            stack.append((pi, a1, pj, b1))
        for stretch in sorted(fuzzy):  # in reading order, so parents are paired before their children
            self.stretch(*stretch)
        self.children_by_order()
        self.containers()
        self.moves()
        self.children_by_order()

    # --- 3: similar clauses within a stretch -----------------------------------------------------------
    def stretch(self, a0: int, a1: int, b0: int, b1: int) -> None:
        todo = [(a0, a1, b0, b1)]
        while todo:
            a0, a1, b0, b1 = todo.pop()
            if a0 >= a1 or b0 >= b1:
                continue
            if (a1 - a0) * (b1 - b0) <= DP_CELLS:
                self.dp(a0, a1, b0, b1)
                continue
            cuts = self.best_pairs(a0, a1, b0, b1)
            if not cuts:
                continue  # nothing alike: all deleted and inserted
            pi, pj = a0, b0
            for i, j in cuts:
                self.pair(i, j)
                todo.append((pi, i, pj, j))
                pi, pj = i + 1, j + 1
            todo.append((pi, a1, pj, b1))

    def best_pairs(self, a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
        """For a stretch too long for the dynamic programme: each old clause's most similar new clause
        (found through the rarer words they share), kept when close and in order."""
        index: dict[str, list[int]] = defaultdict(list)
        for j in range(b0, b1):
            for t in self.new[j].own:
                index[t].append(j)
        limit = max(8, (b1 - b0) // 20)
        pairs = []
        for i in range(a0, a1):
            x = self.old[i]
            if x.n_own < 4:
                continue
            best, best_j = 0.0, -1
            for j in _candidates(x, index, limit):
                s = self.sim(i, j)
                if s > best:
                    best, best_j = s, j
            if best >= 0.6:
                pairs.append((i, best_j))
        return _lis(sorted(pairs))

    def dp(self, a0: int, a1: int, b0: int, b1: int) -> None:
        """Monotone alignment maximising the summed (score - MIN_SCORE) of the pairs it makes."""
        n, m = a1 - a0, b1 - b0
        gain = [[0.0] * (m + 1) for _ in range(n + 1)]
        for ii in range(n - 1, -1, -1):
            row, below = gain[ii], gain[ii + 1]
            i = a0 + ii
            for jj in range(m - 1, -1, -1):
                best = below[jj] if below[jj] > row[jj + 1] else row[jj + 1]
                g = self.score(i, b0 + jj) - MIN_SCORE
                if g > 0 and g + below[jj + 1] > best:
                    best = g + below[jj + 1]
                row[jj] = best
        ii = jj = 0
        while ii < n and jj < m:
            here = gain[ii][jj]
            g = self.score(a0 + ii, b0 + jj) - MIN_SCORE
            if g > 0 and abs(here - (g + gain[ii + 1][jj + 1])) < 1e-9:
                self.pair(a0 + ii, b0 + jj)
                ii, jj = ii + 1, jj + 1
            elif abs(here - gain[ii + 1][jj]) < 1e-9:
                ii += 1
            else:
                jj += 1

    # --- 4: children, containers and moves -------------------------------------------------------------
    def children_by_order(self) -> None:
        """Unpaired children of paired clauses: paired among themselves by the same monotone alignment,
        run between their paired siblings."""
        for i in range(len(self.old)):
            j = self.o2n.get(i)
            if j is None:
                continue
            xs, ys = self.old[i].children, self.new[j].children
            if not xs or not ys:
                continue
            # walk the siblings in order, cutting at those already paired with each other
            pos_y = {y: k for k, y in enumerate(ys)}
            pi, pj = 0, 0
            for k, x in enumerate(xs + [None]):
                if x is not None:
                    jx = self.o2n.get(x)
                    if jx is None or jx not in pos_y or pos_y[jx] < pj:
                        continue
                    end_j = pos_y[jx]
                else:
                    k, end_j = len(xs), len(ys)
                gap_x = [a for a in xs[pi:k] if a not in self.o2n]
                gap_y = [b for b in ys[pj:end_j] if b not in self.n2o]
                if gap_x and gap_y:
                    self._pair_lists(gap_x, gap_y)
                pi, pj = k + 1, end_j + 1

    def _pair_lists(self, xs: list[int], ys: list[int]) -> None:
        n, m = len(xs), len(ys)
        if n * m > DP_CELLS:
            return
        gain = [[0.0] * (m + 1) for _ in range(n + 1)]
        for a in range(n - 1, -1, -1):
            for b in range(m - 1, -1, -1):
                g = self.score(xs[a], ys[b]) - MIN_SCORE
                gain[a][b] = max(gain[a + 1][b], gain[a][b + 1], g + gain[a + 1][b + 1] if g > 0 else 0.0)
        a = b = 0
        while a < n and b < m:
            g = self.score(xs[a], ys[b]) - MIN_SCORE
            if g > 0 and abs(gain[a][b] - (g + gain[a + 1][b + 1])) < 1e-9:
                self.pair(xs[a], ys[b])
                a, b = a + 1, b + 1
            elif abs(gain[a][b] - gain[a + 1][b]) < 1e-9:
                a += 1
            else:
                b += 1

    def containers(self) -> None:
        """An unpaired clause whose paired children mostly went to the children of one unpaired clause of
        the same kind in the other reading is that clause, whatever became of its own words."""
        for i in range(len(self.old) - 1, -1, -1):
            x = self.old[i]
            if i in self.o2n or not x.children:
                continue
            votes = Counter(self.new[self.o2n[c]].parent for c in x.children if c in self.o2n)
            if not votes:
                continue
            j, n = votes.most_common(1)[0]
            if j >= 0 and j not in self.n2o and 2 * n > len(x.children) and \
                    self.new[j].clause.kind == x.clause.kind:
                self.pair(i, j)

    def moves(self) -> None:
        """Clauses moved out of order: an unpaired old clause and an unpaired new one whose words are close
        (a section that lost a subclause to another part of the bill pairs with its own continuation)."""
        index: dict[str, list[int]] = defaultdict(list)
        free_new = [j for j in range(len(self.new)) if j not in self.n2o and self.new[j].n_own]
        for j in free_new:
            for t in self.new[j].own:
                index[t].append(j)
        limit = max(8, len(free_new) // 20)
        for i in range(len(self.old)):
            x = self.old[i]
            if i in self.o2n or x.n_own < MOVE_MIN_TOKENS:
                continue
            best, best_j = 0.0, -1
            for j in _candidates(x, index, limit):
                if j in self.n2o or self.sim(i, j) < MOVE_SIMILARITY:
                    continue
                s = self.score(i, j)
                if s > best:
                    best, best_j = s, j
            if best_j >= 0:
                self.pair(i, best_j)


# ------------------------------------------------------------------------------------------ results


@dataclass
class ClauseChange:
    """One entry of the clause diff: a pair of clauses, or a clause of one reading only."""

    old: Clause | None
    new: Clause | None
    status: str
    similarity: float = 0.0
    moved: bool = False  # paired out of reading order
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    ops: list[tuple[str, str, str]] = field(default_factory=list)  # (equal|delete|insert|replace, old, new)
    part_of: Clause | None = None  # deleted: merged into this new clause; inserted: split from this old one

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label

    @property
    def old_label(self) -> str | None:
        return None if self.old is None else (self.old.label or self.old.num or self.old.eid)

    @property
    def new_label(self) -> str | None:
        return None if self.new is None else (self.new.label or self.new.num or self.new.eid)

    def arrow(self) -> str:
        """"s.12 → s.14" for a renumbered pair, else the one label ("s.12")."""
        a, b = display_label(self.old), display_label(self.new)
        return a if not b or a == b else (b if not a else f"{a} → {b}")


@dataclass
class FindingChange:
    status: str  # fixed | new | persisting
    old: Finding | None
    new: Finding | None
    old_clause: Clause | None = None
    new_clause: Clause | None = None
    note: str = ""  # how a persisting finding was paired when not on the paired clause itself

    @property
    def finding(self) -> Finding:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    def arrow(self) -> str:
        """Where the finding is: "s.12 → s.14" when persisting on a renumbered clause, else one label."""
        return ClauseChange(self.old_clause, self.new_clause, "").arrow()


@dataclass
class BillDiff:
    old: Bill
    new: Bill
    clauses: list[ClauseChange]
    findings: list[FindingChange] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(ch.status for ch in self.clauses)
        c.update(f.status for f in self.findings)
        return {k: c.get(k, 0) for k in (UNCHANGED, CHANGED, DELETED, INSERTED, FIXED, NEW, PERSISTING)}

    def pairs(self) -> dict[str, str | None]:
        """old eid -> new eid (None when deleted): the alignment, for tests and tools."""
        return {ch.old.eid: (ch.new.eid if ch.new else None) for ch in self.clauses if ch.old is not None}


def _word_ops(a: str, b: str) -> list[tuple[str, str, str]]:
    wa, wb = words(a), words(b)
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return [(tag, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _compare_text(c: Clause) -> str:
    return " ".join(p for p in (c.heading, own_text(c)) if p)


def align(old: Bill, new: Bill) -> BillDiff:
    """Pair the clauses of two readings; every clause of both appears exactly once in the result, in the
    new reading's order with deleted clauses after their preceding old neighbour."""
    xo, xn = _items(old), _items(new)
    al = _Aligner(xo, xn)
    al.align()
    in_order = set(_lis(sorted(al.o2n.items())))
    changes_by_new: dict[int, ClauseChange] = {}
    for i, j in al.o2n.items():
        a, b = xo[i].clause, xn[j].clause
        ta, tb = _compare_text(a), _compare_text(b)
        same = normalise(ta) == normalise(tb)
        ch = ClauseChange(a, b, UNCHANGED if same else CHANGED, similarity=round(al.sim(i, j), 3),
                          moved=(i, j) not in in_order)
        if not same:
            ch.ops = _word_ops(ta, tb)
            for tag, wa, wb in ch.ops:
                if tag in ("delete", "replace"):
                    ch.removed.extend(wa.split())
                if tag in ("insert", "replace"):
                    ch.added.extend(wb.split())
        changes_by_new[j] = ch
    _note_parts(al)
    out: list[ClauseChange] = []
    deleted_after: dict[int, list[int]] = defaultdict(list)  # new index -> old clauses deleted after it
    last_j = -1
    for i in range(len(xo)):
        j = al.o2n.get(i)
        if j is not None:
            if (i, j) in in_order:
                last_j = j
            continue
        deleted_after[last_j].append(i)

    def emit_deleted(j: int) -> None:
        for i in deleted_after.get(j, ()):
            ch = ClauseChange(xo[i].clause, None, DELETED)
            part = al.merged.get(i)
            ch.part_of = xn[part].clause if part is not None else None
            out.append(ch)

    emit_deleted(-1)
    for j in range(len(xn)):
        ch = changes_by_new.get(j)
        if ch is None:
            ch = ClauseChange(None, xn[j].clause, INSERTED)
            part = al.split.get(j)
            ch.part_of = xo[part].clause if part is not None else None
        out.append(ch)
        emit_deleted(j)
    return BillDiff(old, new, out)


def _note_parts(al: _Aligner) -> None:
    """Where an unpaired clause's words went (merged into) or came from (split from): the clause of the
    other reading that holds at least PART_OF of them."""
    for src, dst, o2n, out in ((al.old, al.new, al.o2n, al.merged), (al.new, al.old, al.n2o, al.split)):
        index: dict[str, list[int]] = defaultdict(list)
        for k, it in enumerate(dst):
            for t in it.own:
                index[t].append(k)
        limit = max(8, len(dst) // 20)
        back = al.n2o if src is al.old else al.o2n  # the other reading's pairs
        for k, it in enumerate(src):
            if k in o2n or it.n_own < 5:
                continue
            # only where the words can have gone: a clause left unpaired too, or the counterpart of a
            # clause around this one (a section split into subsections, a paragraph merged into its parent)
            around = {back_k for a in _ancestors(src, k) if (back_k := _get_pair(al, src, a)) is not None}
            seen: set[int] = set()
            for t in it.own:
                ks = index.get(t, ())
                if len(ks) <= limit:
                    seen.update(ks)
            best, best_k = PART_OF, -1
            for c in sorted(seen):
                if c in back and c not in around:
                    continue
                d = dst[c]
                common = sum(min(n, d.own[t]) for t, n in it.own.items() if t in d.own)
                share = common / it.n_own
                if share >= best and (share > best or best_k < 0):
                    best, best_k = share, c
            if best_k >= 0:
                out[k] = best_k


def _ancestors(items: list[_Item], k: int) -> list[int]:
    out = []
    k = items[k].parent
    while k >= 0:
        out.append(k)
        k = items[k].parent
    return out


def _get_pair(al: _Aligner, items: list[_Item], k: int) -> int | None:
    return al.o2n.get(k) if items is al.old else al.n2o.get(k)


# ------------------------------------------------------------------------------------------ findings


def compare_findings(diff: BillDiff, old_findings: list[Finding], new_findings: list[Finding]) -> None:
    """Fill diff.findings: each old finding is persisting (the same rule on the paired clause, else on a
    clause within the paired one or one it was split from or merged into, else on identical words) or
    fixed; each new finding not paired so is new. Waived findings take part like any other."""
    old_c = diff.old.by_eid()
    new_c = diff.new.by_eid()
    o2n = {ch.old.eid: ch.new.eid for ch in diff.clauses if ch.old is not None and ch.new is not None}
    related: dict[str, set[str]] = defaultdict(set)  # old eid -> new eids its words went to or came from
    for ch in diff.clauses:
        if ch.part_of is not None and ch.old is not None:
            related[ch.old.eid].add(ch.part_of.eid)
        if ch.part_of is not None and ch.new is not None:
            related[ch.part_of.eid].add(ch.new.eid)
    pending_new: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in sorted(new_findings, key=Finding.sort_key):
        pending_new[(f.rule, f.eid)].append(f)
    out: list[FindingChange] = []
    unmatched_old: list[Finding] = []
    for f in sorted(old_findings, key=Finding.sort_key):
        target = o2n.get(f.eid)
        bucket = pending_new.get((f.rule, target)) if target else None
        if bucket:
            g = bucket.pop(0)
            out.append(FindingChange(PERSISTING, f, g, old_c.get(f.eid), new_c.get(g.eid)))
        else:
            unmatched_old.append(f)

    def near(f: Finding) -> set[str]:
        """New clauses a finding of the old clause may have followed: within or around the paired clause,
        and where its words went."""
        eids: set[str] = set(related.get(f.eid, ()))
        t = new_c.get(o2n.get(f.eid, ""))
        if t is not None:  # within the paired clause, or around it up to its section (never a whole Part)
            eids.update(d.eid for d in t.walk())
            for a in t.ancestors():
                if a.kind in _CONTAINERS:
                    break
                eids.add(a.eid)
        return eids

    by_print: dict[str, list[Finding]] = defaultdict(list)
    for bucket in pending_new.values():
        for g in bucket:
            if g.fingerprint:
                by_print[g.fingerprint].append(g)
    for f in unmatched_old:
        g = None
        for eid in sorted(near(f)):
            bucket = pending_new.get((f.rule, eid))
            if bucket:
                g = bucket.pop(0)
                note = "on a clause within or around the paired one"
                if eid in related.get(f.eid, ()):
                    note = "on the clause its words went to"
                break
        if g is None and f.fingerprint:
            for cand in by_print.get(f.fingerprint, ()):
                bucket = pending_new.get((cand.rule, cand.eid))
                if bucket and cand in bucket:
                    bucket.remove(cand)
                    g, note = cand, "same rule on identical words elsewhere"
                    break
        if g is None:
            out.append(FindingChange(FIXED, f, None, old_c.get(f.eid), None))
        else:
            out.append(FindingChange(PERSISTING, f, g, old_c.get(f.eid), new_c.get(g.eid), note))
    for bucket in pending_new.values():
        for g in bucket:
            out.append(FindingChange(NEW, None, g, None, new_c.get(g.eid)))
    order = {FIXED: 0, PERSISTING: 1, NEW: 2}
    out.sort(key=lambda fc: (order[fc.status],) + (fc.new.sort_key() if fc.new else fc.old.sort_key()))
    diff.findings = out


def exit_status(report, fail_on: str = "error", new_only: bool = False, allow_unchecked: bool = False) -> int:
    """2 if a reading could not be read (or was not checked, unless allowed); 1 if a new finding, or with
    new_only False a persisting one, not waived, is at or above `fail_on`; else 0."""
    from lawlint.report.common import ERROR

    if report.diff is None or any(status == ERROR for _, status, _ in report.problems):
        return 2
    if report.problems and not allow_unchecked:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    counted = (NEW,) if new_only else (NEW, PERSISTING)
    for fc in report.diff.findings:
        if fc.status in counted and fc.new is not None and fc.new.waived is None and fc.new.severity >= threshold:
            return 1
    return 0


def _candidates(x, index: dict, limit: int) -> list[int]:
    """Clauses of the other reading sharing one of x's own words, words in more than `limit` clauses left out
    (common words would make every pair a candidate), in order."""
    seen: set[int] = set()
    for t in x.own:
        js = index.get(t, ())
        if len(js) <= limit:
            seen.update(js)
    return sorted(seen)
