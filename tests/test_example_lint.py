"""The shipped rule sets on the example repository: linting ``examples/sp-config`` reports exactly
the planted deviations that are rule matters (``examples/planted.yaml``), each with its rule code,
in its file, at its line, and nothing else: no finding on a legitimate difference or a clean
variant. Lines are computed from the canonical files, so no line number is written down here."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonpath_rfc9535 as jsonpath
import pytest
import yaml

from sp_config_guard.lint.engine import LintSettings, lint
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.result import Finding
from tests.conftest import Spguard

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TREE = EXAMPLES / "sp-config"
TODAY = date(2026, 11, 23)
PLANTED: dict[str, Any] = yaml.safe_load((EXAMPLES / "planted.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.usefixtures("cache_in_tmp")
RULE_MATTERS = [p for p in PLANTED["planted"] if p["matter"] in ("rule", "both")]

Place = tuple[str, str, int]  # rule code, file relative to the tree, line


@cache
def _findings() -> tuple[Finding, ...]:
    settings = LintSettings(paths=[TREE], rules=load_rules([]), root=TREE, today=TODAY)
    return tuple(lint(settings).findings)


def _expected(entry: dict[str, Any]) -> tuple[Place, str]:
    """Where the planted entry's finding must be: (code, file, line) and its JSON path."""
    path = entry.get("finding_path", entry["path"])
    text = (TREE / entry["file"]).read_text(encoding="utf-8")
    (data,) = parse_yaml(text, entry["file"])
    nodes = jsonpath.compile(path).find(data)
    assert len(nodes) == 1, f"{entry['id']}: {path} selects {len(nodes)} nodes in {entry['file']}"
    line, _ = position(text, list(nodes[0].location))
    return (entry["rule_code"], entry["file"], line), path


def test_every_rule_matter_names_the_rule_that_reports_it() -> None:
    codes = {rule.code for rule in load_rules([])}
    assert RULE_MATTERS
    for entry in RULE_MATTERS:
        assert entry.get("rule_code") in codes, entry["id"]
    for entry in PLANTED["planted"]:
        if entry["matter"] == "drift":
            assert "rule_code" not in entry and "finding_path" not in entry, entry["id"]


def test_lint_reports_exactly_the_planted_rule_matters() -> None:
    got = Counter((f.code, f.file, f.line) for f in _findings())
    expected = Counter(_expected(entry)[0] for entry in RULE_MATTERS)
    assert got == expected
    got_paths = sorted((f.code, f.file, f.path) for f in _findings())
    want_paths = sorted(
        (entry["rule_code"], entry["file"], _expected(entry)[1]) for entry in RULE_MATTERS
    )
    assert got_paths == want_paths


def test_no_finding_on_clean_variants_or_legitimate_differences() -> None:
    planted_files = {entry["file"] for entry in PLANTED["planted"]}
    quiet = {entry["file"] for entry in PLANTED["clean"]}
    quiet |= {entry["file"] for entry in PLANTED["legitimate"]} - planted_files
    assert quiet
    assert all((TREE / name).is_file() for name in quiet)
    assert [f for f in _findings() if f.file in quiet] == []


def test_cli_fails_and_names_every_planted_rule(spguard: Spguard) -> None:
    run = spguard("lint", "examples/sp-config", "--today", "2026-11-23", cwd=ROOT)
    assert run.returncode == 1, run.stdout + run.stderr
    for code in sorted({entry["rule_code"] for entry in RULE_MATTERS}):
        assert code in run.stdout, code
