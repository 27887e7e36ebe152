"""JSON Schema errors as catalog messages: the common validators (required, type, enum,
const, additionalProperties, limits, pattern, lengths, items) are said in the language of the
run from the error's validator, its value and the instance; any other falls back to
jsonschema's own English text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sp_config_guard.messages import Msg, msg

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_LIMITS = {
    "minimum": "schema.minimum",
    "maximum": "schema.maximum",
    "exclusiveMinimum": "schema.exclusive_minimum",
    "exclusiveMaximum": "schema.exclusive_maximum",
    "minItems": "schema.min_items",
    "maxItems": "schema.max_items",
    "minLength": "schema.min_length",
    "maxLength": "schema.max_length",
    "minProperties": "schema.min_properties",
}


def shown(value: Any, limit: int = 80) -> str:
    """A value as jsonschema shows it (Python's repr), shortened to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_error_message(error: ValidationError, content: bool = True) -> Msg:
    """The message for one schema error; without ``content``, one that quotes nothing of the
    file (no value, no key: for files a flag may point anywhere, such as the waivers file),
    only what the schema says."""
    validator, instance = error.validator, error.instance
    expected: Any = error.validator_value
    if validator == "required" and isinstance(instance, dict):
        missing = [name for name in expected if name not in instance]
        if missing:
            return msg("schema.required", name=missing[0])
    if not content:
        return _without_content(error)
    if validator == "type":
        types = expected if isinstance(expected, list) else [expected]
        return msg("schema.type", value=shown(instance), expected=", ".join(map(repr, types)))
    if validator == "enum":
        return msg("schema.enum", value=shown(instance), allowed=shown(list(expected), 200))
    if validator == "const":
        return msg("schema.const", value=shown(instance), expected=shown(expected))
    if validator == "additionalProperties" and isinstance(instance, dict):
        extra = _extra_keys(error)
        if extra:
            return msg("schema.additional", names=", ".join(map(repr, extra)))
    if validator == "pattern":
        return msg("schema.pattern", value=shown(instance), pattern=str(expected))
    if validator == "uniqueItems":
        return msg("schema.unique_items")
    if validator in _LIMITS:
        return msg(_LIMITS[validator], value=shown(instance), limit=shown(expected))
    return msg("schema.other", detail=error.message)


def _extra_keys(error: ValidationError) -> list[str]:
    instance: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    allowed = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return sorted(
        str(key)
        for key in instance
        if key not in allowed and not any(p.search(str(key)) for p in patterns)
    )


def _without_content(error: ValidationError) -> Msg:
    validator = error.validator
    expected: Any = error.validator_value
    if validator == "type":
        types = expected if isinstance(expected, list) else [expected]
        return msg("schema.type_hidden", expected=", ".join(map(repr, types)))
    if validator == "enum":
        return msg("schema.enum_hidden", allowed=shown(list(expected), 200))
    if validator == "additionalProperties":
        return msg("schema.additional_hidden")
    if validator == "format":
        return msg("schema.format_hidden", format=repr(expected))
    if validator == "pattern":
        return msg("schema.pattern_hidden", pattern=str(expected))
    return msg("SCH001.redacted", validator=validator)
