"""``unused``: the artifact's usage data must show use within ``days`` days: ``usage.last_used``
no more than ``days`` days before the run's date, and, when ``days`` is at most 90, not
``usage.uses_90d: 0``. An artifact without usage data is not reported.

Passing::

    check: {type: unused, days: 180}
    usage: {uses_90d: 41, last_used: "2026-10-30"}

Failing (last used more than 180 days before the run on 2026-11-23)::

    usage: {uses_90d: 0, last_used: "2025-12-01"}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from sp_config_guard.lint.checks import CheckContext, Hit, options_schema

NAME = "unused"
OPTIONS_SCHEMA = options_schema(["days"], days={"type": "integer", "minimum": 1})


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """One hit when the usage data shows no use in ``days`` days."""
    usage = ctx.data.get("usage")
    if not isinstance(usage, dict):
        return
    days = options["days"]
    last = _date(usage.get("last_used"))
    uses = usage.get("uses_90d")
    if last is not None and (ctx.today - last).days > days:
        idle = (ctx.today - last).days
        fields = {"days": days, "idle_days": idle, "reason": "last-used"}
        yield Hit(("usage", "last_used"), usage["last_used"], fields)
    elif type(uses) is int and uses == 0 and days <= 90:
        yield Hit(("usage", "uses_90d"), uses, {"days": days, "reason": "no-uses-90d"})
