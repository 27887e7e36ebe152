"""The commands that act on findings and drift: ``spguard fix`` (registered on the ``spguard``
group when :mod:`sp_config_guard.cli` is imported)."""

from __future__ import annotations

from pathlib import Path

import click

from sp_config_guard import report
from sp_config_guard.cli import _config, cli, options
from sp_config_guard.messages import t


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
