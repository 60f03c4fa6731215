"""Compile every pattern of every rule and predicate of one language into a few spaCy matchers, and run
them over all the texts of a bill in one `nlp.pipe` pass.

- `phrase` lists -> one PhraseMatcher on LOWER; `lemma` lists and the two sides of `near` items -> one
  PhraseMatcher on LEMMA. A pattern is added once under a key naming its words; the key maps to the
  owners (rules and predicates) that use it, so a phrase shared by many predicates costs nothing extra.
- `near` pairs are formed in Python from the LEMMA matches, by token distance.
- `tokens` patterns -> one Matcher (each pattern is costly: spaCy runs them token by token).
- `predicate: NAME` items: a predicate's matches also count for every owner that names it (transitively).

Owners are numbered: predicates 0..P-1 (so the set of predicates holding in a text is an int bitmask),
rule triggers P..P+R-1.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lawlint.engine.loader import STRUCTURAL, Pattern, Rule, RuleSet, thaw
from lawlint.engine.nlp import fold, get_nlp
from lawlint.model import LawlintError

_SPACES = re.compile(r" {2,}")
SEP = "\n\n"  # between texts in a chunk: spaCy makes it a whitespace token, which no phrase can span


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

        # One PhraseMatcher key per distinct set of owners (not per phrase): every key costs spaCy a
        # lexeme, and a few hundred keys build much faster than a few thousand.
        strings = vocab.strings
        self.key_owners: dict[int, tuple[int, ...]] = {}
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        words = sorted(lower_phrases)
        docs = dict(zip(words, nlp.tokenizer.pipe(words)))
        for owner_set, group in _grouped(lower_phrases):
            name = "L\x00" + ",".join(map(str, owner_set))
            self.lower.add(name, [docs[w] for w in group])
            self.key_owners[strings.add(name)] = owner_set
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        words = sorted(set(lemma_phrases) | {w for item in self.near for w in item.a | item.b})
        docs = dict(zip(words, nlp.pipe(words)))
        for owner_set, group in _grouped(lemma_phrases):
            name = "M\x00" + ",".join(map(str, owner_set))
            self.lemma.add(name, [docs[w] for w in group])
            self.key_owners[strings.add(name)] = owner_set
        # each side of each near item is a key of its own; its matches are paired per text
        self.near_side: dict[int, tuple[int, int]] = {}
        for i, item in enumerate(self.near):
            for side, group in ((0, item.a), (1, item.b)):
                name = f"N\x00{i}\x00{side}"
                self.lemma.add(name, [docs[w] for w in sorted(group)])
                self.near_side[strings.add(name)] = (i, side)
        # `tokens` patterns run in lawlint.engine.tokens, only where their anchor word occurs
        from lawlint.engine.tokens import TokenMatcher

        self.token_owners = [owner for owner, _ in token_patterns]
        self.token_matcher = TokenMatcher([(owners[o][0], p) for o, p in token_patterns], vocab)
        self.tokens = bool(token_patterns)

    # -------------------------------------------------------------------------------------------------

    def analyse(self, texts: list[str], terms: list[str] = (), chunk_chars: int = 200_000) -> list[TextHits]:
        """Match every text; `terms` are the bill's glossary terms, matched by lemma.

        The texts are joined (a blank line between them, which is a token no pattern can cross) into a
        few large Docs, so spaCy's per-Doc overhead is paid a few times per bill, not once per clause;
        a match that crosses from one text into the next (only a `tokens` pattern with `*` can) is dropped.
        """
        from bisect import bisect_right

        from spacy.attrs import IDX, LENGTH

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
        # chunks of whole texts: (first text, [start offset of each text in the chunk string], string)
        chunks: list[tuple[int, list[int], str]] = []
        parts: list[str] = []
        starts: list[int] = []
        size, first = 0, 0
        for k, (clean, _) in enumerate(prepared):
            if parts and size + len(clean) > chunk_chars:
                chunks.append((first, starts, "".join(parts)))
                parts, starts, size, first = [], [], 0, k
            starts.append(size)
            parts.append(clean + SEP)
            size += len(clean) + len(SEP)
        if parts:
            chunks.append((first, starts, "".join(parts)))

        P = self.n_preds
        key_owners, expand, near_side = self.key_owners, self.expand, self.near_side
        hits: list[dict[int, list[tuple[int, int]]]] = [defaultdict(list) for _ in texts]
        lemma_pos: list[dict[int, list[tuple[int, int]]]] = [{} for _ in texts]
        term_hits: list[list[tuple[int, int, int]]] = [[] for _ in texts]
        spans_of: list = [None] * len(texts)  # per text: (chunk idx list, lens list, text start) for offsets
        for (first, starts, string), doc in zip(chunks, nlp.pipe(c[2] for c in chunks)):
            arr = doc.to_array([IDX, LENGTH]).tolist()
            idx = [a[0] for a in arr]
            lens = [a[1] for a in arr]
            ends = [st + len(prepared[first + j][0]) for j, st in enumerate(starts)]

            def where(s: int, e: int) -> int:
                """The text a token span lies in, or -1 when it crosses a boundary."""
                cs = idx[s]
                j = bisect_right(starts, cs) - 1
                return first + j if idx[e - 1] + lens[e - 1] <= ends[j] else -1

            for k in range(first, first + len(starts)):
                spans_of[k] = (idx, lens, starts[k - first])
            for mid, s, e in self.lower(doc):
                t = where(s, e)
                if t >= 0:
                    h = hits[t]
                    for o in key_owners[mid]:
                        h[o].append((s, e))
            for mid, s, e in self.lemma(doc):
                t = where(s, e)
                if t < 0:
                    continue
                owner_set = key_owners.get(mid)
                if owner_set is not None:
                    h = hits[t]
                    for o in owner_set:
                        h[o].append((s, e))
                else:
                    lemma_pos[t].setdefault(near_side[mid], []).append((s, e))
            if self.tokens:
                from lawlint.engine.tokens import text_bounds

                bounds = text_bounds(idx, starts, ends)
                for k, s, e in self.token_matcher.run(doc, bounds):
                    t = where(s, e)
                    if t >= 0:
                        hits[t][self.token_owners[k]].append((s, e))
            if glossary is not None:
                for mid, s, e in glossary(doc):
                    t = where(s, e)
                    if t >= 0:
                        term_hits[t].append((term_key[mid], s, e))

        out = []
        for t, h in enumerate(hits):
            pos = lemma_pos[t]
            if pos:
                for i in sorted({i for i, side in pos if side == 0 and (i, 1) in pos}):
                    item = self.near[i]
                    span = self._pair(item, pos[(i, 0)], pos[(i, 1)])
                    if span is not None:
                        h[item.owner].append(span)
            if expand:
                direct = [(p, list(spans)) for p, spans in h.items() if p < P and p in expand]
                for p, spans in direct:
                    for o in expand[p]:
                        h[o].extend(spans)
            th = TextHits()
            bits = 0
            rule_owners = []
            for o in h:
                if o < P:
                    bits |= 1 << o
                else:
                    rule_owners.append(o)
            th.bits = bits
            if rule_owners or term_hits[t]:
                idx, lens, base = spans_of[t]
                offmap = prepared[t][1]

                def chars(s: int, e: int) -> tuple[int, int]:
                    cs, ce = idx[s] - base, idx[e - 1] + lens[e - 1] - base
                    if offmap is not None:
                        return offmap[cs], offmap[ce - 1] + 1
                    return cs, ce

                for o in rule_owners:
                    th.rules[o - P] = sorted({chars(s, e) for s, e in h[o]})
                th.terms = sorted((k, *chars(s, e)) for k, s, e in term_hits[t])
            out.append(th)
        return out

    @staticmethod
    def _pair(item: _Near, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The earliest a/b pair at most `within` word positions apart (adjacent words are 1 apart)."""
        within, ordered = item.within, item.ordered
        best = None
        for sa, ea in a:
            for sb, eb in b:
                if sa == sb and ea == eb:
                    continue
                if sb >= sa:
                    gap = sb - ea + 1 if sb >= ea else 0
                    start = sa
                elif ordered:
                    continue
                else:
                    gap = sa - eb + 1 if sa >= eb else 0
                    start = sb
                if gap <= within:
                    span = (start, ea if ea > eb else eb)
                    if best is None or span < best:
                        best = span
        return best


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
