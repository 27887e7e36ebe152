"""Reading input files safely: size limits, encodings and atomic writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.messages import msg

if TYPE_CHECKING:
    from pathlib import Path

_DEFAULT_LIMITS = {"file": 256 * 1024 * 1024, "yaml": 16 * 1024 * 1024}


def max_bytes(what: str = "file") -> int:
    """Size limit for an input (``file`` for exports, ``yaml`` for YAML files); read at call
    time from ``SPGUARD_MAX_FILE_BYTES`` / ``SPGUARD_MAX_YAML_BYTES`` when set."""
    value = os.environ.get(f"SPGUARD_MAX_{what.upper()}_BYTES")
    return int(value) if value and value.isdigit() else _DEFAULT_LIMITS[what]


def read_bytes(path: Path, display: str, what: str = "file", root: Path | None = None) -> bytes:
    """The file's bytes (see :func:`read_file`)."""
    return read_file(path, display, what, root)[0]


_OPEN = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC  # a FIFO never blocks the open


def read_file(
    path: Path, display: str, what: str = "file", root: Path | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes of the file at ``path`` and the stat of what was read, bounded whatever the
    file is: a symbolic link that loops, dangles or leads out of the folder ``root`` (the
    repository, when the file is in one) is never followed, only a regular file is read
    (a FIFO, a device such as ``/dev/zero`` or a folder is refused), the size limit for
    ``what`` is checked on the opened file before reading, and never more than the limit and
    one byte is read (a file growing while it is read is refused too). Every refusal is an
    :class:`InputError` naming the file."""
    linked = os.path.islink(path)
    if linked:
        problem = link_outside(path, root, display)
        if problem is not None:
            raise InputError(problem)
    limit = max_bytes(what)
    try:  # not a link when checked: refuse one put there since (O_NOFOLLOW)
        fd = os.open(path, _OPEN if linked else _OPEN | os.O_NOFOLLOW)
    except OSError as err:
        raise _unreadable(err, display) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Problem("LOAD000", msg("LOAD000.not_regular"), display))
        if info.st_size > limit:
            raise too_big(info.st_size, limit, display)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as err:
        raise _unreadable(err, display) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew since the stat
        raise too_big(len(data), limit, display)
    return data, info


def too_big(size: int, limit: int, display: str) -> InputError:
    """The error for a file of ``size`` bytes over the ``limit``."""
    return InputError(
        Problem("LOAD005", msg("LOAD005.too_big", size=f"{size:,}", limit=f"{limit:,}"), display)
    )


def _unreadable(err: OSError, display: str) -> InputError:
    return InputError(Problem("LOAD000", msg("LOAD000.unreadable", reason=err.strerror), display))


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


def link_outside(path: Path, root: Path | None, display: str) -> Problem | None:
    """A problem when ``path`` is a symbolic link that loops, dangles or leads out of the
    folder ``root`` (if given): such a link is never followed (nothing outside the repository
    is read)."""
    if not os.path.islink(path):
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        reason = getattr(err, "strerror", None) or "it loops"
        return Problem("LOAD010", msg("LOAD010.broken", reason=reason), display)
    if root is not None and not target.is_relative_to(root.resolve()):
        return Problem("LOAD010", msg("LOAD010.outside", root=root.resolve().as_posix()), display)
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writable(root: Path, display: str) -> Path | None:
    """The file ``display`` (relative to ``root``) names, links resolved, where the tool may
    rewrite it; None when it is absolute or lies outside ``root`` (through a link): a
    repository under review never makes the tool write elsewhere."""
    if os.path.isabs(display):
        return None
    target = (root / display).resolve()
    return target if target.is_relative_to(root.resolve()) else None


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part;
    ``text`` may come in pieces (a report written as it is made: if making a piece fails, the
    old file stays)."""
    import tempfile  # with random, 2-3 ms of every start-up otherwise

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # locked while it is written: a later run removes it only once no writer holds it
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a report is to be shared
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(tmp, path)  # still locked: renamed before any cleaner may take it
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.filename is None:  # say which file (full disk)
            raise OSError(err.errno, err.strerror, path.as_posix()) from None
        raise
