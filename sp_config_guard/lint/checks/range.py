"""``range``: numbers (or ISO dates, ``YYYY-MM-DD``) at ``path`` must lie within the bounds,
inclusive. A bound is ``min``/``max`` (a number, a date or ``today``, the run's date) or
``min_path``/``max_path`` (JSONPath on the same artifact, first match); a bound that is missing
is no bound. A value that cannot be compared is reported with ``reason`` ``not a number`` (or
``not a date``); otherwise ``reason`` is ``below`` or ``above``.

Passing::

    check: {type: range, path: $.spec.default_dose.value,
            min_path: $.spec.dose_range.min, max_path: $.spec.dose_range.max}
    spec: {default_dose: {value: 500, unit: mg}, dose_range: {min: 250, max: 1000, unit: mg}}

Failing (above the maximum)::

    spec: {default_dose: {value: 2000, unit: mg}, dose_range: {min: 250, max: 1000, unit: mg}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, options_schema

NAME = "range"
_BOUND = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^(today|\d{4}-\d{2}-\d{2})$"}]
}
OPTIONS_SCHEMA = options_schema(
    ["path"], path=PATH, min=_BOUND, max=_BOUND, min_path=PATH, max_path=PATH
) | {
    "anyOf": [{"required": [name]} for name in ("min", "max", "min_path", "max_path")],
    "not": {"anyOf": [{"required": ["min", "min_path"]}, {"required": ["max", "max_path"]}]},
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Comparable = tuple[str, float]


def _comparable(value: Any) -> Comparable | None:
    """(``number`` or ``date``, a number to compare), or None when ``value`` is neither."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ("number", float(value))
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return ("date", float(date.fromisoformat(value).toordinal()))
        except ValueError:
            return None
    return None


def _bound(
    ctx: CheckContext, options: Mapping[str, Any], name: str
) -> tuple[Any, Comparable | None]:
    """The bound ``name`` as written (``today`` resolved) and as a comparable, or (None, None)."""
    raw = options.get(name)
    if f"{name}_path" in options:
        found = ctx.find(options[f"{name}_path"])
        raw = found[0][1] if found else None
    if raw == "today":
        raw = ctx.today.isoformat()
    return raw, _comparable(raw)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each value outside the bounds, or not comparable with them."""
    (low_raw, low), (high_raw, high) = _bound(ctx, options, "min"), _bound(ctx, options, "max")
    bounds = [bound for bound in (low, high) if bound is not None]
    fields = {"min": low_raw if low else None, "max": high_raw if high else None}
    wants = bounds[0][0] if bounds else "number"
    for location, value in ctx.find(options["path"]):
        got = _comparable(value)
        if got is None or any(bound[0] != got[0] for bound in bounds):
            yield Hit(location, value, {**fields, "reason": f"not a {wants}"})
        elif low is not None and got[1] < low[1]:
            yield Hit(location, value, {**fields, "reason": "below"})
        elif high is not None and got[1] > high[1]:
            yield Hit(location, value, {**fields, "reason": "above"})
