"""The configuration a command runs with: ``spguard.yaml`` upward, the environment, then the
caller's flags (see :mod:`sp_config_guard.api`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard.lint.ruleset import Rule, load_rules
from sp_config_guard.load.cache import open_cache
from sp_config_guard.load.config import Config, docs_link, load_config, rulesets_for
from sp_config_guard.messages import language, t

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    pass

PathLike = str | Path
Note = Callable[[str], None]
"""Where a command's notes go (the CLI's ``--verbose``); by default nowhere."""


def silent(_: str) -> None:
    pass


def as_paths(paths: PathLike | Sequence[PathLike]) -> list[Path]:
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def configuration(
    start: PathLike | None = ".",
    *,
    flag_names: dict[str, str] | None = None,
    writes: tuple[str, ...] = (),
    note: Note = silent,
    use_cache: bool = False,
    **flags: Any,
) -> Config:
    """The effective configuration for a path (``spguard.yaml`` upward, environment, then
    ``flags``: ``rulesets``, ``fail_on``, ``lang``, ``waivers``, ``baseline``, ``redact``).
    File flags are taken relative to the working folder, rule sets too when they name an
    existing file; ``flag_names`` (the option that gave a flag, for errors), ``writes``
    (files the command writes, so they need not exist) and ``use_cache`` (the file's checked
    settings read from the cache) as for :func:`load_config`."""
    for key in ("waivers", "baseline"):
        if flags.get(key) is not None:
            flags[key] = Path(flags[key]).resolve()
    if flags.get("rulesets"):
        flags["rulesets"] = [
            str(Path(r).resolve()) if Path(r).is_file() else r for r in flags["rulesets"]
        ]
    config = load_config(
        Path(start or "."), flags, flag_names=flag_names, writes=writes, use_cache=use_cache
    )
    with language(config.lang):
        file = config.file or t("note.no_config")
        note(t("note.config", root=config.root, file=file, lang=config.lang))
    return config


def configured(
    config: Config | None,
    start: Path | None,
    writes: tuple[str, ...] = (),
    use_cache: bool = False,
    **flags: Any,
) -> Config:
    """``config``, or the configuration around ``start`` with ``flags`` when it is None."""
    if config is None:
        return configuration(start, writes=writes, use_cache=use_cache, **flags)
    given = sorted(key for key, value in flags.items() if value not in (None, (), [], False))
    if given:
        raise TypeError(f"give {', '.join(given)} to configuration(), not with config=")
    return config


def configured_rules(config: Config, note: Note, use_cache: bool = False) -> list[Rule]:
    """The rules of the configuration's rule sets (with ``use_cache``, read back from the
    repository's cache when checked before and unchanged)."""
    store = open_cache(config.root, use_cache)
    try:
        found = load_rules(rulesets_for(config), config.root, store)
    finally:
        if store is not None:
            store.close()
    rules = [
        rule if rule.docs else replace(rule, docs=docs_link(config.docs_url, rule.code))
        for rule in found
    ]
    sets = sorted({f"{r.ruleset} {r.version}" for r in rules})
    with language(config.lang):
        note(t("note.rules", count=len(rules), sets=", ".join(sets) or t("note.no_ruleset")))
    return rules
