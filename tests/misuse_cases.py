"""The CLI-misuse cases: a command given something it cannot check (a missing path, an unknown
code, a mistyped configuration value, ...) and what it must answer: the exit code and the first
line of the message. ``tests/test_misuse.py`` runs every case on the real CLI, and
``tests/hostile_cases.py`` renders them as the section "CLI misuse" of
``docs/hostile-input.md`` (regenerate with ``python -m tests.hostile_cases``).

In ``args`` and ``line``, ``{repo}`` stands for the repository's absolute path and ``{outside}``
for an empty folder beside it; the table shows them as ``<repo>`` and ``<outside>``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The working folders a case can run from.
ROOT, SUBFOLDER, OUTSIDE = "root", "subfolder", "outside"


@dataclass(frozen=True)
class Misuse:
    """One misuse: what was wrong, the command, where it runs, and what it must answer."""

    name: str
    args: tuple[str, ...]
    exit: int
    line: str  # the first line of the message, exactly
    cwd: str = ROOT
    make: Callable[[Path], None] | None = None  # changes to the repository before the run


def message_line(stdout: str, stderr: str) -> str:
    """The first line of what the user is told: standard error first (without click's usage
    preamble), else standard output."""
    for text in (stderr, stdout):
        for line in text.splitlines():
            if line.strip() and not line.startswith(("Usage: ", "Try '")):
                return line
    return ""


# Paths that do not exist, and discovery.
PATHS: list[Misuse] = []

# Rule codes and prefixes (--select, --ignore, rules explain).
CODES: list[Misuse] = [
    Misuse(
        "unknown rule code",
        ("rules", "explain", "NOPE001"),
        2,
        "spguard: error: no rule 'NOPE001'; see spguard rules list",
    ),
]

# Configuration values (spguard.yaml, flags, environment).
CONFIG: list[Misuse] = []

# Git revisions.
GIT: list[Misuse] = []

# Deletions and renames under pre-commit.
DELETIONS: list[Misuse] = []

CASES: list[Misuse] = [*PATHS, *CODES, *CONFIG, *GIT, *DELETIONS]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _shown(text: str) -> str:
    return text.replace("{repo}", "<repo>").replace("{outside}", "<outside>")


def table() -> str:
    """The Markdown section of every case."""
    lines = [
        "## CLI misuse",
        "",
        "Each row runs the real CLI in a small repository (`tests/test_misuse.py`), from its",
        "root, a subfolder or an empty folder outside it. Nothing a command did not check",
        "passes: a missing path, an unknown code or a mistyped setting is an error.",
        "",
        "| Misuse | Command | Run from | Exit | First line of the message |",
        "|---|---|---|---|---|",
    ]
    for case in CASES:
        command = _shown(" ".join(("spguard", *case.args)))
        lines.append(
            f"| {_cell(case.name)} | `{_cell(command)}` | {case.cwd} | {case.exit} | "
            f"`{_cell(_shown(case.line))}` |"
        )
    return "\n".join(lines) + "\n"
