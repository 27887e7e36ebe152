"""Text for the commands that report no findings: ``rules list``, ``rules explain`` and the
baseline's changes."""

from __future__ import annotations

import inspect
from pathlib import Path

from tabulate import tabulate

from sp_config_guard import checks
from sp_config_guard.baseline import Entry
from sp_config_guard.messages import t
from sp_config_guard.ruleset import Rule
from sp_config_guard.yamlio import dump_canonical


def render_list(rules: list[Rule], lang: str) -> str:
    """A table of the active rules."""
    rows = [
        [
            r.code,
            r.name,
            r.severity if r.enabled else "off",
            r.ruleset,
            r.version,
            r.owner,
            r.title.get(lang, r.title["en"]),
        ]
        for r in rules
    ]
    headers = ["code", "name", "severity", "rule set", "version", "owner", "title"]
    return tabulate(rows, headers=headers, tablefmt="simple") + "\n"


def render_explain(rule: Rule, lang: str, cases: Path | None) -> str:
    """Everything about one rule: who owns it, why it exists, how it checks, examples."""
    lines = [
        f"{rule.code} {rule.name}: {rule.title.get(lang, rule.title['en'])}",
        "",
        f"severity:  {rule.severity}{'' if rule.enabled else ' (switched off)'}",
        f"rule set:  {rule.ruleset} {rule.version} ({rule.file})",
        f"owner:     {rule.owner}",
        f"docs:      {rule.docs or '-'}",
        f"applies:   kinds {', '.join(sorted(rule.kinds)) if rule.kinds else 'all'}; "
        f"levels {', '.join(sorted(rule.levels))}",
    ]
    if rule.where:
        lines.append("where:     " + "; ".join(f"{q} = {v}" for q, v in rule.where))
    lines += ["", "Rationale:", f"  {rule.rationale}", "", f"Check ({rule.check_type}):"]
    lines += ["  " + line for line in dump_canonical(dict(rule.options)).splitlines()]
    doc = inspect.getdoc(checks.get(rule.check_type)) or ""
    if doc:
        lines += ["", f"About the {rule.check_type} check:"] + [
            "  " + line for line in doc.splitlines()
        ]
    if cases is not None and cases.is_file():
        lines += ["", f"Examples ({cases.name}):"]
        lines += ["  " + line for line in cases.read_text(encoding="utf-8").splitlines()]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_baseline_change(file: Path, old: list[Entry], new: list[Entry]) -> str:
    """What writing the baseline changed: entries dropped as stale, entries added."""
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
            file=file.as_posix(),
        )
    )
    return "\n".join(lines) + "\n"
