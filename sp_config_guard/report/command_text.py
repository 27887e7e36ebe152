"""Text for the commands that report no findings: ``rules list``, ``rules explain`` and the
baseline's changes and the files it was written without."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from sp_config_guard.lint import checks
from sp_config_guard.lint.baseline import Entry
from sp_config_guard.lint.ruleset import Rule
from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.messages import inert, t
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


def render_list(rules: list[Rule], lang: str) -> str:
    """A table of the active rules (every cell :func:`inert`)."""
    rows = [
        [
            inert(cell)
            for cell in (
                r.code,
                r.name,
                r.severity if r.enabled else t("rules.off"),
                r.ruleset,
                r.version,
                r.owner,
                r.title.get(lang, r.title["en"]),
            )
        ]
        for r in rules
    ]
    headers = [t(key) for key in _LIST_COLUMNS]
    return tabulate(rows, headers=headers, tablefmt="simple") + "\n"


def render_explain(rule: Rule, lang: str, cases: Path | None) -> str:
    """Everything about one rule: who owns it, why it exists, how it checks, examples (each
    line :func:`inert`: a rule set's text never starts a line of its own)."""
    lines = [
        f"{rule.code} {rule.name}: {rule.title.get(lang, rule.title['en'])}",
        "",
        t("rules.severity", severity=rule.severity)
        + ("" if rule.enabled else t("rules.switched_off")),
        t("rules.ruleset", ruleset=rule.ruleset, version=rule.version, file=rule.file),
        t("rules.owner", owner=rule.owner),
        t("rules.docs", docs=rule.docs or "-"),
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
        *(f"  {line}" for line in rule.rationale.rstrip().split("\n")),
        "",
        t("rules.check", check=rule.check_type),
    ]
    lines += ["  " + line for line in dump_canonical(dict(rule.options)).splitlines()]
    doc = inspect.getdoc(checks.get(rule.check_type)) or ""
    if doc:
        lines += ["", t("rules.about", check=rule.check_type)] + [
            "  " + line for line in doc.splitlines()
        ]
    if cases is not None and cases.is_file():
        lines += ["", t("rules.examples", file=cases.name)]
        lines += ["  " + line for line in cases.read_text(encoding="utf-8").splitlines()]
    return "\n".join(inert(line).rstrip() for line in lines) + "\n"


def render_left_out(problems: Sequence[Finding]) -> str:
    """The files a baseline was written without: one line each, then what to do."""
    if not problems:
        return ""
    lines = [inert(str(problem)) for problem in problems]
    lines.append(t("summary.baseline_left_out", count=len({p.file for p in problems})))
    return "\n".join(lines) + "\n"


def render_baseline_change(file: str, old: list[Entry], new: list[Entry]) -> str:
    """What writing the baseline ``file`` (its name in reports) changed: entries dropped as
    stale, entries added."""
    before = {e.fingerprint for e in old}
    after = {e.fingerprint for e in new}
    lines = [
        t("summary.baseline_stale", entry=f"{e.code} {e.kind} {e.artifact} {e.path}")
        for e in old
        if e.fingerprint not in after
    ]
    lines += [
        t("summary.baseline_new", entry=f"{e.code} {e.kind} {e.artifact} {e.path}")
        for e in new
        if e.fingerprint not in before
    ]
    lines.append(
        t(
            "summary.baseline_one" if len(new) == 1 else "summary.baseline",
            count=len(new),
            file=file,
        )
    )
    return "\n".join(lines) + "\n"
