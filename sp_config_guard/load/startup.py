"""The language of help texts and early messages, chosen before options are parsed and
cheaply: importing this module (and running :func:`startup_lang` with its default reader)
reads the configuration file's ``lang`` as YAML, without the configuration's schema, so
``spguard --help`` and ``--version`` load no schema machinery. Before a command runs, the CLI
chooses again with the validated reader (``config.configured_lang``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.messages import LANGS

if TYPE_CHECKING:
    from pathlib import Path


def locale_lang() -> str:
    """``da`` when the environment's locale is Danish, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    import locale  # only when no variable names the locale

    code = locale.getlocale()[0] or ""
    return "da" if code.lower().startswith("da") else "en"


def file_lang(start: Path, use_cache: bool = False) -> str | None:
    """``lang`` of the configuration file around ``start`` as written (not validated); None
    when it names none or cannot be read. With ``use_cache``, a file found valid before with
    the same bytes is not parsed again (its settings come from the cache)."""
    from sp_config_guard.load.discovery import find_config, tool_table
    from sp_config_guard.load.sources import decode, read_bytes

    try:
        _, file = find_config(start)
        if file is None:
            return None
        if file.name == "pyproject.toml":
            data = tool_table(file).get("spguard")
        else:
            display = file.as_posix()
            raw = read_bytes(file, display, "yaml")
            data = _known(file.parent, raw) if use_cache else None
            if data is None:
                from sp_config_guard.load.yamlio import parse_yaml  # only when there is a file

                docs = parse_yaml(decode(raw, display), display)
                data = docs[0] if len(docs) == 1 else None
    except (UsageError, InputError, OSError, ValueError):
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) and lang in LANGS else None


def startup_lang(
    argv: Sequence[str], lang_of: Callable[[Path, bool], str | None] = file_lang
) -> str:
    """``--lang`` in ``argv``, else ``SPGUARD_LANG``, else ``lang_of`` the configuration
    around the first existing path in ``argv`` (or the working folder; from the cache when
    :func:`_cached`), else the locale. Never raises: a configuration that cannot
    be read is reported later, by the command."""
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else None
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else value
        if value in LANGS:
            return value
    env = os.environ.get("SPGUARD_LANG", "")
    if env in LANGS:
        return env
    from pathlib import Path  # only when no language is given

    start = next((Path(a) for a in argv if not a.startswith("-") and Path(a).exists()), Path("."))
    return lang_of(start, _cached(argv)) or locale_lang()


def _known(root: Path, data: bytes) -> dict[str, Any] | None:
    from sp_config_guard.load.cache import known_settings

    return known_settings(root, data)


def _cached(argv: Sequence[str]) -> bool:
    """Whether the configuration's checked settings may come from the cache: not with
    ``--no-cache``, and not for the help or the version (which open no cache)."""
    return not {"--no-cache", "-h", "--help", "--version"} & set(argv)
