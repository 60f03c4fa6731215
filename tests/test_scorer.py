"""The learned scorer (lawlint.scorer): the shipped weights, its possible-* findings in `lawlint check`, the
switch that turns it off, determinism, and the build (only where scikit-learn is installed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawlint import scorer
from lawlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = sorted(Path(scorer.__file__).parent.glob("weights-*.json"))

# Real provisions, verbatim. RESTRICTIVE is a fragment the rules do not flag (no offence, duty or conduct verb
# around it), from corpora/condemned/part-a.jsonl; LOOKALIKE is from corpora/heldout3-real.jsonl, which the
# scorer build never reads. The scorer alone must speak on the first and stay quiet on the second.
RESTRICTIVE = (  # BD-CSA-2023-s21: Cyber Security Act 2023 (Bangladesh), s. 21, as quoted in its criticism
    "any kind of propaganda or campaign against the liberation war, spirit of liberation war, father of the"
    " nation, national anthem or national flag"
)
LOOKALIKE = (  # FI-ISC-2014-s185: Information Society Code (Finland), s. 185, a court's order to disable access
    "Section 185 - Order to disable access to information\n"
    "Upon request from a public prosecutor or a person in charge of inquiries or on application by a"
    " party whose right the matter concerns, a court may order the information society service provider"
    " referred to in section 184 to disable access to the information stored by it if the information is"
    " clearly such that keeping its content available to the public or its transmission is prescribed"
    " punishable or as a basis for civil liability. The court shall urgently process the application. The"
    " application cannot be approved without an opportunity for the service provider and the content"
    " provider an opportunity to be consulted except if the consultation cannot be arranged as quickly as"
    " the urgency of the matter so necessarily requires.\n"
    "A court order must also be made known to the content provider. If the content provider is not known,"
    " the court may order the information society service provider to take care of notification.\n"
    "An order ceases to be in effect unless charges are raised for an offence based on the content or"
    " transmission of information referred to in the order or, when concerning a liability, action is"
    " brought within three months of issuing the order. [...]"
)


RESTRICTIVE_FR = (  # GN-L037-2016-art32-fr: Loi L/2016/037 sur la cybersécurité (Guinée), art. 32
    "Quiconque produit, diffuse ou met à la disposition d’autrui des données de nature à troubler l’ordre"
    " ou la sécurité publics ou à porter atteinte à la dignité humaine par le biais d’un système"
    " informatique, se rend coupable de délit et sera puni d’un emprisonnement de six (6) mois à cinq (5)"
    " ans et d’une amende de 20.000.000 à 300.000.000 Francs Guinéens"
)
LOOKALIKE_FR = (  # LU-CP-art509-2-fr: Code pénal (Luxembourg), art. 509-2, hindering or falsifying a system
    "Art. 509-2. Quiconque aura, intentionnellement et au mépris des droits d’autrui, entravé ou faussé"
    " le fonctionnement d’un système de traitement ou de transmission automatisé de données sera puni"
    " d’un emprisonnement de trois mois à trois ans et d’une amende de 1.250 euros à 12.500 euros ou de"
    " l’une de ces deux peines."
)

def _check(tmp_path, text: str, *args: str) -> dict:
    path = tmp_path / "provision.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "1", "--language", "en", *args,
                                      str(path)])
    assert result.exit_code in (0, 1), result.output
    start = result.output.index("{")
    data, _ = json.JSONDecoder().raw_decode(result.output[start:])
    return data


def _rules(data: dict) -> list[str]:
    return [f["rule"] for f in data["files"][0]["findings"]]


# ------------------------------------------------------------------------------------------- weights file

def test_english_weights_ship_in_the_package():
    assert "weights-en.json" in [p.name for p in WEIGHTS]
    assert "scorer/*.json" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WEIGHTS, ids=lambda p: p.name)
def test_weights_file_format(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == scorer.FORMAT
    vocab = data["vocabulary"]
    assert vocab == sorted(set(vocab)), "vocabulary sorted, no duplicates"
    assert all(isinstance(w, str) and 1 <= len(w.split()) <= 2 for w in vocab), "unigrams and bigrams only"
    assert not any(t in data["stop_words"] for w in vocab for t in w.split()), "no stop word in a feature"
    assert len(data["coef"]) == len(vocab)
    assert 0.0 < data["threshold"] <= data["threshold_medium"] <= 1.0
    for cat in data["categories"]:
        assert all(0 <= i < len(vocab) for i, _ in cat["weights"])
    for n in data["neighbours"]:
        assert n["features"] == sorted(n["features"]) and all(0 <= i < len(vocab) for i in n["features"])
    m = data["metrics"]
    assert m["calibration_findings_per_1000"] <= 1.0, "calibrated to at most 1 finding per 1,000 sections"
    assert "heldout3-real.jsonl" not in m["labelled_sources"]
    assert path.stat().st_size < 400_000
    model = scorer.from_dict(data)
    assert model.probability([]) < model.threshold  # nothing known: no finding


def test_scoring_needs_no_scikit_learn():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(scorer.__file__).parent).glob("*.py")
                       if p.name != "build.py")
    assert "sklearn" not in source and "scipy" not in source


# ------------------------------------------------------------------------------------------- findings

def _alone(text: str, lang: str = "en") -> list:
    """The scorer's findings on `text` with no rule findings to defer to (what it says by itself)."""
    from lawlint import readers, structure
    from lawlint.engine.loader import load_rules

    bill = structure.build_bill(readers.read_bytes(text.encode("utf-8"), "provision.txt"))
    return scorer.second_opinion(bill, [], lang, "low", load_rules((), builtin=True))


@pytest.mark.parametrize("lang, restrictive, lookalike", [("en", RESTRICTIVE, LOOKALIKE),
                                                          ("fr", RESTRICTIVE_FR, LOOKALIKE_FR)])
def test_scorer_alone_flags_the_restriction_and_not_the_lookalike(lang, restrictive, lookalike):
    found = _alone(restrictive, lang)
    assert len(found) == 1 and found[0].rule.startswith("possible-fe-")
    assert not _alone(lookalike, lang)


def test_restrictive_clause_no_rule_flags_gets_a_possible_finding(tmp_path):
    data = _check(tmp_path, RESTRICTIVE)
    rule_findings = [r for r in _rules(data) if not r.startswith("possible-")]
    found = [f for f in data["files"][0]["findings"] if f["rule"].startswith("possible-")]
    if rule_findings:  # a rule learned to see it since: then the scorer defers to the rule
        assert not found, _rules(data)
        return
    assert found, _rules(data)
    f = found[0]
    assert f["severity"] == "warning" and f["confidence"] in ("medium", "low")
    assert f["rule"] == "possible-" + f["category"].lower()
    assert "words that drove it:" in f["message"] and "nearest condemned provision:" in f["message"]
    assert f["excerpt"] and f["excerpt"] in " ".join(RESTRICTIVE.split())


def test_lawful_lookalike_gets_none(tmp_path):
    assert not [r for r in _rules(_check(tmp_path, LOOKALIKE)) if r.startswith("possible-")]


def test_no_scorer_switch_and_config(tmp_path):
    def possible(*args):
        return [r for r in _rules(_check(tmp_path, RESTRICTIVE, *args)) if r.startswith("possible-")]

    if not possible():
        pytest.skip("the rules now flag the example, so the scorer has nothing to add to switch off")
    assert not possible("--no-scorer")
    (tmp_path / "lawlint.toml").write_text("scorer = false\n", encoding="utf-8")
    assert not possible()


def test_select_limits_the_scorer_to_the_selected_categories(tmp_path):
    category = _alone(RESTRICTIVE)[0].category
    other = "PR-INTERCEPT" if category != "PR-INTERCEPT" else "FE-FALSE"
    data = _check(tmp_path, RESTRICTIVE, "--select", other)
    assert not any(r.startswith("possible-") for r in _rules(data))


def test_same_bytes_twice(tmp_path):
    bill = str(ROOT / "corpora" / "bills" / "tz_cybercrimes_act_2015.txt")
    outs = [CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "1", bill]).output for _ in range(2)]
    assert outs[0] == outs[1]


def test_rules_and_explain_list_the_scorer():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"]).output
    ids = [line.split()[0] for line in listing.splitlines() if line.startswith("possible-")]
    assert "possible-fe-vague" in ids
    out = runner.invoke(cli, ["explain", "possible-fe-vague"])
    assert out.exit_code == 0
    assert "logistic-regression" in out.output and "precision" in out.output and "1,000" in out.output
    assert not [line for line in runner.invoke(cli, ["rules", "--no-builtin-rules", "--rules",
                                                     str(ROOT / "tests" / "data" / "rules")]).output.splitlines()
                if line.startswith("possible-")]


# ------------------------------------------------------------------------------------------- the build

def test_build_is_deterministic_and_loads(tmp_path):
    pytest.importorskip("sklearn", reason="the scorer build needs the train extra (scikit-learn)")
    from lawlint.scorer import build

    corpora = tmp_path / "corpora"
    (corpora / "documents").mkdir(parents=True)
    for name in ("provisions-dev.jsonl", "probe-en.jsonl", "heldout-en.jsonl"):
        shutil.copy(ROOT / "corpora" / name, corpora / name)
    for name in build.FALLBACK_LAWFUL:  # no lawful/ here: the build falls back to corpora/documents
        shutil.copy(ROOT / "corpora" / name, corpora / name)
    outs = []
    for k in range(2):
        out = tmp_path / f"out{k}"
        build.build(corpora, out, "en", log=lambda *_: None)
        outs.append((out / "weights-en.json").read_bytes())
    assert outs[0] == outs[1]
    model = scorer.from_dict(json.loads(outs[0]))
    assert model.vocabulary and 0 < model.threshold <= 1
