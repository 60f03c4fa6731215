"""Precedent matching (lawlint.precedents): the shipped data, matching that survives renumbering, reordering,
inflection and drafting synonyms but not a change of subject, the quality gate on the labelled set, the
`precedents` field in every report, resembles-condemned-provision, `lawlint precedents` and `lawlint explain`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawlint import precedents as prec
from lawlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# Kenya, Computer Misuse and Cybercrimes Act 2018, s. 23 (struck down by the Court of Appeal, BAKE v AG), from
# corpora/condemned/part-b.jsonl, and the same section renumbered, with synonyms, reordered and inflected.
KE23 = prec.by_id()["KE-CMCA-2018-s23"].text
KE23_REWORDED = (
    "41. A person who knowingly circulated information that was untrue over a computer system or in print, "
    "broadcast or data, that is calculated or results in violence, chaos or panic among citizens of the "
    "Republic, or which is likely to discredit the reputation of any person commits an offence."
)
# A lawful look-alike on the same subject: an offence of lying to a regulator (Canada, H-5.67 s. 17, from
# corpora/lawful) shares "knowingly", "false", "information" and "communicate" with s. 23 and nothing else.
LOOKALIKE = ("17. No person shall knowingly communicate or cause to be communicated to the Minister false or "
             "misleading information in relation to a matter under this Act or the regulations.")
# Uganda, Public Order Management Act 2013, s. 8 (struck down, Human Rights Network Uganda v AG, 2020): neither
# the rules nor the scorer flag it, so only precedent matching speaks.
POMA8 = prec.by_id()["UG-POMA-2013-s8"].text


def _top(text: str, lang: str = "en") -> prec.Match | None:
    found = prec.match_texts([text], lang)[0]
    return found[0] if found else None


def _check(tmp_path, text: str, *args: str, name: str = "bill.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["check", "--jobs", "1", "--fail-on", "never", "-q", str(path), *args])


# ------------------------------------------------------------------------------------------- the data

def test_shipped_precedents_are_built_from_the_corpus():
    """precedents.json is what `python -m lawlint.precedents.build` makes of corpora/condemned today."""
    from lawlint.precedents import build

    assert build.main(["--check"]) == 0


def test_every_precedent_has_its_decision_and_provenance():
    precs = prec.load()
    assert len(precs) >= 220
    for p in precs:
        assert p.holding in prec.HOLDINGS, p.id
        assert p.language in ("en", "fr", "es"), p.id
        assert p.url.startswith("http"), p.id
        assert p.case_label(), p.id
        assert p.text.strip(), p.id
    holdings = {p.holding for p in precs}
    assert {"struck down", "read down", "criticised", "upheld", "model"} <= holdings
    assert any(p.id.startswith("INTL-BUDAPEST") for p in precs)


def test_the_data_ships_inside_the_package():
    """A wheel installed elsewhere has no corpora/: the data and synonyms are package files listed in
    pyproject's package-data."""
    pkg = Path(prec.__file__).parent
    assert prec.DATA.parent == pkg and prec.SYNONYMS.parent == pkg
    assert '"precedents/*.json"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------- matching

def test_verbatim_provision_matches_itself():
    m = _top(KE23)
    assert m is not None and m.precedent.id == "KE-CMCA-2018-s23" and m.similarity == pytest.approx(1.0)


def test_renumbered_reordered_inflected_synonym_swapped_copy_still_matches():
    m = _top(KE23_REWORDED)
    assert m is not None and m.precedent.id == "KE-CMCA-2018-s23"
    assert m.similarity >= prec.THRESHOLD


def test_each_robustness_on_its_own():
    """Loud: each change alone keeps the match above the threshold. The synonyms must come from the data map:
    without it the swapped verbs count as different words and the score drops."""
    base = ("A person who knowingly publishes information that is false in print, broadcast, data or over a computer "
            "system, that is calculated or results in panic, chaos, or violence among citizens of the Republic, or "
            "which is likely to discredit the reputation of any person commits an offence")
    variants = {
        "renumbered": "99. " + base,
        "reordered": base.replace("panic, chaos, or violence", "violence, panic or chaos"),
        "inflected": base.replace("publishes", "published").replace("results", "resulted"),
        "synonyms": base.replace("publishes", "disseminates").replace("false", "untrue"),
    }
    ref = _top(base)
    assert ref is not None and ref.precedent.id == "KE-CMCA-2018-s23"
    for kind, text in variants.items():
        assert text != base, kind
        m = _top(text)
        assert m is not None and m.precedent.id == "KE-CMCA-2018-s23", kind
        assert m.similarity >= 0.9, (kind, m.similarity)
    assert prec.synonyms("en")["disseminate"] == "publish" and prec.synonyms("en")["untrue"] == "false"


def test_synonym_map_is_what_makes_a_swap_match(monkeypatch):
    """The loud/quiet pair for the synonym map: the same swapped text scores lower with the map emptied."""
    swapped = ("A person who knowingly disseminates information that is untrue in print, broadcast, data or over a "
               "computer system, that is calculated or results in panic, chaos, or violence among citizens of the "
               "Republic, or which is likely to discredit the reputation of any person commits an offence")
    with_map = _top(swapped)
    prec.index.cache_clear()
    prec.synonyms.cache_clear()
    monkeypatch.setattr(prec, "synonyms", lambda lang: {})
    monkeypatch.setattr(prec, "_cache_dir", lambda: None)
    try:
        without = _top(swapped)
    finally:
        prec.index.cache_clear()
    assert with_map is not None and (without is None or without.similarity < with_map.similarity - 0.05)


def test_lookalike_on_the_same_subject_does_not_match_a_condemned_provision():
    m = _top(LOOKALIKE)
    assert m is None or not (m.precedent.condemned and m.similarity >= prec.THRESHOLD)


def test_same_language_only():
    """An English precedent translated into French is not matched: there is no offline translation, so a
    French text is compared with French precedents only."""
    fr = ("Toute personne qui publie sciemment des informations fausses dans la presse ou au moyen d'un système "
          "informatique, de nature à provoquer la panique, le chaos ou la violence parmi les citoyens")
    for m in prec.match_texts([fr], "fr", floor=0.0)[0]:
        assert m.precedent.language == "fr"
    assert not any(m.precedent.language == "en" for m in prec.match_texts([fr], "fr", floor=0.0)[0])
    assert prec.index("de") is None


def test_similarity_is_bounded_and_deterministic():
    a = prec.match_texts([KE23_REWORDED, LOOKALIKE], "en", floor=0.0)
    b = prec.match_texts([KE23_REWORDED, LOOKALIKE], "en", floor=0.0)
    assert [[(m.precedent.id, m.similarity) for m in ms] for ms in a] == \
           [[(m.precedent.id, m.similarity) for m in ms] for ms in b]
    for ms in a:
        assert all(0.0 <= m.similarity <= 1.0 for m in ms)
        assert [m.similarity for m in ms] == sorted((m.similarity for m in ms), reverse=True)


def test_index_words_are_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path / "rules"))
    prec.index.cache_clear()
    try:
        idx = prec.index("en")
        files = list((tmp_path / "precedents").glob("*.json"))
        assert len(files) == 1
        words = json.loads(files[0].read_text(encoding="utf-8"))
        assert len(words) == len([p for p in prec.load() if p.language == "en"])
        assert len(idx) > 100
    finally:
        prec.index.cache_clear()


# ------------------------------------------------------------------------------------------- quality

def test_quality_on_the_labelled_set():
    """The README's figures: top-1 precision >= 0.9 at the default threshold, recall >= 0.8 on near-verbatim
    re-enactments, and no lawful look-alike matched to a condemned provision."""
    from lawlint.precedents import evaluate

    items = evaluate.load_items()
    kinds = {it["kind"] for it in items}
    assert {"renumbered", "reordered", "inflection", "synonyms", "copied", "paraphrase", "lookalike"} <= kinds
    res = evaluate.evaluate(items)
    assert res["near_verbatim"] >= 30 and res["lookalikes"] >= 12
    assert res["precision_top1"] >= 0.9, res
    assert res["recall_near_verbatim"] >= 0.8, res
    assert res["lookalike_condemned_alarms"] == 0


# ------------------------------------------------------------------------------------------- reports

def test_findings_carry_precedents_in_json(tmp_path):
    result = _check(tmp_path, KE23_REWORDED, "--format", "json")
    data = json.loads(result.output)
    findings = data["files"][0]["findings"]
    assert findings
    for f in findings:
        assert "precedents" in f
    carried = [f for f in findings if f["precedents"]]
    assert carried
    p = carried[0]["precedents"][0]
    assert p["id"] == "KE-CMCA-2018-s23"
    assert set(p) >= {"id", "similarity", "jurisdiction", "instrument", "section", "holding", "case", "date", "url"}
    assert p["holding"] == "struck down" and 0.8 <= p["similarity"] <= 1.0


def test_findings_carry_precedents_in_sarif(tmp_path):
    result = _check(tmp_path, KE23_REWORDED, "--format", "sarif")
    results = json.loads(result.output)["runs"][0]["results"]
    assert any(r["properties"].get("precedents", [{}])[0].get("id") == "KE-CMCA-2018-s23" for r in results)


def test_text_shows_precedents_only_when_asked(tmp_path):
    plain = _check(tmp_path, KE23_REWORDED).output
    shown = _check(tmp_path, KE23_REWORDED, "--show-precedents").output
    assert "precedent " not in plain
    lines = [line for line in shown.splitlines() if line.startswith("    precedent ")]
    assert lines and "struck down" in lines[0] and "Kenya" in shown


def test_no_builtin_rules_means_no_precedent_matching(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    result = _check(tmp_path, POMA8, "--format", "json", "--no-builtin-rules", "--rules", str(rules))
    if result.exit_code == 0:
        findings = json.loads(result.output)["files"][0]["findings"]
        assert not any(f["rule"] == prec.RULE_ID for f in findings)


def test_word_comment_lists_precedents():
    from lawlint.annotate import comment_text
    from lawlint.model import Finding, PrecedentMatch, Severity

    p = PrecedentMatch("KE-CMCA-2018-s23", 0.97, "KE", "Computer Misuse and Cybercrimes Act", "23", "struck down",
                       "BAKE v AG", "2026-03-06", "https://example.org/bake")
    f = Finding(rule="false-news-offence", category="FE-FALSE", severity=Severity.ERROR, confidence="high",
                title="t", path="b.docx", clause="41", eid="sec_41", line=1, column=1, page=None, excerpt="x",
                message="m", fix="", precedents=(p,))
    text = comment_text(f)
    assert "Precedents" in text and "0.97 struck down" in text and "BAKE v AG" in text
    assert "Precedents" not in comment_text(Finding(**{**f.__dict__, "precedents": ()}))


# ------------------------------------------------------------------------------------------- resembles

def test_re_enacted_struck_down_clause_is_never_silent(tmp_path):
    """Loud: UG POMA s. 8, which no rule and no scorer finding flags, re-enacted under a new number."""
    text = POMA8.replace("(4) A person", "(4) Any person")
    result = _check(tmp_path, "12. Powers of police at public meetings\n" + text, "--format", "json")
    findings = json.loads(result.output)["files"][0]["findings"]
    res = [f for f in findings if f["rule"] == prec.RULE_ID]
    assert len(res) == 1, [f["rule"] for f in findings]
    f = res[0]
    assert f["severity"] == "warning" and f["confidence"] == "high"
    assert f["precedents"][0]["id"] == "UG-POMA-2013-s8" and f["precedents"][0]["holding"] == "struck down"
    assert "Human Rights Network Uganda" in f["message"]


def test_resembles_stays_quiet_on_a_lookalike_and_where_findings_cite_the_precedent(tmp_path):
    """Quiet: a lawful look-alike raises nothing; a re-enactment that rules already flag is not reported twice
    (its findings carry the precedent instead)."""
    look = json.loads(_check(tmp_path, LOOKALIKE, "--format", "json").output)["files"][0]["findings"]
    assert not any(f["rule"] == prec.RULE_ID for f in look)
    ke = json.loads(_check(tmp_path, KE23_REWORDED, "--format", "json").output)["files"][0]["findings"]
    assert ke and not any(f["rule"] == prec.RULE_ID for f in ke)


def test_resembles_respects_min_confidence_and_select(tmp_path):
    text = "12. Powers of police at public meetings\n" + POMA8
    out = json.loads(_check(tmp_path, text, "--format", "json", "--select", "FE-FALSE").output)
    assert not any(f["rule"] == prec.RULE_ID for f in out["files"][0]["findings"])  # CR-DISCRETION not selected


# ------------------------------------------------------------------------------------------- commands

def test_precedents_command_text_and_json():
    runner = CliRunner()
    result = runner.invoke(cli, ["precedents", KE23_REWORDED])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split()[1:3] == ["struck", "down:"]
    assert "Computer Misuse and Cybercrimes Act" in result.output.splitlines()[0]
    data = json.loads(runner.invoke(cli, ["precedents", "-f", "json", KE23_REWORDED]).output)
    assert data["clauses"][0]["precedents"][0]["id"] == "KE-CMCA-2018-s23"
    quiet = runner.invoke(cli, ["precedents", "The Minister may make regulations prescribing forms and fees."])
    assert quiet.exit_code == 0 and "no precedent" in quiet.output


def test_precedents_command_reads_a_file(tmp_path):
    path = tmp_path / "bill.txt"
    path.write_text("1. Short title\nThis Act may be cited as the Test Act.\n\n" + KE23_REWORDED + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["precedents", str(path)])
    assert result.exit_code == 0
    assert "clause 41" in result.output and "KE" in result.output


def test_explain_lists_the_rules_precedents():
    out = CliRunner().invoke(cli, ["explain", "false-news-offence"]).output
    assert "Precedents (" in out and "FE-FALSE" in out
    assert "Shreya Singhal" in out or "Computer Misuse and Cybercrimes Act" in out
    res = CliRunner().invoke(cli, ["explain", prec.RULE_ID])
    assert res.exit_code == 0 and "same language only" in res.output
    assert prec.RULE_ID in CliRunner().invoke(cli, ["rules"]).output


def test_check_imports_nothing_heavy(tmp_path):
    """`check` with precedent matching imports rapidfuzz, never scikit-learn or scipy."""
    path = tmp_path / "bill.txt"
    path.write_text(KE23_REWORDED, encoding="utf-8")
    code = ("import sys\nfrom lawlint.cli import cli\ntry:\n    cli(['check', '-q', '--jobs', '1', '--fail-on', 'never', "
            f"{str(path)!r}])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sklearn', 'scipy', 'rapidfuzz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "['rapidfuzz']" in out.stdout, out.stdout + out.stderr


def test_french_re_enactment_matches_a_french_precedent():
    """Burkina Faso, Code pénal art. 312-15 (criticised by UN experts), renumbered, penalty moved to the end,
    verbs inflected and a synonym swapped ("diffusent" for "publie"): still its nearest precedent."""
    text = ("Article 40 : Ceux qui diffusent ou relaient en direct ou dans un temps voisin, par un moyen de "
            "communication, quel qu'en soit le support, des informations, images ou sons de nature à compromettre "
            "le déroulement d'une opération ou d'une intervention des forces de défense et de sécurité en cas de "
            "commission d'acte terroriste sont punis d'une peine d'emprisonnement d'un à cinq ans.")
    m = _top(text, "fr")
    assert m is not None and m.precedent.id == "BF-CP-2019-art312-15" and m.similarity >= prec.THRESHOLD


def test_markdown_and_html_show_precedents(tmp_path):
    md = _check(tmp_path, KE23_REWORDED, "--format", "markdown").output
    assert "precedent: [" in md and "Computer Misuse and Cybercrimes Act" in md
    html = _check(tmp_path, KE23_REWORDED, "--format", "html").output
    assert 'class="precedents"' in html and "struck down" in html
    plain = _check(tmp_path, KE23_REWORDED, "--format", "html", "--no-precedents").output
    assert 'class="precedents"' not in plain
