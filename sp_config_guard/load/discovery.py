"""Where a command looks: every path it is given must exist, and the repository around them is
the nearest folder with a marker (``spguard.yaml``, ``pyproject.toml`` with ``[tool.spguard]``,
or ``.git``), else the folder given itself: never a folder above the paths without a marker, so
a mistyped path never makes ``/`` the repository."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_FILE = "spguard.yaml"


def require_existing(paths: Iterable[Path]) -> None:
    """Raise :class:`UsageError` naming every path that does not exist (a dangling symbolic
    link counts as there: reading it is reported as a problem of that file)."""
    missing = [path.as_posix() for path in paths if not os.path.lexists(path)]
    if missing:
        raise UsageError(t("discovery.missing", paths=", ".join(missing)))


def tool_table(pyproject: Path) -> dict[str, Any]:
    """The ``[tool]`` table of a ``pyproject.toml``."""
    import tomllib  # 4-7 ms, only for a folder with a pyproject.toml (never for --help)

    try:
        data = tomllib.loads(
            decode(read_bytes(pyproject, pyproject.as_posix()), pyproject.as_posix())
        )
    except InputError as err:  # a link out, a FIFO, /dev/zero, too big, not UTF-8
        raise UsageError(
            t("config.unreadable", file=pyproject, detail=err.problem.message)
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError(t("config.unreadable", file=pyproject, detail=err)) from None
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def config_file(folder: Path) -> Path | None:
    """The configuration file in ``folder``: ``spguard.yaml``, else a ``pyproject.toml`` with
    ``[tool.spguard]``."""
    if (folder / CONFIG_FILE).is_file():
        return folder / CONFIG_FILE
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and "spguard" in tool_table(pyproject):
        return pyproject
    return None


def is_repository(folder: Path) -> bool:
    """Whether ``folder`` is the root of a repository (it holds a marker)."""
    return config_file(folder) is not None or (folder / ".git").exists()


def find_config(start: Path) -> tuple[Path, Path | None]:
    """(repository root, config file) for ``start``: the nearest folder with a configuration
    file; else the nearest git work tree; else the folder ``start`` is or is in. A ``start``
    that does not exist (a path only in git revisions) has a root only through a marker above
    it, else it is a usage error: a mistyped path never makes its parent the repository."""
    from pathlib import Path  # not for --help with a language given

    given = Path(os.path.abspath(start))  # a file's folder is the one it is in, also for a link
    folder = given if given.is_dir() else given.parent
    while not folder.is_dir():
        folder = folder.parent
    folder = folder.resolve()
    for candidate in [folder, *folder.parents]:
        file = config_file(candidate)
        if file is not None:
            return candidate, file
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate, None
    require_existing([start])
    return folder, None
