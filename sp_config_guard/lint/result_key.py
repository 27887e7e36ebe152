"""The key of a stored lint result (everything the result depends on, hashed), and the
result read back from under it."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sp_config_guard.errors import InputError
from sp_config_guard.lint import checks
from sp_config_guard.load.cache import Cache, digest, tool_key
from sp_config_guard.load.loader import Facts, read_input
from sp_config_guard.load.packed import unpack
from sp_config_guard.messages import language
from sp_config_guard.result import Result, StoredResult

if TYPE_CHECKING:
    from sp_config_guard.lint.engine import LintSettings


def result_key(
    settings: LintSettings,
    digests: Mapping[str, str],
    wanted: set[str] | None,
    gone: Sequence[Facts],
    names: Sequence[str] = (),
) -> str:
    """Everything a lint result depends on, hashed: the content of every file, the files
    asked about, the artifacts the change removed (and the other names they went by), the
    rules and the data of their check types, the settings, the waivers and the baseline."""
    extra = [  # the file's name too: findings about a waiver name its file
        _file_key(path) for path in (settings.waivers, settings.baseline)
    ]
    parts = [
        tool_key(),
        checks.data_key(),
        sorted(digests.items()),
        None if wanted is None else sorted(wanted),
        sorted(gone, key=str),
        list(names),
        [vars(rule) for rule in settings.rules],  # as asdict(), without its deep copies
        [
            settings.select,
            settings.ignore,
            settings.lang,
            str(settings.today),
            settings.expiring_days,
            settings.redact,
            settings.edits,
        ],
        repr(settings.config),
        extra,
    ]
    text = json.dumps(
        parts, default=lambda o: sorted(o) if isinstance(o, frozenset) else str(o), sort_keys=True
    )
    return digest(text.encode("utf-8"))


def _file_key(path: Path | None) -> tuple[str, str] | None:
    """(name, digest of the content) of a waivers or baseline file, None when there is none
    or it cannot be read (reading it for the lint then says why)."""
    if path is None:
        return None
    try:
        return str(path), digest(read_input(path, str(path))[0])
    except InputError:
        return None


def stored_result(
    store: Cache, key: str, root: Path, again: Callable[[], Result], lang: str
) -> Result | None:
    """The result stored under ``key`` (None when there is none), read back only when its
    findings are first used (:class:`~sp_config_guard.result.StoredResult`); a stored row
    that turns out damaged then gives what ``again`` makes (the same lint without the cache,
    in the run's language ``lang``)."""
    packed = store.packed(key)
    if packed is None:
        return None

    def read() -> Result:
        try:
            return Result.from_json(unpack(packed))
        except (ValueError, KeyError, TypeError, IndexError):
            with language(lang):
                return again()

    return StoredResult(read, (str(root), key))
