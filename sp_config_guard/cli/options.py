"""The options the ``spguard`` commands share, their parameter types and what turns option
values into API arguments. Importing this module chooses the language of the help texts
(click builds them when the commands are defined), cheaply: no schema machinery."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from sp_config_guard import progress, report
from sp_config_guard.cli import translation
from sp_config_guard.cli.output import COLOUR_CHOICES
from sp_config_guard.load.startup import startup_lang
from sp_config_guard.messages import set_lang, t

if TYPE_CHECKING:
    from pathlib import Path

# click builds the help texts when the commands are defined: choose their language first
set_lang(startup_lang(sys.argv[1:]))
# and click's own texts through the catalog before any of them is looked up (a path type
# names itself when it is made: through gettext, that would search the system for a locale)
translation.install()


class _Paths(click.Path):
    """click's path type giving a :class:`~pathlib.Path`, imported when a path is given (not
    for ``--help``, which never converts one)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


paths = _Paths()


def existing(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Paths to read must exist: a usage error naming every missing one, before anything is
    read (a mistyped path never passes as "nothing to check")."""
    from sp_config_guard.load.discovery import require_existing  # not for --help

    require_existing(value if isinstance(value, tuple) else [value] if value else [])
    return value


class LazyChoice(click.Choice):
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


def drift_classes() -> list[str]:
    """The classes of deviation, most serious first (``drift --fail-on``)."""
    from sp_config_guard.drift.result import CLASSES

    return list(CLASSES)


def drift_sorts() -> list[str]:
    """The orders of the drift report's tables (``drift --sort``)."""
    from sp_config_guard.drift.result import SORTS

    return list(SORTS)


def format_option(
    result_type: str, help: str | None = None, also: tuple[str, ...] = ()
) -> Callable[[Any], Any]:
    """``--format`` of a command whose result type is ``result_type`` (or one of ``also``,
    by its options): one of their formats."""
    names = [name for kind in (result_type, *also) for name in report.formats(kind)]
    choice = click.Choice(list(dict.fromkeys(names)))
    return click.option(
        "--format", "fmt", type=choice, default="text", show_default=True, help=help
    )


redact = click.option("--redact", is_flag=True, help=t("help.redact"))


def pull_request(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--base REV`` and ``--link-base URL``: the Markdown report as a pull request's summary."""
    command = click.option("--link-base", metavar="URL", help=t("help.link_base"))(command)
    return click.option("--base", metavar="REV", help=t("help.base"))(command)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_lang(value)


# --lang of the commands that read no configuration (it also chose the help's language)
lang_only = click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    expose_value=False,
    is_eager=True,
    callback=_set_lang,
    help=t("help.lang"),
)
# --lang of the commands that read the configuration (which it overrides)
lang = click.option("--lang", type=click.Choice(["da", "en"]), help=t("help.lang"))


FORMAT_HELP = t("help.formats", formats=", ".join(report.formats()))
today = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=t("help.today"))
ruleset = click.option("--ruleset", "rulesets", multiple=True, help=t("help.ruleset"))
baseline_file = click.option("--file", "baseline_file", type=paths, help=t("help.baseline_file"))


def date_of(value: datetime | None) -> date | None:
    """The date of a ``--today``."""
    return value.date() if value else None


def pre_commit_range() -> tuple[str, str] | None:
    """The revisions pre-commit checks the change between (``pre-commit run --from-ref A
    --to-ref B``, the pre-push hook), if it names them; else the staged change is checked."""
    found = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    return (found[0], found[1]) if found[0] and found[1] else None


# -- -q/-v/--color: the run's state, set before or after the command -----------------------
state: dict[str, Any] = {"quiet": False, "verbose": False, "color": "auto"}  # of this run


def note(message: str) -> None:
    """A note on standard error with --verbose (and not --quiet)."""
    if state["verbose"] and not state["quiet"]:
        click.echo(f"spguard: {message}", err=True)


def _verbosity_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``-q``/``-v`` given after a command: the same as before it (either place sets it)."""
    if value and param.name is not None:
        state[param.name] = True
        progress.configure(state["quiet"])


def _colour_choice(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--color`` given after a command: the same as before it (the later one wins)."""
    if value is not None:
        state["color"] = value


# --color: whether the text report on standard output is coloured (cli.output.colour_wanted)
colour_option = click.option(
    "--color",
    type=click.Choice(COLOUR_CHOICES),
    expose_value=False,
    callback=_colour_choice,
    help=t("help.color"),
)


def verbosity(command: Callable[..., Any]) -> Callable[..., Any]:
    """``-q``/``-v`` (and ``--color``) of a command, so ``spguard lint -q .`` means
    ``spguard -q lint .``."""
    for flag, name, key in (("-v", "--verbose", "help.verbose"), ("-q", "--quiet", "help.quiet")):
        command = click.option(
            flag,
            name,
            is_flag=True,
            expose_value=False,
            callback=_verbosity_flag,
            help=t(key),
        )(command)
    return colour_option(command)
