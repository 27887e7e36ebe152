"""Shared fixtures: a minimal valid artifact of a real kind, and the real CLI in a subprocess."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.messages import language

# A minimal valid Medication (schemas/kinds/Medication.schema.json), central scope.
MEDICATION: dict[str, Any] = {
    "kind": "Medication",
    "id": "100101",
    "name": "Paracetamol tablet 500 mg",
    "scope": {"level": "central"},
    "status": "active",
    "spec": {
        "generic_name": "paracetamol",
        "atc": "N02BE01",
        "form": "tablet",
        "strength": {"value": 500, "unit": "mg"},
        "route": "PO",
        "high_alert": False,
        "double_check": False,
        "tablet_optimisation": True,
    },
}

# The same artifact in canonical form, as the normaliser writes it.
MEDICATION_YAML = """\
kind: Medication
id: "100101"
name: Paracetamol tablet 500 mg
scope:
  level: central
status: active
spec:
  generic_name: paracetamol
  atc: N02BE01
  form: tablet
  strength:
    value: 500
    unit: mg
  route: PO
  high_alert: false
  double_check: false
  tablet_optimisation: true
"""

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in English unless a test chooses otherwise, whatever the machine's locale
    (subprocesses inherit SPGUARD_LANG; a test may delete or change it)."""
    monkeypatch.setenv("SPGUARD_LANG", "en")
    with language("en"):
        yield


@pytest.fixture
def medication() -> dict[str, Any]:
    """A fresh copy of a minimal valid Medication artifact."""
    return copy.deepcopy(MEDICATION)


@pytest.fixture
def medication_yaml() -> str:
    """The canonical text of :data:`MEDICATION`."""
    return MEDICATION_YAML


def run_spguard(
    *args: object, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sp_config_guard ARGS`` and check it never shows a traceback (nor takes
    longer than ``timeout`` seconds)."""
    proc = subprocess.run(
        [sys.executable, "-m", "sp_config_guard", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=timeout,
        env={**os.environ, **env} if env else None,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stdout, proc.stderr)
    return proc


@pytest.fixture
def spguard() -> CliRunner:
    """:func:`run_spguard`, for tests that run the CLI."""
    return run_spguard
