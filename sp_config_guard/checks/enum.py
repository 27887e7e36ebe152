"""``enum``: every value at ``path`` must be one of ``values``.

Values compare as JSON: ``1`` equals ``1.0``, but ``true`` is not ``1``. ``json_key`` is the
comparison key the other value-comparing checks share.

Passing::

    check: {type: enum, path: $.spec.double_check, values: [true]}
    spec: {high_alert: true, double_check: true}

Failing (``false`` is not in the list)::

    spec: {high_alert: true, double_check: false}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.checks import CheckContext, Hit

NAME = "enum"
OPTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["path", "values"],
    "properties": {
        "path": {"type": "string", "pattern": r"^\$"},
        "values": {"type": "array", "minItems": 1},
    },
}


def json_key(value: Any) -> str:
    """Canonical JSON text of ``value``: equal exactly for JSON-equal values."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def show(values: list[Any]) -> str:
    """Values for a message: strings as they are, anything else as JSON."""
    return ", ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each value at ``path`` that is not one of ``values``."""
    allowed = {json_key(value) for value in options["values"]}
    expected = show(options["values"])
    for location, value in ctx.find(options["path"]):
        if json_key(value) not in allowed:
            yield Hit(location, value, {"expected": expected})
