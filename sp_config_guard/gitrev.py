"""Reading artifacts from git revisions with real git (``git ls-tree``, ``git cat-file``),
never a shell: paths and revisions are passed as arguments."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.loader import Document
from sp_config_guard.messages import msg, t
from sp_config_guard.yamlio import parse_yaml


def _git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        run = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(t("git.missing")) from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else t("git.failed_plain")
        raise UsageError(t("git.failed", command=" ".join(args[:2]), detail=detail))
    return run.stdout


def toplevel(path: Path) -> Path:
    """The root of the git work tree holding ``path``."""
    folder = path if path.is_dir() else path.parent
    return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())


def resolve(top: Path, rev: str) -> str:
    """The commit id a revision names (raises a usage error for an unknown one)."""
    if rev.startswith("-"):
        raise UsageError(t("git.not_revision", rev=repr(rev)))
    return _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()


def read_tree(
    top: Path, rev: str, subdir: PurePosixPath, display_root: Path
) -> tuple[list[Document], list[Problem]]:
    """The artifacts under ``subdir`` at revision ``rev``; unreadable ones as problems."""
    commit = resolve(top, rev)
    names = _git(
        top,
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        commit,
        "--",
        str(subdir) if str(subdir) != "." else ".",
    )
    paths = [PurePosixPath(n) for n in names.decode("utf-8").split("\0") if n]
    paths = [
        p
        for p in paths
        if p.suffix in (".yaml", ".yml") and len(p.parts) >= 2 and p.parts[-2][:1].isupper()
    ]
    blobs = _cat(top, [f"{commit}:{p}" for p in paths])
    docs, problems = [], []
    for path, blob in zip(paths, blobs, strict=True):
        display = (display_root / path).as_posix()
        try:
            (data,) = parse_yaml(blob.decode("utf-8"), display)
            if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
                raise InputError(Problem("LOAD007", msg("git.not_artifact"), display))
            docs.append(Document(Path(display), f"{rev}:{path}", blob.decode("utf-8"), data))
        except (InputError, UnicodeDecodeError, ValueError) as err:
            problem = (
                err.problem
                if isinstance(err, InputError)
                else Problem("LOAD006", msg("LOAD006.not_utf8", detail=str(err)), display)
            )
            problems.append(problem)
    return docs, problems


def _cat(top: Path, objects: Sequence[str]) -> list[bytes]:
    """Contents of many blobs with one ``git cat-file --batch``."""
    if not objects:
        return []
    out = _git(top, "cat-file", "--batch", data="".join(f"{o}\n" for o in objects).encode("utf-8"))
    blobs, pos = [], 0
    for _ in objects:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return blobs


@cache
def _history(top: Path, path: str) -> tuple[str, ...]:
    return tuple(_git(top, "log", "--format=%H", "--", path).decode().split())


def standard_at_revision(doc: Document, revision: str) -> dict[str, Any] | None:
    """The content a standard had when its ``revision`` field was ``revision``, from the git
    history of its file (None when there is no git history or no such revision)."""
    try:
        top = toplevel(doc.path.resolve())
        relative = doc.path.resolve().relative_to(top).as_posix()
        for commit in _history(top, relative):
            (blob,) = _cat(top, [f"{commit}:{relative}"])
            (data,) = parse_yaml(blob.decode("utf-8"), relative)
            if isinstance(data, dict) and str(data.get("revision")) == revision:
                return data
    except (UsageError, InputError, ValueError, OSError):
        return None
    return None
