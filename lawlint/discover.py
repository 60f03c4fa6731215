"""Which files `lawlint check DIR` lints: the bills a user means, not everything under DIR.

In a directory lawlint picks files of the types it reads (`.txt .md .pdf .docx .xml .akn .html …`) and leaves
out
- what git ignores: inside a git work tree, git's own answer (`git ls-files --cached --others
  --exclude-standard`); elsewhere the `.gitignore` files found while walking, read by `GitIgnore` below
  (turn both off with `--no-respect-gitignore` or `respect-gitignore = false`);
- hidden files and folders (`.git`, `.venv`, `.tox` …), and `node_modules`, `venv`, `__pycache__`;
- project files that are not bills: README*, CHANGELOG*, LICENSE*, requirements* and the like
  (`DEFAULT_EXCLUDE`; `exclude` in the config replaces this list, `extend-exclude` and `--exclude` add to it);
- lawlint's own outputs, always: annotated copies (`*.lawlint.docx`) and reports it wrote (recognised by
  the marker each report format carries: `<meta name="generator" content="lawlint …">` in HTML, the
  `# lawlint review:` heading in Markdown, the `path:line:col: severity rule [CATEGORY]` lines of text).

A file named on the command line is linted whatever its name (an explicit request wins over the filters),
except lawlint's own outputs, which are skipped with a note.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

DEFAULT_EXCLUDE = (
    "node_modules", "venv", "__pycache__", "site-packages",
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "LICENSE*", "LICENCE*", "COPYING*",
    "NOTICE*", "AUTHORS*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "requirements*",
)
OUTPUT_SUFFIXES = (".lawlint.docx",)
_TEXT_REPORT_LINE = re.compile(
    r"^\S.*:(p\d+:)?\d+:\d+: (error|warning|info) [a-z0-9][a-z0-9-]* \[[A-Z]+-[A-Z]+\]"
)


# ---------------------------------------------------------------------------------- gitignore patterns


@lru_cache(maxsize=512)
def _compile(body: str) -> re.Pattern[str]:
    """A gitignore glob (without '!' and trailing '/') as a regex over a '/'-separated relative path."""
    out = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if body.startswith("**", i):
            before_ok = i == 0 or body[i - 1] == "/"
            after = body[i + 2:i + 3]
            if before_ok and after == "/":  # '**/' : zero or more directories
                out.append("(?:.*/)?")
                i += 3
                continue
            if before_ok and i + 2 == n:  # trailing '/**': everything inside
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")  # '**' elsewhere behaves like '*'
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = body.find("]", i + 2 if body[i + 1:i + 2] in ("!", "^") else i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                inner = body[i + 1:j]
                if inner[:1] in ("!", "^"):
                    inner = "^" + inner[1:]
                out.append("[" + inner.replace("\\", "\\\\") + "]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(body[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


@dataclass(frozen=True)
class Pattern:
    """One gitignore line: matches a path relative to `base` (a directory)."""

    regex: re.Pattern[str]
    negate: bool
    dir_only: bool
    anchored: bool  # contains a '/' other than at the end: matched against the whole relative path

    @classmethod
    def parse(cls, line: str) -> "Pattern | None":
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip() or line.startswith("#"):
            return None
        if not line.endswith("\\ "):
            line = line.rstrip(" ")
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        elif line.startswith("\\!") or line.startswith("\\#"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            return None
        anchored = "/" in line
        return cls(_compile(line.lstrip("/")), negate, dir_only, anchored)

    def matches(self, rel: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        if self.anchored:
            return bool(self.regex.match(rel))
        return bool(self.regex.match(rel.rsplit("/", 1)[-1]))


@dataclass
class GitIgnore:
    """The patterns of one .gitignore (or exclude list), relative to `base`. Later lines win, as in git."""

    base: Path
    patterns: list[Pattern] = field(default_factory=list)

    @classmethod
    def from_lines(cls, base: Path, lines) -> "GitIgnore":
        return cls(base, [p for p in map(Pattern.parse, lines) if p is not None])

    @classmethod
    def from_file(cls, path: Path) -> "GitIgnore":
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        return cls.from_lines(path.parent, text.splitlines())

    def decide(self, path: Path, is_dir: bool) -> bool | None:
        """True ignored, False re-included by a '!' line, None when no line speaks of this path."""
        try:
            rel: str | None = path.relative_to(self.base).as_posix()
        except ValueError:  # outside base: only patterns without a '/' (a name anywhere) can speak of it
            rel = None
        if rel in ("", "."):
            return None
        verdict = None
        for p in self.patterns:
            if rel is None and p.anchored:
                continue
            if p.matches(rel if rel is not None else path.name, is_dir):
                verdict = not p.negate
        return verdict


def excluded(path: Path, is_dir: bool, rules: list[GitIgnore]) -> bool:
    """Whether the last rule list that speaks of `path` ignores it."""
    verdict = None
    for r in rules:
        v = r.decide(path, is_dir)
        if v is not None:
            verdict = v
    return bool(verdict)


# ---------------------------------------------------------------------------------- lawlint's own outputs


def own_output(path: Path) -> bool:
    """Whether `path` is something lawlint wrote: an annotated copy or a report (by its marker)."""
    name = path.name.lower()
    if name.endswith(OUTPUT_SUFFIXES):
        return True
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown", ".txt", ".text"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    if suffix in (".html", ".htm"):
        return '<meta name="generator" content="lawlint' in head
    first = next((line for line in head.splitlines() if line.strip()), "")
    if suffix in (".md", ".markdown"):
        return first.startswith("# lawlint review:")
    return bool(_TEXT_REPORT_LINE.match(first)) or first.startswith(("No findings in ", "lawlint: "))


# ---------------------------------------------------------------------------------- walking


def _git_files(directory: Path) -> list[Path] | None:
    """Files git would not ignore under `directory` (tracked or not), or None outside a git work tree."""
    try:
        inside = subprocess.run(["git", "-C", str(directory), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=30, check=False)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        listed = subprocess.run(
            ["git", "-C", str(directory), "ls-files", "-z", "--cached", "--others", "--exclude-standard",
             "--", "."],
            capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    names = {n for n in listed.stdout.decode("utf-8", errors="surrogateescape").split("\0") if n}
    return [directory / n for n in sorted(names)]


def _hidden(parts) -> bool:
    return any(p.startswith(".") and p not in (".", "..") for p in parts)


def file_id(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def output_ids(outputs=()) -> set[tuple[int, int]]:
    """The files this run writes its report to: `-o FILE` (when it exists already) and stdout when it is
    redirected to a regular file (`lawlint check -f html . > review.html` creates review.html, empty, before
    lawlint starts: it must not be linted as an empty bill)."""
    import stat
    import sys

    ids = {i for i in map(file_id, outputs) if i is not None}
    try:
        st = os.fstat(sys.stdout.fileno())
        if stat.S_ISREG(st.st_mode):
            ids.add((st.st_dev, st.st_ino))
    except (AttributeError, OSError, ValueError):  # no real stdout (tests, embedding)
        pass
    return ids


def scan_directory(directory: str | Path, suffixes, exclude: list[GitIgnore], respect_gitignore: bool = True,
                   skip_ids: set[tuple[int, int]] | frozenset = frozenset()) -> list[str]:
    """The files to lint under `directory`, sorted, as paths that start with `directory` as given; files
    whose (device, inode) is in `skip_ids` (this run's own report) are left out."""
    given = str(directory)
    root = Path(given)
    found: list[str] = []

    def keep(path: Path, rel_parts) -> bool:
        if _hidden(rel_parts) or path.suffix.lower() not in suffixes:
            return False
        absolute = path.resolve()
        if excluded(absolute, False, exclude):
            return False
        # a pattern naming a folder ('drafts/', 'node_modules') excludes what is inside it
        for parent in list(absolute.parents)[: len(rel_parts) - 1]:
            if excluded(parent, True, exclude):
                return False
        return path.is_file() and not own_output(path) and not (skip_ids and file_id(path) in skip_ids)

    listed = _git_files(root) if respect_gitignore else None
    if listed is not None:
        for path in listed:
            rel = path.relative_to(root)
            if keep(path, rel.parts):
                found.append(os.path.join(given, *rel.parts))
        return sorted(found)

    cache: dict[Path, GitIgnore] = {}
    for current, dirs, files in os.walk(root):
        here = Path(current)
        rules = list(exclude)
        if respect_gitignore:
            rules = _gitignores_for(here, root, cache) + rules
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not excluded((here / d).resolve(), True, rules))
        for f in files:
            path = here / f
            rel = path.relative_to(root)
            if f.startswith(".") or path.suffix.lower() not in suffixes:
                continue
            if excluded(path.resolve(), False, rules):
                continue
            if path.is_file() and not own_output(path) and not (skip_ids and file_id(path) in skip_ids):
                found.append(os.path.join(given, *rel.parts))
    return sorted(found)


def _gitignores_for(here: Path, root: Path, cache: dict[Path, GitIgnore]) -> list[GitIgnore]:
    """The .gitignore files of `root` and every folder down to `here`, outermost first."""
    out = []
    chain = [here, *here.parents]
    stop = chain.index(root) if root in chain else 0
    for d in reversed(chain[: stop + 1]):
        gi = d / ".gitignore"
        key = d.resolve()
        if key not in cache:
            rules = GitIgnore.from_file(gi) if gi.is_file() else GitIgnore(key)
            rules.base = key
            cache[key] = rules
        out.append(cache[key])
    return out


def exclude_rules(patterns: list[tuple[str, Path]]) -> list[GitIgnore]:
    """`(pattern, base)` pairs as rule lists, one per base."""
    by_base: dict[Path, list[str]] = {}
    for pattern, base in patterns:
        by_base.setdefault(Path(base).resolve(), []).append(pattern)
    return [GitIgnore.from_lines(base, lines) for base, lines in by_base.items()]
