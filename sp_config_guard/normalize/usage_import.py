"""``spguard usage import``: a usage report (CSV or XLSX, read through a usage profile) joined
onto the ``usage`` block of the canonical tree's artifacts by id (and kind, when the report has
one), deterministic like normalize: the canonical writer, atomic writes, only files whose bytes
change are written, and a second run changes nothing.

A row whose id matches no artifact, or several, is a problem naming the report and row, never
dropped silently; so are two rows that give one artifact different figures. An artifact the
reports do not name keeps the usage it has. ``uses_90d`` is replaced; ``last_used`` is replaced
when the row gives a date (an empty one means not used in the period: the older date stays)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.loader import artifact_data, iter_files, read_input
from sp_config_guard.load.sources import atomic_write, decode
from sp_config_guard.messages import msg
from sp_config_guard.model.kinds import KindRegistry, default_registry
from sp_config_guard.normalize.canonical import canonicalise, render
from sp_config_guard.normalize.usage_profile import UsageRow, load_usage_profile, report_rows
from sp_config_guard.result import exit_code


@dataclass(frozen=True)
class UsageSettings:
    """What to import, through which profile, into which tree."""

    reports: Sequence[Path]
    profile: Path
    tree: Path
    check: bool = False


@dataclass
class UsageResult:
    """What a usage import did or would do."""

    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    rows: int = 0
    """Rows of the reports that named exactly one artifact."""
    not_reported: int = 0
    """Artifacts of the kinds the reports cover that no report names (their usage stays)."""
    dry: bool = False

    def exit_code(self) -> int:
        """1 when a file would change (``--check``) or a report row or file had a problem."""
        return exit_code(bool(self.changed), self.problems)


@dataclass(frozen=True)
class _Artifact:
    path: Path
    display: str
    kind: str
    data: dict[str, Any]
    text: str


def _tree(tree: Path, result: UsageResult) -> dict[str, list[_Artifact]]:
    """Every artifact of the tree by id; a file that cannot be read is a problem."""
    found: dict[str, list[_Artifact]] = {}
    prefix = "" if tree == Path(".") else tree.as_posix().rstrip("/") + "/"
    for path, relative in iter_files([tree], tree):
        display = prefix + relative
        try:
            if os.path.islink(path):  # written in place: never through a link
                raise InputError(Problem("USE006", msg("USE006.link"), display))
            text = decode(read_input(path, display)[0], display)
            data = artifact_data(text, display)
        except InputError as err:
            result.problems.append(err.problem)
            continue
        artifact_id = data.get("id")
        if isinstance(artifact_id, str):
            found.setdefault(artifact_id, []).append(
                _Artifact(path, display, str(data["kind"]), data, text)
            )
    return found


def _match(row: UsageRow, index: dict[str, list[_Artifact]]) -> _Artifact | Problem:
    candidates = [a for a in index.get(row.id, []) if row.kind is None or a.kind == row.kind]
    named = f"{row.kind} {row.id!r}" if row.kind else repr(row.id)
    if not candidates:
        return Problem("USE003", msg("USE003.no_artifact", artifact=named), row.file, row.line)
    if len(candidates) > 1:
        files = ", ".join(a.display for a in candidates)
        detail = msg("USE004.several", artifact=named, files=files)
        return Problem("USE004", detail, row.file, row.line)
    return candidates[0]


def run_usage_import(settings: UsageSettings, registry: KindRegistry | None = None) -> UsageResult:
    """Join the reports onto the tree's ``usage`` blocks, then write (atomically, only the
    files whose bytes change) or, with ``check``, only say what would change."""
    registry = registry or default_registry()
    result = UsageResult(dry=settings.check)
    try:
        profile = load_usage_profile(settings.profile, settings.profile.as_posix())
    except InputError as err:
        result.problems.append(err.problem)
        return result
    index = _tree(settings.tree, result)
    chosen: dict[str, tuple[_Artifact, UsageRow]] = {}
    for report in settings.reports:
        display = report.as_posix()
        try:
            rows, problems = report_rows(profile, report, display)
        except InputError as err:
            result.problems.append(err.problem)
            continue
        result.problems += problems
        for row in rows:
            match = _match(row, index)
            if isinstance(match, Problem):
                result.problems.append(match)
                continue
            earlier = chosen.get(match.display)
            if earlier is None:
                chosen[match.display] = (match, row)
                result.rows += 1
            elif (earlier[1].uses_90d, earlier[1].last_used) != (row.uses_90d, row.last_used):
                first = f"{earlier[1].file}:{earlier[1].line}"
                detail = msg("USE005.twice", artifact=f"{match.kind} {row.id!r}", first=first)
                result.problems.append(Problem("USE005", detail, row.file, row.line))
    kinds = {artifact.kind for artifact, _ in chosen.values()}
    covered = sum(a.kind in kinds for found in index.values() for a in found)
    result.not_reported = covered - len(chosen)
    for display in sorted(chosen):
        artifact, row = chosen[display]
        _apply(artifact, row, settings.check, registry, result)
    return result


def _apply(
    artifact: _Artifact, row: UsageRow, check: bool, registry: KindRegistry, result: UsageResult
) -> None:
    """Put one row's figures into its artifact's file (or only say that they would change)."""
    usage = dict(artifact.data.get("usage") or {})
    usage["uses_90d"] = row.uses_90d
    if row.last_used is not None:
        usage["last_used"] = row.last_used
    if usage == artifact.data.get("usage"):
        result.unchanged.append(artifact.display)
        return
    kind = registry.get(artifact.kind) if artifact.kind in registry else None
    text = render(canonicalise({**artifact.data, "usage": usage}, kind))
    if text == artifact.text:
        result.unchanged.append(artifact.display)
    elif check:
        result.changed.append(artifact.display)
    else:
        try:
            atomic_write(artifact.path, text)
        except OSError as err:
            problem = Problem(
                "NORM004", msg("NORM004.write", reason=err.strerror), artifact.display
            )
            result.problems.append(problem)
            return
        result.written.append(artifact.display)
