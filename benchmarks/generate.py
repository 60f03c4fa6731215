"""Long bills for the benchmarks: the sample bill's sections repeated and renumbered, as many as fit in the
asked number of PDF pages, written as .txt, .docx and .pdf with the sample bill's own writers.

Each repetition continues the numbering (sections 18, 19, ... and PART VI, VII, ...), a reference such as
"an offence under section 10" points at the same section of its own repetition, and the short title, the
definitions and the establishment of the Authority appear once, and each repetition's finance section has a
different number of subsections, so the clause tree, the numbering, the glossary, the cross-references and
the page layout look like one long Act rather than the same short Act pasted N times.
The page count is the PDF's; the .txt and .docx hold exactly the same sections.

    .venv/bin/python benchmarks/generate.py OUT_DIR [--pages 1 100 200]
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import re
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "docx", "pdf")


def sample_module():
    """examples/make_examples.py, imported once (its writers read the module-level BILL)."""
    if "make_examples" in sys.modules:
        return sys.modules["make_examples"]
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "examples" / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_examples"] = module
    spec.loader.exec_module(module)
    return module


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


_SECTION_REF = re.compile(r"\b(sections?) (\d+)\b")


def _shift_refs(node, offset: int) -> None:
    """Renumber "section N" references inside one copied section, recursively."""

    def shift(text: str) -> str:
        return _SECTION_REF.sub(lambda m: f"{m.group(1)} {int(m.group(2)) + offset}", text)

    node.text = shift(node.text)
    node.wrap = shift(node.wrap)
    for child in node.children:
        _shift_refs(child, offset)


ONCE = 3  # the short title, the definitions and the Authority's establishment: a real Act has each once
# Administrative subsections added to the finance section, a different number in each repetition, so that
# repetitions differ in length and the same line does not come back at the top of every third page (which
# a PDF reader rightly takes for a running header).
EXTRA_FINANCE = (
    "The Authority may accept grants and donations from any source approved by the Minister.",
    "The Authority shall keep proper accounts of its income and expenditure.",
    "The accounts of the Authority shall be audited by the Auditor-General.",
    "The financial year of the Authority shall be the calendar year.",
)


def sections(count: int) -> list:
    """The first `count` sections of the endlessly repeated, renumbered sample bill. Sections 1-3 appear
    only in the first repetition: repeating the definitions would give a glossary with every term
    defined dozens of times, which no real bill has (and which makes term matching grow quadratically)."""
    gen = sample_module()
    base = gen.BILL
    out = []
    part_no = 0
    rep = 0
    while len(out) < count:
        first = 0 if rep == 0 else ONCE
        shift = len(out) - first  # "section n" of this repetition is number n + shift
        for sec in base[first:]:
            if len(out) == count:
                break
            sec = copy.deepcopy(sec)
            sec.num = str(int(sec.num) + shift)
            _shift_refs(sec, shift)
            if sec.heading.startswith("Fund of") and sec.children:
                for extra in EXTRA_FINANCE[: (rep * 3) % (len(EXTRA_FINANCE) + 1)]:
                    sec.children.append(type(sec.children[0])(num=str(len(sec.children) + 1), text=extra))
            if sec.part:
                part_no += 1
                heading = sec.part.split("|", 1)[1]
                sec.part = f"PART {_roman(part_no)}|{heading}"
            out.append(sec)
        rep += 1
    return out


def second_reading(secs: list, mapping: dict | None = None) -> list:
    """A later reading of `secs`, for `lawlint diff`: every 12th section struck out (never one that opens a
    Part), a new section after every 10th, a word changed in every 7th, and the sections renumbered in order,
    so almost every section number changes between the two readings. `mapping`, when given, receives each
    kept section's old number -> new number (the true alignment, for tests)."""
    gen = sample_module()
    out = []
    for k, sec in enumerate(secs):
        if k % 12 == 11 and not sec.part:
            continue
        old_num = sec.num
        sec = copy.deepcopy(sec)
        sec.old_num = old_num
        if k % 7 == 3:
            target = sec.children[0] if sec.children and sec.children[0].text else sec
            target.text = target.text.replace(" shall ", " must ", 1) if " shall " in target.text \
                else target.text + " in writing"
        out.append(sec)
        if k % 10 == 9:
            out.append(gen.S(0, f"Review of operation ({k})",
                             "The Minister shall, within three years of the commencement of this Act, review the "
                             "operation of the preceding sections and lay a report of the review before Parliament."))
    for i, sec in enumerate(out, start=1):
        if mapping is not None and hasattr(sec, "old_num"):
            mapping[sec.old_num] = str(i)
        sec.num = str(i)
    return out


def write_readings(out_dir: Path, pages: int, formats=("txt", "pdf")) -> dict[str, tuple[Path, Path]]:
    """Two readings of a `pages`-page bill: reading-<pages>p-1.<fmt> and its second reading -2.<fmt>."""
    out_dir.mkdir(parents=True, exist_ok=True)
    first = sections(sections_for(pages))
    second = second_reading(first)
    paths = {}
    for fmt in formats:
        a, b = out_dir / f"reading-{pages}p-1.{fmt}", out_dir / f"reading-{pages}p-2.{fmt}"
        a.write_bytes(render(first, fmt))
        b.write_bytes(render(second, fmt))
        paths[fmt] = (a, b)
    return paths


@contextmanager
def _bill(secs: list):
    """Point the sample writers at `secs` for the duration of the block."""
    gen = sample_module()
    saved = gen.BILL
    gen.BILL = secs
    try:
        yield gen
    finally:
        gen.BILL = saved


def render(secs: list, fmt: str) -> bytes:
    with _bill(secs) as gen:
        if fmt == "txt":
            return gen.make_txt().encode("utf-8")
        if fmt == "docx":
            return gen.make_docx()
        if fmt == "pdf":
            return gen.make_pdf()
    raise ValueError(f"unknown format {fmt!r}")


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF written by tinypdf: its page tree's /Count (avoids importing pypdfium2 here)."""
    return int(re.search(rb"/Type /Pages /Count (\d+)", data).group(1))


def sections_for(pages: int) -> int:
    """The most sections whose PDF still fits in `pages` pages (a full last page, not one line on it)."""

    def fits(n: int) -> bool:
        return pdf_pages(render(sections(n), "pdf")) <= pages

    lo, hi = 1, 16  # invariant once bracketed: fits(lo) and not fits(hi)
    while fits(hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def write_bill(out_dir: Path, pages: int, formats=FORMATS) -> dict[str, Path]:
    """Write bill-<pages>p.<fmt> for each format; return the paths by format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    secs = sections(sections_for(pages))
    paths = {}
    for fmt in formats:
        path = out_dir / f"bill-{pages}p.{fmt}"
        path.write_bytes(render(secs, fmt))
        paths[fmt] = path
    return paths


def source_digest() -> str:
    """A digest of everything that decides the generated bytes, so a cache is never stale."""
    import hashlib

    h = hashlib.sha256()
    for path in (Path(__file__), ROOT / "examples" / "make_examples.py", ROOT / "examples" / "tinypdf.py"):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cached_bills(cache_root: Path, sizes: list[int]) -> dict[int, dict[str, Path]]:
    """The bills for `sizes`, generated once into cache_root/bills-<digest>/ and reused afterwards
    (a 200-page DOCX takes python-docx several seconds to write)."""
    folder = cache_root / f"bills-{source_digest()}"
    for old in cache_root.glob("bills-*"):  # bills from an older generator are never read again
        if old != folder and old.is_dir():
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
    out = {}
    for pages in sizes:
        paths = {fmt: folder / f"bill-{pages}p.{fmt}" for fmt in FORMATS}
        if not all(p.exists() for p in paths.values()):
            paths = write_bill(folder, pages)
        out[pages] = paths
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--pages", type=int, nargs="+", default=[1, 100, 200])
    args = ap.parse_args()
    for pages in args.pages:
        for fmt, path in write_bill(args.out_dir, pages).items():
            print(f"{pages:4d} pages  {fmt:5} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
