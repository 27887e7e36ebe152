"""Time where the regions are: Europe/Copenhagen, for waivers' expiry dates, the times of a
report's commits and when a report was made (one zone for every date the tool shows)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import cache


@cache
def copenhagen() -> tzinfo:
    """The Europe/Copenhagen zone (read from the system's or tzdata's zone files when first
    asked: a run with every date given reads none)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Copenhagen")


def today_in_copenhagen() -> date:
    """Today's date in Copenhagen."""
    return datetime.now(copenhagen()).date()
