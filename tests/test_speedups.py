"""The hand-written fast paths sit behind one switch: ``SPGUARD_SPEEDUPS=0`` (or, by its old
name, ``SPGUARD_FAST_SCHEMA=0``) turns every one off, each then says "not mine" and the
library path runs, and every command's output is byte-identical either way."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sp_config_guard import speedups
from sp_config_guard.lint.checks import compile_path, find
from sp_config_guard.load.yamlio import compose, parse_yaml, positions
from sp_config_guard.speedups import ALIAS, SWITCH, canonical_yaml, table
from sp_config_guard.speedups import jsonpath as fast_jsonpath
from tests.conftest import Spguard

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
ARTIFACT = EXAMPLE / "central" / "OrderSet" / "304100290.yaml"


@pytest.mark.parametrize(
    ("env", "on"),
    [
        ({}, True),
        ({SWITCH: "0"}, False),
        ({SWITCH: " 0 "}, False),
        ({SWITCH: "1"}, True),
        ({ALIAS: "0"}, False),
        ({SWITCH: "1", ALIAS: "0"}, True),
        ({SWITCH: "0", ALIAS: "1"}, False),
    ],
)
def test_one_switch_with_the_old_name_as_alias(
    switch: Callable[..., None], env: dict[str, str], on: bool
) -> None:
    for name in (SWITCH, ALIAS):
        switch(env.get(name), name)
    assert speedups.enabled() is on


def test_switched_off_every_speedup_leaves_the_work_to_the_library(
    switch: Callable[..., None],
) -> None:
    text = ARTIFACT.read_text(encoding="utf-8")
    data = parse_yaml(text, "x.yaml")[0]
    assert fast_jsonpath.plan(compile_path("$..*")) is not None
    rows, headers = [["1:2", "error"]], ["where", "severity"]
    switch("1")
    assert canonical_yaml.parse_canonical(text) == parse_yaml(text, "x.yaml")[0]
    fast_positions = canonical_yaml.positions(text)
    assert fast_positions is not None and fast_positions == compose(text)
    assert table.simple(rows, headers) is not None
    found = find("$..*", data)
    switch("0")
    assert find("$..*", data) == found  # by the library now
    assert canonical_yaml.parse_canonical(text) is None
    assert canonical_yaml.positions(text) is None
    assert positions(text) == fast_positions  # from libyaml's events now
    assert table.simple(rows, headers) is None


COMMANDS = {
    "lint-text": ["lint", ".", "--format", "text"],
    "lint-json": ["lint", ".", "--format", "json"],
    "lint-sarif": ["lint", ".", "--format", "sarif"],
    "lint-markdown": ["lint", ".", "--format", "markdown"],
    "validate": ["validate", ".", "--format", "json"],
    "drift-json": ["drift", ".", "--format", "json"],
    "drift-text": ["drift", ".", "--format", "text"],
    "diff": ["diff", "central", "hovedstaden", "--format", "json"],
}


def test_outputs_are_byte_identical_with_the_speedups_on_and_off(
    tmp_path: Path, spguard: Spguard, switch: Callable[..., None]
) -> None:
    """Each command run with the switch on, then off (every speedup asks the switch on each
    call, and ``switch`` makes the next call read it again)."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns(".spguard-cache"))
    for name, args in COMMANDS.items():
        runs = []
        for value in ("1", "0"):
            switch(value)
            runs.append(spguard(*args, cwd=repo, env={"SPGUARD_NO_CACHE": "1"}))
        on, off = ((run.returncode, run.stdout, run.stderr) for run in runs)
        assert on[1], name
        assert on == off, name
