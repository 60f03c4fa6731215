"""Report formats: `FORMATS` maps a `--format` name to `render(results, options) -> str`.

`options` is a ReportOptions (or any object/mapping with the same names; see report.common.option).
Formats are imported when first used, so `lawlint --help` pays for none of them. To add a format,
write `lawlint/report/NAME.py` with a `render` function and add one line to FORMATS below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lawlint.model import FileResult


@dataclass
class ReportOptions:
    """What renderers may need beyond the results. All optional."""

    color: bool = False  # ANSI colour (text only; the CLI sets it only on a terminal)
    quiet: bool = False  # findings only, no summary
    rules: list = field(default_factory=list)  # the Rule objects in use (titles, why, default severity)
    rule_languages: tuple[str, ...] = ()  # languages the rule set has rules for
    rules_version: str = ""
    ruleset: str = ""  # a short label for footers
    min_confidence: str | None = None
    fail_on: str | None = None
    allow_unchecked: bool = False  # a file read but not checked is a warning, not an error (exit status 0)
    show_waived: bool = False  # text: list waived findings too, marked as waived
    show_precedents: bool = False  # text: each finding's nearest precedents on indented lines below it


def _lazy(module: str) -> Callable[[list[FileResult], Any], str]:
    def render(results: list[FileResult], options: Any = None) -> str:
        return importlib.import_module(f"lawlint.report.{module}").render(results, options)

    render.__name__ = f"render_{module}"
    return render


FORMATS: dict[str, Callable[[list[FileResult], Any], str]] = {
    "text": _lazy("text"),
    "json": _lazy("json"),
    "sarif": _lazy("sarif"),
    "markdown": _lazy("markdown"),
    "html": _lazy("html"),
    "github": _lazy("github"),
}


def render(name: str, results: list[FileResult], options: Any = None) -> str:
    return FORMATS[name](results, options)
