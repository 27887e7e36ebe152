"""An artifact's place in a diff is its path below each side's folder (issue 14 item 13): two
copies of one tree, or a clean work tree against HEAD from any folder, have no differences;
a file that really moved is still ``moved``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import MEDICATION_YAML, Spguard


def _repo(root: Path) -> Path:
    (root / "central" / "Medication").mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    (root / "central" / "Medication" / "100101.yaml").write_text(MEDICATION_YAML)
    return root


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_two_copies_of_one_tree_have_no_differences(tmp_path: Path, spguard: Spguard) -> None:
    same1 = _repo(tmp_path / "same1")
    shutil.copytree(same1, tmp_path / "same2")
    proc = spguard("diff", "same1", "same2", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "diff: no differences\n")
    # also without a configuration file, and from inside one of them
    for side in (tmp_path / "same1", tmp_path / "same2"):
        (side / "spguard.yaml").unlink()
    assert spguard("diff", "same1", "same2", cwd=tmp_path).returncode == 0
    assert spguard("diff", ".", "../same2", cwd=tmp_path / "same1").returncode == 0


def test_a_clean_tree_against_head_from_a_subfolder_has_no_differences(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo")
    _git(repo, "init", "-qb", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "x")
    for folder in (repo, repo / "central", repo / "central" / "Medication"):
        proc = spguard("diff", "--git", "HEAD", ".", cwd=folder)
        assert (proc.returncode, proc.stdout) == (0, "diff: no differences\n"), folder


def test_a_file_that_moved_is_still_moved(tmp_path: Path, spguard: Spguard) -> None:
    old = _repo(tmp_path / "old")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / "central" / "Medication" / "100101.yaml").rename(
        new / "central" / "Medication" / "paracetamol.yaml"
    )
    proc = spguard("diff", "old", "new", cwd=tmp_path)
    assert proc.returncode == 1
    assert "moved (from central/Medication/100101.yaml)" in proc.stdout
    _git(new, "init", "-qb", "main")
    _git(new, "add", "-A")
    _git(new, "commit", "-qm", "x")
    _git(new, "mv", "central/Medication/paracetamol.yaml", "central/Medication/100101.yaml")
    proc = spguard("diff", "--git", "HEAD", ".", cwd=new / "central")
    assert proc.returncode == 1
    assert "moved (from HEAD:central/Medication/paracetamol.yaml)" in proc.stdout


def test_diff_reads_what_the_configuration_includes(tmp_path: Path, spguard: Spguard) -> None:
    """Issue 13 item 4: diff loads its sides as every command does, so a folder the
    configuration excludes is no part of either side, on disk and in git revisions."""
    old = _repo(tmp_path / "old")
    (old / "spguard.yaml").write_text(
        "rulesets: [medication]\nexclude: ['drafts/**']\n", encoding="utf-8"
    )
    (old / "drafts" / "Medication").mkdir(parents=True)
    draft = old / "drafts" / "Medication" / "100150.yaml"
    draft.write_text(MEDICATION_YAML.replace("100101", "100150"), encoding="utf-8")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / "drafts" / "Medication" / "100150.yaml").write_text("not: [an artifact", "utf-8")
    proc = spguard("diff", "old", "new", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "diff: no differences\n")
    _git(old, "init", "-qb", "main")
    _git(old, "add", "-A")
    _git(old, "commit", "-qm", "x")
    draft.unlink()
    proc = spguard("diff", "--git", "HEAD", ".", cwd=old)
    assert (proc.returncode, proc.stdout) == (0, "diff: no differences\n")
    # without the exclusion the same changes are seen on both paths
    for side in (old, new):
        (side / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    assert spguard("diff", "old", "new", cwd=tmp_path).returncode == 1
    assert "100150" in spguard("diff", "--git", "HEAD", ".", cwd=old).stdout
