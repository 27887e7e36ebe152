"""Every CLI-misuse case (``tests/misuse_cases.py``) on the real CLI: the exit code and the
first line of the message, from the repository's root, a subfolder or a folder outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Spguard
from tests.hostile_cases import repository
from tests.misuse_cases import CASES, OUTSIDE, SUBFOLDER, Misuse, message_line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_misuse(tmp_path: Path, spguard: Spguard, case: Misuse) -> None:
    repo = repository(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    if case.make is not None:
        case.make(repo)
    cwd = {SUBFOLDER: repo / "central", OUTSIDE: outside}.get(case.cwd, repo)
    args = [a.format(repo=repo, outside=outside) for a in case.args]
    proc = spguard(*args, cwd=cwd)
    assert (proc.returncode, message_line(proc.stdout, proc.stderr)) == (
        case.exit,
        case.line.format(repo=repo, outside=outside),
    ), proc.stdout + proc.stderr
