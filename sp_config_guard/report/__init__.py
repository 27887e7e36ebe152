"""Reporters: pure functions from a result to text, one module per format or result type,
imported only when that report is asked for.

One registry, keyed by (result type, format): the CLI's ``--format`` choices come from it
(:func:`formats`), and :func:`get` fails loudly on a format the result type has not. The
text formats of findings take ``statistics`` (:data:`WITH_STATISTICS`), the one-line text
format ``colour`` (:data:`WITH_COLOUR`); no other report is ever coloured. A report that can
be a region long also comes a piece at a time (:data:`STREAMED`, :func:`pieces`), to be
written as it is made."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from sp_config_guard.messages import t

Reporter = Callable[[Any], str]

# (result type, format) -> "module:function" in this package, in the order the CLI lists them
# (the type by name, so nothing but the reporter asked for is imported)
REGISTRY: dict[tuple[str, str], str] = {
    ("Result", "github"): "github:render",
    ("Result", "gitlab"): "gitlab:render",
    ("Result", "grouped"): "text_report:render_grouped",
    ("Result", "json"): "json_report:render",
    ("Result", "junit"): "junit:render",
    ("Result", "markdown"): "markdown:render",
    ("Result", "sarif"): "sarif:render",
    ("Result", "text"): "text_report:render",
    ("DiffResult", "json"): "diff_report:as_json",
    ("DiffResult", "markdown"): "diff_report:markdown",
    ("DiffResult", "text"): "diff_report:text",
    ("DriftResult", "json"): "drift_report:as_json",
    ("DriftResult", "markdown"): "drift_report:markdown",
    ("DriftResult", "text"): "drift_report:text",
    ("DriftResult", "html"): "drift_html:render",
    ("DriftHistory", "text"): "history_report:text",
    ("DriftHistory", "json"): "history_report:as_json",
    ("DriftHistory", "csv"): "history_report:as_csv",
    ("DriftHistory", "html"): "history_html:render",
    ("LintChange", "markdown"): "pr_summary:lint_markdown",
    ("DriftChange", "markdown"): "pr_summary:drift_markdown",
    ("FixResult", "text"): "fix_report:text",
    ("UpgradeResult", "text"): "upgrade_report:text",
    ("UpgradeResult", "json"): "upgrade_report:as_json",
    ("UpgradeResult", "markdown"): "upgrade_report:markdown",
    ("PromoteResult", "text"): "promote_report:text",
    ("PromoteResult", "json"): "promote_report:as_json",
    ("PromoteResult", "markdown"): "promote_report:markdown",
    ("NormalizeResult", "text"): "text_report:render_normalize",
    ("NormalizeResult", "json"): "listing_json:normalize",
    ("NormalizeResult", "github"): "github:render_normalize",
    ("UsageResult", "text"): "text_report:render_usage",
    ("UsageResult", "json"): "listing_json:usage",
    ("RuleListing", "text"): "command_text:render_list",
    ("RuleListing", "json"): "listing_json:rule_listing",
    ("RuleListing", "markdown"): "command_text:render_list_markdown",
    ("RuleDetails", "text"): "command_text:render_explain",
    ("RuleExplanation", "text"): "command_text:render_explanation",
    ("RuleExplanation", "json"): "listing_json:rule_explanation",
    ("RuleTestResult", "text"): "rule_tests_report:text",
    ("RuleTestResult", "json"): "rule_tests_report:as_json",
    ("BaselineChange", "text"): "command_text:render_baseline_change",
    ("BaselineChange", "json"): "listing_json:baseline_change",
}

STREAMED: dict[tuple[str, str], str] = {
    ("DriftResult", "json"): "drift_report:json_pieces",
}
"""The reports also made a piece at a time ("module:function" giving the text of the
registry's reporter as an iterable of strings): drift's JSON is tens of megabytes at region
scale, and held whole it (and its encoded copy) was the peak of a run's memory."""

WITH_STATISTICS: frozenset[tuple[str, str]] = frozenset({("Result", "text"), ("Result", "grouped")})
"""The reports that can end with counts per rule set (``lint --statistics``)."""

WITH_COLOUR: frozenset[tuple[str, str]] = frozenset({("Result", "text")})
"""The reports that can be coloured for a terminal (``--color``): lint's, validate's and
``waivers check``'s one line per finding."""


def formats(result_type: str = "Result") -> list[str]:
    """The formats a result type (by class name) can be written in, in registry order."""
    return [name for kind, name in REGISTRY if kind == result_type]


def get(
    name: str, result_type: str = "Result", *, statistics: bool = False, colour: bool = False
) -> Reporter:
    """The reporter for format ``name`` of a result type (by class name); ``statistics``:
    with counts per rule set, if the format has them (:func:`has_statistics`); ``colour``:
    coloured, if the format can be (:func:`has_colour`), else as it is."""
    target = REGISTRY.get((result_type, name))
    if target is None:
        known = ", ".join(sorted(formats(result_type)))
        raise KeyError(t("cli.unknown_format", name=repr(name), known=known))
    module, _, function = target.partition(":")
    render: Callable[..., str] = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    flags = {
        "statistics": statistics and has_statistics(name, result_type),
        "colour": colour and has_colour(name, result_type),
    }
    chosen = {flag: True for flag, on in flags.items() if on}
    return partial(render, **chosen) if chosen else render


def has_statistics(name: str, result_type: str = "Result") -> bool:
    """Whether format ``name`` of a result type can end with counts per rule set."""
    return (result_type, name) in WITH_STATISTICS


def has_colour(name: str, result_type: str = "Result") -> bool:
    """Whether format ``name`` of a result type can be coloured for a terminal."""
    return (result_type, name) in WITH_COLOUR


def render(result: object, name: str = "text") -> str:
    """``result`` written in format ``name``."""
    return get(name, type(result).__name__)(result)


def pieces(result: object, name: str = "text") -> Iterable[str]:
    """The text of :func:`render`, a piece at a time where the report is :data:`STREAMED`
    (made as it is consumed), else in one piece."""
    target = STREAMED.get((type(result).__name__, name))
    if target is None:
        return [render(result, name)]
    module, _, function = target.partition(":")
    make: Callable[[Any], Iterable[str]] = getattr(
        importlib.import_module(f"{__name__}.{module}"), function
    )
    return make(result)
