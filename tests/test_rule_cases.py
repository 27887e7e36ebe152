"""Rule tests as data: every shipped rule has ``rules/cases/<CODE>.yaml`` with artifacts that
must pass and artifacts that must fail at exactly the listed JSON paths.

A case file::

    rule: MED001
    context: [ ...artifacts the repository also holds (standards, referenced records)... ]
    pass: [ ...artifacts with no finding of this rule... ]
    fail:
      - artifact: {...}
        paths: ["$.spec.double_check"]

Artifacts may leave out ``name`` (defaults to the id), ``status`` (active) and ``scope``
(central)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.lint.engine import lint_documents
from sp_config_guard.lint.ruleset import Rule, load_rules
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.yamlio import dump_canonical, parse_yaml
from sp_config_guard.model.shipped import data_dir

TODAY = date(2026, 11, 23)
RULES = {rule.code: rule for rule in load_rules([])}
CASES = sorted((data_dir("rules") / "cases").glob("*.yaml"))


def _doc(data: dict[str, Any]) -> Document:
    data = {"name": data.get("id"), "status": "active", "scope": {"level": "central"}, **data}
    display = f"case/{data['kind']}/{data['id']}.yaml"
    return Document(Path(display), display, dump_canonical(data), data)


def _paths(rule: Rule, subject: Document, context: list[Document]) -> list[str]:
    repo = Repository([subject, *context])
    return sorted(f.path for f in lint_documents([subject], repo, [rule], "en", TODAY))


def _load(file: Path) -> dict[str, Any]:
    (case,) = parse_yaml(file.read_text(encoding="utf-8"), file.as_posix())
    return case


def test_every_rule_has_a_case_file_with_passing_and_failing_artifacts() -> None:
    covered = {file.stem for file in CASES}
    assert sorted(set(RULES) - covered) == []
    for file in CASES:
        case = _load(file)
        assert case["rule"] == file.stem
        assert case.get("pass") and case.get("fail"), file.name


@pytest.mark.parametrize("file", CASES, ids=lambda f: f.stem)
def test_rule_case(file: Path) -> None:
    case = _load(file)
    rule = RULES[case["rule"]]
    context = [_doc(item) for item in case.get("context", [])]
    for item in case["pass"]:
        assert _paths(rule, _doc(item), context) == [], f"{file.name}: pass {item.get('id')}"
    for failing in case["fail"]:
        expected = sorted(failing["paths"])
        got = _paths(rule, _doc(failing["artifact"]), context)
        assert got == expected, f"{file.name}: fail {failing['artifact'].get('id')}"
