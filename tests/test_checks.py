"""The built-in check types, each on small passing and failing artifacts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard.lint import checks
from sp_config_guard.lint.checks import CheckContext, Hit
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from tests.check_examples import Example, examples

TODAY = date(2026, 11, 23)
DEPARTMENT = {"level": "department", "region": "hovedstaden", "hospital": "rigshospitalet"}


def art(kind: str, id_: str, spec: dict[str, Any] | None = None, **envelope: Any) -> Document:
    """A small artifact; ``envelope`` adds or replaces envelope keys."""
    data: dict[str, Any] = {
        "kind": kind,
        "id": id_,
        "name": f"{kind} {id_}",
        "scope": {"level": "central"},
        "status": "active",
        "spec": spec or {},
        **envelope,
    }
    file = f"{kind}/{id_}.yaml"
    return Document(Path(file), file, "", data)


def variant(standard: Document, id_: str, spec: dict[str, Any], **envelope: Any) -> Document:
    """A department variant of ``standard`` (``envelope`` may give it another ``scope``)."""
    parent = {"id": standard.id, "revision": "2026.1"}
    scope = {**DEPARTMENT, "department": "1301011"}
    kind = standard.kind or ""
    return art(kind, id_, spec, **{"scope": scope, "derived_from": parent, **envelope})


def run(
    name: str, doc: Document, options: dict[str, Any], others: tuple[Document, ...] = ()
) -> list[Hit]:
    """Hits of check ``name`` on ``doc`` in a repository of ``doc`` and ``others``."""
    module = checks.get(name)
    Draft202012Validator(module.OPTIONS_SCHEMA).validate(options)
    ctx = CheckContext(doc, Repository([doc, *others]), TODAY)
    return list(module.check(ctx, options))


# -- every module ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", checks.BUILTIN)
def test_module_contract(name: str) -> None:
    module = checks.get(name)
    assert name == module.NAME
    Draft202012Validator.check_schema(module.OPTIONS_SCHEMA)
    assert module.OPTIONS_SCHEMA["additionalProperties"] is False
    assert not Draft202012Validator(module.OPTIONS_SCHEMA).is_valid({"nonsense": 1})


@pytest.mark.parametrize("name", checks.BUILTIN)
def test_docstring_examples_pass_and_fail_as_shown(name: str) -> None:
    """The Passing and Failing examples of the check type's documentation, run through it
    (:mod:`tests.check_examples` reads them): a passing one gives no hit, a failing one one."""
    found = examples(checks.get(name).__doc__ or "")
    assert {example.passing for example in found} == {True, False}
    for example in found:
        options = {key: value for key, value in example.check.items() if key != "type"}
        assert example.check["type"] == name
        doc, others = _example_repository(example)
        hits = run(name, doc, options, others)
        assert bool(hits) is not example.passing, (example, hits)


def _example_repository(example: Example) -> tuple[Document, tuple[Document, ...]]:
    """The artifact of ``example`` and the others it names (ids 9000 and up, by role)."""

    def make(keys: dict[str, Any], kind: str, id_: str, parent: Document | None) -> Document:
        envelope = dict(keys)
        spec = envelope.pop("spec", {})
        envelope.pop("kind", None)
        if parent is None:
            return art(kind, id_, spec, **envelope)
        return variant(parent, id_, spec, **envelope)

    kind = example.keys.get("kind", "Medication")
    standard = None if example.standard is None else make(example.standard, kind, "9000", None)
    doc = make(example.keys, kind, "9001", standard)
    family = [make(keys, kind, f"{9002 + n}", standard) for n, keys in enumerate(example.variants)]
    others = [make(keys, other_kind, id_, None) for other_kind, id_, keys in example.others]
    return doc, tuple([standard] if standard else []) + tuple(family + others)


# -- schema ------------------------------------------------------------------------------------

ESCALATION = {
    "path": "$.spec.escalation",
    "schema": {"required": ["approver", "expires"], "properties": {"expires": {"format": "date"}}},
}


def test_schema_passes_and_fails() -> None:
    good = art("EarlyWarningScore", "1", {"escalation": {"approver": "X", "expires": "2027-06-30"}})
    assert run("schema", good, ESCALATION) == []
    bad = art("EarlyWarningScore", "1", {"escalation": {"expires": "2027-02-30"}})
    hits = run("schema", bad, ESCALATION)
    assert [hit.path for hit in hits] == [
        ("spec", "escalation"),
        ("spec", "escalation", "expires"),
    ]
    assert "approver" in hits[0].fields["reason"]


def test_schema_option_must_be_a_schema() -> None:
    options_schema = checks.get("schema").OPTIONS_SCHEMA
    assert not Draft202012Validator(options_schema).is_valid({"schema": {"type": "nonsense"}})


# -- required ----------------------------------------------------------------------------------

REQUIRED = {"paths": ["$.spec.escalation.approver", "$.spec.escalation.expires"]}


def test_required_passes() -> None:
    doc = art("EarlyWarningScore", "1", {"escalation": {"approver": "X", "expires": "2027-01-01"}})
    assert run("required", doc, REQUIRED) == []


def test_required_missing_is_reported_at_the_parent_and_empty_counts_as_missing() -> None:
    doc = art("EarlyWarningScore", "1", {"escalation": {"approver": ""}})
    hits = run("required", doc, REQUIRED)
    assert [(hit.path, hit.value) for hit in hits] == [
        (("spec", "escalation", "approver"), ""),
        (("spec", "escalation"), None),
    ]
    assert hits[1].fields["missing"] == "$.spec.escalation.expires"
    nothing = art("EarlyWarningScore", "1", {})
    assert [hit.path for hit in run("required", nothing, REQUIRED)] == [("spec",), ("spec",)]


# -- forbidden ---------------------------------------------------------------------------------


def test_forbidden_with_and_without_values() -> None:
    safe = art("Medication", "1", {"tablet_optimisation": False})
    risky = art("Medication", "1", {"tablet_optimisation": True})
    options = {"paths": ["$.spec.tablet_optimisation"], "values": [True]}
    assert run("forbidden", safe, options) == []
    assert [hit.path for hit in run("forbidden", risky, options)] == [
        ("spec", "tablet_optimisation")
    ]
    assert len(run("forbidden", safe, {"paths": ["$.spec.tablet_optimisation"]})) == 1


def test_forbidden_does_not_take_1_for_true() -> None:
    doc = art("Medication", "1", {"count": 1})
    assert run("forbidden", doc, {"paths": ["$.spec.count"], "values": [True]}) == []


# -- pattern -----------------------------------------------------------------------------------

ATC = {"path": "$.spec.atc", "regex": "[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}"}
CPR = {"path": "$.spec.body", "regex": r"\b\d{6}-?\d{4}\b", "mode": "forbid"}


def test_pattern_match_mode() -> None:
    assert run("pattern", art("Medication", "1", {"atc": "N02BE01"}), ATC) == []
    hits = run("pattern", art("Medication", "1", {"atc": "N02BE01x"}), ATC)
    assert [(hit.path, hit.value) for hit in hits] == [(("spec", "atc"), "N02BE01x")]


def test_pattern_forbid_mode_reports_the_match() -> None:
    clean = art("DocumentationTemplate", "1", {"body": "Patienten @NAME@ er indlagt"})
    assert run("pattern", clean, CPR) == []
    leaky = art("DocumentationTemplate", "1", {"body": "Patient 010203-1234 er indlagt"})
    hits = run("pattern", leaky, CPR)
    assert len(hits) == 1 and hits[0].fields["match"] == "010203-1234"


def test_pattern_checks_numbers_as_text_and_skips_other_values() -> None:
    options = {"path": "$.spec.*", "regex": "[0-9]{4}"}
    doc = art("VisitType", "1", {"a": 1234, "b": 12, "c": True, "d": None})
    assert [hit.value for hit in run("pattern", doc, options)] == [12]


# -- enum --------------------------------------------------------------------------------------


def test_enum() -> None:
    options = {"path": "$.spec.double_check", "values": [True]}
    assert run("enum", art("Medication", "1", {"double_check": True}), options) == []
    hits = run("enum", art("Medication", "1", {"double_check": False}), options)
    assert [(hit.path, hit.value, hit.fields["expected"]) for hit in hits] == [
        (("spec", "double_check"), False, "true")
    ]
    numbers = {"path": "$.spec.points", "values": [1, 2]}
    assert run("enum", art("EarlyWarningScore", "1", {"points": 1.0}), numbers) == []


# -- range -------------------------------------------------------------------------------------

DOSE = {"path": "$.spec.default_dose.value", "min_path": "$.spec.min", "max_path": "$.spec.max"}


def test_range_with_bounds_from_paths() -> None:
    ok = art("Medication", "1", {"default_dose": {"value": 500}, "min": 250, "max": 1000})
    assert run("range", ok, DOSE) == []
    high = art("Medication", "1", {"default_dose": {"value": 2000}, "min": 250, "max": 1000})
    hits = run("range", high, DOSE)
    assert [(hit.path, hit.fields["reason"], hit.fields["max"]) for hit in hits] == [
        (("spec", "default_dose", "value"), "above", 1000)
    ]
    unbounded = art("Medication", "1", {"default_dose": {"value": 2000}, "min": 250})
    assert run("range", unbounded, DOSE) == []


def test_range_numbers_and_non_numbers() -> None:
    options = {"path": "$.spec.duration_minutes", "min": 5, "max": 120}
    assert run("range", art("VisitType", "1", {"duration_minutes": 5}), options) == []
    low = run("range", art("VisitType", "1", {"duration_minutes": 4.5}), options)
    assert low[0].fields["reason"] == "below"
    text = run("range", art("VisitType", "1", {"duration_minutes": "30"}), options)
    assert text[0].fields["reason"] == "not a number"


def test_range_dates_and_today() -> None:
    options = {"path": "$.spec.escalation.expires", "min": "today", "max": "2027-12-31"}
    future = art("EarlyWarningScore", "1", {"escalation": {"expires": "2027-06-30"}})
    assert run("range", future, options) == []
    today = art("EarlyWarningScore", "1", {"escalation": {"expires": "2026-11-23"}})
    assert run("range", today, options) == []
    past = art("EarlyWarningScore", "1", {"escalation": {"expires": "2026-11-22"}})
    hits = run("range", past, options)
    assert [(hit.fields["reason"], hit.fields["min"]) for hit in hits] == [("below", "2026-11-23")]
    wrong = art("EarlyWarningScore", "1", {"escalation": {"expires": 2027}})
    assert run("range", wrong, options)[0].fields["reason"] == "not a date"


# -- unique ------------------------------------------------------------------------------------

LINE_IDS = {"path": "$.spec.groups[*].lines[*].id"}


def test_unique_within_artifact_reports_each_repeat_after_the_first() -> None:
    def order_set(*ids: str) -> Document:
        return art("OrderSet", "1", {"groups": [{"id": "g", "lines": [{"id": i} for i in ids]}]})

    assert run("unique", order_set("l1", "l2"), LINE_IDS) == []
    hits = run("unique", order_set("l1", "l2", "l1", "l1"), LINE_IDS)
    assert [hit.path[-2] for hit in hits] == [2, 3]
    assert hits[0].fields["first"] == "$.spec.groups[0].lines[0].id"


def test_unique_within_repository() -> None:
    options = {"path": "$.spec.shak_code", "within": "repository"}
    one = art("Department", "1", {"shak_code": "1301011"})
    two = art("Department", "2", {"shak_code": "1301012"})
    same = art("Department", "3", {"shak_code": "1301011"})
    other_kind = art("VisitType", "4", {"shak_code": "1301012"})
    assert run("unique", two, options, (one, other_kind)) == []
    hits = run("unique", one, options, (two, same))
    assert [(hit.value, hit.fields["other"]) for hit in hits] == [("1301011", "Department/3.yaml")]


def test_unique_repository_index_is_built_once() -> None:
    options = {"path": "$.spec.shak_code", "within": "repository"}
    docs = [art("Department", str(i), {"shak_code": f"13010{i:02d}"}) for i in range(50)]
    repo = Repository(docs)
    module = checks.get("unique")
    hits = [hit for doc in docs for hit in module.check(CheckContext(doc, repo, TODAY), options)]
    assert hits == []
    assert list(module._INDEX[repo]) == [("Department", "$.spec.shak_code")]


# -- reference ---------------------------------------------------------------------------------

PARACETAMOL = art("Medication", "1001", {"dose_range": {"min": 250, "max": 1000, "unit": "mg"}})
REF = {
    "path": "$.spec.groups[*].lines[*]",
    "key": "medication",
    "kinds": ["Medication"],
    "forbid_levels": ["user"],
    "within": {"value": "dose.value", "min": "spec.dose_range.min", "max": "spec.dose_range.max"},
    "equal": {"dose.unit": "spec.dose_range.unit"},
}


def lines(*lines: dict[str, Any]) -> Document:
    return art("OrderSet", "9", {"groups": [{"id": "g1", "lines": list(lines)}]})


def reasons(hits: list[Hit]) -> list[str]:
    return [hit.fields["reason"] for hit in hits]


def test_reference_passes() -> None:
    doc = lines({"id": "l1", "medication": "1001", "dose": {"value": 500, "unit": "mg"}})
    assert run("reference", doc, REF, (PARACETAMOL,)) == []


def test_reference_missing_and_wrong_kind() -> None:
    doc = lines({"id": "l1", "medication": "1002"})
    hits = run("reference", doc, REF, (PARACETAMOL,))
    assert reasons(hits) == ["missing"]
    assert hits[0].path == ("spec", "groups", 0, "lines", 0, "medication")
    assert hits[0].fields["target"] == "1002"
    department = art("Department", "1002")
    assert reasons(run("reference", doc, REF, (department,))) == ["wrong-kind"]


def test_reference_inactive_and_forbidden_level() -> None:
    doc = lines({"id": "l1", "medication": "1001"})
    retired = art("Medication", "1001", status="retired")
    assert reasons(run("reference", doc, REF, (retired,))) == ["inactive"]
    allowing = {**REF, "statuses": ["active", "retired"]}
    assert run("reference", doc, allowing, (retired,)) == []
    personal = art("Medication", "1001", scope={**DEPARTMENT, "level": "user", "user": "u1"})
    hits = run("reference", doc, REF, (personal,))
    assert reasons(hits) == ["forbidden-level"] and hits[0].fields["level"] == "user"


def test_reference_within_and_equal() -> None:
    doc = lines(
        {"id": "l1", "medication": "1001", "dose": {"value": 2000, "unit": "mg"}},
        {"id": "l2", "medication": "1001", "dose": {"value": 0.5, "unit": "g"}},
        {"id": "l3", "medication": "1001", "dose": {"value": 100}},
    )
    hits = run("reference", doc, REF, (PARACETAMOL,))
    assert [(hit.path[-2:], hit.fields["reason"]) for hit in hits] == [
        (("dose", "value"), "out-of-bounds"),
        (("dose", "value"), "out-of-bounds"),
        (("dose", "unit"), "differs"),
        (("dose", "value"), "out-of-bounds"),
    ]
    assert hits[2].fields["expected"] == "mg" and hits[2].value == "g"
    assert hits[0].fields["max"] == 1000 and hits[0].fields["target"] == "1001"


def test_reference_to_ids_directly() -> None:
    options = {"path": "$.spec.departments[*]", "kinds": ["Department"]}
    rule = art("DecisionRule", "7", {"departments": ["d1", "d2"]})
    hits = run("reference", rule, options, (art("Department", "d1"),))
    assert [(hit.path, hit.value) for hit in hits] == [(("spec", "departments", 1), "d2")]


# -- locked ------------------------------------------------------------------------------------

TOKS = art(
    "EarlyWarningScore",
    "500",
    {
        "score_system": "TOKS",
        "parameters": [
            {"id": "pulse", "bands": [{"id": "p0", "min": 51, "max": 90, "points": 0}]},
            {"id": "spo2", "bands": [{"id": "s0", "min": 96, "points": 0}]},
        ],
        "escalation": {"target": "Akutteam"},
    },
    revision="2026.1",
)


def test_locked_identity_lists_ignore_order_and_adaptable_fields() -> None:
    spec = {
        "score_system": "TOKS",
        "parameters": list(reversed(TOKS.data["spec"]["parameters"])),
        "escalation": {"target": "Vagthavende læge"},
    }
    assert run("locked", variant(TOKS, "501", spec), {}, (TOKS,)) == []


def test_an_item_added_to_a_locked_list_is_reported_as_drift_calls_it_a_violation() -> None:
    """A department's own parameter in the locked TOKS list changes the score (issue 15: lint
    and drift agree; drift calls it a violation)."""
    parameters = TOKS.data["spec"]["parameters"]
    extra = {"score_system": "TOKS", "parameters": [*parameters, {"id": "temp", "bands": []}]}
    hits = run("locked", variant(TOKS, "501", extra), {}, (TOKS,))
    assert [(hit.path, hit.fields["reason"]) for hit in hits] == [
        (("spec", "parameters", len(parameters)), "added")
    ]


def test_locked_changed_field_of_a_matched_item() -> None:
    spo2, pulse = TOKS.data["spec"]["parameters"][1], TOKS.data["spec"]["parameters"][0]
    changed = {**pulse, "bands": [{**pulse["bands"][0], "points": 1}]}
    doc = variant(TOKS, "501", {"score_system": "TOKS", "parameters": [spo2, changed]})
    hits = run("locked", doc, {}, (TOKS,))
    assert [(hit.path, hit.value, hit.fields["standard_value"]) for hit in hits] == [
        (("spec", "parameters", 1, "bands", 0, "points"), 1, 0)
    ]
    assert hits[0].fields["reason"] == "changed"


def test_locked_removed_item_and_removed_field() -> None:
    pulse = TOKS.data["spec"]["parameters"][0]
    doc = variant(TOKS, "501", {"parameters": [pulse]})
    hits = run("locked", doc, {}, (TOKS,))
    assert [(hit.path, hit.fields["reason"]) for hit in hits] == [
        (("spec", "parameters"), "removed"),
        (("spec",), "removed"),
    ]
    assert hits[0].fields["standard_value"]["id"] == "spo2"
    assert hits[1].fields["standard_value"] == "TOKS"


def test_locked_standard_missing_and_standards_themselves() -> None:
    orphan = variant(TOKS, "501", {})
    hits = run("locked", orphan, {})
    assert [(hit.path, hit.fields["reason"]) for hit in hits] == [
        (("derived_from", "id"), "standard-missing")
    ]
    assert run("locked", TOKS, {}) == []


def test_locked_unordered_plain_lists_and_explicit_paths() -> None:
    standard = art("Medication", "1", {"allowed_frequencies": ["a", "b"], "frequency": "a"})
    same = variant(standard, "2", {"allowed_frequencies": ["b", "a"], "frequency": "b"})
    assert run("locked", same, {}, (standard,)) == []
    options = {"paths": ["$.spec.frequency"]}
    hits = run("locked", same, options, (standard,))
    assert [(hit.path, hit.value, hit.fields["standard_value"]) for hit in hits] == [
        (("spec", "frequency"), "b", "a")
    ]


def test_locked_sees_a_change_of_type_that_python_equality_misses() -> None:
    """``True == 1`` and ``0 == 0.0`` in Python; a locked field changed from one to the
    other is still a change (a boolean is not a number), deep inside an identical item too."""
    pulse = TOKS.data["spec"]["parameters"][0]
    band = {**pulse["bands"][0], "points": False}  # 0 in the standard
    changed = {**pulse, "bands": [band]}
    spec = {**TOKS.data["spec"], "parameters": [changed, TOKS.data["spec"]["parameters"][1]]}
    hits = run("locked", variant(TOKS, "501", spec), {}, (TOKS,))
    assert [(hit.path, hit.value, hit.fields["standard_value"]) for hit in hits] == [
        (("spec", "parameters", 0, "bands", 0, "points"), False, 0)
    ]
    as_float = {**pulse, "bands": [{**pulse["bands"][0], "points": 0.0}]}
    same = {**TOKS.data["spec"], "parameters": [as_float, TOKS.data["spec"]["parameters"][1]]}
    assert run("locked", variant(TOKS, "501", same), {}, (TOKS,)) == []


# -- consistent --------------------------------------------------------------------------------

TARGET = {"path": "$.spec.escalation.target"}


def family(standard_target: str, *targets: str) -> list[Document]:
    standard = art("EarlyWarningScore", "500", {"escalation": {"target": standard_target}})
    variants = [
        variant(standard, f"50{i}", {"escalation": {"target": target}})
        for i, target in enumerate(targets, 1)
    ]
    return [standard, *variants]


def consistent(doc: Document, docs: list[Document]) -> list[tuple[Any, Any]]:
    """(value, expected) of the hits of ``consistent`` on ``doc`` among ``docs``."""
    hits = run("consistent", doc, TARGET, tuple(other for other in docs if other is not doc))
    return [(hit.value, hit.fields["expected"]) for hit in hits]


def test_consistent_majority() -> None:
    docs = family("Akutteam", "Akutteam", "Akutteam", "Vagthavende læge")
    assert consistent(docs[1], docs) == []
    assert consistent(docs[3], docs) == [("Vagthavende læge", "Akutteam")]
    hit = run("consistent", docs[3], TARGET, tuple(docs[:3]))[0]
    assert hit.fields["count"] == 3 and hit.path == ("spec", "escalation", "target")
    assert consistent(docs[0], family("Akutteam", "B", "B")) == []  # the standard itself


def test_consistent_majority_against_the_standard() -> None:
    docs = family("A", "B", "B", "B", "A")
    assert consistent(docs[4], docs) == [("A", "B")]
    assert consistent(docs[1], docs) == []


def test_consistent_tie_goes_to_the_standard_then_to_json_order() -> None:
    docs = family("B", "A", "B", "A")
    assert consistent(docs[1], docs) == [("A", "B")]
    docs = family("C", "A", "B")
    assert consistent(docs[2], docs) == [("B", "C")]
    standard = art("EarlyWarningScore", "500", {})
    docs = [standard, *(variant(standard, f"50{t}", {"escalation": {"target": t}}) for t in "BA")]
    assert consistent(docs[1], docs) == [("B", "A")]
    assert consistent(docs[2], docs) == []


# -- unused ------------------------------------------------------------------------------------


def test_unused_by_last_used() -> None:
    options = {"days": 180}
    recent = art("OrderSet", "1", usage={"uses_90d": 41, "last_used": "2026-10-30"})
    assert run("unused", recent, options) == []
    stale = art("OrderSet", "1", usage={"uses_90d": 0, "last_used": "2025-12-01"})
    hits = run("unused", stale, options)
    assert [(hit.path, hit.fields["reason"]) for hit in hits] == [
        (("usage", "last_used"), "last-used")
    ]
    assert run("unused", art("OrderSet", "1"), options) == []


def test_unused_by_uses_in_90_days() -> None:
    idle = art("OrderSet", "1", usage={"uses_90d": 0})
    assert [hit.fields["reason"] for hit in run("unused", idle, {"days": 90})] == ["no-uses-90d"]
    assert run("unused", idle, {"days": 365}) == []
    assert run("unused", art("OrderSet", "1", usage={"uses_90d": 3}), {"days": 30}) == []
