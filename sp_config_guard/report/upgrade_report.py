"""The report of ``spguard upgrade``, per department (region / hospital / department of the
copy's scope): each variant's state and revisions, what was taken from the standard (the
semantic diff of the copy, in the words of ``spguard diff``), the local changes kept (how the
copy still differs from the new standard) and each conflict with the department's and the
standard's value; then one summary line. Text and Markdown lines are
:func:`~sp_config_guard.messages.inert`.

JSON (``command: upgrade``, described in ``schemas/report.schema.json`` as ``upgradeReport``):
``dry`` (nothing was written), ``check``, ``summary`` (a count per state, ``current`` and
``changed``), ``variants`` (file, kind, artifact, standard, scope, state, from, to, base:
where the base came from, changed, changes, kept, conflicts: path, reason, base, department,
standard; reason: why not upgradable) and ``problems`` (files that could not be read)."""

from __future__ import annotations

import json
from typing import Any

from sp_config_guard.act.merge import Conflict
from sp_config_guard.act.upgrade_result import STATES, UpgradeResult, VariantUpgrade
from sp_config_guard.messages import inert, t
from sp_config_guard.model.places import value_words
from sp_config_guard.report import jsontext
from sp_config_guard.report.json_report import head
from sp_config_guard.report.markdown import escape

# per state: its line, and its line on a dry run when the file would change
_STATE = {
    "upgraded": ("upgrade.state.upgraded", "upgrade.state.upgraded_dry"),
    "conflicts": ("upgrade.state.conflicts", "upgrade.state.conflicts_dry"),
    "completed": ("upgrade.state.completed", "upgrade.state.completed_dry"),
    "pending": ("upgrade.state.pending", "upgrade.state.pending"),
    "not-upgradable": ("upgrade.state.not_upgradable", "upgrade.state.not_upgradable"),
}
_REASON = {
    "both-changed": "upgrade.reason.both_changed",
    "out-of-bounds": "upgrade.reason.out_of_bounds",
    "removed-changed": "upgrade.reason.removed_changed",
}


def _by_department(result: UpgradeResult) -> dict[tuple[str, str, str], list[VariantUpgrade]]:
    out: dict[tuple[str, str, str], list[VariantUpgrade]] = {}
    for variant in sorted(result.variants, key=lambda v: (v.department, v.file)):
        out.setdefault(variant.department, []).append(variant)
    return out


def _place(key: tuple[str, str, str]) -> str:
    return " / ".join(part for part in key if part) or t("upgrade.no_place")


def _head(variant: VariantUpgrade, dry: bool) -> str:
    fields = {
        "file": variant.file,
        "old": variant.from_revision or t("diff.none"),
        "new": variant.to_revision or t("diff.none"),
        "count": len(variant.conflicts),
        "reason": variant.reason,
    }
    return t(_STATE[variant.state][dry and variant.changed], **fields)


def conflict_words(conflict: Conflict) -> str:
    """One conflict with the department's and the standard's value."""
    return t(
        "upgrade.conflict",
        path=conflict.path,
        why=t(_REASON[conflict.reason]) if conflict.reason in _REASON else conflict.reason,
        department=value_words(conflict.department),
        standard=value_words(conflict.standard),
        base=value_words(conflict.base),
    )


def _details(variant: VariantUpgrade) -> list[tuple[str, list[str]]]:
    taken = list(variant.changes)
    return [
        (t("upgrade.taken"), taken),
        (t("upgrade.kept"), list(variant.kept)),
        (t("upgrade.conflicts"), [conflict_words(c) for c in variant.conflicts]),
    ]


def summary(result: UpgradeResult) -> str:
    """The summary line: a count per state, and the copies already current."""
    counts = {state.replace("-", "_"): result.count(state) for state in STATES}
    key = "summary.upgrade_dry" if result.dry else "summary.upgrade"
    return t(key, current=result.current, changed=len(result.changed), **counts)


def text(result: UpgradeResult) -> str:
    """Problems, then per department each variant with its details, then the summary."""
    lines = [inert(str(problem)) for problem in result.problems]
    for key, variants in _by_department(result).items():
        lines.append(inert(_place(key)))
        for variant in variants:
            lines.append(inert(f"  {_head(variant, result.dry)}"))
            for title, items in _details(variant):
                if items:
                    lines.append(inert(f"    {title}"))
                    lines += [inert(f"      - {item}") for item in items]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def markdown(result: UpgradeResult) -> str:
    """A pull-request comment: per department a heading and each variant as a list."""
    parts = [f"## {t('upgrade.md_title')}"]
    if result.problems:
        parts.append("\n".join(f"- :warning: {escape(inert(str(p)))}" for p in result.problems))
    for key, variants in _by_department(result).items():
        lines = [f"### {escape(inert(_place(key)))}"]
        for variant in variants:
            lines.append(f"- {escape(inert(_head(variant, result.dry)))}")
            for title, items in _details(variant):
                if items:
                    lines.append(f"  - {escape(title)}")
                    lines += [f"    - {escape(inert(item))}" for item in items]
        parts.append("\n".join(lines))
    parts.append(escape(summary(result)))
    return "\n\n".join(parts) + "\n"


def _plain(value: Any) -> Any:
    """A value as JSON can hold it (dates in a copy's data as text)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _variant(variant: VariantUpgrade) -> dict[str, Any]:
    return {
        "file": variant.file,
        "kind": variant.kind,
        "artifact": variant.artifact,
        "standard": variant.standard,
        "scope": variant.scope,
        "state": variant.state,
        "from": variant.from_revision,
        "to": variant.to_revision,
        "base": variant.base or None,
        "changed": variant.changed,
        "changes": list(variant.changes),
        "kept": list(variant.kept),
        "conflicts": [_plain(c.as_record()) for c in variant.conflicts],
        "reason": variant.reason or None,
    }


def as_json(result: UpgradeResult) -> str:
    """``upgrade --format json``."""
    counts = {state.replace("-", "_"): result.count(state) for state in STATES}
    document = {
        **head("upgrade"),
        "dry": result.dry,
        "check": result.check,
        "summary": {**counts, "current": result.current, "changed": len(result.changed)},
        "variants": [_variant(v) for v in sorted(result.variants, key=lambda v: v.file)],
        "problems": [str(problem) for problem in result.problems],
    }
    return jsontext.dumps(_plain(document))
