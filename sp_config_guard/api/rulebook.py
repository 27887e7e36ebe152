"""The rules of the configuration's rule sets: listed and explained."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sp_config_guard.api.setup import (
    Note,
    configured,
    configured_rules,
    silent,
)
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.codes import resolve, split
from sp_config_guard.lint.listing import rule_details
from sp_config_guard.lint.rule_cases import run_cases
from sp_config_guard.load.config import Config, rulesets_for
from sp_config_guard.messages import language, t
from sp_config_guard.model.tool_codes import tool_code
from sp_config_guard.outcomes import RuleExplanation, RuleListing
from sp_config_guard.rule_tests import RuleTestResult


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
) -> RuleExplanation:
    """The rules with code or name ``code`` (a comma list), and spguard's own problem codes
    among them (``LOAD001``: :mod:`~sp_config_guard.model.tool_codes`); a usage error naming
    the closest code when one is neither (``rules explain``)."""
    config = configured(config, None, rulesets=list(rulesets), lang=lang)
    found = configured_rules(config, note)
    values = split([code])
    ours = {rule.code for rule in found} | {rule.name for rule in found}
    tools = [
        explained
        for value in values
        if value not in ours and (explained := tool_code(value, config.lang)) is not None
    ]
    asked = [value for value in values if value.upper() not in {c.code for c in tools}]
    with language(config.lang):
        wanted = resolve(asked, found, None, prefixes=False) if asked else ()
        if not wanted and not tools:
            raise UsageError(t("codes.unknown", code=repr(code), hint=""))
    rules = tuple(
        rule_details(r, config.lang, config.root)
        for r in found
        if r.code in wanted or r.name in wanted
    )
    return RuleExplanation(rules, tuple(tools))


def rule_tests(
    rulesets: Sequence[str] = (),
    *,
    config: Config | None = None,
    lang: str | None = None,
    today: date | None = None,
) -> RuleTestResult:
    """Run the ``cases/<CODE>.yaml`` files beside the rule sets ``rulesets`` (files, folders
    of rule sets or preset names; by default the configuration's) - ``rules test``."""
    config = configured(config, None, lang=lang)
    specs = list(rulesets) or rulesets_for(config)
    with language(config.lang):
        return run_cases(specs, config.root, config.lang, today or date.today())
