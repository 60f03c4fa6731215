"""Lint many inputs: read and segment each (through lawlint.pipeline), evaluate the rules, collect one
FileResult per input in input order. With jobs > 1 the files are shared among worker processes, each of
which loads the rules and builds the spaCy pipeline once; results are identical to a single process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lawlint.engine.evaluate import LintOptions, bill_language, lint_bill
from lawlint.engine.loader import RuleSet, load_rules
from lawlint.model import FileResult, LawlintError

FALLBACK_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".xml", ".akn", ".html", ".htm")


@dataclass(frozen=True)
class Source:
    """One input: a path, or bytes read from stdin (name is what reports call it)."""

    name: str
    data: bytes | None = None


@dataclass(frozen=True)
class RuleSpec:
    """How to rebuild the same RuleSet in a worker process."""

    paths: tuple[str, ...] = ()
    builtin: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def load(self) -> RuleSet:
        return load_rules(self.paths, builtin=self.builtin).select(self.select, self.ignore)


def supported_suffixes() -> tuple[str, ...]:
    try:
        from lawlint import readers

        fn = getattr(readers, "supported_suffixes", None)
        if fn is not None:
            return tuple(s.lower() for s in fn())
        return tuple(getattr(readers, "SUFFIXES", {}) or FALLBACK_SUFFIXES)
    except Exception:  # a reader mid-rewrite must not stop `check` from listing files
        return FALLBACK_SUFFIXES


def expand(paths: list[str], exclude: list[tuple[str, Path]] | None = None, respect_gitignore: bool = True,
           skipped: list[str] | None = None, outputs: tuple[str, ...] | list[str] = ()) -> list[Source]:
    """Files as given; directories scanned for the bills in them (lawlint.discover: supported types, .gitignore,
    hidden folders, `exclude` patterns as (pattern, base) pairs, defaults when None; never lawlint's own
    outputs, nor this run's report: `outputs` (-o FILE) or stdout redirected to a file); '-' is stdin. A file
    named explicitly is always linted unless lawlint wrote it: such files are appended to `skipped` instead."""
    import sys

    from lawlint import discover

    if exclude is None:
        exclude = [(p, Path.cwd()) for p in discover.DEFAULT_EXCLUDE]
    rules = discover.exclude_rules(exclude)
    skip_ids = discover.output_ids(outputs)
    out: list[Source] = []
    suffixes = None
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            out.append(Source("<stdin>", sys.stdin.buffer.read()))
            continue
        path = Path(p)
        if path.is_dir():
            suffixes = suffixes or supported_suffixes()
            found = discover.scan_directory(p, suffixes, rules, respect_gitignore, skip_ids)
        elif path.is_file() and (discover.own_output(path) or discover.file_id(path) in skip_ids):
            if skipped is not None:
                skipped.append(p)
            continue
        else:
            found = [p]
        for f in found:
            if f not in seen:  # `lawlint check . bill.txt` lints bill.txt once
                seen.add(f)
                out.append(Source(f))
    return out


def _load(src: Source, limits=None, pdf_engine: str = "pdfium"):
    """Read and segment one input. The reader registry guards reading with a stage of its own ("reading");
    once it returns, what remains of the whole-file guard is segmenting, so a deadline then says so."""
    from lawlint import limits as limits_mod

    limits_mod.set_stage("segmenting")
    if src.data is None:
        from lawlint import pipeline

        return pipeline.load_bill(src.name, limits=limits, pdf_engine=pdf_engine)
    from lawlint import readers, structure

    doc = readers.read_bytes(src.data, src.name, limits=limits, pdf_engine=pdf_engine)
    return structure.build_bill(doc)


def lint_source(
    src: Source, ruleset: RuleSet, options: LintOptions, keep_bill: bool = True, limits=None,
    pdf_engine: str = "pdfium",
) -> FileResult:
    """Read, segment and lint one input under one deadline (max_seconds_per_file covers the whole file);
    any failure, the deadline included, is a one-line error on that file's result."""
    from lawlint import limits as limits_mod

    try:
        with limits_mod.guard(limits, stage="segmenting"):
            return _lint_source(src, ruleset, options, keep_bill, limits, pdf_engine)
    except LawlintError as exc:  # the deadline passed between stages, or the backstop alarm fired
        return FileResult(path=src.name, error=str(exc))


def _lint_source(src: Source, ruleset: RuleSet, options: LintOptions, keep_bill: bool, limits,
                 pdf_engine: str) -> FileResult:
    from lawlint import limits as limits_mod

    try:
        bill = _load(src, limits, pdf_engine)
    except LawlintError as exc:
        return FileResult(path=src.name, error=str(exc))
    except Exception as exc:  # a reader bug must not stop the other files; say what happened in one line
        return FileResult(path=src.name, error=f"internal error while reading: {type(exc).__name__}: {exc}")
    result = FileResult(path=src.name, format=bill.format, language=bill_language(bill, options),
                        bill=bill if keep_bill else None)
    try:
        limits_mod.check_deadline()
        limits_mod.set_stage("linting")
        result.findings = lint_bill(bill, ruleset, options)
        if getattr(options, "scorer", True):  # the learned second opinion, after the rules (lawlint.scorer)
            from lawlint.scorer import second_opinion
            result.findings = second_opinion(bill, result.findings, result.language, options.min_confidence, ruleset)
        if getattr(options, "precedents", True):  # nearest precedents on each finding; re-enacted provisions
            from lawlint.precedents import attach
            result.findings = attach(bill, result.findings, result.language, options.min_confidence, ruleset)
        limits_mod.check_deadline()
    except LawlintError as exc:
        result.error = str(exc)
    except Exception as exc:  # an engine bug on one file: report it there, keep linting the others
        result.error = f"internal error while linting: {type(exc).__name__}: {exc}"
    return result


# ------------------------------------------------------------------------------------------- parallel

_WORKER: dict = {}


def _init_worker(spec: RuleSpec, options: LintOptions, keep_bill: bool, limits=None,
                 pdf_engine: str = "pdfium") -> None:
    _WORKER["ruleset"] = spec.load()
    _WORKER["pdf_engine"] = pdf_engine
    _WORKER["options"] = options
    _WORKER["keep_bill"] = keep_bill
    _WORKER["limits"] = limits


def _work(src: Source) -> FileResult:
    return lint_source(src, _WORKER["ruleset"], _WORKER["options"], _WORKER["keep_bill"], _WORKER["limits"],
                       _WORKER["pdf_engine"])


def _work_chunk(chunk: list[Source]) -> list[FileResult]:
    return [_work(src) for src in chunk]


def lint_sources(sources: list[Source], ruleset: RuleSet, spec: RuleSpec, options: LintOptions,
                 jobs: int = 1, keep_bill: bool = True, progress=None, limits=None,
                 pdf_engine: str = "pdfium") -> list[FileResult]:
    """Results in input order. Worker processes are used only for jobs > 1 and at least two inputs.
    `progress` (lawlint.progress.Progress) is advanced after each file; `limits` (lawlint.limits.Limits)
    apply to reading each file."""
    jobs = max(1, min(jobs, len(sources)))
    if jobs == 1:
        out = []
        for i, s in enumerate(sources):
            out.append(lint_source(s, ruleset, options, keep_bill, limits, pdf_engine))
            if progress is not None:
                progress.advance(s.name, sources[i + 1].name if i + 1 < len(sources) else "")
        return out
    import concurrent.futures as cf
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    # small chunks, reported as each finishes (not in input order), so progress moves while a slow file is
    # still being linted elsewhere; results are put back in input order
    size = max(1, min(8, len(sources) // (jobs * 4)))
    chunks = [list(range(i, min(i + size, len(sources)))) for i in range(0, len(sources), size)]
    results: list[FileResult | None] = [None] * len(sources)
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                initargs=(spec, options, keep_bill, limits, pdf_engine)) as pool:
        futures = {pool.submit(_work_chunk, [sources[i] for i in idx]): idx for idx in chunks}
        for future in cf.as_completed(futures):
            for i, r in zip(futures[future], future.result(), strict=True):
                results[i] = r
                if progress is not None:
                    progress.advance(sources[i].name)
    return [r for r in results if r is not None]


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    waived: int = 0
    errors: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})


def summarise(results: list[FileResult]) -> Summary:
    """Counts for reports: waived findings are counted apart and never toward severities or exit status."""
    s = Summary(files=len(results))
    for r in results:
        if r.error:
            s.errors += 1
        for f in r.findings:
            if f.waived is not None:
                s.waived += 1
                continue
            s.findings += 1
            s.by_severity[str(f.severity)] += 1
    return s


def exit_status(results: list[FileResult], fail_on: str = "error", rule_languages=None,
                allow_unchecked: bool = False) -> int:
    """2 if any input could not be read, or was read but not checked (no rules for its language; see
    lawlint.report.common.file_status) unless `allow_unchecked`; 1 if an unwaived finding is at or above
    `fail_on`; else 0."""
    from lawlint.model import Severity
    from lawlint.report.common import unchecked

    if any(r.error for r in results):
        return 2
    if not allow_unchecked and unchecked(results, {"rule_languages": rule_languages}):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    for r in results:
        if any(f.waived is None and f.severity >= threshold for f in r.findings):
            return 1
    return 0
