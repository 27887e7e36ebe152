"""Shared fixtures: a minimal valid artifact of a real kind, the real CLI in this process
(:func:`spguard`) and in a fresh one (:func:`spguard_process`), and a guard that the suite
leaves the source tree as it found it."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner as ClickRunner

from sp_config_guard import speedups
from sp_config_guard.lint import checks
from sp_config_guard.load import config, gitrev
from sp_config_guard.messages import current_lang, language
from sp_config_guard.speedups import SWITCH

# The CLI renders its help texts when it is imported, in the language the process starts with
# (config.startup_lang: argv, SPGUARD_LANG, a configuration, the locale): import it in English
# whatever pytest's arguments and the machine's locale, as the english fixture runs every test.
with pytest.MonkeyPatch.context() as _start:
    _start.setenv("SPGUARD_LANG", "en")
    _start.setattr(sys, "argv", ["spguard"])
    from sp_config_guard import cli

# Text output is coloured by NO_COLOR and FORCE_COLOR (cli.output.colour_wanted): the suite
# starts without them whatever the machine (a CI runner) sets; a test that wants one sets it.
for _variable in ("NO_COLOR", "FORCE_COLOR"):
    os.environ.pop(_variable, None)

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


@dataclass(frozen=True)
class Ran:
    """What one run of the CLI gave: the fields of :class:`subprocess.CompletedProcess` the
    tests read, whether the run was in this process or a fresh one."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


Spguard = Callable[..., "Ran | subprocess.CompletedProcess[str]"]
""":func:`spguard` or :func:`spguard_process`: ``(*args, cwd=None, env=None)`` -> a run."""

SOURCE_TREE = Path(__file__).resolve().parent.parent

# What running Python and pytest leave in a source tree by design; anything else the suite
# (that is: spguard run by a test) writes there is a bug the session guard below reports.
RUNNERS_OWN = {"__pycache__", ".pytest_cache", ".hypothesis"}
_BEFORE = pytest.StashKey[set[str]]()


def _source_files() -> set[str]:
    """Every file and folder in the source tree (ignored ones too) but git's and the runners'."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(SOURCE_TREE):
        dirs[:] = sorted(d for d in dirs if d not in RUNNERS_OWN and d != ".git")
        where = Path(folder).relative_to(SOURCE_TREE)
        found |= {(where / name).as_posix() for name in (*dirs, *files)}
    return found


def pytest_sessionstart(session: pytest.Session) -> None:
    """Note what the source tree holds before any test runs (once, in xdist's controller)."""
    if not hasattr(session.config, "workerinput"):
        session.config.stash[_BEFORE] = _source_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if the source tree gained files: tests write into tmp_path only."""
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    gained = sorted(_source_files() - before)
    if gained:
        shown = "\n  ".join(gained[:20])
        session.config.get_terminal_writer().line(
            f"\nthe test suite wrote into the source tree {SOURCE_TREE}:\n  {shown}", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in English unless a test chooses otherwise, whatever the machine's locale
    (subprocesses inherit SPGUARD_LANG; a test may delete or change it)."""
    monkeypatch.setenv("SPGUARD_LANG", "en")
    with language("en"):
        yield


REPRODUCIBLE_EPOCH = "1767225600"
"""``SOURCE_DATE_EPOCH`` of the suite (2026-01-01 00:00 UTC): a drift report's time of making
is this, so that two runs give the same bytes."""


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports are dated :data:`REPRODUCIBLE_EPOCH`, whatever the clock (a test may change it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)


@pytest.fixture(scope="module")
def speedups_on() -> Iterator[None]:
    """The speedups on, whatever ``SPGUARD_SPEEDUPS`` says: for the modules that test a
    speedup against its library (under ``SPGUARD_SPEEDUPS=0`` they would compare the library
    with itself)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SWITCH, "1")
        speedups.enabled.cache_clear()
        yield
    speedups.enabled.cache_clear()


@pytest.fixture
def switch() -> Iterator[Callable[..., None]]:
    """``switch(value, name=SWITCH)`` sets the speedups' switch (or its alias) for the rest
    of a test, in this process; restored after it."""
    with pytest.MonkeyPatch.context() as patch:

        def turn(value: str | None, name: str = SWITCH) -> None:
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
            speedups.enabled.cache_clear()

        yield turn
    speedups.enabled.cache_clear()


@pytest.fixture
def cache_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The cache of a run goes to ``tmp_path``, for tests that read the example repository in
    place (``examples/sp-config``), whose cache would otherwise be written inside it."""
    monkeypatch.setenv("SPGUARD_CACHE_DIR", str(tmp_path / "spguard-cache"))


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


def _forget_what_a_run_learnt() -> None:
    """Clear the caches that a run fills from the repository or the machine (git history, the
    installed plugins, the check types a repository may use, configuration files, which are
    known by their stat: a file rewritten within the file system's timestamp granularity could
    look unchanged), as a fresh process starts without them; the caches of shipped data
    (schemas, the catalog) are kept."""
    learnt = (gitrev._history, gitrev._shallow_boundary, checks.get, checks._plugins)
    for cached in (*learnt, config._read_unchanged):
        cached.cache_clear()


def invoke_spguard(
    *args: object,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 60,
) -> Ran:
    """Run ``spguard ARGS`` in this process through click's test runner, as ``main()`` runs it
    (its exit code, its stdout and stderr apart), in ``cwd`` with ``env`` added to the
    environment (a value None removes a variable); the working folder, the environment and the messages' language are put back
    afterwards. ``timeout`` is accepted for :func:`run_spguard`'s callers and not enforced."""
    words = tuple(map(str, args))
    _forget_what_a_run_learnt()
    with pytest.MonkeyPatch.context() as scoped, language(current_lang()):
        if cwd is not None:
            scoped.chdir(cwd)
        scoped.setattr(sys, "argv", ["spguard", *words])
        code: object = 0
        with ClickRunner().isolation(env=env) as (out, err, _):
            try:
                cli.main()
            except SystemExit as done:  # main() always ends so
                code = done.code
        ran = Ran(words, code if isinstance(code, int) else 0, _text(out), _text(err))
    _forget_what_a_run_learnt()
    assert "Traceback" not in ran.stdout + ran.stderr, ran.stdout + ran.stderr
    assert ran.returncode in (0, 1, 2), (ran.returncode, ran.stdout, ran.stderr)
    return ran


def _text(stream: Any) -> str:
    return bytes(stream.getvalue()).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def spguard() -> Spguard:
    """The CLI run in this process (:func:`invoke_spguard`), for exit-code and output tests."""
    return invoke_spguard


@pytest.fixture
def spguard_process() -> Spguard:
    """:func:`run_spguard`: the CLI in a fresh process, for tests about processes (signals,
    sys.path, ``python -m``, what a fresh interpreter starts with)."""
    return run_spguard
