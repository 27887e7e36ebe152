"""A release names one version everywhere: ``pyproject.toml``, ``spguard --version`` and the
newest release heading of ``CHANGELOG.md`` (Keep a Changelog)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from sp_config_guard.version import __version__
from tests.conftest import Spguard

PROJECT = Path(__file__).resolve().parents[1]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_version_is_the_changelogs_newest_release(spguard: Spguard) -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = RELEASE.findall(changelog)
    assert releases, "CHANGELOG.md has no release heading '## [X.Y.Z] - YYYY-MM-DD'"
    newest, _date = releases[0]
    assert project["version"] == __version__ == newest
    assert spguard("--version").stdout.split()[-1] == newest
    dates = [date for _version, date in releases]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{newest}]")
