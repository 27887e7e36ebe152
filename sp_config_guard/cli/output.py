"""Where a command's reports go: standard output, or files written atomically (``--format``,
``--output`` and ``FORMAT:FILE``)."""

from __future__ import annotations

from pathlib import Path

import click

from sp_config_guard import report
from sp_config_guard.messages import t
from sp_config_guard.result import Result


def check_reports(
    formats: tuple[str, ...], outputs: tuple[Path, ...], statistics: bool = False
) -> None:
    """The usage errors of ``--format``, ``--output`` and ``--statistics``, raised before a
    command reads anything: several reports to standard output, an unknown format,
    ``--statistics`` without a text format, more ``--output`` than formats to take them."""
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


def write_reports(
    result: Result,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    statistics: bool = False,
) -> None:
    """Render ``result`` once per format; the n-th ``--output`` takes the n-th ``--format``
    (``FORMAT:FILE`` also works), the rest go to standard output. ``statistics``: the text
    formats end with counts per rule set (:func:`check_reports` first)."""
    check_reports(formats, outputs, statistics)
    pending = list(outputs)
    for spec in formats or ("text",):
        name, _, file = spec.partition(":")
        text = report.get(name, statistics=statistics)(result)
        target = Path(file) if file else (pending.pop(0) if pending else None)
        emit(text, target)


def emit(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (written atomically), or to standard output when None."""
    from sp_config_guard.load.sources import atomic_write

    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
