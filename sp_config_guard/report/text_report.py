"""Terminal text.

``text`` (every command with findings): one line per finding,
``file:line:column: severity CODE message [path]``, in order of file, line, column and code,
so that an editor or a terminal can jump to it; a waived or baselined finding ends its line with
``(waived W-003)`` or ``(baseline)``; one ``spguard fix`` repairs has ``[*]`` after its code.
Then one summary line, and a line counting the findings ``spguard fix`` repairs (if any).

``grouped``: per file, a table of its findings (line:col, severity, code, rule, message, path;
waived and baselined findings marked the same way beside the severity), then the summary line.

With ``statistics`` (``lint --statistics``), either ends with a table of open, waived and
baselined counts per rule set before the summary line.

With ``colour`` (``--color``; the CLI decides, :func:`sp_config_guard.cli.output.colour_wanted`),
``text`` colours its finding lines as ruff does: the place bold, the severity red, yellow or cyan
(dim when waived or baselined), the code bold, the path and what accepts a finding dim. Colour
adds escape codes and nothing else: without them the line is the uncoloured line, byte for byte
(a finding's own text is inert, so no escape code in it can pass for one of these)."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, Any

import click

from sp_config_guard.messages import inert, t
from sp_config_guard.result import SEVERITIES, Finding, Result
from sp_config_guard.speedups import table

if TYPE_CHECKING:
    from sp_config_guard.normalize.run import NormalizeResult
    from sp_config_guard.normalize.usage_import import UsageResult

FIXABLE = "[*]"
"""The mark of a finding ``spguard fix`` repairs (as ruff marks its fixable ones)."""

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


# the style of each severity's word in a coloured line (click.style's arguments)
_SEVERITY_STYLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "cyan", "bold": True},
}
_ACCEPTED_STYLE: dict[str, Any] = {"dim": True}


def render(result: Result, *, statistics: bool = False, colour: bool = False) -> str:
    """The text report of a result: one line per finding (coloured with ``colour``), then the
    summary line."""
    lines = [finding_line(f, colour=colour) for f in result.sorted_findings()]
    if statistics:
        lines += ["", *_statistics(result)] if lines else _statistics(result)
    return _with_summary(lines, result)


def render_grouped(result: Result, *, statistics: bool = False) -> str:
    """The text report of a result grouped by file: a table of each file's findings."""
    lines = _file_tables(result)
    if statistics:
        lines += _statistics(result)
    return _with_summary(lines, result)


def finding_line(finding: Finding, *, colour: bool = False) -> str:
    """``file:line:column: severity CODE message [path]`` (one inert line; ``[*]`` after the
    code when ``spguard fix`` repairs it), with the waiver or baseline that accepts it at the
    end; with ``colour``, its parts styled (the same text between the escape codes)."""
    f = finding
    accepted = _accepted(f)
    parts: list[tuple[str, dict[str, Any]]] = [
        (f"{f.file}:{f.line}:{f.column}:", {"bold": True}),
        (f.severity, _ACCEPTED_STYLE if accepted else _SEVERITY_STYLES.get(f.severity, {})),
        (f.code, {"bold": True}),
        *([(FIXABLE, {"fg": "cyan"})] if f.fixable else []),
        (f.message, {}),
        (f"[{f.path}]", {"dim": True}),
    ]
    if accepted:
        parts.append((f"({accepted})", _ACCEPTED_STYLE))
    if not colour:
        return inert(" ".join(text for text, _ in parts))
    # each part inert as it is within the whole line: only the first one starts the line (a
    # leading "::" is a CI command there only), and the spaces between them keep every other
    # pattern inert() breaks inside one part
    first, *rest = (text for text, _ in parts)
    texts = [inert(first), *(inert(f".{text}")[1:] for text in rest)]
    return " ".join(
        click.style(text, **style) if style else text
        for text, (_, style) in zip(texts, parts, strict=True)
    )


def _with_summary(lines: list[str], result: Result) -> str:
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
    fixable = sum(1 for f in result.findings if f.fixable)
    if fixable:
        lines.append(t("summary.fixable", marker=FIXABLE, count=fixable))
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


def _accepted(finding: Finding) -> str:
    """What accepts a finding ("waived W-003", "baseline"), or nothing."""
    if finding.waived_by is not None:
        return t("report.waived", id=finding.waived_by)
    if finding.baselined:
        return t("report.baselined")
    return ""


def _severity_cell(finding: Finding) -> str:
    accepted = _accepted(finding)
    return f"{finding.severity} ({accepted})" if accepted else finding.severity


def _file_tables(result: Result) -> list[str]:
    """Findings per file; each file's block followed by a blank line."""
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
    return lines


def _statistics(result: Result) -> list[str]:
    """Counts per rule set, followed by a blank line."""
    columns = [*SEVERITIES, t("report.col.waived"), t("report.col.baselined")]
    headers = [t("report.col.ruleset"), *columns]
    return [*_table(_summary_rows(result), headers, len(columns)), ""]


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


def render_usage(result: UsageResult) -> str:
    """What a usage import did: problems, files updated (or that would be), a summary."""
    lines = [inert(str(problem)) for problem in result.problems]
    dry = result.dry
    verb = "summary.would_update" if dry else "summary.wrote"
    lines += [t(verb, name=name) for name in (result.changed if dry else result.written)]
    lines.append(
        t(
            "summary.usage",
            changed=len(result.changed) if dry else len(result.written),
            done=t("summary.usage_dry" if dry else "summary.normalize_written"),
            unchanged=len(result.unchanged),
            problems=len(result.problems),
            rows=result.rows,
            not_reported=result.not_reported,
        )
    )
    return "\n".join(lines) + "\n"
