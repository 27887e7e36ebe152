"""The rules of the configuration's rule sets: listed and explained."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sp_config_guard.api.setup import (
    Note,
    configured,
    configured_rules,
    silent,
)
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.codes import resolve
from sp_config_guard.lint.listing import rule_details
from sp_config_guard.load.config import Config
from sp_config_guard.messages import language, t
from sp_config_guard.result import RuleDetails, RuleListing

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    pass


def rules(
    *,
    config: Config | None = None,
    rulesets: Sequence[str] = (),
    lang: str | None = None,
    note: Note = silent,
) -> RuleListing:
    """Every rule of the configuration's rule sets (``rules list``)."""
    config = configured(config, None, rulesets=list(rulesets), lang=lang)
    return RuleListing(
        tuple(rule_details(r, config.lang, config.root) for r in configured_rules(config, note))
    )


def explain(
    code: str,
    *,
    config: Config | None = None,
    rulesets: Sequence[str] = (),
    lang: str | None = None,
    note: Note = silent,
) -> list[RuleDetails]:
    """The rules with code or name ``code`` (``rules explain``; a usage error when none)."""
    config = configured(config, None, rulesets=list(rulesets), lang=lang)
    found = configured_rules(config, note)
    with language(config.lang):
        wanted = resolve([code], found, None, prefixes=False)
        if not wanted:
            raise UsageError(t("codes.unknown", code=repr(code), hint=""))
    return [
        rule_details(r, config.lang, config.root)
        for r in found
        if r.code in wanted or r.name in wanted
    ]
