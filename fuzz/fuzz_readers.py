"""Coverage-guided fuzzing of the readers and the segmenter with atheris.

Any input must end in a Bill or a one-line ReadError/LawlintError; anything else is a bug.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_readers.py -atheris_runs=20000            # a short run
    python fuzz/fuzz_readers.py -max_total_time=3600 corpus/   # longer, keeping a corpus directory

The first byte of each input picks the suffix, so every reader is reached from one harness.
"""

from __future__ import annotations

import os
import sys
import tempfile

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xml", ".html", "")


def one_input(data: bytes) -> None:
    """Write the bytes to a file with a chosen suffix and read + segment it."""
    from lawlint.model import LawlintError
    from lawlint.pipeline import load_bill

    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data[1:])
        try:
            load_bill(path)
        except LawlintError as exc:
            message = str(exc)
            if "\n" in message.strip() or not message.strip():
                raise AssertionError(f"error message must be one non-empty line, got {message!r}") from None
    finally:
        os.unlink(path)


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import lawlint.pipeline  # noqa: F401  (instrument the readers and the segmenter)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
