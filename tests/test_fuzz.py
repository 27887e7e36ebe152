"""The fuzz harness (``python -m bench.fuzz``): a short bounded run of every target, and every
crash it has found kept as a regression case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.fuzz import TARGETS, check_one, fuzz
from sp_config_guard.errors import InputError
from sp_config_guard.normalize.importers import ReadOptions
from sp_config_guard.normalize.importers import get as importer

# (target, input) of every crash fuzzing found, fixed since
FOUND = [
    # expat raised LookupError for an encoding it does not know
    ("xml", b'<?xml version="" encoding="A"?>'),
    ("xml", b'<?xml version="1.0" encoding="utf-16"?><a/>'),
]


@pytest.mark.parametrize(("target", "data"), FOUND)
def test_found_crashes_stay_fixed(tmp_path: Path, target: str, data: bytes) -> None:
    check_one(target, data, tmp_path)  # raises on anything but our own errors


def test_xml_with_an_unknown_encoding_is_a_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="no-such-codec"?><Export/>')
    with pytest.raises(InputError) as err:
        importer("xml")(path, "export.xml", ReadOptions())
    assert (err.value.problem.code, err.value.problem.line) == ("LOAD006", 1)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_short_fuzz_run(target: str) -> None:
    """Three seeded rounds (300 inputs) per target, the same on every machine: any other
    exception or a hang fails with the input (``python -m bench.fuzz`` runs for longer)."""
    assert fuzz(target, seconds=0, seed=7, rounds=3) == 300


def test_command_line_prints_executions() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.fuzz", "json", "--seconds", "0.2", "--seed", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("json: ") and "executions" in proc.stdout
