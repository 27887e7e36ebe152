"""What must hold for every upgrade (hypothesis over generated standards and copies, each
written to a fresh repository folder, the base in the archive of released standards, upgraded
through ``api.upgrade``): a copy without local changes becomes exactly the new standard (with
its own scope); a field the department changed that the standard did not, and a ``local``
field the department set, keep the department's value; and after the upgrade drift calls no
upgraded copy stale and finds no violation the copy did not already have."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sp_config_guard import api
from sp_config_guard.drift.artifact_diff import diff_artifacts, value_at
from sp_config_guard.drift.classify import drift
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render

pytestmark = pytest.mark.usefixtures("cache_in_tmp")
CONFIG = "standard: central\nrulesets: [shared-build]\nlang: en\n"
SCOPE = {"level": "department", "region": "sjaelland", "hospital": "holbaek-sygehus"}
SCOPE = {**SCOPE, "department": "3750011"}


def _line(number: int, dose: int) -> dict[str, Any]:
    return {"id": str(number), "medication": "180010", "dose": {"value": dose, "unit": "mg"}}


@st.composite
def order_sets(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(base, theirs, ours) of an order set: the standard changes doses and lines, the copy
    adds local lines, renames itself, and may change a standard line's dose."""
    ids = draw(st.lists(st.integers(1000, 1020), min_size=1, max_size=5, unique=True))
    doses = st.integers(1, 500)
    lines = [_line(i, draw(doses)) for i in ids]
    base = {
        "kind": "OrderSet",
        "id": "304100200",
        "name": "Hjertesvigt",
        "scope": {"level": "central"},
        "revision": "2026.1",
        "status": "active",
        "spec": {
            "indication": "Hjertesvigt",
            "groups": [
                {"id": "100", "name": "Diuretika", "selection": "vælg flere", "lines": lines},
                {
                    "id": "900",
                    "name": "Lokalt",
                    "local": True,
                    "selection": "vælg flere",
                    "lines": [],
                },
            ],
        },
    }
    theirs = copy.deepcopy(base)
    theirs["revision"] = "2026.2"
    new_lines = theirs["spec"]["groups"][0]["lines"]
    for line in new_lines:
        if draw(st.booleans()):
            line["dose"]["value"] = draw(doses)
    keep = [line for line in new_lines if draw(st.booleans()) or line is new_lines[0]]
    added = draw(st.lists(st.integers(1021, 1030), max_size=2, unique=True))
    theirs["spec"]["groups"][0]["lines"] = keep + [_line(i, draw(doses)) for i in added]
    if draw(st.booleans()):
        theirs["spec"]["indication"] = "Hjertesvigt, ambulant"
    ours = _copy_of(base)
    if draw(st.booleans()):
        ours["name"] = "Hjertesvigt (Holbæk)"
    local = draw(st.lists(st.integers(9000, 9005), max_size=3, unique=True))
    ours["spec"]["groups"][1]["lines"] = [_line(i, draw(doses)) for i in local]
    if draw(st.booleans()):  # a department's own violation of a locked dose
        ours["spec"]["groups"][0]["lines"][0]["dose"]["value"] = 999
    return base, theirs, ours


@st.composite
def visit_types(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(base, theirs, ours) of a visit type: locked, adaptable (bounded) and local fields,
    each changed or not by either side."""
    durations = st.integers(10, 120)
    base = {
        "kind": "VisitType",
        "id": "410010",
        "name": "Kardiologi",
        "scope": {"level": "central"},
        "revision": "2026.1",
        "status": "active",
        "spec": {
            "specialty": "kardiologi",
            "sks_code": "BVAA33A",
            "duration_minutes": draw(durations),
            "contact_type": draw(st.sampled_from(["fysisk", "video", "telefon"])),
        },
    }
    theirs = copy.deepcopy(base)
    theirs["revision"] = "2026.2"
    spec = theirs["spec"]
    if draw(st.booleans()):
        spec["sks_code"] = "BVAA33B"
    if draw(st.booleans()):
        spec["duration_minutes"] = draw(durations)
    if draw(st.booleans()):
        spec["booking_notes"] = "Husk EKG"
    ours = _copy_of(base)
    if draw(st.booleans()):
        ours["spec"]["duration_minutes"] = draw(durations)
    if draw(st.booleans()):
        ours["spec"]["contact_type"] = draw(st.sampled_from(["fysisk", "video", "telefon"]))
    if draw(st.booleans()):
        ours["spec"]["booking_notes"] = "Ring dagen før"
    return base, theirs, ours


def _copy_of(standard: dict[str, Any]) -> dict[str, Any]:
    ours = copy.deepcopy(standard)
    ours.pop("revision")
    ours.update(
        id=f"9{standard['id']}",
        scope=dict(SCOPE),
        derived_from={"id": standard["id"], "revision": standard["revision"]},
        owner="Akutmodtagelsen, Holbæk",
    )
    return ours


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(canonicalise(data, default_registry().get(data["kind"]))), "utf-8")


def _upgraded(base: dict[str, Any], theirs: dict[str, Any], ours: dict[str, Any]) -> Any:
    """(state, the copy after the upgrade, drift before, drift after) in a fresh folder."""
    with tempfile.TemporaryDirectory() as where:
        root = Path(where)
        (root / "spguard.yaml").write_text(CONFIG, encoding="utf-8")
        kind = theirs["kind"]
        _write(root / "central" / kind / f"{theirs['id']}.yaml", theirs)
        _write(root / ".spguard" / "standards" / kind / f"{base['id']}@2026.1.yaml", base)
        variant = root / "sjaelland" / "holbaek-sygehus" / "3750011" / kind / f"{ours['id']}.yaml"
        _write(variant, ours)
        before = drift(load_repository(root)[0], base_of=lambda standard, revision: base)
        (outcome,) = api.upgrade(root, lang="en").variants
        after = drift(load_repository(root, use_cache=False)[0])
        data = parse_yaml(variant.read_text(encoding="utf-8"), "variant")[0]
        return outcome.state, data, before, after


def _compared(data: dict[str, Any]) -> dict[str, Any]:
    """The fields a copy is compared on, as the canonical file holds them."""
    kind = default_registry().get(data["kind"])
    written = parse_yaml(render(canonicalise(data, kind)), "canonical")[0]
    return {k: written[k] for k in kind.compared if k in written}


SIDES = st.one_of(order_sets(), visit_types())
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(SIDES)
def test_a_copy_without_local_changes_becomes_the_new_standard(
    sides: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, theirs, _ = sides
    ours = _copy_of(base)
    state, data, _, after = _upgraded(base, theirs, ours)
    assert state == "upgraded"
    assert _compared(data) == _compared(theirs)
    assert data["scope"] == SCOPE and data["id"] == ours["id"] and data["owner"] == ours["owner"]
    assert data["derived_from"] == {"id": theirs["id"], "revision": "2026.2"}
    assert not after.deviations


@FAST
@given(SIDES)
def test_upgrading_never_changes_what_only_the_department_changed(
    sides: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, theirs, ours = sides
    state, data, _, _ = _upgraded(base, theirs, ours)
    kind = default_registry().get(ours["kind"])
    for change in diff_artifacts(_compared(base), _compared(ours), kind):
        if change.op == "reordered":
            continue
        untouched = value_at(_compared(theirs), change.path) == value_at(
            _compared(base), change.path
        )
        if untouched:
            assert value_at(_compared(data), change.path) == value_at(_compared(ours), change.path)
    for own in ("id", "scope", "owner"):
        assert data[own] == ours[own]
    notes = ours["spec"].get("booking_notes")
    if notes is not None:  # a local field the department set: its value, whatever the standard
        assert data["spec"]["booking_notes"] == notes
    assert state in ("upgraded", "conflicts")


@FAST
@given(SIDES)
def test_after_the_upgrade_drift_finds_nothing_stale_and_no_new_violation(
    sides: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, theirs, ours = sides
    state, _, before, after = _upgraded(base, theirs, ours)
    if state != "upgraded":
        assert {d.cls for d in after.deviations if d.path == "$.derived_from.revision"} == {"stale"}
        return
    assert not [d for d in after.deviations if d.cls == "stale"]
    assert not [v for v in after.variants if v.stale]
    violations_before = {d.path for d in before.deviations if d.cls == "violation"}
    violations_after = {d.path for d in after.deviations if d.cls == "violation"}
    assert violations_after <= violations_before
