"""``spguard usage``: usage data joined onto the canonical tree (``usage import``; registered on
the ``spguard`` group when :mod:`sp_config_guard.cli` is imported)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sp_config_guard import report
from sp_config_guard.cli import cli, options
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from pathlib import Path


@cli.group(help=t("help.usage"))
def usage() -> None:
    """The ``usage`` group."""


@usage.command("import", help=t("help.usage.import"))
@options.verbosity
@click.argument("reports", nargs=-1, required=True, type=options.paths, callback=options.existing)
@click.option(
    "--profile",
    required=True,
    type=options.paths,
    callback=options.existing,
    help=t("help.usage.profile"),
)
@click.option(
    "--into",
    default=".",
    type=options.paths,
    callback=options.existing,
    help=t("help.usage.into"),
)
@click.option("--check", is_flag=True, help=t("help.usage.check"))
@options.format_option("UsageResult", help=t("help.format"))
@options.lang_only
def import_command(
    reports: tuple[Path, ...], profile: Path, into: Path, check: bool, fmt: str
) -> int:
    """The ``usage import`` command."""
    from sp_config_guard import api

    result = api.usage_import(reports, profile, into, check=check)
    click.echo(report.render(result, fmt), nl=False)
    return result.exit_code()
