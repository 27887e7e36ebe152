"""Lint's terminal output through the CLI, against exact expected output: the default one line
per finding, ``--format grouped`` and ``--statistics``, on a small repository made in a tmp
folder (a baselined, a waived, an open finding and a file that cannot be read) and on the
example (``tests/golden/``; after a change to the example, rewrite them with
``python -m tests.test_lint_text`` and read the difference; ``--color always`` too, whose
escape codes stripped give the default). Also: ``--statistics`` without a text format is a
usage error, and ``-q``/``-v`` mean the same after the command as before it (colour:
``tests/test_colour.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from sp_config_guard import report
from sp_config_guard.cli import cli as spguard_group
from tests.conftest import MEDICATION_YAML, Spguard, invoke_spguard

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sp-config"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = ("--today", "2026-11-23")
# golden file -> the lint options it is the output of (on the example, in English)
EXAMPLE_RUNS = {
    "example-lint.txt": (),
    "example-lint-grouped.txt": ("--format", "grouped"),
    "example-lint-statistics.txt": ("--statistics",),
    "example-lint-color.txt": ("--color", "always"),
}
MED = Path("central/Medication")
WAIVERS = """\
waivers:
  - id: W-2026-014
    rule: MED002
    artifacts: ["100103"]
    reason: Tablet optimisation stays on until the pharmacy's new package sizes are in.
    ticket: SP-2291
    approved_by: Fokusområde Medicin
    approved_on: "2026-10-01"
    expires: "2027-03-31"
"""


def _repository(root: Path) -> Path:
    """Paracetamol marked high-alert, its three findings in the baseline; then methotrexate,
    high-alert too, with a waiver for its MED002, and a file with a duplicate key."""
    (root / MED).mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\nlang: en\n", encoding="utf-8")
    high_alert = MEDICATION_YAML.replace("high_alert: false", "high_alert: true")
    (root / MED / "100101.yaml").write_text(high_alert, encoding="utf-8")
    created = invoke_spguard("baseline", "create", root, *TODAY)
    assert created.returncode == 0, created.stdout + created.stderr
    methotrexate = (
        high_alert.replace("100101", "100103")
        .replace("Paracetamol tablet 500 mg", "Methotrexat tablet 2,5 mg")
        .replace("paracetamol", "methotrexat")
        .replace("N02BE01", "L04AX03")
        .replace("value: 500", "value: 2.5")
    )
    (root / MED / "100103.yaml").write_text(methotrexate, encoding="utf-8")
    (root / MED / "100102.yaml").write_text("kind: Medication\nid: a\nid: b\n", encoding="utf-8")
    (root / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _repository(tmp_path / "repo")


P, MX = "Paracetamol tablet 500 mg", "Methotrexat tablet 2,5 mg"
LINES = f"""
central/Medication/100101.yaml:8:3: warning MED010 Medication 100101 ({P}) is a high-alert medication without a label text [$.spec] (baseline)
central/Medication/100101.yaml:16:17: error MED001 Medication 100101 ({P}) is a high-alert medication but does not require a double check (double_check: false) [$.spec.double_check] (baseline)
central/Medication/100101.yaml:17:24: error MED002 Medication 100101 ({P}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on [$.spec.tablet_optimisation] (baseline)
central/Medication/100102.yaml:3:1: error LOAD002 duplicate key 'id': each key may appear once; remove or merge the copies [$]
central/Medication/100103.yaml:8:3: warning MED010 Medication 100103 ({MX}) is a high-alert medication without a label text [$.spec]
central/Medication/100103.yaml:16:17: error MED001 Medication 100103 ({MX}) is a high-alert medication but does not require a double check (double_check: false) [$.spec.double_check]
central/Medication/100103.yaml:17:24: error MED002 Medication 100103 ({MX}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on [$.spec.tablet_optimisation] (waived W-2026-014)
""".removeprefix("\n")

TABLES = f"""
central/Medication/100101.yaml
line:col    severity            code    rule                               message                                                                                                                             path
----------  ------------------  ------  ---------------------------------  ----------------------------------------------------------------------------------------------------------------------------------  --------------------------
8:3         warning (baseline)  MED010  high-alert-label-text              Medication 100101 ({P}) is a high-alert medication without a label text                                       $.spec
16:17       error (baseline)    MED001  high-alert-double-check            Medication 100101 ({P}) is a high-alert medication but does not require a double check (double_check: false)  $.spec.double_check
17:24       error (baseline)    MED002  high-alert-no-tablet-optimisation  Medication 100101 ({P}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on  $.spec.tablet_optimisation

central/Medication/100102.yaml
line:col    severity    code     rule    message                                                                   path
----------  ----------  -------  ------  ------------------------------------------------------------------------  ------
3:1         error       LOAD002          duplicate key 'id': each key may appear once; remove or merge the copies  $

central/Medication/100103.yaml
line:col    severity                   code    rule                               message                                                                                                                             path
----------  -------------------------  ------  ---------------------------------  ----------------------------------------------------------------------------------------------------------------------------------  --------------------------
8:3         warning                    MED010  high-alert-label-text              Medication 100103 ({MX}) is a high-alert medication without a label text                                       $.spec
16:17       error                      MED001  high-alert-double-check            Medication 100103 ({MX}) is a high-alert medication but does not require a double check (double_check: false)  $.spec.double_check
17:24       error (waived W-2026-014)  MED002  high-alert-no-tablet-optimisation  Medication 100103 ({MX}) is a high-alert medication but tablet optimisation ('fewest tablets') is switched on  $.spec.tablet_optimisation

""".removeprefix("\n")

STATISTICS = """
rule set             error    warning    info    waived    baselined
-----------------  -------  ---------  ------  --------  -----------
(built-in)               1          0       0         0            0
medication 2026.4        1          1       0         1            3
total                    2          1       0         1            3
""".removeprefix("\n")

SUMMARY = "lint: 3 file(s) checked, 2 error(s), 1 warning(s), 0 info\n"


def _lint(repo: Path, *args: str) -> str:
    ran = invoke_spguard("lint", ".", *TODAY, *args, cwd=repo)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert ran.stderr == ""
    return ran.stdout


def test_default_is_one_line_per_finding_then_the_summary(repo: Path) -> None:
    assert _lint(repo) == LINES + SUMMARY
    assert _lint(repo, "--format", "text") == LINES + SUMMARY


def test_grouped_is_a_table_per_file(repo: Path) -> None:
    assert _lint(repo, "--format", "grouped") == TABLES + SUMMARY


def test_statistics_follow_the_findings(repo: Path) -> None:
    assert _lint(repo, "--statistics") == LINES + "\n" + STATISTICS + "\n" + SUMMARY
    grouped = _lint(repo, "--format", "grouped", "--statistics")
    assert grouped == TABLES + STATISTICS + "\n" + SUMMARY


def test_statistics_in_danish(repo: Path) -> None:
    text = _lint(repo, "--statistics", "--lang", "da")
    assert "\nregelsæt             error    warning    info    dispenseret    baseline\n" in text
    assert "\n(indbygget)" in text and "\ni alt " in text
    assert text.endswith("lint: 3 fil(er) kontrolleret, 2 fejl, 1 advarsel(er), 0 info\n")


def test_statistics_go_to_the_text_report_only(repo: Path, tmp_path: Path) -> None:
    plain, counted = tmp_path / "plain.sarif", tmp_path / "counted.sarif"
    _lint(repo, "--format", f"sarif:{plain}")
    text = _lint(repo, "--format", f"sarif:{counted}", "--format", "text", "--statistics")
    assert text == LINES + "\n" + STATISTICS + "\n" + SUMMARY
    assert counted.read_bytes() == plain.read_bytes()


@pytest.mark.parametrize("formats", [("json",), ("sarif", "--output", "x.sarif")])
def test_statistics_without_a_text_format_is_a_usage_error(
    repo: Path, formats: tuple[str, ...]
) -> None:
    ran = invoke_spguard("lint", ".", *TODAY, "--statistics", "--format", *formats, cwd=repo)
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert ran.stdout == ""
    assert (
        "Error: --statistics belongs to a text format (grouped, text), but none of them is chosen"
        in ran.stderr
    )
    assert not (repo / "x.sarif").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--statistics", "--format", "json"),
        ("--format", "xml"),
        ("--format", "json", "--format", "sarif"),
        ("--format", "json", "--output", "a.json", "--output", "b.json"),
    ],
)
def test_report_options_are_refused_before_anything_is_read(
    repo: Path, args: tuple[str, ...]
) -> None:
    """No configuration read (-v would say so), no report written."""
    ran = invoke_spguard("-v", "lint", ".", *args, cwd=repo)
    assert ran.returncode == 2 and ran.stdout == "", ran.stdout + ran.stderr
    assert "spguard: " not in ran.stderr and "Error: " in ran.stderr, ran.stderr
    assert not (repo / "a.json").exists() and not (repo / "b.json").exists()


def test_lint_help_lists_every_format_of_the_registry() -> None:
    help_text = " ".join(
        invoke_spguard("lint", "--help", env={"SPGUARD_LANG": "en"}).stdout.split()
    )
    assert f"Output format: {', '.join(report.formats())} (default: text" in help_text
    assert "grouped" in report.formats() and "--statistics" in help_text


# -- the example -------------------------------------------------------------------------


def _example(*args: str) -> str:
    ran = invoke_spguard("lint", EXAMPLE, *TODAY, "--lang", "en", "--no-cache", *args)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    return ran.stdout


@pytest.mark.parametrize("name", EXAMPLE_RUNS)
def test_example_output(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert _example(*EXAMPLE_RUNS[name]) == expected, (
        f"{name}: run python -m tests.test_lint_text and read the difference"
    )


def test_example_goldens_agree_with_each_other() -> None:
    """The same findings in each: one line per finding in the default; the statistics output
    is the default with the table before the summary line; the coloured one is the default
    with escape codes (and those on every finding line)."""
    text, grouped, counted, coloured = (
        (GOLDEN / name).read_text(encoding="utf-8").splitlines() for name in EXAMPLE_RUNS
    )
    assert [re.sub("\x1b\\[[0-9;]*m", "", line) for line in coloured] == text
    assert all("\x1b[" in line for line in coloured[:-2]) and "\x1b" not in "".join(text)
    *lines, summary, fixable = text  # the summary, then the count of what fix repairs
    assert lines and all(":" in line.partition(": ")[0] for line in lines)
    assert lines == sorted(lines, key=_position)
    marked = sum(1 for line in lines if line.split()[3] == "[*]")
    assert marked and fixable == f"[*] {marked} fixable with `spguard fix`"
    assert grouped[-2:] == counted[-2:] == [summary, fixable]
    assert counted[: len(lines)] == lines and counted[len(lines)] == ""
    assert counted[len(lines) + 1].startswith("rule set ")
    assert sum(1 for line in grouped if line.startswith("line:col ")) == len(
        {line.split(":", 1)[0] for line in lines}
    )


def _position(line: str) -> tuple[str, int, int, str]:
    file, row, column, rest = line.split(":", 3)
    return file, int(row), int(column), rest.split()[1]


# -- -q and -v after the command ---------------------------------------------------------


def _leaf_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _leaf_commands(command, f"{prefix}{name} ")
        else:
            found.append((prefix + name, command))
    return found


def test_every_command_takes_quiet_and_verbose() -> None:
    commands = _leaf_commands(spguard_group)
    assert len(commands) >= 10
    for name, command in commands:
        flags = {opt for param in command.params for opt in param.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, name


@pytest.mark.parametrize(
    "where",
    [("-v", "lint", "."), ("lint", "-v", "."), ("lint", ".", "-v"), ("lint", ".", "--verbose")],
)
def test_verbose_before_or_after_the_command(
    repo: Path, spguard: Spguard, where: tuple[str, ...]
) -> None:
    ran = spguard(*where, *TODAY, cwd=repo)
    assert ran.returncode == 1
    notes = ran.stderr.splitlines()
    assert notes and all(line.startswith("spguard: ") for line in notes), ran.stderr
    assert any("rule(s) from medication" in line for line in notes), ran.stderr
    assert ran.stdout == LINES + SUMMARY


@pytest.mark.parametrize(
    "where",
    [
        ("-q", "-v", "lint", "."),
        ("-v", "lint", "-q", "."),
        ("-q", "lint", "-v", "."),
        ("lint", "-v", ".", "--quiet"),
    ],
)
def test_quiet_wins_wherever_it_is(repo: Path, spguard: Spguard, where: tuple[str, ...]) -> None:
    ran = spguard(*where, *TODAY, cwd=repo)
    assert (ran.returncode, ran.stderr, ran.stdout) == (1, "", LINES + SUMMARY)


def test_verbose_does_not_outlast_its_run(repo: Path, spguard: Spguard) -> None:
    assert spguard("lint", "-v", ".", *TODAY, cwd=repo).stderr
    assert spguard("lint", ".", *TODAY, cwd=repo).stderr == ""


def test_quiet_after_the_command_turns_progress_off(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress bars are told to stay off by -q before or after the command alike."""
    from sp_config_guard import progress

    told: list[bool] = []
    real = progress.configure

    def spy(quiet: bool) -> None:
        told.append(quiet)
        real(quiet)

    monkeypatch.setattr(progress, "configure", spy)
    for args, quiet in (
        (("lint", "."), False),
        (("lint", "-q", "."), True),
        (("-q", "lint", "."), True),
    ):
        told.clear()
        invoke_spguard(*args, *TODAY, cwd=repo)
        assert told and told[-1] is quiet, (args, told)


def _write_goldens() -> None:
    """Rewrite tests/golden/ from the example (run by hand after a change to the example)."""
    GOLDEN.mkdir(exist_ok=True)
    for name, args in EXAMPLE_RUNS.items():
        (GOLDEN / name).write_text(_example(*args), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    _write_goldens()
