"""Where a drift report comes from (#17 item 3) and its small-number bound (item 7): the time
in Copenhagen (``SOURCE_DATE_EPOCH`` honoured, so the same input gives the same bytes), the git
commit and branch read without running the repository's hooks, the tool's and rule sets'
versions and the fail-on; ``drift.min_variants`` and ``--min-variants``; all of it valid
against ``schemas/report.schema.json``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard import api
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.report.drift_report import document
from tests.conftest import REPRODUCIBLE_EPOCH, Spguard

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    run = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, env=env
    )
    return run.stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example in a git repository of its own, on branch ``drift-maaned``, with a
    post-checkout and a reference-transaction hook that would leave a mark if they ran."""
    root = tmp_path_factory.mktemp("repo") / "sp-config"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".spguard-cache"))
    git(root, "init", "-q", "-b", "drift-maaned")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-m", "example")
    for hook in ("post-checkout", "reference-transaction", "post-index-change"):
        path = root / ".git" / "hooks" / hook
        path.write_text(f"#!/bin/sh\ntouch '{root.parent}/{hook}-ran'\n", encoding="utf-8")
        path.chmod(0o755)
    return root


def schema_errors(doc: dict[str, Any]) -> list[str]:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema["$defs"]["driftReport"] | {"$defs": schema["$defs"]})
    found = [e.message for e in validator.iter_errors(doc)]
    if not found:
        assert Draft202012Validator(schema).is_valid(doc)  # and it is one of the report forms
    return found


def test_the_json_says_when_from_which_commit_and_with_what(
    repo: Path, spguard: Spguard, cache_in_tmp: None
) -> None:
    """Time (SOURCE_DATE_EPOCH, in Copenhagen with its offset), commit and branch, tool and
    rule-set versions, fail-on of drift and lint, the small-number bound; byte-identical in
    two runs; and no hook of the repository ran."""
    first = spguard("drift", "--format", "json", "--fail-on", "violation", ".", cwd=repo)
    second = spguard("drift", "--format", "json", "--fail-on", "violation", ".", cwd=repo)
    assert first.returncode == 1, first.stderr  # the example has violations
    assert first.stdout == second.stdout
    doc = json.loads(first.stdout)
    provenance = doc["provenance"]
    assert REPRODUCIBLE_EPOCH == "1767225600"
    assert provenance["generated_at"] == "2026-01-01T01:00:00+01:00"
    assert provenance["git"] == {"commit": git(repo, "rev-parse", "HEAD"), "branch": "drift-maaned"}
    assert provenance["tool"] == {"name": "spguard", "version": "0.1.0"}
    assert provenance["fail_on"] == {"drift": "violation", "lint": "error"}
    assert provenance["min_variants"] == 5
    names = [r["name"] for r in provenance["rulesets"]]
    assert names == sorted(names) and "medication" in names
    assert all(r["version"] == "2026.4" for r in provenance["rulesets"])
    assert schema_errors(doc) == []
    assert not list(repo.parent.glob("*-ran"))


def test_summer_time_has_its_own_offset(
    repo: Path, monkeypatch: pytest.MonkeyPatch, cache_in_tmp: None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782907200")  # 2026-07-01 12:00 UTC
    assert api.drift(repo).provenance.generated_at == "2026-07-01T14:00:00+02:00"


def test_a_detached_head_has_no_branch_and_a_tree_outside_git_no_commit(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_in_tmp: None
) -> None:
    detached = tmp_path / "detached"
    git(repo, "worktree", "add", "-q", "--detach", str(detached))
    provenance = document(api.drift(detached))["provenance"]
    assert provenance["git"] == {"commit": git(repo, "rev-parse", "HEAD"), "branch": None}
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLE, plain, ignore=shutil.ignore_patterns(".spguard-cache"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above it
    doc = document(api.drift(plain))
    assert doc["provenance"]["git"] is None
    assert schema_errors(doc) == []


@pytest.mark.parametrize("value", ["yesterday", "-5", "1e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_clear_error(
    value: str, spguard: Spguard, monkeypatch: pytest.MonkeyPatch, cache_in_tmp: None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    run = spguard("drift", "--format", "json", str(EXAMPLE))
    assert run.returncode == 2 and run.stdout == ""
    assert f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970-01-01" in (
        run.stderr
    )


def test_min_variants_comes_from_the_drift_section_or_the_flag(
    repo: Path, spguard: Spguard, cache_in_tmp: None
) -> None:
    config = repo / "spguard.yaml"
    before = config.read_text(encoding="utf-8") if config.exists() else ""
    try:
        config.write_text(before + "drift:\n  min_variants: 3\n", encoding="utf-8")
        shown = spguard("drift", "--format", "json", ".", cwd=repo)
        assert json.loads(shown.stdout)["provenance"]["min_variants"] == 3
        flagged = spguard("drift", "--format", "json", "--min-variants", "8", ".", cwd=repo)
        assert json.loads(flagged.stdout)["provenance"]["min_variants"] == 8
        zero = spguard("drift", "--min-variants", "0", ".", cwd=repo)
        assert zero.returncode == 2 and "--min-variants" in zero.stderr
        config.write_text(before + "drift:\n  min_variant: 3\n", encoding="utf-8")
        wrong = spguard("drift", ".", cwd=repo)
        assert wrong.returncode == 2
        assert "spguard.yaml" in wrong.stderr and "min_variant" in wrong.stderr
    finally:
        config.write_text(before, encoding="utf-8") if before else config.unlink()
