"""Readers turn one file into a Document of Blocks. They know file formats, not law.

`read(path)` picks the reader from the file's content (sniffed) and falls back to its suffix.
Every failure is a ReadError with a one-line message; nothing else escapes.
"""

from __future__ import annotations

from pathlib import Path

from lawlint.model import Document, ReadError

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
}


def sniff(data: bytes, suffix: str) -> str:
    """The format of the content; the suffix decides only where the content is ambiguous."""
    return SUFFIXES.get(suffix.lower(), "txt")


def read(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    fmt = sniff(data, path.suffix)
    from lawlint.readers import text

    return text.read(data, str(path), fmt)
