"""Configuration: ``spguard.yaml`` (or ``[tool.spguard]`` in ``pyproject.toml``) found in the
working folder or its parents. Precedence: command-line flags, then ``SPGUARD_*`` environment
variables, then the file, then the defaults below - filled in here and nowhere else. Unknown
keys are errors naming the file."""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import json
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, UsageError, did_you_mean
from sp_config_guard.load.cache import keep_settings, known_settings
from sp_config_guard.load.discovery import find_config, tool_table
from sp_config_guard.load.loader import read_input
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.startup import locale_lang
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.messages import LANGS, t
from sp_config_guard.model.shipped import shipped_validator
from sp_config_guard.model.wording import schema_error_message


@dataclass(frozen=True)
class Override:
    """Rule changes for the artifacts under some paths."""

    paths: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)

    def matches(self, relative: str) -> bool:
        """Whether ``relative`` (to the repository root) is, or is under, one of the paths
        (globs; a folder covers what is in it)."""
        return bool(
            _any_of((*self.paths, *(p.rstrip("/") + "/*" for p in self.paths))).match(relative)
        )


@dataclass(frozen=True)
class Config:
    """The effective configuration of one repository."""

    root: Path
    file: Path | None = None
    standard: str = "central"
    include: tuple[str, ...] = ("*",)
    exclude: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()
    waivers: Path | None = None
    baseline: Path | None = None
    fail_on: str = "error"
    lang: str = "en"
    redact: bool = False
    overrides: tuple[Override, ...] = ()
    min_variants: int = 5
    """``drift.min_variants``: a drift roll-up on fewer variants is marked as a small number."""
    min_departments: int = 3
    """``promote.min_departments``: copies that must make a change the same way to promote it."""
    min_hospitals: int = 2
    """``promote.min_hospitals``: hospitals those copies must span."""
    docs_url: str | None = None
    """Where the organisation publishes a page per code (SARIF ``helpUri``; :func:`docs_link`)."""

    def wanted(self, relative: str) -> bool:
        """Whether a file (relative to the root) is included and not excluded."""
        excluded = _any_of(self.exclude)
        return bool(_any_of(self.include).match(relative)) and not excluded.match(relative)


@cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression that matches what any of the glob ``patterns`` matches (as
    ``fnmatch.fnmatchcase``); with no patterns, nothing."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def _read(file: Path, use_cache: bool = False, keep: bool = False) -> dict[str, Any]:
    """The validated settings of a configuration file, read once per process while the file
    is unchanged (the CLI reads it for the help's language, then for the command). With
    ``use_cache``, a file found valid before with the same bytes is read back from the cache
    (no YAML parsed, no schema loaded); with ``keep``, a valid file is remembered there."""
    try:
        st = file.stat()
    except OSError:
        return _read_file(file, use_cache, keep)
    found = _read_unchanged(file, use_cache, keep, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return copy.deepcopy(found)


@lru_cache(maxsize=8)
def _read_unchanged(file: Path, use_cache: bool, keep: bool, *stat: int) -> dict[str, Any]:
    return _read_file(file, use_cache, keep)


def _read_file(file: Path, use_cache: bool = False, keep: bool = False) -> dict[str, Any]:
    display = file.as_posix()
    raw: bytes | None = None
    if file.name == "pyproject.toml":
        data, text = tool_table(file).get("spguard", {}), None
    else:
        try:
            raw = read_input(file, display)[0]
            known = known_settings(file.parent, raw) if use_cache else None
            if known is not None:
                return known
            text = decode(raw, display)
            docs = parse_yaml(text, display)
        except InputError as err:
            raise UsageError(str(err.problem)) from None
        data = docs[0] if len(docs) == 1 and docs[0] is not None else {}
    errors = sorted(
        shipped_validator("config").iter_errors(data), key=lambda e: list(e.absolute_path)
    )
    if errors:
        error = errors[0]
        line = f":{position(text, list(error.absolute_path))[0]}" if text is not None else ""
        at = ".".join(str(p) for p in error.absolute_path) or t("config.top_level")
        where = f"{display}{line}"
        raise UsageError(
            t("config.invalid", where=where, at=at, detail=schema_error_message(error))
        )
    if keep and raw is not None:
        keep_settings(file.parent, raw, dict(data))
    return dict(data)


def _environment(root: Path, use_cache: bool = False) -> dict[str, Any]:
    """The settings given as ``SPGUARD_*`` variables, checked as the file's are (a value the
    schema refuses is an error naming the variable; with ``use_cache``, settings found valid
    before are not checked again)."""
    env: dict[str, Any] = {}
    for key in ("fail_on", "lang", "waivers", "baseline", "standard", "docs_url"):
        value = os.environ.get(f"SPGUARD_{key.upper()}")
        if value:
            env[key] = value
    for key in ("rulesets", "include", "exclude"):
        value = os.environ.get(f"SPGUARD_{key.upper()}")
        if value:
            env[key] = [part.strip() for part in value.split(",") if part.strip()]
    if redact_env():
        env["redact"] = True
    given = json.dumps(env, sort_keys=True).encode()  # the key, as a file's bytes are
    if not env or (use_cache and known_settings(root, given) == env):
        return env
    for error in shipped_validator("config").iter_errors(env):
        raise UsageError(f"{_ENV[str(error.absolute_path[0])]}: {schema_error_message(error)}")
    if use_cache:
        keep_settings(root, given, env)
    return env


def docs_link(docs_url: str | None, code: str) -> str | None:
    """The page of ``code`` under the configured ``docs_url``: its ``{code}`` replaced, else
    the code appended as a path (``https://wiki.example/regler/`` -> ``.../regler/MED001``);
    None without a ``docs_url``, rather than a link to a page nobody publishes."""
    if not docs_url:
        return None
    if "{code}" in docs_url:
        return docs_url.replace("{code}", code)
    return f"{docs_url.rstrip('/')}/{code}"


def redact_env() -> bool:
    """Whether ``SPGUARD_REDACT`` asks for findings without field content."""
    return os.environ.get("SPGUARD_REDACT", "") not in ("", "0")


def configured_lang(start: Path, use_cache: bool = False) -> str | None:
    """``lang`` of the valid configuration around ``start``; None when it names none, or
    cannot be read or is invalid (reported later, by the command)."""
    try:
        _, file = find_config(start)
        lang = _read(file, use_cache).get("lang") if file is not None else None
    except (UsageError, OSError, ValueError):
        lang = None
    return lang if isinstance(lang, str) and lang in LANGS else None


def load_config(
    start: Path,
    flags: Mapping[str, Any] | None = None,
    *,
    flag_names: Mapping[str, str] | None = None,
    writes: Collection[str] = (),
    use_cache: bool = False,
) -> Config:
    """The effective configuration for ``start``: defaults < file < environment < ``flags``
    (flags that are None or empty are not given). A configured file or folder that does not
    exist is an error naming where it was set (``flag_names``: the option of each flag, when
    not ``--KEY``), unless the command writes it (``writes``: ``baseline``). With
    ``use_cache``, the file's validated settings are read from (and kept in) the cache."""
    root, file = find_config(start)
    values: dict[str, Any] = {"lang": locale_lang()}
    if file is not None:
        values.update(_read(file, use_cache, keep=use_cache))
        values.update(_section(values.pop("drift", {}), ("min_variants",)))
        values.update(_section(values.pop("promote", {}), ("min_departments", "min_hospitals")))
    environment = _environment(root, use_cache)
    given = {k: v for k, v in (flags or {}).items() if v not in (None, (), [])}
    values.update(environment)
    values.update(given)
    origins = {key: _ENV[key] for key in environment}
    origins.update({key: (flag_names or {}).get(key, _FLAGS.get(key, f"--{key}")) for key in given})
    config = _build(root, file, values)
    _check_inside(config, origins, set(values) - set(origins))
    _check_exists(config, set(values) - {"lang"}, origins, writes)
    return config


def _section(section: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """The settings of one of the file's sections (``drift``, ``promote``), by their names in
    :class:`Config`."""
    return {key: section[key] for key in keys if key in section}


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path``, symbolic links resolved, is ``root`` or inside it."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _check_inside(config: Config, origins: Mapping[str, str], in_file: Collection[str]) -> None:
    """Every file the repository's own configuration names (the waivers file, the baseline,
    rule-set files, override paths, and the default ``waivers.yaml`` / ``baseline.yaml``) is
    inside the repository, symbolic links resolved, as ``extends`` of a rule set is: a
    reviewed branch cannot make spguard read or write elsewhere. A flag or ``SPGUARD_*``
    variable (in ``origins``) is the user's choice and may name a file anywhere."""
    root = config.root

    def refuse(key: str, sub: Sequence[str | int], value: object) -> UsageError:
        # a default file (waivers.yaml, baseline.yaml) is named by itself: no setting names it
        where = setting_place(config.file, [key, *sub]) if key in in_file else str(value)
        return UsageError(f"{where}: {t('config.outside', path=repr(str(value)))}")

    for key in ("waivers", "baseline"):
        path = getattr(config, key)
        if key not in origins and path is not None and not _inside(root, path):
            raise refuse(key, [], path if key in in_file else path.name)
    if "rulesets" not in origins:
        for index, spec in enumerate(rulesets_for(config)):
            if spec not in _shipped() and not _inside(root, Path(spec)):
                raise refuse("rulesets", [index], config.rulesets[index])
    for index, override in enumerate(config.overrides):
        for at, pattern in enumerate(override.paths):
            if Path(pattern).is_absolute() or not _inside(root, root / _fixed_folders(pattern)):
                raise refuse("overrides", [index, "paths", at], pattern)


def _shipped() -> Collection[str]:
    from sp_config_guard.model.shipped import presets

    return presets()


_ENV = {f.name: f"SPGUARD_{f.name.upper()}" for f in fields(Config)}
_FLAGS = {
    "rulesets": "--ruleset",
    "fail_on": "--fail-on",
    "min_variants": "--min-variants",
    "min_departments": "--min-departments",
    "min_hospitals": "--min-hospitals",
}


def _build(root: Path, file: Path | None, values: Mapping[str, Any]) -> Config:
    names = {f.name for f in fields(Config)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise UsageError(t("config.unknown_keys", keys=", ".join(unknown)))
    config = Config(root=root, file=file)
    updates: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("include", "exclude", "rulesets"):
            updates[key] = tuple(value)
        elif key in ("waivers", "baseline"):
            updates[key] = _path(root, value)
        elif key == "overrides":
            updates[key] = tuple(
                Override(tuple(o["paths"]), tuple(o.get("ignore", ())), dict(o.get("severity", {})))
                for o in value
            )
        else:
            updates[key] = value
    config = replace(config, **updates)
    if config.waivers is None and (root / "waivers.yaml").is_file():
        config = replace(config, waivers=root / "waivers.yaml")
    if config.baseline is None and (root / "baseline.yaml").is_file():
        config = replace(config, baseline=root / "baseline.yaml")
    return config


def _check_exists(
    config: Config, configured: Collection[str], origins: Mapping[str, str], writes: Collection[str]
) -> None:
    """Every folder and file the configuration names exists: the standard's folder (inside
    the root), the waivers and baseline files (unless the command writes them), rule-set
    files and presets, and the fixed folders of each override path (the part before its
    first wildcard: a glob may match nothing yet in a new repository, a mistyped folder
    would make the override apply nowhere)."""

    def fail(key: str, sub: Sequence[str | int], detail: str) -> UsageError:
        where = origins.get(key) or setting_place(config.file, [key, *sub])
        return UsageError(f"{where}: {detail}")

    root = config.root
    if "standard" in configured:
        folder = root / config.standard
        if not folder.is_dir() or not folder.resolve().is_relative_to(root.resolve()):
            folders = [p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
            hint = did_you_mean(config.standard, folders)
            raise fail("standard", [], t("config.no_folder", path=repr(config.standard), hint=hint))
    for key in ("waivers", "baseline"):
        path = getattr(config, key)
        if key in configured and key not in writes and not path.is_file():
            raise fail(key, [], t("config.no_file", path=path.as_posix()))
    if config.rulesets:
        from sp_config_guard.model.shipped import presets

        for index, spec in enumerate(rulesets_for(config)):
            if spec not in presets() and not Path(spec).is_file():
                hint = did_you_mean(spec, presets())
                detail = t("config.no_ruleset", spec=repr(config.rulesets[index]), hint=hint)
                raise fail("rulesets", [index], detail)
    for index, override in enumerate(config.overrides):
        for at, pattern in enumerate(override.paths):
            fixed = _fixed_folders(pattern)
            if fixed and not (root / fixed).exists():
                detail = t("config.no_path", path=repr(fixed))
                raise fail("overrides", [index, "paths", at], detail)


def _fixed_folders(pattern: str) -> str:
    """The part of a glob before its first wildcard component (all of it without one)."""
    parts = []
    for part in pattern.split("/"):
        if any(char in part for char in "*?["):
            break
        parts.append(part)
    return "/".join(parts)


def setting_place(file: Path | None, keys: Sequence[str | int]) -> str:
    """``file:line: key`` of a setting in the configuration file, for messages."""
    line = ""
    if file is not None and file.name != "pyproject.toml":
        with contextlib.suppress(InputError):  # the file was read: only a race gets here
            text = read_bytes(file, file.as_posix(), "yaml").decode("utf-8", errors="replace")
            line = f":{position(text, list(keys))[0]}"
    key = ".".join(str(k) for k in keys)
    return f"{file.as_posix()}{line}: {key}" if file is not None else key


def _path(root: Path, value: Any) -> Path:
    path = Path(str(value))
    return path if path.is_absolute() else root / path


def rulesets_for(config: Config) -> Sequence[str]:
    """Rule set names or paths (paths relative to the repository root)."""
    return [
        spec
        if "/" not in spec and not spec.endswith((".yaml", ".yml"))
        else str(_path(config.root, spec))
        for spec in config.rulesets
    ]
