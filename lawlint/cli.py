"""The `lawlint` command line. Each command reads, lints and reports through the modules below it;
heavy imports (spaCy, python-docx, pypdfium2) happen inside commands so `--help` stays instant."""

from __future__ import annotations

import sys

import click

from lawlint import __version__


_pdf_engine_option = click.option(
    "--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True,
    help="PDF text engine: pdfium is fast; pdfplumber is a slower cross-check giving the same tree.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="lawlint")
def cli() -> None:
    """Lint draft cyber legislation against international human-rights standards."""


@cli.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format: an indented tree, or JSON (docs/parse-json.md).")
@_pdf_engine_option
def parse_cmd(files: tuple[str, ...], fmt: str, pdf_engine: str) -> None:
    """Show the clause tree lawlint reads from each FILE (labels, headings, glossary)."""
    from lawlint.model import LawlintError
    from lawlint.pipeline import load_bill
    from lawlint.report import parse_json

    failed = False
    out_files = []
    for given in files:
        path = "<stdin>" if given == "-" else given
        try:
            bill = _stdin_bill(pdf_engine) if given == "-" else load_bill(path, pdf_engine=pdf_engine)
        except LawlintError as exc:
            failed = True
            message = " ".join(str(exc).split()) or exc.__class__.__name__
            if fmt == "json":
                out_files.append(parse_json.file_dict(path, None, message))
            else:
                click.echo(f"{path}: error: {message}", err=True)
            continue
        if fmt == "json":
            out_files.append(parse_json.file_dict(path, bill, None))
        else:
            click.echo(parse_json.render_text(path, bill), nl=False)
    if fmt == "json":
        click.echo(parse_json.render_json(out_files), nl=False)
    if failed:
        sys.exit(2)


def _stdin_bill(pdf_engine: str):
    """`-` reads the bill from standard input; the content decides its format."""
    from lawlint import readers, structure

    return structure.build_bill(readers.read_bytes(sys.stdin.buffer.read(), "<stdin>", pdf_engine=pdf_engine))


# --- check / rules / explain (engine) -------------------------------------------------------------------

_FAST_EXIT = False  # set once `check` has loaded spaCy: main() then skips interpreter teardown


def _fail(message: str) -> None:
    """A usage or input problem: one line on stderr, exit status 2."""
    click.echo(f"lawlint: error: {message}", err=True)
    sys.exit(2)


def _load_ruleset(rules: tuple[str, ...], no_builtin: bool, select=(), ignore=()):
    from lawlint.engine.loader import load_rules
    from lawlint.model import LawlintError

    try:
        return load_rules(rules, builtin=not no_builtin).select(select, ignore)
    except LawlintError as exc:
        _fail(str(exc))


_waivers_option = click.option(
    "--waivers", "waivers_path", type=click.Path(dir_okay=False), default=None,
    help="Waivers file (default: lawlint-waivers.yaml beside the config file, or here).")
_rules_option = click.option("--rules", "rules_paths", multiple=True, type=click.Path(),
                             help="Extra rule file or directory (repeatable); added to the built-in rules.")
_no_builtin_option = click.option("--no-builtin-rules", is_flag=True,
                                  help="Use only the rules given with --rules.")


# Options `check` shares with the commands that lint as it does (`diff`): one definition each.
_select_option = click.option(
    "--select", multiple=True, metavar="RULES",
    help="Only these rules: ids, categories (FE-FALSE) or prefixes (FE, FE-); comma-separated or repeated.")
_ignore_option = click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (wins over --select).")
_fail_on_option = click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
    help="Exit 1 when a finding at or above this severity remains (default: error).")
_min_confidence_option = click.option(
    "--min-confidence", type=click.Choice(["low", "medium", "high"]), default=None,
    help="Drop findings of rules less confident than this (default: low).")
_language_option = click.option(
    "--language", default=None, metavar="LANG",
    help="Apply this language's rules (ISO 639-1), instead of the detected language.")
_no_scorer_option = click.option(
    "--no-scorer", is_flag=True,
    help="No possible-* findings from the learned scorer (config: scorer = false); rules only. "
         "--no-builtin-rules implies it.")
_jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                            help="Worker processes for several files (default: number of cores; 1 = none).")
_no_color_option = click.option("--no-color", is_flag=True,
                                help="Never colour the output (it is only coloured on a terminal).")
_config_option = click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                              help="Config file to use instead of searching for one.")
_output_file_option = click.option(
    "-o", "--output-file", "output_file", type=click.Path(dir_okay=False), default=None,
    help="Write the report to this file instead of stdout (errors and the summary stay on stderr).")
_allow_unchecked_option = click.option(
    "--allow-unchecked", is_flag=True, default=None,
    help="Accept files read but not checked (no rules for their language): a warning, not exit 2.")


def _lint_settings(cfg, no_builtin_rules, no_precedents: bool = False):
    """The rule set, lint options and worker spec a config gives: one place for check, annotate, waive, diff."""
    from lawlint.engine import runner
    from lawlint.engine.evaluate import LintOptions

    ruleset = _load_ruleset(tuple(cfg.rules), no_builtin_rules, cfg.select, cfg.ignore)
    lang = None if cfg.language in (None, "", "auto") else cfg.language.lower()
    options = LintOptions(language=lang, min_confidence=cfg.min_confidence or "low",
                          scorer=cfg.scorer and not no_builtin_rules,  # the scorer is built in, like the rules
                          precedents=not (no_builtin_rules or no_precedents))  # lawlint.precedents, built in too
    spec = runner.RuleSpec(tuple(cfg.rules), not no_builtin_rules, tuple(cfg.select), tuple(cfg.ignore))
    return ruleset, options, spec


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", default=None, metavar="FORMAT",
              help="Output format: text (default), json, sarif, markdown, html, github.")
@_select_option
@_ignore_option
@_fail_on_option
@_min_confidence_option
@_language_option
@_rules_option
@_no_builtin_option
@_pdf_engine_option
@_no_scorer_option
@_jobs_option
@click.option("--no-precedents", is_flag=True,
              help="Do not match clauses to precedents: findings carry no `precedents` and no "
                   "resembles-condemned-provision findings are raised. --no-builtin-rules implies it.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, without the summary line.")
@_no_color_option
@_config_option
@_waivers_option
@click.option("--github-summary", "github_summary", type=click.Path(dir_okay=False), default=None,
              help="Append a Markdown job summary here (--format github: $GITHUB_STEP_SUMMARY by default).")
@_output_file_option
@_allow_unchecked_option
@click.option("--exclude", "exclude", multiple=True, metavar="PATTERN",
              help="Leave out files and folders matching this gitignore-style pattern when scanning "
                   "directories (repeatable; adds to `exclude`/`extend-exclude` in the config).")
@click.option("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", default=None,
              help="Leave out files git ignores and hidden folders when scanning directories (default: on).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings.")
@click.option("--show-waived", is_flag=True,
              help="Text format: list waived findings too, each marked [waived: reason].")
@click.option("--allow-placeholder-waivers", is_flag=True,
              help="Let waivers whose reason is a placeholder (TODO, n/a, the text `waive --generate` "
                   "writes) apply, reported as warnings; without it they waive nothing and are errors. For "
                   "local work on a fresh baseline, not for CI.")
@click.option("--show-precedents", is_flag=True,
              help="Text format: under each finding, the provisions courts or bodies ruled on (and model texts) "
                   "whose wording is nearest the clause's, with the holding, case and similarity.")
@click.option("--progress", "show_progress", is_flag=True,
              help="Show progress on stderr even when it is not a terminal (one line per file finished).")
def check_cmd(paths, fmt, select, ignore, fail_on, min_confidence, language, rules_paths, no_builtin_rules, no_scorer,
              pdf_engine, no_precedents, jobs, quiet, no_color, config_file, waivers_path, github_summary, output_file,
              allow_unchecked, exclude, respect_gitignore, statistics, show_waived, allow_placeholder_waivers,
              show_precedents,
              show_progress) -> None:
    """Lint each PATH (a file, a directory, or - for stdin) and report findings.

    Text output is one line per finding, `path:line:col: severity rule [CATEGORY] clause N: message`;
    the line counts through the whole document (a PDF's body lines, a Word file's paragraphs) and a PDF
    finding gives its page after the clause, `[p. 7, line 12]`. The report goes to stdout (or -o FILE);
    errors, files not checked and the summary go to stderr. A directory is scanned for bills: files of the
    types lawlint reads, minus what .gitignore and `exclude` leave out, hidden folders, README/CHANGELOG/LICENSE/
    requirements files and lawlint's own outputs; a file named explicitly is always linted.

    Exit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 a usage error, a file that
    could not be read, or a file read but not checked (no rules for its language) unless --allow-unchecked.
    """
    global _FAST_EXIT
    import os

    from lawlint import config as config_mod
    from lawlint.engine import runner
    from lawlint.model import LawlintError
    from lawlint.report import FORMATS, ReportOptions

    overrides = {"select": list(select) or None, "ignore": list(ignore) or None, "fail_on": fail_on,
                 "min_confidence": min_confidence, "language": language, "rules": list(rules_paths) or None,
                 "format": fmt, "waivers": waivers_path, "allow_unchecked": allow_unchecked,
                 "respect_gitignore": respect_gitignore}
    overrides["scorer"] = False if no_scorer else None
    try:
        cfg = config_mod.load([p for p in paths if p != "-"], overrides, config_file=config_file)
    except LawlintError as exc:
        _fail(str(exc))
    if cfg.format not in FORMATS:
        _fail(f"unknown format {cfg.format!r} (choose from {', '.join(FORMATS)})")
    ruleset, options, spec = _lint_settings(cfg, no_builtin_rules, no_precedents)
    skipped: list[str] = []
    sources = runner.expand(list(paths), exclude=_exclude_patterns(cfg, exclude),
                            respect_gitignore=cfg.respect_gitignore, skipped=skipped,
                            outputs=[output_file] if output_file else [])
    for name in skipped:
        click.echo(f"lawlint: note: {name}: skipped, an output of lawlint (annotated copy or report)", err=True)
    if not sources:
        click.echo("lawlint: warning: no supported files found", err=True)
    _FAST_EXIT = True
    from lawlint.progress import Progress

    limits = cfg.limits_object()
    with Progress.for_sources([s.name for s in sources], quiet=quiet, force=show_progress) as bar:
        results = runner.lint_sources(sources, ruleset, spec, options, jobs=jobs or os.cpu_count() or 1,
                                      progress=bar, limits=limits, pdf_engine=pdf_engine)
    results = _apply_waivers(results, cfg, allow_placeholder_waivers)
    to_terminal = output_file is None and sys.stdout.isatty()
    color = not no_color and cfg.format == "text" and to_terminal and not os.environ.get("NO_COLOR")
    err_color = not no_color and sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    ropts = ReportOptions(color=color, quiet=quiet, rules=ruleset.rules, rule_languages=ruleset.languages(),
                          rules_version=ruleset.version, ruleset=f"{len(ruleset.rules)} rules ({ruleset.version})",
                          min_confidence=cfg.min_confidence, fail_on=cfg.fail_on,
                          allow_unchecked=cfg.allow_unchecked, show_waived=show_waived,
                          show_precedents=show_precedents)
    from lawlint.report import text as text_report

    # Files not read or not checked come first on stderr, whatever the format, so they are seen before
    # (and even when) the report goes to a file.
    click.echo(text_report.diagnostics(results, ropts, err_color), nl=False, err=True, color=err_color)
    report = _render_report(results, ropts, cfg.format, statistics, limits, len(results))
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", newline="") as fh:
                fh.write(report)
        except OSError as exc:
            _fail(f"{output_file}: cannot write report ({exc.strerror or exc})")
    else:
        click.echo(report, nl=False, color=color)
    if not quiet:
        click.echo(text_report.summary_line(results, ropts), err=True)
    _github_summary(results, github_summary, cfg.format, ropts)
    sys.exit(runner.exit_status(results, cfg.fail_on, ruleset.languages(), cfg.allow_unchecked))


def _exclude_patterns(cfg, extra=()):
    """The config's exclude patterns plus those given with --exclude (relative to the working directory)."""
    from pathlib import Path

    return cfg.exclude_patterns() + [(p, Path.cwd().resolve()) for p in extra]


def _render_report(results, ropts, fmt, statistics, limits, n_files) -> str:
    """The report text, under a deadline of max_seconds_per_file for each file it covers; text format holds
    only the finding lines (the summary goes to stderr)."""
    from lawlint import limits as limits_mod
    from lawlint.model import LawlintError
    from lawlint.report import FORMATS
    from lawlint.report import text as text_report

    budget = limits_mod.Limits.from_mapping(
        {"max_seconds_per_file": limits.max_seconds_per_file * max(1, n_files)})
    try:
        with limits_mod.guard(budget, stage="writing the report"):
            if statistics:
                return text_report.statistics(results, ropts)
            if fmt == "text":
                return text_report.render_findings(results, ropts)
            return FORMATS[fmt](results, ropts)
    except LawlintError as exc:
        if n_files > 1:  # say how the budget was reached, not only the multiplied figure
            per = limits.max_seconds_per_file
            _fail(f"report: exceeds max-seconds-per-file ({per:g} per file, {per * n_files:g} s for {n_files} "
                  "files): writing the report took too long")
        _fail(f"report: {exc}")


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (ids, categories, prefixes).")
@_rules_option
@_no_builtin_option
def rules_cmd(fmt, select, rules_paths, no_builtin_rules) -> None:
    """List the rules: id, category, default severity, confidence and title."""
    import json

    ruleset = _load_ruleset(rules_paths, no_builtin_rules, select)
    rows = sorted(ruleset.rules + _scorer_rules(select, no_builtin_rules), key=lambda r: (r.category, r.id))
    if fmt == "json":
        data = [{"id": r.id, "category": r.category, "severity": str(r.severity), "confidence": r.confidence,
                 "title": r.title, "languages": list(r.languages)} for r in rows]
        click.echo(json.dumps({"rules_version": ruleset.version, "rules": data}, indent=2, ensure_ascii=False))
        return
    table = [(r.id, r.category, str(r.severity), r.confidence, r.title) for r in rows]
    head = ("RULE", "CATEGORY", "SEVERITY", "CONFIDENCE", "TITLE")
    widths = [max(len(row[i]) for row in [head, *table]) for i in range(4)]
    for row in [head, *table]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4])
    click.echo(f"{len(table)} rules ({ruleset.version})")


def _scorer_rules(select, no_builtin_rules) -> list:
    """The scorer's possible-* entries for `lawlint rules` (none with --no-builtin-rules), filtered by --select."""
    if no_builtin_rules:
        return []
    from lawlint.engine.loader import _split, selector_matches
    from lawlint.scorer import info

    from lawlint.precedents import info as precedent_info

    chosen = _split(select)
    return [r for r in info.rules() + precedent_info.rules()
            if not chosen or any(selector_matches(s, r) for s in chosen)]


@cli.command("explain")
@click.argument("rule")
@_rules_option
@_no_builtin_option
def explain_cmd(rule, rules_paths, no_builtin_rules) -> None:
    """Explain RULE: the standard behind it, how to fix the clause, authorities and examples."""
    import difflib
    import textwrap

    ruleset = _load_ruleset(rules_paths, no_builtin_rules)
    rules = ruleset.by_id()
    r = rules.get(rule)
    if r is None and rule.startswith("possible-"):  # the learned scorer's findings (lawlint.scorer.info)
        from lawlint.scorer import info

        text = info.explain(rule)
        if text is not None:
            click.echo(text)
            return
    from lawlint.precedents import RULE_ID

    if r is None and rule == RULE_ID:
        from lawlint.precedents import info as precedent_info

        click.echo(precedent_info.explain())
        return
    if r is None:
        close = difflib.get_close_matches(rule, list(rules), n=3, cutoff=0.5)
        _fail(f"unknown rule {rule!r}" + (f" (did you mean {', '.join(close)}?)" if close else ""))

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)

    out = [f"{r.id}: {r.title}", "",
           f"  category {r.category} · severity {r.severity} · confidence {r.confidence} · scope {r.scope}",
           "", "Why:", para(r.why), "", "Fix:", para(r.fix), "", "Authorities:"]
    for a in r.authorities:
        cite = a.citation + (f", {a.pinpoint}" if a.pinpoint else "")
        out.append(f"  - {cite}" + (f"\n    {a.url}" if a.url else ""))
    out += _explain_precedents([r.category])
    for lang, ex in sorted(r.examples.items()):
        out += ["", f"Examples ({lang}):"]
        out += [para(text, "  fire:  ").replace("\n" + "  fire:  ", "\n         ") for text in ex.get("fire", ())]
        out += [para(text, "  quiet: ").replace("\n" + "  quiet: ", "\n         ") for text in ex.get("quiet", ())]
    click.echo("\n".join(out))


# --- diff (two readings) ---------------------------------------------------------------------------------

@cli.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True, help="Output format (JSON: docs/diff.md).")
@click.option("--fail-on-new", is_flag=True,
              help="Count only new findings toward --fail-on (a baseline: what the old reading had is accepted).")
@_select_option
@_ignore_option
@_fail_on_option
@_min_confidence_option
@_language_option
@_rules_option
@_no_builtin_option
@_pdf_engine_option
@_no_scorer_option
@_jobs_option
@_config_option
@_waivers_option
@_output_file_option
@_allow_unchecked_option
@click.option("--quiet", "-q", is_flag=True, help="Print the report only, without the summary line on stderr.")
def diff_cmd(old, new, fmt, fail_on_new, select, ignore, fail_on, min_confidence, language, rules_paths,
             no_builtin_rules, pdf_engine, no_scorer, jobs, config_file, waivers_path, output_file,
             allow_unchecked, quiet) -> None:
    """Compare two readings of a bill, OLD and NEW: which clauses changed, and which findings were fixed, are
    new or persist.

    Clauses are paired by their words, then their order, so renumbering, insertions, deletions, merges and
    splits are followed; a finding persists when the same rule fires on the paired clause ("s.12 → s.14").
    Both readings are linted as `check` would, with the same options and config.

    Exit status: 0 no new or persisting finding at or above --fail-on (with --fail-on-new: no new one), 1 such
    findings, 2 a usage error or a reading that could not be read or was read but not checked (no rules for
    its language) unless --allow-unchecked.
    """
    global _FAST_EXIT
    import os

    from lawlint import diff as diff_mod
    from lawlint.engine import runner
    from lawlint.report import diff_formats

    if "-" in (old, new):
        _fail("diff reads both readings from files, not standard input")
    cfg = _config_for([old, new], config_file, select=list(select) or None, ignore=list(ignore) or None,
                      fail_on=fail_on, min_confidence=min_confidence, language=language,
                      rules=list(rules_paths) or None, waivers=waivers_path, allow_unchecked=allow_unchecked,
                      scorer=False if no_scorer else None)
    ruleset, options, spec = _lint_settings(cfg, no_builtin_rules)
    _FAST_EXIT = True
    results = runner.lint_sources([runner.Source(old), runner.Source(new)], ruleset, spec, options,
                                  jobs=jobs or os.cpu_count() or 1, limits=cfg.limits_object(), pdf_engine=pdf_engine)
    results = _apply_waivers(results, cfg)
    old_r, new_r = results
    result = None
    if old_r.bill is not None and new_r.bill is not None:
        result = diff_mod.align(old_r.bill, new_r.bill)
        diff_mod.compare_findings(result, old_r.findings, new_r.findings)
    ropts = {"rule_languages": ruleset.languages(), "rules_version": ruleset.version,
             "ruleset": f"{len(ruleset.rules)} rules ({ruleset.version})"}
    rep = diff_formats.DiffReport.build(old_r, new_r, result, ropts)
    for line in diff_formats.problem_lines(rep):  # on stderr too, whatever the format and wherever it goes
        click.echo(f"lawlint: {'error' if result is None else 'warning'}: {line}", err=True)
    report = diff_formats.render(fmt, rep)
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", newline="") as fh:
                fh.write(report)
        except OSError as exc:
            _fail(f"{output_file}: cannot write report ({exc.strerror or exc})")
    else:
        click.echo(report, nl=False)
    if not quiet:
        click.echo(diff_formats.summary_line(rep), err=True)
    sys.exit(diff_mod.exit_status(rep, cfg.fail_on, fail_on_new, cfg.allow_unchecked))


@cli.command("precedents")
@click.argument("text")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--language", default=None, metavar="LANG",
              help="The language of the text (default: detected). Only precedents in that language are compared.")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="Precedents per clause.")
@click.option("--min-similarity", type=click.FloatRange(0.0, 1.0), default=None,
              help="List precedents at or above this similarity (default: 0.6).")
@_pdf_engine_option
def precedents_cmd(text, fmt, language, top, min_similarity, pdf_engine) -> None:
    """The precedents nearest TEXT by wording: provisions courts or bodies struck down, read down, criticised or
    upheld, and model texts. TEXT is a clause (quote it) or a file; for a file, each clause of the bill is read
    with its lead-in and listed with its nearest precedents. Same language only (no offline translation)."""
    import json
    from pathlib import Path

    from lawlint import precedents as prec
    from lawlint.model import LawlintError
    from lawlint.structure.language import detect

    floor = prec.SHOWN if min_similarity is None else min_similarity
    rows: list[tuple[str, list]] = []
    path = Path(text)
    try:
        is_file = len(text) < 4096 and "\n" not in text and path.is_file()
    except OSError:
        is_file = False
    try:
        if is_file:
            from lawlint import pipeline

            bill = pipeline.load_bill(text, pdf_engine=pdf_engine)
            lang = (language or bill.language or "en").lower()
            idx = prec.index(lang)
            if idx is not None:
                clauses, words = prec.readings(bill, lang)
                found = prec.match_words(idx, words, top=top, floor=floor,
                                         partial=[not c.children for c in clauses])
                from lawlint.engine.scopes import label

                rows = [(label(c), ms) for c, ms in zip(clauses, found) if ms]
        else:
            lang = (language or detect(text)).lower()
            if lang == "und":
                lang = "en"
            rows = [("", prec.match_texts([text], lang, top=top, floor=floor)[0])]
    except LawlintError as exc:
        _fail(str(exc))
    langs = sorted({p.language for p in prec.load()})
    if fmt == "json":
        data = {"language": lang, "precedent_languages": langs,
                "clauses": [{"clause": c, "precedents": [m.ref().to_dict() for m in ms]} for c, ms in rows]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
        return
    from lawlint.report.text import precedent_line

    if lang not in langs:
        click.echo(f"lawlint: no precedents in language {lang!r} (precedents exist in {', '.join(langs)}; "
                   "texts are compared in the same language only)", err=True)
        return
    shown = 0
    for c, ms in rows:
        if not ms:
            continue
        if c:
            click.echo(f"clause {c}:")
        for m in ms:
            click.echo(("  " if c else "") + precedent_line(m.ref()))
            shown += 1
    if not shown:
        click.echo(f"no precedent at or above similarity {floor:.2f}", err=True)


def _explain_precedents(categories, limit: int = 12) -> list[str]:
    """`lawlint explain`: the precedents (lawlint.precedents) filed under the rule's category, condemned first."""
    from lawlint import precedents as prec

    found = prec.for_categories(categories)
    if not found:
        return []
    out = ["", f"Precedents ({len(found)} filed under {', '.join(categories)}"
           + (f"; the first {limit} shown" if len(found) > limit else "") + "):"]
    for p in found[:limit]:
        where = ", ".join(x for x in (p.jurisdiction, p.instrument, p.section) if x)
        date = f" ({p.date})" if p.date else ""
        out.append(f"  - {p.holding}: {where}; {p.case_label()}{date}")
        if p.url:
            out.append(f"    {p.url}")
    return out


# --- waivers, job summary, annotate, config, waive (reports) --------------------------------------------

def _apply_waivers(results, cfg, allow_placeholders=False):
    """Mark findings the waivers file accepts; stale and expired waivers, and those whose reason is a
    placeholder (which waive nothing unless `allow_placeholders`), become findings of their own."""
    if not cfg.waivers:
        return results
    from lawlint import waivers
    from lawlint.model import LawlintError

    try:
        return waivers.apply(results, waivers.load(cfg.waivers), ignore=cfg.ignore,
                             allow_placeholders=allow_placeholders)
    except LawlintError as exc:
        _fail(str(exc))


def _github_summary(results, path, fmt, options) -> None:
    import os

    if path or (fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY")):
        from lawlint.report import github

        try:
            github.write_summary(results, path, options)
        except OSError as exc:
            where = path or os.environ.get("GITHUB_STEP_SUMMARY")
            _fail(f"{where}: cannot write job summary ({exc.strerror or exc})")


def _lint_for(paths, cfg, no_builtin_rules, as_named=False):
    """Lint `paths` as `check` would (same config, rules and waivers), in this process. `as_named`: lint
    exactly the files named, even one lawlint wrote (`annotate` on an annotated copy)."""
    from lawlint.engine import runner

    ruleset, options, spec = _lint_settings(cfg, no_builtin_rules)
    if as_named:
        sources = [runner.Source(p) for p in paths]
    else:
        sources = runner.expand(list(paths), exclude=_exclude_patterns(cfg),
                                respect_gitignore=cfg.respect_gitignore)
    results = runner.lint_sources(sources, ruleset, spec, options, jobs=1, limits=cfg.limits_object())
    return results, ruleset


def _config_for(paths, config_file, **overrides):
    from lawlint import config as config_mod
    from lawlint.model import LawlintError

    try:
        return config_mod.load([p for p in paths if p != "-"], overrides, config_file=config_file)
    except LawlintError as exc:
        _fail(str(exc))


@cli.command("annotate")
@click.argument("bill", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the annotated copy (default: BILL.lawlint.docx beside the input).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists (never the input).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (ids, categories).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--min-confidence", type=click.Choice(["low", "medium", "high"]), default=None)
@click.option("--language", default=None, metavar="LANG", help="Apply this language's rules.")
@_rules_option
@_no_builtin_option
@_config_option
@_waivers_option
def annotate_cmd(bill, output, force, select, ignore, min_confidence, language, rules_paths, no_builtin_rules,
                 config_file, waivers_path) -> None:
    """Write a copy of a Word BILL with one comment per finding on the words flagged.

    The input is never changed. Only .docx can be annotated; for PDF or text bills use
    `lawlint check --format html BILL > report.html`.
    """
    from lawlint import annotate
    from lawlint.model import LawlintError

    try:
        annotate.check_paths(bill, output, force)
    except LawlintError as exc:
        _fail(str(exc))
    cfg = _config_for([bill], config_file, select=list(select) or None, ignore=list(ignore) or None,
                      min_confidence=min_confidence, language=language, rules=list(rules_paths) or None,
                      waivers=waivers_path)
    results, ruleset = _lint_for([bill], cfg, no_builtin_rules, as_named=True)
    results = _apply_waivers(results, cfg)
    result = results[0]
    if result.error:
        _fail(f"{bill}: {result.error}")
    from lawlint.report.common import NOT_CHECKED, file_status

    status, reason = file_status(result, {"rule_languages": ruleset.languages()})
    if status == NOT_CHECKED:  # a copy without comments would read as a clean bill
        _fail(f"{bill}: not checked: {reason}; no annotated copy written")
    why = {r.id: " ".join(r.why.split()) for r in ruleset.rules}
    try:
        done = annotate.annotate(bill, output, result.findings, force=force, why=why)
    except LawlintError as exc:
        _fail(str(exc))
    if done.already:  # an annotated copy: say what was not added again (one line, on stderr)
        plural = "s" if done.already != 1 else ""
        had = f"{bill}: already has lawlint comments for {done.already} finding{plural}; not added again"
        click.echo(f"lawlint: note: {had}" + ("" if done.written else "; nothing new, no copy written"),
                   err=True)
    if not done.written:
        return
    note = ""
    if done.whole_paragraph:
        note = f" ({done.whole_paragraph} on whole paragraphs: exact words not found)"
    click.echo(f"{done.output}: {done.comments} comment{'s' if done.comments != 1 else ''}{note}")


@cli.command("config")
@click.argument("paths", nargs=-1)
@_config_option
def config_cmd(paths, config_file) -> None:
    """Print the effective configuration for PATHS (or here) and where each value comes from."""
    cfg = _config_for(list(paths), config_file)
    from lawlint import config as config_mod

    click.echo(config_mod.describe(cfg), nl=False)


@cli.command("waive")
@click.argument("paths", nargs=-1)
@click.option("--generate", is_flag=True, help="Write a waivers file that accepts every current finding.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Waivers file to write (default: the configured one, else lawlint-waivers.yaml here).")
@click.option("--force", is_flag=True, help="Replace an existing waivers file (reviewed reasons are kept).")
@_rules_option
@_no_builtin_option
@_config_option
def waive_cmd(paths, generate, output, force, rules_paths, no_builtin_rules, config_file) -> None:
    """Generate or check waivers: accepted findings, keyed by rule and clause, each with a reason.

    With --generate, lint PATHS (default: the current directory) and write one entry per finding; edit the
    reasons before committing. Without it, check the waivers file and list its entries.
    """
    from pathlib import Path

    from lawlint import config as config_mod
    from lawlint import waivers
    from lawlint.model import LawlintError

    cfg = _config_for(list(paths), config_file, rules=list(rules_paths) or None)
    target = output or cfg.waivers or str(Path(cfg.path).parent / config_mod.WAIVERS_FILE if cfg.path
                                          else config_mod.WAIVERS_FILE)
    if Path(target).is_absolute() and Path(target).resolve().is_relative_to(Path.cwd().resolve()):
        target = str(Path(target).resolve().relative_to(Path.cwd().resolve()))
    if not generate:
        if not Path(target).is_file():
            _fail(f"{target}: no waivers file (create one with `lawlint waive --generate PATHS`)")
        try:
            wf = waivers.load(target)
        except LawlintError as exc:
            _fail(str(exc))
        import datetime as dt

        today = dt.date.today()
        for w in wf.waivers:
            state = "active" if not w.expires else f"until {w.expires}"
            if w.expired(today):
                state = f"expired {w.expires}"
            elif w.placeholder:
                state = "placeholder reason: waives nothing"
            where = w.clause or w.eid or w.fingerprint
            click.echo(f"{target}:{w.line}: {w.rule} {where} [{state}] {w.reason}")
        click.echo(f"{len(wf.waivers)} waiver{'s' if len(wf.waivers) != 1 else ''} in {target}")
        return
    if Path(target).exists() and not force:
        _fail(f"{target}: already exists; use --force to replace it (reviewed reasons are kept)")
    results, _ = _lint_for(list(paths) or ["."], cfg, no_builtin_rules)
    if Path(target).is_file():
        cfg.waivers = target
        results = _apply_waivers(results, cfg)
    unreadable = [r for r in results if r.error]
    for r in unreadable:
        click.echo(f"{r.path}: error: {r.error}", err=True)
    try:
        n = waivers.generate(results, target, force=force)
    except LawlintError as exc:
        _fail(str(exc))
    click.echo(f"{target}: {n} waiver{'s' if n != 1 else ''} written; a placeholder reason waives nothing "
               "(and fails `check`) until you replace it with why the finding is accepted")
    if unreadable:
        sys.exit(2)


def main() -> None:
    """Console entry point. After `check` (spaCy loaded) the process ends with os._exit once output is
    flushed: interpreter teardown would add a noticeable delay and there is nothing left to clean up."""
    import os

    # numpy (imported by spaCy) starts an OpenBLAS thread pool whose threads spin while it starts: about
    # 0.1 s of CPU per process, and per --jobs worker, for nothing, since lawlint does no linear algebra.
    # A value the user has set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli(prog_name="lawlint")
    except SystemExit as exc:
        if not _FAST_EXIT:
            raise
        code = exc.code
        if not isinstance(code, int):
            if code is not None:
                print(code, file=sys.stderr)
            code = 0 if code is None else 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:  # a closed pipe: nothing more can be said
            code = code or 1
        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
