"""The typed envelope: the fields that commands read from every artifact before (or without)
applying its schema - ``scope`` and its parts, which name the artifact's place and file - must
have the types those readers expect. Checked once, where a file is read (and where normalize
maps a record), so a mistyped ``scope`` is a load problem with file and line, and no later
reader meets text where it expects a mapping or a number where it expects text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sp_config_guard.messages import Msg, msg

SCOPE_PARTS = ("level", "region", "hospital", "department", "user")


def type_name(value: Any) -> str:
    """What a value is, in JSON's words (null, boolean, number, string, list, mapping)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "mapping" if isinstance(value, dict) else type(value).__name__


def envelope_problem(data: Mapping[str, Any]) -> tuple[list[str | int], Msg] | None:
    """(path, message) of the first envelope field of the wrong type, or None when the
    envelope's types are right (absent or empty fields are the schema's to report)."""
    scope = data.get("scope")
    if scope is None:
        return None
    if not isinstance(scope, dict):
        return ["scope"], msg(
            "LOAD007.envelope", at="scope", expected="mapping", actual=type_name(scope)
        )
    for part in SCOPE_PARTS:
        value = scope.get(part)
        if value is not None and not isinstance(value, str):
            at = f"scope.{part}"
            return ["scope", part], msg(
                "LOAD007.envelope", at=at, expected="string", actual=type_name(value)
            )
    return None


def revision_key(revision: Any) -> tuple[int, ...]:
    """A ``YYYY.N`` revision as numbers, for ordering (``()`` when it is not one)."""
    try:
        return tuple(int(part) for part in str(revision).split("."))
    except ValueError:
        return ()


def copied_revision(variant: Mapping[str, Any], standard: Mapping[str, Any]) -> str | None:
    """The revision of its standard a local copy was made from, when the standard has moved on
    since (the copy is stale; a copy that names no revision is, too); None when current."""
    parent = variant.get("derived_from")
    copied = parent.get("revision") if isinstance(parent, Mapping) else None
    if revision_key(copied) >= revision_key(standard.get("revision")):
        return None
    return str(copied)
