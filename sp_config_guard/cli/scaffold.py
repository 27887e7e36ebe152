"""``spguard init`` (registered on the ``spguard`` group when :mod:`sp_config_guard.cli` is
imported)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sp_config_guard.cli import cli, options
from sp_config_guard.errors import EXIT_CLEAN
from sp_config_guard.messages import current_lang, t

if TYPE_CHECKING:
    from pathlib import Path


@cli.command(help=t("help.init"))
@options.verbosity
@click.argument("directory", metavar="[DIR]", required=False, default=".", type=options.paths)
@click.option("--force", is_flag=True, help=t("help.init.force"))
@click.option("--install-from", "install_from", metavar="SOURCE", help=t("help.init.install_from"))
@options.lang_only
def init(directory: Path, force: bool, install_from: str | None) -> int:
    """The ``init`` command."""
    from sp_config_guard import scaffold
    from sp_config_guard.scaffold.install import source

    install = source(install_from, root=directory)
    written = scaffold.init(directory, force=force, lang=current_lang(), install=install)
    for path in written:
        click.echo(t("init.wrote", path=path.as_posix()))
    if install.local and not options.state["quiet"]:  # CI runners cannot install from here
        click.echo(t("init.install_local", source=install.pip_args), err=True)
    return EXIT_CLEAN
