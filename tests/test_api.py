"""The Python API gives the same answers as the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sp_config_guard import api
from tests.conftest import Spguard

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def test_lint_matches_the_cli(spguard: Spguard) -> None:
    result = api.lint(TREE, today=date(2026, 11, 23), lang="en")
    cli = spguard("lint", TREE, "--today", "2026-11-23", "--lang", "en", "--format", "json")
    records = json.loads(cli.stdout)["findings"]
    assert sorted((f["code"], f["fingerprint"]) for f in records) == sorted(
        (f.code, f.fingerprint) for f in result.findings
    )
    assert result.failed("error") and cli.returncode == 1


def test_validate_drift_and_diff() -> None:
    assert api.validate(TREE).findings == []
    report = api.drift(TREE, today=date(2026, 11, 23))
    assert report.variants and any(d.cls == "violation" for d in report.deviations)
    same = api.diff(TREE, TREE)
    assert not same.changed
    assert api.configuration(TREE).root == TREE.resolve()
