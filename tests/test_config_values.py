"""Configured values that name something (the standard's folder, the waivers and baseline
files, rule sets, override paths) must name something that exists; a value the schema refuses
is an error wherever it is set. Each is a configuration error (exit 2) naming the file and
key, the SPGUARD_* variable or the flag - from spguard.yaml, the environment and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sp_config_guard.load.config import Override
from tests.conftest import Spguard
from tests.hostile_cases import repository


def _configure(repo: Path, text: str) -> None:
    (repo / "spguard.yaml").write_text(f"rulesets: [medication]\n{text}", encoding="utf-8")


def _error(repo: Path, where: str, detail: str) -> str:
    return f"spguard: error: {where.format(repo=repo.as_posix())}: {detail}\n"


@pytest.mark.parametrize(
    ("text", "where", "detail"),
    [
        (
            "standard: centrl\n",
            "{repo}/spguard.yaml:2: standard",
            "no folder 'centrl' in the repository (did you mean 'central'?)",
        ),
        ("standard: ..\n", "{repo}/spguard.yaml:2: standard", "no folder '..' in the repository"),
        (
            "standard: central/Medication/100101.yaml\n",
            "{repo}/spguard.yaml:2: standard",
            "no folder 'central/Medication/100101.yaml' in the repository",
        ),
        ("waivers: waiver.yaml\n", "{repo}/spguard.yaml:2: waivers", "no file {repo}/waiver.yaml"),
        ("baseline: base.yaml\n", "{repo}/spguard.yaml:2: baseline", "no file {repo}/base.yaml"),
        (
            "rulesets: [medication, order-set]\n",
            "{repo}/spguard.yaml:1: rulesets.1",
            "no shipped rule set or file 'order-set' (did you mean 'order-sets'?)",
        ),
        (
            "rulesets: [local/rules.yaml]\n",
            "{repo}/spguard.yaml:1: rulesets.0",
            "no shipped rule set or file 'local/rules.yaml'",
        ),
        (
            "overrides:\n  - paths: ['central/*', 'hovedstadn/*/users/*']\n    ignore: [MED]\n",
            "{repo}/spguard.yaml:3: overrides.0.paths.1",
            "no file or folder 'hovedstadn' in the repository",
        ),
        (
            "overrides:\n  - paths: [central/Medicaton]\n    ignore: [MED]\n",
            "{repo}/spguard.yaml:3: overrides.0.paths.0",
            "no file or folder 'central/Medicaton' in the repository",
        ),
    ],
)
def test_a_configured_path_that_does_not_exist_is_an_error_naming_file_and_key(
    tmp_path: Path, spguard: Spguard, text: str, where: str, detail: str
) -> None:
    repo = repository(tmp_path / "repo")
    if text.startswith("rulesets"):
        (repo / "spguard.yaml").write_text(text, encoding="utf-8")
    else:
        _configure(repo, text)
    expected = _error(repo, where, detail.format(repo=repo.as_posix()))
    for command, cwd in (
        (("lint",), repo),
        (("drift",), repo),
        (("rules", "list"), repo / "central"),
    ):
        proc = spguard(*command, cwd=cwd)
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", expected), command


def test_the_same_values_from_the_environment_name_the_variable(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = repository(tmp_path / "repo")
    for name, value, detail in [
        (
            "SPGUARD_STANDARD",
            "centrl",
            "no folder 'centrl' in the repository (did you mean 'central'?)",
        ),
        ("SPGUARD_WAIVERS", "nope.yaml", f"no file {repo.as_posix()}/nope.yaml"),
        ("SPGUARD_BASELINE", "nope.yaml", f"no file {repo.as_posix()}/nope.yaml"),
        (
            "SPGUARD_RULESETS",
            "medication,medicaton",
            "no shipped rule set or file 'medicaton' (did you mean 'medication'?)",
        ),
        # values the schema refuses: before, an internal error (exit 3)
        ("SPGUARD_LANG", "dk", "'dk' is not one of ['da', 'en']"),
        ("SPGUARD_FAIL_ON", "warnings", "'warnings' is not one of ['error', 'warning', 'info']"),
    ]:
        proc = spguard("lint", cwd=repo, env={name: value})
        assert (proc.returncode, proc.stderr) == (2, f"spguard: error: {name}: {detail}\n"), name


def test_the_same_values_from_flags_name_the_flag(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    missing = (repo / "nope.yaml").as_posix()
    for args, flag, detail in [
        (("lint", "--waivers", "nope.yaml"), "--waivers", f"no file {missing}"),
        (("lint", "--baseline", "nope.yaml"), "--baseline", f"no file {missing}"),
        (("waivers", "check", "--file", "nope.yaml"), "--file", f"no file {missing}"),
        (
            ("lint", "--ruleset", "nope.yaml"),
            "--ruleset",
            "no shipped rule set or file 'nope.yaml'",
        ),
    ]:
        proc = spguard(*args, cwd=repo)
        assert (proc.returncode, proc.stderr) == (2, f"spguard: error: {flag}: {detail}\n"), args


def test_baseline_create_writes_a_configured_baseline_that_does_not_exist_yet(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = repository(tmp_path / "repo")
    _configure(repo, "baseline: accepted.yaml\n")
    assert spguard("lint", cwd=repo).returncode == 2
    assert spguard("baseline", "create", cwd=repo).returncode == 0
    assert (repo / "accepted.yaml").is_file()
    assert spguard("lint", cwd=repo).returncode == 0  # the planted findings are baselined
    new = spguard("baseline", "update", "--file", "other.yaml", cwd=repo)
    assert new.returncode == 0
    assert (repo / "other.yaml").is_file()


def test_existing_values_are_accepted(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    (repo / "local").mkdir()
    (repo / "local" / "rules.yaml").write_text(
        "ruleset: local\nversion: '1'\nowner: test\nextends: [medication]\n", encoding="utf-8"
    )
    (repo / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    # a glob whose fixed folders exist may match nothing yet (no user artifacts here)
    (repo / "spguard.yaml").write_text(
        "standard: central\nwaivers: waivers.yaml\nrulesets: [local/rules.yaml]\n"
        "overrides:\n  - paths: ['*/users/*', 'central/*/9*.yaml']\n    ignore: [MED]\n",
        encoding="utf-8",
    )
    proc = spguard("lint", "--format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)["findings"]) == 3


def test_an_override_folder_covers_what_is_in_it(tmp_path: Path, spguard: Spguard) -> None:
    repo = repository(tmp_path / "repo")
    _configure(repo, "overrides:\n  - paths: [central/Medication]\n    ignore: [MED]\n")
    proc = spguard("lint", "--format", "json", cwd=repo)
    assert (proc.returncode, json.loads(proc.stdout)["findings"]) == (0, [])


def test_override_paths_match_files_folders_and_globs() -> None:
    folder, glob = Override(paths=("central/Medication/",)), Override(paths=("*/users/*",))
    assert folder.matches("central/Medication/100101.yaml")
    assert not folder.matches("central/MedicationX/100101.yaml")
    assert glob.matches("sjaelland/x/users/u1/Medication/1.yaml")
    assert not glob.matches("central/Medication/1.yaml")
