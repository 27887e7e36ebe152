"""Where a drift report comes from (:class:`~sp_config_guard.drift.result.Provenance`): the time
it was made in Europe/Copenhagen, or ``SOURCE_DATE_EPOCH`` when that is set (reproducible
builds, and tests: the same input then gives the same bytes); the git commit and branch of the
repository, read with ``git rev-parse`` (no hook, no repository code runs); the tool's and the
rule sets' versions, and the configuration's fail-on."""

from __future__ import annotations

import os
import time
from datetime import datetime

from sp_config_guard.drift.result import Provenance
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.clock import copenhagen
from sp_config_guard.load.config import Config, rulesets_for
from sp_config_guard.load.gitrev import checked_out
from sp_config_guard.messages import t


def generated_at() -> str:
    """Now (or ``SOURCE_DATE_EPOCH``, seconds since 1970 UTC) in Copenhagen, ISO 8601 to the
    second with its offset: ``2026-03-02T14:05:00+01:00``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UsageError(t("drift.bad_source_date_epoch", value=repr(epoch)))
        seconds = int(epoch)
    else:
        seconds = int(time.time())
    try:
        moment = datetime.fromtimestamp(seconds, copenhagen())
    except (OverflowError, OSError, ValueError):
        raise UsageError(t("drift.bad_source_date_epoch", value=repr(epoch))) from None
    return moment.isoformat(timespec="seconds")


def provenance(config: Config) -> Provenance:
    """The provenance of a drift run of the repository ``config`` is for."""
    rules = load_rules(rulesets_for(config), config.root)
    sets = tuple(sorted({(r.ruleset, r.version) for r in rules}))
    commit, branch = checked_out(config.root) or (None, None)
    return Provenance(
        generated_at=generated_at(),
        commit=commit,
        branch=branch,
        rulesets=sets,
        lint_fail_on=config.fail_on,
    )
