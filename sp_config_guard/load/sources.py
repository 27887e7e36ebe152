"""Reading input files safely: size limits, encodings and atomic writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.messages import msg

_DEFAULT_LIMITS = {"file": 256 * 1024 * 1024, "yaml": 16 * 1024 * 1024}


def max_bytes(what: str = "file") -> int:
    """Size limit for an input (``file`` for exports, ``yaml`` for YAML files); read at call
    time from ``SPGUARD_MAX_FILE_BYTES`` / ``SPGUARD_MAX_YAML_BYTES`` when set."""
    value = os.environ.get(f"SPGUARD_MAX_{what.upper()}_BYTES")
    return int(value) if value and value.isdigit() else _DEFAULT_LIMITS[what]


def read_bytes(path: Path, display: str, what: str = "file") -> bytes:
    """The file's bytes, refusing files over the size limit for ``what`` before reading them."""
    limit = max_bytes(what)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                Problem(
                    "LOAD005",
                    msg("LOAD005.too_big", size=f"{size:,}", limit=f"{limit:,}"),
                    display,
                )
            )
        return path.read_bytes()
    except OSError as err:
        raise InputError(
            Problem("LOAD000", msg("LOAD000.unreadable", reason=err.strerror), display)
        ) from None


def decode(data: bytes, display: str, encoding: str = "utf-8") -> str:
    """Text of ``data``: a leading BOM is dropped, a BOM elsewhere or an undecodable byte is
    reported with its line and column."""
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        # columns count characters, as editors do, not bytes
        column = len(data[line_start : err.start].decode(codec, errors="replace")) + 1
        hint = msg("LOAD006.hint_cp1252") if codec.startswith("utf-8") else ""
        raise InputError(
            Problem(
                "LOAD006",
                msg(
                    "LOAD006.undecodable",
                    encoding=encoding,
                    byte=f"{data[err.start]:02X}",
                    hint=hint,
                ),
                display,
                line,
                column,
            )
        ) from None
    except LookupError:
        raise InputError(
            Problem("LOAD006", msg("LOAD006.unknown_encoding", encoding=repr(encoding)), display)
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    for char, key in (("\ufeff", "LOAD006.bom"), ("\x00", "LOAD006.nul")):
        at = text.find(char)
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            raise InputError(Problem("LOAD006", msg(key), display, line, column))
    return text


def link_outside(path: Path, root: Path, display: str) -> Problem | None:
    """A problem when ``path`` is a symbolic link that loops, dangles or leads out of the
    folder ``root``: such a link is never followed (nothing outside the repository is read)."""
    if not os.path.islink(path):
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        reason = getattr(err, "strerror", None) or "it loops"
        return Problem("LOAD010", msg("LOAD010.broken", reason=reason), display)
    if not target.is_relative_to(root.resolve()):
        return Problem("LOAD010", msg("LOAD010.outside", root=root.resolve().as_posix()), display)
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # locked while it is written: a later run removes it only once no writer holds it
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a report is to be shared
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(tmp, path)  # still locked: renamed before any cleaner may take it
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.filename is None:  # say which file (full disk)
            raise OSError(err.errno, err.strerror, path.as_posix()) from None
        raise
