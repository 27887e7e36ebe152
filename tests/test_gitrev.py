"""Git revisions on real repositories: ``REV``, ``A..B`` and ``A...B`` as git reads them, and
every git failure named (the revision, the folder, what to do) with exit code 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.errors import UsageError
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.loader import Document
from tests.conftest import MEDICATION_YAML, Spguard
from tests.hostile_cases import repository
from tests.misuse_cases import diverged, git, shallow_clone

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The diverged history of :func:`tests.misuse_cases.diverged`."""
    root = repository(tmp_path / "repo")
    diverged(root)
    return root


def _changes(spguard: Spguard, repo: Path, spec: str) -> dict[str, Any]:
    proc = spguard("diff", "--git", spec, "--format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    return {a["id"]: (a["status"], [c["path"] for c in a["changes"]]) for a in doc["artifacts"]}


def test_three_dots_show_what_b_changed_since_it_left_a(repo: Path, spguard: Spguard) -> None:
    # main's 100102, added after the fork, is not feature's change
    assert _changes(spguard, repo, "main...feature") == {
        "100101": ("modified", ["$.name", "$.spec.strength.value"]),
    }
    # as git diff main...feature
    assert git(repo, "diff", "--name-only", "main...feature").split() == [
        "central/Medication/100101.yaml"
    ]


def test_two_dots_compare_the_two_commits(repo: Path, spguard: Spguard) -> None:
    assert _changes(spguard, repo, "main..feature") == {
        "100101": ("modified", ["$.name", "$.spec.strength.value"]),
        "100102": ("removed", []),
    }
    # a missing side is HEAD (main), as in git
    assert _changes(spguard, repo, "..feature") == _changes(spguard, repo, "main..feature")
    assert _changes(spguard, repo, "feature...") == {"100102": ("added", [])}


def test_one_revision_compares_with_the_work_tree(repo: Path, spguard: Spguard) -> None:
    medication = repo / "central" / "Medication"
    (medication / "100102.yaml").unlink()
    (medication / "100103.yaml").write_text(
        MEDICATION_YAML.replace("100101", "100103"), encoding="utf-8"
    )
    assert _changes(spguard, repo, "main") == {
        "100102": ("removed", []),
        "100103": ("added", []),
    }
    assert spguard("diff", "--git", "HEAD~1", cwd=repo).returncode == 1
    git(repo, "checkout", "-q", ".")
    git(repo, "clean", "-qfd")
    proc = spguard("diff", "--git", "HEAD", cwd=repo)
    assert (proc.returncode, proc.stdout.strip()) == (0, "diff: no differences")


@pytest.mark.parametrize("spec", ["main..nope", "nope...main", "nope", "HEAD~9"])
def test_an_unknown_revision_is_named(repo: Path, spguard: Spguard, spec: str) -> None:
    proc = spguard("diff", "--git", spec, cwd=repo)
    name = "HEAD~9" if spec == "HEAD~9" else "nope"
    assert proc.returncode == 2
    assert f"unknown revision '{name}'" in proc.stderr and "git branch -a" in proc.stderr


@pytest.mark.parametrize("spec", ["", "..", "...", "a..b..c", "main....feature", "main..feature."])
def test_a_malformed_range_is_a_usage_error(repo: Path, spguard: Spguard, spec: str) -> None:
    proc = spguard("diff", "--git", spec, cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"spguard: error: malformed revision range {spec!r}: give REV, A..B or A...B"
    )


def test_a_shallow_clone_says_to_fetch_more_history(tmp_path: Path, spguard: Spguard) -> None:
    clone = repository(tmp_path / "clone")
    shallow_clone(clone)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    proc = spguard("diff", "--git", "main...origin/feature", cwd=clone)
    assert proc.returncode == 2
    assert "main...origin/feature" in proc.stderr and "fetch-depth: 0" in proc.stderr
    # both tips are there: two dots need no history
    proc = spguard("diff", "--git", "main..origin/feature", cwd=clone)
    assert proc.returncode == 1, proc.stderr
    git(clone, "fetch", "-q", "--unshallow")
    proc = spguard("diff", "--git", "main...origin/feature", cwd=clone)
    assert proc.returncode == 1, proc.stderr
    assert "100102" not in proc.stdout and "100101" in proc.stdout


def test_a_folder_outside_git_is_named(tmp_path: Path, spguard: Spguard) -> None:
    plain = repository(tmp_path / "plain")
    proc = spguard("diff", "--git", "HEAD", plain, cwd=tmp_path)
    assert proc.returncode == 2
    first, second = proc.stderr.splitlines()
    assert first.startswith(f"spguard: error: {plain} is not in a git work tree; ")
    assert second.startswith("  git: ")


def test_git_missing_from_path(repo: Path, tmp_path: Path, spguard: Spguard) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = spguard("diff", "--git", "main...feature", cwd=repo, env={"PATH": str(empty)})
    assert proc.returncode == 2
    assert proc.stderr.startswith("spguard: error: git is not installed or not on PATH; ")


# -- the history of a standard (drift's stale check) ------------------------------------------


STANDARD = "central/Medication/100101.yaml"


def _history_of_a_standard(root: Path) -> Path:
    """A standard at revisions 2024.1, 2024.2, deleted, then back at 2024.3."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    standard = root / STANDARD
    standard.parent.mkdir(parents=True)
    for revision in ("2024.1", "2024.2"):
        standard.write_text(f'revision: "{revision}"\n{MEDICATION_YAML}', encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-qm", revision)
    git(root, "rm", "-q", str(standard))
    git(root, "commit", "-qm", "withdrawn")
    standard.parent.mkdir(parents=True)
    standard.write_text(f'revision: "2024.3"\n{MEDICATION_YAML}', encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "2024.3")
    return standard


def _doc(path: Path) -> Document:
    return Document(path, path.name, None, {})


def test_standard_at_revision_reads_through_a_deletion(tmp_path: Path) -> None:
    standard = _history_of_a_standard(tmp_path / "repo")
    found = standard_at_revision(_doc(standard), "2024.1")
    assert found is not None and found["revision"] == "2024.1"
    assert standard_at_revision(_doc(standard), "2023.9") is None  # never in the history


def test_standard_at_revision_outside_git_is_none(tmp_path: Path) -> None:
    standard = tmp_path / "100101.yaml"
    standard.write_text(MEDICATION_YAML, encoding="utf-8")
    assert standard_at_revision(_doc(standard), "2024.1") is None


def test_standard_at_revision_in_a_shallow_clone_says_to_fetch(tmp_path: Path) -> None:
    _history_of_a_standard(tmp_path / "origin")
    git(tmp_path, "clone", "-q", "--depth", "1", (tmp_path / "origin").as_uri(), "clone")
    standard = tmp_path / "clone" / STANDARD
    assert standard_at_revision(_doc(standard), "2024.3") is not None
    with pytest.raises(UsageError, match=r"'2024\.1'.*fetch-depth: 0"):
        standard_at_revision(_doc(standard), "2024.1")
    # a file added after the clone's boundary has all of its history: no such revision
    added = tmp_path / "clone" / "central" / "Medication" / "100102.yaml"
    added.write_text(f'revision: "2024.1"\n{MEDICATION_YAML}', encoding="utf-8")
    git(tmp_path / "clone", "add", "-A")
    git(tmp_path / "clone", "commit", "-qm", "a new standard")
    assert standard_at_revision(_doc(added), "2023.9") is None
