"""`lawlint parse` output: the clause tree of each file as JSON (docs/parse-json.md) or as indented text."""

from __future__ import annotations

import json

from lawlint.model import Bill, Clause, Term

VERSION = "1"


def clause_dict(clause: Clause) -> dict:
    """One clause and its children in the JSON contract's shape (keys may be added, never renamed)."""
    loc = clause.location
    return {
        "kind": clause.kind,
        "label": clause.label,
        "num": clause.num,
        "eid": clause.eid,
        "heading": clause.heading,
        "text": clause.text,
        "wrap_up": clause.wrap_up,
        "location": {"line": loc.line, "column": loc.column, "page": loc.page, "page_line": loc.page_line},
        "quoted": clause.quoted,
        "xrefs": list(clause.xrefs),
        "children": [clause_dict(child) for child in clause.children],
    }


def term_dict(term: Term) -> dict:
    return {"term": term.term, "definition": term.definition, "clause": term.clause, "eid": term.eid,
            "scope": term.scope}


def file_dict(path: str, bill: Bill | None, error: str | None) -> dict:
    """A parsed file, or a file that could not be read (only path and error then)."""
    if bill is None:
        return {"path": path, "error": error}
    return {
        "path": path,
        "error": None,
        "format": bill.format,
        "title": bill.title,
        "language": bill.language,
        "clauses": [clause_dict(c) for c in bill.clauses],
        "glossary": [term_dict(t) for t in bill.glossary],
    }


def render_json(files: list[dict]) -> str:
    return json.dumps({"version": VERSION, "files": files}, ensure_ascii=False, indent=2) + "\n"


def _first_words(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_text(path: str, bill: Bill) -> str:
    """The tree indented: label, heading, first words, line (and page)."""
    lines = [f"{path}: {bill.format}, language {bill.language}" + (f", “{bill.title}”" if bill.title else "")]

    def walk(clause: Clause, depth: int) -> None:
        loc = clause.location
        where = f"{loc.line}:{loc.column}"
        parts = [("  " * depth) + clause.label]
        if clause.heading:
            parts.append(f"[{_first_words(clause.heading, 50)}]")
        if clause.text:
            parts.append(_first_words(clause.text))
        if clause.quoted:
            parts.append("(quoted)")
        if loc.page:
            parts.append(f"[p. {loc.page}, line {loc.page_line}]")
        lines.append(f"{where:>10}  " + " ".join(parts))
        for child in clause.children:
            walk(child, depth + 1)
        if clause.wrap_up:
            lines.append(f"{'':>10}  " + ("  " * (depth + 1)) + "… " + _first_words(clause.wrap_up))

    for clause in bill.clauses:
        walk(clause, 0)
    if bill.glossary:
        lines.append("  glossary: " + ", ".join(f"{t.term} ({t.clause})" for t in bill.glossary))
    return "\n".join(lines) + "\n"
