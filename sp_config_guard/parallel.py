"""Both cores: run a function over items in this process and forked workers, results in item
order.

Forked workers see everything the parent had loaded (the repository, the rules) without
copying it through pipes, so the function may be any callable, a closure over them too; only
the results travel back. This process works too, so with two workers there is one child: the
work is shared out in small chunks from a common counter (a slow chunk on one side does not
hold the other up), and what this process computes itself is never copied at all. Where ``fork`` is not available (or one worker is asked for, or the job
is small) the items run in this process alone, with the same results in the same order.

Workers die with this process, however it ends (SIGKILL, a ``timeout``, a cancelled CI job):
left alone they would wait forever on a lock or a full pipe it held."""

from __future__ import annotations

import gc
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sp_config_guard import progress

PARALLEL_FROM = 400  # below this many items, starting workers costs more than it saves
T = TypeVar("T")
R = TypeVar("R")
_DONE = "done"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class WorkerError(RuntimeError):
    """A worker process died or failed without a result the parent can raise."""


@contextmanager
def loading() -> Iterator[None]:
    """Build a repository's worth of long-lived objects without the cyclic collector, then
    freeze them. Parsed artifacts hold no cycles, but each full collection walks every object
    there is, again and again as they grow (at 100,000 artifacts that was a third of a cold
    lint); frozen, later collections (of what checks leave behind) skip them, and forked
    workers do not copy their pages by touching them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


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
    size: Callable[[T], int] | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, shared by this process and ``workers - 1`` forked
    ones when there are at least ``minimum`` (default :data:`PARALLEL_FROM`) items; with
    ``label``, a progress bar in this process (of the items' ``size`` summed, when given:
    an item may stand for several things)."""
    least = PARALLEL_FROM if minimum is None else minimum
    if workers <= 1 or len(items) < max(2, least) or "fork" not in _methods():
        done: Iterator[tuple[int, R]] = enumerate(map(func, items))
    else:
        done = _shared(func, items, workers)
    results: list[Any] = [None] * len(items)
    if label:
        length = len(items) if size is None else sum(map(size, items))
        each = None if size is None else (lambda found: size(items[found[0]]))
        done = progress.track(done, length, label, each)
    for index, result in done:
        results[index] = result
    return results


class _Chunks:
    """The next chunk of items to work on, from a counter shared with the children."""

    def __init__(self, context: Any, total: int, workers: int) -> None:
        self.total, self.size = total, max(1, min(64, total // (workers * 8)))
        self.next = context.Value("q", 0)

    def take(self) -> range | None:
        with self.next.get_lock():
            start = self.next.value
            self.next.value = start + self.size
        return range(start, min(start + self.size, self.total)) if start < self.total else None


def _die_with(parent: int, lifeline: tuple[int, int]) -> None:
    """End this worker when ``parent``, the process that forked it, ends. On Linux the kernel
    sends SIGKILL then (``PR_SET_PDEATHSIG``; strictly when the forking thread ends, and
    :func:`fork_map` waits for its workers), even to a worker stuck in C code that holds the
    GIL; elsewhere a thread waits for end-of-file on a pipe only the parent holds open."""
    read, write = lifeline
    os.close(write)  # this copy would keep the pipe open for ever
    if sys.platform == "linux" and _pdeathsig():
        if os.getppid() != parent:  # it ended before the request was made
            os._exit(1)
        return
    threading.Thread(target=_exit_at_end_of_file, args=(read,), daemon=True).start()


def _pdeathsig() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends; whether it agreed."""
    import ctypes

    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return False
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _exit_at_end_of_file(read: int) -> None:
    while os.read(read, 1):  # nothing is ever written: b"" once the parent's end is closed
        pass
    os._exit(1)


def _work(
    func: Callable[[T], R],
    items: Sequence[T],
    chunks: _Chunks,
    out: Any,
    parent: int,
    lifeline: tuple[int, int],
) -> None:
    """A child's loop: chunks until none are left, each result list sent with its start."""
    _die_with(parent, lifeline)
    try:
        while (chunk := chunks.take()) is not None:
            out.put((chunk.start, [func(items[i]) for i in chunk]))
    except BaseException as err:  # the parent raises it (or WorkerError, if it cannot travel)
        out.put((None, err))
    out.put((_DONE, os.getpid()))


def _shared(func: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[tuple[int, R]]:
    """(index, result) of every item, as chunks are done here or arrive from the children."""
    import multiprocessing  # 10-15 ms to import: only a run that starts workers pays it

    context = multiprocessing.get_context("fork")
    chunks, out = _Chunks(context, len(items), workers), context.Queue()
    lifeline = os.pipe()  # never written to: its end of file tells a child this one is gone
    work = (func, items, chunks, out, os.getpid(), lifeline)
    children = [context.Process(target=_work, args=work, daemon=True) for _ in range(workers - 1)]
    for child in children:
        child.start()
    running, received = {child.pid for child in children}, 0

    def arrived(message: tuple[Any, Any]) -> list[tuple[int, R]]:
        nonlocal received
        start, payload = message
        if start == _DONE:
            running.discard(payload)
            return []
        if start is None:
            raise payload if isinstance(payload, BaseException) else WorkerError(str(payload))
        received += len(payload)
        return list(enumerate(payload, start))

    try:
        own = 0
        while (chunk := chunks.take()) is not None:
            for index in chunk:
                yield index, func(items[index])
            own += len(chunk)
            while not out.empty():  # take in what has arrived, so children never wait on us
                yield from arrived(out.get())
        while running or own + received < len(items):
            try:
                yield from arrived(out.get(timeout=1))
            except queue.Empty:
                if any(child.exitcode not in (None, 0) for child in children) or not running:
                    raise WorkerError("a worker process ended without its results") from None
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        out.close()
        for end in lifeline:
            os.close(end)


def _methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()
