"""Cross-references (placeholder)."""

from __future__ import annotations

from lawlint.model import Bill


def resolve(bill: Bill) -> None:
    return None
