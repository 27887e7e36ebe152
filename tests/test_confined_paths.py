"""Paths in a repository's configuration stay inside the repository (issue 14 item 6): the
waivers file, the baseline, rule-set files and override paths named by ``spguard.yaml`` or
``[tool.spguard]`` (and a default ``waivers.yaml`` / ``baseline.yaml`` that is a symbolic
link) may not lead outside it, symbolic links resolved; the error names file, line and key
and never prints the outside file. A command-line flag is the user's choice and may name a
file anywhere. Real repositories in temporary folders, the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MEDICATION_YAML, Spguard

SECRET = "https://ci-bot:ghp_SECRETTOKEN123@github.com"


def _repository(tmp_path: Path, config: str) -> tuple[Path, Path]:
    """A repository at ``tmp_path/repo`` with ``config`` as spguard.yaml, and a file of
    credentials outside it."""
    root = tmp_path / "repo"
    (root / "central" / "Medication").mkdir(parents=True)
    (root / "central" / "Medication" / "100101.yaml").write_text(MEDICATION_YAML, "utf-8")
    (root / "spguard.yaml").write_text(config, encoding="utf-8")
    outside = tmp_path / "git-credentials"
    outside.write_text(SECRET + "\n", encoding="utf-8")
    return root, outside


def _refused(out: str, where: str, key: str) -> None:
    assert f"error: {where}: {key}" in out, out
    assert "lies outside the repository" in out, out
    assert "ghp_" not in out, out


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("waivers", "{outside}"),
        ("waivers", "../git-credentials"),
        ("baseline", "{outside}"),
        ("rulesets", "[medication, ../git-credentials]"),
    ],
)
def test_a_configured_file_outside_the_repository_is_refused_unread(
    tmp_path: Path, spguard: Spguard, key: str, value: str
) -> None:
    """(The waivers case printed the token: 'https://ci-bot:ghp_...' is not of type
    'object'.)"""
    root, outside = _repository(tmp_path, "")
    setting = value.format(outside=outside)
    config = f"rulesets: [medication]\n{key}: {setting}\n"
    if key == "rulesets":
        config = f"{key}: {setting}\n"
    (root / "spguard.yaml").write_text(config, encoding="utf-8")
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 2
    line = 1 if key == "rulesets" else 2
    _refused(
        proc.stderr,
        f"{(root / 'spguard.yaml').as_posix()}:{line}",
        key + (".1" if key == "rulesets" else ""),
    )


def test_baseline_create_never_overwrites_a_file_outside(tmp_path: Path, spguard: Spguard) -> None:
    """(``baseline: /tmp/victim.txt`` and ``baseline create`` replaced the file.)"""
    root, _ = _repository(tmp_path, "")
    victim = tmp_path / "victim.txt"
    victim.write_text("important\n", encoding="utf-8")
    (root / "spguard.yaml").write_text(f"rulesets: [medication]\nbaseline: {victim}\n", "utf-8")
    proc = spguard("baseline", "create", cwd=root)
    assert proc.returncode == 2
    _refused(proc.stderr, f"{(root / 'spguard.yaml').as_posix()}:2", "baseline")
    assert victim.read_text(encoding="utf-8") == "important\n"


@pytest.mark.parametrize("name", ["waivers.yaml", "baseline.yaml"])
def test_a_default_file_linked_outside_is_refused(
    tmp_path: Path, spguard: Spguard, name: str
) -> None:
    root, outside = _repository(tmp_path, "rulesets: [medication]\n")
    os.symlink(outside, root / name)
    command = ("baseline", "create") if name == "baseline.yaml" else ("lint", ".")
    proc = spguard(*command, cwd=root)
    assert proc.returncode == 2
    _refused(proc.stderr, name, repr(name))
    assert outside.read_text(encoding="utf-8") == SECRET + "\n"


def test_a_configured_path_through_a_linked_folder_is_refused(
    tmp_path: Path, spguard: Spguard
) -> None:
    root, _ = _repository(tmp_path, "")
    os.symlink(tmp_path, root / "up")
    (root / "spguard.yaml").write_text(
        "rulesets: [medication]\nwaivers: up/git-credentials\n", "utf-8"
    )
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 2
    _refused(proc.stderr, f"{(root / 'spguard.yaml').as_posix()}:2", "waivers")


@pytest.mark.parametrize("pattern", ["/etc", "../elsewhere", "central/../../x/*"])
def test_an_override_path_outside_is_refused(
    tmp_path: Path, spguard: Spguard, pattern: str
) -> None:
    """(An override path was only checked to exist, so it told whether an outside file
    exists.)"""
    root, _ = _repository(tmp_path, "")
    config = f"rulesets: [medication]\noverrides:\n  - paths: ['{pattern}']\n    ignore: [MED001]\n"
    (root / "spguard.yaml").write_text(config, encoding="utf-8")
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 2
    _refused(proc.stderr, f"{(root / 'spguard.yaml').as_posix()}:3", "overrides.0.paths.0")


def test_pyproject_settings_are_confined_too(tmp_path: Path, spguard: Spguard) -> None:
    root, outside = _repository(tmp_path, "")
    (root / "spguard.yaml").unlink()
    (root / "pyproject.toml").write_text(
        f'[tool.spguard]\nrulesets = ["medication"]\nwaivers = "{outside}"\n', "utf-8"
    )
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 2
    _refused(proc.stderr, (root / "pyproject.toml").as_posix(), "waivers")


def test_a_flag_may_name_a_file_outside_and_its_content_is_never_printed(
    tmp_path: Path, spguard: Spguard
) -> None:
    """The user chose ``--waivers`` and ``baseline create --file``: they may lie anywhere. Even so an
    invalid one is reported without its content."""
    root, outside = _repository(tmp_path, "rulesets: [medication]\n")
    proc = spguard("lint", "--waivers", outside, ".", cwd=root)
    assert proc.returncode == 2
    assert "invalid waivers file" in proc.stderr and "ghp_" not in proc.stderr, proc.stderr
    assert f"{outside.as_posix()}:1:1" in proc.stderr
    target = tmp_path / "elsewhere" / "baseline.yaml"
    target.parent.mkdir()
    proc = spguard("baseline", "create", "--file", target, cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8").startswith("version: 1\n")


def test_files_inside_the_repository_are_accepted(tmp_path: Path, spguard: Spguard) -> None:
    root, _ = _repository(tmp_path, "")
    (root / "policy").mkdir()
    (root / "policy" / "baseline.yaml").write_text("version: 1\nfindings: []\n", "utf-8")
    (root / "spguard.yaml").write_text(
        "rulesets: [medication]\nbaseline: policy/baseline.yaml\n"
        "overrides:\n  - paths: [central/Medication]\n    ignore: [MED001]\n",
        encoding="utf-8",
    )
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_invalid_waiver_date_is_said_without_quoting_it(
    tmp_path: Path, spguard: Spguard
) -> None:
    root, _ = _repository(tmp_path, "rulesets: [medication]\n")
    waiver = (
        "waivers:\n  - id: W1\n    rule: MED001\n    artifacts: ['1']\n    reason: x\n"
        "    approved_by: x\n    approved_on: '2026-02-30'\n    expires: '2026-12-01'\n"
    )
    (root / "waivers.yaml").write_text(waiver, encoding="utf-8")
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 2
    assert "waivers.yaml:7:18: invalid waivers file: the value is not a valid 'date'" in proc.stderr
    assert "2026-02-30" not in proc.stderr
