"""Hostile input on the real CLI: every case of ``tests/hostile_cases.py`` for every command
that reads it - the expected code naming the file (and line), the exit code, no traceback,
the other files still processed; and ``docs/hostile-input.md`` is the rendering of the cases."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sp_config_guard.errors import InputError
from sp_config_guard.load.loader import load_document
from tests.conftest import MEDICATION_YAML, Spguard
from tests.hostile_cases import BAD, CASES, DOC, MED, Case, Run, case_named, document, repository

PARAMS = [
    pytest.param(case, run, id=f"{index}-{'-'.join(run.args[:2])}")
    for index, case in enumerate(CASES)
    for run in case.runs
]


def _check_json(out: str, run: Run) -> None:
    """A machine report names the bad file at its line and still holds the good file's
    finding (validate: still counted the good file)."""
    report = json.loads(out)
    hits = [f for f in report["findings"] if f["code"] == run.code and f["file"] == run.file]
    assert hits, report["findings"]
    if run.line is not None:
        assert hits[0]["line"] == run.line
    if report["command"] == "lint":
        assert any(
            f["code"] == "MED001" and f["file"].endswith("100101.yaml") for f in report["findings"]
        )
    assert report["summary"]["files"] >= 2


@pytest.mark.parametrize(("case", "run"), PARAMS)
def test_hostile_input(tmp_path: Path, spguard: Spguard, case: Case, run: Run) -> None:
    root = repository(tmp_path / "repo")
    case.make(root)
    proc = spguard(*run.args, cwd=root)  # the fixture asserts: no traceback, exit 0-2
    out = proc.stdout + proc.stderr
    assert proc.returncode == run.exit, out
    assert "internal error" not in out
    if "--format" in run.args:
        _check_json(proc.stdout, run)
        return
    assert run.code in out
    where = re.escape(run.file) + (f":{run.line}" if run.line is not None else "")
    assert re.search(where, out), out


def test_the_bad_file_is_only_one_of_the_files(tmp_path: Path, spguard: Spguard) -> None:
    """After every artifact case the baseline holds the good file's finding (the run went
    on) but nothing of the bad file, which was not checked: it is named as left out and the
    run exits 1. (It used to accept the bad file's problem into the baseline and exit 0.)"""
    for index, case in enumerate(CASES):
        codes = [run.code for run in case.runs if run.args == ("baseline", "create")]
        if not codes or codes[0].startswith("invalid"):
            continue
        root = repository(tmp_path / f"repo{index}")
        case.make(root)
        proc = spguard("baseline", "create", cwd=root)
        text = (root / "baseline.yaml").read_text(encoding="utf-8")
        assert "MED001" in text and codes[0] not in text, (case.name, text)
        assert proc.returncode == 1 and "1 file(s) left out" in proc.stderr, proc.stderr


def test_huge_file_is_refused_from_its_size_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 200 MB file is refused from its stat: its bytes are never read."""
    root = repository(tmp_path / "repo")
    case_named("200 MB file (sparse)").make(root)
    assert (root / BAD).stat().st_size == 200 * 1024 * 1024

    def no_read(self: Path) -> bytes:
        raise AssertionError(f"read {self}")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(InputError) as err:
        load_document(root / BAD, BAD)
    assert err.value.problem.code == "LOAD005"


def test_symlink_out_of_the_repository_is_never_read(tmp_path: Path, spguard: Spguard) -> None:
    """The linked file outside holds a valid artifact of a new id: had it been followed, its
    id would show up in the report."""
    root = repository(tmp_path / "repo")
    case_named("symbolic link leading out of the repository").make(root)
    proc = spguard("lint", "--format", "json", "--no-cache", ".", cwd=root)
    assert "100109" not in proc.stdout
    proc = spguard("validate", "--format", "json", ".", cwd=root)
    assert "100109" not in proc.stdout


def test_symlinked_folder_is_not_walked(tmp_path: Path, spguard: Spguard) -> None:
    outside = tmp_path / "outside" / "Medication"
    outside.mkdir(parents=True)
    (outside / "100109.yaml").write_text(
        MEDICATION_YAML.replace("100101", "100109"), encoding="utf-8"
    )
    root = repository(tmp_path / "repo")
    (root / "central" / "Linked").symlink_to(outside)
    proc = spguard("validate", "--format", "json", ".", cwd=root)
    assert json.loads(proc.stdout)["summary"]["files"] == 1
    assert "100109" not in proc.stdout


def test_symlink_inside_the_repository_is_followed(tmp_path: Path, spguard: Spguard) -> None:
    root = repository(tmp_path / "repo")
    shutil.copy(root / MED / "100101.yaml", root / "elsewhere.yaml")
    (root / BAD).symlink_to(root / "elsewhere.yaml")
    proc = spguard("validate", "--format", "json", ".", cwd=root)
    codes = {f["code"] for f in json.loads(proc.stdout)["findings"]}
    assert "LOAD010" not in codes and "SCH003" in codes  # read, and its id collides


def test_document_is_the_rendering_of_the_cases() -> None:
    assert DOC.read_text(encoding="utf-8") == document(), "run: python -m tests.hostile_cases"


def test_readme_links_the_document() -> None:
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "docs/hostile-input.md" in readme
