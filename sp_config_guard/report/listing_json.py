"""Versioned JSON of the listing commands (``version: 1``, each document's ``command`` says
which), described by ``schemas/report.schema.json`` beside the findings report:

- ``rules list``: ``rules``, every active rule (code, name, title, severity, enabled, ruleset,
  version, owner, docs, rationale, file (a shipped rule set's relative to the shipped data,
  ``rules/x.yaml``; the repository's own relative to its root), shipped, kinds (null: every
  kind), levels, check).
- ``rules explain``: ``rules`` as for ``rules list``, each also with ``where`` (the field
  filter, ``[{"path", "value"}]``), ``options`` (the check's options) and ``examples``
  (``{"file", "text"}`` of the rule's test cases, or null); and ``codes``: spguard's own
  problem codes asked for (code, title, means, action).
- ``normalize``: ``check`` (true: nothing was written), ``summary`` (``changed``,
  ``unchanged``, ``problems``), ``changed`` (the files not in canonical form, or written),
  ``unchanged``, ``problems`` (code, message, file, line, column; line and column may be null)
  and ``diffs`` (unified diffs with ``--diff``).
- ``usage import``: as ``normalize`` (without ``diffs``), with ``rows`` (report rows that
  matched one artifact) and ``not_reported`` (artifacts no report names) in ``summary``.
- ``baseline create`` / ``baseline update``: ``file``, ``entries`` (how many it holds),
  ``dropped`` (stale entries removed) and ``added``, each as ``code kind artifact path``, and
  ``problems``: the findings of the files it was written without (as in the findings report).

Values JSON cannot hold (dates in a filter or an option) are written as strings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sp_config_guard.outcomes import BaselineChange, RuleDetails, RuleExplanation, RuleListing
from sp_config_guard.report import jsontext
from sp_config_guard.report.json_report import finding_record, head

if TYPE_CHECKING:
    from sp_config_guard.errors import Problem
    from sp_config_guard.normalize.run import NormalizeResult
    from sp_config_guard.normalize.usage_import import UsageResult


def _rule(rule: RuleDetails) -> dict[str, Any]:
    info = rule.info
    return {
        "code": info.code,
        "name": info.name,
        "title": info.title,
        "severity": info.severity,
        "enabled": rule.enabled,
        "ruleset": info.ruleset,
        "version": info.version,
        "owner": info.owner,
        "docs": info.docs,
        "rationale": info.rationale,
        "file": rule.source,
        "shipped": rule.shipped,
        "kinds": list(rule.kinds) if rule.kinds is not None else None,
        "levels": list(rule.levels),
        "check": rule.check_type,
    }


def _explained(rule: RuleDetails) -> dict[str, Any]:
    record = _rule(rule)
    record["where"] = [{"path": path, "value": value} for path, value in rule.where]
    record["options"] = rule.settings if rule.settings is not None else {}
    record["examples"] = (
        {"file": rule.examples[0], "text": rule.examples[1]} if rule.examples else None
    )
    return record


def rule_listing(listing: RuleListing) -> str:
    """``rules list --format json``."""
    return jsontext.dumps(
        {**head("rules list"), "rules": [_rule(r) for r in listing.rules]}, default=str
    )


def rule_explanation(explanation: RuleExplanation) -> str:
    """``rules explain --format json``."""
    return jsontext.dumps(
        {
            **head("rules explain"),
            "rules": [_explained(r) for r in explanation.rules],
            "codes": [
                {"code": c.code, "title": c.title, "means": c.means, "action": c.action}
                for c in explanation.codes
            ],
        },
        default=str,
    )


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "message": problem.message,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
    }


def normalize(result: NormalizeResult) -> str:
    """``normalize --format json`` (with or without ``--check``)."""
    changed = result.changed if result.dry else result.written
    document = {
        **head("normalize"),
        "check": result.dry,
        "summary": {
            "changed": len(changed),
            "unchanged": len(result.unchanged),
            "problems": len(result.problems),
        },
        "changed": list(changed),
        "unchanged": list(result.unchanged),
        "problems": [_problem(p) for p in result.problems],
        "diffs": list(result.diffs),
    }
    return jsontext.dumps(document)


def usage(result: UsageResult) -> str:
    """``usage import --format json`` (with or without ``--check``)."""
    changed = result.changed if result.dry else result.written
    document = {
        **head("usage import"),
        "check": result.dry,
        "summary": {
            "changed": len(changed),
            "unchanged": len(result.unchanged),
            "problems": len(result.problems),
            "rows": result.rows,
            "not_reported": result.not_reported,
        },
        "changed": list(changed),
        "unchanged": list(result.unchanged),
        "problems": [_problem(p) for p in result.problems],
    }
    return jsontext.dumps(document)


def baseline_change(change: BaselineChange) -> str:
    """``baseline create|update --format json``."""
    document = {
        **head(change.command),
        "file": change.file,
        "entries": change.entries,
        "dropped": list(change.dropped),
        "added": list(change.added),
        "problems": [finding_record(f) for f in change.problems],
    }
    return jsontext.dumps(document, default=str)
