r"""``pattern``: strings at ``path`` checked against ``regex``. ``mode: match`` (the default):
the whole value must match. ``mode: forbid``: no part of the value may match; the matched text
is in ``match`` (e.g. a CPR number in a template body). Numbers are checked as their text; other
non-strings are skipped. The expression is RE2 syntax, run in time linear in the text (see
:mod:`sp_config_guard.lint.regex_safety`); rule sets refuse one RE2 cannot compile when they load.

Passing::

    check: {type: pattern, path: $.spec.atc, regex: "[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}"}
    spec: {atc: N02BE01}

Failing (lower case)::

    spec: {atc: n02be01}

Passing (``mode: forbid``)::

    check: {type: pattern, path: $.spec.body, mode: forbid, regex: '\b\d{6}-?\d{4}\b'}
    spec: {body: "Patienten @NAME@ indlagt @DATE@"}

Failing (a CPR number in the text)::

    spec: {body: "Patient 010203-1234 indlagt"}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, options_schema
from sp_config_guard.lint.regex_safety import compile_regex

NAME = "pattern"
OPTIONS_SCHEMA = options_schema(
    ["path", "regex"],
    path=PATH,
    regex={"type": "string", "minLength": 1},
    mode={"enum": ["match", "forbid"], "default": "match"},
)


def _text(value: Any) -> str | None:
    """The text a value is matched as (numbers as written), or None if it is not matched."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each string that does not match (``match``) or contains a match (``forbid``)."""
    regex = compile_regex(options["regex"])
    forbid = options.get("mode", "match") == "forbid"
    texts = [text for text in map(_text, ctx.values(options["path"])) if text is not None]
    if forbid and all(regex.search(text) is None for text in texts):
        return  # the usual case, found without making a location for every value
    if not forbid and all(map(regex.fullmatch, texts)):
        return
    for location, value in ctx.find(options["path"]):
        text = _text(value)
        if text is None:
            continue
        if forbid:
            found = regex.search(text)
            if found is not None:
                yield Hit(location, value, {"match": found, "regex": regex.pattern})
        elif not regex.fullmatch(text):
            yield Hit(location, value, {"expected": regex.pattern, "regex": regex.pattern})
