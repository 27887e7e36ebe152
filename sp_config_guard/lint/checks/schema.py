"""``schema``: every node at ``path`` (default ``$``, the whole artifact) must be valid against
a JSON Schema (Draft 2020-12) fragment. One finding per validation error, at the node's
location plus the error's place inside it; ``reason`` is the validator's message.

Its regexes (``pattern``, the keys of ``patternProperties``) run on RE2 like every rule-set
regex (:mod:`sp_config_guard.lint.regex_safety`); :func:`problems` names, for the rule-set loader,
one RE2 cannot compile, and ``unevaluatedProperties`` in a fragment with ``patternProperties``
(the validator would match those with Python's ``re``).

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

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, Location, options_schema
from sp_config_guard.lint.regex_safety import check_regex, compile_regex
from sp_config_guard.messages import t

NAME = "schema"
OPTIONS_SCHEMA = options_schema(
    ["schema"],
    schema={"$ref": "https://json-schema.org/draft/2020-12/schema"},
    path={**PATH, "default": "$"},
)


_DATA = frozenset({"const", "enum", "default", "examples"})  # values, not schemas


def problems(options: Mapping[str, Any]) -> Iterator[tuple[Location, str]]:
    """(place in the options, message) of each regex RE2 cannot compile in the fragment, and
    of ``unevaluatedProperties`` in a fragment that has ``patternProperties``."""
    found = list(_regexes(options["schema"], ("schema",)))
    for where, pattern in found:
        problem = check_regex(pattern)
        if problem:
            yield where, problem
    if any(where[-2] == "patternProperties" for where, _ in found):
        for where, _ in _places(options["schema"], "unevaluatedProperties", ("schema",)):
            yield where, t("schema.unevaluated_with_patterns")


def _regexes(schema: Any, at: Location) -> Iterator[tuple[Location, str]]:
    """(place, pattern) of each ``pattern`` and ``patternProperties`` key in a fragment."""
    for where, by_pattern in _places(schema, "patternProperties", at):
        if isinstance(by_pattern, dict):
            yield from (((*where, key), key) for key in by_pattern)
    for where, pattern in _places(schema, "pattern", at):
        if isinstance(pattern, str):  # else a property named "pattern"
            yield where, pattern


def _places(schema: Any, keyword: str, at: Location) -> Iterator[tuple[Location, Any]]:
    """(place, value) of ``keyword`` in each (sub)schema, not in values such as ``const``."""
    items: Any = enumerate(schema) if isinstance(schema, list) else ()
    if isinstance(schema, dict):
        if keyword in schema:
            yield (*at, keyword), schema[keyword]
        items = ((k, v) for k, v in schema.items() if k not in _DATA)
    for key, value in items:
        yield from _places(value, keyword, (*at, key))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and compile_regex(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, by_pattern: Any, instance: Any, schema: Any) -> Any:
    if validator.is_type(instance, "object"):
        for pattern, subschema in by_pattern.items():
            regex = compile_regex(pattern)
            for key, value in instance.items():
                if regex.search(str(key)) is not None:
                    yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, extra: Any, instance: Any, schema: Any) -> Any:
    """As jsonschema's, but the keys ``patternProperties`` matches are found on RE2."""
    from jsonschema import Draft202012Validator, ValidationError

    by_pattern = schema.get("patternProperties") or {}
    if not by_pattern or not validator.is_type(instance, "object"):
        yield from Draft202012Validator.VALIDATORS["additionalProperties"](
            validator, extra, instance, schema
        )
        return
    known = schema.get("properties", {})
    patterns = [compile_regex(pattern) for pattern in by_pattern]
    extras = sorted(
        key
        for key in instance
        if key not in known and all(p.search(str(key)) is None for p in patterns)
    )
    if validator.is_type(extra, "object"):
        for key in extras:
            yield from validator.descend(instance[key], extra, path=key)
    elif extra is False and extras:
        names = ", ".join(map(repr, extras))
        yield ValidationError(
            f"{names} match no patternProperties: {', '.join(map(repr, by_pattern))}"
        )


@cache
def _validator_class() -> Any:
    """jsonschema's Draft 2020-12 validator with patterns on RE2 (jsonschema is imported when
    a rule of this type first checks an artifact, not when the rule set is loaded)."""
    from jsonschema import Draft202012Validator, validators

    keywords = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
    }
    return validators.extend(Draft202012Validator, keywords)


@cache
def _validator(text: str) -> Any:
    """The validator of one fragment (given as JSON text), built once per process."""
    from jsonschema import Draft202012Validator, FormatChecker

    fragment = json.loads(text)
    Draft202012Validator.check_schema(fragment)
    return _validator_class()(fragment, format_checker=FormatChecker())


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
