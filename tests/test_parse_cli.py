"""`lawlint parse`: the JSON contract (docs/parse-json.md), the text tree, and exit status 2 for bad files."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from lawlint.cli import cli

BILL = ("PART II\nOFFENCES\n\n"
        "22. (1) A person who, without lawful excuse,—\n(a) publishes false news; or\n(b) spreads rumours,\n"
        "commits an offence and is liable to a fine.\n(2) In this section, “news” includes rumours.\n")

CLAUSE_KEYS = {"kind", "label", "num", "eid", "heading", "text", "wrap_up", "location", "quoted", "xrefs", "children"}


def run(*args):
    result = CliRunner().invoke(cli, ["parse", *args])
    return result


def test_json_contract(tmp_path):
    path = tmp_path / "bill.txt"
    path.write_text(BILL, encoding="utf-8")
    result = run("--format", "json", str(path))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["version"] == "1"
    (entry,) = doc["files"]
    assert entry["path"] == str(path) and entry["error"] is None
    assert (entry["format"], entry["language"], entry["title"]) == ("txt", "en", "")
    part = entry["clauses"][0]
    assert set(part) == CLAUSE_KEYS
    assert (part["kind"], part["label"], part["eid"], part["heading"]) == ("part", "Part II", "part_II", "OFFENCES")
    section = part["children"][0]
    sub = section["children"][0]
    assert (sub["label"], sub["num"], sub["eid"]) == ("22(1)", "(1)", "sec_22__subsec_1")
    assert sub["text"] == "A person who, without lawful excuse,—"
    assert sub["wrap_up"] == "commits an offence and is liable to a fine."
    assert sub["location"] == {"line": 4, "column": 5, "page": None, "page_line": None}
    assert [c["label"] for c in sub["children"]] == ["22(1)(a)", "22(1)(b)"]
    assert sub["children"][0]["quoted"] is False and sub["children"][0]["xrefs"] == []
    assert entry["glossary"] == [{"term": "news", "definition": "rumours.", "clause": "22(2)",
                                  "eid": "sec_22__subsec_2", "scope": "section"}]


def test_json_is_deterministic(tmp_path):
    path = tmp_path / "bill.txt"
    path.write_text(BILL, encoding="utf-8")
    assert run("--format", "json", str(path)).output == run("--format", "json", str(path)).output


def test_unreadable_file_reported_and_others_still_parsed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BILL, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03\xff\xfe\x00" * 50)
    result = run("--format", "json", str(missing), str(good), str(binary), str(tmp_path))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == [str(missing), str(good), str(binary), str(tmp_path)]
    assert doc["files"][3]["error"]  # a directory is one file's error, not a usage error
    assert doc["files"][0]["error"] and "\n" not in doc["files"][0]["error"]
    assert set(doc["files"][0]) == {"path", "error"}
    assert doc["files"][1]["error"] is None and doc["files"][1]["clauses"]
    assert doc["files"][2]["error"]


def test_text_output_and_error_line(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BILL, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(str(good), str(missing))
    assert result.exit_code == 2
    out = result.stdout
    assert "Part II [OFFENCES]" in out
    assert "22(1)(a) publishes false news; or" in out
    assert "… commits an offence and is liable to a fine." in out
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"{missing}: error: ")
    assert "Traceback" not in result.output


def test_parse_does_not_import_spacy(tmp_path):
    path = tmp_path / "bill.txt"
    path.write_text(BILL, encoding="utf-8")
    code = ("import sys; from click.testing import CliRunner; from lawlint.cli import cli; "
            f"r = CliRunner().invoke(cli, ['parse', {str(path)!r}]); assert r.exit_code == 0, r.output; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_parse_reads_stdin_and_names_it():
    from click.testing import CliRunner

    from lawlint.cli import cli

    result = CliRunner().invoke(cli, ["parse", "--format", "json", "-"],
                                input="12. (1) A person who publishes false news commits an offence.\n")
    assert result.exit_code == 0
    data = __import__("json").loads(result.output)
    (f,) = data["files"]
    assert f["path"] == "<stdin>"
    assert f["clauses"][0]["label"] == "12"
    assert f["clauses"][0]["children"][0]["label"] == "12(1)"


def test_both_pdf_engines_give_the_same_tree_through_the_cli():
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from lawlint.cli import cli

    pdf = str(Path(__file__).resolve().parents[1] / "examples" / "cyber-bill.pdf")
    trees = []
    for engine in ("pdfium", "pdfplumber"):
        result = CliRunner().invoke(cli, ["parse", "--format", "json", "--pdf-engine", engine, pdf])
        assert result.exit_code == 0
        clauses = json.loads(result.output)["files"][0]["clauses"]
        trees.append(json.dumps(clauses, sort_keys=True))
    assert trees[0] == trees[1]
    assert '"label": "11(1)"' in trees[0]


def test_parse_takes_the_same_short_format_option_as_check():
    from click.testing import CliRunner

    from lawlint.cli import cli

    result = CliRunner().invoke(cli, ["parse", "-f", "json", "-"], input="1. A short provision.\n")
    assert result.exit_code == 0
    assert __import__("json").loads(result.output)["files"][0]["clauses"][0]["label"] == "1"
