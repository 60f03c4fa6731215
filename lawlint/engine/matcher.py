"""Compile every pattern of every rule and predicate of one language into a few matchers, and run them
over all the texts of a bill in one tokenizer pass.

- `phrase` lists -> one PhraseMatcher on LOWER; `lemma` lists -> one PhraseMatcher on LEMMA. Phrases are
  added under one key per distinct set of owners (rules and predicates), so a phrase shared by many
  predicates costs nothing extra. Each side of each `near` item is a LEMMA key of its own; pairs are
  formed per text by token distance.
- `tokens` patterns -> lawlint.engine.tokens (anchored, numpy-filtered; spaCy's Matcher would scan
  every token with every pattern).
- `predicate: NAME` items: a predicate's matches also count for every owner that names it (transitively),
  resolved at compile time into what each key's match means: predicate bits and rule trigger spans.

Owners are numbered: predicates 0..P-1 (so the set of predicates holding in a text is an int bitmask),
rule triggers P..P+R-1.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from lawlint.engine.loader import STRUCTURAL, Pattern, Rule, RuleSet, thaw
from lawlint.engine.nlp import fold, get_nlp

_SPACES = re.compile(r" {2,}")


@dataclass
class TextHits:
    """What matched in one text. Offsets are character offsets into the original text."""

    bits: int = 0  # predicates that hold (bit i = predicate number i)
    rules: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # rule number -> sorted spans
    terms: list[tuple[int, int, int]] = field(default_factory=list)  # (glossary term number, start, end)


@dataclass
class _Near:
    owner: int
    a: frozenset
    b: frozenset
    within: int
    ordered: bool


class Compiled:
    """The matchers of one language for one RuleSet."""

    def __init__(self, ruleset: RuleSet, lang: str):
        self.lang = lang
        self.nlp = nlp = get_nlp(lang)  # first: it imports spaCy the quick way
        from spacy.matcher import PhraseMatcher

        vocab = nlp.vocab
        table = ruleset.predicates.get(lang, {})
        self.pred_names = sorted(table)
        self.pred_index = {name: i for i, name in enumerate(self.pred_names)}
        self.rules: list[Rule] = [r for r in ruleset.rules if lang in r.trigger]
        self.rule_index = {r.id: i for i, r in enumerate(self.rules)}
        # global suppressions that can be decided in this language (their pattern predicates exist here)
        self.suppressions = [s for s in ruleset.suppressions
                             if all(n in table or n in STRUCTURAL for n in s.condition.names)]
        self.rule_suppressions = [[s for s in self.suppressions if s.covers(r.category)] for r in self.rules]
        P = self.n_preds = len(self.pred_names)
        owners: list[tuple[str, tuple[Pattern, ...]]] = [(f"predicate {n!r}", table[n].patterns) for n in self.pred_names]
        owners += [(f"rule {r.id!r}", r.trigger[lang]) for r in self.rules]

        lower_phrases: dict[str, list[int]] = defaultdict(list)
        lemma_phrases: dict[str, list[int]] = defaultdict(list)  # (near sides are kept apart)
        self.near: list[_Near] = []
        token_patterns: list[tuple[int, list]] = []
        refs: dict[int, set[int]] = defaultdict(set)  # predicate -> owners naming it directly
        for owner, (_, patterns) in enumerate(owners):
            for pat in patterns:
                if pat.kind == "phrase":
                    for w in pat.words:
                        lower_phrases[_norm(w)].append(owner)
                elif pat.kind == "lemma":
                    for w in pat.words:
                        lemma_phrases[_norm(w)].append(owner)
                elif pat.kind == "near":
                    a = frozenset(_norm(w) for w in pat.a)
                    b = frozenset(_norm(w) for w in pat.b)
                    self.near.append(_Near(owner, a, b, pat.within, pat.ordered))
                elif pat.kind == "tokens":
                    token_patterns.append((owner, thaw(pat.tokens)))
                elif pat.kind == "predicate":
                    refs[self.pred_index[pat.predicate]].add(owner)

        # Transitive closure: a match of predicate p counts for every owner that names p, directly or not.
        self.expand: dict[int, tuple[int, ...]] = {}
        for p in range(P):
            seen, stack = set(), [p]
            while stack:
                for o in refs.get(stack.pop(), ()):
                    if o not in seen:
                        seen.add(o)
                        if o < P:
                            stack.append(o)
            if seen:
                self.expand[p] = tuple(sorted(seen))

        # What a match of each owner means: the predicate bits it sets (its own and, through `predicate:`
        # references, every predicate naming it) and the rules whose trigger spans it adds to.
        n_owners = len(owners)
        self.owner_mask = [0] * n_owners
        self.owner_rules: list[tuple[int, ...]] = [()] * n_owners
        for o in range(n_owners):
            reach = (o, *self.expand.get(o, ())) if o < P else (o,)
            self.owner_mask[o] = sum(1 << x for x in set(reach) if x < P)
            self.owner_rules[o] = tuple(sorted(x - P for x in set(reach) if x >= P))

        # One PhraseMatcher key per distinct set of owners (not per phrase): every key costs spaCy a
        # lexeme, and a few hundred keys build much faster than a few thousand.
        strings = vocab.strings
        self.key_owners: dict[int, tuple[int, tuple[int, ...]]] = {}  # key -> (predicate bits, rules)
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        words = sorted(lower_phrases)
        docs = dict(zip(words, nlp.tokenizer.pipe(words)))
        for owner_set, group in _grouped(lower_phrases):
            name = "L\x00" + ",".join(map(str, owner_set))
            self.lower.add(name, [docs[w] for w in group])
            self.key_owners[strings.add(name)] = self._effect(owner_set)
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        words = sorted(set(lemma_phrases) | {w for item in self.near for w in item.a | item.b})
        docs = dict(zip(words, nlp.pipe(words)))
        for owner_set, group in _grouped(lemma_phrases):
            name = "M\x00" + ",".join(map(str, owner_set))
            self.lemma.add(name, [docs[w] for w in group])
            self.key_owners[strings.add(name)] = self._effect(owner_set)
        # each side of each near item is a key of its own; its matches are paired per text
        self.near_side: dict[int, tuple[int, int]] = {}
        for i, item in enumerate(self.near):
            for side, group in ((0, item.a), (1, item.b)):
                name = f"N\x00{i}\x00{side}"
                self.lemma.add(name, [docs[w] for w in sorted(group)])
                self.near_side[strings.add(name)] = (i, side)
        # the same, as arrays, so a whole Doc's matches are sorted out with numpy (see _phrase_matches)
        import numpy

        hashes = sorted(set(self.key_owners) | set(self.near_side))
        self.key_hashes = numpy.array(hashes, dtype=numpy.uint64)
        self.key_effect = [self.key_owners.get(h) for h in hashes]  # None for near sides
        self.key_near = numpy.array([self.near_side[h][0] if h in self.near_side else -1 for h in hashes],
                                    dtype=numpy.int64)
        self.key_side = numpy.array([self.near_side[h][1] if h in self.near_side else 0 for h in hashes],
                                    dtype=numpy.int64)
        # `tokens` patterns run in lawlint.engine.tokens, only where their anchor word occurs
        from lawlint.engine.tokens import TokenMatcher

        self.token_owners = [owner for owner, _ in token_patterns]
        self.token_matcher = TokenMatcher([(owners[o][0], p) for o, p in token_patterns], vocab)
        self.tokens = bool(token_patterns)

    # -------------------------------------------------------------------------------------------------

    def analyse(self, texts: list[str], terms: list[str] = ()) -> list[TextHits]:
        """Match every text; `terms` are the bill's glossary terms, matched by lemma.

        Each text is its own Doc (see nlp.tokenize); the matches of all of them are then sorted out
        together with numpy, so the Python work per bill does not grow with the number of matches.
        """
        import numpy

        from lawlint.engine.nlp import tokenize

        nlp = self.nlp
        glossary = None
        term_key: dict[int, int] = {}
        if terms:
            from spacy.matcher import PhraseMatcher

            glossary = PhraseMatcher(nlp.vocab, attr="LEMMA")
            for i, doc in enumerate(nlp.pipe([fold(t).strip() for t in terms])):
                if len(doc):
                    name = f"G\x00{i}"
                    glossary.add(name, [doc])
                    term_key[nlp.vocab.strings.add(name)] = i
        prepared = [_prepare(t) for t in texts]
        docs = tokenize(self.lang, [clean for clean, _ in prepared])

        owner_mask, owner_rules = self.owner_mask, self.owner_rules
        n_texts = len(texts)
        bits = [0] * n_texts
        spans: list[dict[int, list[tuple[int, int]]] | None] = [None] * n_texts  # rule -> token spans
        lemma_pos: list[dict | None] = [None] * n_texts
        term_hits: list[list[tuple[int, int, int]]] = [[] for _ in texts]

        def add_spans(t: int, rules: tuple[int, ...], s: int, e: int) -> None:
            table = spans[t]
            if table is None:
                table = spans[t] = {}
            for r in rules:
                table.setdefault(r, []).append((s, e))

        rows: list[tuple[int, int, int]] = []
        owners_of: list[int] = []
        lower, lemma = self.lower, self.lemma
        for t, doc in enumerate(docs):
            if not len(doc):
                continue
            found = lower(doc)
            found += lemma(doc)
            if found:
                rows += found
                owners_of += [t] * len(found)
            if glossary is not None:
                for mid, s, e in glossary(doc):
                    term_hits[t].append((term_key[mid], s, e))
        self._phrase_matches(rows, owners_of, bits, add_spans, lemma_pos)
        if self.tokens:
            nonempty = [t for t, d in enumerate(docs) if len(d)]
            if nonempty:
                tm = self.token_matcher
                arr = numpy.concatenate([tm.arrays(docs[t]) for t in nonempty])
                offsets = numpy.cumsum([0] + [len(docs[t]) for t in nonempty]).tolist()
                bounds = list(zip(offsets[:-1], offsets[1:]))
                for k, s, e in tm.run_arrays(arr, bounds):
                    j = bisect_right(offsets, s) - 1
                    t, base = nonempty[j], offsets[j]
                    o = self.token_owners[k]
                    bits[t] |= owner_mask[o]
                    if owner_rules[o]:
                        add_spans(t, owner_rules[o], s - base, e - base)

        out = []
        for t in range(n_texts):
            pos = lemma_pos[t]
            if pos:
                for i in sorted({i for i, side in pos if side == 0 and (i, 1) in pos}):
                    item = self.near[i]
                    span = self._pair(item, pos[(i, 0)], pos[(i, 1)])
                    if span is not None:
                        bits[t] |= owner_mask[item.owner]
                        if owner_rules[item.owner]:
                            add_spans(t, owner_rules[item.owner], *span)
            th = TextHits()
            th.bits = bits[t]
            table = spans[t] or {}
            if table or term_hits[t]:
                doc, offmap = docs[t], prepared[t][1]
                for r, token_spans in table.items():
                    th.rules[r] = sorted({_chars(doc, s, e, offmap) for s, e in token_spans})
                th.terms = sorted((k, *_chars(doc, s, e, offmap)) for k, s, e in term_hits[t])
            out.append(th)
        return out

    def _phrase_matches(self, matches: list, texts_of: list[int], bits: list[int], add_spans,
                        lemma_pos: list) -> None:
        """Record PhraseMatcher matches (texts_of[i] is the text of matches[i]): predicate bits per text,
        trigger spans, near-side positions.

        Bill-sized match lists are mostly common words (shall, may, person) that only set a bit or
        feed a `near` item, so the bulk work is done on arrays: each (text, key) pair is applied once,
        and near-side matches are kept only in texts where both sides of the item occur."""
        import numpy

        if not matches:
            return
        m = numpy.array(matches, dtype=numpy.uint64)
        k = numpy.searchsorted(self.key_hashes, m[:, 0])
        s = m[:, 1].astype(numpy.int64)
        e = m[:, 2].astype(numpy.int64)
        t = numpy.array(texts_of, dtype=numpy.int64)
        item = self.key_near[k]
        plain = item < 0
        # keys that set bits and maybe add trigger spans
        kp, sp, ep, tp = k[plain], s[plain], e[plain], t[plain]
        pairs = numpy.unique(tp * len(self.key_hashes) + kp)
        nk = len(self.key_hashes)
        effects = self.key_effect
        with_rules = set()
        for code in pairs.tolist():
            tt, kk = divmod(code, nk)
            mask, rules = effects[kk]
            bits[tt] |= mask
            if rules:
                with_rules.add(kk)
        if with_rules:
            sel = numpy.isin(kp, numpy.array(sorted(with_rules)))
            for kk, ss, ee, tt in zip(kp[sel].tolist(), sp[sel].tolist(), ep[sel].tolist(), tp[sel].tolist()):
                add_spans(tt, effects[kk][1], ss, ee)
        # near sides: only where the same text has both sides of the item
        near = ~plain
        if near.any():
            kn, sn, en, tn, item = k[near], s[near], e[near], t[near], item[near]
            side = self.key_side[kn]
            code = tn * len(self.near) + item
            both = numpy.intersect1d(code[side == 0], code[side == 1])
            keep = numpy.isin(code, both)
            for tt, ii, sd, ss, ee in zip(tn[keep].tolist(), item[keep].tolist(), side[keep].tolist(),
                                          sn[keep].tolist(), en[keep].tolist()):
                pos = lemma_pos[tt]
                if pos is None:
                    pos = lemma_pos[tt] = {}
                pos.setdefault((ii, sd), []).append((ss, ee))

    def _effect(self, owner_set: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        """(predicate bits, rule numbers) a match of a key shared by these owners stands for."""
        mask, rules = 0, set()
        for o in owner_set:
            mask |= self.owner_mask[o]
            rules.update(self.owner_rules[o])
        return mask, tuple(sorted(rules))

    @staticmethod
    def _pair(item: _Near, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The earliest a/b pair at most `within` word positions apart (adjacent words are 1 apart): the
        smallest (start, end). Candidate starts are tried in order and partners found by bisection, so a text
        repeating a phrase thousands of times costs O(n log n), not the O(n^2) of trying every pair."""
        within, ordered = item.within, item.ordered
        a_sorted, b_sorted = sorted(set(a)), sorted(set(b))
        a_starts, b_starts = [sa for sa, _ in a_sorted], [sb for sb, _ in b_sorted]

        def first(spans, partners, starts, later_only):
            # spans: candidate starts in order; partners: spans that must lie within reach after it
            # (start >= own start, or > for the b-side case); the first start with a partner wins
            found = None
            for s0, e0 in spans:
                if found is not None and s0 > found[0]:
                    break
                lo = (bisect_right if later_only else bisect_left)(starts, s0)
                hi = bisect_right(starts, e0 + within - 1)
                for s1, e1 in partners[lo:hi]:
                    if (s1, e1) == (s0, e0):
                        continue
                    span = (s0, max(e0, e1))
                    if found is None or span < found:
                        found = span
            return found

        best = first(a_sorted, b_sorted, b_starts, False)  # b starts at or after a (start = a's)
        if not ordered:
            other = first(b_sorted, a_sorted, a_starts, True)  # a starts after b (start = b's)
            if other is not None and (best is None or other < best):
                best = other
        return best


def _chars(doc, s: int, e: int, offmap) -> tuple[int, int]:
    """Character offsets in the original text of tokens s..e of its Doc."""
    last = doc[e - 1]
    cs, ce = doc[s].idx, last.idx + len(last.text)
    if offmap is not None:
        return offmap[cs], offmap[ce - 1] + 1
    return cs, ce


def _grouped(phrases: dict[str, list[int]]) -> list[tuple[tuple[int, ...], list[str]]]:
    """Phrases grouped by the exact set of owners that use them, in a stable order."""
    groups: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for words in sorted(phrases):
        groups[tuple(sorted(set(phrases[words])))].append(words)
    return sorted(groups.items())


def _norm(words: str) -> str:
    return " ".join(fold(words).lower().split())


def _prepare(text: str) -> tuple[str, list[int] | None]:
    """Fold typography and collapse runs of spaces (which spaCy would keep as tokens and so break
    phrases); return the clean text and, when it changed length, a map from clean to original offsets."""
    clean = fold(text)
    if "  " not in clean:
        return clean, None
    offmap: list[int] = []
    parts: list[str] = []
    pos = 0
    for m in _SPACES.finditer(clean):
        parts.append(clean[pos:m.start() + 1])
        offmap.extend(range(pos, m.start() + 1))
        pos = m.end()
    parts.append(clean[pos:])
    offmap.extend(range(pos, len(clean) + 1))
    return "".join(parts), offmap


def compiled(ruleset: RuleSet, lang: str) -> Compiled:
    """The matchers for `lang`, built once per RuleSet object and process."""
    cache = ruleset.__dict__.setdefault("_compiled", {})
    if lang not in cache:
        cache[lang] = Compiled(ruleset, lang)
    return cache[lang]
