"""Waivers ("dispensationer"): approved, time-limited exceptions. A waived finding is kept and
marked, never hidden; expired, soon-expiring and stale waivers are findings of their own."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sp_config_guard.errors import UsageError
from sp_config_guard.lint import EXPIRING_DAYS, checks
from sp_config_guard.load.loader import read_validated, shown
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.yamlio import compose, line_column
from sp_config_guard.messages import t
from sp_config_guard.result import Finding, json_path


@dataclass(frozen=True)
class Waiver:
    """One waiver and where it is written."""

    id: str
    rule: str
    artifacts: tuple[str, ...]
    reason: str
    approved_by: str
    approved_on: date
    expires: date
    file: str
    line: int
    column: int
    path: str | None = None
    ticket: str | None = None

    def covers(self, finding: Finding, repo: Repository, today: date) -> bool:
        """Whether this waiver, if still valid on ``today``, waives ``finding``."""
        return self.covers_place(
            finding.code, finding.kind, finding.artifact, finding.path, repo, today
        )

    def covers_place(
        self,
        code: str,
        kind: str | None,
        artifact: str | None,
        path: str,
        repo: Repository,
        today: date,
    ) -> bool:
        """Whether this waiver, valid on ``today``, covers ``code`` at ``path`` (an index-based
        JSONPath) of an artifact; a waiver path covers the nodes it selects and all below."""
        if today > self.expires or code != self.rule or artifact is None:
            return False
        if not any(fnmatch.fnmatchcase(artifact, pattern) for pattern in self.artifacts):
            return False
        if self.path is None:
            return True
        doc = repo.get(kind or "", artifact)
        if doc is None:
            return False
        for location, _ in checks.find(self.path, doc.data):
            prefix = json_path(location)
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                return True
        return False


def load_waivers(path: Path, root: Path) -> list[Waiver]:
    """Read and validate a waivers file of the repository at ``root``; raises
    :class:`UsageError` naming file and line."""
    display = shown(path, root)
    text, data = read_validated(path, display, "waivers")
    tree = compose(text)
    waivers, seen = [], set()
    for index, raw in enumerate(data["waivers"]):
        line, column = line_column(tree, ["waivers", index])
        if raw["id"] in seen:
            where = f"{display}:{line}:{column}"
            raise UsageError(t("waiverfile.id_twice", where=where, id=repr(raw["id"])))
        seen.add(raw["id"])
        if "path" in raw:
            try:
                checks.compile_path(raw["path"])
            except checks.QueryError as err:
                where = f"{display}:{line}:{column}"
                raise UsageError(t("waiverfile.bad_path", where=where, detail=err)) from None
        approved_on, expires = (date.fromisoformat(raw[k]) for k in ("approved_on", "expires"))
        if expires < approved_on:
            line, column = line_column(tree, ["waivers", index, "expires"])
            where = f"{display}:{line}:{column}"
            raise UsageError(
                t("waiverfile.expires_first", where=where, id=repr(raw["id"]), approved=approved_on)
            )
        waivers.append(
            Waiver(
                id=raw["id"],
                rule=raw["rule"],
                artifacts=tuple(raw["artifacts"]),
                reason=raw["reason"],
                approved_by=raw["approved_by"],
                approved_on=approved_on,
                expires=expires,
                file=display,
                line=line,
                column=column,
                path=raw.get("path"),
                ticket=raw.get("ticket"),
            )
        )
    return waivers


def apply_waivers(
    findings: Sequence[Finding], waivers: Sequence[Waiver], repo: Repository, today: date
) -> tuple[list[Finding], set[str]]:
    """Findings with ``waived_by`` set where a valid waiver covers them, and the ids of the
    waivers that matched something."""
    used: set[str] = set()
    out = []
    for finding in findings:
        waiver = next((w for w in waivers if w.covers(finding, repo, today)), None)
        if waiver is not None:
            used.add(waiver.id)
            finding = replace(finding, waived_by=waiver.id)
        out.append(finding)
    return out, used


def waiver_findings(
    waivers: Sequence[Waiver],
    used: set[str],
    today: date,
    known_rules: set[str],
    expiring_days: int = EXPIRING_DAYS,
) -> list[Finding]:
    """Findings about the waivers themselves: expired (error), expiring soon, stale, or naming
    a rule that does not exist (warnings)."""
    out = []
    for waiver in waivers:

        def finding(code: str, severity: str, message: str, waiver: Waiver = waiver) -> Finding:
            return Finding(
                waiver.file,
                waiver.line,
                waiver.column,
                code,
                severity,
                message,
                path="$",
                rule="waiver",
                owner=waiver.approved_by,
                value=waiver.id,
            )

        days_left = (waiver.expires - today).days
        if days_left < 0:
            out.append(
                finding(
                    "WAV001",
                    "error",
                    t("WAV001.expired", id=waiver.id, rule=waiver.rule, expires=waiver.expires),
                )
            )
        elif days_left <= expiring_days:
            out.append(
                finding(
                    "WAV002",
                    "warning",
                    t(
                        "WAV002.expiring",
                        id=waiver.id,
                        rule=waiver.rule,
                        expires=waiver.expires,
                        days=days_left,
                    ),
                )
            )
        if known_rules and waiver.rule not in known_rules:
            out.append(
                finding(
                    "WAV004",
                    "warning",
                    t("WAV004.unknown_rule", id=waiver.id, rule=waiver.rule),
                )
            )
        elif days_left >= 0 and waiver.id not in used:
            out.append(
                finding(
                    "WAV003",
                    "warning",
                    t("WAV003.stale", id=waiver.id, rule=waiver.rule),
                )
            )
    return out
