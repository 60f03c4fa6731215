"""The HTML report's content, without a browser: self-contained, escaped, complete, deterministic."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lawlint import __version__
from lawlint.report import html
from report_data import sample_results


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(text):
    p = _Collect()
    p.feed(text)
    return p.tags


def test_self_contained_no_external_resources():
    page = html.render(sample_results())
    tags = parse(page)
    assert not [t for t, a in tags if t in ("link", "img", "iframe")]
    assert not [a for t, a in tags if t == "script" and "src" in a]
    assert "@import" not in page and "url(" not in page
    assert any(t == "svg" for t, _ in tags)


def test_bill_text_is_escaped_and_flagged_words_marked():
    page = html.render(sample_results())
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>publishes false news</mark>" in page
    assert "<mark>may intercept any communication</mark>" in page


def test_every_finding_is_a_card_with_authority_links_and_waivers_shown():
    page = html.render(sample_results())
    cards = [a for t, a in parse(page) if t == "article"]
    assert [c["data-rule"] for c in cards] == [
        "false-news-offence",
        "insult-public-officials",
        "interception-without-warrant",
    ]
    assert "waived" in cards[2]["class"]
    assert "Waived: Reviewed 2026-11: oversight in s.41" in page
    assert (
        'href="https://www.ohchr.org/en/documents/general-comments-and-recommendations/general-comment-no34"'
        in page
    )
    assert '<section id="authorities">' in page


def test_count_version_rule_set_and_filters():
    page = html.render(sample_results(), {"ruleset": "core (58 rules)", "select": ["FE"]})
    assert re.search(r'id="finding-count" data-count="2">2<', page)
    assert f"lawlint {__version__}" in page and "rule set: core (58 rules)" in page and "select: FE" in page
    for ident in (
        "f-sev-error",
        "f-sev-warning",
        "f-sev-info",
        "f-cat-FE-FALSE",
        "f-cat-FE-DEFAM",
        "f-waived",
    ):
        assert f'id="{ident}"' in page and f'label class="chip" for="{ident}"' in page
        assert f"#{ident}:not(:checked) ~ main" in page
    assert "Could not be read: corrupt or truncated PDF" in page


def test_clause_tree_order_and_flagged_classes():
    page = html.render(sample_results())
    assert (
        page.index('id="c1-sec_22"')
        < page.index('id="c1-sec_22__subsec_1__para_a"')
        < page.index('id="c1-sec_30"')
    )
    assert 'class="clause flagged worst-error" id="c1-sec_22__subsec_1__para_a"' in page
    assert 'class="clause" id="c1-sec_22__subsec_2"' in page


def test_findings_without_a_bill_are_still_listed():
    results = sample_results()
    results[0].bill = None
    page = html.render(results)
    assert page.count("<article") == 3
    assert "Words flagged: <mark>publishes false news</mark>" in page


def test_deterministic():
    assert html.render(sample_results()) == html.render(sample_results())


def test_highlight_merges_overlaps_and_tolerates_whitespace():
    out = html.highlight("a  person who publishes false\nnews", ["publishes false news", "false news"])
    assert out == "a  person who <mark>publishes false\nnews</mark>"


def test_index_links_every_flagged_clause_in_bill_order():
    page = html.render(sample_results())
    links = re.findall(r'<a class="jump sev-(\w+)" href="#(c1-[\w-]+)">([^<]+) <span', page)
    assert links == [
        ("error", "c1-sec_22__subsec_1__para_a", "22(1)(a)"),
        ("warning", "c1-sec_22__subsec_1__para_b", "22(1)(b)"),
        ("info", "c1-sec_30", "30"),
    ]
    assert all(f'id="{target}"' in page for _, target, _ in links)


# ---- issue 13: the bill's title, category names, a filtered clause, the cover page ---------------------


def test_title_and_headings_name_the_bill_not_the_path():
    results = sample_results()
    for r in results:
        r.path = "/home/reviewer/private/" + r.path
    page = html.render(results[:1])
    assert "<title>lawlint report: Cyber Crimes Bill, 2026</title>" in page
    assert "<h1>Cyber Crimes Bill, 2026</h1>" in page
    assert "/home/reviewer" not in page
    assert '<h2>Cyber Crimes Bill, 2026 <span class="meta">bill.txt</span></h2>' in page
    results[0].bill.title = ""
    page = html.render(results)  # no title in the document, two files: the count, then each file's name
    assert "<title>lawlint report: 2 files</title>" in page and "/home/reviewer" not in page
    assert "<h2>bill.txt</h2>" in page  # the name once when it is also the title
    assert '<a href="#file-2">broken.pdf</a> could not be read' in page


def test_categories_are_shown_with_their_names():
    page = html.render(sample_results())
    assert "false-news-offence</code> · False news (FE-FALSE) · confidence" in page
    assert 'for="f-cat-FE-DEFAM" title="FE-DEFAM">Defamation and insult <span' in page
    assert ">False news (FE-FALSE)</text>" in page  # the chart's row label
    assert ">FE-FALSE</text>" not in page


def test_preamble_drops_the_cover_page_price_and_printer():
    from lawlint.model import Bill, Clause, FileResult, Location

    text = ("PARLIAMENT OF SRI LANKA\nCYBER ACT, No. 3 OF 2026\nPrinted on the Order of Government\n"
            "PRINTED AT THE DEPARTMENT OF GOVERNMENT PRINTING, SRI LANKA\n"
            "TO BE PURCHASED AT THE GOVERNMENT PUBLICATIONS BUREAU, COLOMBO 5\nPrice : Rs. 14.00 Postage : Rs. 15.00\n"
            "L.D.-O 19/2020\nAN ACT TO PROVIDE FOR CYBER SECURITY")
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    pre = Clause(kind="preamble", num="", label="preamble", eid="preamble", text=text,
                 anchors=tuple((s, Location(line=n + 2)) for n, s in enumerate(starts)))
    bill = Bill(path="b.pdf", format="pdf", title="Cyber Act", clauses=[pre])
    page = html.render([FileResult(path="b.pdf", format="pdf", language="en", bill=bill)])
    body = page[page.index('id="c1-preamble"') :]
    assert "PARLIAMENT OF SRI LANKA CYBER ACT, No. 3 OF 2026 AN ACT TO PROVIDE FOR CYBER SECURITY" in body
    for gone in ("Price", "Postage", "PRINTING", "PURCHASED", "Order of Government", "19/2020"):
        assert gone not in body


def test_real_gazette_preamble_has_no_price_or_postage(tmp_path):
    from pathlib import Path

    from click.testing import CliRunner

    from lawlint.cli import cli

    documents = Path(__file__).resolve().parent.parent / "corpora" / "documents"
    pdf = documents / "lk-covid19-temporary-provisions-act-2021.pdf"
    out = CliRunner().invoke(cli, ["check", "-f", "html", "--allow-unchecked", str(pdf)]).stdout
    start = out.index('id="c1-preamble"')
    preamble = out[start : out.index('<div class="clause', start + 1)]
    assert "AN ACT TO MAKE TEMPORARY PROVISIONS" in preamble
    assert "Price" not in preamble and "Postage" not in preamble and "GOVERNMENT PRINTING" not in preamble
    assert "<title>lawlint report: Coronavirus Disease 2019" in out and str(pdf.parent) not in out


def test_a_clause_whose_findings_are_all_filtered_is_marked_quietly_with_a_count():
    """Runs the page's script under node with a minimal stand-in for the DOM: the filters hide the cards
    (display none); the clause keeps its flag, turns 'all-filtered' and says how many findings are hidden."""
    import json
    import shutil
    import subprocess

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed")
    page = html.render(sample_results())
    assert page.count('<p class="hidden-note meta" hidden></p>') == 3  # one per flagged clause
    shim = """
    function El(cls, display, kids) {
      this.cls = new Set(cls); this.display = display || 'block'; this.kids = kids || [];
      this.hidden = true; this.textContent = ''; this.offsetParent = display === 'none' ? null : {};
      var self = this;
      this.classList = {
        toggle: function (c, on) { if (on) self.cls.add(c); else self.cls.delete(c); },
        contains: function (c) { return self.cls.has(c); }
      };
    }
    function having(list, c) { return list.filter(function (k) { return k.cls.has(c); }); }
    El.prototype.querySelectorAll = function () { return having(this.kids, 'finding'); };
    El.prototype.querySelector = function () { return having(this.kids, 'hidden-note')[0]; };
    var state = JSON.parse(process.argv[1]);
    var clauses = state.map(function (displays) {
      var kids = displays.map(function (d) { return new El(['finding'], d); });
      kids.push(new El(['hidden-note']));
      return new El(['clause', 'flagged'], 'block', kids);
    });
    var cards = [].concat.apply([], clauses.map(function (c) { return having(c.kids, 'finding'); }));
    var count = new El([]);
    global.getComputedStyle = function (e) { return { display: e.display }; };
    global.document = {
      getElementById: function () { return count; },
      querySelectorAll: function (sel) { return sel.indexOf('.clause') >= 0 ? clauses : cards; },
      addEventListener: function () {}
    };
    eval(SCRIPT);
    console.log(JSON.stringify({
      count: count.textContent,
      clauses: clauses.map(function (c) {
        var n = c.querySelector();
        return [c.classList.contains('all-filtered'), n.hidden, n.textContent];
      })
    }));
    """.replace("SCRIPT", json.dumps(html.SCRIPT))
    state = [["none", "none"], ["block", "none"], ["block"]]
    done = subprocess.run([node, "-e", shim, json.dumps(state)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["count"] == "Showing 2 of 5 findings"
    assert result["clauses"][0] == [True, False, "2 findings here hidden by the filters"]
    assert result["clauses"][1] == [False, False, "1 finding here hidden by the filters"]
    assert result["clauses"][2][:2] == [False, True]
