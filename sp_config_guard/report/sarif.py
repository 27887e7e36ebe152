"""SARIF 2.1.0 for code-scanning upload: one run, the rules that ran (and each built-in problem
code that appears) as reporting descriptors, one result per finding.

Files are URIs relative to ``%SRCROOT%``, the repository root (findings name their files
relative to it, from whatever folder spguard ran in); the report holds no absolute path of its
own, so the same result always gives the same bytes. Waived findings carry an external
suppression naming the waiver, baselined ones one saying so (code scanning shows neither as an
open alert) and ``baselineState`` ``unchanged``; all others ``new``. Every descriptor has
``help`` (text and Markdown: a rule's rationale, a tool code's meaning and what to do, in the
run's language, as its descriptions) and, where the configuration has a ``docs_url`` (or the
rule its own ``docs``), a ``helpUri``; never a link to a page nobody publishes. ``partialFingerprints`` carries the finding's fingerprint, which does not change when
lines move. A finding ``spguard fix`` repairs carries that repair as ``fixes``: the lines of
its file replaced by what ``fix`` writes there."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from sp_config_guard.load.config import docs_link
from sp_config_guard.messages import current_lang, t
from sp_config_guard.model.tool_codes import tool_code
from sp_config_guard.report import jsontext
from sp_config_guard.report.markdown import escape
from sp_config_guard.result import SEVERITIES, Finding, Result, RuleInfo
from sp_config_guard.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
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


def _help(title: str, text: str, action: str = "") -> dict[str, str]:
    """A descriptor's ``help``: the documentation as plain text and as Markdown (what code
    scanning shows under an alert), in the run's language."""
    plain = [text, t("rules.action") + " " + action] if action else [text]
    markdown = [f"**{escape(title)}**", escape(text)]
    if action:
        markdown.append(f"**{escape(t('rules.action'))}** {escape(action)}")
    return {"text": "\n\n".join(plain), "markdown": "\n\n".join(markdown)}


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": pascal_case(rule.name) or rule.name,
        "shortDescription": {"text": rule.title},
    }
    rationale = rule.rationale.strip()
    if rationale:
        descriptor["fullDescription"] = {"text": rationale}
    descriptor["help"] = _help(rule.title, rationale or rule.title)
    if rule.docs:
        descriptor["helpUri"] = rule.docs
    descriptor["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "warning")}
    descriptor["properties"] = {
        "ruleset": rule.ruleset,
        "version": rule.version,
        "owner": rule.owner,
    }
    return descriptor


def _built_in_descriptor(
    code: str, findings: list[Finding], docs_url: str | None
) -> dict[str, Any]:
    """The descriptor of one of spguard's own codes (schema, input and waiver problems), from
    its entry in ``tool-codes.yaml`` (a generic text for a code without one)."""
    severity = min(
        (f.severity for f in findings),
        key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else len(SEVERITIES),
    )
    explained = tool_code(code, current_lang())
    descriptor: dict[str, Any] = {"id": code}
    if explained is None:
        key = _BUILT_IN.get(re.sub(r"[0-9]+$", "", code), "sarif.built_in.other")
        text = t(key)
        descriptor |= {"shortDescription": {"text": text}, "help": _help(code, text)}
    else:
        descriptor |= {
            "shortDescription": {"text": explained.title},
            "fullDescription": {"text": explained.means},
            "help": _help(explained.title, explained.means, explained.action),
        }
    link = docs_link(docs_url, code)
    if link:
        descriptor["helpUri"] = link
    descriptor["defaultConfiguration"] = {"level": LEVELS.get(severity, "warning")}
    descriptor["properties"] = {"ruleset": "spguard", "version": __version__}
    return descriptor


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
    descriptors += [
        _built_in_descriptor(code, found, result.docs_url) for code, found in built_in.items()
    ]
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
        justification = t("sarif.waived", id=finding.waived_by)
        record["suppressions"] = [{"kind": "external", "justification": justification}]
    elif finding.baselined:  # GitHub code scanning shows a suppressed result as no open alert
        record["suppressions"] = [{"kind": "external", "justification": t("sarif.baselined")}]
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
