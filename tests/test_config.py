"""Config discovery (which file, how far up), precedence (file < command line) and errors (exit 2)."""

from __future__ import annotations

import pytest

from lawlint import config
from lawlint.model import LawlintError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path):
    cfg = config.load([tmp_path / "bill.txt"], cwd=tmp_path)
    assert cfg.path is None and cfg.fail_on == "error" and cfg.select == []
    assert cfg.sources == {}


def test_pyproject_found_upward_from_the_linted_file(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.lawlint]\nselect = ["FE"]\nfail-on = "warning"\nmax-pdf-pages = 10\n',
    )
    bill = write(tmp_path / "bills" / "2026" / "bill.txt", "x")
    cfg = config.load([bill], cwd="/")
    assert cfg.select == ["FE"] and cfg.fail_on == "warning"
    assert cfg.limits_object().max_pdf_pages == 10
    assert cfg.sources["select"].endswith("pyproject.toml [tool.lawlint]")


def test_pyproject_without_lawlint_section_is_skipped(tmp_path):
    write(tmp_path / "setup.cfg", "[lawlint]\nignore = FE-MORAL, CR-PENALTY\nmin-confidence = medium\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    cfg = config.load([tmp_path / "sub" / "bill.txt"], cwd=tmp_path)
    assert cfg.path.endswith("setup.cfg")
    assert cfg.ignore == ["FE-MORAL", "CR-PENALTY"] and cfg.min_confidence == "medium"


def test_nearest_directory_wins_and_lawlint_toml_beats_pyproject(tmp_path):
    write(tmp_path / "lawlint.toml", 'fail-on = "info"\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.lawlint]\nfail-on = "warning"\n')
    write(tmp_path / "a" / "lawlint.toml", '[lawlint]\nfail-on = "never"\n')
    assert config.load([tmp_path / "a" / "x.txt"]).fail_on == "never"
    assert config.load([tmp_path / "b.txt"]).fail_on == "info"


def test_search_starts_at_cwd_without_paths(tmp_path):
    write(tmp_path / "lawlint.toml", 'language = "fr"\n')
    (tmp_path / "deep").mkdir()
    cfg = config.load([], cwd=tmp_path / "deep")
    assert cfg.language == "fr"


def test_command_line_overrides_the_file(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["FE"]\nfail-on = "warning"\nformat = "json"\n')
    cfg = config.load([tmp_path / "b.txt"], overrides={"fail_on": "info", "select": None, "format": "sarif"})
    assert cfg.fail_on == "info" and cfg.sources["fail_on"] == config.CLI
    assert cfg.format == "sarif"
    assert cfg.select == ["FE"] and cfg.sources["select"].endswith("lawlint.toml")


def test_paths_resolve_against_the_config_file(tmp_path):
    write(tmp_path / "extra" / "my-rules.yaml", "rules: []\n")
    write(tmp_path / "lawlint.toml", 'rules = ["extra/my-rules.yaml"]\nwaivers = "review/waivers.yaml"\n')
    cfg = config.load([tmp_path / "b.txt"], cwd="/")
    assert cfg.rules == [str(tmp_path.resolve() / "extra" / "my-rules.yaml")]
    assert cfg.waivers == str(tmp_path.resolve() / "review" / "waivers.yaml")


def test_waivers_file_found_next_to_config(tmp_path):
    write(tmp_path / "lawlint.toml", "")
    write(tmp_path / "lawlint-waivers.yaml", "waivers: []\n")
    cfg = config.load([tmp_path / "b.txt"])
    # an empty lawlint.toml still counts as the project's config
    assert cfg.waivers.endswith("lawlint-waivers.yaml") and "found next to" in cfg.sources["waivers"]


@pytest.mark.parametrize(
    "text, words",
    [
        ('selekt = ["FE"]\n', "unknown key 'selekt'"),
        ('fail-on = "sometimes"\n', "fail-on must be one of"),
        ("select = 3\n", "select must be a list of strings"),
        ('min-confidence = "very"\n', "min-confidence must be one of"),
        ('rules = ["nowhere.yaml"]\n', "rules path 'nowhere.yaml' does not exist"),
        ("max-pdf-pages = -1\n", "max-pdf-pages must be a positive number"),
        ("max-papers = 3\n", "unknown key 'max-papers'"),
        ('select = ["FE"\n', "invalid TOML"),
    ],
)
def test_bad_config_is_one_clear_error_naming_the_file(tmp_path, text, words):
    write(tmp_path / "lawlint.toml", text)
    with pytest.raises(LawlintError) as err:
        config.load([tmp_path / "b.txt"])
    assert words in str(err.value) and "lawlint.toml" in str(err.value)


def test_bad_setup_cfg_value(tmp_path):
    write(tmp_path / "setup.cfg", "[lawlint]\nmax-seconds-per-file = soon\n")
    with pytest.raises(LawlintError, match="max-seconds-per-file must be a number"):
        config.load([tmp_path / "b.txt"])


def test_explicit_config_file(tmp_path):
    write(tmp_path / "elsewhere.toml", 'fail-on = "warning"\n')
    cfg = config.load([], config_file=tmp_path / "elsewhere.toml", cwd=tmp_path)
    assert cfg.fail_on == "warning"
    with pytest.raises(LawlintError, match="config file not found"):
        config.load([], config_file=tmp_path / "missing.toml")


def test_describe_names_each_source(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.lawlint]\nignore = ["FE-MORAL"]\nmax-clauses = 50\n')
    cfg = config.load([tmp_path / "b.txt"], overrides={"fail_on": "warning"})
    text = config.describe(cfg)
    assert text.splitlines()[0] == f"# config file: {tmp_path / 'pyproject.toml'}"
    rows = {line.split("=")[0].strip(): line for line in text.splitlines()[1:]}
    assert rows["ignore"].endswith("pyproject.toml [tool.lawlint]") and '["FE-MORAL"]' in rows["ignore"]
    assert rows["fail-on"].endswith("# command line")
    assert rows["select"].endswith("# default")
    assert "= 50  #" in rows["max-clauses"]
