"""JUnit XML for CI test views: one ``<testsuite>`` per code (every rule that ran, and every
other code found), one ``<testcase>`` per finding.

An open error or warning is a ``<failure>`` (``type`` is the severity), an open info finding a
passing test case with the message in ``<system-out>``, a waived or baselined finding a
``<skipped>`` test case; a rule without findings has one passing test case, ``no findings``.
No times or host names are written, so the same result always gives the same bytes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from sp_config_guard.messages import inert, t
from sp_config_guard.result import Finding, Result, RuleInfo

# Characters XML 1.0 cannot hold even escaped; ElementTree would write them as they are.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _element(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    """An element with its attributes in the order given, cleaned for XML."""
    cleaned = {key: _clean(value) for key, value in attrs.items()}
    if parent is None:
        return ET.Element(tag, cleaned)
    return ET.SubElement(parent, tag, cleaned)


def _counts(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def _details(finding: Finding) -> str:
    lines = [
        f"{finding.file}:{finding.line}:{finding.column}: {finding.severity} {finding.code} "
        f"{finding.message}",
        f"path: {finding.path}",
    ]
    if finding.kind or finding.artifact:
        lines.append(f"artifact: {finding.kind or '?'}/{finding.artifact or '?'}")
    if finding.rule:
        lines.append(f"rule: {finding.rule}")
    if finding.docs:
        lines.append(f"docs: {finding.docs}")
    lines.append(f"fingerprint: {finding.fingerprint}")
    # one line per fact, whatever the values hold (no value starts a line of its own)
    return _clean("\n".join(inert(line) for line in lines))


def _testcase(suite: ET.Element, finding: Finding) -> tuple[int, int]:
    """The finding's test case; returns (failures, skipped) it adds."""
    name = f"{finding.file}:{finding.line}"
    if finding.artifact:
        name += f" {finding.artifact}"
    case = _element(suite, "testcase", classname=finding.code, name=name)
    if finding.waived_by is not None or finding.baselined:
        reason = (
            t("report.waived", id=finding.waived_by)
            if finding.waived_by
            else t("report.col.baselined")
        )
        _element(case, "skipped", message=inert(f"{reason}: {finding.message}"))
        return 0, 1
    if finding.severity in ("error", "warning"):
        message = inert(finding.message)
        failure = _element(case, "failure", type=finding.severity, message=message)
        failure.text = _details(finding)
        return 1, 0
    _element(case, "system-out").text = _details(finding)
    return 0, 0


def _properties(suite: ET.Element, rule: RuleInfo) -> None:
    properties = _element(suite, "properties")
    facts = {
        "rule": rule.name,
        "title": rule.title,
        "severity": rule.severity,
        "ruleset": rule.ruleset,
        "version": rule.version,
        "owner": rule.owner,
        "docs": rule.docs or "",
    }
    for key, value in facts.items():
        if value:
            _element(properties, "property", name=key, value=value)


def render(result: Result) -> str:
    """The JUnit XML report of a result."""
    root = _element(None, "testsuites", name=f"spguard {result.command}")
    rules: dict[str, RuleInfo] = {}
    for rule in sorted(result.rules, key=lambda r: (r.code, r.ruleset)):
        rules.setdefault(rule.code, rule)
    by_code = {
        code: list(group)
        for code, group in groupby(
            sorted(result.sorted_findings(), key=lambda f: f.code), key=lambda f: f.code
        )
    }
    totals = [0, 0, 0]
    for code in sorted(set(rules) | set(by_code)):
        suite = _element(root, "testsuite", name=code)
        if code in rules:
            _properties(suite, rules[code])
        findings = by_code.get(code, [])
        failures = skipped = 0
        for finding in findings:
            failed, skip = _testcase(suite, finding)
            failures += failed
            skipped += skip
        if not findings:
            _element(suite, "testcase", classname=code, name="no findings")
        tests = max(len(findings), 1)
        _counts(suite, tests, failures, skipped)
        totals = [totals[0] + tests, totals[1] + failures, totals[2] + skipped]
    _counts(root, *totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
