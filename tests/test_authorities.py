"""Authorities a reviewer can cite (issue 13): every URL is a primary source on an official host (or says why
not), copy sites and test servers are refused, every authority a rule names exists, every rule opens with a
general standard, and nothing a user reads says "unconfirmed". The data behind the checks is
lawlint/rules/authorities.yaml and lawlint/rules/official-domains.yaml."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner

from lawlint.cli import cli
from lawlint.engine.loader import load_rules

RULES = files("lawlint").joinpath("rules")
AUTHORITIES = yaml.safe_load(RULES.joinpath("authorities.yaml").read_text(encoding="utf-8"))
DOMAINS = yaml.safe_load(RULES.joinpath("official-domains.yaml").read_text(encoding="utf-8"))
PACKS = sorted(Path(str(RULES.joinpath("packs"))).glob("*.yaml"))
RULESET = load_rules()

REQUIRED = ("kind", "scope", "body", "symbol", "date", "citation", "pinpoint", "url", "url-seen", "checked",
            "check-note")
# words that tell a reader a pinpoint was not checked; such doubts belong in check-note, never in what users see
DOUBT = re.compile(r"unconfirmed|not confirmed|unverified|not verified|\(\?\)|\bTODO\b", re.I)


def _matches(host: str, entry: str) -> bool:
    return host == entry or host.endswith("." + entry)


def url_problem(entry: dict, domains: dict = DOMAINS) -> str | None:
    """Why an authority's URL is not acceptable, or None. Refused hosts stay refused whatever the reason given."""
    url = str(entry.get("url", ""))
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        return f"not a web address: {url!r}"
    never = domains["never"]
    if any(label in never["labels"] for label in host.split(".")):
        return f"{host} is a test or staging server"
    if any(_matches(host, bad) for bad in never["hosts"]):
        return f"{host} is a copy, news or commentary site"
    if any(_matches(host, ok) for ok in domains["official"]):
        return None
    if str(entry.get("url-reason", "")).strip():
        return None
    return f"{host} is not an official domain and the entry gives no url-reason"


def _pack_authority_lists() -> dict[str, list[str]]:
    """rule id -> its authorities, read from the pack files themselves (not through the loader)."""
    out: dict[str, list[str]] = {}
    for path in PACKS:
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            out[rule["id"]] = list(rule.get("authorities") or [])
    return out


def test_every_authority_has_the_fields_a_reviewer_needs():
    assert len(AUTHORITIES) >= 60
    for key, entry in AUTHORITIES.items():
        missing = [f for f in REQUIRED if f not in entry or entry[f] in (None, "")]
        assert not missing, f"{key}: missing {missing}"
        assert isinstance(entry["checked"], bool) and isinstance(entry["url-seen"], bool), key
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(entry["date"])), f"{key}: date {entry['date']!r}"
        # the year a reader sees in the citation is the document's year
        assert str(entry["date"])[:4] in entry["citation"], f"{key}: citation lacks the year {entry['date']}"


def test_un_documents_are_cited_by_their_symbol_and_linked_through_the_documents_system():
    for key, entry in AUTHORITIES.items():
        if entry["kind"] in ("general-comment", "un-report", "un-resolution"):
            symbol = entry["symbol"].split(",")[0]
            assert symbol in entry["citation"], f"{key}: citation does not name {symbol}"
            if urlsplit(entry["url"]).hostname == "docs.un.org":
                assert entry["url"].endswith("/" + symbol.replace(" ", "")), f"{key}: {entry['url']} is not {symbol}"


def test_every_url_is_an_official_primary_source_or_says_why_not():
    problems = {key: url_problem(entry) for key, entry in AUTHORITIES.items()}
    assert {k: p for k, p in problems.items() if p} == {}


@pytest.mark.parametrize(
    "url, reason, accepted",
    [
        ("https://docs.un.org/en/CCPR/C/GC/34", "", True),
        ("https://hudoc.echr.coe.int/eng?i=001-159188", "", True),
        ("https://digiscr.sci.gov.in/view_judgment?id=OTMwMQ==", "", True),
        ("https://zimlii.org/akn/zw/judgment/zwcc/2014/2", "", False),  # not official, no reason ...
        ("https://zimlii.org/akn/zw/judgment/zwcc/2014/2", "the court publishes through ZimLII", True),  # ... with one
        ("https://www.scribd.com/document/1/gc34", "", False),
        ("https://www.scribd.com/document/1/gc34", "the only copy I found", False),  # a reason cannot rescue a copy
        ("https://text-id.123dok.com/document/q063nlxq", "", False),
        ("https://web.test.ohchr.un-icc.cloud/en/documents/x", "", False),
        ("https://test.ohchr.org/en/documents/x", "", False),  # a test label under an official domain
        ("https://beta.bailii.org/eu/cases/ECHR/2012/3003.html", "", False),
        ("https://www.legalserviceindia.com/legal/article-10124", "", False),
        ("https://notohchr.org/x", "", False),  # only the domain itself or its subdomains count
        ("ohchr.org/en", "", False),
    ],
)
def test_the_url_check_refuses_copy_sites_and_test_servers(url, reason, accepted):
    entry = {"url": url, "url-reason": reason}
    assert (url_problem(entry) is None) is accepted, url_problem(entry)


def test_adding_a_copy_site_url_to_the_shipped_data_fails_the_check():
    bad = dict(AUTHORITIES["gc34-para-25"], url="https://www.scribd.com/document/431741458/Article-on-Freedom")
    assert url_problem(bad)
    assert url_problem(dict(bad, **{"url-reason": "mirror"}))


def test_every_authority_a_rule_names_exists_and_every_rule_names_one():
    lists = _pack_authority_lists()
    assert len(lists) == len(RULESET.rules)
    for rule, keys in lists.items():
        assert keys, f"{rule}: no authority"
        unknown = [k for k in keys if k not in AUTHORITIES]
        assert not unknown, f"{rule}: unknown authorities {unknown}"
        assert len(keys) == len(set(keys)), f"{rule}: an authority named twice"


def test_every_rule_opens_with_a_general_standard():
    """A country's case or an organisation's commentary supports a rule; it never leads it for every country."""
    for rule, keys in _pack_authority_lists().items():
        first = AUTHORITIES[keys[0]]
        assert first["scope"] == "general", f"{rule}: first authority {keys[0]} is {first['scope']}"
        # the rule's SARIF helpUri is this authority's URL: it must be an official host, not one with a reason
        host = urlsplit(first["url"]).hostname
        assert any(_matches(host, ok) for ok in DOMAINS["official"]), f"{rule}: helpUri host {host}"


def test_cases_and_commentary_are_never_labelled_general_and_standards_are():
    for key, entry in AUTHORITIES.items():
        if entry["kind"] == "judgment":
            assert entry["scope"] == "case", key
        elif entry["kind"] == "commentary":
            assert entry["scope"] in ("commentary", "general"), key
        else:
            assert entry["scope"] == "general", key


def test_no_user_visible_doubt_and_check_notes_stay_in_the_data():
    for key, entry in AUTHORITIES.items():
        for field in ("citation", "pinpoint"):
            assert not DOUBT.search(entry[field]), f"{key}: {field} says {entry[field]!r}"
    for auth in RULESET.authorities.values():  # what the loader hands to every report
        assert not DOUBT.search(auth.citation + " " + auth.pinpoint), auth.id
        assert not hasattr(auth, "check_note")


def test_unchecked_pinpoints_say_why():
    for key, entry in AUTHORITIES.items():
        if not entry["checked"]:
            assert len(entry["check-note"]) > 30, f"{key}: say why the pinpoint could not be read"


def test_shreya_singhal_is_cited_to_the_official_report_not_a_news_story():
    for key in ("shreya-singhal-v-india", "shreya-singhal-s69a"):
        entry = AUTHORITIES[key]
        assert "(2015) 5 SCC 1" in entry["citation"] and entry["date"] == "2015-03-24"
        assert urlsplit(entry["url"]).hostname.endswith("sci.gov.in")
    assert re.search(r"paras?\. \d+", AUTHORITIES["shreya-singhal-v-india"]["pinpoint"])
    assert "chilling" in AUTHORITIES["shreya-singhal-v-india"]["pinpoint"]


def test_the_un_cybercrime_convention_is_the_adopted_text():
    entry = AUTHORITIES["uncc-art-24"]
    assert "A/RES/79/243" in entry["citation"] and "24 December 2024" in entry["citation"]
    assert "draft" not in entry["citation"].lower()
    assert entry["url"].endswith("/A/RES/79/243")


def test_explain_shows_citation_pinpoint_and_url_but_not_the_check_notes():
    result = CliRunner().invoke(cli, ["explain", "administrative-blocking"], catch_exceptions=False)
    assert result.exit_code == 0
    first = AUTHORITIES["jd-2017-para-1f"]
    assert f"{first['citation']}, {first['pinpoint']}" in result.stdout
    assert first["url"] in result.stdout
    for key in ("jd-2017-para-1f", "kharitonov-v-russia", "shreya-singhal-s69a"):
        assert AUTHORITIES[key]["check-note"][:40] not in result.stdout


def test_reports_link_each_authority_and_sarif_help_uri_is_the_first_general_standard(tmp_path, monkeypatch):
    bill = tmp_path / "bill.txt"
    bill.write_text(
        "Cyber Bill\n\n1. Any person who publishes false news commits an offence and is liable to imprisonment "
        "for five years.\n",
        encoding="utf-8",
    )
    (tmp_path / "lawlint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = CliRunner()
    sarif = json.loads(run.invoke(cli, ["check", "bill.txt", "--format", "sarif"]).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "false-news-offence" in rules
    lists = _pack_authority_lists()
    for rule_id, descriptor in rules.items():
        if rule_id in lists:
            assert descriptor["helpUri"] == AUTHORITIES[lists[rule_id][0]]["url"], rule_id
    markdown = run.invoke(cli, ["check", "bill.txt", "--format", "markdown"]).stdout
    html = run.invoke(cli, ["check", "bill.txt", "--format", "html"]).stdout
    for key in lists["false-news-offence"]:
        url = AUTHORITIES[key]["url"]
        assert f"]({url})" in markdown, key
        assert f'href="{url.replace("&", "&amp;")}"' in html, key
    for text in (markdown, html, json.dumps(sarif)):
        assert not DOUBT.search(text)
