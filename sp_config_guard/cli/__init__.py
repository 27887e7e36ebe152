"""The ``spguard`` command line: click options -> the API -> a report -> the exit code (the
options the commands share: :mod:`sp_config_guard.cli.options`).

Exit codes (one mapping, :func:`sp_config_guard.result.exit_code`): 0 clean, 1 findings or
input files that could not be read or are invalid, 2 usage or configuration error, 3 internal
error. Each command imports the API (and that the stages) when it runs: --help and --version
are cheap."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from sp_config_guard import __version__, progress, report
from sp_config_guard.cli import options, translation
from sp_config_guard.cli.output import COLOUR_CHOICES, check_reports, emit, outcome, write_reports
from sp_config_guard.errors import SEVERITIES
from sp_config_guard.lint import EXPIRING_DAYS
from sp_config_guard.load.startup import startup_lang
from sp_config_guard.messages import set_lang, t

if TYPE_CHECKING:
    from pathlib import Path

    from sp_config_guard.load.config import Config


@click.group(
    cls=translation.Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=t("help.group"),
)
@click.version_option(__version__, prog_name="spguard")
@click.option("-q", "--quiet", is_flag=True, help=t("help.quiet"))
@click.option("-v", "--verbose", is_flag=True, help=t("help.verbose"))
@click.option("--color", type=click.Choice(COLOUR_CHOICES), help=t("help.color"))
def cli(quiet: bool, verbose: bool, color: str | None) -> None:
    """The ``spguard`` group: global options (``-q``/``-v``/``--color`` also after a command)."""
    from sp_config_guard.load.config import configured_lang

    # the help texts took the configuration's language as written; a command takes it only
    # from a valid configuration (an invalid one is reported in the locale's language)
    set_lang(startup_lang(sys.argv[1:], configured_lang))
    options.state.update(quiet=quiet, verbose=verbose, color=color or "auto")
    progress.configure(quiet)


@cli.command(help=t("help.normalize"))
@options.verbosity
@click.argument("inputs", nargs=-1, required=True, type=options.paths, callback=options.existing)
@click.option("--out", "out", type=options.paths, help=t("help.normalize.out"))
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=options.paths,
    callback=options.existing,
    help=t("help.normalize.profile"),
)
@click.option("--check", is_flag=True, help=t("help.normalize.check"))
@click.option("--diff", "show_diff", is_flag=True, help=t("help.normalize.diff"))
@click.option("--encoding", help=t("help.normalize.encoding"))
@options.format_option("NormalizeResult", help=t("help.format"))
@options.lang_only
def normalize(
    inputs: tuple[Path, ...],
    out: Path | None,
    profiles: tuple[Path, ...],
    check: bool,
    show_diff: bool,
    encoding: str | None,
    fmt: str,
) -> int:
    """The ``normalize`` command."""
    from sp_config_guard import api

    result = api.normalize(inputs, out, profiles, check, encoding, diff=show_diff)
    click.echo(report.render(result, fmt), nl=False)
    return result.exit_code()


@cli.command(help=t("help.validate"))
@options.verbosity
@click.argument("paths", nargs=-1, type=options.paths, callback=options.existing)
@options.format_option("Result", help=t("help.format"))
@options.lang
@options.redact
def validate(paths: tuple[Path, ...], fmt: str, lang: str | None, redact: bool) -> int:
    """The ``validate`` command."""
    from sp_config_guard import api

    config = _config(paths[0] if paths else None, lang=lang, redact=redact or None)
    result = api.validate(paths, config=config)
    write_reports(result, (fmt,), (), colour=options.state["color"])
    return result.exit_code()


def _config(
    start: Path | None,
    flag_names: dict[str, str] | None = None,
    writes: tuple[str, ...] = (),
    use_cache: bool = False,
    **flags: Any,
) -> Config:
    """The configuration around ``start`` with flags on top (:func:`api.configuration`),
    whose language the command's messages and reports are in from now on."""
    from sp_config_guard import api

    config = api.configuration(
        start,
        flag_names=flag_names,
        writes=writes,
        note=options.note,
        use_cache=use_cache,
        **flags,
    )
    set_lang(config.lang)
    return config


@cli.command(help=t("help.lint"))
@options.verbosity
@click.argument("paths", nargs=-1, type=options.paths, callback=options.existing)
@options.ruleset
@click.option("--select", multiple=True, help=t("help.lint.select"))
@click.option("--ignore", multiple=True, help=t("help.lint.ignore"))
@click.option("--fail-on", type=click.Choice(SEVERITIES), help=t("help.lint.fail_on"))
@options.lang
@click.option("--format", "formats", multiple=True, help=options.FORMAT_HELP)
@click.option("--output", "outputs", multiple=True, type=options.paths, help=t("help.lint.output"))
@click.option("--statistics", is_flag=True, help=t("help.lint.statistics"))
@click.option("--waivers", type=options.paths, help=t("help.waivers_file"))
@click.option("--baseline", type=options.paths, help=t("help.baseline_file"))
@options.today
@click.option("--no-cache", is_flag=True, help=t("help.lint.no_cache"))
@click.option("--workers", type=click.IntRange(min=1), help=t("help.lint.workers"))
@click.option("--changed", is_flag=True, help=t("help.lint.changed"))
@options.redact
@options.pull_request
def lint(
    paths: tuple[Path, ...],
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    lang: str | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    statistics: bool,
    waivers: Path | None,
    baseline: Path | None,
    today: datetime | None,
    no_cache: bool,
    workers: int | None,
    changed: bool,
    redact: bool,
    base: str | None,
    link_base: str | None,
) -> int:
    """The ``lint`` command."""
    from sp_config_guard import api

    check_reports(formats, outputs, statistics, base)
    config = _config(
        paths[0] if paths else None,
        rulesets=list(rulesets),
        fail_on=fail_on,
        lang=lang,
        waivers=waivers,
        baseline=baseline,
        redact=redact or None,
        use_cache=not no_cache,
    )
    run: dict[str, Any] = dict(
        config=config,
        select=select,
        ignore=ignore,
        today=options.date_of(today),
        use_cache=not no_cache,
        workers=workers,
        changed=changed,
        since=options.pre_commit_range() if changed else None,
        edits="sarif" in formats,  # SARIF fixes: each repair as an edit of its file's text
        note=options.note,
    )
    change = api.lint_change(paths, base=base, link_to=link_base, **run) if base else None
    result = change.head if change else api.lint(paths, **run)
    colour = options.state["color"]
    write_reports(result, formats, outputs, statistics, colour=colour, summary=change)
    return result.exit_code()


@cli.group(help=t("help.waivers"))
def waivers() -> None:
    """The ``waivers`` group."""


@waivers.command("check", help=t("help.waivers.check"))
@options.verbosity
@click.argument("path", required=False, type=options.paths, callback=options.existing)
@click.option("--file", "waiver_file", type=options.paths, help=t("help.waivers_file"))
@click.option("--days", default=EXPIRING_DAYS, show_default=True, help=t("help.waivers.days"))
@options.ruleset
@click.option("--format", "formats", multiple=True, help=options.FORMAT_HELP)
@click.option("--output", "outputs", multiple=True, type=options.paths, help=t("help.lint.output"))
@options.today
@options.lang
def waivers_check(
    path: Path | None,
    waiver_file: Path | None,
    days: int,
    rulesets: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    today: datetime | None,
    lang: str | None,
) -> int:
    """The ``waivers check`` command."""
    from sp_config_guard import api

    check_reports(formats, outputs)
    config = _config(
        path, {"waivers": "--file"}, rulesets=list(rulesets), waivers=waiver_file, lang=lang
    )
    result = api.check_waivers(
        config=config, days=days, today=options.date_of(today), note=options.note
    )
    write_reports(result, formats, outputs, colour=options.state["color"])
    return result.exit_code()


@cli.group(help=t("help.baseline"))
def baseline() -> None:
    """The ``baseline`` group."""


def _write_baseline(
    path: Path | None,
    file: Path | None,
    rulesets: tuple[str, ...],
    today: datetime | None,
    update: bool,
    fmt: str,
) -> int:
    from sp_config_guard import api
    from sp_config_guard.report.command_text import render_left_out

    config = _config(
        path, {"baseline": "--file"}, ("baseline",), rulesets=list(rulesets), baseline=file
    )
    change = api.write_baseline(
        config=config, today=options.date_of(today), update=update, note=options.note
    )
    click.echo(report.render(change, fmt), nl=False)
    click.echo(render_left_out(change.problems), nl=False, err=True)
    return change.exit_code()


def _baseline_command(name: str, help_key: str, update: bool) -> None:
    """``baseline create`` and ``baseline update``: the same options, one difference."""

    @baseline.command(name, help=t(help_key))
    @options.verbosity
    @click.argument("path", required=False, type=options.paths, callback=options.existing)
    @options.baseline_file
    @options.ruleset
    @options.today
    @options.format_option("BaselineChange", help=t("help.format"))
    def command(
        path: Path | None,
        baseline_file: Path | None,
        rulesets: tuple[str, ...],
        today: datetime | None,
        fmt: str,
    ) -> int:
        return _write_baseline(path, baseline_file, rulesets, today, update=update, fmt=fmt)


_baseline_command("create", "help.baseline.create", update=False)
_baseline_command("update", "help.baseline.update", update=True)


@cli.command(help=t("help.diff"))
@options.verbosity
@click.argument("sides", nargs=-1, type=options.paths)
@click.option("--git", "git_spec", metavar="REV|A..B|A...B", help=t("help.diff.git"))
@click.option("--drift", "with_drift", is_flag=True, help=t("help.diff.drift"))
@options.format_option("DiffResult")
@click.option("--output", type=options.paths, help=t("help.output"))
@options.lang_only
def diff(
    sides: tuple[Path, ...], git_spec: str | None, with_drift: bool, fmt: str, output: Path | None
) -> int:
    """The ``diff`` command."""
    from sp_config_guard import api

    if git_spec is not None:
        if len(sides) > 1:
            raise click.UsageError(t("cli.git_one_path"))
        result = api.diff(git=git_spec, path=sides[0] if sides else ".", with_drift=with_drift)
    elif len(sides) == 2:
        result = api.diff(sides[0], sides[1], with_drift=with_drift)
    else:
        raise click.UsageError(t("cli.diff_sides"))
    emit(report.render(result, fmt), output)
    return result.exit_code()


def main() -> None:
    """Run the CLI and turn every outcome into an exit code (never a bare traceback)."""
    # click's own errors ("No such option") come before any command runs: in the language the
    # process starts with, as the help texts were made (cli/options.py), in whichever process
    set_lang(startup_lang(sys.argv[1:]))
    sys.exit(outcome(lambda: cli.main(standalone_mode=False)))


# the commands of their own modules register themselves on the group when imported
from sp_config_guard.cli import act, drift, rulebook, scaffold, usage  # noqa: E402, F401
