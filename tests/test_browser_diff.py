"""The `lawlint diff --format html` page in a real headless Chromium: loads cleanly with nothing fetched, one
row per clause entry of the JSON, the two readings side by side, changes highlighted, the "only changes"
switch works without JavaScript, and a phone-sized screen does not scroll sideways."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lawlint.cli import cli
from test_diff import BASE, NEW, OLD

cdp = pytest.importorskip("cdp")
CHROMIUM = cdp.find_chromium()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"),
]

try:
    import websocket  # noqa: F401
except ImportError:  # pragma: no cover - the test extra installs it
    pytestmark.append(pytest.mark.skip(reason="websocket-client missing (pip install -e '.[test]')"))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("diff")
    (tmp / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp / "new.txt").write_text(NEW, encoding="utf-8")
    runner = CliRunner()
    args = ["diff", *BASE, str(tmp / "old.txt"), str(tmp / "new.txt")]
    data = json.loads(runner.invoke(cli, [*args, "-f", "json"]).stdout)
    path = tmp / "diff.html"
    path.write_text(runner.invoke(cli, [*args, "-f", "html"]).stdout, encoding="utf-8")
    return path, data


def _visible(b, selector: str) -> int:
    return b.evaluate(
        f"[...document.querySelectorAll({json.dumps(selector)})].filter(e => e.offsetParent !== null).length")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_side_by_side_rows_highlights_and_only_changes_switch(page, javascript):
    path, data = page
    with cdp.Browser(CHROMIUM, javascript=javascript) as b:
        b.open(path.as_uri())
        assert b.errors == []
        assert b.evaluate("performance.getEntriesByType('resource').length") == 0
        assert _visible(b, "tbody tr") == len(data["clauses"])
        # a changed pair sits on one row: old on the left, new on the right, same top
        box = ("(() => { const r = document.querySelector('tr.changed'); const o = r.querySelector('td.old')"
               ".getBoundingClientRect(), n = r.querySelector('td.new').getBoundingClientRect();"
               " return [o.left < n.left, o.top === n.top, o.right <= n.left + 1]; })()")
        assert b.evaluate(box) == [True, True, True]
        # words added and removed are highlighted, not only marked up
        added = b.evaluate("[...document.querySelectorAll('td.new ins')].map(e => e.textContent)")
        assert "knowingly" in added and "statements" in added  # the reworded offence and its new heading
        assert b.evaluate("getComputedStyle(document.querySelector('td.new ins')).backgroundColor") not in (
            "rgba(0, 0, 0, 0)", "transparent")
        # findings sit in the column of their reading: the fixed one on the left, the new one on the right
        assert _visible(b, "td.old .f.fixed") == sum(f["status"] == "fixed" for f in data["findings"]) == 1
        assert _visible(b, "td.new .f.new") == sum(f["status"] == "new" for f in data["findings"]) == 1
        unchanged = sum(c["status"] == "unchanged" for c in data["clauses"])
        b.click('label[for="only-changes"]')
        assert _visible(b, "tbody tr") == len(data["clauses"]) - unchanged
        assert _visible(b, "tr.unchanged") == 0 and _visible(b, "tr.deleted") == 1
        assert b.errors == []


def test_phone_width_does_not_scroll_sideways(page):
    path, _ = page
    with cdp.Browser(CHROMIUM, width=390, height=844) as b:
        b.open(path.as_uri())
        assert b.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert b.errors == []
