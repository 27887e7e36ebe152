"""The ``spguard rules`` group: ``list``, ``explain`` and ``test`` (registered on the
``spguard`` group when :mod:`sp_config_guard.cli` is imported)."""

from __future__ import annotations

from datetime import datetime

import click

from sp_config_guard import report
from sp_config_guard.cli import _config, cli, options
from sp_config_guard.errors import EXIT_CLEAN
from sp_config_guard.messages import t


@cli.group(help=t("help.rules"))
def rules() -> None:
    """The ``rules`` group."""


@rules.command("list", help=t("help.rules.list"))
@options.verbosity
@options.ruleset
@options.format_option("RuleListing", help=t("help.format"))
@options.lang
def rules_list(rulesets: tuple[str, ...], fmt: str, lang: str | None) -> int:
    """The ``rules list`` command."""
    from sp_config_guard import api

    config = _config(None, rulesets=list(rulesets), lang=lang)
    click.echo(report.render(api.rules(config=config, note=options.note), fmt), nl=False)
    return EXIT_CLEAN


@rules.command("explain", help=t("help.rules.explain"))
@options.verbosity
@click.argument("code")
@options.ruleset
@options.format_option("RuleExplanation", help=t("help.format"))
@options.lang
def rules_explain(code: str, rulesets: tuple[str, ...], fmt: str, lang: str | None) -> int:
    """The ``rules explain`` command."""
    from sp_config_guard import api

    config = _config(None, rulesets=list(rulesets), lang=lang)
    click.echo(report.render(api.explain(code, config=config, note=options.note), fmt), nl=False)
    return EXIT_CLEAN


@rules.command("test", help=t("help.rules.test"))
@options.verbosity
@click.argument("rulesets", metavar="[RULESET]...", nargs=-1)
@options.today
@options.format_option("RuleTestResult", help=t("help.format"))
@options.lang
def rules_test(
    rulesets: tuple[str, ...], today: datetime | None, fmt: str, lang: str | None
) -> int:
    """The ``rules test`` command."""
    from sp_config_guard import api

    config = _config(None, lang=lang)
    result = api.rule_tests(rulesets, config=config, today=options.date_of(today))
    click.echo(report.render(result, fmt), nl=False)
    return result.exit_code()
