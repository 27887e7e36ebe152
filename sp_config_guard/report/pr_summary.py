"""The pull-request summary (``--base REV --format markdown``) of ``lint`` and ``drift``: what
the change *introduces* first, each with a link to its file at its line, then what it *fixes*
(named as at the base revision, where the file was), then what *existed before*, folded away in
``<details>``. Values are escaped as every Markdown report escapes them
(:mod:`~sp_config_guard.report.markdown`); the split itself is
:mod:`~sp_config_guard.report.compare`'s, the same for findings and deviations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sp_config_guard.drift.result import CLASSES, Deviation, class_name
from sp_config_guard.messages import inert, t
from sp_config_guard.report.compare import DriftChange, Links, LintChange, deviation_key
from sp_config_guard.report.drift_report import problem_lines
from sp_config_guard.report.markdown import MAX_ROWS, code_cell, escape
from sp_config_guard.result import SEVERITIES, Finding

_FINDING_COLUMNS = (
    "report.col.severity",
    "report.col.code",
    "report.col.file_line",
    "report.col.artifact",
    "report.col.message",
)
_DEVIATION_COLUMNS = (
    "report.col.file_line",
    "report.col.artifact",
    "drift.col.class",
    "pr.col.change",
)
_FIXED_COLUMNS = ("drift.col.file", *_DEVIATION_COLUMNS[1:])  # no line: the file has moved on


def _table(columns: Sequence[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table of at most ``MAX_ROWS`` rows, then how many were left out."""
    lines = ["| " + " | ".join(t(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines += ["", t("report.md_more", count=len(rows) - MAX_ROWS)]
    return lines


def _place(file: str, line: int, links: Links | None) -> str:
    """``file:line`` as code, linked to the file at the line unless ``links`` is None."""
    cell = code_cell(f"{file}:{line}")
    return f"[{cell}]({links.url(file, line)})" if links is not None else cell


def _sections(
    introduced: list[str],
    fixed: list[str],
    existing: list[str],
    counts: tuple[int, int, int],
) -> list[str]:
    """The three parts of a summary, each a heading with its count and a table (or a note)."""
    new, gone, old = counts
    lines = ["", f"### {t('pr.introduced', count=new)}", ""]
    lines += introduced if new else [t("pr.none_introduced")]
    if gone:
        lines += ["", f"### {t('pr.fixed', count=gone)}", "", *fixed]
    if old:
        summary = t("pr.existing", count=old)
        lines += ["", "<details>", f"<summary>{summary}</summary>", "", *existing, "", "</details>"]
    return lines


def _compared(change: LintChange | DriftChange) -> str:
    return t(
        "pr.compared", rev=code_cell(change.base.rev), commit=code_cell(change.base.commit[:12])
    )


# -- lint ---------------------------------------------------------------------------------


def _status(finding: Finding) -> str:
    if finding.waived_by is not None:
        return t("report.md_waived", id=escape(finding.waived_by))
    return t("report.col.baselined") if finding.baselined else t("pr.open")


def _finding_cells(finding: Finding, links: Links | None, status: bool) -> list[str]:
    code = code_cell(finding.code)
    severity = f"{finding.severity} ({_status(finding)})" if status else finding.severity
    return [
        severity,
        code,
        _place(finding.file, finding.line, links),
        escape(finding.artifact or ""),
        escape(finding.message),
    ]


def _by_severity(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f))


def lint_markdown(change: LintChange) -> str:
    """The pull-request summary of a lint."""
    head, split, links = change.head, change.findings, change.links
    closed = any(not f.active for f in split.introduced + split.existing)

    def rows(findings: list[Finding], where: Links | None) -> list[str]:
        cells = [_finding_cells(f, where, closed) for f in _by_severity(findings)]
        return _table(_FINDING_COLUMNS, cells)

    lines = [t("report.md_checked", command=head.command, files=head.files), "", _compared(change)]
    lines += _sections(
        rows(split.introduced, links),
        rows(split.fixed, None),
        rows(split.existing, links),
        (len(split.introduced), len(split.fixed), len(split.existing)),
    )
    return "\n".join(lines) + "\n"


# -- drift --------------------------------------------------------------------------------


def _deviation_cells(d: Deviation, place: Callable[[Deviation], str]) -> list[str]:
    return [
        place(d),
        escape(f"{d.kind} {d.artifact}"),
        escape(class_name(d.cls)),
        escape(d.text or d.path),
    ]


def _by_class(deviations: list[Deviation]) -> list[Deviation]:
    return sorted(deviations, key=lambda d: (CLASSES.index(d.cls), d.file, d.path))


def drift_markdown(change: DriftChange) -> str:
    """The pull-request summary of a drift."""
    head, split = change.head, change.deviations

    def linked(d: Deviation) -> str:
        return _place(d.file, change.lines.get(deviation_key(d), 1), change.links)

    def rows(
        deviations: list[Deviation], place: Callable[[Deviation], str], columns: Sequence[str]
    ) -> list[str]:
        return _table(columns, [_deviation_cells(d, place) for d in _by_class(deviations)])

    lines = ["## spguard drift", "", _compared(change)]
    if head.problems:
        lines += [""] + [
            f"- :warning: {code_cell(' '.join(p.split()))}" for p in problem_lines(head)
        ]
    lines += _sections(
        rows(split.introduced, linked, _DEVIATION_COLUMNS),
        rows(split.fixed, lambda d: code_cell(inert(d.file)), _FIXED_COLUMNS),
        rows(split.existing, linked, _DEVIATION_COLUMNS),
        (len(split.introduced), len(split.fixed), len(split.existing)),
    )
    count = t("summary.drift_md", variants=len(head.variants), deviations=len(head.deviations))
    return "\n".join([*lines, "", count]) + "\n"
