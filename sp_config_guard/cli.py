"""The ``spguard`` command line: click options -> settings -> run() -> exit code.

Exit codes (one mapping, :func:`sp_config_guard.result.exit_code`): 0 clean, 1 findings or
input files that could not be read or are invalid, 2 usage or configuration error, 3 internal
error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sp_config_guard import __version__, progress, report
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.waivers import EXPIRING_DAYS
from sp_config_guard.load.config import Config, load_config, rulesets_for, startup_lang
from sp_config_guard.load.discovery import require_existing
from sp_config_guard.messages import set_lang, t
from sp_config_guard.result import (
    EXIT_CLEAN,
    EXIT_INTERNAL,
    EXIT_USAGE,
    SEVERITIES,
    Result,
    exit_code,
)

if TYPE_CHECKING:
    from sp_config_guard.lint.ruleset import Rule

# Each command imports what it uses when it runs: `spguard lint` never pays for deepdiff.
_paths = click.Path(path_type=Path)


def _existing(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Paths to read must exist: a usage error naming every missing one, before anything is
    read (a mistyped path never passes as "nothing to check")."""
    require_existing(value if isinstance(value, tuple) else [value] if value else [])
    return value


class _LazyChoice(click.Choice):
    """A choice whose values come from a registry imported only when they are needed."""

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        self._values = values
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return self._values()

    @choices.setter
    def choices(self, _: Sequence[str]) -> None:
        pass


def _diff_formats() -> list[str]:
    from sp_config_guard.report import diff_report

    return sorted(diff_report.FORMATS)


def _drift_formats() -> list[str]:
    from sp_config_guard.report import drift_report

    return [*sorted(drift_report.FORMATS), "html"]


def _drift_classes() -> list[str]:
    from sp_config_guard.drift.classify import CLASSES

    return list(CLASSES)


_state = {"verbose": False}

# click builds help texts when the commands are defined: choose their language first
set_lang(startup_lang(sys.argv[1:]))
_redact = click.option("--redact", is_flag=True, help=t("help.redact"))


def note(message: str) -> None:
    """A note on standard error with --verbose."""
    if _state["verbose"]:
        click.echo(f"spguard: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=t("help.group"))
@click.version_option(__version__, prog_name="spguard")
@click.option("-q", "--quiet", is_flag=True, help=t("help.quiet"))
@click.option("-v", "--verbose", is_flag=True, help=t("help.verbose"))
def cli(quiet: bool, verbose: bool) -> None:
    """The ``spguard`` group: global options."""
    progress.configure(quiet)
    _state["verbose"] = verbose and not quiet


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_lang(value)


# --lang of the commands that read no configuration (it also chose the help's language)
_lang_only = click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    expose_value=False,
    is_eager=True,
    callback=_set_lang,
    help=t("help.lang"),
)
# --lang of the commands that read the configuration (which it overrides)
_lang = click.option("--lang", type=click.Choice(["da", "en"]), help=t("help.lang"))


@cli.command(help=t("help.normalize"))
@click.argument("inputs", nargs=-1, required=True, type=_paths, callback=_existing)
@click.option("--out", "out", type=_paths, help=t("help.normalize.out"))
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=_paths,
    callback=_existing,
    help=t("help.normalize.profile"),
)
@click.option("--check", is_flag=True, help=t("help.normalize.check"))
@click.option("--diff", "show_diff", is_flag=True, help=t("help.normalize.diff"))
@click.option("--encoding", help=t("help.normalize.encoding"))
@_lang_only
def normalize(
    inputs: tuple[Path, ...],
    out: Path | None,
    profiles: tuple[Path, ...],
    check: bool,
    show_diff: bool,
    encoding: str | None,
) -> int:
    """The ``normalize`` command."""
    from sp_config_guard.normalize.run import NormalizeSettings, run_normalize
    from sp_config_guard.report.text_report import render_normalize

    settings = NormalizeSettings(inputs, out, profiles, check, show_diff, encoding)
    result = run_normalize(settings)
    click.echo(render_normalize(result, settings), nl=False)
    return exit_code(bool(result.changed), result.problems)


@cli.command(help=t("help.validate"))
@click.argument("paths", nargs=-1, type=_paths, callback=_existing)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(report.REPORTERS)),
    default="text",
    show_default=True,
    help=t("help.format"),
)
@_lang
@_redact
def validate(paths: tuple[Path, ...], fmt: str, lang: str | None, redact: bool) -> int:
    """The ``validate`` command."""
    from sp_config_guard.validate.run import validate as run_validate

    config = _config(paths[0] if paths else None, lang=lang, redact=redact or None)
    result = run_validate(list(paths) or [Path(".")], redact=config.redact, config=config)
    click.echo(report.get(fmt)(result), nl=False)
    return result.exit_code("error")


def _write_reports(result: Result, formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    """Render ``result`` once per format; the n-th ``--output`` takes the n-th ``--format``
    (``FORMAT:FILE`` also works), the rest go to standard output."""
    pending = list(outputs)
    for spec in formats or ("text",):
        name, _, file = spec.partition(":")
        try:
            text = report.get(name)(result)
        except KeyError as err:
            raise click.UsageError(str(err.args[0])) from None
        target = Path(file) if file else (pending.pop(0) if pending else None)
        _emit(text, target)
    if pending:
        raise click.UsageError(t("cli.more_outputs"))


def _emit(text: str, output: Path | None) -> None:
    from sp_config_guard.load.sources import atomic_write

    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)


def _config(
    start: Path | None,
    flag_names: dict[str, str] | None = None,
    writes: tuple[str, ...] = (),
    **flags: Any,
) -> Config:
    """The configuration around ``start``, with flags on top (file flags are taken relative
    to the working folder, rule sets too when they name an existing file); ``flag_names``
    and ``writes`` as for :func:`load_config`."""
    for key in ("waivers", "baseline"):
        if flags.get(key) is not None:
            flags[key] = Path(flags[key]).resolve()
    if flags.get("rulesets"):
        flags["rulesets"] = [
            str(Path(r).resolve()) if Path(r).is_file() else r for r in flags["rulesets"]
        ]
    config = load_config(start or Path("."), flags, flag_names=flag_names, writes=writes)
    set_lang(config.lang)
    file = config.file or t("note.no_config")
    note(t("note.config", root=config.root, file=file, lang=config.lang))
    return config


def _rules(config: Config) -> list[Rule]:
    from sp_config_guard.lint.ruleset import load_rules

    rules = load_rules(rulesets_for(config), config.root)
    sets = sorted({f"{r.ruleset} {r.version}" for r in rules})
    note(t("note.rules", count=len(rules), sets=", ".join(sets) or t("note.no_ruleset")))
    return rules


def _date(value: datetime | None) -> date | None:
    return value.date() if value else None


_FORMAT_HELP = t("help.formats")
_RULESET_HELP = t("help.ruleset")
_TODAY_HELP = t("help.today")
_today = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=_TODAY_HELP)
_ruleset = click.option("--ruleset", "rulesets", multiple=True, help=_RULESET_HELP)


@cli.command(help=t("help.lint"))
@click.argument("paths", nargs=-1, type=_paths, callback=_existing)
@_ruleset
@click.option("--select", multiple=True, help=t("help.lint.select"))
@click.option("--ignore", multiple=True, help=t("help.lint.ignore"))
@click.option("--fail-on", type=click.Choice(SEVERITIES), help=t("help.lint.fail_on"))
@_lang
@click.option("--format", "formats", multiple=True, help=_FORMAT_HELP)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=_paths,
    help=t("help.lint.output"),
)
@click.option("--waivers", type=_paths, help=t("help.waivers_file"))
@click.option("--baseline", type=_paths, help=t("help.baseline_file"))
@_today
@click.option("--no-cache", is_flag=True, help=t("help.lint.no_cache"))
@click.option("--workers", type=click.IntRange(min=1), help=t("help.lint.workers"))
@click.option("--changed", is_flag=True, help=t("help.lint.changed"))
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
    changed: bool,
    redact: bool,
) -> int:
    """The ``lint`` command."""
    from sp_config_guard.lint.engine import LintSettings
    from sp_config_guard.lint.engine import lint as run_lint

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
        paths=list(paths) or ([] if changed else [Path(".")]),
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
        changed=changed,
        since=_pre_commit_range() if changed else None,
    )
    result = run_lint(settings)
    _write_reports(result, formats, outputs)
    return result.exit_code(config.fail_on)


def _pre_commit_range() -> tuple[str, str] | None:
    """The revisions pre-commit checks the change between (``pre-commit run --from-ref A
    --to-ref B``, the pre-push hook), if it names them; else the staged change is checked."""
    found = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    return (found[0], found[1]) if found[0] and found[1] else None


@cli.group(help=t("help.waivers"))
def waivers() -> None:
    """The ``waivers`` group."""


@waivers.command("check", help=t("help.waivers.check"))
@click.argument("path", required=False, type=_paths, callback=_existing)
@click.option("--file", "waiver_file", type=_paths, help=t("help.waivers_file"))
@click.option("--days", default=EXPIRING_DAYS, show_default=True, help=t("help.waivers.days"))
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
    """The ``waivers check`` command."""
    from sp_config_guard.lint.engine import LintSettings
    from sp_config_guard.lint.engine import lint as run_lint

    config = _config(path, {"waivers": "--file"}, rulesets=list(rulesets), waivers=waiver_file)
    if config.waivers is None:
        raise UsageError(t("cli.no_waivers", root=config.root))
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
    # an artifact that could not be read may be what a waiver covers: say so, not "stale"
    found = [f for f in linted.findings if f.code.startswith("WAV") or f.input_problem]
    result = Result("waivers", found, 1)
    _write_reports(result, formats, ())
    return result.exit_code("warning")


@cli.group(help=t("help.baseline"))
def baseline() -> None:
    """The ``baseline`` group."""


def _write_baseline(
    path: Path | None,
    file: Path | None,
    rulesets: tuple[str, ...],
    today: datetime | None,
    update: bool,
) -> int:
    from sp_config_guard.lint.baseline import entries_for, load_baseline, write_baseline
    from sp_config_guard.lint.engine import LintSettings
    from sp_config_guard.lint.engine import lint as run_lint
    from sp_config_guard.load.loader import shown
    from sp_config_guard.report.command_text import render_baseline_change, render_left_out

    config = _config(
        path, {"baseline": "--file"}, ("baseline",), rulesets=list(rulesets), baseline=file
    )
    target = config.baseline or config.root / "baseline.yaml"
    old = load_baseline(target, config.root) if update and target.is_file() else []
    settings = LintSettings(
        paths=[config.root],
        rules=_rules(config),
        root=config.root,
        today=_date(today),
        waivers=config.waivers,
        config=config,
    )
    linted = run_lint(settings)
    # Written for the files that could be read; what the others hold is unknown, so none of
    # their findings is accepted and (update) no old entry is dropped as stale.
    problems = linted.problems
    found = [f for f in linted.findings if not f.code.startswith("WAV")]
    entries = entries_for(found, keep=old if problems else ())
    write_baseline(target, entries)
    click.echo(render_baseline_change(shown(target, config.root), old, entries), nl=False)
    click.echo(render_left_out(problems), nl=False, err=True)
    return exit_code(False, problems)


_baseline_file = click.option("--file", "baseline_file", type=_paths, help=t("help.baseline_file"))


def _baseline_command(name: str, help_key: str, update: bool) -> None:
    """``baseline create`` and ``baseline update``: the same options, one difference."""

    @baseline.command(name, help=t(help_key))
    @click.argument("path", required=False, type=_paths, callback=_existing)
    @_baseline_file
    @_ruleset
    @_today
    def command(
        path: Path | None,
        baseline_file: Path | None,
        rulesets: tuple[str, ...],
        today: datetime | None,
    ) -> int:
        return _write_baseline(path, baseline_file, rulesets, today, update=update)


_baseline_command("create", "help.baseline.create", update=False)
_baseline_command("update", "help.baseline.update", update=True)


@cli.group(help=t("help.rules"))
def rules() -> None:
    """The ``rules`` group."""


@rules.command("list", help=t("help.rules.list"))
@_ruleset
@_lang
def rules_list(rulesets: tuple[str, ...], lang: str | None) -> int:
    """The ``rules list`` command."""
    from sp_config_guard.report.command_text import render_list

    config = _config(None, rulesets=list(rulesets), lang=lang)
    click.echo(render_list(_rules(config), config.lang), nl=False)
    return EXIT_CLEAN


@rules.command("explain", help=t("help.rules.explain"))
@click.argument("code")
@_ruleset
@_lang
def rules_explain(code: str, rulesets: tuple[str, ...], lang: str | None) -> int:
    """The ``rules explain`` command."""
    from sp_config_guard.lint.codes import resolve
    from sp_config_guard.report.command_text import render_explain

    config = _config(None, rulesets=list(rulesets), lang=lang)
    rules = _rules(config)
    wanted = resolve([code], rules, None, prefixes=False)
    if not wanted:
        raise UsageError(t("codes.unknown", code=repr(code), hint=""))
    for rule in [r for r in rules if r.code in wanted or r.name in wanted]:
        # A rule's examples live beside its rule set: shipped or the repository's own.
        cases = Path(rule.file).parent / "cases" / f"{rule.code}.yaml"
        click.echo(render_explain(rule, config.lang, cases), nl=False)
    return EXIT_CLEAN


@cli.command(help=t("help.diff"))
@click.argument("sides", nargs=-1, type=_paths)
@click.option("--git", "git_spec", metavar="REV|A..B|A...B", help=t("help.diff.git"))
@click.option("--drift", "with_drift", is_flag=True, help=t("help.diff.drift"))
@click.option(
    "--format",
    "fmt",
    type=_LazyChoice(_diff_formats),
    default="text",
    show_default=True,
)
@click.option("--output", type=_paths, help=t("help.output"))
@_lang_only
def diff(
    sides: tuple[Path, ...], git_spec: str | None, with_drift: bool, fmt: str, output: Path | None
) -> int:
    """The ``diff`` command."""
    from sp_config_guard.drift.tree_diff import diff_git, diff_paths
    from sp_config_guard.report import diff_report

    if git_spec is not None:
        if len(sides) > 1:
            raise click.UsageError(t("cli.git_one_path"))
        result = diff_git(git_spec, sides[0] if sides else Path("."), with_drift)
    elif len(sides) == 2:
        result = diff_paths(sides[0], sides[1], with_drift)
    else:
        raise click.UsageError(t("cli.diff_sides"))
    _emit(diff_report.FORMATS[fmt](result), output)
    return exit_code(result.changed, result.problems)


@cli.command("drift", help=t("help.drift"))
@click.argument("tree", required=False, type=_paths, callback=_existing)
@click.option(
    "--format",
    "fmt",
    type=_LazyChoice(_drift_formats),
    default="text",
    show_default=True,
)
@click.option("--output", type=_paths, help=t("help.drift.output"))
@click.option("--waivers", type=_paths, help=t("help.drift.waivers"))
@click.option("--fail-on", type=_LazyChoice(_drift_classes), help=t("help.drift.fail_on"))
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=t("help.drift.today"))
@_lang_only
def drift_command(
    tree: Path | None,
    fmt: str,
    output: Path | None,
    waivers: Path | None,
    fail_on: str | None,
    today: datetime | None,
) -> int:
    """The ``drift`` command."""
    from sp_config_guard.drift.classify import drift as run_drift
    from sp_config_guard.lint.waivers import load_waivers, today_in_copenhagen
    from sp_config_guard.load.gitrev import standard_at_revision
    from sp_config_guard.load.workspace import load_repository
    from sp_config_guard.report import drift_html, drift_report

    config = _config(tree, waivers=waivers)
    repo, problems = load_repository(tree or config.root, config.root, config.wanted)
    found = run_drift(
        repo,
        load_waivers(config.waivers, config.root) if config.waivers else (),
        _date(today) or today_in_copenhagen(),
        base_of=standard_at_revision,
    )
    found.problems = problems
    for line in drift_report.problem_lines(found):
        click.echo(line, err=True)
    render = drift_html.render if fmt == "html" else drift_report.FORMATS[fmt]
    _emit(render(found), output)
    return exit_code(found.failed(fail_on), found.problems)


@cli.command(help=t("help.init"))
@click.argument("directory", metavar="[DIR]", required=False, default=".", type=_paths)
@click.option("--force", is_flag=True, help=t("help.init.force"))
@_lang_only
def init(directory: Path, force: bool) -> int:
    """The ``init`` command."""
    from sp_config_guard import scaffold

    for path in scaffold.init(directory, force=force):
        click.echo(t("init.wrote", path=path.as_posix()))
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
        click.echo(t("cli.aborted"), err=True)
        code = EXIT_USAGE
    except UsageError as exc:
        click.echo(t("cli.error", detail=exc), err=True)
        code = EXIT_USAGE
    except OSError as exc:  # e.g. a full disk while writing a report or the baseline
        where = f"{exc.filename}: " if exc.filename else ""
        detail = where + t("NORM004.write", reason=exc.strerror)
        click.echo(t("cli.error", detail=detail), err=True)
        code = EXIT_USAGE
    except Exception as exc:  # the last line of defence: one line, not a traceback
        click.echo(t("cli.internal", detail=f"{type(exc).__name__}: {exc}"), err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
