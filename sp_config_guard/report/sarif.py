"""SARIF 2.1.0 for code-scanning upload: one run, the rules that ran (and each built-in problem
code that appears) as reporting descriptors, one result per finding.

Files are URIs relative to ``%SRCROOT%``, the repository root (findings name their files
relative to it, from whatever folder spguard ran in); the report holds no absolute path of its
own, so the same result always gives the same bytes. Waived findings carry an external
suppression naming the waiver; baselined ones have ``baselineState`` ``unchanged``, all others
``new``. ``partialFingerprints`` carries the finding's fingerprint, which does not change when
lines move. A finding ``spguard fix`` repairs carries that repair as ``fixes``: the lines of
its file replaced by what ``fix`` writes there."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from sp_config_guard.messages import t
from sp_config_guard.report import jsontext
from sp_config_guard.result import SEVERITIES, Finding, Result, RuleInfo
from sp_config_guard.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://sp-config-guard.dk/"
FINGERPRINT_KEY = "spguardFingerprint/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_BUILT_IN = {
    "LOAD": "sarif.built_in.LOAD",
    "SCH": "sarif.built_in.SCH",
    "IMP": "sarif.built_in.IMP",
    "MAP": "sarif.built_in.MAP",
    "NORM": "sarif.built_in.NORM",
    "WAV": "sarif.built_in.WAV",
}
_FIX_TEXT = {"set": "fix.sarif.set", "insert": "fix.sarif.insert"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def pascal_case(name: str) -> str:
    """``high-alert-double-check`` -> ``HighAlertDoubleCheck``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[\W_]+", name) if part)


def artifact_location(file: str) -> dict[str, str]:
    """The SARIF artifact location of a file as findings name it (``loader.shown``).

    A name relative to the repository root becomes a percent-encoded relative URI against
    ``%SRCROOT%``; the absolute name of a file outside the repository (a waivers file given
    from elsewhere) a ``file:`` URI of its own, without a base."""
    if _WINDOWS_DRIVE.match(file):
        return {"uri": "file:///" + quote(file, safe="/:")}
    if file.startswith("/"):
        return {"uri": "file://" + quote(file, safe="/")}
    return {"uri": quote(file, safe="/"), "uriBaseId": SRCROOT}


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": pascal_case(rule.name) or rule.name,
        "shortDescription": {"text": rule.title},
    }
    if rule.rationale.strip():
        descriptor["fullDescription"] = {"text": rule.rationale.strip()}
    if rule.docs:
        descriptor["helpUri"] = rule.docs
    descriptor["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "warning")}
    descriptor["properties"] = {
        "ruleset": rule.ruleset,
        "version": rule.version,
        "owner": rule.owner,
    }
    return descriptor


def _built_in_descriptor(code: str, findings: list[Finding]) -> dict[str, Any]:
    """A generic descriptor for a code of no rule set (schema, input and waiver problems)."""
    prefix = re.sub(r"[0-9]+$", "", code)
    key = _BUILT_IN.get(prefix, "sarif.built_in.other")
    text = t(key)
    severity = min(
        (f.severity for f in findings),
        key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else len(SEVERITIES),
    )
    return {
        "id": code,
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"ruleset": "spguard", "version": __version__},
    }


def _rule_of_finding(finding: Finding) -> RuleInfo:
    """What the finding says of its rule set's rule, for one missing from ``result.rules``."""
    return RuleInfo(
        finding.code,
        finding.rule or finding.code,
        finding.title or finding.code,
        finding.severity,
        finding.ruleset or "",
        finding.ruleset_version or "",
        finding.owner or "",
        finding.docs,
    )


def _descriptors(result: Result, findings: list[Finding]) -> list[dict[str, Any]]:
    """Reporting descriptors, sorted by code: every rule that ran and every other code found."""
    rules: dict[str, RuleInfo] = {}
    for rule in sorted(result.rules, key=lambda r: (r.code, r.ruleset)):
        rules.setdefault(rule.code, rule)
    built_in: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in rules:
            continue
        if finding.ruleset is not None:
            rules[finding.code] = _rule_of_finding(finding)
        else:
            built_in.setdefault(finding.code, []).append(finding)
    descriptors = [_rule_descriptor(rule) for rule in rules.values()]
    descriptors += [_built_in_descriptor(code, found) for code, found in built_in.items()]
    return sorted(descriptors, key=lambda d: str(d["id"]))


def _result(finding: Finding, index: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_location(finding.file),
            "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
        }
    }
    if finding.kind and finding.artifact:
        location["logicalLocations"] = [
            {
                "name": finding.artifact,
                "fullyQualifiedName": f"{finding.kind}/{finding.artifact}",
                "kind": "object",
            }
        ]
    facts = {
        "jsonPath": finding.path,
        "kind": finding.kind,
        "artifact": finding.artifact,
        "scope": finding.scope,
        "owner": finding.owner,
    }
    record: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {key: value for key, value in facts.items() if value is not None},
    }
    if finding.waived_by is not None:
        record["suppressions"] = [
            {"kind": "external", "justification": f"waiver {finding.waived_by}"}
        ]
    else:
        record["suppressions"] = []
    record["baselineState"] = "unchanged" if finding.baselined else "new"
    repair = finding.repair
    if finding.fixable and repair is not None and repair.edit is not None:
        record["fixes"] = [_fix(finding.file, repair.op, repair.edit)]
    return record


def _fix(file: str, op: str, edit: tuple[int, int, str]) -> dict[str, Any]:
    """A SARIF fix: the lines ``edit`` names (1-based start and end, end excluded) replaced
    by its text, as ``spguard fix`` writes them."""
    start, end, text = edit
    region = {"startLine": start, "startColumn": 1, "endLine": end, "endColumn": 1}
    replacement = {"deletedRegion": region, "insertedContent": {"text": text}}
    return {
        "description": {"text": t(_FIX_TEXT[op])},
        "artifactChanges": [
            {"artifactLocation": artifact_location(file), "replacements": [replacement]}
        ],
    }


def document(result: Result) -> dict[str, Any]:
    """The SARIF log as plain data."""
    findings = result.sorted_findings()
    descriptors = _descriptors(result, findings)
    index = {str(d["id"]): i for i, d in enumerate(descriptors)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "spguard",
                "informationUri": INFORMATION_URI,
                "version": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"description": {"text": t("sarif.root")}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code]) for f in findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Result) -> str:
    """The SARIF report of a result."""
    return jsontext.dumps(document(result))
