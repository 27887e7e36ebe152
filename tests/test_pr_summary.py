"""The pull-request summary (``lint``/``drift --base REV --format markdown``) on a real git
repository: a copy of the example committed on ``main`` (with its existing errors, one of them
MED003 on the morfin record 180019), and a branch ``pr`` that fixes the morfin dose and switches
the double check off on the high-alert potassium record 180009 (a new MED001 error). The
summary leads with the new finding, linked to its line, lists the fixed one and folds the old
ones away; its split agrees with two independent lint runs, one on a checkout of ``main``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sp_config_guard.report.compare import Links
from tests.conftest import Spguard
from tests.misuse_cases import git

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
MORFIN = "hovedstaden/hvidovre/1330100/Medication/180019.yaml"
KALIUM = "hovedstaden/rigshospitalet/1301041/Medication/180009.yaml"
DAY = ("--today", "2026-11-23")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example on ``main``, and the branch ``pr`` (checked out) with its two changes."""
    root = tmp_path_factory.mktemp("pr") / "sp-config"
    shutil.copytree(EXAMPLE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "switch", "-qc", "pr")
    morfin = (root / MORFIN).read_text(encoding="utf-8")
    assert "value: 20\n" in morfin
    (root / MORFIN).write_text(morfin.replace("value: 20\n", "value: 10\n", 1), encoding="utf-8")
    kalium = (root / KALIUM).read_text(encoding="utf-8")
    assert kalium.count("double_check: true") == 1
    (root / KALIUM).write_text(kalium.replace("double_check: true", "double_check: false"))
    git(root, "commit", "-qam", "Morfin 10 mg; kalium uden dobbeltkontrol")
    return root


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _sections(markdown: str, introduced: str, fixed: str, existing: str) -> list[str]:
    """The summary cut at its three headings, which come in this order."""
    starts = [markdown.index(heading) for heading in (introduced, fixed, existing)]
    assert starts == sorted(starts), markdown
    ends = [*starts[1:], len(markdown)]
    return [markdown[a:b] for a, b in zip(starts, ends, strict=True)]


def _rows(section: str) -> list[str]:
    return [line for line in section.splitlines() if line.startswith("| ") and "`" in line]


def _fingerprints(spguard: Spguard, cwd: Path) -> dict[str, tuple[str, str]]:
    ran = spguard("lint", "--format", "json", "--no-cache", *DAY, "--lang", "en", cwd=cwd)
    assert ran.returncode == 1, ran.stderr
    found = json.loads(ran.stdout)["findings"]
    return {f["fingerprint"]: (f["code"], f["file"]) for f in found}


def test_lint_summary_leads_with_the_new_error_and_folds_the_old(
    repo: Path, spguard: Spguard, tmp_path: Path
) -> None:
    ran = spguard("lint", "--base", "main", "--format", "markdown", *DAY, "--lang", "en", cwd=repo)
    assert ran.returncode == 1, ran.stderr  # judged as the tree is: it has errors
    new, fixed, old = _sections(
        ran.stdout, "### Introduced by this change", "### Fixed by this change", "<details>"
    )
    line = _line_of(repo / KALIUM, "double_check: false")
    assert _rows(new) == [next(row for row in _rows(new) if "MED001" in row)]  # the one new finding
    assert f"[`{KALIUM}:{line}`]({KALIUM}#L{line})" in new
    assert "(1)" in new.splitlines()[0]
    morfin = [row for row in _rows(fixed) if "MED003" in row]
    assert len(_rows(fixed)) == 1 and morfin and f"`{MORFIN}:" in morfin[0]
    assert "](" not in morfin[0]  # what was fixed is no longer at that line: no link
    assert old.lstrip().startswith("<details>") and "</details>" in old
    assert "sjaelland/holbaek-sygehus/3750011/Medication/180011.yaml" in old  # MED001 before
    assert KALIUM not in old and "MED003" not in old

    # the split is that of two independent runs: the branch and a checkout of main
    base = tmp_path / "main"
    git(repo, "worktree", "add", "-q", str(base), "main")
    try:
        before, after = _fingerprints(spguard, base), _fingerprints(spguard, repo)
    finally:
        git(repo, "worktree", "remove", "--force", str(base))
    assert [after[k] for k in after.keys() - before.keys()] == [("MED001", KALIUM)]
    assert [before[k] for k in before.keys() - after.keys()] == [("MED003", MORFIN)]
    shared = len(after.keys() & before.keys())
    assert f"({shared})" in old.splitlines()[1] and len(_rows(old)) == min(shared, 50)
    assert git(repo, "status", "--porcelain", "--untracked-files=no") == ""  # tree untouched


def test_drift_summary_splits_the_deviations(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", "--base", "main", "--format", "markdown", *DAY, "--lang", "en", cwd=repo)
    new, fixed, old = _sections(
        ran.stdout, "### Introduced by this change", "### Fixed by this change", "<details>"
    )
    line = _line_of(repo / KALIUM, "double_check: false")
    violation = next(row for row in _rows(new) if KALIUM in row)
    assert f"({KALIUM}#L{line})" in violation and "violation" in violation
    assert "double check: true -&gt; false" in violation
    was = git(repo, "show", f"main:{MORFIN}").splitlines()
    dose = next(
        n for n, text in enumerate(was, 1) if text.strip() == "value: 20"
    )  # the one changed
    assert any(f"({MORFIN}#L{dose})" in row and "5 mg -&gt; 10 mg" in row for row in _rows(new))
    assert [row for row in _rows(fixed) if "5 mg -&gt; 20 mg" in row]  # the old dose is gone
    assert "](" not in fixed
    assert KALIUM not in old
    json_run = spguard("drift", "--format", "json", *DAY, cwd=repo)
    deviations = json.loads(json_run.stdout)["deviations"]
    shared = len(deviations) - len(_rows(new))
    assert f"({shared})" in old.splitlines()[1]


def test_summary_in_danish(repo: Path, spguard: Spguard) -> None:
    for command in ("lint", "drift"):
        ran = spguard(
            command, "--base", "main", "--format", "markdown", *DAY, "--lang", "da", cwd=repo
        )
        assert "### Indført af denne ændring" in ran.stdout
        assert "### Rettet af denne ændring" in ran.stdout
        assert "<summary>Fandtes før (" in ran.stdout
        assert "Sammenlignet med `main`" in ran.stdout
        for english in ("Introduced", "Fixed by", "Existed before", "Compared with"):
            assert english not in ran.stdout


def test_links_go_to_the_commit_on_github_or_where_asked(repo: Path, spguard: Spguard) -> None:
    github = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "region-h/sp-config",
        "GITHUB_SHA": "0123abc",
    }
    ran = spguard("lint", "--base", "main", "--format", "markdown", *DAY, cwd=repo, env=github)
    assert f"(https://github.com/region-h/sp-config/blob/0123abc/{KALIUM}#L" in ran.stdout
    given = ("--link-base", "https://git.example/x/-/blob/HEAD")
    ran = spguard(
        "drift", "--base", "main", "--format", "markdown", *given, *DAY, cwd=repo, env=github
    )
    assert f"(https://git.example/x/-/blob/HEAD/{KALIUM}#L" in ran.stdout
    assert "github.com" not in ran.stdout


def test_links_are_relative_to_the_git_root_and_encoded() -> None:
    links = Links("config/", "")
    assert links.url("a/b c(1).yaml", 7) == "config/a/b%20c%281%29.yaml#L7"
    assert Links("", "https://h/blob/s").url("x).yaml", 2) == "https://h/blob/s/x%29.yaml#L2"
    hostile = Links("", "https://h/a b)[x](javascript:").url("f.yaml", 1)
    assert not re.search(r"[\s()]", hostile)


def test_config_in_a_folder_of_the_git_repository(tmp_path: Path, spguard: Spguard) -> None:
    top = tmp_path / "top"
    root = top / "sp"
    shutil.copytree(EXAMPLE, root)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "base")
    kalium = (root / KALIUM).read_text(encoding="utf-8")
    (root / KALIUM).write_text(kalium.replace("double_check: true", "double_check: false"))
    ran = spguard("lint", "--base", "main", "--format", "markdown", *DAY, cwd=root)
    new = ran.stdout.split("### Introduced by this change", 1)[1].split("<details>", 1)[0]
    assert f"](sp/{KALIUM}#L" in new  # uncommitted work is the tree; the link from git's root
    assert "### Fixed by this change" not in ran.stdout


def test_base_needs_markdown_and_a_revision(repo: Path, spguard: Spguard) -> None:
    ran = spguard("lint", "--base", "main", "--format", "text", cwd=repo)
    assert ran.returncode == 2 and "--format markdown" in ran.stderr
    ran = spguard("drift", "--base", "main", cwd=repo)
    assert ran.returncode == 2 and "--format markdown" in ran.stderr
    ran = spguard("lint", "--base", "no-such-branch", "--format", "markdown", cwd=repo)
    assert ran.returncode == 2 and "no-such-branch" in ran.stderr
    ran = spguard("lint", "--base", "main", "--changed", "--format", "markdown", cwd=repo)
    assert ran.returncode == 2 and "--changed" in ran.stderr


def test_base_outside_git_is_a_usage_error(tmp_path: Path, spguard: Spguard) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "copy")
    for command in ("lint", "drift"):
        ran = spguard(command, "--base", "main", "--format", "markdown", cwd=tmp_path / "copy")
        assert ran.returncode == 2 and "--base main compares with a git revision" in ran.stderr
        assert ran.stdout == ""


def test_diff_drift_lines_in_danish_name_the_classes(repo: Path, spguard: Spguard) -> None:
    ran = spguard("diff", "--git", "main..pr", "--drift", "--lang", "da", cwd=repo)
    assert "  - dobbeltkontrol: true -> false" in ran.stdout
    assert "    mod standarden: ny afvigelse: overtrædelse ved $.spec.double_check" in ran.stdout
    assert "violation" not in ran.stdout and "drift:" not in ran.stdout
    english = spguard("diff", "--git", "main..pr", "--drift", "--lang", "en", cwd=repo).stdout
    assert "    drift: new deviation: violation at $.spec.double_check" in english
