"""``forbidden``: nothing may exist at ``paths``; with ``values``, no value there may be one of
them (compared as JSON).

Passing::

    check: {type: forbidden, paths: [$.spec.tablet_optimisation], values: [true]}
    spec: {high_alert: true, tablet_optimisation: false}

Failing (tablet optimisation switched on)::

    spec: {high_alert: true, tablet_optimisation: true}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import (
    PATHS,
    VALUES,
    CheckContext,
    Hit,
    json_key,
    options_schema,
    show,
)

NAME = "forbidden"
OPTIONS_SCHEMA = options_schema(["paths"], paths=PATHS, values=VALUES)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each match of ``paths`` (or each whose value is one of ``values``)."""
    values = options.get("values")
    banned = None if values is None else {json_key(value) for value in values}
    fields = {} if values is None else {"values": show(values)}
    for query in options["paths"]:
        for location, value in ctx.find(query):
            if banned is None or json_key(value) in banned:
                yield Hit(location, value, fields)
