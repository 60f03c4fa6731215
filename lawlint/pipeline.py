"""read -> structure: from a path to a Bill. The one place the CLI and the report modules get bills from."""

from __future__ import annotations

from pathlib import Path

from lawlint.model import Bill


def load_bill(path: str | Path, limits=None, pdf_engine: str = "pdfium") -> Bill:
    """Read and segment one file; raises ReadError (one line, for the user) when it cannot.
    `limits` (lawlint.limits.Limits, from the config) caps what reading may cost; None = defaults.
    `pdf_engine` picks the PDF text engine: pdfium (fast, default) or pdfplumber."""
    from lawlint import readers, structure

    return structure.build_bill(readers.read(path, limits=limits, pdf_engine=pdf_engine))
