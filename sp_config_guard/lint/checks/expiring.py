"""``expiring``: a date (``YYYY-MM-DD``) at ``path`` that falls on the run's date or within
``days`` days after it (default 30): an approval or agreement about to lapse, to be renewed in
time. ``days_left`` is how many days it still holds (0: its last day is today). A date already
past is not reported here (a ``range`` rule with ``min: today`` reports it, typically as an
error); a value that is not a date is reported with ``reason`` ``not a date`` and
``days_left`` ``?``, since nothing can say when it expires.

Passing::

    check: {type: expiring, path: $.spec.escalation.expires, days: 30}
    kind: EarlyWarningScore
    spec: {escalation: {approver: Klinikchef, expires: "2027-06-30"}}

Failing (the run's date in the tests is 2026-11-23: 22 days left)::

    kind: EarlyWarningScore
    spec: {escalation: {approver: Klinikchef, expires: "2026-12-15"}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, options_schema

NAME = "expiring"
DEFAULT_DAYS = 30
OPTIONS_SCHEMA = options_schema(
    ["path"], path=PATH, days={"type": "integer", "minimum": 0, "default": DEFAULT_DAYS}
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each date that expires within ``days`` days from the run's date, and each non-date."""
    days = options.get("days", DEFAULT_DAYS)
    for location, value in ctx.find(options["path"]):
        expires = _date(value)
        if expires is None:
            yield Hit(location, value, {"reason": "not a date", "days_left": "?", "days": days})
            continue
        left = (expires - ctx.today).days
        if 0 <= left <= days:
            yield Hit(location, value, {"reason": "expiring", "days_left": left, "days": days})
