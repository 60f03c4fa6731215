"""A very small PDF writer for the sample bills and the benchmarks: text lines in the standard Helvetica
fonts, WinAnsi encoding, no compression, so the output is deterministic byte for byte.

Only what the examples need: pages of positioned text lines. Widths come from the standard font metrics that
pdfminer ships, so callers can wrap text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.fontmetrics import FONT_METRICS

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}


def text_width(text: str, size: float, font: str = "F1") -> float:
    widths = FONT_METRICS[FONTS[font]][1]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000.0


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    items: list[tuple[float, float, str, float, str]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 10.5, font: str = "F1") -> None:
        self.items.append((x, y, text, size, font))


def write_pdf(pages: list[Page], title: str = "") -> bytes:
    """Serialise pages into one PDF file (objects, xref table, trailer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font_ids = {
        name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
        for name, base in FONTS.items()
    }
    fonts = " ".join(f"/{n} {i} 0 R" for n, i in font_ids.items())
    kids = []
    for page in pages:
        ops = []
        for x, y, text, size, font in page.items:
            ops.append(
                b"BT /"
                + font.encode()
                + f" {size:g} Tf {x:.2f} {y:.2f} Td (".encode()
                + _escape(text)
                + b") Tj ET"
            )
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {page.width:g} {page.height:g}] "
                f"/Resources << /Font << {fonts} >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Count {len(kids)} /Kids [" + " ".join(f"{k} 0 R" for k in kids) + "] >>"
    ).encode()
    info = add(b"<< /Title (" + _escape(title) + b") /Producer (lawlint examples) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def wrap(
    text: str, width: float, size: float, font: str = "F1", first_width: float | None = None
) -> list[str]:
    """Greedy line filling, the way a word processor sets ragged-right text."""
    lines: list[str] = []
    current = ""
    limit = first_width if first_width is not None else width
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, font) > limit:
            lines.append(current)
            current = word
            limit = width
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
