"""Both cores: run a function over items in forked worker processes, results in item order.

Forked workers see everything the parent had loaded (the repository, the rules) without
copying it through pipes; only the items and the results travel. Where ``fork`` is not
available (or one worker is asked for, or the job is small) the items run in this process,
with the same results in the same order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sp_config_guard import progress

PARALLEL_FROM = 400  # below this many items, starting workers costs more than it saves
T = TypeVar("T")
R = TypeVar("R")


def workers_wanted(requested: int | None = None) -> int:
    """Worker processes: as asked, else ``SPGUARD_WORKERS``, else one per core."""
    if requested:
        return max(1, requested)
    env = os.environ.get("SPGUARD_WORKERS", "")
    return max(1, int(env)) if env.isdigit() else max(1, os.cpu_count() or 1)


def fork_map(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    minimum: int | None = None,
    label: str | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, spread over ``workers`` forked processes when
    there are at least ``minimum`` (default :data:`PARALLEL_FROM`) items; with ``label``, a
    progress bar in this process."""

    def shown(results: Iterable[R]) -> list[R]:
        return list(progress.track(results, len(items), label) if label else results)

    least = PARALLEL_FROM if minimum is None else minimum
    if workers <= 1 or len(items) < max(2, least) or "fork" not in _methods():
        return shown(map(func, items))
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with context.Pool(min(workers, len(items))) as pool:
        return shown(pool.imap(func, items, chunksize=chunk))


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
