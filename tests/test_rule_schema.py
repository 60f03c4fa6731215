"""Rule files are validated at load time: a bad file gives one line naming the file, the rule and the field.
Also: the schema is itself a valid JSON Schema, and every shipped rule file passes it."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from lawlint.engine.loader import RULES_DIR, load_rules, validate
from lawlint.model import LawlintError

DATA = Path(__file__).parent / "data" / "rules"

GOOD_RULE = textwrap.dedent("""\
    rules:
      - id: extra-rule
        category: FE-FALSE
        severity: error
        confidence: high
        title: t
        message: m
        why: w
        fix: f
        authorities: [test-gc34]
        when: [offence]
        trigger:
          en:
            - phrase: [false news]
        examples:
          en:
            fire: [a]
            quiet: [b]
    """)


def tree(tmp_path: Path, pack: str) -> Path:
    """A copy of the test rules tree with one more pack."""
    root = tmp_path / "rules"
    shutil.copytree(DATA, root)
    (root / "packs" / "extra.yaml").write_text(pack, encoding="utf-8")
    return root


def error_of(root) -> str:
    with pytest.raises(LawlintError) as exc:
        load_rules([root], builtin=False)
    return str(exc.value)


def test_schema_is_valid_json_schema():
    schema = json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_shipped_rule_files_validate():
    """Each file under lawlint/rules passes its schema (packs, predicates, authorities, suppressions)."""
    for path in sorted((RULES_DIR / "packs").glob("*.yaml")):
        validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {"rules": []}, "pack", str(path))
    for path in sorted((RULES_DIR / "predicates").rglob("*.yaml")):
        validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, "predicateFile", str(path))
    for name, definition in (("authorities.yaml", "authoritiesFile"), ("suppressions.yaml", "suppressionsFile")):
        path = RULES_DIR / name
        if path.exists():
            validate(yaml.safe_load(path.read_text(encoding="utf-8")), definition, str(path))


def test_bad_enum_names_file_rule_and_field(tmp_path):
    msg = error_of(tree(tmp_path, GOOD_RULE.replace("severity: error", "severity: fatal")))
    assert msg.startswith(str(tmp_path / "rules" / "packs" / "extra.yaml") + ": rule 'extra-rule': ")
    assert "'severity': 'fatal' is not one of ['error', 'warning', 'info']" in msg
    assert "\n" not in msg


def test_builtin_paths_are_named_from_the_package(tmp_path):
    from lawlint.engine.loader import display_path

    assert display_path(RULES_DIR / "packs" / "fe.yaml") == "rules/packs/fe.yaml"


@pytest.mark.parametrize("change,expected", [
    (("authorities: [test-gc34]", "authorities: [no-such-authority]"), "'authorities': unknown authority 'no-such-authority'"),
    (("when: [offence]", "when: [offense]"), "'when': unknown predicate 'offense' (en) (did you mean offence?)"),
    (("category: FE-FALSE", "category: FE-FAKE"), "'category': 'FE-FAKE' is not one of"),
    (("    title: t\n", ""), "'title' is a required property"),
    (("    fix: f\n", "    fix: f\n    sevrity: error\n"), "'sevrity' was unexpected"),
    (("        - phrase: [false news]", "        - phrase: [false, true]"), "'trigger.en[0].phrase[1]': True is not of type 'string'"),
    (("        - phrase: [false news]", "        - near: {a: [x], b: [y]}"), "'within' is a required property"),
    (("        - phrase: [false news]", "        - predicate: in-definitions"), "structural predicate 'in-definitions' cannot be used as a pattern"),
    (("      en:\n        fire", "      fr:\n        fire"), "no examples for trigger language 'en'"),
    (("id: extra-rule", "id: False_News"), "rule 'False_News': 'id': 'False_News' does not match"),
])
def test_rule_errors(tmp_path, change, expected):
    old, new = change
    assert old in GOOD_RULE
    msg = error_of(tree(tmp_path, GOOD_RULE.replace(old, new)))
    assert expected in msg, msg
    assert "extra.yaml" in msg


def test_duplicate_rule_id(tmp_path):
    pack = GOOD_RULE.replace("extra-rule", "block-sites")
    msg = error_of(tree(tmp_path, pack))
    assert "rule 'block-sites': duplicate rule id (also in" in msg


def test_duplicate_predicate_across_files(tmp_path):
    root = tree(tmp_path, "rules: []\n")
    (root / "predicates" / "en" / "dup.yaml").write_text("intent:\n  patterns:\n    - phrase: [wilfully]\n")
    msg = error_of(root)
    assert "dup.yaml: predicate 'intent' (en) is already defined in" in msg and "base.yaml" in msg


def test_predicate_cycle_and_unknown_reference(tmp_path):
    root = tree(tmp_path, "rules: []\n")
    (root / "predicates" / "en" / "cyc.yaml").write_text(
        "p-one:\n  patterns:\n    - predicate: p-two\np-two:\n  patterns:\n    - predicate: p-one\n")
    assert "refers to itself" in error_of(root)
    (root / "predicates" / "en" / "cyc.yaml").write_text("p-one:\n  patterns:\n    - predicate: nowhere\n")
    assert "predicate 'p-one': unknown predicate 'nowhere'" in error_of(root)


def test_bad_token_pattern_named_when_compiled(tmp_path):
    pack = GOOD_RULE.replace("        - phrase: [false news]", "        - tokens: [{LOWR: 'false'}]")
    rs = load_rules([tree(tmp_path, pack)], builtin=False)
    from lawlint.engine.matcher import Compiled

    with pytest.raises(LawlintError, match="rule 'extra-rule': 'tokens' pattern is invalid for spaCy"):
        Compiled(rs, "en")


def test_unknown_check_type(tmp_path):
    pack = GOOD_RULE + "    check: {type: penalty-size}\n"
    assert "'check.type': unknown check 'penalty-size'" in error_of(tree(tmp_path, pack))
    pack = GOOD_RULE + "    check: {type: deadline, error_at_most: 24}\n"
    assert "unknown deadline parameter 'error_at_most'" in error_of(tree(tmp_path / "two", pack))


def test_invalid_yaml_names_line(tmp_path):
    msg = error_of(tree(tmp_path, "rules:\n  - id: [unclosed\n"))
    assert "extra.yaml: invalid YAML at line" in msg


def test_suppression_unknown_predicate(tmp_path):
    root = tree(tmp_path, "rules: []\n")
    (root / "suppressions.yaml").write_text("- id: x\n  predicate: nothing-here\n  categories: [FE-]\n")
    assert "suppression 'x': unknown predicate 'nothing-here'" in error_of(root)


def test_validated_files_are_cached_by_content(tmp_path, monkeypatch):
    """A second load of unchanged files neither parses YAML nor validates; a changed file is read again,
    and a file that fails validation is never cached."""
    from lawlint.engine import loader

    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path / "cache"))
    root = tree(tmp_path, GOOD_RULE)
    first = load_rules([root], builtin=False)
    assert list((tmp_path / "cache").glob("*.json"))

    def boom(*args, **kwargs):
        raise AssertionError("YAML parsed although the file was cached")

    monkeypatch.setattr(loader.yaml, "load", boom)
    again = load_rules([root], builtin=False)
    assert [r.id for r in again.rules] == [r.id for r in first.rules] and again.version == first.version
    (root / "packs" / "extra.yaml").write_text(GOOD_RULE.replace("severity: error", "severity: fatal"))
    with pytest.raises(AssertionError, match="YAML parsed"):
        load_rules([root], builtin=False)
    monkeypatch.undo()
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path / "cache"))
    count = len(list((tmp_path / "cache").glob("*.json")))
    assert "'severity': 'fatal'" in error_of(root)
    assert len(list((tmp_path / "cache").glob("*.json"))) == count
