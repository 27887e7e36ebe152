"""``spguard promote`` as text, Markdown and versioned JSON (``promoteReport`` in
``schemas/report.schema.json``): each candidate with its ID, the standard, the change in
``spguard diff``'s words, the copies that made it (by place, with their usage), and what
``--apply`` wrote."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from sp_config_guard.act.promote import Candidate, PromoteResult, Promotion
from sp_config_guard.messages import inert, t
from sp_config_guard.report import jsontext
from sp_config_guard.report.json_report import head
from sp_config_guard.report.markdown import escape


def _uses(uses: int | None) -> str:
    return t("promote.uses_unknown") if uses is None else str(uses)


def _applied_lines(done: Promotion) -> list[str]:
    said = dict(file=done.file, revision=done.revision, old=done.candidate.revision)
    lines = [t("promote.wrote" if done.written else "promote.would", **said)]
    lines += [f"  - {inert(change)}" for change in done.changes]
    lines.append(t("promote.after", **said))
    return lines


def _settings(result: PromoteResult) -> dict[str, int]:
    return {"min_departments": result.min_departments, "min_hospitals": result.min_hospitals}


def text(result: PromoteResult) -> str:
    """Every candidate with its copies, then what ``--apply`` did."""
    lines = [inert(str(problem)) for problem in result.problems]
    if result.applied is not None:
        return "\n".join([*lines, *_applied_lines(result.applied)]) + "\n"
    if not result.candidates:
        return "\n".join([*lines, t("promote.none", **_settings(result))]) + "\n"
    lines.append(t("promote.heading", count=len(result.candidates), **_settings(result)))
    for c in result.candidates:
        name = inert(c.standard_name)
        lines += [
            "",
            t("promote.candidate", id=c.id, kind=c.kind, standard=c.standard, name=name),
            f"  {inert(c.text)}",
            "  " + t("promote.spread", **_spread(c)),
        ]
        lines += [
            "    - " + t("promote.copy", place=inert(a.place), file=a.file, uses=_uses(a.uses_90d))
            for a in c.adopters
        ]
        lines.append("  " + t("promote.apply_hint", id=c.id))
    return "\n".join(lines) + "\n"


def _spread(c: Candidate) -> dict[str, Any]:
    return {
        "copies": len(c.adopters),
        "hospitals": len(c.hospitals),
        "regions": len(c.regions),
        "uses": _uses(c.uses_90d),
        "revision": c.revision,
        "file": c.standard_file,
    }


_COLUMNS = (
    "promote.md.id",
    "promote.md.standard",
    "promote.md.change",
    "promote.md.copies",
    "promote.md.hospitals",
    "promote.md.uses",
)


def markdown(result: PromoteResult) -> str:
    """One table row per candidate (a job summary or a board paper), then what was applied."""
    parts = ["### spguard promote"]
    if result.applied is not None:
        parts.append("\n".join(escape(line) for line in _applied_lines(result.applied)))
    elif not result.candidates:
        parts.append(escape(t("promote.none", **_settings(result))))
    else:
        parts.append(
            escape(t("promote.heading", count=len(result.candidates), **_settings(result)))
        )
        rows = [
            [
                f"`{c.id}`",
                escape(f"{c.kind} {c.standard} {c.standard_name}"),
                escape(c.text),
                "<br>".join(escape(a.place) for a in c.adopters),
                str(len(c.hospitals)),
                _uses(c.uses_90d),
            ]
            for c in result.candidates
        ]
        headers = [t(key) for key in _COLUMNS]
        parts.append(tabulate(rows, headers, tablefmt="github", disable_numparse=True))
    return "\n\n".join(parts) + "\n"


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "standard": c.standard,
        "standard_file": c.standard_file,
        "standard_name": c.standard_name,
        "revision": c.revision,
        "path": c.path,
        "op": c.op,
        "standard_value": c.standard_value,
        "value": c.value,
        "text": c.text,
        "copies": [
            {"file": a.file, "scope": dict(a.scope), "place": a.place, "uses_90d": a.uses_90d}
            for a in c.adopters
        ],
        "hospitals": list(c.hospitals),
        "regions": list(c.regions),
        "uses_90d": c.uses_90d,
    }


def as_json(result: PromoteResult) -> str:
    """The versioned JSON document."""
    done = result.applied
    applied = None
    if done is not None:
        applied = {
            "candidate": done.candidate.id,
            "file": done.file,
            "from_revision": done.candidate.revision,
            "revision": done.revision,
            "changes": list(done.changes),
            "written": done.written,
        }
    return jsontext.dumps(
        {
            **head("promote"),
            "settings": _settings(result),
            "candidates": [_candidate(c) for c in result.candidates],
            "applied": applied,
            "problems": [str(problem) for problem in result.problems],
        }
    )
