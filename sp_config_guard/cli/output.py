"""Where a command's reports go: standard output, or files written atomically (``--format``,
``--output`` and ``FORMAT:FILE``); and whether standard output gets colour (``--color``,
``NO_COLOR``, ``FORCE_COLOR``), decided here only (:func:`colour_wanted`); and how a run's
outcome is said (:func:`outcome`: an exit code, and one line on standard error for a failure)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import click

from sp_config_guard import report
from sp_config_guard.errors import EXIT_CLEAN, EXIT_INTERNAL, EXIT_USAGE, UsageError
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from pathlib import Path

    from sp_config_guard.result import Result

COLOUR_CHOICES = ("auto", "always", "never")


def colour_wanted(
    choice: str, environ: Mapping[str, str] | None = None, tty: bool | None = None
) -> bool:
    """Whether standard output gets colour. ``--color always`` or ``never`` decides; with
    ``auto`` (the default) a non-empty ``NO_COLOR`` (no-color.org) turns it off, else a
    non-empty ``FORCE_COLOR`` (force-color.org; e.g. a CI log) on, else a terminal gets it
    (unless ``TERM=dumb``) and a pipe or a file does not. ``environ`` and ``tty``: this
    process's environment and whether its standard output is a terminal, unless given."""
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if tty is None:
        tty = sys.stdout is not None and sys.stdout.isatty()
    return tty and env.get("TERM") != "dumb"


def check_reports(
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    statistics: bool = False,
    base: str | None = None,
) -> None:
    """The usage errors of ``--format``, ``--output``, ``--statistics`` and ``--base``, raised
    before a command reads anything: several reports to standard output, an unknown format,
    ``--statistics`` without a text format, more ``--output`` than formats to take them,
    ``--base`` without the Markdown report it shapes."""
    to_stdout = [s for s in formats if not s.partition(":")[2]][len(outputs) :]
    if len(to_stdout) > 1:
        raise click.UsageError(t("cli.formats_to_stdout", formats=", ".join(to_stdout)))
    specs = formats or ("text",)
    names = [spec.partition(":")[0] for spec in specs]
    for name in names:
        try:
            report.get(name)
        except KeyError as err:
            raise click.UsageError(str(err.args[0])) from None
    if statistics and not any(report.has_statistics(name) for name in names):
        text_formats = [name for name in report.formats() if report.has_statistics(name)]
        raise click.UsageError(t("cli.statistics_without_text", formats=", ".join(text_formats)))
    if len(outputs) > sum(1 for spec in specs if not spec.partition(":")[2]):
        raise click.UsageError(t("cli.more_outputs"))
    check_base(base, names)


def check_base(base: str | None, names: list[str]) -> None:
    """``--base`` shapes the Markdown report: a usage error without it among ``names``."""
    if base is not None and "markdown" not in names:
        raise click.UsageError(t("pr.base_needs_markdown"))


def write_reports(
    result: Result,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    statistics: bool = False,
    colour: str = "auto",
    summary: object | None = None,
) -> None:
    """Render ``result`` once per format; the n-th ``--output`` takes the n-th ``--format``
    (``FORMAT:FILE`` also works), the rest go to standard output. ``statistics``: the text
    formats end with counts per rule set (:func:`check_reports` first). ``colour``: the
    ``--color`` choice, for the one report on standard output if it can be coloured (a file
    never is). ``summary``: what the Markdown report shows instead (``--base``: a change)."""
    import pathlib

    from sp_config_guard.report.stored import rendered  # a report stored beside its result

    check_reports(formats, outputs, statistics)
    pending = list(outputs)
    for spec in formats or ("text",):
        name, _, file = spec.partition(":")
        target = pathlib.Path(file) if file else (pending.pop(0) if pending else None)
        coloured = target is None and report.has_colour(name) and colour_wanted(colour)
        if name == "markdown" and summary is not None:
            text = report.render(summary, name)
        else:
            text = rendered(result, name, statistics, coloured)
        emit(text, target, colour=coloured)


def emit(text: str | Iterable[str], output: Path | None, colour: bool = False) -> None:
    """``text`` to ``output`` (written atomically), or to standard output when None (its
    escape codes kept with ``colour``, though it be a pipe: :func:`colour_wanted` decided);
    ``text`` may come in pieces (:func:`~sp_config_guard.report.pieces`), each written as it
    comes."""
    from sp_config_guard.load.sources import atomic_write

    if output is not None:
        atomic_write(output, text)
        return
    for piece in [text] if isinstance(text, str) else text:
        click.echo(piece, nl=False, color=colour or None)


def outcome(run: Callable[[], object]) -> int:
    """The exit code of ``run`` (click's main, not standalone): usage and input errors are one
    line and exit 2, anything unforeseen one line and exit 3, never a bare traceback."""
    try:
        code = run()
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
    return code if isinstance(code, int) else EXIT_CLEAN
