"""The near-pair search of the matcher (`Compiled._pair`) gives the same answer as trying every pair, and
stays fast when a phrase repeats thousands of times (issue 13: a one-paragraph file of one sentence
repeated took time growing with the square of its length)."""

from __future__ import annotations

import random
import time

import pytest

from lawlint.engine.matcher import Compiled, _Near


def brute_force(within, ordered, a, b):
    """Every pair, as the matcher did before: the smallest (start, end) within reach."""
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
                span = (start, max(eb, ea))
                if best is None or span < best:
                    best = span
    return best


def _spans(rng, n, length):
    out = []
    for _ in range(n):
        s = rng.randrange(0, length)
        out.append((s, s + rng.randint(1, 4)))
    return out


@pytest.mark.parametrize("seed", range(300))
def test_same_answer_as_every_pair(seed):
    rng = random.Random(seed)
    length = rng.choice([5, 20, 80])
    within = rng.choice([0, 1, 2, 3, 5, 10])
    ordered = rng.random() < 0.5
    a = _spans(rng, rng.randint(0, 12), length)
    b = a[: rng.randint(0, len(a))] + _spans(rng, rng.randint(0, 12), length)  # shared spans too
    item = _Near(0, frozenset(), frozenset(), within, ordered)
    assert Compiled._pair(item, a, b) == brute_force(within, ordered, a, b)


def test_thousands_of_repeats_is_fast():
    # one phrase every 20 words over 120,000 words, the other side likewise but out of reach except at the end
    a = [(i, i + 2) for i in range(0, 120_000, 20)]
    b = [(i + 10, i + 12) for i in range(0, 120_000, 20)] + [(119_983, 119_984)]
    item = _Near(0, frozenset(), frozenset(), 3, True)
    start = time.perf_counter()
    got = Compiled._pair(item, a, b)
    assert time.perf_counter() - start < 0.5
    assert got == (119_980, 119_984) == brute_force(3, True, a[-2:], b[-3:])
    assert Compiled._pair(item, a, b[:-1]) is None
