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
