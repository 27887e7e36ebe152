"""Progress bars for long runs: shown on standard error only when it is a terminal, never in
pipes or CI logs, and never with ``--quiet``. The CLI switches them on; the engine only calls
:func:`track`, which is a no-op otherwise."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import click

T = TypeVar("T")
_state = {"enabled": False}
MIN_ITEMS = 200


def configure(quiet: bool) -> None:
    """Allow progress bars unless quiet, not a terminal, or running in CI."""
    interactive = (
        sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    )
    _state["enabled"] = interactive and not quiet


def enabled() -> bool:
    """Whether bars are shown."""
    return _state["enabled"]


def track(
    items: Iterable[T], length: int, label: str, size: Callable[[T], int] | None = None
) -> Iterator[T]:
    """``items``, with a bar on standard error for long runs when allowed; ``size``: how many
    of ``length`` each item stands for (one when None)."""
    if not _state["enabled"] or length < MIN_ITEMS:
        yield from items
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, color=False) as counted:
        for item in items:
            yield item
            counted.update(1 if size is None else size(item))
