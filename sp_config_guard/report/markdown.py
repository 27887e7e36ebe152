"""Markdown for a pull-request comment (GitHub and GitLab flavoured): a heading, a table of
open, waived and baselined counts per severity, a table of open findings per severity, and the
waived and baselined findings folded away in ``<details>``. ``No findings.`` when there are
none. A table lists at most ``MAX_ROWS`` findings and says how many more there are, so a big
run still fits in one comment (GitHub allows 65,536 characters).

Cells are escaped so that finding text cannot break the table or inject markup: a
backslash before ``|``, ``*``, ``_``, ``~``, backticks, brackets and backslashes; ``&``, ``<``
and ``>`` as entities; line breaks as ``<br>``, other control characters as visible escapes
(:func:`~sp_config_guard.messages.inert`). :func:`escape` and :func:`code_cell` are what every
Markdown report (lint, diff, drift) puts its values through."""

from __future__ import annotations

import re

from sp_config_guard.messages import inert, t
from sp_config_guard.result import SEVERITIES, Finding, Result

MAX_ROWS = 50
_HEADINGS = {
    "error": "report.heading.error",
    "warning": "report.heading.warning",
    "info": "report.heading.info",
}
_FINDING_COLUMNS = (
    "report.col.code",
    "report.col.file_line",
    "report.col.artifact",
    "report.col.message",
)
_CLOSED = ("report.col.waived", "report.col.baselined")
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text for a table cell, inert as written."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    return "<br>".join(inert(line) for line in text.splitlines()) if text else text


def code_cell(text: str) -> str:
    """Text as inline code in a table cell (only ``|`` needs escaping there)."""
    if "`" in text or "\n" in text or "\r" in text:
        return escape(text)
    return "`" + inert(text).replace("|", "\\|") + "`"


def _status(finding: Finding) -> str:
    if finding.waived_by is not None:
        return t("report.md_waived", id=escape(finding.waived_by))
    return t("report.col.baselined")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _finding_cells(finding: Finding) -> list[str]:
    code = code_cell(finding.code)
    if finding.docs and not re.search(r"[\s()<>|]", finding.docs):
        code = f"[{code}]({finding.docs})"
    return [
        code,
        code_cell(f"{finding.file}:{finding.line}"),
        escape(finding.artifact or ""),
        escape(finding.message),
    ]


def _rows(findings: list[Finding], status: bool = False) -> list[str]:
    """Table rows of up to ``MAX_ROWS`` findings, then a note of how many were left out."""
    rows = [
        _row([_status(f), f.severity, *_finding_cells(f)] if status else _finding_cells(f))
        for f in findings[:MAX_ROWS]
    ]
    if len(findings) > MAX_ROWS:
        rows += ["", t("report.md_more", count=len(findings) - MAX_ROWS)]
    return rows


def render(result: Result) -> str:
    """The Markdown report of a result."""
    findings = result.sorted_findings()
    lines = [t("report.md_checked", command=result.command, files=result.files), ""]
    if not findings:
        return "\n".join([*lines, t("report.md_no_findings")]) + "\n"
    open_ = [f for f in findings if f.active]
    closed = [f for f in findings if not f.active]
    lines += [
        _row([t(c) for c in ("report.col.severity", "report.col.open", *_CLOSED)]),
        "| --- | ---: | ---: | ---: |",
    ]
    for severity in SEVERITIES:
        of_severity = [f for f in findings if f.severity == severity]
        waived = sum(1 for f in of_severity if f.waived_by is not None)
        baselined = sum(1 for f in of_severity if f.waived_by is None and f.baselined)
        opened = len(of_severity) - waived - baselined
        lines.append(_row([severity, str(opened), str(waived), str(baselined)]))
    columns = [t(c) for c in _FINDING_COLUMNS]
    header = [_row(columns), "| --- | --- | --- | --- |"]
    for severity in SEVERITIES:
        of_severity = [f for f in open_ if f.severity == severity]
        if of_severity:
            lines += ["", f"### {t(_HEADINGS[severity])} ({len(of_severity)})", "", *header]
            lines += _rows(of_severity)
    if closed:
        lines += [
            "",
            "<details>",
            f"<summary>{t('report.md_closed', count=len(closed))}</summary>",
            "",
            _row([t("report.col.status"), t("report.col.severity"), *columns]),
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += _rows(closed, status=True)
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
