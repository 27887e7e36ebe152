"""A repository's history for ``drift --history``: the commits of a range on the first-parent
line (the mainline a team merges into), the files that changed between two of them, the
listing of one, and the versions of one file along the history. Read with ``git rev-list``,
``git diff-tree``, ``git ls-tree`` and ``git log`` only (no hook, no filter, no textconv and
no external diff runs for these), NUL-separated where git prints names, and never from a
work tree: blobs are read by object id (:mod:`sp_config_guard.load.gitrev`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sp_config_guard.errors import UsageError
from sp_config_guard.load.clock import copenhagen
from sp_config_guard.load.gitrev import _cat, _git, _ls_tree, resolve
from sp_config_guard.messages import t

WEEK = "week"


@dataclass(frozen=True)
class Commit:
    """One step of a history: a commit and its committer time in Copenhagen (ISO 8601 with
    its offset)."""

    commit: str
    date: str

    @property
    def day(self) -> dt.date:
        """The commit's day in Copenhagen."""
        return dt.date.fromisoformat(self.date[:10])


def _range(top: Path, spec: str) -> tuple[str, str | None]:
    """(newest commit, commit the range starts after or None) of ``REV`` or ``A..B``."""
    if "..." in spec:
        raise UsageError(t("history.bad_range", spec=repr(spec)))
    if ".." not in spec:
        return resolve(top, spec or "HEAD"), None
    old, _, new = spec.partition("..")
    if ".." in new:
        raise UsageError(t("history.bad_range", spec=repr(spec)))
    return resolve(top, new or "HEAD"), resolve(top, old or "HEAD")


def commits(
    top: Path, spec: str = "HEAD", since: dt.date | None = None, every: str | None = None
) -> list[Commit]:
    """The steps of a history, oldest first: the first-parent commits of ``spec`` (``REV``: its
    whole history; ``A..B``: those after A up to B), from the day ``since`` (in Copenhagen);
    ``every``: each Nth of them (``"3"``) or the last of each ISO week (``"week"``), the
    newest always kept. A usage error when none is left."""
    new, old = _range(top, spec)
    span = [new] + ([f"^{old}"] if old else [])
    out = _git(top, "rev-list", "--first-parent", "--reverse", "--format=%ct", *span, rev=spec)
    lines = out.decode("ascii").split("\n")
    found = []
    for header, stamp in zip(lines[0::2], lines[1::2], strict=False):
        moment = dt.datetime.fromtimestamp(int(stamp), copenhagen()).isoformat(timespec="seconds")
        found.append(Commit(header.removeprefix("commit "), moment))
    if since is not None:
        found = [c for c in found if c.day >= since]
    picked = thinned(found, every)
    if not picked:
        raise UsageError(t("history.no_commits", spec=repr(spec)))
    return picked


def thinned(found: list[Commit], every: str | None) -> list[Commit]:
    """Each Nth commit counted from the newest back (so the newest is a step), or the last
    commit of each ISO week (Copenhagen), oldest first."""
    if not every or every == "1":
        return found
    if every == WEEK:
        weeks: dict[tuple[int, int], Commit] = {}
        for c in found:
            weeks[c.day.isocalendar()[:2]] = c
        return sorted(weeks.values(), key=found.index)
    step = int(every)
    return found[::-1][::step][::-1]


def listing(top: Path, commit: str, subdir: str) -> dict[str, str]:
    """Every blob under ``subdir`` (from the work tree's top) in a commit: path -> object id."""
    return dict(_ls_tree(top, commit, subdir or ".", commit[:12], recursive=True))


def changes(top: Path, old: str, new: str, subdir: str) -> dict[str, str | None]:
    """What changed under ``subdir`` from commit ``old`` to ``new``: path -> its new object id,
    None when deleted (a rename is a deletion and an addition; submodules are left out)."""
    args = ("diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", old, new, "--", subdir or ".")
    fields = _git(top, *args, rev=f"{old[:12]}..{new[:12]}").split(b"\0")
    found: dict[str, str | None] = {}
    for header, name in zip(fields[0::2], fields[1::2], strict=False):
        parts = header.decode("ascii").split(" ")  # :<mode> <mode> <old> <new> <status>
        if len(parts) != 5 or "160000" in parts[:2]:
            continue
        found[os.fsdecode(name)] = None if parts[4] == "D" else parts[3]
    return found


def blobs(top: Path, oids: list[str], rev: str) -> list[bytes | int]:
    """The blobs of ``oids`` (their bytes, or the size of one over the size limit), from one
    ``git cat-file`` for all of them."""
    return _cat(top, oids, rev)


@cache
def file_versions(top: Path, end: str, path: str) -> tuple[tuple[str, str], ...]:
    """(commit, object id) of every commit up to ``end`` that left the file ``path`` (from the
    work tree's top) there, newest first, as ``git log END -- PATH`` lists them."""
    out = _git(top, "log", "--format=%H", "--diff-filter=ACMRT", end, "--", path, rev=end[:12])
    found = []
    for commit in out.decode("ascii").split():
        oid = dict(_ls_tree(top, commit, path, commit[:12])).get(path)
        if oid is not None:
            found.append((commit, oid))
    return tuple(found)


@cache
def ancestry(top: Path, commit: str) -> frozenset[str]:
    """Every commit reachable from ``commit``, itself included."""
    return frozenset(_git(top, "rev-list", commit, rev=commit[:12]).decode("ascii").split())
