"""Every example command in ``docs/*.md`` is run, and what the page says about it must hold.

The convention (also described in ``docs/README.md``):

- ``<!-- setup: STEP; STEP -->`` (once per page, before its first command) prepares an empty
  work folder. Steps: ``copy SRC DEST`` copies a file or folder of this repository (``DEST``
  ``.`` puts a folder's contents in the work folder itself), ``git init`` makes the work folder a
  git repository and commits everything in it.
- ``<!-- file: PATH -->`` right before a fenced block writes the block's text to ``PATH`` in the
  work folder, at that point of the page (so a page shows the very file its commands use).
- A fenced ``console`` (or ``sh``) block holds commands after a ``$ `` prompt, each followed by
  excerpts of its output. Blocks run top to bottom in one work folder, each command with
  ``bash -c`` and ``SPGUARD_LANG=en``. A command must exit 0 unless its line ends in
  ``# exit N``. Every excerpt line must occur in the real output (standard output and error,
  runs of blanks counted as one); a line ``...`` only marks omitted output.
- A page with a console block that has no ``$ `` command, or a command before any setup, fails:
  nothing in the docs is skipped silently.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import Ran, invoke_spguard

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
RUN_LANGS = ("console", "sh")

_FENCE = re.compile(r"^```(\S*)\s*$")
_SETUP = re.compile(r"^<!--\s*setup:\s*(.*?)\s*-->\s*$")
_FILE = re.compile(r"^<!--\s*file:\s*(\S+)\s*-->\s*$")
_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
_SHELL = re.compile(r"[|&;<>()$`*?\[\]{}~\\]")  # what bash would expand or interpret


@dataclass
class Command:
    line: int
    text: str
    exit_code: int
    expected: list[str] = field(default_factory=list)


@dataclass
class Step:
    """One thing a page does, in page order: set up, write a file, or run a command."""

    line: int
    setup: list[str] | None = None
    file: tuple[str, str] | None = None
    command: Command | None = None


def _commands(block: list[str], first_line: int, page: str) -> list[Command]:
    commands: list[Command] = []
    for offset, raw in enumerate(block):
        if raw.startswith("$ "):
            text = raw[2:]
            match = _EXIT.search(text)
            code = int(match.group(1)) if match else 0
            commands.append(
                Command(first_line + offset, text[: match.start()] if match else text, code)
            )
        elif raw.strip() and raw.strip() != "...":
            if not commands:
                raise AssertionError(
                    f"{page}:{first_line + offset}: output before any '$ ' command"
                )
            commands[-1].expected.append(raw)
    if not commands:
        raise AssertionError(f"{page}:{first_line}: a command block without a '$ ' command")
    return commands


def parse_page(path: Path) -> list[Step]:
    """The steps of one docs page, in order; raise on a block the test cannot run."""
    lines = path.read_text(encoding="utf-8").splitlines()
    steps: list[Step] = []
    pending_file: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if setup := _SETUP.match(line):
            steps.append(Step(index + 1, setup=[s.strip() for s in setup.group(1).split(";")]))
        elif target := _FILE.match(line):
            pending_file = target.group(1)
        elif fence := _FENCE.match(line):
            end = index + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            block = lines[index + 1 : end]
            if pending_file is not None:
                steps.append(Step(index + 1, file=(pending_file, "\n".join(block) + "\n")))
                pending_file = None
            elif fence.group(1) in RUN_LANGS:
                for command in _commands(block, index + 2, path.name):
                    steps.append(Step(command.line, command=command))
            index = end
        elif line.strip():
            pending_file = None
        index += 1
    return steps


def _setup(steps: list[str], work: Path) -> None:
    for step in steps:
        words = step.split()
        if words[:1] == ["copy"] and len(words) == 3:
            source, dest = ROOT / words[1], work / words[2]
            if source.is_dir():
                shutil.copytree(source, dest, dirs_exist_ok=True)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest)
        elif words == ["git", "init"]:
            for git in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "setup"]):
                subprocess.run(["git", *git], cwd=work, check=True, env=_env())
        else:
            raise AssertionError(f"unknown setup step {step!r}")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPGUARD_")}
    bindir = str(Path(sys.executable).parent)
    env.update(_ENV, PATH=bindir + os.pathsep + env.get("PATH", ""))
    return env


_ENV = {
    "SPGUARD_LANG": "en",
    "GIT_AUTHOR_NAME": "Docs Test",
    "GIT_AUTHOR_EMAIL": "docs@example.invalid",
    "GIT_COMMITTER_NAME": "Docs Test",
    "GIT_COMMITTER_EMAIL": "docs@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "COLUMNS": "200",
}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _run(command: Command, work: Path, page: str) -> None:
    done: Ran | subprocess.CompletedProcess[str]
    argv = shlex.split(command.text)
    if argv[0] == "spguard" and not _SHELL.search(command.text):
        # A plain spguard command runs in this process: bash would only start it. The same
        # environment as _env(), without any other SPGUARD_ variable.
        unset: dict[str, str | None] = {k: None for k in os.environ if k.startswith("SPGUARD_")}
        done = invoke_spguard(*argv[1:], cwd=work, env={**unset, **_ENV})
    else:
        done = subprocess.run(
            ["bash", "-c", command.text],
            cwd=work,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = done.stdout + done.stderr
    where = f"{page}:{command.line}: $ {command.text}"
    assert done.returncode == command.exit_code, f"{where}\nexit {done.returncode}\n{output}"
    real = [_squeeze(line) for line in output.splitlines()]
    for expected in command.expected:
        wanted = _squeeze(expected)
        assert any(wanted in line for line in real), f"{where}\nmissing: {expected}\n{output}"


def test_every_page_has_commands() -> None:
    """The user pages exist and each runs at least one command (an index page may have none)."""
    names = {p.name for p in PAGES}
    for page in (
        "clinical-builder.md",
        "reviewer.md",
        "focus-area-owner.md",
        "manager.md",
        "rule-authoring.md",
        "mapping-profiles.md",
    ):
        assert page in names
        assert any(step.command for step in parse_page(DOCS / page)), page


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_commands(page: Path, tmp_path: Path) -> None:
    """Run a page's commands as the page describes and check exit codes and output excerpts."""
    ready = False
    for step in parse_page(page):
        if step.setup is not None:
            _setup(step.setup, tmp_path)
            ready = True
        elif step.file is not None:
            target = tmp_path / step.file[0]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.file[1], encoding="utf-8")
        elif step.command is not None:
            assert ready, f"{page.name}:{step.line}: a command before the page's <!-- setup -->"
            _run(step.command, tmp_path, page.name)


def test_parser_refuses_what_it_cannot_run(tmp_path: Path) -> None:
    """A command block without a prompt, or output before a command, is an error, not a skip."""
    page = tmp_path / "bad.md"
    page.write_text("```console\nspguard lint\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="output before any"):
        parse_page(page)
    page.write_text("```sh\n\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="without a '\\$ ' command"):
        parse_page(page)
    page.write_text(
        "<!-- file: a.yaml -->\n```yaml\nx: 1\n```\n```console\n$ false  # exit 1\n```\n",
        encoding="utf-8",
    )
    steps = parse_page(page)
    assert steps[0].file == ("a.yaml", "x: 1\n")
    assert steps[1].command is not None and steps[1].command.exit_code == 1
