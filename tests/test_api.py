"""The Python API gives the same answers as the command line: for every command and option,
the CLI's output is the API's result rendered, and its exit code the result's ``exit_code()``
(both in this process, through ``click.testing.CliRunner``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sp_config_guard import api, report
from sp_config_guard.cli import cli
from sp_config_guard.messages import language
from sp_config_guard.report.drift_report import problem_lines

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
TODAY = "2026-11-23"
WAIVERS = """\
waivers:
  - id: W-1
    rule: ORG001
    artifacts: ["20100167"]
    reason: Checked by hand in the department review.
    ticket: SP-1001
    approved_by: Fokusområde Medicin
    approved_on: "2026-10-01"
    expires: "2026-12-01"
  - id: W-2
    rule: MED999
    artifacts: ["1"]
    reason: Nothing matches this.
    ticket: SP-1002
    approved_by: Fokusområde Medicin
    approved_on: "2026-10-01"
    expires: "2027-12-01"
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example repository with a waivers file beside it, as working folder."""
    root = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".spguard-cache"))
    (tmp_path / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run_cli(*args: str) -> tuple[int, str, str]:
    """(exit code, standard output, standard error) of ``spguard ARGS`` in this process."""
    outcome = CliRunner().invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)
    return outcome.return_value, outcome.stdout, outcome.stderr


def lint_in_every_format(*args: str) -> tuple[int, dict[str, str], str]:
    """(exit code, format -> report, standard error) of ONE ``spguard lint ARGS`` run that
    writes every format: the first to standard output, each other to a file through
    ``--format FORMAT --output FILE`` (outside the repository)."""
    first, *others = report.formats()
    folder = Path.cwd().parent / "reports"
    folder.mkdir(exist_ok=True)
    files = {fmt: folder / f"report.{fmt}" for fmt in others}
    specs = [w for fmt, file in files.items() for w in ("--format", fmt, "--output", str(file))]
    code, out, err = run_cli("lint", *args, *specs, "--format", first)
    return code, {first: out} | {f: file.read_text("utf-8") for f, file in files.items()}, err


def rendered(result: Any, fmt: str, lang: str = "en") -> str:
    """``result`` in format ``fmt``, in the run's language (SPGUARD_LANG=en unless --lang)."""
    with language(lang):
        return report.render(result, fmt)


LINT_OPTIONS: list[tuple[list[str], list[str], dict[str, Any]]] = [
    ([], [], {}),
    (
        [],
        ["--select", "MED,ORD", "--ignore", "MED006"],
        {"select": ["MED,ORD"], "ignore": ["MED006"]},
    ),
    ([], ["--fail-on", "warning"], {"fail_on": "warning"}),
    (["hovedstaden/hvidovre", "central"], ["--fail-on", "info"], {"fail_on": "info"}),
    ([], ["--redact"], {"redact": True}),
    ([], ["--workers", "1", "--no-cache"], {"workers": 1, "use_cache": False}),
    ([], ["--lang", "da"], {"lang": "da"}),
    (
        [],
        ["--ruleset", "medication", "--ruleset", "visits"],
        {"rulesets": ["medication", "visits"]},
    ),
    ([], ["--waivers", "../waivers.yaml"], {"waivers": "../waivers.yaml"}),
]


@pytest.mark.parametrize(("paths", "flags", "options"), LINT_OPTIONS)
def test_lint_matches_the_cli_for_every_option(
    tree: Path, paths: list[str], flags: list[str], options: dict[str, Any]
) -> None:
    code, out, _ = run_cli("lint", *paths, "--today", TODAY, "--format", "json", *flags)
    result = api.lint(paths or ".", today=date(2026, 11, 23), **options)
    assert out == rendered(result, "json", options.get("lang", "en"))
    assert code == result.exit_code()


def test_lint_with_a_baseline_and_every_report_format(tree: Path) -> None:
    code, _, _ = run_cli("baseline", "create", "--today", TODAY)
    assert code == 0
    code, reports, _ = lint_in_every_format("--today", TODAY, "--baseline", "baseline.yaml")
    # a run that writes SARIF makes the text edits of its fixes, as api.lint(edits=True)
    result = api.lint(today=date(2026, 11, 23), baseline="baseline.yaml", edits=True)
    assert reports == {fmt: rendered(result, fmt) for fmt in report.formats()}
    assert '"fixes": [' in reports["sarif"]
    assert code == result.exit_code() == 0  # every finding is in the baseline


def test_validate_matches_the_cli(tree: Path) -> None:
    (tree / "central" / "Medication" / "broken.yaml").write_text("kind: Medication\nid: [", "utf-8")
    for flags, options in [
        ([], {}),
        (["--redact", "--lang", "da"], {"redact": True, "lang": "da"}),
    ]:
        for fmt in report.formats():
            code, out, _ = run_cli("validate", "central", "--format", fmt, *flags)
            result = api.validate("central", **options)
            assert out == rendered(result, fmt, options.get("lang", "en"))
            assert code == result.exit_code() == 1


@pytest.mark.parametrize(
    ("flags", "options"),
    [
        ([], {}),
        (["--fail-on", "violation"], {"fail_on": "violation"}),
        (
            ["--fail-on", "waived", "--waivers", "../waivers.yaml"],
            {"fail_on": "waived", "waivers": "../waivers.yaml"},
        ),
        (["--lang", "da"], {"lang": "da"}),
    ],
)
def test_drift_matches_the_cli(tree: Path, flags: list[str], options: dict[str, Any]) -> None:
    (tree / "hovedstaden" / "DecisionRule" / "bad.yaml").write_text("a: 1\na: 2\n", "utf-8")
    result = api.drift(today=date(2026, 11, 23), **options)
    assert [p.code for p in result.problems] == ["LOAD002"]
    for fmt in report.formats("DriftResult"):
        code, out, err = run_cli("drift", "--today", TODAY, "--format", fmt, *flags)
        assert out == rendered(result, fmt, options.get("lang", "en")), fmt
        assert code == result.exit_code() == 1
        assert err == "".join(f"{line}\n" for line in problem_lines(result))


def test_drift_without_problems_fails_only_at_its_fail_on(tree: Path) -> None:
    assert api.drift(today=date(2026, 11, 23)).exit_code() == 0
    assert api.drift(today=date(2026, 11, 23), fail_on="violation").exit_code() == 1
    assert run_cli("drift", "--today", TODAY, "--fail-on", "violation")[0] == 1


def test_drift_lang_overrides_the_configuration(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``drift --lang en`` in a repository configured in Danish reports in English (it used
    to be overridden by the configuration's language)."""
    monkeypatch.delenv("SPGUARD_LANG")
    _, english, _ = run_cli("drift", "--today", TODAY, "--lang", "en")
    _, danish, _ = run_cli("drift", "--today", TODAY)
    assert english.splitlines()[0].split()[:2] == ["region", "variants"]
    assert danish.splitlines()[0].split()[:2] == ["region", "varianter"]


def test_diff_and_normalize_match_the_cli(tree: Path) -> None:
    for fmt in report.formats("DiffResult"):
        for flags in ([], ["--drift"]):
            code, out, _ = run_cli("diff", "central", "hovedstaden", "--format", fmt, *flags)
            result = api.diff("central", "hovedstaden", with_drift=bool(flags))
            assert (out, code) == (rendered(result, fmt, "en"), result.exit_code())
            assert code == 1
    (tree / "central" / "Medication" / "100101.yaml").write_text(
        "kind: Medication\nid: '100101'\n", "utf-8"
    )
    for flags, options in [(["--check"], {"check": True}), (["--diff"], {"diff": True})]:
        code, out, _ = run_cli("normalize", "central", *flags)
        result = api.normalize("central", **options)
        assert out == rendered(result, "text", "en") and result.changed
        assert code == result.exit_code() == 1


def test_waivers_check_matches_the_cli(tree: Path) -> None:
    for fmt in ("text", "json"):
        code, out, _ = run_cli(
            "waivers", "check", "--file", "../waivers.yaml", "--today", TODAY, "--format", fmt
        )
        result = api.check_waivers(waivers="../waivers.yaml", today=date(2026, 11, 23))
        assert out == rendered(result, fmt)
        assert code == result.exit_code() == 1  # W-1 expires within 30 days, W-2 is stale
    result = api.check_waivers(waivers="../waivers.yaml", today=date(2026, 11, 23), days=3)
    assert sorted(f.code for f in result.findings) == ["WAV004"]
    assert run_cli(
        "waivers", "check", "--file", "../waivers.yaml", "--today", TODAY, "--days", "3"
    )[1] == rendered(result, "text")


def test_baseline_create_and_update_match_the_cli(tree: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(tree, other)
    unused = Path("hovedstaden/rigshospitalet/1301081/PreferenceList/521013.yaml")  # BLD002
    for command in ("create", "update"):
        code, out, err = run_cli("baseline", command, "--today", TODAY, "--file", "b.yaml")
        change = api.write_baseline(
            other, today=date(2026, 11, 23), baseline=other / "b.yaml", update=command == "update"
        )
        assert (tree / "b.yaml").read_text("utf-8") == (other / "b.yaml").read_text("utf-8")
        assert (out, err, code) == (rendered(change, "text"), "", change.exit_code())
        assert code == 0 and change.entries > 0
        assert change.added if command == "create" else change.dropped
        (tree / unused).unlink(missing_ok=True)
        (other / unused).unlink(missing_ok=True)


def test_rules_list_and_explain_match_the_cli(tree: Path) -> None:
    for flags, options in [
        ([], {}),
        (["--lang", "da", "--ruleset", "medication"], {"lang": "da", "rulesets": ["medication"]}),
    ]:
        _, out, _ = run_cli("rules", "list", *flags)
        assert out == rendered(api.rules(**options), "text", options.get("lang", "en"))
        _, out, _ = run_cli("rules", "explain", "MED001", *flags)
        explanation = api.explain("MED001", **options)
        assert out == rendered(explanation, "text", options.get("lang", "en"))
        (details,) = explanation.rules
        assert details.info.code == "MED001" and explanation.codes == ()
        assert details.examples is not None and details.examples[0] == "MED001.yaml"


def test_config_options_go_to_the_configuration_or_the_command_not_both(tree: Path) -> None:
    config = api.configuration(".", lang="en")
    assert api.lint(config=config, select=["MED001"]).fail_on == config.fail_on
    with pytest.raises(TypeError, match="lang"):
        api.lint(config=config, lang="da")


@pytest.mark.usefixtures("cache_in_tmp")  # drift reads the example in place, with the cache
def test_validate_drift_and_diff() -> None:
    assert api.validate(EXAMPLE).findings == []
    found = api.drift(EXAMPLE, today=date(2026, 11, 23))
    assert found.variants and any(d.cls == "violation" for d in found.deviations)
    same = api.diff(EXAMPLE, EXAMPLE)
    assert not same.changed
    assert api.configuration(EXAMPLE).root == EXAMPLE.resolve()


HEAVY = ("jsonschema", "jsonschema_rs", "referencing", "re2", "jsonpath", "jsonpath_rfc9535")


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_schema_rule_or_kind_machinery(tree: Path, flag: str) -> None:
    """In a fresh interpreter (a configured repository as working folder, so its language is
    read), ``spguard --version`` and ``--help`` import none of the heavy libraries nor the
    configuration, kind, rule or report machinery."""
    script = f"""
import sys
from click.testing import CliRunner
from sp_config_guard.cli import cli
outcome = CliRunner().invoke(cli, [{flag!r}])
assert outcome.exit_code == 0, outcome.output
heavy = {HEAVY!r}
stages = ("config", "kinds", "shipped", "loader", "engine", "ruleset", "checks")
print(sorted(
    name for name in sys.modules
    if name.split(".")[0] in heavy
    or (name.startswith("sp_config_guard.") and name.rsplit(".", 1)[-1] in stages)
    or name.startswith(("sp_config_guard.api", "sp_config_guard.report."))
))
print(outcome.output)
"""
    env = {k: v for k, v in os.environ.items() if k != "SPGUARD_LANG"}  # read spguard.yaml
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tree, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    loaded, first = proc.stdout.splitlines()[:2]
    assert loaded == "[]"
    assert first.startswith("spguard, version" if flag == "--version" else "Brug:")
    if flag == "--help":  # in the configuration's language, Danish (click's words too)
        assert "Governance-linter og diff" in proc.stdout


@pytest.mark.parametrize("command", ["lint", "validate"])
def test_lint_and_validate_load_no_drift_or_normalize_stage(tree: Path, command: str) -> None:
    """In a fresh interpreter, ``spguard lint`` and ``validate`` (the pre-commit hooks) import
    neither the drift nor the normalize stage, nor DeepDiff (0.1 s a start), nor the API's
    modules for other commands."""
    args = [command, "--no-cache", "."] if command == "lint" else [command, "."]
    script = f"""
import sys
from sp_config_guard.cli import main
sys.argv = ["spguard", *{args!r}]
try:
    main()
except SystemExit:
    pass
print(sorted(
    name for name in sys.modules
    if name.split(".")[0] == "deepdiff"
    or name.startswith(("sp_config_guard.drift.", "sp_config_guard.normalize.run"))
    or name.startswith("sp_config_guard.api.") and name.split(".")[-1] not in ("checks", "setup")
), file=sys.stderr)
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=tree, capture_output=True, text=True)
    assert "file(s) checked" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stderr.splitlines()[-1] == "[]", proc.stderr


def test_every_name_of_the_api_is_found_where_it_lives() -> None:
    """``api.NAME`` (and ``from sp_config_guard.api import NAME``) gives the function or
    type of the module it lives in, for every name of ``__all__``; others are no attribute."""
    import importlib

    from sp_config_guard import api

    homes = {name: api._HOME[name] for name in api.__all__}
    assert sorted(homes) == sorted(api._HOME) and len(homes) == 21
    for name, home in homes.items():
        module = importlib.import_module(home if "." in home else f"sp_config_guard.api.{home}")
        assert getattr(api, name) is getattr(module, name)
    assert sorted(dir(api)) == sorted(api.__all__)
    with pytest.raises(AttributeError, match="no attribute 'lintt'"):
        api.lintt  # noqa: B018


def test_an_invalid_configuration_is_reported_in_the_locales_language(tmp_path: Path) -> None:
    """The help takes ``lang`` from the configuration file as written (read without its
    schema); a command takes it only from a valid configuration, so an invalid one is
    reported in the locale's language, as before the help was made lazy."""
    (tmp_path / "spguard.yaml").write_text("lang: da\nbogus: 1\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPGUARD_", "LC_"))}
    env["LANG"] = "C.UTF-8"

    def spguard(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sp_config_guard", *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)

    assert "Governance-linter og diff" in spguard("--help").stdout
    linted = spguard("lint", ".")
    assert linted.returncode == 2
    assert "invalid configuration at top level: unknown property 'bogus'" in linted.stderr
