"""The pre-commit hook in git mode (``lint --changed``, load/staged.py) on a benchmark corpus
made a git repository, against the floor of the issue, measured in the same run: Python
starting, ``git ls-files -s`` (every path with its blob id), parsing the staged files with
CSafeLoader and looking each one's kind and id up in the cache's index table.

Each timed run stages a new change (the hook's stored result is keyed on the staged change, so
running the same change again would only read that result back): three edited artifacts, or
one deleted artifact whose dependents must be checked. The median of the runs is reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.run import Measure, median, median_command, timed_command
from sp_config_guard.load.cache import FORMAT

RUNS = 5
FLOOR = """\
import sqlite3, subprocess, sys, yaml
subprocess.run(["git", "ls-files", "-s", "-z"], capture_output=True, check=True)
db = sqlite3.connect(sys.argv[1])
for name in sys.argv[2:]:
    data = yaml.load(open(name, "rb").read(), Loader=yaml.CSafeLoader)
    db.execute("SELECT * FROM tree WHERE path = ?", (name,)).fetchall()
    db.execute("SELECT * FROM tree WHERE kind = ? AND id = ?", (data["kind"], data["id"])).fetchall()
"""


def _git(corpus: Path, *args: str) -> str:
    who = ("-c", "user.name=Bench", "-c", "user.email=bench@example.invalid")
    run = subprocess.run(["git", *who, *args], cwd=corpus, capture_output=True, check=True)
    return run.stdout.decode()


def _files(corpus: Path, kind: str) -> list[str]:
    return sorted(n for n in _git(corpus, "ls-files").splitlines() if f"/{kind}/" in n)


def _stage_edits(corpus: Path, names: list[str], mark: int) -> None:
    """A comment-free canonical change of one value in each of ``names``, staged."""
    for name in names:
        path = corpus / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("owner: ", f"owner: Ændret {mark} ", 1), encoding="utf-8")
    _git(corpus, "add", "--", *names)


def precommit_steps(
    corpus: Path, spguard: list[str], env: dict[str, str], cache: Path, today: list[str]
) -> list[Measure]:
    """Commit the corpus as it is, then time the hook on staged edits, on a deletion, and
    the floor."""
    if not (corpus / ".git").is_dir():
        _git(corpus, "init", "-q", "-b", "main")
    _git(corpus, "add", "-A")
    _git(corpus, "commit", "-q", "--allow-empty", "-m", "bench")
    hook = [*spguard, "lint", "--changed", *today]
    medication = _files(corpus, "Medication")[:3]
    _stage_edits(corpus, medication, 0)
    steps = [timed_command("pre-commit, git mode: table made", [*hook, *medication], corpus, env)]
    _git(corpus, "reset", "-q", "--hard")
    staged = _files(corpus, "OrderSet")[:3]
    edits = []
    for mark in range(1, RUNS + 1):
        _stage_edits(corpus, staged, mark)
        run = [*hook, *staged]  # pre-commit names the staged files that exist
        edits.append(timed_command("pre-commit, git mode: 3 staged files", run, corpus, env))
    steps.append(median(edits))
    floor = [sys.executable, "-c", FLOOR, str(cache / f"cache-{FORMAT}.sqlite"), *staged]
    steps.append(median_command("floor: pre-commit (3 staged files)", floor, corpus))
    _git(corpus, "reset", "-q", "--hard")
    variants = _files(corpus, "PrintGroup")
    deletions = []
    for name in variants[len(variants) // 2 :][:RUNS]:
        _git(corpus, "rm", "-q", "--", name)
        deletions.append(timed_command("pre-commit, git mode: 1 deleted file", hook, corpus, env))
        _git(corpus, "reset", "-q", "--hard")
    steps.append(median(deletions))
    return steps
