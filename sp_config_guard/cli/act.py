"""The commands that act on findings and drift: ``spguard fix``, ``spguard upgrade``
and ``spguard promote`` (registered on the ``spguard`` group when :mod:`sp_config_guard.cli` is imported)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from sp_config_guard import report
from sp_config_guard.cli import _config, cli, options
from sp_config_guard.cli.output import emit
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from pathlib import Path


@cli.command("fix", help=t("help.fix"))
@options.verbosity
@click.argument("paths", nargs=-1, type=options.paths, callback=options.existing)
@options.ruleset
@click.option("--select", multiple=True, help=t("help.fix.select"))
@click.option("--dry-run", is_flag=True, help=t("help.fix.dry_run"))
@click.option("--diff", "show_diff", is_flag=True, help=t("help.fix.diff"))
@options.lang
def fix_command(
    paths: tuple[Path, ...],
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    dry_run: bool,
    show_diff: bool,
    lang: str | None,
) -> int:
    """The ``fix`` command."""
    from sp_config_guard import api

    config = _config(paths[0] if paths else None, rulesets=list(rulesets), lang=lang)
    write = not (dry_run or show_diff)
    result = api.fix(
        paths, config=config, select=select, write=write, unified=show_diff, note=options.note
    )
    click.echo(report.render(result, "text"), nl=False)
    return result.exit_code()


@cli.command("upgrade", help=t("help.upgrade"))
@options.verbosity
@click.argument("paths", nargs=-1, type=options.paths, callback=options.existing)
@click.option("--to", "to", metavar="REV", help=t("help.upgrade.to"))
@click.option(
    "--standard", "standards", metavar="ID", multiple=True, help=t("help.upgrade.standard")
)
@click.option(
    "--archive", type=options.paths, callback=options.existing, help=t("help.upgrade.archive")
)
@click.option("--dry-run", is_flag=True, help=t("help.upgrade.dry_run"))
@click.option("--check", is_flag=True, help=t("help.upgrade.check"))
@options.format_option("UpgradeResult")
@click.option("--output", type=options.paths, help=t("help.output"))
@options.lang
def upgrade_command(
    paths: tuple[Path, ...],
    to: str | None,
    standards: tuple[str, ...],
    archive: Path | None,
    dry_run: bool,
    check: bool,
    fmt: str,
    output: Path | None,
    lang: str | None,
) -> int:
    """The ``upgrade`` command."""
    from sp_config_guard import api

    if dry_run and check:
        raise click.UsageError(t("cli.dry_run_or_check"))
    config = _config(paths[0] if paths else None, lang=lang)
    result = api.upgrade(
        paths or [config.root],
        to=to,
        standards=standards,
        archive=archive,
        write=not dry_run,
        check=check,
        config=config,
    )
    emit(report.render(result, fmt), output)
    return result.exit_code()


@cli.command("promote", help=t("help.promote"))
@options.verbosity
@click.argument("tree", required=False, type=options.paths, callback=options.existing)
@click.option(
    "--min-departments", type=click.IntRange(min=1), help=t("help.promote.min_departments")
)
@click.option("--min-hospitals", type=click.IntRange(min=1), help=t("help.promote.min_hospitals"))
@click.option("--apply", "apply_id", metavar="ID", help=t("help.promote.apply"))
@click.option("--dry-run", is_flag=True, help=t("help.promote.dry_run"))
@options.format_option("PromoteResult")
@click.option("--output", type=options.paths, help=t("help.output"))
@options.today
@options.lang
def promote_command(
    tree: Path | None,
    min_departments: int | None,
    min_hospitals: int | None,
    apply_id: str | None,
    dry_run: bool,
    fmt: str,
    output: Path | None,
    today: Any,
    lang: str | None,
) -> int:
    """The ``promote`` command."""
    from sp_config_guard import api

    config = _config(tree, lang=lang, min_departments=min_departments, min_hospitals=min_hospitals)
    result = api.promote(
        tree, config=config, apply=apply_id, write=not dry_run, today=options.date_of(today)
    )
    emit(report.render(result, fmt), output)
    return result.exit_code()
