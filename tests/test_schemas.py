"""The shipped schemas: valid Draft 2020-12, one per kind, every field with its governance
contract and every list with its order and identity (docs/canonical-format.md section 4)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard.model.kinds import GOVERNANCE, default_registry
from sp_config_guard.model.shipped import data_dir

KINDS_OF_THE_SPEC = {
    "Department",
    "ProfileSetting",
    "Medication",
    "OrderSet",
    "PreferenceList",
    "DocumentationTemplate",
    "EarlyWarningScore",
    "DecisionRule",
    "Navigator",
    "VisitType",
    "PrintGroup",
}
REGISTRY = default_registry()


def test_every_kind_of_the_spec_has_a_schema() -> None:
    assert {kind.name for kind in REGISTRY} >= KINDS_OF_THE_SPEC


@pytest.mark.parametrize("file", sorted(data_dir("schemas").rglob("*.schema.json")), ids=str)
def test_schema_is_valid_draft_2020_12_with_an_id(file) -> None:
    schema = json.loads(file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("https://sp-config-guard.dk/schemas/v1/")
    assert schema["$id"].endswith(file.name)


@pytest.mark.parametrize("kind", list(REGISTRY), ids=lambda k: k.name)
def test_every_field_has_a_contract_and_every_list_its_order(kind) -> None:
    spec = kind.root.child("spec")
    assert spec is not None
    for name in spec.property_order():
        node = spec.child(name)
        assert node is not None and node.governance is not None, f"{kind.name}: spec.{name}"
    for path, node in kind.walk():
        declared = node.governance
        if declared is not None:
            assert declared[0] in GOVERNANCE, f"{kind.name}: {path}: {declared}"
        schema = node.resolved().schema
        if schema.get("type") == "array":
            assert "x-ordered" in schema, f"{kind.name}: {path} lacks x-ordered"
            items = node.child(0)
            if items is not None and items.resolved().schema.get("type") == "object":
                identity = node.identity
                assert identity, f"{kind.name}: {path} lacks x-identity"
                assert identity in items.property_order(), f"{kind.name}: {path}"


@pytest.mark.parametrize("kind", list(REGISTRY), ids=lambda k: k.name)
def test_kind_schema_pins_its_kind_and_uses_the_envelope(kind) -> None:
    assert kind.schema["properties"]["kind"] == {"const": kind.name}
    assert {"$ref": "../envelope.schema.json"} in kind.schema["allOf"]
    errors = list(kind.validator.iter_errors({"kind": kind.name}))
    assert any("'id' is a required property" in e.message for e in errors)
