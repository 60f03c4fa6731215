"""Defined terms (placeholder until the full reader lands)."""

from __future__ import annotations

from lawlint.model import Bill, Term


def extract(bill: Bill) -> list[Term]:
    return []
