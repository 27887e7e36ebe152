"""Discovery on the real CLI: a path that does not exist is a usage error before anything is
read; the repository root is the nearest folder with a marker, else the folder given, never one
above it; nothing is written into a folder that is no repository; the root is never a kind
folder; validate reads what lint reads, with the same configuration; a file named that is no
artifact is reported by lint as by validate."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from sp_config_guard.errors import UsageError
from sp_config_guard.load.discovery import find_config
from tests.conftest import MEDICATION_YAML, Spguard
from tests.hostile_cases import MED, repository

MEMORY = 1024**3  # bytes of address space: a run that starts reading "/" fails, not the machine


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def test_a_missing_path_from_an_empty_folder_reads_nothing(tmp_path: Path) -> None:
    # Before: the root became "/", which was read whole (14 GB, then the kernel's OOM killer).
    missing = Path("/nonexistent-path")
    assert not missing.exists()
    empty = tmp_path / "scratch"
    empty.mkdir()
    # A fresh process, with its memory limited: a regression must die, not take the machine.
    proc = subprocess.run(
        [sys.executable, "-m", "sp_config_guard", "lint", str(missing)],
        cwd=empty,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
        preexec_fn=_limited,
        env={**os.environ, "SPGUARD_NO_CACHE": "1"},  # a regression must not write into "/"
    )
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
    assert proc.stderr == "spguard: error: no such file or folder: /nonexistent-path\n"
    assert _files(empty) == []


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "central/Medication/100101.yaml", "nope.yaml", "centrl"),
        ("validate", "nope.yaml", "centrl"),
        ("diff", "nope.yaml", "centrl"),
        ("normalize", "nope.yaml", "centrl"),
        ("drift", "centrl"),
        ("baseline", "create", "centrl"),
        ("baseline", "update", "centrl"),
        ("waivers", "check", "centrl"),
    ],
    ids=lambda args: " ".join(a for a in args if "." not in a),
)
def test_every_command_names_every_missing_path_and_writes_nothing(
    tmp_path: Path, spguard: Spguard, args: tuple[str, ...]
) -> None:
    repo = repository(tmp_path / "repo")
    (repo / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    before = _files(repo)
    proc = spguard(*args, cwd=repo)
    missing = ", ".join(a for a in args if a in ("nope.yaml", "centrl"))
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
    assert proc.stderr == f"spguard: error: no such file or folder: {missing}\n"
    assert _files(repo) == before  # no cache, no baseline, no report


def test_find_config_never_guesses_above_a_folder_without_a_marker(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / MED).mkdir(parents=True)
    (plain / MED / "100101.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    assert find_config(plain) == (plain.resolve(), None)
    assert find_config(plain / MED / "100101.yaml") == ((plain / MED).resolve(), None)
    with pytest.raises(UsageError, match=r"no such file or folder: .*/plain/nope"):
        find_config(plain / "nope")
    (tmp_path / ".git").mkdir()  # a marker above: that is the repository
    assert find_config(plain / MED) == (tmp_path.resolve(), None)
    # also for a path that is only in git revisions (diff --git A..B PATH)
    assert find_config(plain / "nope") == (tmp_path.resolve(), None)
    (plain / "pyproject.toml").write_text("[tool.spguard]\n", encoding="utf-8")
    assert find_config(plain / MED) == (plain.resolve(), plain.resolve() / "pyproject.toml")


def test_a_folder_without_a_marker_is_its_own_root(tmp_path: Path, spguard: Spguard) -> None:
    outer = tmp_path / "outer"
    (outer / MED).mkdir(parents=True)
    (outer / MED / "bad.yaml").write_text("kind: [\n", encoding="utf-8")  # must not be read
    inner = outer / "inner"
    (inner / MED).mkdir(parents=True)
    (inner / MED / "100101.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    for target in (inner, inner / MED / "100101.yaml"):
        proc = spguard("-v", "lint", target, cwd=outer)
        root = inner if target.is_dir() else inner / MED
        assert f"repository root {root.resolve()};" in proc.stderr
        assert "bad.yaml" not in proc.stdout + proc.stderr
        assert "lint: 1 file(s) checked, 0 error(s)" in proc.stdout


def test_no_cache_is_written_into_a_folder_without_a_marker(
    tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPGUARD_NO_CACHE", raising=False)
    monkeypatch.delenv("SPGUARD_CACHE_DIR", raising=False)
    plain = tmp_path / "plain"
    (plain / MED).mkdir(parents=True)
    (plain / MED / "100101.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    for args in (("lint", plain), ("drift", plain), ("lint", plain / MED / "100101.yaml")):
        assert spguard(*args, cwd=tmp_path).returncode == 0
    assert _files(tmp_path) == [
        "plain",
        "plain/central",
        "plain/central/Medication",
        "plain/central/Medication/100101.yaml",
    ]
    # a repository gets its cache at its root, also when a subfolder is linted or drifted
    repo = repository(tmp_path / "repo")
    for args in (("drift", "Medication"), ("lint", "Medication")):
        spguard(*args, cwd=repo / "central")
    assert [p for p in _files(repo) if ".spguard-cache" in p][:1] == [".spguard-cache"]
    assert not (repo / "central" / ".spguard-cache").exists()
    # a cache folder named in the environment is used, marker or not
    elsewhere = tmp_path / "cache"
    spguard("lint", plain, cwd=tmp_path, env={"SPGUARD_CACHE_DIR": str(elsewhere)})
    assert elsewhere.is_dir()


@pytest.mark.parametrize("name", ["SPConfig", "H"])
def test_a_repository_named_like_a_kind_folder_is_no_kind_folder(
    tmp_path: Path, spguard: Spguard, name: str
) -> None:
    repo = repository(tmp_path / name)
    outside = tmp_path / "outside"
    outside.mkdir()
    for cwd, target in ((repo, None), (outside, repo), (repo / MED, Path("."))):
        where = () if target is None else (target,)
        proc = spguard("validate", *where, cwd=cwd)
        assert proc.stdout == "validate: 1 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"
        proc = spguard("lint", *where, cwd=cwd)
        assert "LOAD007" not in proc.stdout and "spguard.yaml" not in proc.stdout
        assert "lint: 1 file(s) checked" in proc.stdout


def test_validate_reads_the_configuration_and_places_files_from_the_root(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = repository(tmp_path / "repo")
    (repo / MED / "draft.yaml").write_text("kind: [\n", encoding="utf-8")
    (repo / "spguard.yaml").write_text(
        "rulesets: [medication]\nexclude: ['central/Medication/draft.yaml']\n", encoding="utf-8"
    )
    clean = "validate: 1 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"
    for cwd in (repo, repo / "central", repo / MED):
        assert spguard("validate", cwd=cwd).stdout == clean  # no SCH004 from a subfolder
    assert spguard("validate", repo, cwd=tmp_path).stdout == clean
    # a file in the wrong place is still found, by its place relative to the root
    misplaced = repo / "sjaelland" / "central" / "Medication" / "100102.yaml"
    misplaced.parent.mkdir(parents=True)
    misplaced.write_text(MEDICATION_YAML.replace("100101", "100102"), encoding="utf-8")
    proc = spguard("validate", "../sjaelland", cwd=repo / "central")
    assert "SCH004 by its kind, scope and id this file belongs at .../central/Medication/" in (
        proc.stdout
    )
    assert proc.stdout.count("SCH004") == 1
    # given files, validate reads only those (pre-commit), never the whole repository
    assert spguard("validate", f"{MED}/100101.yaml", cwd=repo).stdout == clean


def test_a_file_named_that_the_configuration_excludes_is_never_counted_as_checked(
    tmp_path: Path, spguard: Spguard
) -> None:
    """A broken file the configuration excludes, named (as pre-commit names it), is not read,
    and the summary does not claim it was: lint said "1 file(s) checked, 0 error(s)"."""
    repo = repository(tmp_path / "repo")
    (repo / MED / "draft.yaml").write_text("kind: [\n", encoding="utf-8")
    (repo / "spguard.yaml").write_text(
        "rulesets: [medication]\nexclude: ['central/Medication/draft.yaml']\n", encoding="utf-8"
    )
    for command in ("lint", "validate"):
        proc = spguard(command, f"{MED}/draft.yaml", cwd=repo)
        assert proc.stdout.splitlines()[-1].startswith(f"{command}: 0 file(s) checked"), command
        assert proc.returncode == 0, proc.stdout
        assert "LOAD" not in proc.stdout
        both = spguard(command, f"{MED}/draft.yaml", f"{MED}/100101.yaml", cwd=repo)
        assert f"{command}: 1 file(s) checked" in both.stdout


def test_validate_reads_every_folder_named(tmp_path: Path, spguard: Spguard) -> None:
    for tree, id_ in (("a", "100101"), ("b", "100102")):
        (tmp_path / tree / MED).mkdir(parents=True)
        text = MEDICATION_YAML.replace("100101", id_)
        (tmp_path / tree / MED / f"{id_}.yaml").write_text(text, encoding="utf-8")
    proc = spguard("validate", "a", "b", cwd=tmp_path)
    assert proc.stdout == "validate: 2 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"


@pytest.mark.parametrize("place", ["notes.yaml", "central/notes.yaml", f"{MED}/notes.yaml"])
def test_a_file_named_that_is_no_artifact_is_load007_in_lint_as_in_validate(
    tmp_path: Path, spguard: Spguard, place: str
) -> None:
    repo = repository(tmp_path / "repo")
    (repo / place).write_text("title: my notes\n", encoding="utf-8")
    expected = f"::error file={place},line=1,col=1,title=LOAD007::has no 'kind'"
    for command in ("lint", "validate"):
        proc = spguard(command, "--format", "github", place, cwd=repo)
        assert proc.returncode == 1
        assert proc.stdout.startswith(expected), proc.stdout
