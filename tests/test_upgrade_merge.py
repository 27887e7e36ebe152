"""The three-way merge of ``spguard upgrade`` on the contracts of the shipped schemas, one
contract feature at a time: identity-bound fields of an adaptable list, items a department
dropped, locked items, unordered scalar lists as sets, ``locked_when``."""

from __future__ import annotations

import copy
from typing import Any

from sp_config_guard.act.merge import merge
from sp_config_guard.model.kinds import default_registry


def _spec(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "name": "Standard", "status": "active", "spec": spec}


def _entry(id_: str, medication: str, frequency: str) -> dict[str, Any]:
    return {"id": id_, "medication": medication, "default_frequency": frequency}


def _preferences() -> dict[str, Any]:
    return _spec(
        "PreferenceList",
        {
            "list_type": "medicin",
            "entries": [
                _entry("1", "180010", "1 gang dagligt"),
                _entry("2", "180011", "efter behov"),
            ],
        },
    )


def test_an_entry_keeps_the_standards_product_and_the_departments_frequency() -> None:
    base = _preferences()
    theirs = copy.deepcopy(base)
    theirs["spec"]["entries"][0]["medication"] = "180012"  # identity-bound: locked
    ours = copy.deepcopy(base)
    ours["spec"]["entries"][0]["medication"] = "180099"  # a look-alike swap
    ours["spec"]["entries"][0]["default_frequency"] = "2 gange dagligt"  # adaptable
    done = merge(base, theirs, ours, default_registry().get("PreferenceList"))
    assert done.conflicts == []
    first = done.data["spec"]["entries"][0]
    assert first == _entry("1", "180012", "2 gange dagligt")


def test_an_entry_the_department_dropped_stays_dropped() -> None:
    base = _preferences()
    theirs = copy.deepcopy(base)
    theirs["spec"]["entries"][1]["default_frequency"] = "3 gange dagligt"
    ours = copy.deepcopy(base)
    del ours["spec"]["entries"][1]  # an adaptable list: the department may drop it
    done = merge(base, theirs, ours, default_registry().get("PreferenceList"))
    assert done.conflicts == []
    assert [e["id"] for e in done.data["spec"]["entries"]] == ["1"]


def _orders(dose: float) -> dict[str, Any]:
    line = {"id": "1001", "medication": "180010", "dose": {"value": dose, "unit": "mg"}}
    group = {"id": "100", "name": "Diuretika", "selection": "vælg flere", "lines": [line]}
    return _spec("OrderSet", {"groups": [group]})


def test_a_locked_line_the_department_dropped_is_the_standards_again_once_it_changed() -> None:
    base, theirs = _orders(40), _orders(80)
    ours = copy.deepcopy(base)
    ours["spec"]["groups"][0]["lines"] = []
    done = merge(base, theirs, ours, default_registry().get("OrderSet"))
    assert done.data["spec"] == theirs["spec"] and done.conflicts == []
    unchanged = merge(base, copy.deepcopy(base), ours, default_registry().get("OrderSet"))
    assert unchanged.data["spec"]["groups"][0]["lines"] == []  # its own violation, not ours


def test_a_locked_field_both_changed_is_the_standards() -> None:
    base, theirs, ours = _orders(40), _orders(80), _orders(60)
    done = merge(base, theirs, ours, default_registry().get("OrderSet"))
    assert done.data["spec"] == theirs["spec"] and done.conflicts == []


def _rule(departments: list[str]) -> dict[str, Any]:
    return _spec(
        "DecisionRule",
        {
            "alert_type": "interaktion",
            "triggers": ["ordination"],
            "criteria": [],
            "text": "Obs",
            "departments": departments,
        },
    )


def test_an_unordered_adaptable_list_merges_as_a_set() -> None:
    base, theirs, ours = _rule(["A", "B"]), _rule(["A", "B", "C"]), _rule(["A", "D"])
    done = merge(base, theirs, ours, default_registry().get("DecisionRule"))
    assert done.data["spec"]["departments"] == ["A", "C", "D"] and done.conflicts == []


def _setting(value: Any, safety: bool) -> dict[str, Any]:
    return _spec(
        "ProfileSetting",
        {
            "setting": "MED_DEFAULT_ORDER_EXPIRY_DAYS",
            "level": "department",
            "value": value,
            "safety_relevant": safety,
        },
    )


def test_a_setting_the_new_standard_calls_safety_relevant_takes_its_value() -> None:
    base, theirs, ours = _setting(7, False), _setting(3, True), _setting(5, False)
    kind = default_registry().get("ProfileSetting")
    done = merge(base, theirs, ours, kind)
    assert done.data["spec"]["value"] == 3  # locked where the standard says so
    adaptable = merge(base, _setting(3, False), ours, kind)
    (conflict,) = adaptable.conflicts
    assert (conflict.reason, conflict.department, conflict.standard) == ("both-changed", 5, 3)
