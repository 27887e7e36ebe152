"""The baseline: findings that existed when a repository adopted the tool, keyed on their
domain identity (rule, artifact, JSON path, value - the finding's fingerprint), so only new
findings fail. Written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sp_config_guard.load.loader import read_validated, shown
from sp_config_guard.load.sources import atomic_write
from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.normalize.canonical import natural_key
from sp_config_guard.result import Finding


@dataclass(frozen=True)
class Entry:
    """One accepted finding."""

    fingerprint: str
    code: str
    kind: str | None
    artifact: str | None
    path: str
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The entry as written to the file."""
        return {
            "fingerprint": self.fingerprint,
            "code": self.code,
            "kind": self.kind,
            "artifact": self.artifact,
            "path": self.path,
            "message": self.message,
        }


def load_baseline(path: Path, root: Path) -> list[Entry]:
    """Read and validate a baseline file of the repository at ``root``; raises
    :class:`UsageError` naming file and line."""
    _, data = read_validated(path, shown(path, root), "baseline")
    return [Entry(**{"message": "", "kind": None, **raw}) for raw in data["findings"]]


def entries_for(findings: Sequence[Finding], keep: Sequence[Entry] = ()) -> list[Entry]:
    """Baseline entries for the findings that count (waived ones need no baseline) and the
    entries to ``keep`` whatever the findings say; a file that could not be read was not
    checked, so nothing about it is accepted."""
    unique = {entry.fingerprint: entry for entry in keep}
    unique.update(
        (f.fingerprint, Entry(f.fingerprint, f.code, f.kind, f.artifact, f.path, f.message))
        for f in findings
        if f.waived_by is None and not f.input_problem
    )
    return sorted(unique.values(), key=lambda e: (natural_key(e.artifact or ""), e.code, e.path))


def write_baseline(path: Path, entries: Sequence[Entry]) -> None:
    """Write the baseline file atomically, in a stable order."""
    atomic_write(path, dump_canonical({"version": 1, "findings": [e.as_dict() for e in entries]}))


def apply_baseline(
    findings: Sequence[Finding], entries: Sequence[Entry]
) -> tuple[list[Finding], list[Entry]]:
    """Findings with ``baselined`` set where the baseline holds them (never a file that could
    not be read, even from an older baseline), and the stale entries (baseline entries that no
    finding matches any more)."""
    known = {entry.fingerprint for entry in entries}
    out = [
        replace(f, baselined=True) if f.fingerprint in known and not f.input_problem else f
        for f in findings
    ]
    seen = {f.fingerprint for f in findings}
    return out, [entry for entry in entries if entry.fingerprint not in seen]
