"""Regenerate the sample reports from the sample bill: `python examples/make_reports.py`.

Run after `examples/make_examples.py` (which writes the bills) and whenever the rules change. Everything
goes through the real command line, so the files show exactly what a user gets:

  examples/reports/cyber-bill.html            lawlint check --format html      (self-contained page)
  examples/reports/cyber-bill.md              lawlint check --format markdown  (review memo)
  examples/reports/cyber-bill.sarif           lawlint check --format sarif     (code scanning)
  examples/reports/cyber-bill.lawlint.docx    lawlint annotate                 (Word comments)
  docs/img/html-report.png                    a headless-Chromium screenshot of the HTML report

Paths inside the reports are relative to the repository root, so the SARIF log uploads as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "reports"
BILL_TXT = "examples/cyber-bill.txt"
BILL_DOCX = "examples/cyber-bill.docx"
SCREENSHOT = ROOT / "docs" / "img" / "html-report.png"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def lawlint(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "lawlint", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode not in (0, 1):  # 1 only says there are findings
        sys.exit(f"lawlint {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 1800) -> bool:
    """The report with "only flagged clauses" switched on, so the picture shows findings beside clauses.

    Uses the browser test's small DevTools client (tests/cdp.py, needs websocket-client) to click the
    filter as a user would; without it, a plain `--screenshot` of the page as it opens."""
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if chromium is None:
        print("skipped screenshot: no headless Chromium (apt-get install chromium)")
        return False
    png.parent.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import cdp

        with cdp.Browser(chromium, width=width, height=height) as browser:
            browser.open(html.resolve().as_uri())
            browser.click('label[for="f-flagged"]')
            browser.evaluate("window.scrollTo(0, 0)")
            png.write_bytes(browser.screenshot())
        return True
    except ImportError:
        pass
    with tempfile.TemporaryDirectory(prefix="lawlint-shot-") as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return png.exists()


def main() -> None:
    for bill in (BILL_TXT, BILL_DOCX):
        if not (ROOT / bill).exists():
            sys.exit(f"{bill} is missing: run examples/make_examples.py first")
    OUT.mkdir(parents=True, exist_ok=True)
    for fmt, suffix in (("html", "html"), ("markdown", "md"), ("sarif", "sarif")):
        target = OUT / f"cyber-bill.{suffix}"
        target.write_text(lawlint("check", "--format", fmt, BILL_TXT).stdout, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    annotated = OUT / "cyber-bill.lawlint.docx"
    print(lawlint("annotate", BILL_DOCX, "-o", str(annotated.relative_to(ROOT)), "--force").stdout.strip())
    if screenshot(OUT / "cyber-bill.html", SCREENSHOT):
        print(f"wrote {SCREENSHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
