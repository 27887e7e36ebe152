"""The governance contract covers the envelope too (issue 15 item 1): every envelope field
declares one, ``status`` is locked in a local copy of a standard, and lint (BLD006) and drift
(a violation) agree on a copy switched off through its envelope; a kind's own schema may give
``status`` another contract. A copy the standard moved on from is stale for both (item 3)."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard import api
from sp_config_guard.drift.classify import drift
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.model.kinds import ENVELOPE_KEYS, GOVERNANCE, KindRegistry, default_registry
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.result import json_path
from tests import coverage_matrix
from tests.conftest import MEDICATION_YAML, Spguard
from tests.misuse_cases import git

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
STANDARD = MEDICATION_YAML.replace("status: active", 'revision: "2026.1"\nstatus: active')
DEPARTMENT = """\
  level: department
  region: sjaelland
  hospital: holbaek-sygehus
  department: '3750011'"""
COPY = (
    STANDARD.replace('id: "100101"', 'id: "180101"')
    .replace("  level: central", DEPARTMENT)
    .replace("status: active", 'derived_from: {id: "100101", revision: "2026.1"}\nstatus: STATUS')
)


def _repository(root: Path, status: str) -> Path:
    """A standard and one department copy of it whose status is ``status``."""
    for folder, name, text in [
        ("central", "100101", STANDARD),
        ("sjaelland/holbaek-sygehus/3750011", "180101", COPY.replace("STATUS", status)),
    ]:
        (root / folder / "Medication").mkdir(parents=True)
        (root / folder / "Medication" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (root / "spguard.yaml").write_text("rulesets: [shared-build]\n", encoding="utf-8")
    return root


def test_every_envelope_field_declares_a_contract() -> None:
    envelope = default_registry().envelope["properties"]
    assert set(envelope) == set(ENVELOPE_KEYS)
    undeclared = [k for k, v in envelope.items() if k != "spec" and "x-governance" not in v]
    assert undeclared == []
    assert {envelope[k]["x-governance"] for k in envelope if k != "spec"} <= set(GOVERNANCE)
    assert envelope["status"]["x-governance"] == "locked"


def test_a_copy_switched_off_through_its_envelope_is_an_error_and_a_violation(
    tmp_path: Path, spguard: Spguard
) -> None:
    root = _repository(tmp_path / "repo", "inactive")
    run = spguard("lint", "--no-cache", "--format", "json", ".", cwd=root)
    findings = [(f["code"], f["path"], f["severity"]) for f in json.loads(run.stdout)["findings"]]
    assert ("BLD006", "$.status", "error") in findings, run.stdout
    assert run.returncode == 1
    (deviation,) = drift(load_repository(root, use_cache=False)[0]).deviations
    assert (deviation.path, deviation.cls, deviation.value) == ("$.status", "violation", "inactive")


def test_a_copy_with_its_standards_status_is_neither(tmp_path: Path, spguard: Spguard) -> None:
    root = _repository(tmp_path / "repo", "active")
    run = spguard("lint", "--no-cache", "--format", "json", ".", cwd=root)
    assert [f["code"] for f in json.loads(run.stdout)["findings"]] == [], run.stdout
    assert drift(load_repository(root, use_cache=False)[0]).deviations == []


def test_a_kind_may_give_status_its_own_contract(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(data_dir("schemas"), schemas)
    file = schemas / "kinds" / "Medication.schema.json"
    schema = json.loads(file.read_text(encoding="utf-8"))
    schema["properties"]["status"] = {"x-governance": "adaptable"}
    file.write_text(json.dumps(schema), encoding="utf-8")
    registry = KindRegistry(schemas)
    medication = registry.get("Medication")
    assert medication.root.child("status").governance == ("adaptable", None)  # type: ignore[union-attr]
    assert medication.root.child("status").schema["enum"]  # type: ignore[union-attr]
    repo = load_repository(_repository(tmp_path / "repo", "inactive"), use_cache=False)[0]
    (deviation,) = drift(repo, registry=registry).deviations
    assert (deviation.path, deviation.cls) == ("$.status", "adaptation")
    assert default_registry().get("Medication").compared == ("kind", "name", "status", "spec")


def _findings(spguard: Spguard, root: Path) -> set[tuple[str, str, str]]:
    run = spguard("lint", "--no-cache", "--format", "json", ".", cwd=root)
    return {(f["code"], f["path"], f["severity"]) for f in json.loads(run.stdout)["findings"]}


def _drift(root: Path) -> set[tuple[str, str]]:
    return {
        (d.path, d.cls)
        for d in drift(
            load_repository(root, use_cache=False)[0], base_of=standard_at_revision
        ).deviations
    }


def test_a_copy_the_standard_moved_on_from_is_stale_in_lint_and_drift(
    tmp_path: Path, spguard: Spguard
) -> None:
    """Issue 15 item 3: the standard doubles the strength after the department copied it. The
    copy's old strength is the standard's change, not the department's: a BLD007 warning and
    drift's stale, never a MED006 error; a field the department changed itself stays an error
    and a violation, whichever revision it was copied from."""
    root = _repository(tmp_path / "repo", "active")
    (root / "spguard.yaml").write_text("rulesets: [shared-build, medication]\n", "utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "standard 2026.1 and its copy")
    standard = root / "central" / "Medication" / "100101.yaml"
    moved = STANDARD.replace('revision: "2026.1"', 'revision: "2026.2"').replace(
        "value: 500", "value: 1000"
    )
    standard.write_text(moved, encoding="utf-8")
    git(root, "commit", "-qam", "standard 2026.2: 1000 mg")
    assert {(c, p) for c, p, _ in _findings(spguard, root) if c in ("MED006", "BLD007")} == {
        ("BLD007", "$.derived_from.revision")
    }
    assert _drift(root) == {
        ("$.derived_from.revision", "stale"),
        ("$.spec.strength.value", "stale"),
    }

    copy = next((root / "sjaelland").rglob("180101.yaml"))
    copy.write_text(copy.read_text("utf-8").replace("route: PO", "route: IV"), encoding="utf-8")
    found = {(c, p, s) for c, p, s in _findings(spguard, root) if c in ("MED006", "BLD007")}
    assert found == {
        ("BLD007", "$.derived_from.revision", "warning"),
        ("MED006", "$.spec.route", "error"),
    }
    assert ("$.spec.route", "violation") in _drift(root)
    assert ("$.spec.strength.value", "stale") in _drift(root)


def test_without_the_copys_revision_in_history_every_difference_counts(
    tmp_path: Path, spguard: Spguard
) -> None:
    """No git history to find the standard as it was: nothing is excused as stale (lint's
    error and drift's violation), and the copy is still reported as copied from an older
    revision."""
    root = _repository(tmp_path / "repo", "active")
    (root / "spguard.yaml").write_text("rulesets: [shared-build, medication]\n", "utf-8")
    standard = root / "central" / "Medication" / "100101.yaml"
    moved = STANDARD.replace('revision: "2026.1"', 'revision: "2026.2"').replace(
        "value: 500", "value: 1000"
    )
    standard.write_text(moved, encoding="utf-8")
    found = {(c, p) for c, p, _ in _findings(spguard, root) if c in ("MED006", "BLD007")}
    assert found == {("BLD007", "$.derived_from.revision"), ("MED006", "$.spec.strength.value")}
    assert ("$.spec.strength.value", "violation") in _drift(root)


def test_the_coverage_matrix_is_the_rendering_and_no_locked_field_is_left_to_drift() -> None:
    """docs/coverage.md is what ``python -m tests.coverage_matrix`` writes, and every locked
    field of every kind has a lint rule that sees a change of it."""
    assert coverage_matrix.DOC.read_text(encoding="utf-8") == coverage_matrix.document()
    uncovered = [
        (r.kind, r.field)
        for r in coverage_matrix.rows()
        if r.contract.startswith("locked") and not r.rules
    ]
    assert uncovered == []


LOCKED_TYPES = ("locked", "stale")


@pytest.mark.usefixtures("cache_in_tmp")  # the example is read in place: its cache goes to tmp
def test_lint_and_drift_agree_on_the_example() -> None:
    """Every violation, removed standard item and stale copy drift finds in the example has a
    lint finding in the same file at that place (or its list), error for the first two and a
    warning for a stale copy; and every finding of a locked-type rule is one drift also sees."""
    lint = api.lint(EXAMPLE, today=date(2026, 11, 23))
    report = api.drift(EXAMPLE, today=date(2026, 11, 23))
    _agree(lint.findings, report.deviations)
    _agree_on_splits(lint.findings, report.divergences)
    planted = yaml.safe_load((EXAMPLE.parent / "planted.yaml").read_text(encoding="utf-8"))
    split = sorted(p["file"] for p in planted["planted"] if p.get("divergence") == "region")
    assert len(split) == 4  # UNI1: the copies of Region Sjælland, found by both
    assert [(d.level, d.standard, d.path, sorted(d.files)) for d in report.divergences] == [
        ("region", "950100", "$.spec.value", split)
    ]


def _agree_on_splits(findings: list[Any], divergences: list[Any]) -> None:
    """The uniformity rules report exactly the copies drift's divergence section names, at
    the same level (issue 15 item 4)."""
    rules = {rule.code: rule for rule in load_rules([])}
    linted = sorted(
        (rules[f.code].options["level"], f.file)
        for f in findings
        if f.code in rules and rules[f.code].check_type == "divergent"
    )
    assert linted == sorted((d.level, file) for d in divergences for file in d.files)


def _agree(findings: list[Any], deviations: list[Any]) -> None:
    """Drift's serious classes have a lint finding of the mapped severity at their place, and
    every locked-type finding is one drift sees."""
    rules = {rule.code: rule for rule in load_rules([])}
    found = [(f.file, f.path, f.severity) for f in findings]
    serious = [d for d in deviations if d.cls in ("violation", "removed-standard-item", "stale")]
    for deviation in serious:
        place = json_path(deviation.location)
        want = "warning" if deviation.cls == "stale" else "error"
        near = [s for file, path, s in found if file == deviation.file and _related(path, place)]
        assert want in near, (deviation.file, place, deviation.cls, near)
    stale = {(d.file, json_path(d.location)) for d in deviations if d.cls == "stale"}
    for f in findings:
        if rules[f.code].check_type in LOCKED_TYPES:
            places = [json_path(d.location) for d in serious if d.file == f.file]
            assert any(_related(f.path, p) for p in places), (f.code, f.file, f.path)
            assert f.severity == "warning" or (f.file, f.path) not in stale, (f.code, f.file)


def _related(a: str, b: str) -> bool:
    """Whether one JSONPath is the other or lies inside it (a removed item's list)."""
    return a == b or a.startswith((b + ".", b + "[")) or b.startswith((a + ".", a + "["))


LIST = """\
kind: PreferenceList
id: "520030"
name: Laboratorie - akut pakke
scope:
  level: central
revision: "2026.3"
status: active
spec:
  list_type: laboratorie
  entries:
    - {id: "1", order: NPU02319 B-Hæmoglobin}
    - {id: "2", order: NPU03230 P-Kalium}
"""


def test_a_standard_entry_keeps_what_it_offers_in_an_adaptable_list(
    tmp_path: Path, spguard: Spguard
) -> None:
    """Issue 15 item 2: entries may be added and dropped (adaptable list), but an entry that
    keeps a standard entry's id keeps its order (x-identity-bound): a swap behind the same id
    is a PRF003 error and a drift violation; dropping a standard entry is an adaptation and a
    local entry may order anything."""
    root = tmp_path / "repo"
    (root / "central" / "PreferenceList").mkdir(parents=True)
    (root / "central" / "PreferenceList" / "520030.yaml").write_text(LIST, encoding="utf-8")
    local = root / "hovedstaden" / "hvidovre" / "1330100" / "PreferenceList"
    local.mkdir(parents=True)
    copy = (
        LIST.replace('id: "520030"', 'id: "521045"')
        .replace(
            "  level: central",
            "  level: department\n  region: hovedstaden\n  hospital: hvidovre\n  department: '1330100'",
        )
        .replace(
            "status: active", 'derived_from: {id: "520030", revision: "2026.3"}\nstatus: active'
        )
    )
    (root / "spguard.yaml").write_text("rulesets: [preference-lists]\n", encoding="utf-8")
    variants = {
        "swapped": copy.replace("NPU03230 P-Kalium", "NPU01443 P-Calcium"),
        "dropped and added": copy.replace(
            '    - {id: "2", order: NPU03230 P-Kalium}',
            '    - {id: "9", order: NPU01443 P-Calcium}',
        ),
    }
    for name, text in variants.items():
        (local / "521045.yaml").write_text(text, encoding="utf-8")
        lint = {(c, p) for c, p, _ in _findings(spguard, root) if c == "PRF003"}
        classes = {(p, c) for p, c in _drift(root)}
        if name == "swapped":
            assert lint == {("PRF003", "$.spec.entries[1].order")}, name
            assert ("$.spec.entries[?@.id=='2'].order", "violation") in classes, classes
        else:
            assert lint == set(), name
            assert {c for _, c in classes} == {"adaptation", "local-addition"}, classes


def _copies() -> list[Path]:
    """Every local copy of a standard in the example."""
    return [
        path
        for path in sorted(EXAMPLE.rglob("*.yaml"))
        if "central" not in path.relative_to(EXAMPLE).parts
        and "derived_from:" in path.read_text(encoding="utf-8")
    ]


def _leaves(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*at, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*at, index))]
    return [at]


def _mutated(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value * 2 + 1
    return f"{value}X"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=st.data())
def test_lint_and_drift_agree_on_generated_changes_to_copies(data: st.DataObject) -> None:
    """Property (issue 15 item 3): one field of a copy's status or spec changed at random, in
    a repository of the example's standards and that copy: every violation, removed standard
    item and stale copy drift finds has a lint finding at that place of the severity the
    class maps to, and every finding of a locked-type rule is one drift sees too."""
    source = data.draw(st.sampled_from(_copies()))
    artifact = yaml.safe_load(source.read_text(encoding="utf-8"))
    leaves = [leaf for leaf in _leaves(artifact) if leaf[0] in ("spec", "status")]
    leaf = data.draw(st.sampled_from(leaves))
    holder = artifact
    for step in leaf[:-1]:
        holder = holder[step]
    holder[leaf[-1]] = _mutated(holder[leaf[-1]])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(EXAMPLE / "central", root / "central")
        shutil.copy(EXAMPLE / "spguard.yaml", root / "spguard.yaml")
        name = source.relative_to(EXAMPLE)
        (root / name).parent.mkdir(parents=True)
        (root / name).write_text(yaml.safe_dump(artifact, allow_unicode=True), encoding="utf-8")
        lint = api.lint(root, today=date(2026, 11, 23), use_cache=False)
        report = api.drift(root, today=date(2026, 11, 23))
    _agree(lint.findings, report.deviations)
    _agree_on_splits(lint.findings, report.divergences)
