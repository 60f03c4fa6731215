"""`tokens` patterns, evaluated only where they can start.

spaCy's Matcher walks every token of every Doc with every pattern, and evaluates IN/NOT_IN sets in Python
token by token: a handful of patterns cost more than all phrase lists together. Here a pattern is
tried only at the positions its anchor word (its first required literal token) allows, against integer
attribute arrays taken from the Doc once. The pattern language is spaCy's (validated by spaCy when the
rules are compiled); the subset supported here is checked at compile time so nothing is silently ignored.

Where spaCy returns every match, this returns one match per start position (the shortest for `*`/`+`,
the longest for `?`): lawlint needs only where a pattern matched and the earliest span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from lawlint.model import LawlintError

STRING_ATTRS = ("ORTH", "TEXT", "LOWER", "LEMMA", "NORM")
FLAG_ATTRS = ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
              "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
              "IS_RIGHT_PUNCT", "IS_CURRENCY")
INT_ATTRS = ("LENGTH",)
_ARRAY_ATTR = {"TEXT": "ORTH"}  # spaCy's TEXT is ORTH
_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


@dataclass
class _Test:
    column: int  # index into the per-token attribute row
    kind: str  # eq | in | not_in | cmp | regex | flag
    value: object = None


@dataclass
class _Spec:
    tests: list[_Test]
    low: int  # how many times (OP)
    high: int | None
    negate: bool = False


def _op(op) -> tuple[int, int | None, bool]:
    if op is None or op == "1":
        return 1, 1, False
    if op == "!":
        return 1, 1, True
    if op == "?":
        return 0, 1, False
    if op == "*":
        return 0, None, False
    if op == "+":
        return 1, None, False
    m = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", str(op))
    if m and (m.group(1) or m.group(3)):
        low = int(m.group(1) or 0)
        high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
        return low, high, False
    raise ValueError(f"unsupported OP {op!r}")


class TokenPattern:
    """One compiled pattern: the specs, the attribute columns it reads, and its anchor."""

    def __init__(self, pattern: list[dict], strings, columns: dict[str, int]):
        self.specs: list[_Spec] = []
        for spec in pattern:
            tests = []
            for key, value in spec.items():
                if key == "OP":
                    continue
                tests.append(_test(key, value, strings, columns))
            low, high, negate = _op(spec.get("OP"))
            self.specs.append(_Spec(tests, low, high, negate))
        self.anchor, self.before = self._anchor()
        # leading one-token specs whose tests numpy can run over a whole column: they filter start
        # positions for all tokens at once, so Python only looks at the few places that can match
        self.prefix: list[_Spec] = []
        for spec in self.specs:
            if spec.low == spec.high == 1 and spec.tests and all(t.kind in ("eq", "in", "not_in", "flag")
                                                                 for t in spec.tests):
                self.prefix.append(spec)
            else:
                break
        # later required literal specs, with how far after the start they can sit: a start with no such
        # literal in reach cannot match (this prunes patterns that open with common words)
        self.later: list[tuple[_Test, int, int | None]] = []
        lo, hi = 0, 0
        for j, spec in enumerate(self.specs):
            if j >= len(self.prefix) and spec.low >= 1 and not spec.negate:
                lits = [t for t in spec.tests if t.kind in ("eq", "in")]
                if lits:
                    self.later.append((lits[0], lo, hi))
            lo += spec.low
            hi = None if hi is None or spec.high is None else hi + spec.high

    def _anchor(self):
        """(index of the first spec every match must contain with a literal test, max tokens before it)."""
        before = 0
        for k, spec in enumerate(self.specs):
            if spec.low >= 1 and not spec.negate and any(t.kind in ("eq", "in") and t.column >= 0 for t in spec.tests):
                test = next(t for t in spec.tests if t.kind in ("eq", "in"))
                return (k, test), before
            if spec.high is None:
                before = None
            elif before is not None:
                before += spec.high
        return None, None

    def match_at(self, cols: list[list], start: int, end: int, skip: int = 0) -> int | None:
        """The end of a match starting at `start` and not passing `end`, or None. cols[c][i] is attribute
        column c of token i (columns, not rows, so no per-token objects are made)."""
        specs = self.specs
        n = len(specs)

        def ok(spec: _Spec, i: int) -> bool:
            for t in spec.tests:
                v = cols[t.column][i]
                if t.kind == "eq":
                    good = v == t.value
                elif t.kind == "in":
                    good = v in t.value
                elif t.kind == "not_in":
                    good = v not in t.value
                elif t.kind == "flag":
                    good = bool(v) == t.value
                elif t.kind == "cmp":
                    good = all(_COMPARE[op](v, x) for op, x in t.value)
                else:  # regex on the string
                    good = t.value[1](v, t.value[0])
                if not good:
                    return spec.negate
            return not spec.negate

        def step(k: int, pos: int) -> int | None:
            if k == n:
                return pos
            spec = specs[k]
            # consume the minimum, then one more at a time (shortest first), except `?` which tries one first
            count = 0
            while count < spec.low:
                if pos + count >= end or not ok(spec, pos + count):
                    return None
                count += 1
            if spec.high == 1 and spec.low == 0:
                if pos < end and ok(spec, pos):
                    found = step(k + 1, pos + 1)
                    if found is not None:
                        return found
                return step(k + 1, pos)
            while True:
                found = step(k + 1, pos + count)
                if found is not None:
                    return found
                if (spec.high is not None and count >= spec.high) or pos + count >= end \
                        or not ok(spec, pos + count):
                    return None
                count += 1

        if start + skip > end:
            return None
        result = step(skip, start + skip)  # the first `skip` specs are known to hold (numpy prefix filter)
        return result if result is not None and result > start else None


def _test(key: str, value, strings, columns: dict[str, int]) -> _Test:
    if key in STRING_ATTRS:
        col = columns[_ARRAY_ATTR.get(key, key)]
        case = key in ("ORTH", "TEXT")

        def h(s):
            s = str(s)
            return strings.add(s if case else s.lower())

        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return _Test(col, "eq", h(value))
        if isinstance(value, dict):
            if set(value) == {"IN"}:
                return _Test(col, "in", frozenset(h(v) for v in value["IN"]))
            if set(value) == {"NOT_IN"}:
                return _Test(col, "not_in", frozenset(h(v) for v in value["NOT_IN"]))
            if set(value) == {"REGEX"}:
                rx = re.compile(value["REGEX"])
                return _Test(col, "regex", (rx, lambda v, r: r.search(strings[v]) is not None))
        raise ValueError(f"unsupported value for {key}: {value!r}")
    if key in FLAG_ATTRS:
        if isinstance(value, bool):
            return _Test(columns[key], "flag", value)
        raise ValueError(f"{key} takes true or false")
    if key in INT_ATTRS:
        col = columns[key]
        if isinstance(value, int):
            return _Test(col, "eq", value)
        if isinstance(value, dict):
            if set(value) == {"IN"}:
                return _Test(col, "in", frozenset(value["IN"]))
            if set(value) == {"NOT_IN"}:
                return _Test(col, "not_in", frozenset(value["NOT_IN"]))
            if set(value) <= set(_COMPARE):
                return _Test(col, "cmp", tuple(value.items()))
        raise ValueError(f"unsupported value for {key}: {value!r}")
    raise ValueError(f"unsupported token attribute {key!r} (no tagger or parser is loaded)")


class TokenMatcher:
    """All `tokens` patterns of one language; run() yields (pattern number, start, end)."""

    def __init__(self, patterns: list[tuple[str, list[dict]]], vocab):
        from spacy import attrs
        from spacy.matcher import Matcher

        for owner, pattern in patterns:
            check = Matcher(vocab, validate=True)  # spaCy's own validation, for its error messages
            try:
                check.add("x", [pattern])
            except Exception as exc:
                msg = " ".join(str(exc).split())
                raise LawlintError(f"{owner}: 'tokens' pattern is invalid for spaCy: {msg[:300]}") from None
        used: list[str] = []
        for _, pattern in patterns:
            for spec in pattern:
                for key in spec:
                    name = _ARRAY_ATTR.get(key, key)
                    if key != "OP" and name not in used and hasattr(attrs, name):
                        used.append(name)
        self.columns = {name: i for i, name in enumerate(used)}
        self.attr_ids = [getattr(attrs, name) for name in used]
        self.patterns: list[TokenPattern] = []
        for owner, pattern in patterns:
            try:
                self.patterns.append(TokenPattern(pattern, vocab.strings, self.columns))
            except (ValueError, KeyError) as exc:
                raise LawlintError(f"{owner}: 'tokens' pattern uses what lawlint cannot match: {exc}") from None

    def run(self, doc, bounds: list[tuple[int, int]]):
        """Matches within each (start token, end token) text span of `doc`."""
        if not self.patterns or not len(doc):
            return iter(())
        return self.run_arrays(self.arrays(doc), bounds)

    def arrays(self, doc):
        """The attribute columns this matcher reads, one row per token of `doc`."""
        if not self.attr_ids:
            import numpy

            return numpy.zeros((len(doc), 0), dtype=numpy.uint64)
        return doc.to_array(self.attr_ids).reshape(len(doc), -1)

    def run_arrays(self, arr, bounds: list[tuple[int, int]]):
        """Matches within each (start row, end row) span of the attribute rows `arr` (see arrays();
        rows of several Docs may be stacked, with one span per Doc)."""
        import numpy

        if not self.patterns or not len(arr):
            return
        cols = _Columns(arr)
        starts = [b[0] for b in bounds]
        bound_starts = numpy.array(starts, dtype=numpy.int64)
        bound_ends = numpy.array([b[1] for b in bounds], dtype=numpy.int64)
        n = len(arr)
        masks: dict = {}  # many patterns share word sets: each column test runs once per Doc

        def mask(t: _Test):
            key = (t.column, t.kind, t.value)
            m = masks.get(key)
            if m is None:
                col = arr[:, t.column]
                if t.kind == "eq":
                    m = col == numpy.array(t.value).astype(arr.dtype)
                elif t.kind in ("in", "not_in"):
                    m = numpy.isin(col, numpy.array(sorted(t.value), dtype=arr.dtype))
                    if t.kind == "not_in":
                        m = ~m
                else:  # flag
                    m = (col != 0) if t.value else (col == 0)
                masks[key] = m
            return m

        for k, tp in enumerate(self.patterns):
            skip = len(tp.prefix)
            if tp.prefix:
                candidates = _prefix_starts(tp.prefix, n, mask)
                if len(candidates) and tp.later:
                    # the later literal must sit within reach and inside the candidate's own text
                    text_end = bound_ends[numpy.searchsorted(bound_starts, candidates, side="right") - 1]
                for test, lo, hi in tp.later:
                    if not len(candidates):
                        break
                    where = numpy.flatnonzero(mask(test))
                    i = numpy.searchsorted(where, candidates + lo)
                    found = i < len(where)
                    limit = text_end[found] - 1 if hi is None else numpy.minimum(text_end[found] - 1,
                                                                                candidates[found] + hi)
                    found[found] &= where[i[found]] <= limit
                    candidates, text_end = candidates[found], text_end[found]
                candidates = candidates.tolist()
            elif tp.anchor is None:
                candidates = range(n)
            else:
                _, test = tp.anchor
                before = tp.before
                values = [test.value] if test.kind == "eq" else list(test.value)
                hits = numpy.flatnonzero(numpy.isin(arr[:, test.column], numpy.array(values, dtype=arr.dtype)))
                hits = hits.tolist()
                if before == 0:
                    candidates = hits
                elif before is not None:
                    candidates = sorted({s for p in hits for s in range(max(0, p - before), p + 1)})
                else:
                    candidates = range(n) if hits else ()
            for s in candidates:
                j = bisect_right(starts, s) - 1
                if j < 0 or s >= bounds[j][1]:
                    continue
                e = tp.match_at(cols, s, bounds[j][1], skip)
                if e is not None:
                    yield k, s, e


class _Columns:
    """Attribute columns as Python lists, converted on first use (most patterns touch only a few)."""

    def __init__(self, arr):
        self.arr = arr
        self.cache: dict[int, list] = {}

    def __getitem__(self, c: int) -> list:
        col = self.cache.get(c)
        if col is None:
            col = self.cache[c] = self.arr[:, c].tolist()
        return col


def _prefix_starts(prefix: list[_Spec], n: int, mask):
    """Token positions where every spec of `prefix` holds for the token that far along (numpy);
    `mask(test)` gives a test's truth for every token."""
    import numpy

    out = numpy.ones(n, dtype=bool)
    for j, spec in enumerate(prefix):
        good = numpy.ones(n, dtype=bool)
        for t in spec.tests:
            good &= mask(t)
        if spec.negate:
            good = ~good
        if j >= n:  # the prefix is longer than the text: it cannot match anywhere
            return numpy.flatnonzero(numpy.zeros(n, dtype=bool))
        if j:
            shifted = numpy.zeros(n, dtype=bool)
            shifted[: n - j] = good[j:]
            good = shifted
        out &= good
    return numpy.flatnonzero(out)


def text_bounds(idx, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """Token ranges of texts laid out at character `starts`..`ends` in a Doc whose token offsets are
    `idx` (a sorted numpy array)."""
    import numpy

    lo = numpy.searchsorted(idx, numpy.array(starts), side="left").tolist()
    hi = numpy.searchsorted(idx, numpy.array(ends), side="left").tolist()
    return list(zip(lo, hi))
