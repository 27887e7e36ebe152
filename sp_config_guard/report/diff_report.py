"""Reports of ``spguard diff``: ``text`` (a reviewer's list), ``markdown`` (a PR comment) and
``json`` (versioned: ``version``, ``changed``, ``artifacts`` with their ``changes``)."""

from __future__ import annotations

from collections.abc import Callable

from sp_config_guard.drift.artifact_diff import display_path
from sp_config_guard.drift.tree_diff import DiffResult
from sp_config_guard.messages import t
from sp_config_guard.report import jsontext

FORMAT_VERSION = 1


def _problems(result: DiffResult) -> list[str]:
    return [f"{problem}" for problem in result.problems]


def text(result: DiffResult) -> str:
    """One block per artifact: its label and status, then one line per change."""
    lines = _problems(result)
    for item in result.artifacts:
        head = f"{item.label}: {item.status}"
        if item.old_file:
            head += f" (from {item.old_file})"
        lines.append(f"{head} [{item.file}]")
        lines += [f"  - {t}" for t in item.texts]
        lines += [f"    drift: {d}" for d in item.drift]
    count = len(result.artifacts)
    lines.append(t("summary.diff_differ", count=count) if count else t("summary.diff_none"))
    if result.problems:
        lines.append(t("summary.diff_unread", count=len(result.problems)))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", "<br>")


def markdown(result: DiffResult) -> str:
    """A pull-request comment: a summary line, then a table per artifact."""
    if not result.artifacts and not result.problems:
        return f"### spguard diff\n\n{t('summary.diff_md_none')}\n"
    lines = ["### spguard diff", "", t("summary.diff_md_differ", count=len(result.artifacts)), ""]
    lines += [f"- :warning: `{_cell(p)}`" for p in _problems(result)]
    for item in result.artifacts:
        lines += [f"#### {_cell(item.label)} - {item.status}", "", f"`{item.file}`", ""]
        if item.texts:
            has_drift = bool(item.drift) and item.drift != ("none",)
            lines += ["| change |", "| --- |"] + [f"| {_cell(t)} |" for t in item.texts]
            if has_drift:
                lines += ["", "Drift: " + "; ".join(_cell(d) for d in item.drift)]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(result: DiffResult) -> str:
    """The versioned JSON form."""
    doc = {
        "version": FORMAT_VERSION,
        "changed": result.changed,
        "problems": _problems(result),
        "artifacts": [
            {
                "kind": item.kind,
                "id": item.id,
                "status": item.status,
                "file": item.file,
                "old_file": item.old_file,
                "label": item.label,
                "changes": [
                    {
                        "op": c.op,
                        "path": display_path(c.path),
                        "old": c.old,
                        "new": c.new,
                        "text": t,
                    }
                    for c, t in zip(item.changes, item.texts, strict=True)
                ],
                "drift": list(item.drift),
            }
            for item in result.artifacts
        ],
    }
    return jsontext.dumps(doc, default=str)


FORMATS: dict[str, Callable[[DiffResult], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
