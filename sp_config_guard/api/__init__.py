"""The Python API: what the CLI does, callable from a notebook or a bot. It is the one place
that turns configuration and options into settings and runs a command; the CLI only parses
options, calls these functions, renders what they return and exits with its ``exit_code()``.
``api.lint("examples/sp-config")`` gives a Result, ``api.drift(...)`` a DriftResult.

Configuration (``spguard.yaml`` found upward) applies as on the command line; keyword
arguments take the place of flags. The options that change the configuration (``rulesets``,
``fail_on``, ``lang``, ``waivers``, ``baseline``, ``redact``, ``min_variants``) go to
:func:`configuration` or to the command; ``config=`` passes one already read. Messages are in
the configuration's language (``lang=`` overrides it); ``diff``, ``normalize`` and
``usage_import`` read no configuration and take ``lang`` only (default: the current language).

The functions live in modules by what they do (:mod:`~sp_config_guard.api.setup`,
``intake``, ``checks``, ``rulebook``, ``changes``: drift, diff, promote and upgrade,
``review``: a pull request against its base); this module is where callers find them, each
module imported when one of its functions is first asked for (a lint imports no drift, review
or normalize code)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sp_config_guard.api.changes import diff, drift, drift_history, promote, upgrade
    from sp_config_guard.api.checks import check_waivers, fix, lint, validate, write_baseline
    from sp_config_guard.api.intake import normalize, usage_import
    from sp_config_guard.api.review import drift_change, lint_change
    from sp_config_guard.api.rulebook import explain, rule_tests, rules
    from sp_config_guard.api.setup import Note, PathLike, configuration
    from sp_config_guard.result import Result

_HOME = {
    "Note": "setup",
    "PathLike": "setup",
    "Result": "sp_config_guard.result",
    "check_waivers": "checks",
    "configuration": "setup",
    "diff": "changes",
    "drift": "changes",
    "drift_change": "review",
    "drift_history": "changes",
    "explain": "rulebook",
    "fix": "checks",
    "lint": "checks",
    "lint_change": "review",
    "normalize": "intake",
    "promote": "changes",
    "rule_tests": "rulebook",
    "rules": "rulebook",
    "upgrade": "changes",
    "usage_import": "intake",
    "validate": "checks",
    "write_baseline": "checks",
}
__all__ = [
    "Note",
    "PathLike",
    "Result",
    "check_waivers",
    "configuration",
    "diff",
    "drift",
    "drift_change",
    "drift_history",
    "explain",
    "fix",
    "lint",
    "lint_change",
    "normalize",
    "promote",
    "rule_tests",
    "rules",
    "upgrade",
    "usage_import",
    "validate",
    "write_baseline",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home if "." in home else f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
