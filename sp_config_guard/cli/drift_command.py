"""``spguard drift``: every local variant against its standard (registered on the ``spguard``
group when :mod:`sp_config_guard.cli` is imported); with ``--base REV`` its Markdown report is
a pull request's summary (:mod:`sp_config_guard.api.review`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from sp_config_guard import report
from sp_config_guard.cli import _config, cli, options
from sp_config_guard.cli.output import check_base, emit
from sp_config_guard.messages import t


@cli.command("drift", help=t("help.drift"))
@options.verbosity
@click.argument("tree", required=False, type=options.paths, callback=options.existing)
@options.format_option("DriftResult")
@click.option("--output", type=options.paths, help=t("help.drift.output"))
@click.option("--waivers", type=options.paths, help=t("help.drift.waivers"))
@click.option(
    "--fail-on", type=options.LazyChoice(options.drift_classes), help=t("help.drift.fail_on")
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=t("help.drift.today"))
@click.option("--min-variants", type=click.IntRange(min=1), help=t("help.drift.min_variants"))
@click.option("--sort", type=options.LazyChoice(options.drift_sorts), help=t("help.drift.sort"))
@options.lang
@options.pull_request
def drift_command(
    tree: Path | None,
    fmt: str,
    output: Path | None,
    waivers: Path | None,
    fail_on: str | None,
    today: datetime | None,
    min_variants: int | None,
    sort: str | None,
    lang: str | None,
    base: str | None,
    link_base: str | None,
) -> int:
    """The ``drift`` command."""
    from sp_config_guard import api
    from sp_config_guard.report.drift_report import problem_lines

    check_base(base, [fmt])
    config = _config(tree, waivers=waivers, lang=lang, min_variants=min_variants)
    run: dict[str, Any] = {"config": config, "fail_on": fail_on, "today": options.date_of(today)}
    change = api.drift_change(tree, base=base, link_to=link_base, **run) if base else None
    result = change.head if change else api.drift(tree, **run)
    result.sort = sort or result.sort
    for line in problem_lines(result):  # each inert: a file name never breaks the line
        click.echo(line, err=True)
    emit(report.render(change or result, fmt), output)
    return result.exit_code()
