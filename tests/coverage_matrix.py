"""The coverage matrix (issue 15): for every kind and every field that declares a governance
contract (the envelope's and those under ``spec``), the drift class a change of it gets in a
local copy and the shipped lint rules that catch it. ``tests/test_governance.py`` asserts that
``docs/coverage.md`` is this rendering and that no locked field is left to drift alone.

Regenerate the document after changing a schema or a rule set: ``python -m tests.coverage_matrix``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sp_config_guard.lint.ruleset import Rule, load_rules
from sp_config_guard.model.kinds import Kind, Node, default_registry

DOC = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"
# check types that report a changed value of the fields their path names (the others, such as
# required or unique, look at something else than a copy's change)
VALUE_CHECKS = {"enum", "range", "pattern", "schema", "forbidden", "reference", "consistent"}


@dataclass(frozen=True)
class Row:
    """One governed field of a kind."""

    kind: str
    field: str  # dotted, ``[]`` for list items
    contract: str
    bounded: bool  # adaptable with ``within`` bounds
    drift: str
    rules: tuple[str, ...]


_HELD = "locked while the item is the standard's (x-identity-bound)"


def _drift_class(contract: str, bounded: bool) -> str:
    if contract == "locked":
        return "violation"
    if contract == "adaptable":
        return "adaptation, out-of-bounds" if bounded else "adaptation"
    return "not reported (local)"


def _fields(kind: Kind) -> list[tuple[str, Node]]:
    """Every envelope field, and every node under ``spec`` that declares a contract."""
    root = kind.root
    envelope = [
        (key, node)
        for key in root.property_order()
        if key != "spec"
        for node in [root.child(key)]
        if node
    ]
    spec = [(path, node) for path, node in kind.walk() if path != "spec" and node.governance]
    return envelope + spec


def _field_of(query: str) -> str:
    """The dotted field a JSONPath names (``$.spec.groups[*].lines[*].dose`` ->
    ``spec.groups[].lines[].dose``; filters and indexes are items)."""
    path = re.sub(r"\[(?:\*|\d+|\?[^\]]*)\]", "[]", query.removeprefix("$").lstrip("."))
    return re.sub(r"\.\*$", "", path)


def _covers(rule: Rule, kind: str, field: str, contract: str) -> bool:
    if rule.kinds is not None and kind not in rule.kinds:
        return False
    options = rule.options
    if rule.check_type == "locked":
        if "paths" in options:
            return any(_within(_field_of(q), field) for q in options["paths"])
        envelope = options.get("part") == "envelope"
        return contract == "locked" and envelope != field.startswith("spec")
    if rule.check_type in VALUE_CHECKS:
        paths = [options[key] for key in ("path",) if isinstance(options.get(key), str)]
        return any(_within(_field_of(q), field) or _within(field, _field_of(q)) for q in paths)
    return False


def _within(inner: str, outer: str) -> bool:
    """Whether field ``inner`` is ``outer`` or lies inside it."""
    return inner == outer or inner.startswith((outer + ".", outer + "[]"))


def rows() -> list[Row]:
    """The matrix, kind by kind, fields in schema order."""
    rules = load_rules([])
    out = []
    for kind in default_registry():
        for field, node in _fields(kind):
            contract, bounds = node.governance or ("local", None)
            covering = tuple(
                r.code
                for r in rules
                if contract != "local" and _covers(r, kind.name, field, contract)
            )
            drift = _drift_class(contract, bool(bounds))
            declared = node.schema.get("x-governance")
            when = declared.get("locked_when") if isinstance(declared, dict) else None
            if when:  # locked where the standard's fields say so
                shown = ", ".join(f"{key}: {str(value).lower()}" for key, value in when.items())
                contract = f"{contract}, locked where {shown}"
                drift = f"{drift}; violation where locked"
            out.append(Row(kind.name, field, contract, bool(bounds), drift, covering))
            for held in sorted(node.identity_bound):  # locked while the item is the standard's
                item_field = f"{field}[].{held}"
                held_by = tuple(
                    r.code for r in rules if _covers(r, kind.name, item_field, "locked")
                )
                out.append(Row(kind.name, item_field, _HELD, False, "violation", held_by))
    return out


def document() -> str:
    """``docs/coverage.md``."""
    lines = [
        "# Coverage: which drift class and which lint rule catch a change",
        "",
        "Generated from the kinds' schemas (`schemas/`) and the shipped rule sets (`rules/`) by",
        "`python -m tests.coverage_matrix`; a test keeps it equal to that rendering and fails when a",
        "locked field has no lint rule. One row per field that declares a governance contract",
        "(`x-governance`), the envelope's included; a field without one inherits its parent's. The",
        "drift class is what `spguard drift` calls a change of the field in a local copy (a copy the",
        "standard has moved on from is `stale` instead, where it kept the standard's old value); the",
        "rules are those whose check looks at the field (`locked` rules compare it with the",
        "standard; the others check its value; a rule with a `where` filter covers the field only",
        "where its filter holds, e.g. BPA002 safety alerts and BPA006 advisory ones). See",
        "[governance.md](governance.md) for the model.",
        "",
    ]
    current = None
    for row in rows():
        if row.kind != current:
            current = row.kind
            lines += [
                "",
                f"## {row.kind}",
                "",
                "| field | contract | drift class | lint rules |",
                "| --- | --- | --- | --- |",
            ]
        contract = f"{row.contract} (bounded)" if row.bounded else row.contract
        rules = ", ".join(row.rules) if row.rules else "-"
        lines.append(f"| `{row.field}` | {contract} | {row.drift} | {rules} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


if __name__ == "__main__":
    DOC.write_text(document(), encoding="utf-8")
