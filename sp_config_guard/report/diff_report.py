"""Reports of ``spguard diff``: ``text`` (a reviewer's list), ``markdown`` (a PR comment) and
``json`` (versioned: ``version``, ``changed``, ``artifacts`` with their ``changes``).

Every value in text is :func:`~sp_config_guard.messages.inert` (one inert line), and in Markdown
escaped as the lint Markdown report escapes it (no raw HTML, links or markup from values)."""

from __future__ import annotations

from sp_config_guard.drift.artifact_diff import display_path
from sp_config_guard.drift.tree_diff import ArtifactDiff, DiffResult
from sp_config_guard.messages import inert, t
from sp_config_guard.report import jsontext
from sp_config_guard.report.markdown import code_cell, escape

FORMAT_VERSION = 1


def _problems(result: DiffResult) -> list[str]:
    return [f"{problem}" for problem in result.problems]


_STATUS = {  # an artifact's status in the catalog (the JSON keeps the status itself)
    "added": "diff.status.added",
    "removed": "diff.status.removed",
    "modified": "diff.status.modified",
    "moved": "diff.status.moved",
}


def _status(item: ArtifactDiff) -> str:
    """The artifact's status in the run's language, with the file it came from if it moved."""
    key = _STATUS.get(item.status)
    said = t(key) if key is not None else item.status
    return t("diff.from", status=said, file=item.old_file) if item.old_file else said


def _drift(effect: str) -> str:
    return t("diff.drift_none") if effect == "none" else effect


def text(result: DiffResult) -> str:
    """One block per artifact: its label and status, then one line per change."""
    lines = [inert(problem) for problem in _problems(result)]
    for item in result.artifacts:
        lines.append(inert(f"{item.label}: {_status(item)} [{item.file}]"))
        lines += [inert(f"  - {t}") for t in item.texts]
        lines += [inert(f"    {t('diff.drift_label')}: {_drift(d)}") for d in item.drift]
    count = len(result.artifacts)
    lines.append(t("summary.diff_differ", count=count) if count else t("summary.diff_none"))
    if result.problems:
        lines.append(t("summary.diff_unread", count=len(result.problems)))
    return "\n".join(lines) + "\n"


def markdown(result: DiffResult) -> str:
    """A pull-request comment: a summary line, then a table per artifact."""
    if not result.artifacts and not result.problems:
        return f"### spguard diff\n\n{t('summary.diff_md_none')}\n"
    lines = ["### spguard diff", "", t("summary.diff_md_differ", count=len(result.artifacts)), ""]
    lines += [f"- :warning: {code_cell(p)}" for p in _problems(result)]
    for item in result.artifacts:
        heading = f"#### {escape(item.label)} - {escape(_status(item))}"
        lines += [heading, "", code_cell(item.file), ""]
        if item.texts:
            has_drift = bool(item.drift) and item.drift != ("none",)
            table = [f"| {t('diff.col.change')} |", "| --- |"]
            lines += table + [f"| {escape(text)} |" for text in item.texts]
            if has_drift:
                effects = "; ".join(escape(d) for d in item.drift)
                lines += ["", f"{t('diff.drift_label').capitalize()}: {effects}"]
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
