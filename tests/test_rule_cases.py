"""Rule tests as data, run by ``spguard rules test`` (issue #18, rule authors): every shipped
rule has ``rules/cases/<CODE>.yaml`` with artifacts that must pass and artifacts that must
fail at exactly the listed JSON paths, and the same command runs the case files beside a
repository's own rule set, failing (exit 1, the case named) on a wrong case.

A case file (``schemas/rule-cases.schema.json``)::

    rule: MED001
    today: "2026-11-23"        # optional: the date expiry rules are checked on
    context: [ ...artifacts the repository also holds (standards, referenced records)... ]
    pass: [ ...artifacts with no finding of this rule... ]
    fail:
      - artifact: {...}
        paths: ["$.spec.double_check"]

Artifacts may leave out ``name`` (defaults to the id), ``status`` (active) and ``scope``
(central)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sp_config_guard import api
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.shipped import data_dir
from tests.conftest import invoke_spguard
from tests.test_lint import RULESET
from tests.test_listings import valid

RULES = {rule.code: rule for rule in load_rules([])}
CASES = sorted((data_dir("rules") / "cases").glob("*.yaml"))

GOOD_CASE = """\
rule: TST001
pass:
  - kind: Medication
    id: "5001"
    spec: {high_alert: true, double_check: true}
fail:
  - artifact:
      kind: Medication
      id: "5002"
      spec: {high_alert: true, double_check: false}
    paths: ["$.spec.double_check"]
"""


def test_every_shipped_rule_has_a_case_file_with_passing_and_failing_artifacts() -> None:
    assert sorted(set(RULES) - {file.stem for file in CASES}) == []
    for file in CASES:
        (case,) = parse_yaml(file.read_text(encoding="utf-8"), file.as_posix())
        assert case["rule"] == file.stem
        assert case.get("pass") and case.get("fail"), file.name


def test_the_shipped_cases_pass_under_rules_test() -> None:
    result = api.rule_tests([str(data_dir("rules"))], lang="en")
    assert [(o.file, o.line, o.case, o.artifact) for o in result.failed] == []
    assert result.untested == () and result.exit_code() == 0
    # every rule ran its passing and its failing artifacts
    assert {(o.rule, o.case) for o in result.outcomes} == {
        (code, case) for code in RULES for case in ("pass", "fail")
    }


def test_spguard_rules_test_rules_passes(tmp_path: Path) -> None:
    ran = invoke_spguard("rules", "test", data_dir("rules"), cwd=tmp_path)
    assert ran.returncode == 0, ran.stdout
    assert ran.stdout.startswith("ok    rules/cases/BLD001.yaml:")
    assert ran.stdout.endswith(" passed, 0 failed\n")


@pytest.fixture()
def ruleset(tmp_path: Path) -> Path:
    """A repository's own rule set with a passing case file for TST001."""
    root = tmp_path / "repo"
    (root / "cases").mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [rules.yaml]\n", encoding="utf-8")
    (root / "rules.yaml").write_text(RULESET, encoding="utf-8")
    (root / "cases" / "TST001.yaml").write_text(GOOD_CASE, encoding="utf-8")
    return root


def test_a_repositorys_own_rule_set_is_tested_from_its_configuration(ruleset: Path) -> None:
    ran = invoke_spguard("rules", "test", cwd=ruleset)
    assert ran.returncode == 0, ran.stdout
    assert ran.stdout == (
        "ok    cases/TST001.yaml:3: TST001 must pass 5001\n"
        "ok    cases/TST001.yaml:7: TST001 must fail 5002\n"
        "rules with no case file: TST002, TST003\n"
        "2 case(s) in 1 file(s): 2 passed, 0 failed\n"
    )


def test_a_wrong_case_fails_with_the_case_named_and_the_difference(ruleset: Path) -> None:
    wrong = GOOD_CASE.replace("double_check: true}", "double_check: false}").replace(
        '"$.spec.double_check"', '"$.spec.atc"'
    )
    (ruleset / "cases" / "TST001.yaml").write_text(wrong, encoding="utf-8")
    ran = invoke_spguard("rules", "test", "rules.yaml", cwd=ruleset)
    assert ran.returncode == 1
    assert ran.stdout.splitlines()[:5] == [
        "FAIL  cases/TST001.yaml:3: TST001 must pass 5001",
        "        unexpected finding at $.spec.double_check: Medication 5001 lacks a double check",
        "FAIL  cases/TST001.yaml:7: TST001 must fail 5002",
        "        expected a finding at $.spec.atc, got none",
        "        unexpected finding at $.spec.double_check: Medication 5002 lacks a double check",
    ]
    assert ran.stdout.endswith("2 case(s) in 1 file(s): 0 passed, 2 failed\n")
    danish = invoke_spguard("rules", "test", "rules.yaml", "--lang", "da", cwd=ruleset)
    assert danish.returncode == 1
    assert danish.stdout.startswith("FEJL  cases/TST001.yaml:3: TST001 skal bestå 5001\n")


def test_json_form_is_versioned_and_valid(ruleset: Path) -> None:
    (ruleset / "cases" / "TST001.yaml").write_text(
        GOOD_CASE.replace('"$.spec.double_check"', '"$.spec.atc"'), encoding="utf-8"
    )
    ran = invoke_spguard("rules", "test", "--format", "json", cwd=ruleset)
    assert ran.returncode == 1
    document = valid(ran.stdout)
    assert document["command"] == "rules test"
    assert document["summary"] == {"cases": 2, "passed": 1, "failed": 1}
    failed = document["cases"][1]
    assert (failed["line"], failed["artifact"], failed["passed"]) == (7, "5002", False)
    assert failed["missing"] == ["$.spec.atc"]
    assert failed["unexpected"] == [
        {"path": "$.spec.double_check", "message": "Medication 5002 lacks a double check"}
    ]
    assert document["untested"] == ["TST002", "TST003"]
    assert json.loads(ran.stdout) == document


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (GOOD_CASE.replace("pass:", "passing:"), "cases/TST001.yaml:1:1: invalid rule test case"),
        (GOOD_CASE + "  - [\n", "cases/TST001.yaml:"),
        (GOOD_CASE.replace("rule: TST001", "rule: TST002"), "names rule TST002"),
        (
            GOOD_CASE.replace("  - kind: Medication", "  - kind: Medicaton"),
            "cases/TST001.yaml:3: unknown kind 'Medicaton' in a case",
        ),
    ],
    ids=["unknown key", "malformed YAML", "other rule", "unknown kind"],
)
def test_a_case_file_that_cannot_be_run_fails(ruleset: Path, text: str, says: str) -> None:
    (ruleset / "cases" / "TST001.yaml").write_text(text, encoding="utf-8")
    ran = invoke_spguard("rules", "test", "rules.yaml", cwd=ruleset)
    assert ran.returncode == 1, ran.stdout
    assert ran.stdout.startswith("FAIL  ") and says in ran.stdout.splitlines()[0]


def test_a_case_file_for_no_rule_of_the_folder_fails(ruleset: Path) -> None:
    (ruleset / "cases" / "TST009.yaml").write_text(GOOD_CASE, encoding="utf-8")
    ran = invoke_spguard("rules", "test", ".", cwd=ruleset)
    assert ran.returncode == 1
    assert "FAIL  cases/TST009.yaml: case file for TST009, which no rule set" in ran.stdout


def test_no_case_at_all_is_no_silent_pass(ruleset: Path) -> None:
    (ruleset / "cases" / "TST001.yaml").unlink()
    ran = invoke_spguard("rules", "test", "rules.yaml", cwd=ruleset)
    assert ran.returncode == 1
    assert "no case files beside these rule sets" in ran.stdout


def test_an_unknown_rule_set_is_a_usage_error(ruleset: Path) -> None:
    ran = invoke_spguard("rules", "test", "nope.yaml", cwd=ruleset)
    assert ran.returncode == 2
    assert "rule set 'nope.yaml': no such preset, file or folder" in ran.stderr
