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

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import (
    PATH,
    VALUES,
    CheckContext,
    Hit,
    json_key,
    options_schema,
    show,
)

NAME = "enum"
OPTIONS_SCHEMA = options_schema(["path", "values"], path=PATH, values=VALUES)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each value at ``path`` that is not one of ``values``."""
    allowed = {json_key(value) for value in options["values"]}
    expected = show(options["values"])
    for location, value in ctx.find(options["path"]):
        if json_key(value) not in allowed:
            yield Hit(location, value, {"expected": expected})
