"""Rule codes as users type them: --select/--ignore take comma lists, codes, prefixes and rule
names known to the rule sets of the run; anything else is a usage error (exit 2) naming the
closest known code, as are unknown codes in spguard.yaml overrides and in rules explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sp_config_guard import api
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.codes import resolve, split
from sp_config_guard.lint.ruleset import load_rules
from tests.conftest import Spguard
from tests.hostile_cases import BAD, repository

# the good artifact of the repository has MED001, MED002 and MED010 findings


def codes(spguard: Spguard, repo: Path, *args: str) -> list[str]:
    proc = spguard("lint", "--format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return sorted(f["code"] for f in json.loads(proc.stdout)["findings"])


def test_the_repository_has_the_findings_the_tests_rely_on(
    tmp_path: Path, spguard: Spguard
) -> None:
    assert codes(spguard, repository(tmp_path / "repo")) == ["MED001", "MED002", "MED010"]


def test_a_mistyped_code_is_a_usage_error_naming_the_closest(
    tmp_path: Path, spguard: Spguard
) -> None:
    proc = spguard("lint", "--select", "MDE001", cwd=repository(tmp_path / "repo"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        "spguard: error: --select: no rule 'MDE001' in the rule sets of this run "
        "(did you mean 'MED001'?); see spguard rules list\n"
    )


def test_comma_lists_are_split_and_repeated_options_add_up(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = repository(tmp_path / "repo")
    assert codes(spguard, repo, "--select", "MED001,MED002") == ["MED001", "MED002"]
    assert codes(spguard, repo, "--select", "MED001, MED010", "--select", "MED002") == [
        "MED001",
        "MED002",
        "MED010",
    ]
    assert codes(spguard, repo, "--ignore", "MED001,MED01") == ["MED002"]


def test_prefixes_names_and_lower_case_codes_are_known(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    assert codes(spguard, repo, "--select", "MED00") == ["MED001", "MED002"]
    assert codes(spguard, repo, "--select", "med001") == ["MED001"]
    assert codes(spguard, repo, "--select", "high-alert-double-check") == ["MED001"]


def test_a_prefix_must_match_a_rule_of_the_run(tmp_path: Path, spguard: Spguard) -> None:
    # ORD is a shipped prefix, but the repository uses the medication rule set only
    repo = repository(tmp_path / "repo")
    proc = spguard("lint", "--ignore", "ORD,MED", cwd=repo)
    assert proc.returncode == 2
    assert "--ignore: no rule 'ORD' in the rule sets of this run" in proc.stderr
    (repo / "spguard.yaml").write_text("rulesets: [medication, order-sets]\n", encoding="utf-8")
    assert codes(spguard, repo, "--ignore", "ORD,MED") == []


def test_codes_of_spguards_own_problems_cannot_be_ignored(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    (repo / BAD).write_text("kind: [\n", encoding="utf-8")
    for option in ("--ignore", "--select"):
        proc = spguard("lint", option, "LOAD", cwd=repo)
        assert proc.returncode == 2
        assert proc.stderr.startswith(
            f"spguard: error: {option}: 'LOAD' is no rule but one of spguard's own problems"
        )
    # and they come through whatever rules are selected
    assert codes(spguard, repo, "--select", "MED001") == ["LOAD001", "MED001"]


def _overrides(repo: Path, body: str) -> None:
    (repo / "spguard.yaml").write_text(
        f"rulesets: [medication]\noverrides:\n  - paths: ['central/*']\n{body}", encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("body", "where", "detail"),
    [
        (
            "    ignore: [MED001, MDE]\n",
            "spguard.yaml:4: overrides.0.ignore.1",
            "no rule 'MDE' in the rule sets of this run (did you mean 'MED'?)",
        ),
        (
            "    severity:\n      MED001: info\n      MED019: warning\n",
            "spguard.yaml:6: overrides.0.severity.MED019",
            "no rule 'MED019' in the rule sets of this run (did you mean 'MED001'?)",
        ),
        (
            "    ignore: [WAV]\n",
            "spguard.yaml:4: overrides.0.ignore.0",
            "'WAV' is no rule but one of spguard's own problems",
        ),
    ],
)
def test_an_unknown_code_in_overrides_is_a_configuration_error(
    tmp_path: Path, spguard: Spguard, body: str, where: str, detail: str
) -> None:
    repo = repository(tmp_path / "repo")
    _overrides(repo, body)
    for args in (("lint",), ("baseline", "create"), ("lint", "central")):
        proc = spguard(*args, cwd=repo)
        assert proc.returncode == 2, args
        assert proc.stderr.startswith(f"spguard: error: {repo.as_posix()}/{where}: {detail}")


def test_known_codes_in_overrides_apply(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    _overrides(repo, "    ignore: [MED00]\n    severity: {MED010: info}\n")
    proc = spguard("lint", "--format", "json", cwd=repo)
    assert [(f["code"], f["severity"]) for f in json.loads(proc.stdout)["findings"]] == [
        ("MED010", "info")
    ]


def test_rules_explain_names_the_closest_code(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    proc = spguard("rules", "explain", "MED00", cwd=repo)  # a prefix is not a rule
    assert proc.returncode == 2
    assert proc.stderr == (
        "spguard: error: no rule 'MED00' in the rule sets of this run (did you mean 'MED001'?); "
        "see spguard rules list\n"
    )
    both = spguard("rules", "explain", "med001,MED002", cwd=repo)
    assert both.returncode == 0
    assert both.stdout.startswith("MED001 high-alert-double-check")
    assert "\nMED002 " in both.stdout


def test_the_python_api_resolves_codes_too(tmp_path: Path) -> None:
    repo = repository(tmp_path / "repo")
    with pytest.raises(UsageError, match=r"--select: no rule 'MDE001'.*'MED001'"):
        api.lint(repo, select=["MDE001"])
    assert [f.code for f in api.lint(repo, ignore=["MED001,MED002"]).findings] == ["MED010"]


def test_resolve_splits_and_normalises() -> None:
    rules = load_rules(["medication"])
    assert split(["MED001,ORD", " DOC ", ",,"]) == ["MED001", "ORD", "DOC"]
    assert resolve(["med001,MED0", "high-alert-double-check"], rules, "--x") == (
        "MED001",
        "MED0",
        "high-alert-double-check",
    )
    assert resolve([], rules, "--x") == ()
    with pytest.raises(UsageError, match=r"^no rule 'MED0' "):
        resolve(["MED0"], rules, None, prefixes=False)
