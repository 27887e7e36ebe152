"""Versioned JSON (``version: 1``), described exactly by ``schemas/report.schema.json``
(``$id`` https://sp-config-guard.dk/schemas/v1/report.schema.json).

Top-level keys, in this order:

- ``version``: the format version, ``1``; a new key or a changed meaning makes a new version.
- ``tool``: ``{"name": "spguard", "version": "<package version>"}``.
- ``command``: the command that produced the result (``validate``, ``lint``, ...).
- ``summary``: ``{"files", "error", "warning", "info"}``; severity counts are of *open*
  findings only (waived and baselined findings do not count).
- ``rules``: every rule that ran, sorted by code: code, name, title, severity, ruleset, version,
  owner, docs (or null) and rationale. Empty for commands that run no rules.
- ``findings``: in reporting order (file, line, column, code), each with every field of the
  finding (file, line, column, code, severity, message, path as an RFC 9535 JSONPath, kind,
  artifact, scope, rule, title, ruleset, ruleset_version, owner, docs, value, waived_by,
  baselined), its ``fingerprint`` (16 hex digits, stable across line moves), ``fixable``
  (whether ``spguard fix`` repairs it: a certain repair and no waiver) and ``status``:
  ``open``, ``waived`` (``waived_by`` names the waiver) or ``baselined``.

A finding's ``value`` is the offending value as read; values JSON cannot hold (dates) are
written as strings."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sp_config_guard.report import jsontext
from sp_config_guard.result import Finding, Result
from sp_config_guard.version import __version__

FORMAT_VERSION = 1


def status(finding: Finding) -> str:
    """``open``, ``waived`` or ``baselined``; a waiver wins over the baseline."""
    if finding.waived_by is not None:
        return "waived"
    if finding.baselined:
        return "baselined"
    return "open"


def finding_record(finding: Finding) -> dict[str, Any]:
    """One finding as the report writes it: every field, its fingerprint and status."""
    record = finding.as_record()
    record["status"] = status(finding)
    return record


def head(command: str) -> dict[str, Any]:
    """What every versioned JSON document of a command starts with."""
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "spguard", "version": __version__},
        "command": command,
    }


def document(result: Result) -> dict[str, Any]:
    """The report as plain data."""
    findings = [finding_record(finding) for finding in result.sorted_findings()]
    return {
        **head(result.command),
        "summary": {"files": result.files, **result.counts()},
        "rules": [asdict(rule) for rule in sorted(result.rules, key=lambda r: (r.code, r.ruleset))],
        "findings": findings,
    }


def render(result: Result) -> str:
    """The JSON report of a result."""
    return jsontext.dumps(document(result), default=str)
