"""Colour on a terminal, none in pipes: ``--color auto|always|never`` (before or after the
command) wins over ``NO_COLOR`` and ``FORCE_COLOR``, which win over whether standard output is a
terminal; only the one-line text report on standard output is ever coloured, and stripping its
escape codes gives the uncoloured output byte for byte. Exact expected output on the small
repository of :mod:`tests.test_lint_text`; the example's coloured golden file is there too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sp_config_guard.cli.output import colour_wanted
from sp_config_guard.report.text_report import finding_line
from sp_config_guard.result import Finding
from tests.conftest import Spguard, invoke_spguard
from tests.test_lint_text import LINES, SUMMARY, TODAY, _repository

ANSI = re.compile("\x1b\\[[0-9;]*m")
B, D, E, RED, YELLOW = "\x1b[1m", "\x1b[2m", "\x1b[0m", "\x1b[31m\x1b[1m", "\x1b[33m\x1b[1m"
P, MX = "Paracetamol tablet 500 mg", "Methotrexat tablet 2,5 mg"
MED = "central/Medication"
COLOURED = f"""
{B}{MED}/100101.yaml:8:3:{E} {D}warning{E} {B}MED010{E} Medication 100101 ({P}) is a high-alert medication without a label text {D}[$.spec]{E} {D}(baseline){E}
{B}{MED}/100101.yaml:16:17:{E} {D}error{E} {B}MED001{E} Medication 100101 ({P}) is a high-alert medication but does not require a double check (double_check: false) {D}[$.spec.double_check]{E} {D}(baseline){E}
{B}{MED}/100101.yaml:17:24:{E} {D}error{E} {B}MED002{E} Medication 100101 ({P}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on {D}[$.spec.tablet_optimisation]{E} {D}(baseline){E}
{B}{MED}/100102.yaml:3:1:{E} {RED}error{E} {B}LOAD002{E} duplicate key 'id': each key may appear once; remove or merge the copies {D}[$]{E}
{B}{MED}/100103.yaml:8:3:{E} {YELLOW}warning{E} {B}MED010{E} Medication 100103 ({MX}) is a high-alert medication without a label text {D}[$.spec]{E}
{B}{MED}/100103.yaml:16:17:{E} {RED}error{E} {B}MED001{E} Medication 100103 ({MX}) is a high-alert medication but does not require a double check (double_check: false) {D}[$.spec.double_check]{E}
{B}{MED}/100103.yaml:17:24:{E} {D}error{E} {B}MED002{E} Medication 100103 ({MX}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on {D}[$.spec.tablet_optimisation]{E} {D}(waived W-2026-014){E}
""".removeprefix("\n")
PLAIN = LINES + SUMMARY


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _repository(tmp_path_factory.mktemp("colour") / "repo")


def _lint(repo: Path, *args: str, env: dict[str, str | None] | None = None) -> str:
    ran = invoke_spguard(*args, *TODAY, cwd=repo, env=env)
    assert ran.returncode == 1 and ran.stderr == "", ran.stdout + ran.stderr
    return ran.stdout


# -- the decision ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "env", "tty", "wanted"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": "0"}, True, False),  # any non-empty value
        ("auto", {"NO_COLOR": ""}, True, True),  # empty: as if unset
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": ""}, False, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_wanted(choice: str, env: dict[str, str], tty: bool, wanted: bool) -> None:
    assert colour_wanted(choice, env, tty) is wanted


# -- the text report through the CLI -----------------------------------------------------


def test_always_colours_the_findings_and_not_the_summary(repo: Path) -> None:
    assert _lint(repo, "lint", ".", "--color", "always") == COLOURED + SUMMARY


def test_stripping_the_colour_gives_the_plain_output(repo: Path) -> None:
    coloured = _lint(repo, "lint", ".", "--color", "always", "--statistics")
    plain = _lint(repo, "lint", ".", "--statistics")
    assert ANSI.search(coloured) and not ANSI.search(plain)
    assert ANSI.sub("", coloured) == plain


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (("lint", "."), {}, False),  # click's test runner is a pipe, not a terminal
        (("lint", ".", "--color", "never"), {}, False),
        (("lint", ".", "--color", "auto"), {}, False),
        (("lint", "."), {"FORCE_COLOR": "1"}, True),
        (("lint", "."), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (("lint", ".", "--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "never", "lint", "."), {"FORCE_COLOR": "1"}, False),
        (("lint", ".", "--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "always", "lint", "."), {}, True),
        (("--color", "never", "lint", ".", "--color", "always"), {}, True),  # the later wins
    ],
)
def test_option_and_environment(
    repo: Path, args: tuple[str, ...], env: dict[str, str | None], coloured: bool
) -> None:
    assert _lint(repo, *args, env=env) == (COLOURED + SUMMARY if coloured else PLAIN)


def test_a_choice_does_not_outlast_its_run(repo: Path) -> None:
    assert _lint(repo, "lint", ".", "--color", "always") == COLOURED + SUMMARY
    assert _lint(repo, "lint", ".") == PLAIN
    assert _lint(repo, "--color", "always", "lint", ".") == COLOURED + SUMMARY
    assert _lint(repo, "lint", ".") == PLAIN


def test_an_unknown_choice_is_a_usage_error(spguard: Spguard) -> None:
    ran = spguard("lint", ".", "--color", "sometimes")
    assert ran.returncode == 2 and ran.stdout == ""
    assert "'sometimes' is not one of 'auto', 'always', 'never'" in ran.stderr


@pytest.mark.parametrize(
    "fmt", ["grouped", "json", "sarif", "markdown", "junit", "github", "gitlab"]
)
def test_no_other_report_is_coloured(repo: Path, fmt: str) -> None:
    forced = _lint(repo, "lint", ".", "--format", fmt, "--color", "always")
    assert "\x1b" not in forced
    assert forced == _lint(repo, "lint", ".", "--format", fmt, "--color", "never")


def test_a_report_file_is_never_coloured(repo: Path, tmp_path: Path) -> None:
    """The text report to a file plain, the one on standard output coloured."""
    written = tmp_path / "lint.txt"
    shown = _lint(
        repo,
        "lint",
        ".",
        "--color",
        "always",
        "--format",
        f"text:{written}",
        "--format",
        "text",
        env={"FORCE_COLOR": "1"},
    )
    assert shown == COLOURED + SUMMARY
    assert written.read_text(encoding="utf-8") == PLAIN


def test_validate_and_waivers_check_are_coloured_too(repo: Path, tmp_path: Path) -> None:
    validated = invoke_spguard("validate", f"{MED}/100102.yaml", "--color", "always", cwd=repo)
    assert validated.returncode == 1
    assert validated.stdout.startswith(f"{B}{MED}/100102.yaml:3:1:{E} {RED}error{E} {B}LOAD002")
    assert (
        ANSI.sub("", validated.stdout)
        == invoke_spguard("validate", f"{MED}/100102.yaml", cwd=repo).stdout
    )

    (tmp_path / "waivers.yaml").write_text(
        "waivers:\n  - id: W-1\n    rule: MED002\n    artifacts: ['1']\n    reason: r\n"
        "    ticket: SP-1\n    approved_by: x\n    approved_on: '2026-01-01'\n"
        "    expires: '2026-02-01'\n",
        encoding="utf-8",
    )
    (tmp_path / "spguard.yaml").write_text("rulesets: [medication]\nlang: en\n", encoding="utf-8")
    args = ("waivers", "check", ".", *TODAY)
    coloured = invoke_spguard(*args, "--color", "always", cwd=tmp_path)
    plain = invoke_spguard(*args, cwd=tmp_path)
    assert coloured.returncode == plain.returncode == 1, coloured.stdout + coloured.stderr
    assert f" {B}WAV" in coloured.stdout and "\x1b" not in plain.stdout
    assert ANSI.sub("", coloured.stdout) == plain.stdout


def test_every_command_takes_color() -> None:
    from tests.test_lint_text import _leaf_commands, spguard_group

    for name, command in _leaf_commands(spguard_group):
        assert "--color" in {opt for param in command.params for opt in param.opts}, name


@pytest.mark.parametrize("lang", ["da", "en"])
def test_help_tells_of_color(spguard_process: Spguard, lang: str) -> None:
    """In a fresh process: the help texts are rendered in the language it starts with."""
    for args in (("--help",), ("lint", "--help")):
        shown = spguard_process(*args, env={"SPGUARD_LANG": lang})
        help_text = " ".join(shown.stdout.split())
        assert "--color [auto|always|never]" in help_text
        assert "NO_COLOR" in help_text and "FORCE_COLOR" in help_text
        assert ("aldrig farver" if lang == "da" else "never get colour") in help_text


# -- a finding's own text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "finding",
    [
        Finding("::warning file=x::", 1, 2, "MED001", "error", "::error::", "$"),
        Finding("a.yaml", 1, 2, "X1", "warning", " ::set-output name=x::y", "$['##vso[x']"),
        Finding(
            "a\x1b[31m.yaml", 1, 1, "X1", "info", "a\nb \x1b[0m #", "##[group]", baselined=True
        ),
        Finding("a.yaml", 1, 1, "X1", "severe", "text", "$", waived_by="W-1"),
    ],
)
def test_colour_adds_escape_codes_and_nothing_else(finding: Finding) -> None:
    """Whatever a finding says, its coloured line without the escape codes is its plain line,
    and no escape code but the styling ones is in it."""
    plain, coloured = finding_line(finding), finding_line(finding, colour=True)
    assert "\x1b" not in plain
    assert ANSI.sub("", coloured) == plain
    assert coloured.count("\x1b") == len(ANSI.findall(coloured))


# -- a real terminal and a real pipe -----------------------------------------------------


def _run_in(repo: Path, env: dict[str, str], *args: str, terminal: bool) -> str:
    """lint's standard output in a fresh process whose standard output is a pseudo-terminal
    (``terminal``) or a pipe."""
    command = [sys.executable, "-m", "sp_config_guard", "lint", ".", *TODAY, *args]
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environ.update(TERM="xterm-256color", **env)
    if not terminal:
        done = subprocess.run(command, cwd=repo, env=environ, capture_output=True, check=False)
        return done.stdout.decode("utf-8")
    import pty  # POSIX only: the caller skips elsewhere

    leader, follower = pty.openpty()
    with subprocess.Popen(
        command, cwd=repo, env=environ, stdout=follower, stderr=subprocess.DEVNULL
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_gets_colour_a_pipe_does_not(repo: Path) -> None:
    assert _run_in(repo, {}, terminal=True) == COLOURED + SUMMARY
    assert _run_in(repo, {"NO_COLOR": "1"}, terminal=True) == PLAIN
    assert _run_in(repo, {}, "--color", "never", terminal=True) == PLAIN
    assert _run_in(repo, {}, terminal=False) == PLAIN
    assert _run_in(repo, {"FORCE_COLOR": "1"}, terminal=False) == COLOURED + SUMMARY
    assert _run_in(repo, {}, "--color", "always", terminal=False) == COLOURED + SUMMARY
