"""Checked rule sets are read back from the cache only while every file they were read from
has the bytes it had: an edited rule set, or a file it extends, is checked again (and an
invalid one fails as before); and what is read back equals what was checked, field by field.
Rules of a plugin check type are never stored (tests/test_plugins.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sp_config_guard.lint import ruleset
from sp_config_guard.lint.ruleset import RuleSetError, load_rules
from sp_config_guard.load.cache import Cache

LOCAL = """\
ruleset: local
version: "1"
owner: Test
extends: [base.yaml]
overrides:
  MED001: {severity: warning}
"""
BASE = """\
ruleset: base
version: "1"
owner: Test
extends: [medication]
rules:
  - code: LOC001
    name: local-unit
    severity: error
    title: {da: Enhed, en: Unit}
    message: {da: "{artifact}: enhed {value}", en: "{artifact}: unit {value}"}
    rationale: {da: Fast enhed., en: Fixed unit.}
    applies_to: {kinds: [Medication], where: {$.spec.high_alert: true}}
    check: {type: enum, path: $.spec.unit, values: [mg]}
"""


def _stored_rows(store: Cache) -> int:
    assert store.db is not None
    return int(store.db.execute("SELECT COUNT(*) FROM rulesets").fetchone()[0])


def _fields(rules: list[ruleset.Rule]) -> list[dict[str, object]]:
    return [dict(vars(rule)) for rule in rules]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "local.yaml").write_text(LOCAL, encoding="utf-8")
    (root / "base.yaml").write_text(BASE, encoding="utf-8")
    return root


def _unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, checking a rule set file fails the test."""

    def fail(*_: object) -> None:
        raise AssertionError("a rule set was parsed and checked again")

    monkeypatch.setattr(ruleset, "_load_file", fail)


def test_the_shipped_rules_read_back_equal_the_rules_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Cache(tmp_path / "cache")
    checked = load_rules([], None, store)
    assert _stored_rows(store) == 1
    _unread(monkeypatch)
    again = load_rules([], None, store)
    assert _fields(again) == _fields(checked)
    assert [type(v) for r in again for v in vars(r).values()] == [
        type(v) for r in checked for v in vars(r).values()
    ]


def test_an_edited_rule_set_or_a_file_it_extends_is_checked_again(
    repo: Path, tmp_path: Path
) -> None:
    store = Cache(tmp_path / "cache")
    spec = [str(repo / "local.yaml")]
    first = {r.code: r for r in load_rules(spec, repo, store)}
    assert (first["MED001"].severity, first["LOC001"].options["values"]) == ("warning", ["mg"])
    local = repo / "local.yaml"
    local.write_text(LOCAL.replace("severity: warning", "severity: info"), encoding="utf-8")
    assert {r.code: r for r in load_rules(spec, repo, store)}["MED001"].severity == "info"
    base = repo / "base.yaml"
    base.write_text(BASE.replace("values: [mg]", "values: [mg, ml]"), encoding="utf-8")
    changed = {r.code: r for r in load_rules(spec, repo, store)}
    assert changed["LOC001"].options["values"] == ["mg", "ml"]
    # back to the first bytes: read back, equal to what was first checked
    local.write_text(LOCAL, encoding="utf-8")
    base.write_text(BASE, encoding="utf-8")
    assert _fields(load_rules(spec, repo, store)) == _fields(list(first.values()))


def test_a_rule_set_made_invalid_after_it_was_stored_fails_as_before(
    repo: Path, tmp_path: Path
) -> None:
    store = Cache(tmp_path / "cache")
    spec = [str(repo / "local.yaml")]
    load_rules(spec, repo, store)
    (repo / "base.yaml").write_text(BASE.replace("$.spec.unit", "$.spec[unit"), encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"base\.yaml:\d+:\d+"):
        load_rules(spec, repo, store)
    (repo / "base.yaml").unlink()
    with pytest.raises(RuleSetError, match=r"base\.yaml"):
        load_rules(spec, repo, store)
