"""The ``spguard`` command line: click options -> settings -> run() -> exit code.

Exit codes: 0 clean, 1 findings (or files not in canonical form), 2 usage or configuration
error, 3 internal error."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from sp_config_guard import __version__, reporters
from sp_config_guard.baseline import entries_for, load_baseline, write_baseline
from sp_config_guard.diff import diff_git, diff_paths
from sp_config_guard.drift import CLASSES
from sp_config_guard.drift import drift as run_drift
from sp_config_guard.engine import LintSettings, find_root, load_repository
from sp_config_guard.engine import lint as run_lint
from sp_config_guard.errors import UsageError
from sp_config_guard.gitrev import standard_at_revision
from sp_config_guard.kinds import data_dir
from sp_config_guard.normalize import NormalizeSettings, run_normalize
from sp_config_guard.reporters import diff_report, drift_html, drift_report
from sp_config_guard.reporters.command_text import (
    render_baseline_change,
    render_explain,
    render_list,
)
from sp_config_guard.reporters.text_report import render_normalize
from sp_config_guard.result import SEVERITIES, Result
from sp_config_guard.ruleset import load_rules
from sp_config_guard.sources import atomic_write
from sp_config_guard.validate import validate as run_validate
from sp_config_guard.waivers import EXPIRING_DAYS, load_waivers, today_in_copenhagen

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_paths = click.Path(path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spguard")
def cli() -> None:
    """Governance linter and diff for Sundhedsplatformen configuration.

    Raw exports are normalised to canonical YAML (one file per artifact), validated against
    the schema of their kind, and checked against the central standard."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_paths)
@click.option("--out", "out", type=_paths, help="Folder of the canonical tree to write.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=_paths,
    help="Mapping profile file, or a folder of them (repeatable).",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 listing files not in canonical form."
)
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; show what would change.")
@click.option("--encoding", help="Encoding of the exports (e.g. cp1252); overrides the profiles.")
def normalize(
    inputs: tuple[Path, ...],
    out: Path | None,
    profiles: tuple[Path, ...],
    check: bool,
    show_diff: bool,
    encoding: str | None,
) -> int:
    """Turn raw exports (or canonical files, in place) into the canonical tree.

    Without --out, INPUTS are canonical artifact files and are rewritten in place."""
    settings = NormalizeSettings(inputs, out, profiles, check, show_diff, encoding)
    result = run_normalize(settings)
    click.echo(render_normalize(result, settings), nl=False)
    return EXIT_FINDINGS if result.failed else EXIT_CLEAN


@cli.command()
@click.argument("paths", nargs=-1, type=_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(reporters.REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
def validate(paths: tuple[Path, ...], fmt: str) -> int:
    """Check every artifact against its kind's JSON Schema (default: the current folder)."""
    result = run_validate(list(paths) or [Path(".")])
    click.echo(reporters.get(fmt)(result), nl=False)
    return EXIT_FINDINGS if result.failed("error") else EXIT_CLEAN


def _write_reports(result: Result, formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    """Render ``result`` once per format; the n-th ``--output`` takes the n-th ``--format``
    (``FORMAT:FILE`` also works), the rest go to standard output."""
    pending = list(outputs)
    for spec in formats or ("text",):
        name, _, file = spec.partition(":")
        try:
            text = reporters.get(name)(result)
        except KeyError as err:
            raise click.UsageError(str(err.args[0])) from None
        target = Path(file) if file else (pending.pop(0) if pending else None)
        if target is None:
            click.echo(text, nl=False)
        else:
            atomic_write(target, text)
    if pending:
        raise click.UsageError("more --output than --format options")


_FORMAT_HELP = (
    "Output format: text, json, sarif, junit, github, gitlab, markdown (repeatable; "
    "FORMAT:FILE or a following --output writes it to a file)."
)


def _root(paths: tuple[Path, ...]) -> Path:
    return find_root(list(paths) or [Path(".")])


def _default(given: Path | None, root: Path, name: str) -> Path | None:
    if given is not None:
        return given
    candidate = root / name
    return candidate if candidate.is_file() else None


@cli.command()
@click.argument("paths", nargs=-1, type=_paths)
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    help="Rule set: a shipped preset name or a file (repeatable; default: all shipped).",
)
@click.option("--select", multiple=True, help="Only these rule codes (or code prefixes, e.g. MED).")
@click.option("--ignore", multiple=True, help="Skip these rule codes (or prefixes).")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Lowest severity that fails the run.",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default="en",
    show_default=True,
    help="Language of messages.",
)
@click.option("--format", "formats", multiple=True, help=_FORMAT_HELP)
@click.option(
    "--output", "outputs", multiple=True, type=_paths, help="File for the preceding --format."
)
@click.option(
    "--waivers", type=_paths, help="Waivers file (default: waivers.yaml at the repository root)."
)
@click.option(
    "--baseline", type=_paths, help="Baseline file (default: baseline.yaml at the repository root)."
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date to judge expiry and usage by (default: today in Copenhagen).",
)
def lint(
    paths: tuple[Path, ...],
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    lang: str,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    waivers: Path | None,
    baseline: Path | None,
    today: datetime | None,
) -> int:
    """Check artifacts against the rule sets, with waivers and baseline applied.

    Given files (as pre-commit passes them), cross-file rules still see the whole repository;
    only findings in the given files are reported."""
    root = _root(paths)
    settings = LintSettings(
        paths=list(paths) or [Path(".")],
        rules=load_rules(rulesets, root),
        root=root,
        select=select,
        ignore=ignore,
        lang=lang,
        today=today.date() if today else None,
        waivers=_default(waivers, root, "waivers.yaml"),
        baseline=_default(baseline, root, "baseline.yaml"),
    )
    result = run_lint(settings)
    _write_reports(result, formats, outputs)
    return EXIT_FINDINGS if result.failed(fail_on) else EXIT_CLEAN


@cli.group()
def waivers() -> None:
    """Waivers (dispensationer): approved, time-limited exceptions."""


@waivers.command("check")
@click.argument("path", required=False, type=_paths)
@click.option(
    "--file",
    "waiver_file",
    type=_paths,
    help="Waivers file (default: waivers.yaml at the repository root).",
)
@click.option(
    "--days",
    default=EXPIRING_DAYS,
    show_default=True,
    help="Warn about waivers expiring within this many days.",
)
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Rule set (repeatable; default: all shipped)."
)
@click.option("--format", "formats", multiple=True, help=_FORMAT_HELP)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to judge expiry by.")
def waivers_check(
    path: Path | None,
    waiver_file: Path | None,
    days: int,
    rulesets: tuple[str, ...],
    formats: tuple[str, ...],
    today: datetime | None,
) -> int:
    """Expired waivers, waivers expiring soon, and waivers that no longer match anything."""
    root = _root((path,) if path else ())
    file = _default(waiver_file, root, "waivers.yaml")
    if file is None:
        raise UsageError(f"no waivers file: none given and no waivers.yaml in {root}")
    settings = LintSettings(
        paths=[path or root],
        rules=load_rules(rulesets, root),
        root=root,
        today=today.date() if today else None,
        waivers=file,
        expiring_days=days,
    )
    linted = run_lint(settings)
    result = Result("waivers", [f for f in linted.findings if f.code.startswith("WAV")], 1)
    _write_reports(result, formats, ())
    return EXIT_FINDINGS if result.failed("warning") else EXIT_CLEAN


@cli.group()
def baseline() -> None:
    """The baseline: findings accepted when the repository adopted the tool."""


@baseline.command("create")
@click.argument("path", required=False, type=_paths)
@click.option(
    "--file",
    "baseline_file",
    type=_paths,
    help="Baseline file (default: baseline.yaml at the repository root).",
)
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Rule set (repeatable; default: all shipped)."
)
@click.option("--update", is_flag=True, hidden=True)
@click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to judge expiry and usage by."
)
def baseline_create(
    path: Path | None,
    baseline_file: Path | None,
    rulesets: tuple[str, ...],
    update: bool,
    today: datetime | None,
) -> int:
    """Write the baseline from the current findings."""
    root = _root((path,) if path else ())
    file = baseline_file or root / "baseline.yaml"
    old = load_baseline(file) if update and file.is_file() else []
    settings = LintSettings(
        paths=[path or root],
        rules=load_rules(rulesets, root),
        root=root,
        today=today.date() if today else None,
        waivers=_default(None, root, "waivers.yaml"),
    )
    entries = entries_for([f for f in run_lint(settings).findings if not f.code.startswith("WAV")])
    write_baseline(file, entries)
    click.echo(render_baseline_change(file, old, entries), nl=False)
    return EXIT_CLEAN


@baseline.command("update")
@click.argument("path", required=False, type=_paths)
@click.option(
    "--file",
    "baseline_file",
    type=_paths,
    help="Baseline file (default: baseline.yaml at the repository root).",
)
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Rule set (repeatable; default: all shipped)."
)
@click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to judge expiry and usage by."
)
@click.pass_context
def baseline_update(
    ctx: click.Context,
    path: Path | None,
    baseline_file: Path | None,
    rulesets: tuple[str, ...],
    today: datetime | None,
) -> int:
    """Rewrite the baseline from the current findings, reporting stale and new entries."""
    return int(
        ctx.invoke(
            baseline_create,
            path=path,
            baseline_file=baseline_file,
            rulesets=rulesets,
            update=True,
            today=today,
        )
    )


@cli.group()
def rules() -> None:
    """The active rules: list them, or explain one."""


@rules.command("list")
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Rule set (repeatable; default: all shipped)."
)
@click.option("--lang", type=click.Choice(["da", "en"]), default="en", show_default=True)
def rules_list(rulesets: tuple[str, ...], lang: str) -> int:
    """Every active rule with its owner, severity and rule set."""
    click.echo(render_list(load_rules(rulesets, _root(())), lang), nl=False)
    return EXIT_CLEAN


@rules.command("explain")
@click.argument("code")
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Rule set (repeatable; default: all shipped)."
)
@click.option("--lang", type=click.Choice(["da", "en"]), default="en", show_default=True)
def rules_explain(code: str, rulesets: tuple[str, ...], lang: str) -> int:
    """Owner, severity, rationale, the check and examples of rule CODE."""
    found = [r for r in load_rules(rulesets, _root(())) if r.code == code.upper() or r.name == code]
    if not found:
        raise UsageError(f"no rule {code!r}; see spguard rules list")
    click.echo(
        render_explain(found[0], lang, data_dir("rules") / "cases" / f"{found[0].code}.yaml"),
        nl=False,
    )
    return EXIT_CLEAN


@cli.command()
@click.argument("sides", nargs=-1, type=_paths)
@click.option(
    "--git",
    "git_spec",
    metavar="REV[..REV]",
    help="Compare git revisions (one REV: against the work tree); SIDES is then the tree to look at (default: .).",
)
@click.option(
    "--drift",
    "with_drift",
    is_flag=True,
    help="Also say what each change does to the deviation from the standard.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(diff_report.FORMATS)),
    default="text",
    show_default=True,
)
@click.option("--output", type=_paths, help="Write the report to this file.")
def diff(
    sides: tuple[Path, ...], git_spec: str | None, with_drift: bool, fmt: str, output: Path | None
) -> int:
    """Semantic diff of two files or trees (OLD NEW), or of git revisions (--git).

    Exit code 0 when equal, 1 when different, 2 on error."""
    if git_spec:
        if len(sides) > 1:
            raise click.UsageError("with --git give at most one PATH")
        result = diff_git(git_spec, sides[0] if sides else Path("."), with_drift)
    elif len(sides) == 2:
        result = diff_paths(sides[0], sides[1], with_drift)
    else:
        raise click.UsageError("give OLD and NEW, or --git REV[..REV]")
    _emit(diff_report.FORMATS[fmt](result), output)
    if result.problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.changed else EXIT_CLEAN


@cli.command("drift")
@click.argument("tree", required=False, type=_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*sorted(drift_report.FORMATS), "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    type=_paths,
    help="Write the report to this file (the HTML report is one self-contained file).",
)
@click.option(
    "--waivers", type=_paths, help="Waivers file (default: waivers.yaml at the repository root)."
)
@click.option(
    "--fail-on",
    type=click.Choice(CLASSES),
    help="Exit 1 when a deviation of this class (or a more serious one) exists.",
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to judge waiver expiry by.")
def drift_command(
    tree: Path | None,
    fmt: str,
    output: Path | None,
    waivers: Path | None,
    fail_on: str | None,
    today: datetime | None,
) -> int:
    """Every local variant against its standard: classified deviations and roll-ups."""
    root = tree or _root(())
    result = Result("drift")
    repo = load_repository(root, result)
    waiver_file = _default(waivers, root, "waivers.yaml")
    found = run_drift(
        repo,
        load_waivers(waiver_file) if waiver_file else (),
        today.date() if today else today_in_copenhagen(),
        base_of=standard_at_revision,
    )
    render = drift_html.render if fmt == "html" else drift_report.FORMATS[fmt]
    for finding in result.findings:
        click.echo(
            str(finding.file)
            + f":{finding.line}:{finding.column}: {finding.code} {finding.message}",
            err=True,
        )
    _emit(render(found), output)
    if fail_on is None:
        return EXIT_CLEAN
    serious = CLASSES[: CLASSES.index(fail_on) + 1]
    return EXIT_FINDINGS if any(d.cls in serious for d in found.deviations) else EXIT_CLEAN


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)


def main() -> None:
    """Run the CLI and turn every outcome into an exit code (never a bare traceback)."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("spguard: aborted", err=True)
        code = EXIT_USAGE
    except UsageError as exc:
        click.echo(f"spguard: error: {exc}", err=True)
        code = EXIT_USAGE
    except Exception as exc:  # the last line of defence: one line, not a traceback
        click.echo(f"spguard: internal error: {type(exc).__name__}: {exc}", err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
