"""What ``rules list`` and ``rules explain`` show of a rule: its settings, check, examples and
rule-set file, named the same on every machine."""

from __future__ import annotations

from pathlib import Path

from sp_config_guard.lint.ruleset import Rule
from sp_config_guard.load.loader import shown
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.outcomes import RuleDetails


def source_name(file: str, root: Path) -> tuple[str, bool]:
    """How a listing names a rule set's file, the same on every machine: a shipped one
    relative to the shipped data (``rules/shared-build.yaml``), the repository's own
    relative to its root; and whether it is shipped."""
    shipped = data_dir("rules")
    if Path(file).resolve().is_relative_to(shipped.resolve()):
        return shown(file, shipped.parent), True
    return shown(file, root), False


def rule_details(rule: Rule, lang: str, root: Path) -> RuleDetails:
    """What ``rules list`` and ``rules explain`` show of a rule; its examples live beside its
    rule set (shipped or the repository's own)."""
    cases = Path(rule.file).parent / "cases" / f"{rule.code}.yaml"
    return RuleDetails(
        rule.info(lang),
        rule.enabled,
        rule.file,
        tuple(sorted(rule.kinds)) if rule.kinds is not None else None,
        tuple(sorted(rule.levels)),
        rule.where,
        rule.check_type,
        dump_canonical(dict(rule.options)),
        (cases.name, _text(cases)) if cases.is_file() else None,
        dict(rule.options),
        *source_name(rule.file, root),
    )


def _text(file: Path) -> str:
    """A repository file shown to the user (a rule's test cases), read bounded."""
    return decode(read_bytes(file, file.as_posix(), "yaml"), file.as_posix())
