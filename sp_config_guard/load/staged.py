"""Git mode: the repository as git's index holds it, for ``lint --changed`` (the pre-commit
hook), at the cost of the change instead of the cost of the repository.

A commit holds what git's index holds, so a check of a commit reads the index, never the work
tree's listing or stats (pre-commit sets unstaged edits aside, so the index is also what is
on disk; an untracked file is not in the commit and not in the view). The cache keeps a table
of it (``tree``: path, blob, content digest and the index facts, indexed by kind and id, by
kind and parent, by id) made from HEAD's tree and the staged changes (``git diff-index
--cached HEAD``, about 25 ms at 100,000 files), and, per content, the terms a deleted
artifact's dependents are found by (``terms``). Each run applies only what moved since: the
commits since (``git diff-tree``), the staged changes now and those undone, and reads only
the blobs it has not seen. Checks then look up what they need
(:class:`~sp_config_guard.load.indexed.IndexedRepository`) instead of loading every document.

Blobs are read by id with ``git cat-file`` (never a filter, hook or shell); a file's bytes on
disk are used only when they are that blob (same git object id). Anything git mode cannot
answer exactly (no cache, no git, a conflicted or linked entry, a name that is not UTF-8, a
file asked about that it does not list) makes the run use the stat mode of
:mod:`~sp_config_guard.load.workspace` instead."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.load.cache import Cache, chunked, digest
from sp_config_guard.load.gitrev import _cat, _git, blob_document
from sp_config_guard.load.loader import (
    Document,
    Facts,
    is_artifact_path,
    read_input,
)
from sp_config_guard.load.repository import Terms
from sp_config_guard.load.sources import max_bytes, too_big
from sp_config_guard.parallel import fork_map, workers_wanted

CHUNK = 2000  # blobs read and parsed at a time (the text of 100,000 is never in memory)
ON_DISK_AT_MOST = 64
"""New blobs up to this many are read from disk where the file there is that blob: for the
few a commit changes, two ``git cat-file`` processes cost more (7 ms of a 3-file pre-commit
hook at 100,000 artifacts); a table made anew reads its blobs from git."""

_COLUMNS = "path, blob, digest, kind, id, parent, level"


class NotStaged(Exception):
    """Git mode cannot answer this run exactly (the stat mode does)."""


def blob_id(data: bytes) -> str:
    """Git's object id of a blob holding ``data`` (SHA-1 repositories)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def order(display: str) -> str:
    """A text that sorts as :func:`~sp_config_guard.load.loader.iter_files` lists files: in
    a folder its files (by name) before its folders (by name), each folder whole."""
    *folders, name = display.split("/")
    return "".join(f"\x02{folder}\x01" for folder in folders) + "\x01" + name


class Staged:
    """The cache's table of git's index for the repository at ``root`` (and the files of it
    that ``scope`` names), brought up to date; ``version`` names the index it holds."""

    def __init__(
        self,
        store: Cache,
        root: Path,
        wanted: Callable[[str], bool] | None,
        scope: str,
        terms: Terms,
        workers: int | None = None,
    ) -> None:
        if store.db is None:
            raise NotStaged("no cache")
        self.db, self.store, self.root, self.terms = store.db, store, root, terms
        self.workers = workers_wanted(workers)
        try:
            head = _head(root)
            raw = _git(root, "diff-index", "--cached", *_RAW, head)
        except UsageError as err:
            raise NotStaged(str(err)) from None
        (staged, heads), self._removed = _changes(raw), _removed(raw)
        overlay = json.dumps(sorted(staged.items()))
        self.version = hashlib.blake2b(
            f"{scope}\n{head}\n{overlay}".encode(), digest_size=20
        ).hexdigest()
        try:
            self._update(scope, head, staged, heads, wanted)
        except (sqlite3.Error, UsageError) as err:
            raise NotStaged(str(err)) from None

    def deleted(self) -> list[tuple[str, bytes | int]]:
        """(name from ``root``, former content as HEAD has it) of every file under ``root``
        the staged change deletes: what :func:`~sp_config_guard.load.gitrev.deleted` gives,
        from the diff this table was brought up to date with (one diff of the index a run)."""
        names, blobs = [n for n, _ in self._removed], [b for _, b in self._removed]
        return list(zip(names, _cat(self.root, blobs, "HEAD"), strict=True))

    def _update(
        self,
        scope: str,
        head: str,
        staged: dict[str, tuple[str, str] | None],
        heads: dict[str, tuple[str, str] | None],
        wanted: Callable[[str], bool] | None,
    ) -> None:
        """Make the table hold git's index: the tree of HEAD with the ``staged`` changes
        (name -> (mode, blob), None when deleted; ``heads``: each one's entry in HEAD); only
        the entries that changed since the table was made are read."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT scope, data FROM state").fetchone()
            base = _state(row[1]) if row is not None and row[0] == scope else None
            if base is None:  # a new table: every entry of HEAD's tree
                self.db.execute("DELETE FROM tree")
                changed = _entries(_git(self.root, "ls-tree", "-r", "-z", head))
                before: dict[str, Any] = {}
            else:
                old_head, before = base["head"], dict(base["overlay"])
                changed = {}
                if old_head != head:  # a commit since: what it changed
                    diff = ("diff-tree", "-r", *_RAW, old_head, head)
                    changed = _changes(_git(self.root, *diff))[0]
                back = sorted(set(before) - set(staged) - set(changed))
                known = _heads(base.get("heads"))
                if back and known is not None and known.keys() >= set(back):
                    # staged before, not now: as HEAD has them (unchanged by a commit since),
                    # as the diff that staged them said, with no git process for it
                    changed.update({name: known[name] for name in back})
                elif back:
                    listed = _git(self.root, "ls-tree", "-z", head, "--", *back)
                    changed.update({name: None for name in back} | _entries(listed))
            changed.update(staged)
            self.db.executemany(
                "DELETE FROM tree WHERE path = ?", ((n,) for n, e in changed.items() if e is None)
            )
            added = []
            for name, entry in sorted(changed.items()):
                if entry is None or not _wanted(name, wanted):
                    continue
                if entry[0] not in ("100644", "100755"):
                    raise NotStaged(name)  # a link or a submodule: stat mode
                added.append((name, entry[1]))
            for start in range(0, len(added), CHUNK):
                self._add(added[start : start + CHUNK])
            state = json.dumps(
                {"head": head, "overlay": sorted(staged.items()), "heads": sorted(heads.items())}
            )
            self.db.execute("INSERT OR REPLACE INTO state VALUES (0, ?, ?)", (scope, state))

    def _add(self, added: Sequence[tuple[str, str]]) -> None:
        """Enter files (name, blob id) into the table, reading the blobs not known yet."""
        known = dict(
            self._select("SELECT blob, digest FROM gitblobs", "blob", [b for _, b in added])
        )
        named = {blob: name for name, blob in added if blob not in known}
        contents: dict[str, bytes | int] = {}
        if len(named) <= ON_DISK_AT_MOST:
            for blob, name in named.items():
                on_disk = _on_disk(self.root / name, name, blob)
                if on_disk is not None:
                    contents[blob] = on_disk
        unknown = sorted(set(named) - set(contents))
        contents.update(zip(unknown, _cat(self.root, unknown, "index"), strict=True))
        contents = dict(sorted(contents.items()))
        for blob, content in contents.items():
            known[blob] = digest(content) if isinstance(content, bytes) else f"size:{content}"
            self.db.execute("INSERT OR REPLACE INTO gitblobs VALUES (?, ?)", (blob, known[blob]))
        facts = self.store.facts(set(known.values()))
        new = {known[b]: c for b, c in contents.items() if isinstance(c, bytes)}  # one per digest
        todo = sorted((key, content) for key, content in new.items() if key not in facts)
        read = fork_map(self._read, [content for _, content in todo], self.workers)
        fresh: dict[str, set[str]] = {}
        for (key, _), parsed in zip(todo, read, strict=True):
            if parsed is not None:  # an artifact: stored, and its terms entered below
                data, facts[key], fresh[key] = parsed
                self.store.put(key, data, facts[key])
        self._add_terms(sorted(facts), fresh)
        for name, blob in added:
            key = known[blob]
            self.db.execute(
                "INSERT OR REPLACE INTO tree VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, order(name), blob, key, *facts.get(key, (None,) * 4)),
            )

    def _read(self, content: bytes) -> tuple[dict[str, Any], Facts, set[str]] | None:
        """A blob's parsed content, facts and terms; None for one that is no artifact (runs in
        a worker: the first run on an empty cache parses every blob of the tree)."""
        try:
            doc = blob_document(content, Path("blob"), "blob")
        except InputError:
            return None
        if not isinstance(doc.kind, str):
            return None
        return doc.data, doc.facts, self.terms(doc.data)

    def _add_terms(self, digests: Sequence[str], fresh: dict[str, set[str]]) -> None:
        """Store the terms of every content that has none yet (``fresh``: those just read)."""
        done = {d for (d,) in self._select("SELECT digest FROM termed", "digest", digests)}
        todo = [key for key in digests if key not in done and key not in fresh]
        found = {key: self.terms(data) for key, data in self.store.parsed(todo).items()}
        termed = {key: terms for key, terms in (found | fresh).items() if key not in done}
        # in the table's order: a B-tree filled in order is several times faster to fill
        rows = sorted((term, key) for key, terms in termed.items() for term in terms)
        self.db.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?)", rows)
        self.db.executemany("INSERT OR IGNORE INTO termed VALUES (?)", [(k,) for k in termed])

    def _select(self, select: str, column: str, keys: Sequence[str]) -> list[tuple[Any, ...]]:
        return [row for rows in chunked(self.db, select, column, keys) for row in rows]

    def rows(self, where: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Table rows (path, blob, digest, kind, id, parent, level) in file order."""
        query = f"SELECT {_COLUMNS} FROM tree WHERE {where} ORDER BY ord"
        return self.db.execute(query, params).fetchall()

    def holding(self, terms: Collection[str]) -> list[tuple[Any, ...]]:
        """Rows of the artifacts whose content holds any of ``terms``, in file order."""
        inner = "SELECT digest FROM terms"
        found = self._select(inner, "term", sorted(terms))
        rows = self._select(
            f"SELECT {_COLUMNS}, ord FROM tree", "digest", sorted({d for (d,) in found})
        )
        return [row[:-1] for row in sorted(rows, key=lambda row: row[-1])]

    def asked(self, named: Sequence[tuple[Path, str]]) -> tuple[list[Document], list[Problem]]:
        """The files asked about (path, display), parsed from their staged content; a file
        git does not list as an artifact is for the stat mode."""
        docs, problems = [], []
        for path, display in named:
            found = self.rows("path = ?", (display,))
            if not found:
                raise NotStaged(display)
            try:
                docs.append(blob_document(self.content(path, display, found[0][1]), path, display))
            except InputError as err:
                problems.append(err.problem)
        return docs, problems

    def content(self, path: Path, display: str, blob: str) -> bytes:
        """The staged content of the file at ``path``: its bytes on disk (read as every
        artifact is) when they are ``blob``, else the blob (an edit not staged: the commit
        holds the blob); raises :class:`InputError` when neither can be read."""
        data = _on_disk(path, display, blob)
        if data is not None:
            return data
        content = _cat(self.root, [blob], "index")[0]
        if isinstance(content, int):
            raise too_big(content, max_bytes("yaml"), display)
        return content


def _on_disk(path: Path, display: str, blob: str) -> bytes | None:
    """The bytes of the file at ``path`` (read as every artifact is) when they are ``blob``,
    else None (an edit not staged, or a file that cannot be read)."""
    try:
        data = read_input(path, display)[0]
    except InputError:
        return None
    return data if blob_id(data) == blob else None


_RAW = ("-z", "--raw", "--no-renames", "--no-abbrev", "--relative")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def _head(root: Path) -> str:
    """The tree of HEAD (the empty tree before the first commit)."""
    try:
        return _git(root, "rev-parse", "--verify", "-q", "HEAD^{tree}").decode("ascii").strip()
    except UsageError:
        _git(root, "rev-parse", "--show-toplevel")  # no work tree: that error
        return EMPTY_TREE


Changes = dict[str, tuple[str, str] | None]


def _changes(raw: bytes) -> tuple[Changes, Changes]:
    """name -> (mode, blob) of each entry of a ``--raw -z`` diff, None for a deletion, and
    name -> (mode, blob) of its side before, None where there was none (or a submodule); a
    conflicted entry makes git mode refuse."""
    fields = raw.split(b"\0")
    out: Changes = {}
    before: Changes = {}
    for header, name in zip(fields[0:-1:2], fields[1::2], strict=False):
        old_mode, mode, old, blob, status = header.decode("ascii").lstrip(":").split(" ")
        path = _name(name)
        if status == "U":
            raise NotStaged(path)
        out[path] = None if status == "D" else (mode, blob)
        before[path] = None if old_mode in ("000000", "160000") else (old_mode, old)
    return out, before


def _heads(stored: Any) -> Changes | None:
    """The stored entries in HEAD of what was staged (as :func:`_changes` gave them, through
    JSON), or None for anything else (a table made by an earlier version)."""
    if not isinstance(stored, list):
        return None
    out: Changes = {}
    for item in stored:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            return None
        name, entry = item
        if entry is None:
            out[name] = None
        elif isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry):
            out[name] = (entry[0], entry[1])
        else:
            return None
    return out


def _removed(raw: bytes) -> list[tuple[str, str]]:
    """(name, former blob) of each deletion of a ``--raw -z`` diff but a submodule's."""
    fields = raw.split(b"\0")
    return [
        (_name(name), header.split()[2].decode("ascii"))
        for header, name in zip(fields[0:-1:2], fields[1::2], strict=False)
        if header.endswith(b" D") and not header.startswith(b":160000")
    ]


def _entries(listing: bytes) -> dict[str, tuple[str, str] | None]:
    """name -> (mode, blob) of each blob of a ``git ls-tree -z`` listing."""
    out: dict[str, tuple[str, str] | None] = {}
    for entry in listing.split(b"\0")[:-1]:
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split(" ")
        if kind == "blob":
            out[_name(name)] = (mode, blob)
    return out


def _state(text: Any) -> dict[str, Any] | None:
    """The stored state of the table ({head, overlay}); None if it is not one."""
    try:
        state = json.loads(text)
    except (ValueError, TypeError):
        return None
    return state if isinstance(state, dict) and {"head", "overlay"} <= set(state) else None


def _name(name: bytes) -> str:
    try:
        return name.decode("utf-8")
    except UnicodeDecodeError:
        raise NotStaged(os.fsdecode(name)) from None


def _wanted(name: str, wanted: Callable[[str], bool] | None) -> bool:
    """Whether a file is an artifact the configuration wants (as the stat mode lists them)."""
    return is_artifact_path(PurePosixPath(name)) and (wanted is None or wanted(name))
