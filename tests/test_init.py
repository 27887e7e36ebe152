"""``spguard init``: the scaffold works with no other step, its CI files are valid YAML naming
the right commands (and those commands run), and nothing is overwritten without --force."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from sp_config_guard import scaffold
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.waivers import load_waivers
from sp_config_guard.load.config import load_config
from sp_config_guard.scaffold.install import installed, source
from sp_config_guard.version import __version__
from tests.conftest import MEDICATION_YAML, Ran, Spguard, invoke_spguard

PROJECT = Path(__file__).resolve().parents[1]
LINT_GITHUB = (
    "spguard lint --format sarif --output spguard.sarif --format markdown --output lint.md "
    "--format text"
)
LINT_GITLAB = (
    "spguard lint --format gitlab --output gl-code-quality-report.json --format junit "
    "--output spguard-junit.xml --format text"
)
SCAFFOLD = [
    "spguard.yaml",
    "waivers.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/spguard.yml",
    ".gitlab-ci.yml",
    "central/README.md",
]


@pytest.fixture
def repo(tmp_path: Path, spguard: Spguard) -> Path:
    """A freshly scaffolded configuration repository."""
    proc = spguard("init", tmp_path / "x")
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "x"


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"]["spguard"]["steps"]
    return steps


def _run(command: str, cwd: Path) -> Ran:
    """A CI command line, ``spguard`` run in this process."""
    argv = shlex.split(command)
    assert argv[0] == "spguard"
    return invoke_spguard(*argv[1:], cwd=cwd)


def test_init_writes_the_scaffold_and_lint_and_validate_pass(
    tmp_path: Path, spguard: Spguard
) -> None:
    proc = spguard("init", tmp_path / "x")
    assert proc.returncode == 0, proc.stderr
    for rel in SCAFFOLD:
        assert (tmp_path / "x" / rel).is_file()
        assert f"/x/{rel}" in proc.stdout
    for command in ("lint", "validate"):
        run = spguard(command, cwd=tmp_path / "x")
        assert run.returncode == 0, run.stdout + run.stderr


def test_init_defaults_to_the_current_folder(tmp_path: Path, spguard: Spguard) -> None:
    proc = spguard("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    files = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert sorted(files) == sorted(SCAFFOLD)


def test_scaffold_checks_artifacts_from_anywhere_inside(repo: Path, spguard: Spguard) -> None:
    artifact = repo / "central" / "Medication" / "100101.yaml"
    artifact.parent.mkdir(parents=True)
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    for command, summary in (("lint", "lint: 1 file(s) checked"), ("validate", "1 file(s)")):
        run = spguard(command, cwd=repo / "central")  # spguard.yaml is found upward
        assert run.returncode == 0, run.stdout + run.stderr
        assert summary in run.stdout
    check = spguard("normalize", "--check", artifact.relative_to(repo), cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr


def test_spguard_yaml_is_valid_shows_every_key_and_is_read(repo: Path) -> None:
    schema = json.loads((PROJECT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    text = (repo / "spguard.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    for key in schema["properties"]:  # set, or commented out when its default is computed
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key
    config = load_config(repo)
    assert config.root == repo.resolve()
    assert config.file == repo.resolve() / "spguard.yaml"
    assert (config.standard, config.fail_on, config.rulesets) == ("central", "error", ())
    assert config.waivers == repo.resolve() / "waivers.yaml"
    assert config.baseline is None


def test_waivers_file_is_empty_and_its_example_is_a_valid_waiver(repo: Path) -> None:
    text = (repo / "waivers.yaml").read_text(encoding="utf-8")
    assert load_waivers(repo / "waivers.yaml", repo) == []
    example = [line[2:] for line in text.splitlines() if line.startswith("#   ")]
    assert example[0].lstrip().startswith("- id:")
    (repo / "example.yaml").write_text("waivers:\n" + "\n".join(example) + "\n", encoding="utf-8")
    (waiver,) = load_waivers(repo / "example.yaml", repo)
    assert (waiver.rule, waiver.artifacts) == ("MED003", ("180019",))


def test_github_workflow_names_the_right_commands(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "spguard.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"push", "pull_request"}
    assert workflow["permissions"]["security-events"] == "write"
    steps = _steps(workflow)
    runs = [step.get("run", "") for step in steps]
    assert "spguard validate" in runs
    assert LINT_GITHUB in runs
    assert runs.index("spguard validate") < runs.index(LINT_GITHUB)
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert f"pip install {installed().pip_args}" in runs  # where this spguard came from
    (upload,) = [
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    assert upload["with"]["sarif_file"] == "spguard.sarif"
    assert "always()" in upload["if"]
    (summary,) = [s for s in steps if s.get("run") == 'cat lint.md >> "$GITHUB_STEP_SUMMARY"']
    assert "always()" in summary["if"]
    (pr,) = [s for s in steps if "spguard diff" in s.get("run", "")]
    assert "pull_request" in pr["if"]
    assert 'spguard diff --git "origin/$BASE_REF...HEAD" --drift --format markdown' in pr["run"]
    assert pr["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_gitlab_ci_names_the_right_commands_and_reports(repo: Path) -> None:
    config = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    job = config["spguard"]
    assert job["script"] == ["spguard validate", LINT_GITLAB]
    assert job["before_script"] == [f"pip install {installed().pip_args}"]
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "spguard-junit.xml",
    }


def test_ci_lint_commands_write_the_reports_they_upload(repo: Path) -> None:
    artifact = repo / "central" / "Medication" / "100101.yaml"
    artifact.parent.mkdir(parents=True)
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    for command in ("spguard validate", LINT_GITHUB, LINT_GITLAB):
        run = _run(command, repo)
        assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads((repo / "spguard.sarif").read_text())["version"] == "2.1.0"
    assert "spguard" in (repo / "lint.md").read_text().lower()
    assert isinstance(json.loads((repo / "gl-code-quality-report.json").read_text()), list)
    assert (repo / "spguard-junit.xml").read_text().lstrip().startswith("<?xml")


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="git")
def test_github_pull_request_step_summarises_the_change(repo: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args: str) -> str:
        run = subprocess.run(
            ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
        )
        return run.stdout.strip()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "scaffold")
    git("update-ref", "refs/remotes/origin/main", "HEAD")  # what checkout fetches
    git("checkout", "-qb", "feature")
    artifact = repo / "central" / "Medication" / "100101.yaml"
    artifact.parent.mkdir(parents=True)
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "add a medication")
    # the base branch moves on after the fork: not the pull request's change
    git("checkout", "-q", "main")
    other = artifact.with_name("100102.yaml")
    other.parent.mkdir(parents=True)
    other.write_text(MEDICATION_YAML.replace("100101", "100102"), encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "meanwhile on main")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-q", "feature")
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "spguard.yml").read_text())
    (pr,) = [s for s in _steps(workflow) if "spguard diff" in s.get("run", "")]
    bin_dir = tmp_path / "bin"  # `spguard` as this interpreter runs it
    bin_dir.mkdir()
    (bin_dir / "spguard").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m sp_config_guard "$@"\n', encoding="utf-8"
    )
    (bin_dir / "spguard").chmod(0o755)
    summary = tmp_path / "summary.md"
    run = subprocess.run(
        ["bash", "-e", "-c", pr["run"]],
        cwd=repo,
        env={
            **env,
            "BASE_REF": "main",
            "GITHUB_STEP_SUMMARY": str(summary),
            "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    text = summary.read_text(encoding="utf-8")
    assert "100101" in text and "100102" not in text
    assert text.index("Compared with `origin/main`") < text.index("spguard diff")


def test_init_refuses_to_overwrite_without_force(repo: Path, spguard: Spguard) -> None:
    mine = "fail_on: warning\n"
    (repo / "spguard.yaml").write_text(mine, encoding="utf-8")
    (repo / "waivers.yaml").unlink()
    proc = spguard("init", repo)
    assert proc.returncode == 2
    assert "spguard.yaml" in proc.stderr and "--force" in proc.stderr
    assert (repo / "spguard.yaml").read_text(encoding="utf-8") == mine
    assert not (repo / "waivers.yaml").exists()  # nothing written when anything is in the way

    proc = spguard("init", repo, "--force")
    assert proc.returncode == 0, proc.stderr
    for rel, name in scaffold.FILES.items():
        assert (repo / rel).read_text(encoding="utf-8") == scaffold.render(name, "en")


def test_init_api_reports_what_is_in_the_way(tmp_path: Path) -> None:
    written = scaffold.init(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == list(scaffold.FILES)
    with pytest.raises(UsageError, match=r"\.gitlab-ci\.yml"):
        scaffold.init(tmp_path)
    (tmp_path / "spguard.yaml").unlink()
    (tmp_path / "spguard.yaml").mkdir()
    with pytest.raises(UsageError, match=r"spguard\.yaml"):
        scaffold.init(tmp_path, force=True)
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        scaffold.init(tmp_path / "file")


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_examples_ci_files_are_what_init_writes(name: str) -> None:
    """examples/ci/ shows the pipelines as `spguard init --install-from sp-config-guard==V`
    writes them (examples/ci/README.md says so)."""
    pinned = source(f"sp-config-guard=={__version__}")
    written = scaffold.render(name, "en", pinned).encode("utf-8")
    assert (PROJECT / "examples" / "ci" / name).read_bytes() == written
    assert b"@INSTALL@" not in written and f"sp-config-guard=={__version__}".encode() in written
