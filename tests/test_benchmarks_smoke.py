"""The benchmark command still runs end to end. Not a timing test: speed is measured by
`python benchmarks/run.py`, never asserted here (the shared machine is too noisy for that)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HEADINGS = (
    "== (a) end-to-end",
    "-- start-up",
    "== (b) engine alone vs spaCy's bare tokenizer",
    "== (c) PDF extraction",
    "== (c2) stage scaling",
    "== (d) 20 documents",
    "== (e) peak memory",
    "== (g) lawlint diff of two",
    "== (h) precedent matching",
    "== targets ==",
)


@pytest.mark.slow
def test_quick_benchmark_prints_every_table() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    for heading in HEADINGS:
        assert heading in proc.stdout, heading
    # every end-to-end input appears as a row, and the --jobs comparison checked byte-identical output
    for name in ("bill-1p.txt", "bill-1p.docx", "bill-1p.pdf", "bill-10p.pdf"):
        assert name in proc.stdout
    assert "outputs byte-identical: yes" in proc.stdout
    assert "FAILED" not in proc.stdout
