"""The data that ships inside the package: the ``schemas/`` and ``rules/`` folders, the
validators of the tool's own file formats, and the shipped rule sets by name."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from sp_config_guard.errors import UsageError
from sp_config_guard.messages import t


def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` (``schemas`` or ``rules``): inside the installed package,
    or at the repository root when running from a source checkout."""
    packaged = Path(str(resources.files("sp_config_guard"))) / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    raise UsageError(t("install.missing", name=name))


@cache
def shipped_validator(name: str) -> Draft202012Validator:
    """The validator of a shipped schema (``ruleset``, ``waivers``, ``baseline``, ``config``,
    ``profile``), built once per process; formats such as ``date`` are checked."""
    schema = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def presets() -> dict[str, Path]:
    """The shipped rule sets, by name."""
    return {path.stem: path for path in sorted(data_dir("rules").glob("*.yaml"))}
