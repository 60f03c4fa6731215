"""Precedents: the provisions courts, UN mandates and expert bodies condemned, read down or upheld, and lawful
model texts, matched to a bill's clauses by wording.

`lawlint check` calls `attach(bill, findings, language, ...)` once per bill, after the rules and the scorer
(lawlint.engine.runner.lint_source). Each clause is read with the lead-ins and closing words above it (as the
scorer reads it) and compared with every precedent of the same language:

- words are the content lemmas of the engine's own spaCy pipeline (lawlint.engine.nlp.tokenize: the lookup
  lemmatizer), so inflection does not matter; numbers, list labels and stop words are dropped, so
  renumbering does not matter; drafting synonyms ("publishes", "transmits", "circulates") are folded to one
  word by a small map kept as data (synonyms.json);
- the similarity is rapidfuzz's: the Indel similarity of the two clauses' words in sorted order (so
  reordered lists and clauses do not matter), or, where one text is much shorter than the other (a quoted
  fragment of a provision, or one paragraph of a long section), rapidfuzz's partial ratio of the shorter
  within the longer in reading order, discounted for short texts, which match by chance more easily;
- a numpy word-overlap filter picks the pairs worth scoring, so a 200-page bill against a thousand
  precedents costs a fraction of a second.

Only precedents in the bill's language are compared: no reliable offline translation exists, so a French bill
is never matched against an English judgment.

Every finding gets the clause's nearest precedents (`Finding.precedents`); a clause that matches a condemned
provision at or above THRESHOLD, more closely than any lawful one, and that no rule or scorer finding covers
(on it, above it or inside it) gets a `resembles-condemned-provision` warning of its own, so a re-enacted
provision is never silent.

The precedents ship in precedents.json, built from corpora/condemned by `python -m lawlint.precedents.build`;
the word index is built at first use in each process and cached on disk (beside the rule cache) by content.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lawlint.model import CONFIDENCE_ORDER, Bill, Clause, Finding, PrecedentMatch, Severity

HERE = Path(__file__).parent
DATA = HERE / "precedents.json"
ENV_DATA = "LAWLINT_PRECEDENTS"  # another precedents file in the same format (benchmarks, one's own collection)
SYNONYMS = HERE / "synonyms.json"
FORMAT = "lawlint-precedents/1"
NORMALISER_VERSION = "3"  # bump when the word normalisation changes (invalidates the on-disk index cache)

RULE_ID = "resembles-condemned-provision"
CONDEMNED = frozenset({"struck down", "read down", "criticised"})
HOLDINGS = ("struck down", "read down", "criticised", "upheld", "model")
THRESHOLD = 0.8  # similarity at or above which a condemned match raises resembles-condemned-provision
SHOWN = 0.6  # similarity at or above which a precedent is listed on a finding
TOP = 3  # precedents listed per finding
MIN_WORDS = 6  # a reading with fewer content words is not compared (headings, "(a) the Minister;")
PARTIAL_MIN = 8  # the shorter text needs this many words for the partial (fragment) comparison
PARTIAL_FULL = 15  # ... and this many for its partial score to count in full
PARTIAL_LENGTH = 1.25  # the longer text must be this many times longer for the partial comparison
SLACK = 0.0  # a pair is scored when the estimate from distinct words comes within this of the floor
CONTAINERS = frozenset({"part", "chapter", "division", "schedule", "preamble", "book", "title"})


# ----------------------------------------------------------------------------------------- the data

@dataclass(frozen=True)
class Precedent:
    id: str
    jurisdiction: str
    instrument: str
    section: str
    language: str
    text: str
    verdict: str
    holding: str
    categories: tuple[str, ...]
    body: str
    case: str
    citation: str
    date: str
    url: str

    @property
    def condemned(self) -> bool:
        return self.holding in CONDEMNED and self.verdict == "violation"

    def case_label(self) -> str:
        """The case name and citation, or for a body's document, the body and the document."""
        case = self.case
        if self.citation and self.citation not in case:
            case = f"{case}, {self.citation}" if case else self.citation
        if self.body and self.body not in case:
            case = f"{self.body}: {case}" if case else self.body
        return case


@lru_cache(maxsize=None)
def load() -> tuple[Precedent, ...]:
    """The shipped precedents, in file order (sorted by id)."""
    path = data_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a lawlint precedents file (format {data.get('format')!r})")
    return tuple(from_record(r) for r in data["precedents"])


def data_path() -> Path:
    import os

    other = os.environ.get(ENV_DATA)
    return Path(other) if other else DATA


def from_record(r: dict) -> Precedent:
    d = r.get("decision") or {}
    return Precedent(
        id=r["id"], jurisdiction=r.get("jurisdiction", ""), instrument=r.get("instrument", ""),
        section=str(r.get("section", "")), language=r.get("language", "en"), text=r["text"],
        verdict=r.get("verdict", ""), holding=d.get("holding", ""), categories=tuple(r.get("categories", ())),
        body=d.get("body", ""), case=d.get("case", ""), citation=d.get("citation", ""),
        date=str(d.get("date", "")), url=d.get("url", "") or r.get("label_url", "") or r.get("source_url", ""),
    )


def by_id() -> dict[str, Precedent]:
    return {p.id: p for p in load()}


def for_categories(categories) -> list[Precedent]:
    """Precedents whose categories include any of `categories` (for `lawlint explain`), condemned first."""
    want = set(categories)
    order = {h: i for i, h in enumerate(HOLDINGS)}
    found = [p for p in load() if want & set(p.categories)]
    return sorted(found, key=lambda p: (order.get(p.holding, 9), p.jurisdiction, p.id))


@lru_cache(maxsize=None)
def synonyms(lang: str) -> dict[str, str]:
    """word -> canonical word for `lang` (synonyms.json)."""
    data = json.loads(SYNONYMS.read_text(encoding="utf-8"))
    out = {}
    for canon, words in data.get(lang, {}).items():
        for w in words:
            out[w] = canon
    return out


# ----------------------------------------------------------------------------------------- words

# The words compared are the scorer's (lawlint.scorer.features): content lemmas without spaCy's stop words
# (negations and catch-alls kept) and without the words of the penalty and the medium, which every cyber
# offence shares ("commits an offence and is liable on conviction to a fine or to imprisonment", "through a
# computer system"), so two offences are compared on the conduct they punish and a boilerplate penalty
# subsection matches nothing. Sharing them also lets `check` reuse the words the scorer already computed.
@lru_cache(maxsize=None)
def _stop(lang: str) -> frozenset[str]:
    from lawlint.scorer.features import default_stop_words

    return frozenset(default_stop_words(lang))


def words_of(docs, lang: str) -> list[list[str]]:
    """Content lemmas of each spaCy Doc, synonyms folded, in reading order: lawlint.scorer.features.words, then
    the synonym map. Works on arrays of string hashes with one decision per distinct word form, as the
    engine's lemmatizer does (lawlint.engine.nlp)."""
    import numpy
    from spacy.attrs import IS_ALPHA, LEMMA, LOWER

    docs = list(docs)
    out: list[list[str]] = [[] for _ in docs]
    live = [i for i, d in enumerate(docs) if len(d)]
    if not live:
        return out
    from lawlint.scorer.features import _LABEL

    stop, syn = _stop(lang), synonyms(lang)
    strings = docs[live[0]].vocab.strings
    arrays = [docs[i].to_array([IS_ALPHA, LOWER, LEMMA]) for i in live]
    allv = numpy.concatenate(arrays)
    # the engine's lemma is a function of the lower-case form (nlp._make_lemmatizer), so one decision per form
    uniq, first, inverse = numpy.unique(allv[:, 1], return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    lemmas = allv[first, 2].tolist()
    kept: list[str | None] = []
    for lower_h, lemma_h in zip(uniq.tolist(), lemmas):
        lower = strings[lower_h]
        lemma = strings[lemma_h] if lemma_h else lower
        if len(lemma) < 2 or lemma in stop or _LABEL.match(lower):
            kept.append(None)
        else:
            kept.append(syn.get(lemma, lemma))
    alpha = allv[:, 0].astype(bool).tolist()
    codes = inverse.tolist()
    pos = 0
    for i, arr in zip(live, arrays):
        n = len(arr)
        ws = out[i]
        for k in range(pos, pos + n):
            if alpha[k]:
                w = kept[codes[k]]
                if w is not None:
                    ws.append(w)
        pos += n
    return out


def lemmatise(lang: str, texts: list[str]) -> list[list[str]]:
    from lawlint.engine.nlp import fold, tokenize

    if not texts:
        return []
    return words_of(tokenize(lang, [fold(t) for t in texts]), lang)


# ----------------------------------------------------------------------------------------- the index

class Index:
    """The precedents of one language as coded strings (one character per word) for rapidfuzz, and a word
    incidence matrix for the overlap filter."""

    UNKNOWN = "\u0001"  # any word no precedent has: it never matches, it only adds length

    def __init__(self, lang: str, precedents: list[Precedent], words: list[list[str]]):
        import numpy

        self.lang = lang
        keep = [i for i, ws in enumerate(words) if len(ws) >= 3]
        self.precedents = [precedents[i] for i in keep]
        words = [words[i] for i in keep]
        vocab: dict[str, int] = {}
        for ws in words:
            for w in ws:
                vocab.setdefault(w, len(vocab))
        self.vocab = vocab
        self.code = {w: chr(0x100 + i) for w, i in vocab.items()}
        self.ordered = [self.encode(ws) for ws in words]
        self.sorted = ["".join(sorted(s)) for s in self.ordered]
        self.sizes = numpy.array([len(s) for s in self.ordered], dtype=numpy.float32)
        mat = numpy.zeros((len(words), len(vocab)), dtype=numpy.float32)
        for i, ws in enumerate(words):
            mat[i, [vocab[w] for w in set(ws)]] = 1.0
        self.matrix = mat
        self.distinct = mat.sum(axis=1)

    def encode(self, words: list[str]) -> str:
        code, unknown = self.code, self.UNKNOWN
        return "".join(code.get(w, unknown) for w in words)

    def __len__(self) -> int:
        return len(self.precedents)


def _cache_dir() -> Path | None:
    from lawlint.cache import cache_dir

    return cache_dir("precedents")


@lru_cache(maxsize=None)
def index(lang: str) -> Index | None:
    """The index for `lang`, built at first use in the process; the precedents' words are cached on disk by
    the content of the data, the synonyms, the normaliser and spaCy's version, so later processes skip
    tokenizing them. None when no precedent is in `lang`."""
    precedents = [p for p in load() if p.language == lang]
    if not precedents:
        return None
    words = _cached_words(lang, precedents)
    return Index(lang, precedents, words)


def _cached_words(lang: str, precedents: list[Precedent]) -> list[list[str]]:
    from lawlint.engine.nlp import import_spacy

    spacy = import_spacy()
    h = hashlib.sha256()
    for part in (data_path().read_bytes(), SYNONYMS.read_bytes(), lang.encode(), NORMALISER_VERSION.encode(),
                 spacy.__version__.encode()):
        h.update(part)
        h.update(b"\0")
    key = h.hexdigest()[:40]
    cache = _cache_dir()
    if cache is not None:
        try:
            data = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
            if len(data) == len(precedents):
                return data
        except (OSError, ValueError):
            pass
    words = lemmatise(lang, [p.text for p in precedents])
    if cache is not None:
        from lawlint.cache import write_json

        write_json(cache / f"{key}.json", words)
    return words


# ----------------------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class Match:
    precedent: Precedent
    similarity: float

    def ref(self) -> PrecedentMatch:
        p = self.precedent
        return PrecedentMatch(id=p.id, similarity=round(self.similarity, 3), jurisdiction=p.jurisdiction,
                              instrument=p.instrument, section=p.section, holding=p.holding,
                              case=p.case_label(), date=p.date, url=p.url)


def _damp(n: int) -> float:
    return min(1.0, n / PARTIAL_FULL) ** 0.5


def similarity(a: str, a_sorted: str, b: str, b_sorted: str) -> float:
    """0-1: the better of the sorted-word Indel similarity and, where one text is much the shorter, its
    partial ratio within the other, discounted below PARTIAL_FULL words. (match_words computes the same
    in bulk.)"""
    from rapidfuzz import fuzz

    best = fuzz.ratio(a_sorted, b_sorted) / 100.0
    return max(best, _partial(a, b, best))


def _partial(a: str, b: str, beat: float) -> float:
    """The discounted partial ratio of the shorter of a, b within the longer (0 when it does not apply or
    cannot beat `beat`)."""
    from rapidfuzz import fuzz

    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    if n < PARTIAL_MIN or len(long_) < PARTIAL_LENGTH * n:
        return 0.0
    damp = _damp(n)
    if damp <= beat:
        return 0.0
    return fuzz.partial_ratio(short, long_, score_cutoff=100.0 * beat / damp) / 100.0 * damp


def match_words(idx: Index, readings: list[list[str]], top: int = TOP, floor: float = SHOWN,
                partial: list[bool] | None = None) -> list[list[Match]]:
    """For each reading (a list of content words), the precedents at or above `floor`, nearest first
    (ties: by id), at most `top`. `partial[i]` False: reading i is compared as a whole only (a clause with
    children: its parts are compared on their own, each with its lead-in).

    The sorted-word similarity of every pair comes from one rapidfuzz cdist call; the partial ratio, which
    costs more, is computed only for pairs where it applies and where the share of the shorter text's
    distinct words found in the longer (from a numpy incidence product) says it could reach `floor`."""
    import numpy
    from rapidfuzz import fuzz, process

    out: list[list[Match]] = [[] for _ in readings]
    if not len(idx):
        return out
    # identical readings (repeated provisos, "(a) the Minister;" under the same lead-in) are matched once
    first: dict[tuple[tuple[str, ...], bool], int] = {}
    live: list[int] = []
    same: list[tuple[int, int]] = []
    for i, ws in enumerate(readings):
        if len(ws) < MIN_WORDS:
            continue
        key = (tuple(ws), partial is None or partial[i])
        j = first.setdefault(key, i)
        if j == i:
            live.append(i)
        else:
            same.append((i, j))
    if not live:
        return out
    coded = [idx.encode(readings[i]) for i in live]
    whole = process.cdist(["".join(sorted(c)) for c in coded], idx.sorted, scorer=fuzz.ratio, dtype=numpy.uint8,
                          workers=1).astype(numpy.float32) / 100.0
    best = whole.copy()
    lens = numpy.array([len(c) for c in coded], dtype=numpy.float32)
    plens = idx.sizes
    vocab = idx.vocab
    ptr = idx.matrix.T.copy()  # V x P, a row per word
    sel = [k for k, i in enumerate(live) if partial is None or partial[i]]
    step = 256
    for start in range(0, len(sel), step):
        ks = sel[start:start + step]
        la = lens[ks][:, None]
        short = numpy.minimum(la, plens[None, :])
        applies = (short >= PARTIAL_MIN) & (numpy.maximum(la, plens[None, :]) >= PARTIAL_LENGTH * short)
        if not applies.any():
            continue
        # shared distinct words of each reading and precedent: the precedents' rows of the reading's words, summed
        cols, bounds, distinct = [], [0], []
        for k in ks:
            ws = set(readings[live[k]])
            cols += [vocab[w] for w in ws if w in vocab]
            bounds.append(len(cols))
            distinct.append(len(ws))
        gathered = ptr[numpy.array(cols, dtype=numpy.intp)] if cols else numpy.zeros((1, len(idx)), numpy.float32)
        cum = numpy.vstack([numpy.zeros((1, len(idx)), numpy.float32), numpy.cumsum(gathered, axis=0)])
        b = numpy.array(bounds)
        overlap = cum[b[1:]] - cum[b[:-1]]
        dist = numpy.array(distinct, dtype=numpy.float32)[:, None]
        shorter_distinct = numpy.where(la <= plens[None, :], dist, idx.distinct[None, :])
        damp = numpy.sqrt(numpy.minimum(1.0, short / PARTIAL_FULL))
        estimate = overlap / numpy.maximum(shorter_distinct, 1.0) * damp
        estimate[~applies] = 0.0
        estimate[estimate < floor - SLACK] = 0.0
        cur = best[ks]
        estimate[estimate <= cur] = 0.0
        for r in numpy.nonzero(estimate.any(axis=1))[0].tolist():
            # branch and bound: candidates by estimate, highest first, until none can enter the top `top`
            row_est = estimate[r]
            order = numpy.argsort(-row_est, kind="stable")
            row = cur[r]
            kth = max(float(numpy.partition(row, -top)[-top]) if len(row) >= top else 0.0, floor - 1e-9)
            a = coded[ks[r]]
            for p in order.tolist():
                e = float(row_est[p])
                if e <= 0.0 or e <= kth:
                    break
                part = _partial(a, idx.ordered[p], max(float(row[p]), kth))
                if part > row[p]:
                    row[p] = part
                    best[ks[r], p] = part
                    kth = max(float(numpy.partition(row, -top)[-top]) if len(row) >= top else 0.0, floor - 1e-9)
    for k in numpy.nonzero((best >= floor).any(axis=1))[0].tolist():
        row = best[k]
        hits = numpy.nonzero(row >= floor)[0]
        ms = [Match(idx.precedents[p], float(row[p])) for p in hits.tolist()]
        ms.sort(key=lambda m: (-m.similarity, m.precedent.id))
        out[live[k]] = ms[:top]
    for i, j in same:
        out[i] = out[j]
    return out


def match_texts(texts: list[str], lang: str, top: int = TOP, floor: float = SHOWN) -> list[list[Match]]:
    """Nearest precedents of each text (a clause with its lead-in, as the user pasted it)."""
    idx = index(lang)
    if idx is None:
        return [[] for _ in texts]
    return match_words(idx, lemmatise(lang, texts), top, floor)


# ----------------------------------------------------------------------------------------- a bill

def readings(bill: Bill, lang: str) -> tuple[list[Clause], list[list[str]]]:
    """Each clause below the containers, read with the headings and lead-ins of the provisions above it, its
    own subtree and the closing words above it, as content words. The words are those the scorer computed for
    this bill when it ran just before (lawlint.scorer.cached_lemma_parts); otherwise, and for quoted
    (amending) text, which the scorer leaves out, one tokenizer batch here."""
    from lawlint.scorer import cached_lemma_parts

    syn = synonyms(lang)
    cached = cached_lemma_parts(bill, lang, _stop(lang))
    words: dict[tuple[int, str], list[str]] = {}
    keys, texts = [], []
    for c in bill.walk():
        for part, text in (("h", c.heading), ("t", c.text), ("w", c.wrap_up)):
            if text and text.strip():
                key = (id(c), part)
                got = cached.get(key) if cached is not None else None
                if got is not None:
                    words[key] = [syn.get(w, w) for w in got] if syn else got
                else:
                    keys.append(key)
                    texts.append(text)
    if texts:
        words.update(zip(keys, lemmatise(lang, texts)))

    empty: list[str] = []
    subtree: dict[int, list[str]] = {}

    def sub(c: Clause) -> list[str]:
        got = subtree.get(id(c))
        if got is None:
            key = id(c)
            got = words.get((key, "h"), empty) + words.get((key, "t"), empty)
            for ch in c.children:
                got = got + sub(ch)
            got = got + words.get((key, "w"), empty)
            subtree[key] = got
        return got

    clauses, out = [], []
    lead: dict[int, tuple[list[str], list[str]]] = {}  # id(clause) -> (words before its children, after them)
    for c in bill.walk():
        parent = c.parent
        before, after = lead.get(id(parent), (empty, empty)) if parent is not None else (empty, empty)
        if c.kind in CONTAINERS:
            lead[id(c)] = (empty, empty)
            continue
        key = id(c)
        lead[key] = (before + words.get((key, "h"), empty) + words.get((key, "t"), empty),
                     words.get((key, "w"), empty) + after)
        clauses.append(c)
        out.append(before + sub(c) + after)
    return clauses, out


def match_bill(bill: Bill, lang: str) -> dict[str, list[Match]]:
    """eid -> nearest precedents of that clause (only clauses with any at or above SHOWN)."""
    idx = index(lang)
    if idx is None:
        return {}
    clauses, words = readings(bill, lang)
    found = match_words(idx, words, partial=[not c.children for c in clauses])
    return {c.eid: ms for c, ms in zip(clauses, found) if ms}


def attach(bill: Bill, findings: list[Finding], language: str, min_confidence: str = "low", ruleset=None,
           threshold: float = THRESHOLD) -> list[Finding]:
    """`findings` with their clauses' precedents, plus a resembles-condemned-provision finding for each clause
    that matches a condemned provision at or above `threshold` (more closely than any lawful precedent) and
    that no finding covers; sorted."""
    from dataclasses import replace

    matches = match_bill(bill, language) if language else {}
    if not matches:
        return findings
    shown = with_context(bill, matches)
    out = [replace(f, precedents=tuple(m.ref() for m in shown[f.eid])) if f.eid in shown else f
           for f in findings]
    added = resembling(bill, matches, findings, min_confidence, ruleset, threshold)
    if added:
        out += added
        out.sort(key=Finding.sort_key)
    return out


def with_context(bill: Bill, matches: dict[str, list[Match]], top: int = TOP) -> dict[str, list[Match]]:
    """eid -> the nearest precedents of the clause or of a provision above it: a paragraph of a copied list
    shares its section's precedent even where its own words, with its lead-in, match less closely."""
    out: dict[str, list[Match]] = {}
    for c in bill.walk():
        chain = [c] + [a for a in c.ancestors() if a.kind not in CONTAINERS]
        best: dict[str, Match] = {}
        for x in chain:
            for m in matches.get(x.eid, ()):
                if m.precedent.id not in best or m.similarity > best[m.precedent.id].similarity:
                    best[m.precedent.id] = m
        if best:
            out[c.eid] = sorted(best.values(), key=lambda m: (-m.similarity, m.precedent.id))[:top]
    return out


def confidence(sim: float) -> str:
    return "high" if sim >= 0.95 else "medium" if sim >= 0.88 else "low"


def _section(c: Clause) -> Clause:
    """The outermost provision holding the clause (below Parts and Chapters), or the clause itself."""
    top = c
    for a in c.ancestors():
        if a.kind not in CONTAINERS:
            top = a
    return top


def resembling(bill: Bill, matches: dict[str, list[Match]], findings: list[Finding], min_confidence: str = "low",
               ruleset=None, threshold: float = THRESHOLD) -> list[Finding]:
    """The resembles-condemned-provision findings. A clause qualifies when its nearest precedent is condemned
    and at or above `threshold`, no finding stands on it, above it or inside it, and no finding in its section
    already cites that precedent; then one per section and precedent (the closest match; the higher clause on
    a tie)."""
    flagged = {f.eid for f in findings}
    nodes = {c.eid: c for c in bill.walk()}
    shown = with_context(bill, matches)
    cited: dict[str, set[str]] = {}  # section eid -> precedents a finding in it already carries
    for f in findings:
        c = nodes.get(f.eid)
        if c is not None:
            cited.setdefault(_section(c).eid, set()).update(m.precedent.id for m in shown.get(f.eid, ()))
    cands = []
    for eid, ms in matches.items():
        best = ms[0]
        if not best.precedent.condemned or best.similarity < threshold:
            continue
        c = nodes.get(eid)
        if c is None or any(x.eid in flagged for x in c.walk()) or any(a.eid in flagged for a in c.ancestors()):
            continue
        sec = _section(c).eid
        if best.precedent.id in cited.get(sec, ()):
            continue
        cands.append((c, best, sec))
    cands.sort(key=lambda cb: (-cb[1].similarity, len(cb[0].ancestors())))
    chosen: list[tuple[Clause, Match]] = []
    taken: set[str] = set()
    per_section: set[tuple[str, str]] = set()
    for c, m, sec in cands:
        if c.eid in taken or any(a.eid in taken for a in c.ancestors()) or (sec, m.precedent.id) in per_section:
            continue
        chosen.append((c, m))
        taken.update(x.eid for x in c.walk())
        per_section.add((sec, m.precedent.id))
    categories = set(ruleset.categories()) if ruleset is not None and ruleset.rules else None
    floor = CONFIDENCE_ORDER.get(min_confidence, 1)
    out = []
    for c, m in chosen:
        f = make_finding(bill, c, m, shown.get(c.eid, [m]))
        if CONFIDENCE_ORDER[f.confidence] < floor:
            continue
        if categories is not None and f.category not in categories:
            continue
        out.append(f)
    out.sort(key=Finding.sort_key)
    return out


def make_finding(bill: Bill, c: Clause, m: Match, ms: list[Match]) -> Finding:
    from lawlint.engine.evaluate import fingerprint
    from lawlint.engine.scopes import label
    from lawlint.scorer import _anchor

    p = m.precedent
    category = p.categories[0] if p.categories else "FE-VAGUE"
    at, excerpt = _anchor(c)
    loc = at.anchors[0][1] if at.anchors and at.anchors[0][0] == 0 else at.location
    when = f" ({p.date[:4]})" if p.date else ""
    message = (f"This clause's wording is {m.similarity:.0%} similar to {p.instrument}, {p.section}, which was "
               f"{p.holding}{when}: {p.case_label()}. No rule flagged it; read it against that decision.")
    return Finding(
        rule=RULE_ID, category=category, severity=Severity.WARNING, confidence=confidence(m.similarity),
        title="Wording resembles a provision a court or expert body condemned", path=bill.path,
        clause=label(c), eid=c.eid, line=loc.line, column=loc.column, page=loc.page, excerpt=excerpt,
        message=message,
        fix=("Compare the clause with the condemned provision and the reasons given against it; redraft what the "
             "decision objected to (vague terms, no intent or harm threshold, missing safeguards), or, if the "
             "clause differs in what matters, waive the finding and say why."),
        explanation=f"precedent similarity {m.similarity:.3f} (threshold {THRESHOLD:.2f}) to {p.id}",
        fingerprint=fingerprint(RULE_ID, c),
        precedents=tuple(x.ref() for x in ms),
    )
