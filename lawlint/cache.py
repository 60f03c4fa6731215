"""lawlint's on-disk cache: where it lives and how a file is written into it.

Everything cached is derived data (validated rule files, lemma tables, precedents' words) keyed by the content it
was built from, so a missing, stale or unwritable cache only costs time: every failure here is silent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cached data: LAWLINT_CACHE_DIR (the rules' folder; other kinds beside it),
    else $XDG_CACHE_HOME/lawlint/<kind> or ~/.cache/lawlint/<kind>; None when LAWLINT_NO_CACHE is set."""
    if os.environ.get("LAWLINT_NO_CACHE"):
        return None
    base = os.environ.get("LAWLINT_CACHE_DIR")
    if base:
        rules = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        rules = (Path(xdg) if xdg else Path.home() / ".cache") / "lawlint" / "rules"
    return rules if kind == "rules" else rules.parent / kind


def write_json(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` atomically (a temporary file renamed over it), or leave the cache as it was:
    a read-only home or a value JSON cannot hold means no cache, not an error."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass
