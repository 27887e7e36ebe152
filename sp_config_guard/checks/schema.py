"""``schema``: every node at ``path`` (default ``$``, the whole artifact) must be valid against
a JSON Schema (Draft 2020-12) fragment. One finding per validation error, at the node's
location plus the error's place inside it; ``reason`` is the validator's message.

Passing::

    check:
      type: schema
      path: $.spec.escalation
      schema: {required: [approver, expires]}
    spec: {escalation: {target: Akutteam, approver: Klinikchef, expires: "2027-06-30"}}

Failing (``expires`` is missing)::

    spec: {escalation: {target: Akutteam, approver: Klinikchef}}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from sp_config_guard.checks import CheckContext, Hit

NAME = "schema"
OPTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["schema"],
    "properties": {
        "schema": {"$ref": "https://json-schema.org/draft/2020-12/schema"},
        "path": {"type": "string", "pattern": r"^\$", "default": "$"},
    },
}


@cache
def _validator(text: str) -> Draft202012Validator:
    """The validator of one fragment (given as JSON text), built once per process."""
    fragment = json.loads(text)
    Draft202012Validator.check_schema(fragment)
    return Draft202012Validator(fragment, format_checker=FormatChecker())


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """One hit per error of each node at ``path`` against the fragment."""
    validator = _validator(json.dumps(options["schema"], sort_keys=True))
    for location, value in ctx.find(options.get("path", "$")):
        errors = sorted(
            validator.iter_errors(value),
            key=lambda e: (tuple(map(str, e.absolute_path)), e.message),
        )
        for error in errors:
            fields = {"reason": error.message, "keyword": str(error.validator)}
            yield Hit((*location, *error.absolute_path), error.instance, fields)
