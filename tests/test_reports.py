"""What each command reports, and the exit code it gives, when input files are bad: on the real
CLI in a small repository (``tests/hostile_cases.py:repository``) with a bad file beside the
good one. The exit codes and first lines are rows of ``tests/misuse_cases.py`` (REPORTS)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner
from tests.hostile_cases import BAD, GOOD_YAML, MED, repository


def _repo(tmp_path: Path, bad: str) -> Path:
    root = repository(tmp_path / "repo")
    (root / BAD).write_text(bad, encoding="utf-8")
    return root


def _places(findings: list[dict[str, object]], codes: tuple[str, ...]) -> set[tuple[object, ...]]:
    return {(f["code"], f["file"], f["line"], f["column"]) for f in findings if f["code"] in codes}


def test_validate_and_lint_agree_on_unknown_kinds_and_colliding_ids(
    tmp_path: Path, spguard: CliRunner
) -> None:
    """One place reports both for validate and lint: same codes, files, lines and columns.
    (lint used to say nothing.)"""
    root = _repo(tmp_path, GOOD_YAML)  # bad.yaml: the same kind and id as 100101.yaml
    (root / MED / "frob.yaml").write_text(
        GOOD_YAML.replace("kind: Medication", "kind: Frobnicator").replace("100101", "100102"),
        encoding="utf-8",
    )
    codes = ("LOAD008", "SCH003")
    expected = {("SCH003", BAD, 2, 5), ("LOAD008", f"{MED}/frob.yaml", 1, 7)}
    validate = spguard("validate", "--format", "json", ".", cwd=root)
    lint = spguard("lint", "--format", "json", ".", cwd=root)
    assert (validate.returncode, lint.returncode) == (1, 1)
    assert _places(json.loads(validate.stdout)["findings"], codes) == expected
    assert _places(json.loads(lint.stdout)["findings"], codes) == expected
