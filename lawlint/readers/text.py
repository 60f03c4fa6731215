"""Plain text and Markdown: one Block per paragraph (placeholder until the full reader lands)."""

from __future__ import annotations

from lawlint.model import Block, Document, Location


def read(data: bytes, path: str, fmt: str = "txt") -> Document:
    text = data.decode("utf-8-sig", errors="replace")
    blocks = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            blocks.append(Block(text=line.strip(), location=Location(line=n, column=1)))
    return Document(path=path, format=fmt, blocks=tuple(blocks))
