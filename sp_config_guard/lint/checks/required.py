"""``required``: each of ``paths`` must match at least one non-empty value (``null``, ``""``,
``[]`` and ``{}`` are empty). A path that matches nothing is reported at the deepest part of it
that exists; ``missing`` names the path, ``missing_field`` says it in words.

Passing::

    check: {type: required, paths: [$.spec.escalation.approver, $.spec.escalation.expires]}
    spec: {escalation: {approver: Klinikchef, expires: "2027-06-30"}}

Failing (no ``expires``, reported at ``$.spec.escalation``)::

    spec: {escalation: {approver: Klinikchef}}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import (
    PATHS,
    CheckContext,
    Hit,
    Location,
    compile_path,
    options_schema,
)
from sp_config_guard.model.places import query_words

NAME = "required"
OPTIONS_SCHEMA = options_schema(["paths"], paths=PATHS)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _nearest(ctx: CheckContext, query: str) -> Location:
    """The location of the first node the longest matching prefix of ``query`` selects."""
    segments = compile_path(query).segments
    for end in range(len(segments) - 1, 0, -1):
        found = ctx.find("$" + "".join(str(segment) for segment in segments[:end]))
        if found:
            return found[0][0]
    return ()


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each path that matches nothing or only empty values."""
    for query in options["paths"]:
        found = ctx.find(query)
        if all(_empty(value) for _, value in found):
            location, value = found[0] if found else (_nearest(ctx, query), None)
            fields = {"missing": query, "missing_field": query_words(ctx.doc.kind, query)}
            yield Hit(location, value, fields)
