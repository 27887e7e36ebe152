"""``spguard drift``: every local variant against its standard, and with ``--history`` the
drift index over the repository's git history; with ``--base REV`` its Markdown report is a
pull request's summary (:mod:`sp_config_guard.api.review`). Registered on the ``spguard`` group
when :mod:`sp_config_guard.cli` is imported."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from sp_config_guard import report
from sp_config_guard.cli import _config, cli, options
from sp_config_guard.cli.output import check_base, emit
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from pathlib import Path


@cli.command("drift", help=t("help.drift"))
@options.verbosity
@click.argument("tree", required=False, type=options.paths, callback=options.existing)
@options.format_option("DriftResult", also=("DriftHistory",))
@click.option("--output", type=options.paths, help=t("help.drift.output"))
@click.option("--waivers", type=options.paths, help=t("help.drift.waivers"))
@click.option(
    "--fail-on", type=options.LazyChoice(options.drift_classes), help=t("help.drift.fail_on")
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=t("help.drift.today"))
@click.option("--min-variants", type=click.IntRange(min=1), help=t("help.drift.min_variants"))
@click.option("--sort", type=options.LazyChoice(options.drift_sorts), help=t("help.drift.sort"))
@click.option(
    "--history",
    "spec",
    is_flag=False,
    flag_value="HEAD",
    default=None,
    metavar="[REV|A..B]",
    help=t("help.drift.history"),
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help=t("help.drift.since"))
@click.option("--every", metavar="N|week", help=t("help.drift.every"))
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
    spec: str | None,
    since: datetime | None,
    every: str | None,
    lang: str | None,
    base: str | None,
    link_base: str | None,
) -> int:
    """The ``drift`` command."""
    from sp_config_guard import api
    from sp_config_guard.report.drift_report import problem_lines

    check_base(base, [fmt])
    config = _config(tree, waivers=waivers, lang=lang, min_variants=min_variants)
    if spec is not None and base is not None:
        raise click.UsageError(t("cli.history_base"))
    if spec is None and (since is not None or every is not None):
        raise click.UsageError(t("cli.history_only"))
    if spec is not None and today is not None:  # each step is judged on its commit's day
        raise click.UsageError(t("cli.history_today"))
    if spec is not None:
        if fmt not in report.formats("DriftHistory"):
            known = ", ".join(report.formats("DriftHistory"))
            raise click.UsageError(t("cli.history_format", name=repr(fmt), known=known))
        found = api.drift_history(
            tree, config=config, spec=spec, since=options.date_of(since), every=every
        )
        found.latest.sort = sort or found.latest.sort
        found.latest.fail_on = fail_on  # the newest step fails the run as a drift would
        emit(report.pieces(found, fmt), output)
        return found.exit_code()
    run: dict[str, Any] = {"config": config, "fail_on": fail_on, "today": options.date_of(today)}
    change = api.drift_change(tree, base=base, link_to=link_base, **run) if base else None
    result = change.head if change else api.drift(tree, **run)
    result.sort = sort or result.sort
    for line in problem_lines(result):  # each inert: a file name never breaks the line
        click.echo(line, err=True)
    emit(report.pieces(change or result, fmt), output)
    return result.exit_code()
