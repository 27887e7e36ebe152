"""The listing commands in every format (issue #18, "machine-readable everywhere"): ``rules
list``, ``rules explain``, ``waivers check``, ``normalize --check`` and ``baseline
create|update``, on small real repositories; every JSON document checked against
``schemas/report.schema.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard import report
from sp_config_guard.model.shipped import data_dir
from tests.conftest import Ran, invoke_spguard
from tests.test_lint import RULESET, medication, order_set, write

TODAY = "2026-11-23"
WAIVERS = """\
waivers:
  - id: W-2
    rule: TST003
    artifacts: ["5004"]
    reason: Old code awaiting a new import.
    approved_by: Fokusområde Medicin
    approved_on: "2025-01-01"
    expires: "2026-11-22"
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "spguard.yaml").write_text("{}\n", encoding="utf-8")
    (root / "rules.yaml").write_text(RULESET, encoding="utf-8")
    write(root, medication("5001"))
    write(root, medication("5003", high_alert=True, atc="A10AB05"))  # TST001
    write(root, medication("5004", atc="bad"))  # TST003
    write(root, order_set("304100002", "9999"))  # TST002
    return root


def run(root: Path, *args: str) -> Ran:
    return invoke_spguard(*args, cwd=root)


def valid(text: str) -> dict[str, Any]:
    """The JSON document ``text``, checked against the report schema."""
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    document = json.loads(text)
    validator = Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    assert document["version"] == 1 and document["tool"]["name"] == "spguard"
    return document


# -- rules list / explain ------------------------------------------------------------------


def test_rules_list_json_names_a_repositorys_rule_set_relative_to_its_root(repo: Path) -> None:
    rules = str(repo / "rules.yaml")
    out = run(repo, "rules", "list", "--ruleset", rules, "--format", "json")
    assert out.returncode == 0, out.stderr
    document = valid(out.stdout)
    assert document["command"] == "rules list"
    assert [r["code"] for r in document["rules"]] == ["TST001", "TST002", "TST003"]
    first = document["rules"][0]
    assert first["name"] == "high-alert-double-check"
    assert (first["file"], first["shipped"], first["enabled"]) == ("rules.yaml", False, True)
    assert (first["kinds"], first["check"], first["severity"]) == (["Medication"], "enum", "error")
    assert first["docs"] == "https://wiki.regionh.example/sp/regler/TST001"
    # the same bytes from a folder below the root: nothing depends on where it runs
    below = run(repo / "central", "rules", "list", "--ruleset", rules, "--format", "json")
    assert below.stdout == out.stdout


def test_rules_list_json_of_the_shipped_rule_sets_is_the_same_on_every_machine(
    repo: Path,
) -> None:
    out = run(repo, "rules", "list", "--format", "json")
    document = valid(out.stdout)
    assert document["rules"], "the shipped rule sets have rules"
    assert all(r["shipped"] and r["file"].startswith("rules/") for r in document["rules"])
    assert str(repo) not in out.stdout and str(data_dir("rules")) not in out.stdout


def test_rules_list_markdown_is_a_table_with_escaped_cells(repo: Path) -> None:
    ruleset = RULESET.replace("en: High-alert needs a double check", 'en: "High|alert *needs*"')
    (repo / "rules.yaml").write_text(ruleset, encoding="utf-8")
    out = run(repo, "rules", "list", "--ruleset", "rules.yaml", "--format", "markdown")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "| code | name | severity | rule set | version | owner | title |"
    assert lines[1] == "|---|---|---|---|---|---|---|"
    assert lines[2] == (
        "| `TST001` | high-alert-double-check | error | test-medicin | 1.0 | "
        "Fokusområde Medicin (test) | High\\|alert \\*needs\\* |"
    )
    assert len(lines) == 5


def test_rules_list_text_is_still_the_default_and_other_formats_are_refused(repo: Path) -> None:
    text = run(repo, "rules", "list", "--ruleset", "rules.yaml")
    assert text.returncode == 0 and "TST001" in text.stdout and "{" not in text.stdout
    refused = run(repo, "rules", "list", "--format", "sarif")
    assert refused.returncode == 2 and "sarif" in refused.stderr


def test_rules_explain_json_has_the_filter_options_and_language(repo: Path) -> None:
    out = run(repo, "rules", "explain", "TST001", "--ruleset", "rules.yaml", "--format", "json")
    assert out.returncode == 0, out.stderr
    document = valid(out.stdout)
    assert document["command"] == "rules explain"
    (rule,) = document["rules"]
    assert rule["where"] == [{"path": "$.spec.high_alert", "value": True}]
    assert rule["options"]["path"] == "$.spec.double_check"
    assert rule["options"]["values"] == [True]
    assert rule["examples"] is None
    danish = run(
        repo, "rules", "explain", "TST001", "--ruleset", "rules.yaml", "--format", "json",
        "--lang", "da",
    )  # fmt: skip
    assert valid(danish.stdout)["rules"][0]["title"] == "Højrisiko kræver dobbeltkontrol"


def test_rules_explain_json_carries_a_rules_examples(repo: Path) -> None:
    cases = repo / "cases"
    cases.mkdir()
    (cases / "TST003.yaml").write_text("passing: []\nfailing: []\n", encoding="utf-8")
    out = run(repo, "rules", "explain", "TST003", "--ruleset", "rules.yaml", "--format", "json")
    (rule,) = valid(out.stdout)["rules"]
    assert rule["examples"] == {"file": "TST003.yaml", "text": "passing: []\nfailing: []\n"}


# -- waivers check -------------------------------------------------------------------------


def test_waivers_check_json_output_file_and_lang(repo: Path) -> None:
    (repo / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    args = ("waivers", "check", "--ruleset", "rules.yaml", "--today", TODAY)
    out = run(repo, *args, "--format", "json", "--lang", "en")
    assert out.returncode == 1, out.stderr
    document = valid(out.stdout)
    assert document["command"] == "waivers"
    assert [f["code"] for f in document["findings"]] == ["WAV001"]
    english = document["findings"][0]["message"]
    danish = valid(run(repo, *args, "--format", "json", "--lang", "da").stdout)
    assert danish["findings"][0]["message"] != english
    written = repo / "out" / "waivers.json"
    to_file = run(repo, *args, "--format", "json", "--output", str(written))
    assert to_file.returncode == 1 and to_file.stdout == ""
    assert valid(written.read_text(encoding="utf-8")) == document


def test_waivers_check_help_offers_what_it_mentions(repo: Path) -> None:
    help_text = run(repo, "waivers", "check", "--help").stdout
    assert "--output" in help_text and "--lang" in help_text


# -- normalize --check ---------------------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path, medication_yaml: str) -> Path:
    root = tmp_path / "tree"
    (root / "central/Medication").mkdir(parents=True)
    (root / "central/Medication/100101.yaml").write_text(medication_yaml, encoding="utf-8")
    crlf = medication_yaml.replace("100101", "100103").replace("\n", "\r\n")
    (root / "central/Medication/100103.yaml").write_bytes(crlf.encode("utf-8"))
    (root / "central/Medication/100104.yaml").write_text("kind: [unclosed\n", encoding="utf-8")
    return root


def test_normalize_check_json_lists_what_is_not_canonical(tree: Path) -> None:
    out = invoke_spguard("normalize", tree, "--check", "--format", "json", "--lang", "en")
    assert out.returncode == 1
    document = valid(out.stdout)
    base = tree.as_posix()
    assert document["command"] == "normalize" and document["check"] is True
    assert document["changed"] == [f"{base}/central/Medication/100103.yaml"]
    assert document["unchanged"] == [f"{base}/central/Medication/100101.yaml"]
    assert document["summary"] == {"changed": 1, "unchanged": 1, "problems": 1}
    (problem,) = document["problems"]
    assert (
        problem["code"] == "LOAD001" and problem["file"] == f"{base}/central/Medication/100104.yaml"
    )
    assert problem["line"] >= 1
    assert (tree / "central/Medication/100103.yaml").read_bytes().count(b"\r\n") > 0  # unwritten


def test_normalize_check_github_annotates_each_file(tree: Path) -> None:
    out = invoke_spguard("normalize", tree, "--check", "--format", "github", "--lang", "en")
    assert out.returncode == 1
    base = tree.as_posix().replace(":", "%3A").replace(",", "%2C")
    lines = out.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"::error file={base}/central/Medication/100104.yaml,line=")
    assert ",title=LOAD001::" in lines[0]
    assert lines[1] == (
        f"::error file={base}/central/Medication/100103.yaml::file is not in canonical form; "
        "run spguard normalize without --check to fix it"
    )
    danish = invoke_spguard("normalize", tree, "--check", "--format", "github", "--lang", "da")
    assert "ikke på kanonisk form" in danish.stdout


def test_normalize_json_of_a_run_that_writes(tmp_path: Path, medication_yaml: str) -> None:
    source = tmp_path / "in" / "central/Medication/100101.yaml"
    source.parent.mkdir(parents=True)
    source.write_text(medication_yaml, encoding="utf-8")
    out_dir = tmp_path / "out"
    out = invoke_spguard("normalize", tmp_path / "in", "--out", out_dir, "--format", "json")
    assert out.returncode == 0, out.stderr
    document = valid(out.stdout)
    assert document["check"] is False and document["summary"]["changed"] == 1
    assert (out_dir / "central/Medication/100101.yaml").is_file()


# -- baseline ------------------------------------------------------------------------------


def test_baseline_create_and_update_as_json(repo: Path) -> None:
    args = ("--ruleset", "rules.yaml", "--today", TODAY, "--format", "json")
    created = run(repo, "baseline", "create", *args)
    assert created.returncode == 0, created.stderr
    document = valid(created.stdout)
    assert document["command"] == "baseline create"
    assert (document["file"], document["entries"], document["dropped"]) == ("baseline.yaml", 3, [])
    assert sorted(entry.split()[0] for entry in document["added"]) == ["TST001", "TST002", "TST003"]
    write(repo, medication("5004"))  # fixed: its entry is stale
    updated = valid(run(repo, "baseline", "update", *args).stdout)
    assert updated["command"] == "baseline update"
    assert updated["dropped"] == ["TST003 Medication 5004 $.spec.atc"]
    assert (updated["added"], updated["entries"], updated["problems"]) == ([], 2, [])


def test_baseline_json_names_the_files_it_was_written_without(repo: Path) -> None:
    broken = repo / "central/Medication/5009.yaml"
    broken.write_text("kind: [unclosed\n", encoding="utf-8")
    out = run(repo, "baseline", "create", "--ruleset", "rules.yaml", "--format", "json")
    assert out.returncode == 1
    document = valid(out.stdout)
    assert [p["file"] for p in document["problems"]] == ["central/Medication/5009.yaml"]
    assert document["problems"][0]["code"] == "LOAD001"


# -- the registry --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "result_type",
    ["Result", "RuleListing", "RuleExplanation", "NormalizeResult", "BaselineChange"],
)
def test_every_listing_has_a_json_form(result_type: str) -> None:
    assert "json" in report.formats(result_type)


def test_the_schema_documents_each_listing_command() -> None:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    commands = json.dumps(schema["$defs"])
    for command in ("rules list", "rules explain", "normalize", "baseline create"):
        assert f'"{command}"' in commands


def test_the_schema_refuses_a_listing_that_mixes_two_forms(repo: Path) -> None:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    out = run(repo, "rules", "list", "--ruleset", "rules.yaml", "--format", "json")
    document = valid(out.stdout)
    assert validator.is_valid(document)
    assert not validator.is_valid({**document, "command": "lint"})
    assert not validator.is_valid({**document, "findings": []})
    extra = {**document, "rules": [{**document["rules"][0], "where": []}]}
    assert not validator.is_valid(extra)  # explain's keys belong to rules explain only


def test_normalize_reporters_are_pure_functions_of_the_result() -> None:
    from sp_config_guard.errors import Problem
    from sp_config_guard.messages import msg
    from sp_config_guard.normalize.run import NormalizeResult

    problem = Problem("LOAD000", msg("LOAD000.missing"), "a,b:c.yaml")  # no line, no column
    result = NormalizeResult(problems=[problem], changed=["x.yaml"], unchanged=["y.yaml"], dry=True)
    github = report.render(result, "github")
    assert github.splitlines()[0] == "::error file=a%2Cb%3Ac.yaml,title=LOAD000::" + problem.message
    document = valid(report.render(result, "json"))
    assert document["problems"] == [
        {
            "code": "LOAD000",
            "message": problem.message,
            "file": "a,b:c.yaml",
            "line": None,
            "column": None,
        }
    ]
    written = NormalizeResult(written=["x.yaml"], changed=["x.yaml"])
    assert report.render(written, "github") == ""  # a run that wrote its files flags none
    assert valid(report.render(written, "json"))["changed"] == ["x.yaml"]
