"""The kinds registry: one JSON Schema per kind, read from the shipped ``schemas/`` folder,
with the structure walker that finds list identity, order and governance for any field."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard.model.shipped import data_dir, prechecked

if TYPE_CHECKING:  # jsonschema is imported for the data its compiled pre-check rejects
    import jsonschema_rs
    from jsonschema import Draft202012Validator, ValidationError
    from referencing import Registry

ENVELOPE_KEYS = (
    "kind",
    "id",
    "name",
    "scope",
    "revision",
    "derived_from",
    "status",
    "owner",
    "spec",
    "usage",
    "meta",
)
SCOPE_KEYS = ("level", "region", "hospital", "department", "user")
GOVERNANCE = ("locked", "adaptable", "local")
_GOVERNED = ("locked", "adaptable")
_ITEMS = object()  # Node.child's memo slot for list items


@dataclass(frozen=True)
class Node:
    """A schema node together with the schema document its ``$ref``s resolve in."""

    schema: Mapping[str, Any]
    root: Mapping[str, Any] = field(repr=False)
    _children: dict[object, Node | None] = field(default_factory=dict, repr=False, compare=False)

    def resolved(self) -> Node:
        """Follow local ``$ref``s (``#/$defs/...``) to the node they name."""
        schema = self.schema
        for _ in range(32):
            ref = schema.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#/"):
                break
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            # Keywords beside a $ref (x-governance, description...) stay with the node.
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return self if schema is self.schema else Node(schema, self.root)

    def child(self, key: str | int) -> Node | None:
        """The schema of ``key`` inside an object (or of an item, for an int key)."""
        # remembered by exact key type: every int names the items, while 1.0 or True as a
        # mapping key is not the string "1" (and hashes like 1)
        slot = _ITEMS if isinstance(key, int) else key if type(key) is str else None
        if slot is None:
            return self._child(key)
        if slot not in self._children:
            self._children[slot] = self._child(key)
        return self._children[slot]

    def _child(self, key: str | int) -> Node | None:
        node = self.resolved().schema
        if isinstance(key, int):
            items = node.get("items")
            return Node(items, self.root).resolved() if isinstance(items, dict) else None
        props = node.get("properties", {})
        if key in props:
            return Node(props[key], self.root).resolved()
        extra = node.get("additionalProperties")
        return Node(extra, self.root).resolved() if isinstance(extra, dict) else None

    def property_order(self) -> list[str]:
        """Property names in the order the schema lists them."""
        return list(self.resolved().schema.get("properties", {}))

    @property
    def identity(self) -> str | None:
        """``x-identity`` of a list: the key that identifies its items."""
        value = self.schema.get("x-identity")
        return value if isinstance(value, str) else None

    @property
    def identity_bound(self) -> frozenset[str]:
        """``x-identity-bound`` of a list: the fields of an item that are locked while the item
        is the standard's (matched by identity), whatever the list's own contract (the product
        behind a standard preference-list entry)."""
        value = self.schema.get("x-identity-bound")
        return (
            frozenset(v for v in value if isinstance(v, str))
            if isinstance(value, list)
            else frozenset()
        )

    @property
    def ordered(self) -> bool:
        """``x-ordered`` of a list; lists default to ordered (nothing is reordered unasked)."""
        return bool(self.schema.get("x-ordered", True))

    @property
    def types(self) -> tuple[str, ...]:
        """The JSON types the node allows, as declared (``type``, or the types of enum/const)."""
        declared = self.schema.get("type")
        if isinstance(declared, str):
            return (declared,)
        if isinstance(declared, list):
            return tuple(declared)
        values = self.schema.get("enum") or (
            [self.schema["const"]] if "const" in self.schema else []
        )
        names = {_json_type(v) for v in values}
        return tuple(sorted(names))

    def item_contract(self, item: Any) -> str | None:
        """The contract ``x-item-governance`` gives one item of this list, if its ``when``
        matches the item (e.g. the designated local group of an order set)."""
        rule = self.schema.get("x-item-governance")
        if not isinstance(rule, dict) or not isinstance(item, dict):
            return None
        when = rule.get("when", {})
        matches = all(item.get(key) == value for key, value in when.items())
        return str(rule["contract"]) if matches else None

    def contract_in(self, parent: Any) -> str | None:
        """The contract declared on this node for its value in ``parent`` (the object that
        holds it, in the standard): ``locked`` where the declaration's ``locked_when`` matches
        the parent's fields (a setting's value where the setting is safety-relevant)."""
        value = self.schema.get("x-governance")
        when = value.get("locked_when") if isinstance(value, dict) else None
        if (
            when
            and isinstance(parent, Mapping)
            and all(parent.get(k) == v for k, v in when.items())
        ):
            return "locked"
        return self.governance_contract

    @property
    def governance_contract(self) -> str | None:
        """The contract declared on this node, if any."""
        return self.governance[0] if self.governance else None

    @property
    def governance(self) -> tuple[str, Mapping[str, Any] | None] | None:
        """``(contract, bounds)`` declared on this node, if any."""
        value = self.schema.get("x-governance")
        if isinstance(value, str):
            return (value, None)
        if isinstance(value, dict):
            return (str(value.get("contract")), value.get("within"))
        return None


def _inline(schema: Any, root: Mapping[str, Any]) -> Any:
    """``schema`` with its local ``$ref``s replaced by their targets (for acyclic schemas);
    keywords beside a ``$ref`` (``x-words``, ``x-governance``) stay with the node, as in
    :meth:`Node.resolved`."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part]
            beside = {key: _inline(value, root) for key, value in schema.items() if key != "$ref"}
            return {**_inline(target, root), **beside}
        return {key: _inline(value, root) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inline(value, root) for value in schema]
    return schema


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


@dataclass
class Kind:
    """One kind: its schema, the compiled validator and the structure walker."""

    name: str
    schema: dict[str, Any]
    file: Path
    schemas: Schemas = field(repr=False)

    @cached_property
    def validator(self) -> Draft202012Validator:
        """The Draft 2020-12 validator, built once per kind."""
        from jsonschema import Draft202012Validator, FormatChecker

        return Draft202012Validator(
            self.schema, registry=self.schemas.registry, format_checker=FormatChecker()
        )

    @cached_property
    def fast_validator(self) -> jsonschema_rs.Draft202012Validator | None:
        """The same schema compiled by jsonschema-rs (with the envelope and the other kinds for
        ``$ref``, ``date`` formats checked), or None when it cannot be compiled (imported
        here: 30-40 ms a start, for a run that validates an artifact)."""
        import jsonschema_rs

        try:
            return jsonschema_rs.Draft202012Validator(
                self.schema,
                registry=jsonschema_rs.Registry(list(self.schemas.by_id.items())),
                validate_formats=True,
            )
        except (ValueError, TypeError, jsonschema_rs.ReferencingError):
            return None

    def schema_errors(self, data: Any) -> Iterator[ValidationError]:
        """The schema errors of ``data``, exactly as ``jsonschema`` reports them. A compiled
        pre-check answers the common case (valid) fast; only data it rejects, or cannot take
        (values that are not JSON), goes through ``jsonschema`` for the findings. It may
        reject what ``jsonschema`` accepts (then ``jsonschema`` decides); it must never accept
        what ``jsonschema`` rejects, which tests/test_validate_speed.py checks."""
        if prechecked(lambda: self.fast_validator, data):
            return iter(())
        return self.validator.iter_errors(data)

    @cached_property
    def root(self) -> Node:
        """The artifact's structural root: envelope properties, each with what the kind's own
        schema says of it on top (a kind's ``x-governance`` for ``status`` wins)."""
        envelope = self.schemas.by_id[_ENVELOPE_ID]
        props = _inline(envelope["properties"], envelope)
        for key, own in self.schema.get("properties", {}).items():
            props[key] = {**props.get(key, {}), **own}
        return Node({"properties": props}, self.schema)

    @cached_property
    def compared(self) -> tuple[str, ...]:
        """The top-level fields a local copy is compared with its standard on: ``spec`` and
        every envelope field whose contract is ``locked`` or ``adaptable``."""
        root, keys = self.root, []
        for key in root.property_order():
            node = root.child(key)
            if key == "spec" or (node is not None and node.governance_contract in _GOVERNED):
                keys.append(key)
        return tuple(keys)

    def walk(self) -> Iterator[tuple[str, Node]]:
        """Every structural node under ``spec`` with a dotted path (``[]`` for list items)."""
        spec = self.root.child("spec")
        stack: list[tuple[str, Node]] = [("spec", spec)] if spec else []
        while stack:
            path, node = stack.pop()
            yield path, node
            for key in reversed(node.property_order()):
                sub = node.child(key)
                if sub is not None:
                    stack.append((f"{path}.{key}", sub))
            items = node.child(0) if node.resolved().schema.get("type") == "array" else None
            if items is not None:
                stack.append((f"{path}[]", items))


_BASE = "https://sp-config-guard.dk/schemas/v1/"
_ENVELOPE_ID = _BASE + "envelope.schema.json"


class Schemas:
    """The envelope and every kind's schema by ``$id``: what a ``$ref`` resolves in. The
    ``referencing`` registry that ``jsonschema`` needs is built only for data the compiled
    pre-check rejects (importing it costs about 30 ms a run)."""

    def __init__(self, by_id: dict[str, dict[str, Any]]) -> None:
        self.by_id = by_id

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        resources = [(uri, DRAFT202012.create_resource(s)) for uri, s in self.by_id.items()]
        return Registry().with_resources(resources)


class KindRegistry:
    """All kinds found in a schemas folder, by name; ``get`` fails loudly on an unknown kind."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        envelope = json.loads((folder / "envelope.schema.json").read_text(encoding="utf-8"))
        by_id = {_ENVELOPE_ID: envelope}
        self.kinds: dict[str, Kind] = {}
        kind_files = sorted((folder / "kinds").glob("*.schema.json"))
        schemas = []
        for file in kind_files:
            schema = json.loads(file.read_text(encoding="utf-8"))
            schemas.append((file, schema))
            by_id[schema["$id"]] = schema
        shared = Schemas(by_id)
        for file, schema in schemas:
            name = schema["x-kind"]
            self.kinds[name] = Kind(name, schema, file, shared)
        self.envelope = envelope

    def get(self, name: str) -> Kind:
        """The kind called ``name``; raises ``KeyError`` with the known names."""
        try:
            return self.kinds[name]
        except KeyError:
            raise KeyError(
                f"unknown kind {name!r}; known kinds: {', '.join(sorted(self.kinds))}"
            ) from None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.kinds  # never a list (unhashable)

    def __iter__(self) -> Iterator[Kind]:
        return iter(self.kinds[name] for name in sorted(self.kinds))


@cache
def default_registry() -> KindRegistry:
    """The registry of the shipped schemas (built once per process)."""
    return KindRegistry(data_dir("schemas"))
