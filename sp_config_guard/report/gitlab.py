"""GitLab Code Quality report (the ``codequality`` artifact of a CI job): a JSON list with one
issue per open finding - ``description`` (``CODE message``), ``check_name`` (the code),
``fingerprint``, ``severity`` and ``location`` {``path`` (relative to the repository root, as
findings name their files), ``lines`` {``begin``}}. Waived and baselined findings are left out.

Severities: error -> ``major``, warning -> ``minor``, info -> ``info``. GitLab matches issues
between the merge request and its target by fingerprint, so it must be unique in a report and
not move with line numbers: the finding's own fingerprint with its message, and an occurrence
number should two findings still coincide."""

from __future__ import annotations

import hashlib
from typing import Any

from sp_config_guard.report import jsontext
from sp_config_guard.result import Finding, Result

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(finding: Finding, seen: dict[str, int]) -> str:
    # the finding's fingerprint, never its message: that depends on the language
    key = finding.fingerprint
    occurrence = seen.get(key, 0)
    seen[key] = occurrence + 1
    if occurrence:
        key += f"\x1f{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def issues(result: Result) -> list[dict[str, Any]]:
    """The report as plain data."""
    seen: dict[str, int] = {}
    return [
        {
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": _fingerprint(f, seen),
            "severity": SEVERITIES.get(f.severity, "minor"),
            "location": {"path": f.file, "lines": {"begin": f.line}},
        }
        for f in result.sorted_findings()
        if f.active
    ]


def render(result: Result) -> str:
    """The Code Quality report of a result."""
    return jsontext.dumps(issues(result))
