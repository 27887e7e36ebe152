"""Loading a whole repository fast: the parse cache for files that have not changed, and
worker processes (both cores) for the ones that have. Results are identical with and
without the cache and with any number of workers: the order of documents is the order of
the files, and the parse is the same function.

Two steps, so a caller can stop after the first: :func:`scan` learns from the cache the
digest of every file whose stat is unchanged (reading nothing), and :func:`load_workspace`
then loads the documents: from the cache by digest, the others read, hashed and parsed once."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.cache import Cache, Stat, cache_dir, digest, disabled
from sp_config_guard.load.identity import identity_findings
from sp_config_guard.load.loader import Document, Facts, LazyDocument, absolute, load_document
from sp_config_guard.messages import msg
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.parallel import fork_map, loading, workers_wanted
from sp_config_guard.result import Finding


@dataclass
class Workspace:
    """The documents of a repository, the files that could not be read, and the digest of
    every file's content (the input of result caching)."""

    docs: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)

    def findings(self) -> list[Finding]:
        """What loading found, as ``validate`` reports it: files that could not be read,
        artifacts of an unknown kind and ids that two files use."""
        unread = [Finding.from_problem(problem) for problem in self.problems]
        return unread + identity_findings(self.docs, default_registry())


@dataclass
class Scan:
    """The files of a repository with what is known of their content before parsing."""

    files: Sequence[tuple[Path, str]]
    store: Cache | None
    digests: dict[str, str] = field(default_factory=dict)  # display -> digest the cache gave
    stats: dict[str, Stat] = field(default_factory=dict)  # display -> stat, when it has one

    @property
    def complete(self) -> bool:
        """Whether the digest of every file is known (nothing changed since it was recorded)."""
        return len(self.digests) == len(self.files)

    def close(self) -> None:
        """Close the cache."""
        if self.store is not None:
            self.store.close()


def open_cache(root: Path, use_cache: bool = True) -> Cache | None:
    """The repository's cache, unless switched off or ``root`` is no repository."""
    folder = cache_dir(root) if use_cache and not disabled() else None
    return Cache(folder) if folder is not None else None


def scan(files: Sequence[tuple[Path, str]], store: Cache | None) -> Scan:
    """The recorded digest of every file whose stat is unchanged; the others are read,
    hashed and parsed by :func:`load_workspace`."""
    result = Scan(files, store)
    if store is None:
        return result
    known, here = store.known_digests(), os.getcwd()
    for path, display in files:
        try:
            result.stats[display] = stat = Stat.of(path)
        except OSError:
            continue
        recorded = known.get(absolute(path, here))
        if recorded is not None and recorded[0] == stat:
            result.digests[display] = recorded[1]
    return result


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


def load_workspace(scanned: Scan, workers: int | None = None, lazy: bool = False) -> Workspace:
    """Every artifact of a scan, from the cache where its content is known there. ``lazy``:
    documents known to the cache are read from it only when a check looks at their data
    (for runs that lint a few files: the repository index comes from the cached facts)."""
    with loading():
        return _load(scanned, workers, lazy)


def _load(scanned: Scan, workers: int | None, lazy: bool) -> Workspace:
    files, store = scanned.files, scanned.store
    workspace = Workspace()
    digests = scanned.digests
    if store is None:
        stored: dict[str, Any] = {}
    elif lazy:
        stored = {key: Facts(*facts) for key, facts in store.facts(digests.values()).items()}
    else:
        stored = store.parsed(digests.values())
    slots: list[Document | Problem | None] = [None] * len(files)
    todo: list[int] = []
    for index, (path, display) in enumerate(files):
        key = digests.get(display, "")
        known = stored.get(key)
        if isinstance(known, Facts) and store is not None:
            slots[index] = LazyDocument(path, display, known, _reader(store, key, path, display))
        elif isinstance(known, dict):
            slots[index] = Document(path, display, None, known)
        else:
            todo.append(index)
            continue
        workspace.digests[display] = key
    items = [(str(files[i][0]), files[i][1]) for i in todo]
    parsed = fork_map(_parse, items, workers_wanted(workers))
    fresh: list[tuple[str, Stat, str, Any, Facts | None]] = []
    for index, (key, data, problem, text) in zip(todo, parsed, strict=True):
        path, display = files[index]
        if key:
            workspace.digests[display] = key
        if problem is not None or data is None:
            slots[index] = problem
            continue
        doc = slots[index] = Document(path, display, text, data)
        if display in scanned.stats:
            fresh.append((absolute(path), scanned.stats[display], key, data, doc.facts))
    if store is not None:
        store.store(fresh)
    for slot in slots:
        if isinstance(slot, Document):
            workspace.docs.append(slot)
        elif isinstance(slot, Problem):
            workspace.problems.append(slot)
    return workspace


def _reader(store: Cache, key: str, path: Path, display: str) -> Callable[[], dict[str, Any]]:
    """Reads a lazy document's data: from the cache, or (if another process has just emptied
    it) from the file."""

    def read() -> dict[str, Any]:
        data = store.parsed([key]).get(key)
        if isinstance(data, dict):
            return data
        try:
            return load_document(path, display).data
        except InputError:
            return {}

    return read
