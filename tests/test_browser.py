"""The HTML report in a real headless Chromium: loads cleanly, counts right, filters hide what they should
(with and without JavaScript), reads on a phone-sized screen, and can be screenshotted for the docs."""

from __future__ import annotations

import json
import struct

import pytest

from lawlint.report import html
from report_data import sample_results

cdp = pytest.importorskip("cdp")
CHROMIUM = cdp.find_chromium()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"),
]


def _websocket_available() -> bool:
    try:
        import websocket  # noqa: F401
    except ImportError:
        return False
    return True


if not _websocket_available():  # pragma: no cover - the test extra installs it
    pytestmark.append(pytest.mark.skip(reason="websocket-client missing (pip install -e '.[test]')"))


@pytest.fixture()
def page(tmp_path):
    results = sample_results()
    path = tmp_path / "report.html"
    path.write_text(html.render(results), encoding="utf-8")
    return path, results


def _visible(browser, selector: str) -> int:
    return browser.evaluate(
        f"[...document.querySelectorAll({json.dumps(selector)})].filter(e => e.offsetParent !== null).length"
    )


def _json_count(results) -> int:
    """The findings count the JSON report gives (waived findings do not count)."""
    try:
        from lawlint.report import json as json_report

        data = json.loads(json_report.render(results, None))
        return data["summary"]["findings"]
    except (ImportError, AttributeError, TypeError, KeyError):
        return sum(1 for r in results for f in r.findings if not f.waived)


def test_page_loads_without_errors_and_counts_match_json(page):
    path, results = page
    with cdp.Browser(CHROMIUM) as b:
        b.open(path.as_uri())
        assert b.errors == []
        shown = int(b.evaluate("document.getElementById('finding-count').textContent"))
        assert shown == _json_count(results) == 2
        assert b.evaluate("document.querySelectorAll('main .finding').length") == 3  # incl. the waived one
        assert b.evaluate("document.getElementById('visible-count').textContent") == "Showing 2 of 2 findings"
        # no request left the page: every resource is inline
        assert b.evaluate("performance.getEntriesByType('resource').length") == 0
        assert (
            b.evaluate("document.querySelectorAll('link[rel=stylesheet], script[src], img[src]').length") == 0
        )
        assert b.evaluate("document.querySelector('svg.chart').getBBox().width") > 100


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filter_click_hides_what_it_should(page, javascript):
    path, _ = page
    with cdp.Browser(CHROMIUM, javascript=javascript) as b:
        b.open(path.as_uri())
        assert _visible(b, ".finding.sev-error") == 1
        b.click('label[for="f-sev-error"]')
        assert _visible(b, ".finding.sev-error") == 0
        assert _visible(b, ".finding.sev-warning") == 1 and _visible(b, ".finding.waived") == 1
        b.click('label[for="f-waived"]')
        assert _visible(b, ".finding.waived") == 0
        b.click('label[for="f-cat-FE-DEFAM"]')
        assert _visible(b, ".finding") == 0
        b.click('label[for="f-sev-error"]')
        assert _visible(b, ".finding.sev-error") == 1
        if javascript:
            assert (
                b.evaluate("document.getElementById('visible-count').textContent")
                == "Showing 1 of 2 findings"
            )
        # "only flagged clauses" hides a clause without findings, keeps flagged ones and their parents
        assert _visible(b, "#c1-sec_22__subsec_1") == 1
        before = _visible(b, ".clause")
        b.click('label[for="f-flagged"]')
        assert _visible(b, ".clause") < before
        assert _visible(b, ".clause.flagged") == 3 and _visible(b, "#c1-sec_22__subsec_1") == 1
        assert _visible(b, "#c1-sec_22__subsec_2") == 0
        assert b.errors == []


def test_phone_width_has_no_horizontal_scroll_and_screenshot_is_a_png(page, tmp_path):
    path, _ = page
    with cdp.Browser(CHROMIUM, width=390, height=844) as b:
        b.open(path.as_uri())
        assert b.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        png = b.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (390, 844)
    (tmp_path / "phone.png").write_bytes(png)


def test_print_media_hides_the_filters(page):
    path, _ = page
    with cdp.Browser(CHROMIUM) as b:
        b.call("Emulation.setEmulatedMedia", session=True, media="print")
        b.open(path.as_uri())
        assert b.evaluate("getComputedStyle(document.querySelector('nav.filters')).display") == "none"
        # on paper the findings go under their clause: one column
        columns = b.evaluate("getComputedStyle(document.querySelector('.flagged > .row')).gridTemplateColumns")
        assert len(columns.split()) == 1
        assert _visible(b, ".finding") == 3


def test_sample_bill_report_in_the_browser(tmp_path):
    """The real pipeline's page for the sample bill: no console errors, count = JSON count, filters work."""
    from pathlib import Path

    from click.testing import CliRunner

    from lawlint.cli import cli

    bill = Path(__file__).resolve().parent.parent / "examples" / "cyber-bill.docx"
    if not bill.exists():
        pytest.skip("sample bill not generated")
    runner = CliRunner()
    as_json = json.loads(runner.invoke(cli, ["check", "-f", "json", str(bill)]).stdout)
    page = tmp_path / "bill.html"
    page.write_text(runner.invoke(cli, ["check", "-f", "html", str(bill)]).stdout, encoding="utf-8")
    with cdp.Browser(CHROMIUM) as b:
        b.open(page.as_uri())
        assert b.errors == []
        assert (
            int(b.evaluate("document.getElementById('finding-count').textContent"))
            == as_json["summary"]["findings"]
        )
        errors = as_json["summary"]["by_severity"]["error"]
        assert _visible(b, ".finding.sev-error") == errors > 0
        b.click('label[for="f-sev-error"]')
        assert _visible(b, ".finding.sev-error") == 0
        assert _visible(b, ".finding") == as_json["summary"]["findings"] - errors
