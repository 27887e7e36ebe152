"""Progress bars appear on a terminal, never in pipes, CI logs or with --quiet; --verbose
notes go to standard error."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"


def _run(args: list[str], *, tty: bool, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | (env or {})
    command = [sys.executable, "-m", "sp_config_guard", *args]
    if not tty:
        run = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
        return run.returncode, run.stdout, run.stderr
    leader, follower = pty.openpty()
    # standard output to a file, not a pipe: while the terminal is read to its end, a report
    # larger than a pipe's buffer would block the run on a pipe nobody reads yet
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen(command, stdout=stdout, stderr=follower, env=environment)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait()
        os.close(leader)
        stdout.seek(0)
        out = stdout.read()
    return process.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


LINT = ["lint", str(TREE), "--today", "2026-11-23", "--format", "json", "--no-cache"]


def test_bar_on_a_terminal_only() -> None:
    _, out, err = _run(LINT, tty=True)
    assert "lint" in err and "%" in err  # the bar, on standard error
    assert out.lstrip().startswith("{")  # standard output stays clean JSON
    _, _, piped = _run(LINT, tty=False)
    assert "%" not in piped


def test_quiet_and_ci_switch_the_bar_off() -> None:
    _, _, quiet = _run(["--quiet", *LINT], tty=True)
    assert "%" not in quiet
    _, _, ci = _run(LINT, tty=True, env={"CI": "true"})
    assert "%" not in ci


def test_verbose_notes_name_the_configuration() -> None:
    code, _, err = _run(["--verbose", *LINT], tty=False)
    assert code == 1
    assert "spguard.yaml" in err and "rule(s) from" in err
