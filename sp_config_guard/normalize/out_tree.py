"""Where normalize may write: file names every filesystem takes, folders that are real folders
inside ``--out``, never a file that holds another artifact, and no temporary file left behind
by a run that was killed."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.load.loader import artifact_data
from sp_config_guard.messages import msg, t

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Windows refuses these as the stem of any file or folder name (``nul.txt``, ``Com1``).
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}
)
MAX_PART = 200
"""The longest name part: ``<id>.yaml`` and its temporary twin stay under 255 bytes."""
# atomic_write's temporary files: ".<name>.<random>.tmp" beside the file they become
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")


def refuse_overlap(out: Path, inputs: Sequence[Path], profiled: bool) -> None:
    """A usage error (before anything is read or written) when ``--out`` lies inside an export
    folder (the next run would read its own output), or, for raw exports (``profiled``), an
    export lies in ``--out``. Canonical files may lie in ``--out``: a canonical tree
    normalised into itself (``--out`` is the input) is the README's idempotence check."""
    target = out.resolve()
    for root in inputs:
        source = root.resolve()
        inside_exports = root.is_dir() and target != source and target.is_relative_to(source)
        if inside_exports or (profiled and source.is_relative_to(target)):
            raise UsageError(
                t("cli.normalize_overlap", out=out.as_posix(), exports=root.as_posix())
            )


def name_problem(part: str) -> str | None:
    """The NORM002 message key that refuses ``part`` as a file or folder name, or None."""
    if len(part) > MAX_PART:
        return "NORM002.too_long"
    if not _SAFE_PART.match(part) or part.endswith("."):
        return "NORM002.unsafe_name"
    if part.split(".")[0].upper() in _RESERVED:
        return "NORM002.reserved"
    return None


def linked_part(out: Path, target: Path) -> Path | None:
    """The first folder (or the file itself) on the way from ``out`` to ``target`` that is a
    symbolic link: normalize never reads or writes through one."""
    path = out
    for part in target.relative_to(out).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def held_artifact(text: str) -> tuple[Any, Any] | None:
    """(kind, id) of the artifact a canonical file holds, or None when it holds none."""
    try:
        data = artifact_data(text, "")
    except InputError:
        return None
    return data.get("kind"), data.get("id")


def remove_stale_temps(folder: Path) -> None:
    """Remove the temporary files of killed runs from ``folder``: files of atomic_write's naming
    that no live writer holds locked (a writer locks its file until it is renamed)."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for path in folder.iterdir():
        if not _TEMP.match(path.name) or path.is_symlink() or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a writer lives
                path.unlink()
            finally:
                os.close(fd)


def unsafe_target(out: Path | None, target: Path, display: str) -> Problem | None:
    """NORM006 when a folder inside ``--out`` (or the target) is a symbolic link: nothing is
    read or written through it."""
    link = linked_part(out, target) if out is not None else None
    if link is None:
        return None
    return Problem("NORM006", msg("NORM006.link", link=link.as_posix()), display)


def other_artifact(
    old: str, artifact: tuple[Any, Any], origin: str, display: str
) -> Problem | None:
    """NORM007 when the target file holds another artifact (other kind or id) than the one
    that ``origin`` normalises to."""
    held = held_artifact(old)
    if held is None or held == artifact:
        return None
    kind, artifact_id = held
    message = msg(
        "NORM007.other_artifact",
        held=f"{kind} {artifact_id!r}",
        artifact=f"{artifact[0]} {artifact[1]!r}",
        origin=origin,
    )
    return Problem("NORM007", message, display)
