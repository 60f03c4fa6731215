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


def main() -> None:
    """Console entry point."""
    cli(prog_name="lawlint")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
