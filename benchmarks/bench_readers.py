"""Reader speed on generated 200-page documents; prints medians of several runs.

PDF: lawlint's reader (pypdfium2 engine, layout pass included) against bare pypdfium2 text extraction
(`get_text_range` on every page) on the same file; target at least 150 pages/s and within 3x of bare
pypdfium2. Also the pdfplumber engine (on fewer pages: it is slow) and the real 54-page Sri Lankan bill.
DOCX: body paragraphs per second, against python-docx's own `paragraph.text` loop.
Text: words per second of the text reader.

    .venv/bin/python benchmarks/bench_readers.py [--pages 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "examples" / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_examples", module)
    spec.loader.exec_module(module)
    return module


def _paired(fn_a, fn_b, repeat: int) -> tuple[float, float, float]:
    """Median times of a and b, and the median of their per-run ratio, runs interleaved so that a busy
    machine slows both alike."""
    ta, tb, ratios = [], [], []
    for _ in range(repeat):
        a = _median_time(fn_a, 1)
        b = _median_time(fn_b, 1)
        ta.append(a)
        tb.append(b)
        ratios.append(a / b)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def make_pdf(gen, pages: int) -> bytes:
    """The sample bill's paragraphs, repeated until the PDF has at least `pages` pages."""
    paras = gen._pdf_paragraphs()
    reps = 1
    while True:
        data = gen.make_pdf(paras=paras * reps)
        n = _pdf_pages(data)
        if n >= pages:
            return data
        reps = max(reps + 1, int(reps * pages / n) + 1)


def make_docx(gen, paragraphs: int) -> bytes:
    items = gen._docx_items()
    return gen.make_docx(items=(items * (paragraphs // len(items) + 1))[:paragraphs])


def bare_pdfium(data: bytes) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    doc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import docx

    from lawlint.readers import docx as docx_reader
    from lawlint.readers import pdf, text

    gen = _generator()
    rows: list[tuple[str, str]] = []

    data = make_pdf(gen, args.pages)
    n = _pdf_pages(data)
    ours, bare, ratio = _paired(lambda: pdf.read(data, "bench.pdf"), lambda: bare_pdfium(data), args.repeat)
    rows.append((f"PDF, {n} generated pages, lawlint pdfium engine", f"{n / ours:8.0f} pages/s"))
    rows.append(("PDF, same pages, bare pypdfium2 get_text_range", f"{n / bare:8.0f} pages/s"))
    rows.append(("PDF, lawlint time / bare pypdfium2 time", f"{ratio:8.2f} x  (target <= 3x)"))
    small = make_pdf(gen, 20)
    ns = _pdf_pages(small)
    plumber = _median_time(
        lambda: pdf.read(small, "bench.pdf", engine="pdfplumber"), max(1, args.repeat // 2)
    )
    rows.append((f"PDF, {ns} generated pages, lawlint pdfplumber engine", f"{ns / plumber:8.0f} pages/s"))

    real = (ROOT / "corpora" / "documents" / "lk-personal-data-protection-bill-2022.pdf").read_bytes()
    nr = _pdf_pages(real)
    real_ours, _, real_ratio = _paired(
        lambda: pdf.read(real, "bill.pdf"), lambda: bare_pdfium(real), args.repeat
    )
    rows.append((f"PDF, real Sri Lankan bill ({nr} pages), lawlint", f"{nr / real_ours:8.0f} pages/s"))
    rows.append(("PDF, real bill, lawlint time / bare pypdfium2 time", f"{real_ratio:8.2f} x"))

    paragraphs = args.pages * 15
    ddata = make_docx(gen, paragraphs)
    docx_ours = _median_time(lambda: docx_reader.read(ddata, "bench.docx"), args.repeat)

    def bare_docx() -> None:
        import io

        document = docx.Document(io.BytesIO(ddata))
        for para in document.paragraphs:
            _ = para.text

    docx_bare = _median_time(bare_docx, args.repeat)
    rows.append((f"DOCX, {paragraphs} paragraphs, lawlint", f"{paragraphs / docx_ours:8.0f} paragraphs/s"))
    rows.append(
        ("DOCX, same file, python-docx paragraph.text", f"{paragraphs / docx_bare:8.0f} paragraphs/s")
    )

    body = gen.make_txt()
    reps = max(1, (args.pages * 420) // len(body.split()))
    tdata = (body * reps).encode("utf-8")
    words = len(tdata.split())
    text_time = _median_time(lambda: text.read(tdata, "bench.txt", "txt"), args.repeat)
    rows.append((f"Text, {words} words, lawlint text reader", f"{words / text_time:8.0f} words/s"))

    width = max(len(k) for k, _ in rows)
    print(f"medians of {args.repeat} runs (ratios: median of per-run ratios, runs interleaved)")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
