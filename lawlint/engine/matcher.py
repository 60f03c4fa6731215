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
        from spacy.matcher import Matcher, PhraseMatcher

        self.lang = lang
        self.nlp = nlp = get_nlp(lang)
        vocab = nlp.vocab
        table = ruleset.predicates.get(lang, {})
        self.pred_names = sorted(table)
        self.pred_index = {name: i for i, name in enumerate(self.pred_names)}
        self.rules: list[Rule] = [r for r in ruleset.rules if lang in r.trigger]
        self.rule_index = {r.id: i for i, r in enumerate(self.rules)}
        # global suppressions that can be decided in this language (their pattern predicates exist here)
        self.suppressions = [s for s in ruleset.suppressions
                             if all(n in table or n in STRUCTURAL for n in s.condition.names)]
        P = self.n_preds = len(self.pred_names)
        owners: list[tuple[str, tuple[Pattern, ...]]] = [(f"predicate {n!r}", table[n].patterns) for n in self.pred_names]
        owners += [(f"rule {r.id!r}", r.trigger[lang]) for r in self.rules]

        lower_phrases: dict[str, list[int]] = defaultdict(list)
        lemma_phrases: dict[str, list[int]] = defaultdict(list)
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
                    for w in a | b:
                        lemma_phrases.setdefault(w, [])
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

        strings = vocab.strings
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.key_owners: dict[int, tuple[int, ...]] = {}
        keys = sorted(lower_phrases)
        for key, doc in zip(keys, nlp.tokenizer.pipe(keys)):
            name = "L\x00" + key
            self.lower.add(name, [doc])
            self.key_owners[strings.add(name)] = tuple(sorted(set(lower_phrases[key])))
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        keys = sorted(lemma_phrases)
        self.lemma_key: dict[str, int] = {}
        for key, doc in zip(keys, nlp.pipe(keys)):
            name = "M\x00" + key
            self.lemma.add(name, [doc])
            h = strings.add(name)
            self.lemma_key[key] = h
            if lemma_phrases[key]:
                self.key_owners[h] = tuple(sorted(set(lemma_phrases[key])))
        # near items by the keys of their sides, so a text only pays for items whose words it contains
        self.near_keys: dict[int, list[int]] = defaultdict(list)
        for i, item in enumerate(self.near):
            item.a = frozenset(self.lemma_key[w] for w in item.a)
            item.b = frozenset(self.lemma_key[w] for w in item.b)
            for h in item.a | item.b:
                self.near_keys[h].append(i)
        self.tokens = Matcher(vocab, validate=True) if token_patterns else None
        for i, (owner, pattern) in enumerate(token_patterns):
            name = f"T\x00{i}"
            try:
                self.tokens.add(name, [pattern])
            except Exception as exc:  # spaCy's MatcherError/ValueError: show it as the rule author's problem
                msg = " ".join(str(exc).split())
                raise LawlintError(f"{owners[owner][0]}: 'tokens' pattern is invalid for spaCy: {msg[:300]}") from None
            self.key_owners[strings.add(name)] = (owner,)

    # -------------------------------------------------------------------------------------------------

    def analyse(self, texts: list[str], terms: list[str] = (), batch_size: int = 256) -> list[TextHits]:
        """Match every text; `terms` are the bill's glossary terms, matched by lemma."""
        nlp = self.nlp
        glossary = None
        if terms:
            from spacy.matcher import PhraseMatcher

            glossary = PhraseMatcher(nlp.vocab, attr="LEMMA")
            term_key = {}
            for i, doc in enumerate(nlp.pipe([fold(t).strip() for t in terms])):
                if len(doc):
                    name = f"G\x00{i}"
                    glossary.add(name, [doc])
                    term_key[nlp.vocab.strings.add(name)] = i
        prepared = [_prepare(t) for t in texts]
        out = []
        P = self.n_preds
        key_owners, expand, near_keys = self.key_owners, self.expand, self.near_keys
        for (clean, offmap), doc in zip(prepared, nlp.pipe((c for c, _ in prepared), batch_size=batch_size)):
            hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
            lemma_pos: dict[int, list[tuple[int, int]]] = {}
            for mid, s, e in self.lower(doc):
                for o in key_owners[mid]:
                    hits[o].append((s, e))
            touched = set()
            for mid, s, e in self.lemma(doc):
                for o in key_owners.get(mid, ()):
                    hits[o].append((s, e))
                if mid in near_keys:
                    lemma_pos.setdefault(mid, []).append((s, e))
                    touched.update(near_keys[mid])
            for i in sorted(touched):
                span = self._pair(self.near[i], lemma_pos)
                if span is not None:
                    hits[self.near[i].owner].append(span)
            if self.tokens is not None:
                for mid, s, e in self.tokens(doc):
                    hits[key_owners[mid][0]].append((s, e))
            if expand:
                direct = [(p, list(spans)) for p, spans in hits.items() if p < P and p in expand]
                for p, spans in direct:
                    for o in expand[p]:
                        hits[o].extend(spans)
            th = TextHits()
            bits = 0
            for o, spans in hits.items():
                if o < P:
                    bits |= 1 << o
                else:
                    th.rules[o - P] = sorted({_chars(doc, s, e, offmap) for s, e in spans})
            th.bits = bits
            if glossary is not None:
                th.terms = sorted((term_key[mid], *_chars(doc, s, e, offmap)) for mid, s, e in glossary(doc))
            out.append(th)
        return out

    @staticmethod
    def _pair(item: _Near, pos: dict[int, list[tuple[int, int]]]) -> tuple[int, int] | None:
        """The earliest a/b pair at most `within` word positions apart (adjacent words are 1 apart)."""
        a = sorted(s for k in item.a for s in pos.get(k, ()))
        b = sorted(s for k in item.b for s in pos.get(k, ()))
        if not a or not b:
            return None
        best = None
        for sa, ea in a:
            for sb, eb in b:
                if (sa, ea) == (sb, eb):
                    continue
                if sb >= sa:
                    gap = sb - ea + 1 if sb >= ea else 0
                    if item.within >= gap:
                        span = (sa, max(ea, eb))
                    else:
                        continue
                else:
                    if item.ordered:
                        continue
                    gap = sa - eb + 1 if sa >= eb else 0
                    if item.within >= gap:
                        span = (sb, max(ea, eb))
                    else:
                        continue
                if best is None or span < best:
                    best = span
        return best


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


def _chars(doc, s: int, e: int, offmap) -> tuple[int, int]:
    start = doc[s].idx
    last = doc[e - 1]
    end = last.idx + len(last.text)
    if offmap is not None:
        return offmap[start], offmap[end - 1] + 1
    return start, end


def compiled(ruleset: RuleSet, lang: str) -> Compiled:
    """The matchers for `lang`, built once per RuleSet object and process."""
    cache = ruleset.__dict__.setdefault("_compiled", {})
    if lang not in cache:
        cache[lang] = Compiled(ruleset, lang)
    return cache[lang]
