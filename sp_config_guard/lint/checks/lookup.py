"""``lookup``: the value at ``path`` must agree with what ``table`` says for the value at ``key``
(both JSONPath on the same artifact; ``key`` takes its first match). ``table`` maps each key to
the expected value, or to a list of them; with ``match: prefix`` a string value must begin with
the expected one (hierarchical codes such as SHAK, whose first four characters are the
hospital's code), with ``match: equal`` (the default) it must equal it. ``reason`` is
``mismatch`` (``expected`` is the table's entry) or ``unknown``: the key has no entry, so
nothing says what the value should be, which is reported, never passed. An artifact where
``key`` or ``path`` matches nothing is left to the schema or a ``required`` rule.

Passing::

    check: {type: lookup, path: $.spec.shak_code, key: $.spec.hospital, match: prefix,
            table: {rigshospitalet: "1301", hvidovre: "1330"}}
    kind: Department
    spec: {shak_code: "1330011", hospital: hvidovre}

Failing (Hvidovre's code is 1330; 1301 is Rigshospitalet's)::

    kind: Department
    spec: {shak_code: "1301011", hospital: hvidovre}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, json_key, options_schema, show

NAME = "lookup"
_ENTRY: dict[str, Any] = {
    "anyOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "minItems": 1, "items": {"type": ["string", "number", "boolean"]}},
    ]
}
OPTIONS_SCHEMA = options_schema(
    ["path", "key", "table"],
    path=PATH,
    key=PATH,
    table={"type": "object", "minProperties": 1, "additionalProperties": _ENTRY},
    match={"enum": ["equal", "prefix"], "default": "equal"},
)


def _fits(value: Any, expected: Any, prefix: bool) -> bool:
    """Whether ``value`` is (or, with ``prefix``, begins with) ``expected``."""
    if prefix:
        return isinstance(value, str) and isinstance(expected, str) and value.startswith(expected)
    return json_key(value) == json_key(expected)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each value at ``path`` that the table's entry for the key rules out (or that has no
    entry to be checked against)."""
    keys = ctx.values(options["key"])
    if not keys:
        return
    key = keys[0]
    table: Mapping[str, Any] = options["table"]
    text = key if isinstance(key, str) else None
    entry = table.get(text) if text is not None else None
    allowed = entry if isinstance(entry, list) else [entry]
    prefix = options.get("match", "equal") == "prefix"
    for location, value in ctx.find(options["path"]):
        fields = {"key": key, "expected": "?" if entry is None else show(allowed)}
        if entry is None:
            yield Hit(location, value, {**fields, "reason": "unknown"})
        elif not any(_fits(value, expected, prefix) for expected in allowed):
            yield Hit(location, value, {**fields, "reason": "mismatch"})
