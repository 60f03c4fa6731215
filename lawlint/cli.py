"""The `lawlint` command line. Each command reads, lints and reports through the modules below it;
heavy imports (spaCy, python-docx, pypdfium2) happen inside commands so `--help` stays instant."""

from __future__ import annotations

import sys

import click

from lawlint import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="lawlint")
def cli() -> None:
    """Lint draft cyber legislation against international human-rights standards."""


@cli.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format: an indented tree, or JSON (docs/parse-json.md).")
def parse_cmd(files: tuple[str, ...], fmt: str) -> None:
    """Show the clause tree lawlint reads from each FILE (labels, headings, glossary)."""
    from lawlint.model import LawlintError
    from lawlint.pipeline import load_bill
    from lawlint.report import parse_json

    failed = False
    out_files = []
    for path in files:
        try:
            bill = load_bill(path)
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


_rules_option = click.option("--rules", "rules_paths", multiple=True, type=click.Path(),
                             help="Extra rule file or directory (repeatable); added to the built-in rules.")
_no_builtin_option = click.option("--no-builtin-rules", is_flag=True,
                                  help="Use only the rules given with --rules.")


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", default=None, metavar="FORMAT",
              help="Output format: text (default), json, sarif, markdown, html, github.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, categories (FE-FALSE) or prefixes (FE, FE-); comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (wins over --select).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding at or above this severity remains (default: error).")
@click.option("--min-confidence", type=click.Choice(["low", "medium", "high"]), default=None,
              help="Drop findings of rules less confident than this (default: low).")
@click.option("--language", default=None, metavar="LANG",
              help="Apply this language's rules (ISO 639-1), instead of the detected language.")
@_rules_option
@_no_builtin_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for several files (default: number of cores; 1 = none).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, without the summary line.")
@click.option("--no-color", is_flag=True, help="Never colour the output (it is only coloured on a terminal).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Config file to use instead of searching for one.")
def check_cmd(paths, fmt, select, ignore, fail_on, min_confidence, language, rules_paths, no_builtin_rules,
              jobs, quiet, no_color, config_file) -> None:
    """Lint each PATH (a file, a directory, or - for stdin) and report findings.

    Text output is one line per finding, `path:line:col: severity rule [CATEGORY] clause N: message`;
    for PDF the page comes first, `path:pPAGE:line:col:`. Exit status: 0 no finding at or above
    --fail-on, 1 findings at or above it, 2 a usage error or a file that could not be read.
    """
    global _FAST_EXIT
    import os

    from lawlint import config as config_mod
    from lawlint.engine import runner
    from lawlint.engine.evaluate import LintOptions
    from lawlint.model import LawlintError, Severity
    from lawlint.report import FORMATS, ReportOptions

    overrides = {"select": list(select) or None, "ignore": list(ignore) or None, "fail_on": fail_on,
                 "min_confidence": min_confidence, "language": language, "rules": list(rules_paths) or None,
                 "format": fmt}
    try:
        cfg = config_mod.load([p for p in paths if p != "-"], overrides, config_file=config_file)
    except LawlintError as exc:
        _fail(str(exc))
    if cfg.format not in FORMATS:
        _fail(f"unknown format {cfg.format!r} (choose from {', '.join(FORMATS)})")
    ruleset = _load_ruleset(tuple(cfg.rules), no_builtin_rules, cfg.select, cfg.ignore)
    lang = None if cfg.language in (None, "", "auto") else cfg.language.lower()
    options = LintOptions(language=lang, min_confidence=cfg.min_confidence or "low")
    spec = runner.RuleSpec(tuple(cfg.rules), not no_builtin_rules, tuple(cfg.select), tuple(cfg.ignore))
    sources = runner.expand(list(paths))
    if not sources:
        click.echo("lawlint: warning: no supported files found", err=True)
    _FAST_EXIT = True
    results = runner.lint_sources(sources, ruleset, spec, options, jobs=jobs or os.cpu_count() or 1)
    color = not no_color and fmt in (None, "text") and cfg.format == "text" and sys.stdout.isatty() \
        and not os.environ.get("NO_COLOR")
    ropts = ReportOptions(color=color, quiet=quiet, rules=ruleset.rules, rule_languages=ruleset.languages(),
                          rules_version=ruleset.version, ruleset=f"{len(ruleset.rules)} rules ({ruleset.version})",
                          min_confidence=cfg.min_confidence, fail_on=cfg.fail_on)
    click.echo(FORMATS[cfg.format](results, ropts), nl=False, color=color)
    sys.exit(runner.exit_status(results, cfg.fail_on))


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (ids, categories, prefixes).")
@_rules_option
@_no_builtin_option
def rules_cmd(fmt, select, rules_paths, no_builtin_rules) -> None:
    """List the rules: id, category, default severity, confidence and title."""
    import json

    ruleset = _load_ruleset(rules_paths, no_builtin_rules, select)
    rows = sorted(ruleset.rules, key=lambda r: (r.category, r.id))
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
    for lang, ex in sorted(r.examples.items()):
        out += ["", f"Examples ({lang}):"]
        out += [para(text, "  fire:  ").replace("\n" + "  fire:  ", "\n         ") for text in ex.get("fire", ())]
        out += [para(text, "  quiet: ").replace("\n" + "  quiet: ", "\n         ") for text in ex.get("quiet", ())]
    click.echo("\n".join(out))


def main() -> None:
    """Console entry point. After `check` (spaCy loaded) the process ends with os._exit once output is
    flushed: interpreter teardown would add a noticeable delay and there is nothing left to clean up."""
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
        import os

        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
