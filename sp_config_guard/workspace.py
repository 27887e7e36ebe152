"""Loading a whole repository fast: the parse cache for files that have not changed, and
worker processes (both cores) for the ones that have. Results are identical with and
without the cache and with any number of workers: the order of documents is the order of
the files, and the parse is the same function."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.cache import Cache, Stat, cache_dir, digest, disabled
from sp_config_guard.errors import InputError, Problem
from sp_config_guard.loader import Document, load_document
from sp_config_guard.messages import msg

PARALLEL_FROM = 400  # below this many files to parse, workers cost more than they save


@dataclass
class Workspace:
    """The documents of a repository, the files that could not be read, and the digest of
    every file's content (the input of result caching)."""

    docs: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)


def workers_wanted(requested: int | None = None) -> int:
    """Worker processes: as asked, else ``SPGUARD_WORKERS``, else one per core."""
    if requested:
        return max(1, requested)
    env = os.environ.get("SPGUARD_WORKERS", "")
    return max(1, int(env)) if env.isdigit() else max(1, os.cpu_count() or 1)


def _parse(item: tuple[str, str]) -> tuple[str, dict[str, Any] | None, Problem | None, str | None]:
    """Read, hash and parse one file (runs in a worker)."""
    path, display = item
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        problem = Problem("LOAD000", msg("LOAD000.unreadable", reason=err.strerror), display)
        return "", None, problem, None
    key = digest(data)
    try:
        doc = load_document(Path(path), display)
    except InputError as err:
        return key, None, err.problem, None
    return key, doc.data, None, doc.source


def _parse_all(
    items: Sequence[tuple[str, str]], workers: int
) -> list[tuple[str, Any, Problem | None, str | None]]:
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return [_parse(item) for item in items]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(16, len(items) // (workers * 8))
    with context.Pool(workers) as pool:
        return pool.map(_parse, items, chunksize=chunk)


def load_workspace(
    files: Sequence[tuple[Path, str]],
    root: Path,
    use_cache: bool = True,
    workers: int | None = None,
) -> Workspace:
    """Every artifact in ``files`` (path, display), from the cache where it is unchanged."""
    store = Cache(cache_dir(root)) if use_cache and not disabled() else None
    workspace = Workspace()
    slots: list[Document | Problem | None] = [None] * len(files)
    todo: list[int] = []
    stats: dict[int, Stat] = {}
    for index, (path, display) in enumerate(files):
        try:
            stats[index] = stat = Stat.of(path)
        except OSError:
            todo.append(index)
            continue
        key = store.known_digest(os.path.abspath(path), stat) if store else None
        data = store.parsed(key) if store and key else None
        if key is not None and isinstance(data, dict):
            slots[index] = Document(path, display, None, data)
            workspace.digests[display] = key
        else:
            todo.append(index)
    parsed = _parse_all([(str(files[i][0]), files[i][1]) for i in todo], workers_wanted(workers))
    fresh = []
    for index, (key, data, problem, text) in zip(todo, parsed, strict=True):
        path, display = files[index]
        if key:
            workspace.digests[display] = key
        if problem is not None or data is None:
            slots[index] = problem
            continue
        slots[index] = Document(path, display, text, data)
        if index in stats:
            fresh.append((os.path.abspath(path), stats[index], key, data))
    if store is not None:
        store.store(fresh)
        store.close()
    for slot in slots:
        if isinstance(slot, Document):
            workspace.docs.append(slot)
        elif isinstance(slot, Problem):
            workspace.problems.append(slot)
    return workspace
