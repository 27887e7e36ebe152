"""The ``spguard`` command line: click options -> settings -> run() -> exit code.

Exit codes: 0 clean, 1 findings (or files not in canonical form), 2 usage or configuration
error, 3 internal error."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from sp_config_guard import __version__, progress, reporters, scaffold
from sp_config_guard.baseline import entries_for, load_baseline, write_baseline
from sp_config_guard.config import Config, load_config, redact_env, rulesets_for
from sp_config_guard.differ import diff_git, diff_paths
from sp_config_guard.drift_engine import CLASSES
from sp_config_guard.drift_engine import drift as run_drift
from sp_config_guard.engine import LintSettings, load_repository
from sp_config_guard.engine import lint as run_lint
from sp_config_guard.errors import UsageError
from sp_config_guard.gitrev import standard_at_revision
from sp_config_guard.kinds import data_dir
from sp_config_guard.normalizer import NormalizeSettings, run_normalize
from sp_config_guard.reporters import diff_report, drift_html, drift_report
from sp_config_guard.reporters.command_text import (
    render_baseline_change,
    render_explain,
    render_list,
)
from sp_config_guard.reporters.text_report import render_normalize
from sp_config_guard.result import SEVERITIES, Result
from sp_config_guard.ruleset import Rule, load_rules
from sp_config_guard.sources import atomic_write
from sp_config_guard.validator import validate as run_validate
from sp_config_guard.waivers import EXPIRING_DAYS, load_waivers, today_in_copenhagen

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_paths = click.Path(path_type=Path)
_state = {"verbose": False}
_redact = click.option(
    "--redact",
    is_flag=True,
    help="Findings show no field content (for public CI logs; also SPGUARD_REDACT=1).",
)


def note(message: str) -> None:
    """A note on standard error with --verbose."""
    if _state["verbose"]:
        click.echo(f"spguard: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spguard")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes on standard error.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Notes on standard error: configuration, rule sets, timings.",
)
def cli(quiet: bool, verbose: bool) -> None:
    """Governance linter and diff for Sundhedsplatformen configuration.

    Raw exports are normalised to canonical YAML (one file per artifact), validated against
    the schema of their kind, and checked against the central standard."""
    progress.configure(quiet)
    _state["verbose"] = verbose and not quiet


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
@_redact
def validate(paths: tuple[Path, ...], fmt: str, redact: bool) -> int:
    """Check every artifact against its kind's JSON Schema (default: the current folder)."""
    result = run_validate(list(paths) or [Path(".")], redact=redact or redact_env())
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
        _emit(text, target)
    if pending:
        raise click.UsageError("more --output than --format options")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)


def _config(start: Path | None, **flags: Any) -> Config:
    """The configuration around ``start``, with flags on top (file flags are taken relative
    to the working folder, rule sets too when they name an existing file)."""
    for key in ("waivers", "baseline"):
        if flags.get(key) is not None:
            flags[key] = Path(flags[key]).resolve()
    if flags.get("rulesets"):
        flags["rulesets"] = [
            str(Path(r).resolve()) if Path(r).is_file() else r for r in flags["rulesets"]
        ]
    config = load_config(start or Path("."), flags)
    note(
        f"repository root {config.root}; configuration {config.file or '(none: defaults)'}; language {config.lang}"
    )
    return config


def _rules(config: Config) -> list[Rule]:
    rules = load_rules(rulesets_for(config), config.root)
    sets = sorted({f"{r.ruleset} {r.version}" for r in rules})
    note(f"{len(rules)} rule(s) from {', '.join(sets) or 'no rule set'}")
    return rules


def _date(value: datetime | None) -> date | None:
    return value.date() if value else None


_FORMAT_HELP = (
    "Output format: text, json, sarif, junit, github, gitlab, markdown (repeatable; "
    "FORMAT:FILE or a following --output writes it to a file)."
)
_RULESET_HELP = "Rule set: a shipped preset name or a file (repeatable; default: from spguard.yaml, else all shipped)."
_TODAY_HELP = "Date to judge expiry and usage by (default: today in Copenhagen)."
_lang = click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    help="Language of messages (default: config, else the locale).",
)
_today = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=_TODAY_HELP)
_ruleset = click.option("--ruleset", "rulesets", multiple=True, help=_RULESET_HELP)


@cli.command()
@click.argument("paths", nargs=-1, type=_paths)
@_ruleset
@click.option("--select", multiple=True, help="Only these rule codes (or code prefixes, e.g. MED).")
@click.option("--ignore", multiple=True, help="Skip these rule codes (or prefixes).")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that fails the run (default: config, else error).",
)
@_lang
@click.option("--format", "formats", multiple=True, help=_FORMAT_HELP)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=_paths,
    help="Output file; the n-th --output takes the n-th --format, the rest go to standard output.",
)
@click.option(
    "--waivers", type=_paths, help="Waivers file (default: config, else waivers.yaml at the root)."
)
@click.option(
    "--baseline",
    type=_paths,
    help="Baseline file (default: config, else baseline.yaml at the root).",
)
@_today
@click.option(
    "--no-cache", is_flag=True, help="Parse every file again; do not read or write the cache."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes for parsing (default: one per core).",
)
@_redact
def lint(
    paths: tuple[Path, ...],
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    lang: str | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    waivers: Path | None,
    baseline: Path | None,
    today: datetime | None,
    no_cache: bool,
    workers: int | None,
    redact: bool,
) -> int:
    """Check artifacts against the rule sets, with waivers and baseline applied.

    Given files (as pre-commit passes them), cross-file rules still see the whole repository
    (the folder with spguard.yaml); only findings in the given files are reported."""
    config = _config(
        paths[0] if paths else None,
        rulesets=list(rulesets),
        fail_on=fail_on,
        lang=lang,
        waivers=waivers,
        baseline=baseline,
        redact=redact or None,
    )
    settings = LintSettings(
        paths=list(paths) or [Path(".")],
        rules=_rules(config),
        root=config.root,
        select=select,
        ignore=ignore,
        lang=config.lang,
        today=_date(today),
        waivers=config.waivers,
        baseline=config.baseline,
        config=config,
        use_cache=not no_cache,
        workers=workers,
        redact=config.redact,
    )
    result = run_lint(settings)
    _write_reports(result, formats, outputs)
    return EXIT_FINDINGS if result.failed(config.fail_on) else EXIT_CLEAN


@cli.group()
def waivers() -> None:
    """Waivers (dispensationer): approved, time-limited exceptions."""


@waivers.command("check")
@click.argument("path", required=False, type=_paths)
@click.option(
    "--file",
    "waiver_file",
    type=_paths,
    help="Waivers file (default: config, else waivers.yaml at the root).",
)
@click.option(
    "--days",
    default=EXPIRING_DAYS,
    show_default=True,
    help="Warn about waivers expiring within this many days.",
)
@_ruleset
@click.option("--format", "formats", multiple=True, help=_FORMAT_HELP)
@_today
def waivers_check(
    path: Path | None,
    waiver_file: Path | None,
    days: int,
    rulesets: tuple[str, ...],
    formats: tuple[str, ...],
    today: datetime | None,
) -> int:
    """Expired waivers, waivers expiring soon, and waivers that no longer match anything."""
    config = _config(path, rulesets=list(rulesets), waivers=waiver_file)
    if config.waivers is None:
        raise UsageError(f"no waivers file: none given and no waivers.yaml in {config.root}")
    settings = LintSettings(
        paths=[config.root],
        rules=_rules(config),
        root=config.root,
        today=_date(today),
        waivers=config.waivers,
        expiring_days=days,
        config=config,
    )
    linted = run_lint(settings)
    result = Result("waivers", [f for f in linted.findings if f.code.startswith("WAV")], 1)
    _write_reports(result, formats, ())
    return EXIT_FINDINGS if result.failed("warning") else EXIT_CLEAN


@cli.group()
def baseline() -> None:
    """The baseline: findings accepted when the repository adopted the tool."""


def _write_baseline(
    path: Path | None,
    file: Path | None,
    rulesets: tuple[str, ...],
    today: datetime | None,
    update: bool,
) -> int:
    config = _config(path, rulesets=list(rulesets), baseline=file)
    target = config.baseline or config.root / "baseline.yaml"
    old = load_baseline(target) if update and target.is_file() else []
    settings = LintSettings(
        paths=[config.root],
        rules=_rules(config),
        root=config.root,
        today=_date(today),
        waivers=config.waivers,
        config=config,
    )
    entries = entries_for([f for f in run_lint(settings).findings if not f.code.startswith("WAV")])
    write_baseline(target, entries)
    click.echo(render_baseline_change(target, old, entries), nl=False)
    return EXIT_CLEAN


_baseline_file = click.option(
    "--file",
    "baseline_file",
    type=_paths,
    help="Baseline file (default: config, else baseline.yaml at the root).",
)


@baseline.command("create")
@click.argument("path", required=False, type=_paths)
@_baseline_file
@_ruleset
@_today
def baseline_create(
    path: Path | None, baseline_file: Path | None, rulesets: tuple[str, ...], today: datetime | None
) -> int:
    """Write the baseline from the current findings."""
    return _write_baseline(path, baseline_file, rulesets, today, update=False)


@baseline.command("update")
@click.argument("path", required=False, type=_paths)
@_baseline_file
@_ruleset
@_today
def baseline_update(
    path: Path | None, baseline_file: Path | None, rulesets: tuple[str, ...], today: datetime | None
) -> int:
    """Rewrite the baseline from the current findings, reporting stale and new entries."""
    return _write_baseline(path, baseline_file, rulesets, today, update=True)


@cli.group()
def rules() -> None:
    """The active rules: list them, or explain one."""


@rules.command("list")
@_ruleset
@_lang
def rules_list(rulesets: tuple[str, ...], lang: str | None) -> int:
    """Every active rule with its owner, severity and rule set."""
    config = _config(None, rulesets=list(rulesets), lang=lang)
    click.echo(render_list(_rules(config), config.lang), nl=False)
    return EXIT_CLEAN


@rules.command("explain")
@click.argument("code")
@_ruleset
@_lang
def rules_explain(code: str, rulesets: tuple[str, ...], lang: str | None) -> int:
    """Owner, severity, rationale, the check and examples of rule CODE."""
    config = _config(None, rulesets=list(rulesets), lang=lang)
    found = [r for r in _rules(config) if r.code == code.upper() or r.name == code]
    if not found:
        raise UsageError(f"no rule {code!r}; see spguard rules list")
    cases = data_dir("rules") / "cases" / f"{found[0].code}.yaml"
    click.echo(render_explain(found[0], config.lang, cases), nl=False)
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
    config = _config(tree, waivers=waivers)
    result = Result("drift")
    repo = load_repository(tree or config.root, result, config)
    found = run_drift(
        repo,
        load_waivers(config.waivers) if config.waivers else (),
        _date(today) or today_in_copenhagen(),
        base_of=standard_at_revision,
    )
    for finding in result.findings:
        click.echo(
            f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}",
            err=True,
        )
    render = drift_html.render if fmt == "html" else drift_report.FORMATS[fmt]
    _emit(render(found), output)
    if fail_on is None:
        return EXIT_CLEAN
    serious = CLASSES[: CLASSES.index(fail_on) + 1]
    return EXIT_FINDINGS if any(d.cls in serious for d in found.deviations) else EXIT_CLEAN


@cli.command()
@click.argument("directory", metavar="[DIR]", required=False, default=".", type=_paths)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(directory: Path, force: bool) -> int:
    """Scaffold a configuration repository in DIR (default: the current folder).

    Writes spguard.yaml, an empty waivers.yaml, .pre-commit-config.yaml, CI pipelines for
    GitHub Actions and GitLab CI, and central/ for the standard; existing files are kept
    unless --force is given."""
    for path in scaffold.init(directory, force=force):
        click.echo(f"wrote {path.as_posix()}")
    return EXIT_CLEAN


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
    except OSError as exc:  # e.g. a full disk while writing a report or the baseline
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(
            f"spguard: error: {where}cannot write: {exc.strerror}; the old file is intact", err=True
        )
        code = EXIT_USAGE
    except Exception as exc:  # the last line of defence: one line, not a traceback
        click.echo(f"spguard: internal error: {type(exc).__name__}: {exc}", err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
