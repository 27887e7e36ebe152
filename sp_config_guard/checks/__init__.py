"""Check types: one module per type, each with ``NAME``, ``OPTIONS_SCHEMA`` and
``check(ctx, options)``, a generator of :class:`Hit`. ``get(name)`` fails loudly on an
unknown type; third-party types come from the ``sp_config_guard.checks`` entry point group
and are imported only when a rule uses them.

Checks never decide severity, messages, waivers or baselines: the engine does."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any

import jsonpath_rfc9535 as jsonpath

from sp_config_guard.messages import t

if TYPE_CHECKING:
    from sp_config_guard.loader import Document
    from sp_config_guard.repository import Repository

ENTRY_POINT_GROUP = "sp_config_guard.checks"
BUILTIN = (
    "consistent",
    "enum",
    "forbidden",
    "locked",
    "pattern",
    "range",
    "reference",
    "required",
    "schema",
    "unique",
    "unused",
)

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Hit:
    """What a check reports: where, the offending value, and fields for the message."""

    path: Location
    value: Any = None
    fields: Mapping[str, Any] = field(default_factory=dict)


@cache
def compile_path(query: str) -> jsonpath.JSONPathQuery:
    """A compiled RFC 9535 JSONPath query (compiled once per process)."""
    return jsonpath.compile(query)


def find(query: str, data: Any) -> list[tuple[Location, Any]]:
    """(location, value) of every node ``query`` selects in ``data``."""
    return [(tuple(node.location), node.value) for node in compile_path(query).find(data)]


def member(data: Any, dotted: str) -> Any:
    """The value at a plain dotted member path (``dose.value``), or None."""
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def json_key(value: Any) -> str:
    """Canonical JSON text of ``value``: equal exactly for JSON-equal values."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def show(values: list[Any]) -> str:
    """Values for a message: strings as they are, anything else as JSON."""
    return ", ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values)


@dataclass
class CheckContext:
    """What a check sees: the artifact, the whole repository, the run's date."""

    doc: Document
    repo: Repository
    today: date

    @property
    def data(self) -> dict[str, Any]:
        """The artifact's data."""
        return self.doc.data

    def find(self, query: str) -> list[tuple[Location, Any]]:
        """JSONPath matches in this artifact."""
        return find(query, self.doc.data)

    @property
    def standard(self) -> Document | None:
        """The standard this artifact derives from (``derived_from.id``), if any."""
        return self.repo.standard_of(self.doc)


def get(name: str) -> ModuleType:
    """The module implementing check type ``name``."""
    if name in BUILTIN:
        return importlib.import_module(f"sp_config_guard.checks.{name}")
    plugins = _plugins()
    if name in plugins:
        return importlib.import_module(plugins[name])
    known = sorted({*BUILTIN, *plugins})
    raise KeyError(t("ruleset.unknown_check", name=repr(name), known=", ".join(known)))


@cache
def _plugins() -> dict[str, str]:
    """Plugin check types by name -> module path (not imported until used)."""
    return {ep.name: ep.value.split(":")[0] for ep in entry_points(group=ENTRY_POINT_GROUP)}


def run(module: ModuleType, ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Run one check module on one artifact."""
    yield from module.check(ctx, options)
