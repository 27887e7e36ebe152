"""Loading a whole repository fast: the parse cache for files that have not changed, and
worker processes (both cores) for the ones that have. Results are identical with and
without the cache and with any number of workers: the order of documents is the order of
the files, and the parse is the same function.

Every command loads its files this way. :func:`load` is the entry point; it is two steps, so a
caller can stop after the first: :func:`discover` finds the files the configuration wants and
learns from the cache the digest of every file whose stat is unchanged (reading nothing), and
:func:`load_workspace` then loads the documents: from the cache by digest, the others read
once (:func:`~sp_config_guard.load.loader.read_input`), and those same bytes hashed and
parsed."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.cache import Cache, Stat, digest, open_cache
from sp_config_guard.load.identity import identity_findings
from sp_config_guard.load.loader import (
    Document,
    Facts,
    LazyDocument,
    Wanted,
    absolute,
    artifact_files,
    load_document,
    parse_document,
    read_input,
)
from sp_config_guard.load.repository import Repository
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

    def findings(self, owner: Callable[[str, str], str | None] | None = None) -> list[Finding]:
        """What loading found, as ``validate`` reports it: files that could not be read,
        artifacts of an unknown kind and ids that two files use (``owner``: which file owns
        a kind and id, when these documents are a few of a larger repository)."""
        unread = [Finding.from_problem(problem) for problem in self.problems]
        return unread + identity_findings(self.docs, default_registry(), owner)


@dataclass
class Scan:
    """The files of a repository with what is known of their content before parsing."""

    files: Sequence[tuple[Path, str]]
    store: Cache | None
    digests: dict[str, str] = field(default_factory=dict)  # display -> digest the cache gave

    @property
    def complete(self) -> bool:
        """Whether the digest of every file is known (nothing changed since it was recorded)."""
        return len(self.digests) == len(self.files)

    def close(self) -> None:
        """Close the cache."""
        if self.store is not None:
            self.store.close()


def discover(
    paths: Sequence[Path],
    root: Path,
    wanted: Wanted | None = None,
    *,
    whole: bool = True,
    use_cache: bool = True,
) -> tuple[Scan, set[str] | None]:
    """The artifact files a command reads (with what the cache knows of them) and the files
    it was asked about (see :func:`~sp_config_guard.load.loader.artifact_files`): those under
    ``paths``, and with ``whole`` every file of the repository at ``root`` too, that
    ``wanted`` (the configuration's ``include``/``exclude``) accepts. Close the scan."""
    with loading():  # listing and stat-ing a large repository makes many objects too
        files, asked = artifact_files(paths, root, wanted, whole)
        return scan(files, open_cache(root, use_cache)), asked


def load(
    paths: Sequence[Path],
    root: Path,
    wanted: Wanted | None = None,
    *,
    use_cache: bool = True,
    workers: int | None = None,
) -> Workspace:
    """Every artifact file under ``paths`` that ``wanted`` accepts, loaded (from the cache of
    the repository at ``root`` unless ``use_cache`` is off), named relative to ``root``."""
    scanned, _ = discover(paths, root, wanted, whole=False, use_cache=use_cache)
    try:
        return load_workspace(scanned, workers)
    finally:
        scanned.close()


def load_repository(
    folder: Path, root: Path | None = None, wanted: Wanted | None = None, use_cache: bool = True
) -> tuple[Repository, list[Finding]]:
    """The repository index of every artifact under ``folder`` that ``wanted`` accepts (named
    relative to ``root``, by default ``folder``), and what loading found (files that could not
    be read, unknown kinds, ids used twice)."""
    workspace = load([folder], root or folder.resolve(), wanted, use_cache=use_cache)
    # the index lives as long as the documents: built without the collector too (at 100,000
    # artifacts it set off 4 full collections, 0.6 s)
    with loading():
        return Repository(workspace.docs), workspace.findings()


def scan(files: Sequence[tuple[Path, str]], store: Cache | None) -> Scan:
    """The recorded digest of every file whose stat is unchanged; the others are read,
    hashed and parsed by :func:`load_workspace`."""
    result = Scan(files, store)
    if store is None:
        return result
    known, here = store.known_digests(), os.getcwd()
    for path, display in files:
        try:
            stat = Stat.of(path)
        except OSError:
            continue
        recorded = known.get(absolute(path, here))
        if recorded is not None and recorded[0] == stat:
            result.digests[display] = recorded[1]
    return result


Parsed = tuple[str, Stat | None, dict[str, Any] | None, Problem | None, str | None]


def _parse(item: tuple[str, str]) -> Parsed:
    """Read one file once, and hash and parse the bytes read (runs in a worker): (digest,
    stat of what was read, data, problem, text)."""
    path, display = item
    try:
        data, info = read_input(Path(path), display)
    except InputError as err:
        return "", None, None, err.problem, None
    key = digest(data)
    read = Stat(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    try:
        doc = parse_document(data, Path(path), display)
    except InputError as err:
        return key, read, None, err.problem, None
    return key, read, doc.data, None, doc.source


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
        stored = shared_strings(store.parsed(digests.values()))
    slots: list[Document | Problem | None] = [None] * len(files)
    todo: list[int] = []
    for index, (path, display) in enumerate(files):
        key = digests.get(display, "")
        known = stored.get(key)
        if isinstance(known, dict) and not isinstance(known.get("kind"), str):
            known = None  # no artifact is stored so: parse the file again
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
    for index, (key, read, data, problem, text) in zip(todo, parsed, strict=True):
        path, display = files[index]
        if key:
            workspace.digests[display] = key
        if problem is not None or data is None or read is None:
            slots[index] = problem
            continue
        doc = slots[index] = Document(path, display, text, data)
        # recorded under the stat of what was read (a file replaced since the scan is not
        # recorded under its old stat)
        fresh.append((absolute(path), read, key, data, doc.facts))
    if store is not None:
        store.store(fresh)
    for slot in slots:
        if isinstance(slot, Document):
            workspace.docs.append(slot)
        elif isinstance(slot, Problem):
            workspace.problems.append(slot)
    return workspace


def shared_strings(parsed: dict[str, Any]) -> dict[str, Any]:
    """``parsed`` (artifacts' data by digest, as the cache gives it) with one string object
    for all equal string values, in place. The JSON decoder shares the keys of what it
    decodes, not the values, and the files of a repository repeat most of their values (the
    standard's text in every copy): at 20,000 artifacts their strings took 46 MB, 7 MB
    distinct (drift's peak 227 -> 190 MB; 0.2 s, 2% of its CPU)."""
    memo: dict[str, str] = {}

    def share(node: dict[str, Any] | list[Any]) -> None:
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in pairs:
            if type(value) is str:
                node[key] = memo.setdefault(value, value)  # type: ignore[index]
            elif isinstance(value, dict | list):
                share(value)

    for data in parsed.values():
        if isinstance(data, dict | list):
            share(data)
    return parsed


def _reader(store: Cache, key: str, path: Path, display: str) -> Callable[[], dict[str, Any]]:
    """Reads a lazy document's data: from the cache, or (if another process has just emptied
    it) from the file."""

    def read() -> dict[str, Any]:
        data = store.parsed([key]).get(key)
        if isinstance(data, dict) and store.facts([key]).get(key) == tuple(_facts(data)):
            return data  # the stored data is the artifact the index facts describe
        try:
            return load_document(path, display).data
        except InputError:
            return {}

    return read


def _facts(data: dict[str, Any]) -> Facts:
    return Document(Path(), "", None, data).facts
