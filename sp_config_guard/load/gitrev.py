"""Reading artifacts from git revisions with real git (``git ls-tree``, ``git cat-file``),
never a shell: paths and revisions are passed as arguments. Every git failure is a usage error
that names the revision (or the folder) and says what to do.

A file name in a reviewed branch may hold any byte but NUL (a newline too), so git is asked
only in forms a name cannot break: listings NUL-separated (``-z``) and parsed by their
documented format, pathspecs literal (``GIT_LITERAL_PATHSPECS``), blobs fetched by object id
(never by name on a ``cat-file --batch`` line) and each answer checked against its request.
Names are bytes, decoded as Python decodes file names (:func:`os.fsdecode`)."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.load.loader import (
    Document,
    Wanted,
    is_artifact_path,
    parse_document,
    printable,
    shown,
)
from sp_config_guard.load.sources import max_bytes, too_big
from sp_config_guard.messages import t


class GitError(UsageError):
    """A git command that failed (exit code 2); ``detail`` is git's own last line."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class NotAWorkTree(UsageError):
    """A path in no git work tree (exit code 2)."""


def _git(cwd: Path, *args: str, rev: str | None = None, data: bytes | None = None) -> bytes:
    """The output of ``git ARGS`` in ``cwd``; a failure names ``rev``, the revision it was for."""
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1"}  # a file name is never a glob
    try:
        run = subprocess.run(
            ["git", *args], cwd=cwd, input=data, capture_output=True, check=False, env=env
        )
    except FileNotFoundError as err:
        if err.filename == "git":
            raise UsageError(t("git.missing")) from None
        raise NotAWorkTree(t("git.not_work_tree", path=cwd, detail=err.strerror)) from None
    if run.returncode != 0:
        lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else t("git.failed_plain")
        command = " ".join(args[:2])
        if rev is None:
            raise GitError(t("git.failed", command=command, detail=detail), detail)
        raise GitError(t("git.failed_at", command=command, rev=repr(rev), detail=detail), detail)
    return run.stdout


def _path(out: bytes) -> str:
    """A path git printed on a line of its own (a folder's name may end in a space or a
    newline: only git's own newline is cut)."""
    return os.fsdecode(out.removesuffix(b"\n"))


def toplevel(path: Path) -> Path:
    """The root of the git work tree holding ``path`` (a usage error naming it if there is
    none)."""
    folder = path if path.is_dir() else path.parent
    try:
        return Path(_path(_git(folder, "rev-parse", "--show-toplevel")))
    except GitError as err:
        raise NotAWorkTree(t("git.not_work_tree", path=path, detail=err.detail)) from None


def checked_out(path: Path) -> tuple[str, str | None] | None:
    """The commit and branch checked out in the git work tree holding ``path`` (the branch
    None on a detached HEAD); None outside a work tree, in one without a commit, or without
    git. Only ``rev-parse`` and ``symbolic-ref`` run: they run no hook and no filter."""
    try:
        top = toplevel(path)
        commit = _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    except UsageError:
        return None
    try:
        branch = _path(_git(top, "symbolic-ref", "--quiet", "--short", "HEAD")) or None
    except GitError:
        branch = None
    return commit, branch


@cache
def _shallow_boundary(top: Path) -> frozenset[str]:
    """The commits a shallow clone's history is cut at (none in a full clone)."""
    where = top / _path(_git(top, "rev-parse", "--git-path", "shallow"))
    return frozenset(where.read_text(encoding="ascii").split()) if where.is_file() else frozenset()


def _shallow(top: Path) -> bool:
    return bool(_shallow_boundary(top))


def resolve(top: Path, rev: str) -> str:
    """The commit id a revision names (a usage error naming an unknown one)."""
    if rev.startswith("-"):
        raise UsageError(t("git.not_revision", rev=repr(rev)))
    try:
        out = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", rev=rev)
    except GitError:
        key = "git.unknown_revision_shallow" if _shallow(top) else "git.unknown_revision"
        raise UsageError(t(key, rev=repr(rev), top=top)) from None
    return out.decode().strip()


def merge_base(top: Path, old: str, new: str) -> str:
    """The commit ``old...new`` starts from: the best common ancestor of the two."""
    a, b = resolve(top, old), resolve(top, new)
    try:
        return _git(top, "merge-base", a, b, rev=f"{old}...{new}").decode().strip()
    except GitError:
        key = "git.no_merge_base_shallow" if _shallow(top) else "git.no_merge_base"
        spec, direct = f"{old}...{new}", f"{old}..{new}"
        raise UsageError(t(key, spec=spec, old=repr(old), new=repr(new), direct=direct)) from None


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a commit, and the name its files are shown under."""

    commit: str
    name: str


def sides(top: Path, spec: str) -> tuple[Side, Side | None]:
    """The old and new side of ``REV`` (against the work tree: new is None), ``A..B`` or
    ``A...B`` (old is the merge base of A and B), as git reads them: a missing side is HEAD."""
    sep = "..." if "..." in spec else ".." if ".." in spec else ""
    if not sep:
        if not spec:
            raise UsageError(t("git.bad_range", spec=repr(spec)))
        return Side(resolve(top, spec), spec), None
    old, _, new = spec.partition(sep)
    if not (old or new) or any(
        ".." in s or s.startswith(".") or s.endswith(".") for s in (old, new)
    ):
        raise UsageError(t("git.bad_range", spec=repr(spec)))
    old, new = old or "HEAD", new or "HEAD"
    if sep == "...":
        base = merge_base(top, old, new)
        return Side(base, base[:12]), Side(resolve(top, new), new)
    return Side(resolve(top, old), old), Side(resolve(top, new), new)


def has_path(top: Path, side: Side, path: PurePosixPath) -> bool:
    """Whether ``path`` (relative to the work tree's root) is in the side's commit."""
    try:
        _git(top, "cat-file", "-e", f"{side.commit}:{path}", rev=side.name)
    except GitError:
        return False
    return True


def read_tree(
    top: Path,
    side: Side,
    subdir: PurePosixPath,
    root: Path,
    wanted: Wanted | None,
    prefixed: bool = True,
) -> tuple[list[Document], list[Problem]]:
    """The artifacts under ``subdir`` of the work tree ``top`` at a side's commit (the files
    :func:`~sp_config_guard.load.loader.iter_files` would find there that ``wanted`` accepts),
    each named ``REV:file`` with the file relative to the repository ``root`` (without
    ``prefixed``: ``file``, as the work tree's file is named, so that findings at the revision
    have the identity of the same findings in the work tree); unreadable ones as problems."""
    commit, rev = side.commit, side.name
    entries = [
        (path, oid)
        for name, oid in _ls_tree(top, commit, str(subdir), rev, recursive=True)
        if is_artifact_path(path := PurePosixPath(name))
        and (wanted is None or wanted(shown(top / path, root)))
    ]
    blobs = _cat(top, [oid for _, oid in entries], rev)
    docs, problems = [], []
    for (path, _), blob in zip(entries, blobs, strict=True):
        name = shown(top / path, root)
        display = printable(f"{rev}:{name}") if prefixed else name
        try:
            docs.append(blob_document(blob, top / path, display))
        except InputError as err:
            problems.append(err.problem)
    return docs, problems


def blob_document(blob: bytes | int, path: Path, display: str) -> Document:
    """The artifact in a revision's blob (as :func:`_cat` gives it: its bytes, or the size of
    one over the limit), read as a work tree's file is
    (:func:`~sp_config_guard.load.loader.parse_document`: same problems, same codes)."""
    if isinstance(blob, int):
        raise too_big(blob, max_bytes("yaml"), display)
    return parse_document(blob, path, display)


def deleted(top: Path, since: tuple[str, str] | None = None) -> list[tuple[str, bytes | int]]:
    """(path from the work tree's top, former content as :func:`_cat` gives it) of every file
    that the staged change
    deletes, or, with ``since`` (two revisions), that the change between them deletes (from
    their merge base, as ``git diff A...B``). Renames are not detected, so a renamed file is
    deleted under its old name. Read NUL-separated (``-z``): a file name may hold any
    character, a newline too."""
    span, rev = ["--cached"], "HEAD"
    if since is not None:
        span, rev = [merge_base(top, *since), resolve(top, since[1])], "...".join(since)
    diff = ("diff", *span, "--raw", "-z", "--no-renames", "--no-abbrev", "--diff-filter=D")
    fields = _git(top, *diff, rev=rev).split(b"\0")  # ":<mode> <mode> <old> <new> D", path, ...
    found = [
        (os.fsdecode(path), header.split()[2].decode("ascii"))
        for header, path in zip(fields[0::2], fields[1::2], strict=False)
        if not header.startswith(b":160000")  # a submodule: no content of ours
    ]
    return list(zip([p for p, _ in found], _cat(top, [b for _, b in found], rev), strict=True))


def _ls_tree(
    top: Path, commit: str, path: str, rev: str, recursive: bool = False
) -> list[tuple[str, str]]:
    """(name from the work tree's top, object id) of every blob at ``path`` in a commit (with
    ``recursive``, every blob below it), from ``git ls-tree -z``: entries
    ``<mode> SP <type> SP <object> TAB <name>``, each ended by NUL; submodules (commits) are
    left out, they hold nothing of ours."""
    out = _git(top, "ls-tree", *(["-r"] if recursive else []), "-z", commit, "--", path, rev=rev)
    entries = []
    for entry in out.split(b"\0")[:-1]:
        meta, _, name = entry.partition(b"\t")
        _mode, kind, oid = meta.decode("ascii").split(" ")
        if kind == "blob":
            entries.append((os.fsdecode(name), oid))
    return entries


_OBJECT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256


def _cat(top: Path, oids: Sequence[str], rev: str) -> list[bytes | int]:
    """Contents of many blobs (of revision ``rev``), given by object id: the bytes of each
    blob within the size limit for YAML files, the size of each one over it (never read).
    Sizes come from one ``git cat-file --batch-check``, contents from one ``--batch``; each
    answer is checked to be the blob asked for (a header ``<oid> SP blob SP <size> LF``, then
    for ``--batch`` the content and LF), so no blob is ever attributed to another file."""
    if not oids:
        return []
    if not all(_OBJECT_ID.fullmatch(oid) for oid in oids):
        raise ValueError(f"not object ids: {[o for o in oids if not _OBJECT_ID.fullmatch(o)]}")
    limit = max_bytes("yaml")
    sizes = [size for size, _ in _batch(top, oids, rev, content=False)]
    small = [oid for oid, size in zip(oids, sizes, strict=True) if size <= limit]
    contents = iter(blob for _, blob in _batch(top, small, rev, content=True))
    return [next(contents) if size <= limit else size for size in sizes]


def _batch(top: Path, oids: Sequence[str], rev: str, content: bool) -> list[tuple[int, bytes]]:
    """(size, content: empty without ``content``) of each blob, from ``git cat-file``."""
    if not oids:
        return []
    mode = "--batch" if content else "--batch-check"
    out = _git(top, "cat-file", mode, rev=rev, data="".join(f"{o}\n" for o in oids).encode())
    found, pos = [], 0
    for oid in oids:
        header_end = out.find(b"\n", pos)
        header = (
            out[pos:header_end].decode("ascii", "replace").split(" ") if header_end >= 0 else []
        )
        size = int(header[2]) if len(header) == 3 and header[2].isdigit() else -1
        start = header_end + 1
        end = start + size if content else header_end
        answered = header[:2] == [oid, "blob"] and size >= 0
        if not answered or (content and out[end : end + 1] != b"\n"):  # another, or cut short
            got = t("git.batch_short") if answered or not header else " ".join(header)
            raise GitError(t("git.batch_mismatch", rev=repr(rev), oid=oid, got=got))
        found.append((size, out[start:end] if content else b""))
        pos = end + 1
    return found


@cache
def _history(top: Path, path: str) -> tuple[str, ...]:
    """Every commit that left the file there (not one that deleted it), newest first (commit
    ids only: no name is printed, and the name asked for is a literal pathspec)."""
    out = _git(top, "log", "--format=%H", "--diff-filter=ACMRT", "--", path)
    return tuple(out.decode("ascii").split())


def standard_at_revision(doc: Document, revision: str) -> dict[str, Any] | None:
    """The content a standard had when its ``revision`` field was ``revision``, from the git
    history of its file: None when the file is in no git work tree or its history has no such
    revision; a usage error when git fails or a shallow clone has cut the file's history."""
    path = doc.path.resolve()
    try:
        top = toplevel(path)
        relative = path.relative_to(top).as_posix()
    except (NotAWorkTree, ValueError):
        return None
    history = _history(top, relative)
    for commit in history:
        found = [
            oid for name, oid in _ls_tree(top, commit, relative, commit[:12]) if name == relative
        ]
        for blob in _cat(top, found, commit[:12]):
            try:
                data = blob_document(blob, path, printable(relative)).data
            except InputError:
                continue  # that version did not parse: it is not the one looked for
            if str(data.get("revision")) == revision:
                return data
    # a shallow clone that has the file at its boundary has cut off the file's older versions
    if history and history[-1] in _shallow_boundary(top):
        raise UsageError(
            t("git.history_shallow", file=printable(relative), revision=repr(revision))
        )
    return None


def file_at(doc: Document, rev: str) -> dict[str, Any] | None:
    """The artifact in the file of ``doc`` as it was at git revision ``rev`` (``spguard upgrade
    --to``): None when that commit has no such file; a usage error outside a work tree or for
    an unknown revision; an input error when that version does not parse."""
    path = doc.path.resolve()
    top = toplevel(path)
    relative = path.relative_to(top).as_posix()
    commit = resolve(top, rev)
    found = [oid for name, oid in _ls_tree(top, commit, relative, rev) if name == relative]
    for blob in _cat(top, found, rev):
        return blob_document(blob, path, printable(f"{rev}:{relative}")).data
    return None


def at_merge_base(
    root: Path, rev: str, wanted: Wanted | None = None
) -> tuple[Side, list[Document], list[Problem]]:
    """The repository at ``root`` as it was where ``HEAD`` left ``rev`` (their merge base, as
    ``git diff REV...`` compares): the side (named ``rev``) and its artifacts, each named as
    the work tree's file is (see :func:`read_tree`), and the files that could not be read."""
    top = toplevel(root)
    side = Side(merge_base(top, rev, "HEAD"), rev)
    subdir = PurePosixPath(Path(os.path.relpath(root.resolve(), top.resolve())).as_posix())
    docs, problems = read_tree(top, side, subdir, root, wanted, prefixed=False)
    return side, docs, problems


def folder_in_repository(root: Path) -> str:
    """The folder ``root`` from the git work tree's top, ``""`` at the top, else ending in ``/``
    (``""`` outside a work tree)."""
    try:
        top = toplevel(root)
    except UsageError:
        return ""
    relative = Path(os.path.relpath(root.resolve(), top.resolve())).as_posix()
    return "" if relative == "." else relative + "/"
