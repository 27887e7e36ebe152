"""Text for the commands that report no findings: ``rules list``, ``rules explain`` and the
baseline's changes and the files it was written without. They get plain data
(:class:`~sp_config_guard.outcomes.RuleDetails`, :class:`~sp_config_guard.outcomes.BaselineChange`)
built by the API: nothing here imports the rule engine."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tabulate import tabulate

from sp_config_guard.messages import inert, t
from sp_config_guard.outcomes import (
    BaselineChange,
    RuleDetails,
    RuleExplanation,
    RuleListing,
    ToolCode,
)
from sp_config_guard.result import Finding

_LIST_COLUMNS = (
    "report.col.code",
    "rules.col.name",
    "report.col.severity",
    "report.col.ruleset",
    "rules.col.version",
    "rules.col.owner",
    "rules.col.title",
)


def render_list(listing: RuleListing) -> str:
    """A table of the active rules (every cell :func:`inert`)."""
    rows = [[inert(cell) for cell in _cells(r)] for r in listing.rules]
    headers = [t(key) for key in _LIST_COLUMNS]
    return tabulate(rows, headers=headers, tablefmt="simple") + "\n"


def _cells(rule: RuleDetails) -> tuple[str, ...]:
    info = rule.info
    severity = info.severity if rule.enabled else t("rules.off")
    return (info.code, info.name, severity, info.ruleset, info.version, info.owner, info.title)


def render_list_markdown(listing: RuleListing) -> str:
    """The active rules as a Markdown table (for a rule set's README or a wiki page); every
    cell escaped as the Markdown reports escape theirs."""
    from sp_config_guard.report.markdown import code_cell, escape

    lines = [
        "| " + " | ".join(t(key) for key in _LIST_COLUMNS) + " |",
        "|" + "---|" * len(_LIST_COLUMNS),
    ]
    for rule in listing.rules:
        code, *rest = _cells(rule)
        lines.append("| " + " | ".join([code_cell(code), *map(escape, rest)]) + " |")
    return "\n".join(lines) + "\n"


def render_explain(rule: RuleDetails) -> str:
    """Everything about one rule: who owns it, why it exists, how it checks, examples (each
    line :func:`inert`: a rule set's text never starts a line of its own)."""
    info = rule.info
    lines = [
        f"{info.code} {info.name}: {info.title}",
        "",
        t("rules.severity", severity=info.severity)
        + ("" if rule.enabled else t("rules.switched_off")),
        t(
            "rules.ruleset",
            ruleset=info.ruleset,
            version=info.version,
            file=rule.source or rule.file,
        ),
        t("rules.owner", owner=info.owner),
        t("rules.docs", docs=info.docs or "-"),
        t(
            "rules.applies",
            kinds=", ".join(sorted(rule.kinds)) if rule.kinds else t("rules.all"),
            levels=", ".join(sorted(rule.levels)),
        ),
    ]
    if rule.where:
        lines.append(t("rules.where", where="; ".join(f"{q} = {v}" for q, v in rule.where)))
    lines += [
        "",
        t("rules.rationale"),
        *_wrapped(info.rationale),
        "",
        t("rules.check", check=rule.check_type),
    ]
    lines += ["  " + line for line in rule.options.splitlines()]
    if rule.examples is not None:
        name, text = rule.examples
        lines += ["", t("rules.examples", file=name)]
        lines += ["  " + line for line in text.splitlines()]
    return "\n".join(inert(line).rstrip() for line in lines) + "\n"


def render_tool_code(code: ToolCode) -> str:
    """One of spguard's own problem codes: what it means and what to do."""
    lines = [
        f"{code.code}: {code.title}",
        "",
        t("rules.tool_code"),
        "",
        t("rules.means"),
        *_wrapped(code.means),
        "",
        t("rules.action"),
        *_wrapped(code.action),
    ]
    return "\n".join(inert(line).rstrip() for line in lines) + "\n"


def _wrapped(text: str) -> list[str]:
    return ["  " + line for line in textwrap.wrap(text, 90)]


def render_explanation(explanation: RuleExplanation) -> str:
    """Every rule and code ``rules explain`` asked for, one after the other."""
    parts = [render_explain(rule) for rule in explanation.rules]
    parts += [render_tool_code(code) for code in explanation.codes]
    return "\n".join(parts)


def render_left_out(problems: Sequence[Finding]) -> str:
    """The files a baseline was written without: one line each, then what to do."""
    if not problems:
        return ""
    lines = [inert(str(problem)) for problem in problems]
    lines.append(t("summary.baseline_left_out", count=len({p.file for p in problems})))
    return "\n".join(lines) + "\n"


def render_baseline_change(change: BaselineChange) -> str:
    """What writing a baseline changed: entries dropped as stale, entries added."""
    lines = [t("summary.baseline_stale", entry=entry) for entry in change.dropped]
    lines += [t("summary.baseline_new", entry=entry) for entry in change.added]
    lines.append(
        t(
            "summary.baseline_one" if change.entries == 1 else "summary.baseline",
            count=change.entries,
            file=change.file,
        )
    )
    return "\n".join(lines) + "\n"
