"""lawlint: a linter for draft cyber legislation against international human-rights standards."""

__version__ = "0.1.0"
