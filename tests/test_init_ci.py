"""The files ``spguard init`` writes work as written: valid under GitHub's and GitLab's own
schemas (vendored in tests/fixtures/ci-schemas/), in Danish as in English, installing spguard
from the source ``--install-from`` names (or the one this spguard came from, PEP 610), and their
shell steps pass when run in a real git repository with spguard installed the way they say."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from sp_config_guard import scaffold
from sp_config_guard.errors import UsageError
from sp_config_guard.load.config import load_config
from sp_config_guard.scaffold import install
from sp_config_guard.scaffold.install import InstallSource, source
from sp_config_guard.version import __version__
from tests.conftest import MEDICATION_YAML, Spguard

PROJECT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "fixtures" / "ci-schemas"
CI_FILES = {
    ".github/workflows/spguard.yml": "github-workflow.json",
    ".gitlab-ci.yml": "gitlab-ci.json",
}
GIT_SOURCE = "git+https://git.regionh.dk/cimt/sp-config-guard.git@v0.1.0"


class _Yaml12(yaml.SafeLoader):
    """YAML as GitHub and GitLab read it (1.2 core): ``on``, ``yes`` and ``no`` are strings."""


_BOOL = "tag:yaml.org,2002:bool"
_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)  # a SafeLoader


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("spec", [None, GIT_SOURCE, "https://pypi.regionh.dk/simple"])
def test_ci_files_pass_their_official_schemas(
    tmp_path: Path, spguard: Spguard, lang: str, spec: str | None
) -> None:
    args = ["--install-from", spec] if spec else []
    run = spguard("init", tmp_path, "--lang", lang, *args)
    assert run.returncode == 0, run.stderr
    for rel, schema in CI_FILES.items():
        validator = Draft7Validator(json.loads((SCHEMAS / schema).read_text(encoding="utf-8")))
        errors = [e.message for e in validator.iter_errors(_load(tmp_path / rel))]
        assert errors == [], rel
    for rel in scaffold.FILES:
        assert "@" + "INSTALL@" not in (tmp_path / rel).read_text(encoding="utf-8")


def test_the_schemas_catch_a_broken_pipeline(tmp_path: Path) -> None:
    """The vendored schemas are strict enough to fail the mistakes a hand edit makes."""
    scaffold.init(tmp_path)
    workflow = _load(tmp_path / ".github/workflows/spguard.yml")
    workflow["jobs"]["spguard"]["steps"][2]["runs"] = workflow["jobs"]["spguard"]["steps"][2].pop(
        "run"
    )
    gitlab = _load(tmp_path / ".gitlab-ci.yml")
    gitlab["spguard"]["artifacts"]["when"] = "sometimes"
    for data, schema in ((workflow, "github-workflow.json"), (gitlab, "gitlab-ci.json")):
        validator = Draft7Validator(json.loads((SCHEMAS / schema).read_text(encoding="utf-8")))
        assert list(validator.iter_errors(data)), schema


def _without_names(data: Any) -> Any:
    """``data`` without the human words: step and hook names, comments in shell scripts."""
    if isinstance(data, dict):
        return {k: _without_names(v) for k, v in data.items() if k != "name" or "hooks" in data}
    if isinstance(data, list):
        return [_without_names(item) for item in data]
    if isinstance(data, str):
        return "\n".join(line for line in data.split("\n") if not line.strip().startswith("#"))
    return data


def test_danish_templates_say_the_same_as_the_english(tmp_path: Path) -> None:
    pinned = source(f"sp-config-guard=={__version__}")
    for name in scaffold.FILES.values():
        en, da = (scaffold.render(name, lang, pinned) for lang in ("en", "da"))
        assert en != da, name  # translated, not copied
        if name.endswith(".md"):
            continue
        english, danish = yaml.safe_load(en), yaml.safe_load(da)
        if name == "spguard.yaml":
            assert (english.pop("lang"), danish.pop("lang")) == ("en", "da")
        assert _without_names(danish) == _without_names(english), name
        assert len(da.splitlines()) >= len(en.splitlines()) - 2, name  # no comment left out


def test_init_lang_da_sets_lang_in_the_configuration(
    tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = spguard("init", tmp_path, "--lang", "da")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("skrev ")
    monkeypatch.delenv("SPGUARD_LANG")
    assert load_config(tmp_path).lang == "da"
    workflow = _load(tmp_path / ".github/workflows/spguard.yml")
    assert workflow["jobs"]["spguard"]["steps"][2]["name"] == "Installér spguard"
    lint = spguard("lint", tmp_path, env={"SPGUARD_LANG": None})
    assert "kontrolleret" in lint.stdout  # the configuration's language, not the locale's


@pytest.mark.parametrize(
    ("spec", "pip_args", "repo", "rev"),
    [
        (GIT_SOURCE, f"'sp-config-guard @ {GIT_SOURCE}'", GIT_SOURCE[4:-7], "v0.1.0"),
        (
            "git+ssh://git@git.regionh.dk/cimt/sp-config-guard.git@3f2a9c1",
            "'sp-config-guard @ git+ssh://git@git.regionh.dk/cimt/sp-config-guard.git@3f2a9c1'",
            "ssh://git@git.regionh.dk/cimt/sp-config-guard.git",
            "3f2a9c1",
        ),
        (
            "https://pypi.regionh.dk/simple",
            f"--index-url https://pypi.regionh.dk/simple sp-config-guard=={__version__}",
            install._REPO,
            f"v{__version__}",
        ),
        (
            "https://files.regionh.dk/sp_config_guard-0.1.0-py3-none-any.whl",
            "'sp-config-guard @ https://files.regionh.dk/sp_config_guard-0.1.0-py3-none-any.whl'",
            install._REPO,
            f"v{__version__}",
        ),
        ("sp-config-guard==0.1.0", "sp-config-guard==0.1.0", install._REPO, f"v{__version__}"),
    ],
)
def test_install_sources(spec: str, pip_args: str, repo: str, rev: str) -> None:
    assert source(spec) == InstallSource(pip_args, repo, rev, local=False)


def test_install_from_a_folder_or_a_wheel_in_the_repository(tmp_path: Path) -> None:
    wheel = tmp_path / "vendor" / "sp_config_guard-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"")
    assert source(str(wheel), root=tmp_path).pip_args == "./vendor/" + wheel.name
    assert not source(str(wheel), root=tmp_path).local  # the repository carries it
    outside = source(str(PROJECT), root=tmp_path)
    assert outside.local and outside.pip_args == PROJECT.as_posix()


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("git+https://git.regionh.dk/cimt/sp-config-guard.git", "git+URL@TAG"),
        ("/no/such/folder", "no such folder"),
        ("README.md", "no such folder, wheel"),
        ("  ", "is empty"),
    ],
)
def test_install_sources_that_cannot_work_are_refused(
    spec: str, words: str, tmp_path: Path, spguard: Spguard
) -> None:
    with pytest.raises(UsageError, match=words.replace("+", r"\+")):
        source(spec, root=PROJECT)
    run = spguard("init", tmp_path / "x", "--install-from", spec, cwd=PROJECT)
    assert run.returncode == 2 and words in run.stderr
    assert not (tmp_path / "x").exists()  # nothing written


def _distribution(tmp_path: Path, direct_url: dict[str, Any] | None) -> metadata.Distribution:
    """A real installed distribution's metadata folder, with ``direct_url.json`` (PEP 610)."""
    info = tmp_path / f"sp_config_guard-{__version__}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: sp-config-guard\nVersion: {__version__}\n", encoding="utf-8"
    )
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url), encoding="utf-8")
    return metadata.PathDistribution(info)


@pytest.mark.parametrize(
    ("direct_url", "pip_args", "local"),
    [
        (
            {
                "url": "https://git.regionh.dk/cimt/sp-config-guard.git",
                "vcs_info": {"vcs": "git", "commit_id": "9f0c2e7", "requested_revision": "v0.1.0"},
            },
            "'sp-config-guard @ git+https://git.regionh.dk/cimt/sp-config-guard.git@9f0c2e7'",
            False,
        ),
        (
            {"url": "https://files.regionh.dk/sp_config_guard-0.1.0.tar.gz", "archive_info": {}},
            "'sp-config-guard @ https://files.regionh.dk/sp_config_guard-0.1.0.tar.gz'",
            False,
        ),
        ({"url": PROJECT.as_uri(), "dir_info": {}}, PROJECT.as_posix(), True),
        (None, f"sp-config-guard=={__version__}", False),  # from an index: no direct_url.json
    ],
)
def test_default_source_is_where_this_spguard_came_from(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    direct_url: dict[str, Any] | None,
    pip_args: str,
    local: bool,
) -> None:
    found = _distribution(tmp_path, direct_url)
    monkeypatch.setattr(install.metadata, "distribution", lambda name: found)
    chosen = install.installed()
    assert (chosen.pip_args, chosen.local) == (pip_args, local)


def test_a_local_default_source_gets_a_note(tmp_path: Path, spguard: Spguard) -> None:
    run = spguard("init", tmp_path, "--install-from", str(PROJECT))
    assert run.returncode == 0
    assert "exists only on this machine" in run.stderr and "--install-from" in run.stderr
    quiet = spguard("init", tmp_path, "--force", "-q", "--install-from", str(PROJECT))
    assert quiet.returncode == 0 and quiet.stderr == ""


# -- the steps, run ------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _shell(command: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="git")
def test_the_ci_steps_pass_when_run_as_written(tmp_path: Path, spguard: Spguard) -> None:
    """Every ``run:``/``script:`` line of both pipelines, in a fresh venv where the install step
    itself installs spguard (from this checkout, as ``--install-from`` says), in a repository
    with a pull request on a branch."""
    repo = tmp_path / "repo"
    assert spguard("init", repo, "--install-from", str(PROJECT), "-q").returncode == 0
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPGUARD_", "VIRTUAL_ENV"))}
    env |= {"PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env |= {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "BASE_REF": "main"}
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "scaffold")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-qb", "feature")
    artifact = repo / "central" / "Medication" / "100101.yaml"
    artifact.parent.mkdir(parents=True)
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "add a medication")

    workflow = _load(repo / ".github/workflows/spguard.yml")
    github = [step["run"] for step in workflow["jobs"]["spguard"]["steps"] if "run" in step]
    job = _load(repo / ".gitlab-ci.yml")["spguard"]
    gitlab = [*job["before_script"], *job["script"]]
    assert github[0].startswith("pip install ") and gitlab[0] == github[0]
    for command in [*github, *gitlab]:
        ran = _shell(command, repo, env)
        assert ran.returncode == 0, f"{command}\n{ran.stdout}\n{ran.stderr}"
    installed = bin_dir / "spguard"
    assert installed.exists()  # the install step put spguard in the venv, not this one
    version = _shell("spguard --version", repo, env)
    assert __version__ in version.stdout and sys.prefix != str(env_dir)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "100101" in summary  # the pull request's change, in the job summary
    for report in ("spguard.sarif", "lint.md", "gl-code-quality-report.json", "spguard-junit.xml"):
        assert (repo / report).is_file(), report
