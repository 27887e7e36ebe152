"""Rule documentation in both languages and in SARIF (issue #18): every rule's rationale is
written in Danish and English (a plain text is refused, naming file and line), ``rules
explain --lang en`` shows the English one, and the SARIF of the example gives every ``ruleId``
``help`` (text and Markdown) and a ``helpUri`` under the configured ``docs_url`` - no link
at all without one, never to a domain nobody publishes - with descriptions in the run's
language, and baselined results suppressed so that code scanning shows no open alert."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.config import docs_link
from sp_config_guard.model.shipped import data_dir
from tests.conftest import invoke_spguard
from tests.test_lint import RULESET
from tests.test_reporters import _assert_valid, _sarif_validator

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sp-config"
BASE = "https://wiki.regionh.example/sp/regler"
TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example repository whose spguard.yaml names a docs_url."""
    repo = tmp_path_factory.mktemp("example") / "sp-config"
    shutil.copytree(EXAMPLE, repo)
    config = repo / "spguard.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"docs_url: {BASE}/\n", "utf-8")
    return repo


def _sarif(repo: Path, *args: str) -> dict[str, Any]:
    out = repo / "lint.sarif"
    ran = invoke_spguard(
        "lint", "--today", TODAY, "--format", "sarif", "--output", out, *args, cwd=repo
    )
    assert ran.returncode in (0, 1), ran.stderr
    log: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    _assert_valid(_sarif_validator(), log)
    return log


def _descriptors(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_rule_id_of_the_example_has_help_and_a_help_uri_under_the_base(
    example: Path, lang: str
) -> None:
    log = _sarif(example, "--lang", lang)
    rules = _descriptors(log)
    used = {result["ruleId"] for result in log["runs"][0]["results"]}
    assert len(used) > 10 and used <= set(rules)
    shipped = {rule.code: rule for rule in load_rules([])}
    for code, rule in rules.items():
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), code
        assert rule["helpUri"] == f"{BASE}/{code}", code
        if code in shipped:  # descriptions and help in the run's language
            assert rule["shortDescription"]["text"] == shipped[code].title[lang]
            assert rule["fullDescription"]["text"] == shipped[code].rationale[lang]
            assert rule["help"]["text"] == shipped[code].rationale[lang]
    assert "sp-config-guard.dk" not in json.dumps(log)
    assert "informationUri" not in log["runs"][0]["tool"]["driver"]


def test_without_docs_url_there_is_no_link_rather_than_a_dead_one(tmp_path: Path) -> None:
    repo = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, repo)
    (repo / "central" / "Medication" / "broken.yaml").write_text("kind: [\n", "utf-8")
    log = _sarif(repo, "--lang", "en")
    rules = _descriptors(log)
    assert "LOAD001" in rules and "MED001" in rules
    assert not [code for code, rule in rules.items() if "helpUri" in rule]
    load = rules["LOAD001"]
    assert load["shortDescription"]["text"] == "Malformed file"
    assert load["help"]["markdown"].startswith("**Malformed file**\n\n")
    assert "**What to do:** Fix the syntax" in load["help"]["markdown"]
    assert "sp-config-guard.dk" not in json.dumps(log)


def test_baselined_results_are_suppressed_for_code_scanning(example: Path) -> None:
    created = invoke_spguard("baseline", "create", "--today", TODAY, cwd=example)
    assert created.returncode == 0, created.stderr
    try:
        results = _sarif(example, "--lang", "en")["runs"][0]["results"]
    finally:
        (example / "baseline.yaml").unlink()
    assert results and {r["baselineState"] for r in results} == {"unchanged"}
    for result in results:
        (suppression,) = result["suppressions"]
        assert suppression["kind"] == "external"
        assert suppression["justification"].startswith(("in the baseline", "waiver "))


def test_docs_link_takes_a_code_placeholder_or_appends_the_code() -> None:
    assert docs_link(None, "MED001") is None
    assert docs_link(f"{BASE}/", "MED001") == f"{BASE}/MED001"
    assert docs_link("https://wiki.example/spguard#{code}", "LOAD001") == (
        "https://wiki.example/spguard#LOAD001"
    )


def test_docs_url_from_the_environment_and_in_rules_explain(tmp_path: Path) -> None:
    env = {"SPGUARD_DOCS_URL": "https://wiki.example/r/{code}.html"}
    ran = invoke_spguard("rules", "explain", "MED001", "--format", "json", cwd=tmp_path, env=env)
    assert json.loads(ran.stdout)["rules"][0]["docs"] == "https://wiki.example/r/MED001.html"
    text = invoke_spguard("rules", "explain", "MED001", "--lang", "en", cwd=tmp_path, env=env)
    assert "docs:      https://wiki.example/r/MED001.html" in text.stdout
    bad = invoke_spguard("rules", "list", cwd=tmp_path, env={"SPGUARD_DOCS_URL": "not a url"})
    assert bad.returncode == 2 and "SPGUARD_DOCS_URL" in bad.stderr


def test_every_shipped_rule_has_its_rationale_in_both_languages() -> None:
    for file in sorted(data_dir("rules").glob("*.yaml")):
        for rule in yaml.safe_load(file.read_text(encoding="utf-8"))["rules"]:
            rationale = rule["rationale"]
            assert sorted(rationale) == ["da", "en"], rule["code"]
            assert rationale["da"].strip() != rationale["en"].strip(), rule["code"]
            assert "docs" not in rule, rule["code"]  # no link to a page nobody publishes


def test_rules_explain_shows_the_rationale_in_the_run_language(tmp_path: Path) -> None:
    english = invoke_spguard("rules", "explain", "MED001", "--lang", "en", cwd=tmp_path)
    assert "Rationale:\n  Dosing errors with high-alert medications" in english.stdout
    assert "Doseringsfejl" not in english.stdout
    # the rule set's file as listings name it, the same on every machine
    assert "rule set:  medication 2026.4 (rules/medication.yaml)\n" in english.stdout
    danish = invoke_spguard("rules", "explain", "MED001", "--lang", "da", cwd=tmp_path)
    assert "Begrundelse:\n  Doseringsfejl med risikosituationslægemidler" in danish.stdout
    assert "docs:" not in english.stdout.replace("docs:      -", "")  # no link configured
    assert "Passing::" not in english.stdout and "``" not in english.stdout  # no docstring


def test_a_plain_text_rationale_is_refused_with_file_and_line(tmp_path: Path) -> None:
    old = RULESET.replace(
        "    rationale: {da: Koder følger WHO's format., en: Codes follow the WHO format.}\n",
        "    rationale: Codes follow the WHO format.\n",
    )
    assert old != RULESET
    (tmp_path / "rules.yaml").write_text(old, encoding="utf-8")
    ran = invoke_spguard("rules", "list", "--ruleset", "rules.yaml", cwd=tmp_path)
    assert ran.returncode == 2
    line = old.splitlines().index("    rationale: Codes follow the WHO format.") + 1
    assert f"rules.yaml:{line}:16: invalid rule set: the rationale is one text;" in ran.stderr
    assert "(rationale: {da: ..., en: ...})" in ran.stderr
