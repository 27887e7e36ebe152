"""``spguard rules test`` as text (one line per case, what differs under a failed one, a
summary) and as versioned JSON (``command: rules test`` in ``schemas/report.schema.json``)."""

from __future__ import annotations

from typing import Any

from sp_config_guard.messages import inert, t
from sp_config_guard.report import jsontext
from sp_config_guard.report.json_report import head
from sp_config_guard.rule_tests import CaseOutcome, RuleTestResult

_CASE_WORDS = {
    "pass": "rules_test.case.pass",
    "fail": "rules_test.case.fail",
    "file": "rules_test.case.file",
}


def text(result: RuleTestResult) -> str:
    """Every case with ok or FAIL, the difference under a failed one, then a summary."""
    lines: list[str] = []
    for outcome in result.outcomes:
        lines += _lines(outcome)
    if result.untested:
        lines.append(t("rules_test.untested", codes=", ".join(result.untested)))
    if not result.outcomes:
        lines.append(t("rules_test.no_cases"))
    failed = len(result.failed)
    lines.append(
        t(
            "rules_test.summary",
            cases=len(result.outcomes),
            files=len({o.file for o in result.outcomes}),
            passed=len(result.outcomes) - failed,
            failed=failed,
        )
    )
    return "\n".join(inert(line) for line in lines) + "\n"


def _lines(outcome: CaseOutcome) -> list[str]:
    if outcome.problem is not None:
        return [t("rules_test.problem", problem=outcome.problem)]
    fields = {
        "file": outcome.file,
        "line": outcome.line,
        "rule": outcome.rule,
        "case": t(_CASE_WORDS[outcome.case]),
        "artifact": outcome.artifact,
    }
    if outcome.passed:
        return [t("rules_test.ok", **fields)]
    lines = [t("rules_test.fail", **fields)]
    lines += [t("rules_test.missing", path=path) for path in outcome.missing()]
    lines += [
        t("rules_test.unexpected", path=path, message=message)
        for path, message in outcome.unexpected()
    ]
    return lines


def _record(outcome: CaseOutcome) -> dict[str, Any]:
    return {
        "file": outcome.file,
        "line": outcome.line,
        "rule": outcome.rule,
        "case": outcome.case,
        "artifact": outcome.artifact or None,
        "passed": outcome.passed,
        "expected": list(outcome.expected),
        "missing": outcome.missing() if outcome.problem is None else [],
        "unexpected": [{"path": path, "message": message} for path, message in outcome.unexpected()]
        if outcome.problem is None
        else [],
        "problem": outcome.problem,
    }


def as_json(result: RuleTestResult) -> str:
    """``rules test --format json``."""
    failed = len(result.failed)
    document = {
        **head("rules test"),
        "summary": {
            "cases": len(result.outcomes),
            "passed": len(result.outcomes) - failed,
            "failed": failed,
        },
        "cases": [_record(o) for o in result.outcomes],
        "untested": list(result.untested),
    }
    return jsontext.dumps(document)
