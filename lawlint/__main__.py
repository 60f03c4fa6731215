"""`python -m lawlint` runs the same command-line interface as `lawlint`."""

from lawlint.cli import main

if __name__ == "__main__":
    main()
