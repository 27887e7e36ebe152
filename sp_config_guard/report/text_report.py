"""Terminal text.

Results without rules (``validate``): one line per finding,
``file:line:column: severity CODE message [path]``, then a summary line.

Results of rules (``lint``): per file, a table of its findings (line:col, severity, code, rule,
message, path; waived and baselined findings are listed, marked ``(waived W-003)`` or
``(baseline)``), then a table of open, waived and baselined counts per rule set, then the same
summary line."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from sp_config_guard.messages import inert, t
from sp_config_guard.result import SEVERITIES, Finding, Result
from sp_config_guard.speedups import table

if TYPE_CHECKING:
    from sp_config_guard.normalize.run import NormalizeResult

BUILT_IN = ""
"""The rule-set key of findings of no rule set (schema and input problems); inert as
"(built-in)" in the language of the run."""


_FINDING_COLUMNS = (
    "report.col.line_col",
    "report.col.severity",
    "report.col.code",
    "report.col.rule",
    "report.col.message",
    "report.col.path",
)


def render(result: Result) -> str:
    """The text report of a result."""
    if result.rules or any(f.rule is not None for f in result.findings):
        lines = _tables(result)
    else:
        lines = [
            inert(f"{f.file}:{f.line}:{f.column}: {f.severity} {f.code} {f.message} [{f.path}]")
            for f in result.sorted_findings()
        ]
    counts = result.counts()
    lines.append(
        t(
            "summary.checked",
            command=result.command,
            files=result.files,
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
    )
    return "\n".join(lines) + "\n"


def _table(rows: list[list[str]], headers: list[str], numbers: int = 0) -> list[str]:
    """A plain table as lines: cells as written (no number parsing), the last ``numbers``
    columns right-aligned, no trailing blanks; every cell :func:`inert` (one inert line)."""
    headers, rows = [inert(h) for h in headers], [[inert(cell) for cell in row] for row in rows]
    fast = table.simple(rows, headers, numbers)
    if fast is not None:
        return fast
    from tabulate import tabulate  # imported only when needed: it takes a few milliseconds

    align = ["left"] * (len(headers) - numbers) + ["right"] * numbers
    text = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True, colalign=align)
    return [line.rstrip() for line in text.split("\n")]


def _severity_cell(finding: Finding) -> str:
    if finding.waived_by is not None:
        return f"{finding.severity} ({t('report.waived', id=finding.waived_by)})"
    if finding.baselined:
        return f"{finding.severity} ({t('report.baselined')})"
    return finding.severity


def _tables(result: Result) -> list[str]:
    """Findings per file, then counts per rule set; each block followed by a blank line."""
    lines: list[str] = []
    headers = [t(key) for key in _FINDING_COLUMNS]
    for file, group in groupby(result.sorted_findings(), key=lambda f: f.file):
        rows = [
            [
                f"{f.line}:{f.column}",
                _severity_cell(f),
                f.code,
                f.rule or "",
                f.message,
                f.path,
            ]
            for f in group
        ]
        lines += [inert(file), *_table(rows, headers), ""]
    columns = [*SEVERITIES, t("report.col.waived"), t("report.col.baselined")]
    headers = [t("report.col.ruleset"), *columns]
    lines += [*_table(_summary_rows(result), headers, len(columns)), ""]
    return lines


def _summary_rows(result: Result) -> list[list[str]]:
    """One row per rule set (those that ran, and those with findings), then the total."""
    columns = [*SEVERITIES, "waived", "baselined"]
    counts: dict[str, Counter[str]] = {}
    ran: dict[str, str] = {}
    for rule in result.rules:
        ran[rule.code] = name = f"{rule.ruleset} {rule.version}"
        counts.setdefault(name, Counter())
    for f in result.findings:
        if f.ruleset:
            name = f"{f.ruleset} {f.ruleset_version or ''}".rstrip()
        else:
            name = ran.get(f.code, BUILT_IN)
        column = "waived" if f.waived_by is not None else "baselined" if f.baselined else f.severity
        counts.setdefault(name, Counter())[column] += 1
    names = sorted(counts, key=lambda name: (name != BUILT_IN, name))
    rows = [
        [name or t("report.built_in"), *(str(counts[name][c]) for c in columns)] for name in names
    ]
    rows.append(
        [t("report.col.total"), *(str(sum(table[c] for table in counts.values())) for c in columns)]
    )
    return rows


def render_normalize(result: NormalizeResult) -> str:
    """What a normalize run did: problems, files changed (or that would change), a summary."""
    lines = [inert(str(problem)) for problem in result.problems]
    lines += [inert(line) for diff in result.diffs for line in diff.rstrip("\n").split("\n")]
    dry = result.dry
    verb = "summary.would_reformat" if dry else "summary.wrote"
    lines += [t(verb, name=name) for name in (result.changed if dry else result.written)]
    changed = len(result.changed) if dry else len(result.written)
    done = t("summary.normalize_dry" if dry else "summary.normalize_written")
    lines.append(
        t(
            "summary.normalize",
            changed=changed,
            done=done,
            unchanged=len(result.unchanged),
            problems=len(result.problems),
        )
    )
    return "\n".join(lines) + "\n"
