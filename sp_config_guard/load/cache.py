"""The parse cache: parsed artifacts stored by the digest of their bytes in SQLite, so a file
that has not changed is never parsed twice, whole lint results stored under a key of
everything they depend on, and what a lint checked of its setup (the rule sets, by the
digests of their files; a valid configuration file or set of variables, by its digest).

Correct before fast:
- entries are keyed by content (BLAKE2 digest of the file's bytes); a file's stat (size,
  mtime, inode) only says which digest it had, and is trusted the way git trusts its index:
  never for a file modified within two seconds of when it was recorded ("racy" files are
  re-read and re-hashed);
- the whole cache is dropped when the tool version, the schemas or the cache format change;
- SQLite in WAL mode makes every write atomic and safe for concurrent processes (pre-commit
  runs several at once); a damaged or locked cache is skipped, never trusted;
- ``--no-cache`` (or ``SPGUARD_NO_CACHE=1``) bypasses it;
- the cache lives only where the tool made it, as the tool made it: a cache folder, database
  (or its journal) or ``.gitignore`` that is a symbolic link, a hard link or no plain file or
  folder is never opened or written (the run goes on uncached, and says so once on standard
  error), files are created exclusively and opened without following links; a database that
  was copied or committed (not the file the tool made at this place: another device and
  inode) is emptied before use, so a branch under review cannot bring its own parsed content.

Location: ``SPGUARD_CACHE_DIR``, else ``.spguard-cache/`` in the repository root; a folder
without a repository marker is read uncached (a command never writes into a folder it was only
asked to read)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from sp_config_guard.load.discovery import is_repository
from sp_config_guard.load.packed import pack, unpack
from sp_config_guard.messages import t
from sp_config_guard.version import __version__

FORMAT = 6  # the database file is named by it: a new format starts a new file
RACY_NS = 2_000_000_000
# git mode (load/staged.py): what the index table holds (HEAD's tree and the staged changes),
# blob id -> digest, the index table, and per content the terms its dependents are found by
GIT_TABLES = (
    "CREATE TABLE IF NOT EXISTS state (one INTEGER PRIMARY KEY CHECK (one = 0), scope TEXT,"
    " data TEXT);"
    "CREATE TABLE IF NOT EXISTS gitblobs (blob TEXT PRIMARY KEY, digest TEXT) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS tree (path TEXT PRIMARY KEY, ord TEXT, blob TEXT, digest TEXT,"
    " kind TEXT, id TEXT, parent TEXT, level TEXT);"
    "CREATE INDEX IF NOT EXISTS tree_key ON tree (kind, id);"
    "CREATE INDEX IF NOT EXISTS tree_parent ON tree (kind, parent);"
    "CREATE INDEX IF NOT EXISTS tree_id ON tree (id);"
    "CREATE INDEX IF NOT EXISTS tree_digest ON tree (digest);"
    "CREATE TABLE IF NOT EXISTS terms (term TEXT, digest TEXT, PRIMARY KEY (term, digest))"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS termed (digest TEXT PRIMARY KEY) WITHOUT ROWID;"
)
TABLES = (
    "files",
    "blobs",
    "facts",
    "results",
    "rulesets",
    "configs",
    "state",
    "gitblobs",
    "tree",
    "terms",
    "termed",
    "reports",  # reports of stored lint results (report/stored.py)
)
# whole results, checked rule sets (lint/ruleset.py), valid configuration files (load/config.py)
STORED = ("results", "rulesets", "configs")


def digest(data: bytes) -> str:
    """Content key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@cache
def tool_key() -> str:
    """What invalidates everything: tool version, cache format, schemas and parser."""
    from sp_config_guard.model.shipped import data_dir  # only once a cache is opened

    h = hashlib.blake2b(f"{__version__}/{FORMAT}".encode(), digest_size=16)
    for path in sorted(data_dir("schemas").rglob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir(root: Path) -> Path | None:
    """Where the cache of the repository at ``root`` lives; None when ``root`` is no
    repository (no ``spguard.yaml``, ``[tool.spguard]`` or ``.git``) and none is configured."""
    configured = configured_dir()
    if configured is not None:
        return configured
    return root / ".spguard-cache" if is_repository(root) else None


def open_cache(root: Path, use_cache: bool = True) -> Cache | None:
    """The repository's cache, unless switched off or ``root`` is no repository."""
    folder = cache_dir(root) if use_cache and not disabled() else None
    return Cache(folder) if folder is not None else None


def known_settings(root: Path, data: bytes) -> dict[str, Any] | None:
    """The settings of a configuration file at ``root`` holding ``data``, as they were when
    this tool found them valid (:func:`keep_settings`); None when not known. Only a cache that
    exists is read (the help, which asks first, never makes one)."""
    folder = cache_dir(root) if not disabled() else None
    if folder is None or not (folder / f"cache-{FORMAT}.sqlite").is_file():
        return None
    store = Cache(folder)
    try:
        found = store.result(digest(data), "configs")
    finally:
        store.close()
    return found if isinstance(found, dict) else None


def keep_settings(root: Path, data: bytes, settings: dict[str, Any]) -> None:
    """Remember that a configuration file at ``root`` holding ``data`` is valid, with these
    settings (the bytes' digest is the key: any edit is read and checked again)."""
    store = open_cache(root)
    if store is not None:
        store.store_result(digest(data), settings, "configs")
        store.close()


def configured_dir() -> Path | None:
    """The cache folder ``SPGUARD_CACHE_DIR`` names (the user's own: it may be reached
    through a link), if any."""
    configured = os.environ.get("SPGUARD_CACHE_DIR")
    return Path(configured) if configured else None


def disabled() -> bool:
    """Whether the environment switches the cache off."""
    return os.environ.get("SPGUARD_NO_CACHE", "") not in ("", "0")


class Stat(NamedTuple):
    """What a file's stat says about it."""

    size: int
    mtime_ns: int
    ctime_ns: int  # changes on every write and on every utime(): restoring mtime shows here
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stat:
        """The stat of ``path``."""
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class Cache:
    """One repository's cache database; every method fails soft (a miss) on a cache error."""

    def __init__(self, folder: Path) -> None:
        self.db: sqlite3.Connection | None = None
        try:
            database = _prepare(folder)
            db = sqlite3.connect(database, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INT, mtime_ns INT,"
                " ctime_ns INT, inode INT, recorded_ns INT, digest TEXT);"
                "CREATE TABLE IF NOT EXISTS blobs (digest TEXT PRIMARY KEY, data TEXT);"
                "CREATE TABLE IF NOT EXISTS facts (digest TEXT PRIMARY KEY, kind TEXT, id TEXT,"
                " parent TEXT, level TEXT);"
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data TEXT);"
                "CREATE TABLE IF NOT EXISTS rulesets (key TEXT PRIMARY KEY, data TEXT);"
                "CREATE TABLE IF NOT EXISTS configs (key TEXT PRIMARY KEY, data TEXT);"
                "CREATE TABLE IF NOT EXISTS reports (key TEXT PRIMARY KEY, exit INT, data BLOB);"
                + GIT_TABLES
            )
            made = os.lstat(database)  # the file the tool made here, not a copy of one
            owner = f"{tool_key()} {made.st_dev}:{made.st_ino}"
            row = db.execute("SELECT value FROM meta WHERE key='tool'").fetchone()
            if row is None or row[0] != owner:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    for table in TABLES:
                        db.execute(f"DELETE FROM {table}")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('tool', ?)", (owner,))
            self.db = db
        except Refused as refused:
            _say_once(refused.path)
        except (OSError, sqlite3.Error):
            self.db = None

    def known_digests(self) -> dict[str, tuple[Stat, str]]:
        """Every recorded file whose digest can be trusted while its stat is unchanged: path ->
        (stat, digest); files recorded within two seconds of their modification are left out."""
        if self.db is None:
            return {}
        try:
            rows = self.db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, inode, digest FROM files"
                " WHERE recorded_ns - MAX(mtime_ns, ctime_ns) >= ?",
                (RACY_NS,),
            ).fetchall()
        except sqlite3.Error:
            return {}
        return {row[0]: (Stat(*row[1:5]), row[5]) for row in rows}

    def parsed(self, keys: Iterable[str]) -> dict[str, Any]:
        """The parsed content stored under each digest that has some."""
        out: dict[str, Any] = {}
        for rows in self._by_digest("SELECT digest, data FROM blobs", keys):
            # one json.loads per chunk: the decoder then shares the key strings of all its
            # artifacts (a large repository read from the cache takes much less memory)
            values = json.loads(f"[{','.join(row[1] for row in rows)}]")
            out.update(zip((row[0] for row in rows), values, strict=True))
        return out

    def facts(self, keys: Iterable[str]) -> dict[str, tuple[str | None, ...]]:
        """The index facts (kind, id, parent, level) stored with each digest that has them."""
        select = "SELECT digest, kind, id, parent, level FROM facts"
        wanted = set(keys)
        if len(wanted) < 5000:
            return {
                row[0]: tuple(row[1:]) for rows in self._by_digest(select, wanted) for row in rows
            }
        try:  # a whole repository: one pass over the table beats thousands of lookups
            rows = self.db.execute(select).fetchall() if self.db is not None else []
        except sqlite3.Error:
            return {}
        return {row[0]: tuple(row[1:]) for row in rows if row[0] in wanted}

    def _by_digest(self, select: str, keys: Iterable[str]) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``select`` for the given digests, a chunk at a time (so the stored text
        of a whole repository is never in memory at once); on a cache error, no more rows."""
        if self.db is None:
            return
        try:
            yield from chunked(self.db, select, "digest", list(dict.fromkeys(keys)))
        except sqlite3.Error:
            return

    def put(self, key: str, parsed: Any, facts: Sequence[str | None] | None) -> None:
        """Store parsed content and index facts under a digest (inside the caller's
        transaction; either may be None)."""
        assert self.db is not None
        if parsed is not None:
            data = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
            self.db.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (key, data))
        if facts is not None:
            self.db.execute("INSERT OR IGNORE INTO facts VALUES (?, ?, ?, ?, ?)", (key, *facts))

    def store(
        self, entries: Iterable[tuple[str, Stat, str, Any, Sequence[str | None] | None]]
    ) -> None:
        """Record (path, stat, digest, parsed content, index facts) in one atomic
        transaction; content and facts may be None (a known digest at a new stat)."""
        if self.db is None:
            return
        now = time.time_ns()
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                for path, stat, key, parsed, facts in entries:
                    self.db.execute(
                        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (path, stat.size, stat.mtime_ns, stat.ctime_ns, stat.inode, now, key),
                    )
                    self.put(key, parsed, facts)
        except sqlite3.Error:
            return

    def result(self, key: str, table: str = "results") -> Any | None:
        """A stored result, or what else ``table`` (one of :data:`STORED`) holds; None on a
        miss."""
        try:
            packed = self.packed(key, table)
            return None if packed is None else unpack(packed)
        except ValueError:
            return None

    def packed(self, key: str, table: str = "results") -> bytes | str | None:
        """What :meth:`result` reads back, as stored (:func:`unpack` decodes it)."""
        assert table in STORED
        if self.db is None:
            return None
        try:
            found = self.db.execute(f"SELECT data FROM {table} WHERE key=?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if found is None else found[0]

    def store_result(self, key: str, value: Any, table: str = "results") -> None:
        """Store a result (or what else ``table`` holds) atomically; the newest few are kept."""
        assert table in STORED
        if self.db is None:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                    (key, pack(value)),
                )
                self.db.execute(
                    f"DELETE FROM {table} WHERE rowid NOT IN"
                    f" (SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 20)"
                )
        except sqlite3.Error:
            return

    def close(self) -> None:
        """Close the database."""
        if self.db is not None:
            self.db.close()
            self.db = None


def chunked(
    db: sqlite3.Connection, select: str, column: str, keys: Sequence[Any]
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``select`` whose ``column`` is one of ``keys``, a chunk of keys at a time
    (SQLite's limit on parameters)."""
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        yield db.execute(
            f"{select} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()


class Refused(Exception):
    """A cache file or folder that is not as the tool made it (``path``): not used."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.as_posix())
        self.path = path


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _prepare(folder: Path) -> Path:
    """The cache database in ``folder``, after checking (and making, exclusively) the
    folder, its ``.gitignore`` and the database file; raises :class:`Refused` naming the
    first one that is a link or no plain folder or file."""
    if folder == configured_dir():
        folder.mkdir(parents=True, exist_ok=True)
    else:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        if not stat.S_ISDIR(os.lstat(folder).st_mode):  # a link to a folder is no folder
            raise Refused(folder)
    database = folder / f"cache-{FORMAT}.sqlite"
    for path in (folder / ".gitignore", database):
        _plain(path, b"*\n" if path.name == ".gitignore" else b"")
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite opens these beside the database
        _plain(database.with_name(database.name + suffix), None)
    return database


def _plain(path: Path, content: bytes | None) -> None:
    """Make ``path`` with ``content`` if it is missing (never through a link), and
    :class:`Refused` unless it is a plain file with no other name (a link, a hard link, a
    FIFO are not)."""
    if content is not None:
        try:
            fd = os.open(path, _CREATE, 0o666)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        raise Refused(path)


_said: set[Path] = set()


def _say_once(path: Path) -> None:
    """Tell, once per process and folder, why the cache is not used."""
    if path.parent not in _said:
        _said.add(path.parent)
        sys.stderr.write(f"spguard: {t('cache.refused', path=path.as_posix())}\n")
