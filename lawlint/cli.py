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


def main() -> None:
    """Console entry point."""
    cli(prog_name="lawlint")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
