"""A configuration file found valid is read back from the cache by the digest of its bytes
(no YAML parsed, no schema loaded): any edit is read and checked again, an invalid edit fails
as it would without the cache, ``--no-cache`` reads the file, and the help never opens the
cache. The settings of ``SPGUARD_*`` variables are remembered the same way."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import Spguard
from tests.hostile_cases import repository
from tests.test_startup import started


def _stored(cache: Path) -> list[dict[str, object]]:
    with sqlite3.connect(cache / "cache-6.sqlite") as db:
        rows = db.execute("SELECT data FROM configs").fetchall()
    return [json.loads(zlib.decompress(data)) for (data,) in rows]  # stored compressed


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo")
    (root / "spguard.yaml").write_text("rulesets: [medication]\nfail_on: error\n", "utf-8")
    return root


def test_a_valid_configuration_is_remembered_and_an_edit_is_checked_again(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    env = {"SPGUARD_CACHE_DIR": str(tmp_path / "cache")}
    first = spguard("lint", "--format", "json", cwd=repo, env=env)
    assert first.returncode == 1, first.stderr
    assert {"rulesets": ["medication"], "fail_on": "error"} in _stored(tmp_path / "cache")
    assert spguard("lint", "--format", "json", cwd=repo, env=env).stdout == first.stdout
    # a typo: the cache has the old bytes' settings, never these
    (repo / "spguard.yaml").write_text("rulesets: [medication]\nfail_on: eror\n", "utf-8")
    bad = spguard("lint", cwd=repo, env=env)
    assert bad.returncode == 2 and "spguard.yaml" in bad.stderr and "fail_on" in bad.stderr
    # a valid edit takes effect: warnings now fail the run too
    (repo / "spguard.yaml").write_text("rulesets: [medication]\nfail_on: info\n", "utf-8")
    assert spguard("lint", cwd=repo, env=env).returncode == 1
    assert {"rulesets": ["medication"], "fail_on": "info"} in _stored(tmp_path / "cache")


def test_an_invalid_variable_fails_after_a_valid_one_was_remembered(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    env = {"SPGUARD_CACHE_DIR": str(tmp_path / "cache"), "SPGUARD_FAIL_ON": "warning"}
    assert spguard("lint", cwd=repo, env=env).returncode == 1
    assert {"fail_on": "warning", "lang": "en"} in _stored(tmp_path / "cache")
    bad = spguard("lint", cwd=repo, env={**env, "SPGUARD_FAIL_ON": "warnings"})
    assert bad.returncode == 2 and "SPGUARD_FAIL_ON" in bad.stderr


def test_a_warm_lint_parses_no_yaml_but_no_cache_and_help_do(repo: Path) -> None:
    """(In a fresh interpreter.) The second lint of one file reads the configuration back;
    with ``--no-cache`` the file is parsed (and its schema loaded); ``--help`` reads the
    language from the file itself and opens no cache."""
    target = sorted(repo.glob("central/Medication/*.yaml"))[0].relative_to(repo).as_posix()
    started(["lint", target], repo)
    warm = started(["lint", target], repo)[2]
    assert sorted(warm & {"yaml", "jsonschema_rs", "jsonschema"}) == []
    uncached = started(["lint", "--no-cache", target], repo)[2]
    assert {"yaml", "jsonschema_rs"} <= uncached
    # the help in the configuration's language (no SPGUARD_LANG), read without the cache
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPGUARD_")}
    env["SPGUARD_CACHE_DIR"] = str(repo / ".cache")
    script = "import sys; sys.argv[1:] = ['--help']; from sp_config_guard.cli import main\n"
    script += "try:\n    main()\nexcept SystemExit:\n    print(sorted(sys.modules))"
    (repo / "spguard.yaml").write_text("rulesets: [medication]\nlang: da\n", "utf-8")
    before = sorted((repo / ".cache").iterdir())
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=repo, env=env, capture_output=True, text=True
    )
    assert run.stdout.startswith("Brug:"), run.stdout + run.stderr
    assert "sp_config_guard.load.cache" not in run.stdout.splitlines()[-1]
    assert sorted((repo / ".cache").iterdir()) == before
