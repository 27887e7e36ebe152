"""Drift and diff: the planted deviations of the example exactly, a pull request in a real git
repository, the three-way stale case, and the properties a semantic diff must have."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.drift.artifact_diff import ItemRef, diff_artifacts
from sp_config_guard.drift.classify import drift
from sp_config_guard.drift.result import Deviation, DriftResult, Variant, rollups
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render
from tests.conftest import Spguard

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TREE = EXAMPLES / "sp-config"
PLANTED = yaml.safe_load((EXAMPLES / "planted.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def _drift_pairs(root: Path) -> set[tuple[str, str]]:
    found = drift(load_repository(root)[0])
    return {(d.file, d.cls) for d in found.deviations}  # named relative to the root


def test_drift_classifies_exactly_the_planted_deviations() -> None:
    expected = {
        (p["file"], p["drift_class"])
        for p in PLANTED["planted"]
        if p["matter"] in ("drift", "both")
    }
    expected |= {
        (p["file"], p["drift_class"]) for p in PLANTED["legitimate"] if p["drift_class"] != "local"
    }
    got = _drift_pairs(TREE)
    assert got == expected
    clean = {c["file"] for c in PLANTED["clean"]}
    assert not {file for file, _ in got} & clean


def test_drift_classifies_without_the_collector_and_freezes_what_it_keeps() -> None:
    """Issue 19: the variants and deviations live until the report is written and make no
    cycles; full collections walking them again as they grew made drift grow faster than
    linearly. None runs while they are made (with two workers too), and they are frozen."""
    import gc

    repo = load_repository(TREE)[0]
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    frozen = gc.get_freeze_count()
    gc.callbacks.append(seen)
    try:
        found = drift(repo, workers=2)
        assert started == [] and gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(found.deviations) > frozen
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()
    assert found.deviations == drift(repo, workers=1).deviations


def test_drift_cli_and_rollups(spguard: Spguard) -> None:
    run = spguard("drift", TREE, "--format", "json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["version"] == 2
    # format 2: each variant and deviation is one line of the indented document, so a changed
    # deviation is a one-line change in a pull request's diff of two reports
    lines = run.stdout.splitlines()
    for key in ("variants", "deviations"):
        start = lines.index(f'  "{key}": [')
        rows = lines[start + 1 : start + 1 + len(doc[key])]
        assert [json.loads(row.strip().rstrip(",")) for row in rows] == doc[key]
        assert lines[start + 1 + len(doc[key])] in ("  ]", "  ],")
    regions = {tuple(r["key"]) for r in doc["rollups"]["region"]}
    assert regions == {("hovedstaden",), ("sjaelland",)}
    found = drift(load_repository(TREE)[0])
    hospitals = rollups(found, "hospital")
    assert len(hospitals) >= 6
    assert sum(r.counts["violation"] for r in hospitals) == sum(
        1 for d in found.deviations if d.cls == "violation"
    )
    worst = max(hospitals, key=lambda r: r.index)
    assert worst.index > 0 and all(0 <= r.index <= 500 for r in hospitals)
    failing = spguard("drift", TREE, "--fail-on", "violation")
    assert failing.returncode == 1


def test_rollups_kind_totals_and_grand_total_are_on_the_result() -> None:
    """The roll-up maths lives on the drift result: per kind over every hospital and over all
    hospitals, summing variants, governed fields and counts (a region-wide variant, with no
    hospital, counts in neither)."""
    found = DriftResult()
    for n, (hospital, kind, governed) in enumerate(
        [
            ("h1", "Medication", 10),
            ("h2", "Medication", 30),
            ("h1", "OrderSet", 20),
            (None, "OrderSet", 5),
        ]
    ):
        scope = {"level": "department", "region": "r", "department": f"d{n}"}
        scope |= {"hospital": hospital} if hospital else {}
        envelope = {"file": f"f{n}.yaml", "kind": kind, "artifact": f"a{n}", "standard": "s"}
        found.variants.append(
            Variant(**envelope, scope=scope, governed_fields=governed, stale=False)
        )
        for cls in ("violation", "adaptation")[: n % 3 + 1]:
            found.deviations.append(
                Deviation(
                    **envelope,
                    scope=scope,
                    cls=cls,
                    path="spec.x",
                    location=(),
                    contract="",
                    op="changed",
                )
            )
    medication, orderset = found.kind_totals()
    assert (medication.key, medication.variants, medication.governed_fields) == (
        ("Medication",),
        2,
        40,
    )
    assert medication.counts["violation"] == 2 and medication.counts["adaptation"] == 1
    assert medication.index == round(100 * (5 * 2 + 1) / 40, 1)
    assert (orderset.key, orderset.variants, orderset.governed_fields) == (("OrderSet",), 1, 20)
    total = found.grand_total()
    assert (total.level, total.key, total.variants, total.governed_fields) == (
        "hospital",
        (),
        3,
        60,
    )
    assert total.counts["violation"] == 3 and total.counts["waived"] == 0
    assert [r.key for r in found.rollups("region")] == [("r",)]
    assert found.rollups("region")[0].variants == 4


def test_a_variant_and_its_deviations_share_one_envelope() -> None:
    found = drift(load_repository(TREE)[0])
    variants = {v.file: v for v in found.variants}
    fields = ("file", "kind", "artifact", "standard", "scope")
    assert found.deviations
    for dev in found.deviations:
        variant = variants[dev.file]
        assert [getattr(dev, f) for f in fields] == [getattr(variant, f) for f in fields]


# -- a pull request in a real git repository -------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return run.stdout


def _edit(path: Path, change: Any) -> None:
    (data,) = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    change(data)
    kind = default_registry().get(data["kind"])
    path.write_text(render(canonicalise(data, kind)), encoding="utf-8")


def _clean_medication_variant() -> tuple[str, str]:
    """A Medication variant with nothing planted whose standard has other variants too."""
    repo = load_repository(TREE)[0]
    touched = {p["file"] for p in PLANTED["planted"] + PLANTED["legitimate"]}
    for doc in sorted(repo.of_kind("Medication"), key=lambda d: d.display):
        relative = doc.path.resolve().relative_to(TREE).as_posix()
        standard = repo.standard_of(doc)
        if relative not in touched and standard is not None and len(repo.variants_of(standard)) > 1:
            return relative, str(standard.id)
    raise AssertionError("the example has no clean Medication variant of a shared standard")


def _allowed_frequencies() -> list[str]:
    schema = default_registry().get("Medication").schema
    governance = schema["properties"]["spec"]["properties"]["frequency"]["x-governance"]
    return list(governance["within"]["enum"])


def test_pull_request_diff_with_drift_and_a_standard_that_moves_on(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = tmp_path / "sp-config"
    shutil.copytree(TREE, repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=t@example.invalid", "add", "-A")
    _git(
        repo,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-qm",
        "import",
    )
    variant_file, standard_id = _clean_medication_variant()
    variant = repo / variant_file
    (before,) = parse_yaml(variant.read_text(encoding="utf-8"), "x")
    new_frequency = next(f for f in _allowed_frequencies() if f != before["spec"].get("frequency"))

    def department_change(data: dict[str, Any]) -> None:
        data["spec"]["strength"]["value"] = data["spec"]["strength"]["value"] * 2  # locked
        data["spec"]["frequency"] = new_frequency  # adaptable, within the enum

    _edit(variant, department_change)
    _git(
        repo,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-qam",
        "local change",
    )
    run = spguard("diff", "--git", "HEAD~1..HEAD", "--drift", "--format", "json", cwd=repo)
    assert run.returncode == 1, run.stderr
    doc = json.loads(run.stdout)
    (artifact,) = doc["artifacts"]
    assert artifact["file"].endswith(variant_file)
    assert sorted(c["path"] for c in artifact["changes"]) == [
        "$.spec.frequency",
        "$.spec.strength.value",
    ]
    assert sorted(artifact["drift"]) == [
        "new deviation: adaptation at $.spec.frequency",
        "new deviation: violation at $.spec.strength.value",
    ]
    text = spguard("diff", "--git", "HEAD~1..HEAD", cwd=repo).stdout
    assert "strength:" in text and "->" in text and "Medication" in text

    # The standard changes a locked field and bumps its revision: the other variants, still on
    # the old value, are stale - not local violations; the department's own change stays one.
    standard = repo / "central" / "Medication" / f"{standard_id}.yaml"
    old_revision = parse_yaml(standard.read_text(encoding="utf-8"), "x")[0]["revision"]

    def standard_change(data: dict[str, Any]) -> None:
        data["spec"]["strength"]["value"] = data["spec"]["strength"]["value"] + 1
        year, number = old_revision.split(".")
        data["revision"] = f"{year}.{int(number) + 1}"

    _edit(standard, standard_change)
    found = drift(load_repository(repo)[0], base_of=_base_lookup())
    on_strength = {
        (Path(d.file).name, d.cls)
        for d in found.deviations
        if d.standard == standard_id and d.path == "$.spec.strength.value"
    }
    assert (Path(variant_file).name, "violation") in on_strength
    others = {name: cls for name, cls in on_strength if name != Path(variant_file).name}
    assert others and set(others.values()) == {"stale"}


def _base_lookup() -> Any:
    from sp_config_guard.load.gitrev import standard_at_revision

    return standard_at_revision


# -- properties -----------------------------------------------------------------------------

ORDER_SET = default_registry().get("OrderSet")
_ids = st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=6, unique=True)


def _order_set(group_ids: list[int], doses: dict[int, float]) -> dict[str, Any]:
    return {
        "kind": "OrderSet",
        "id": "304100001",
        "name": "Test",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "groups": [
                {
                    "id": str(g),
                    "name": f"Gruppe {g}",
                    "selection": "vælg flere",
                    "lines": [
                        {
                            "id": f"{g}01",
                            "medication": "100001",
                            "dose": {"value": doses.get(g, 1.0), "unit": "mg"},
                        }
                    ],
                }
                for g in group_ids
            ]
        },
    }


@settings(max_examples=60, deadline=None)
@given(_ids)
def test_diff_of_an_artifact_with_itself_is_empty(group_ids: list[int]) -> None:
    data = _order_set(group_ids, {})
    assert diff_artifacts(data, json.loads(json.dumps(data)), ORDER_SET) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True),
    st.randoms(),
)
def test_reordering_an_unordered_list_is_no_difference(reasons: list[str], rnd: Any) -> None:
    kind = default_registry().get("DecisionRule")
    shuffled = list(reasons)
    rnd.shuffle(shuffled)
    a = {"kind": "DecisionRule", "id": "1", "spec": {"override_reasons": reasons}}
    b = {"kind": "DecisionRule", "id": "1", "spec": {"override_reasons": shuffled}}
    assert diff_artifacts(a, b, kind) == []


@settings(max_examples=60, deadline=None)
@given(_ids, st.dictionaries(st.integers(1, 60), st.floats(0.5, 500, allow_nan=False), max_size=6))
def test_diff_lists_exactly_the_changed_leaves(
    group_ids: list[int], new_doses: dict[int, float]
) -> None:
    a = _order_set(group_ids, {})
    b = _order_set(group_ids, new_doses)
    changes = diff_artifacts(a, b, ORDER_SET)
    expected = {
        ("spec", "groups", ItemRef("id", str(g)), "lines", ItemRef("id", f"{g}01"), "dose", "value")
        for g in group_ids
        if new_doses.get(g, 1.0) != 1.0
    }
    assert {c.path for c in changes} == expected
    assert all(c.op == "changed" for c in changes)
    # moving the groups around changes nothing but their order
    moved = _order_set(list(reversed(group_ids)), {})
    reordered = diff_artifacts(a, moved, ORDER_SET)
    assert [c.op for c in reordered] == (["reordered"] if len(group_ids) > 1 else [])


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.floats(-2, 2), st.sampled_from(["", "a"])
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=8,
)
_maps = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), _values, max_size=4)


def _deepdiff_changes(a: dict[str, Any], b: dict[str, Any]) -> set[tuple[Any, ...]]:
    """The changes DeepDiff alone finds between two maps (no lists keyed), as drift maps
    DeepDiff's reports to operations."""
    from deepdiff import DeepDiff

    from sp_config_guard.drift.artifact_diff import _OPS

    tree = DeepDiff(a, b, view="tree", threshold_to_diff_deeper=0, verbose_level=2)
    return {
        (
            _OPS[report],
            tuple(level.path(output_format="list")),
            repr(None if _OPS[report] == "added" else level.t1),
            repr(None if _OPS[report] == "removed" else level.t2),
        )
        for report, levels in tree.items()
        if report in _OPS
        for level in levels
    }


@settings(max_examples=300, deadline=None)
@given(_maps, _maps)
def test_members_added_removed_and_scalars_changed_are_what_deepdiff_reports(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    """The diff reports members added or removed and scalars changed itself (1 to 1.0 and 1 to
    true too), and leaves the rest to DeepDiff: the same changes as DeepDiff over the whole."""
    changes = diff_artifacts(a, b, None)
    found = {(c.op, c.path, repr(c.old), repr(c.new)) for c in changes if c.op != "reordered"}
    assert found == _deepdiff_changes(a, b)
