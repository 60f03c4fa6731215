"""The fuzz target itself must run without atheris, so the harness cannot rot unnoticed."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _harness():
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "fuzz" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEEDS = [
    b"\x00Section 1. A person who publishes false news commits an offence.",
    b"\x01# Act\n\n## 1. Short title\n",
    b"\x02PK\x03\x04garbage",
    b"\x03%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>",
    b"\x04<?xml version='1.0'?><!DOCTYPE a [<!ENTITY b 'c'>]><a>&b;</a>",
    b"\x05<html><body><nav>x</nav><p>1. Text</p></body></html>",
    b"\x06\xff\xfe\x00\x00\x80\x81",
]


@pytest.mark.parametrize("seed", SEEDS, ids=range(len(SEEDS)))
def test_fuzz_target_accepts_seed(seed):
    _harness().one_input(seed)
