"""The data that ships inside the package: the ``schemas/`` and ``rules/`` folders, the
validators of the tool's own file formats, and the shipped rule sets by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard import speedups
from sp_config_guard.errors import UsageError
from sp_config_guard.messages import t

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import Draft202012Validator, ValidationError


@cache
def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` (``schemas`` or ``rules``): inside the installed package,
    or at the repository root when running from a source checkout. (The package is files on
    disk, as ``importlib.resources`` would give them: importing it costs 15 ms a start.)"""
    packaged = Path(__file__).resolve().parents[1] / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    raise UsageError(t("install.missing", name=name))


class ShippedValidator:
    """A shipped schema's validator: ``jsonschema``'s errors, with a compiled pre-check
    (``jsonschema-rs``, as ``model.kinds`` does for artifacts) answering the common case,
    valid, fast. Only data the pre-check rejects, or cannot take (values that are not JSON,
    such as YAML's dates), goes through ``jsonschema``, which is imported then: the shipped
    rule sets and a valid configuration never load it for this (a lint of one file: 11 ms
    instead of 67 ms for the 14 shipped rule sets). The pre-check may reject what
    ``jsonschema`` accepts (then ``jsonschema`` decides); tests/test_startup.py checks it
    accepts nothing that ``jsonschema`` rejects on the shipped files."""

    def __init__(self, schema: dict[str, Any], formats: bool = True) -> None:
        self.schema, self.formats = schema, formats

    @cached_property
    def validator(self) -> Draft202012Validator:
        """``jsonschema``'s Draft 2020-12 validator, formats such as ``date`` checked (with
        ``formats``)."""
        from jsonschema import Draft202012Validator, FormatChecker

        checker = FormatChecker() if self.formats else None
        return Draft202012Validator(self.schema, format_checker=checker)

    @cached_property
    def fast_validator(self) -> jsonschema_rs.Draft202012Validator | None:
        """The schema compiled by ``jsonschema-rs`` (formats checked with ``formats``), or None
        when it cannot be compiled."""
        import jsonschema_rs

        try:
            return jsonschema_rs.Draft202012Validator(self.schema, validate_formats=self.formats)
        except (ValueError, TypeError, jsonschema_rs.ReferencingError):
            return None

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        """The schema errors of ``data``, exactly as ``jsonschema`` reports them."""
        if prechecked(lambda: self.fast_validator, data):
            return iter(())
        return self.validator.iter_errors(data)


def prechecked(fast: Callable[[], jsonschema_rs.Draft202012Validator | None], data: Any) -> bool:
    """Whether the compiled validator ``fast()`` (asked for only when the speedups are on)
    accepts ``data``; False when there is none or it cannot take the data (values that are
    not JSON): then ``jsonschema`` decides."""
    validator = fast() if speedups.enabled() else None
    try:
        return validator is not None and validator.is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


@cache
def shipped_validator(name: str) -> ShippedValidator:
    """The validator of a shipped schema (``ruleset``, ``waivers``, ``baseline``, ``config``,
    ``profile``), built once per process; formats such as ``date`` are checked."""
    schema = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    return ShippedValidator(schema)


def presets() -> dict[str, Path]:
    """The shipped rule sets, by name (the folder listed once per process: a new mapping
    each call, the caller may change it)."""
    return dict(_presets())


@cache
def _presets() -> dict[str, Path]:
    return {path.stem: path for path in sorted(data_dir("rules").glob("*.yaml"))}
