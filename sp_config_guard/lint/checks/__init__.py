"""Check types: one module per type, each with ``NAME``, ``OPTIONS_SCHEMA`` and
``check(ctx, options)``, a generator of :class:`Hit`; optionally ``problems(options)``, the
(place in the options, message) of what its schema cannot refuse, for the rule-set loader.
``get(name)`` fails loudly on an unknown type; third-party types come from the
``sp_config_guard.checks`` entry point group and are imported only when a rule uses them.

Checks never decide severity, messages, waivers or baselines: the engine does."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sp_config_guard import speedups
from sp_config_guard.messages import t
from sp_config_guard.result import Repair
from sp_config_guard.speedups import jsonpath as fast_jsonpath

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from jsonpath_rfc9535 import JSONPathQuery

    from sp_config_guard.load.loader import Document
    from sp_config_guard.load.repository import Repository

ENTRY_POINT_GROUP = "sp_config_guard.checks"
BUILTIN = (
    "conflict",
    "consistent",
    "cpr",
    "divergent",
    "enum",
    "expiring",
    "forbidden",
    "locked",
    "lookup",
    "pattern",
    "person_name",
    "range",
    "reference",
    "required",
    "schema",
    "stale",
    "token",
    "unique",
    "unused",
)

Location = tuple[str | int, ...]

# The options a check type takes are a JSON Schema; these are the parts most of them share.
PATH: dict[str, Any] = {"type": "string", "pattern": r"^\$"}  # one JSONPath
PATHS: dict[str, Any] = {"type": "array", "minItems": 1, "items": PATH}
VALUES: dict[str, Any] = {"type": "array", "minItems": 1}


def options_schema(required: Iterable[str] = (), **properties: Any) -> dict[str, Any]:
    """The schema of a check type's options: exactly ``properties``, of which ``required``."""
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return {**schema, "properties": properties}


@cache
def data_key() -> str:
    """The data check types ship (``sp_config_guard/lint/data``: name lists), hashed: a lint
    result depends on it as on the rules."""
    h = hashlib.blake2b(digest_size=16)
    for item in sorted((Path(__file__).resolve().parents[1] / "data").iterdir(), key=str):
        if item.is_file():
            h.update(item.name.encode())
            h.update(item.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Hit:
    """What a check reports: where, the offending value, fields for the message and, where
    the repair is certain, the repair (``spguard fix``)."""

    path: Location
    value: Any = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    repair: Repair | None = None


class QueryError(ValueError):
    """A query that is no valid RFC 9535 JSONPath; the message says why (the library's)."""


@cache
def compile_path(query: str) -> JSONPathQuery:
    """A compiled RFC 9535 JSONPath query (compiled once per process; its ``match()`` and
    ``search()`` run on RE2, :mod:`~sp_config_guard.lint.queries`); :class:`QueryError` when
    it is invalid."""
    from jsonpath_rfc9535 import JSONPathError

    from sp_config_guard.lint.queries import JSONPATH

    try:
        return JSONPATH.compile(query)
    except JSONPathError as error:
        raise QueryError(str(error)) from None


def find(query: str, data: Any) -> list[tuple[Location, Any]]:
    """(location, value) of every node ``query`` selects in ``data``."""
    plan = _plan(query) if speedups.enabled() else None
    if plan is None:
        return [(tuple(node.location), node.value) for node in compile_path(query).find(data)]
    return fast_jsonpath.find(plan, data)


def values(query: str, data: Any) -> list[Any]:
    """The values ``query`` selects in ``data``, in :func:`find`'s order, without making their
    locations (for checks that need a location only for the rare value that offends)."""
    plan = _plan(query) if speedups.enabled() else None
    if plan is None:
        return [node.value for node in compile_path(query).find(data)]
    return fast_jsonpath.values(plan, data)


@cache
def _plan(query: str) -> fast_jsonpath.Plan | None:
    """The direct plan of ``query``: read from its text when it has names and wildcards only
    (no library needed), else from the compiled query (None: the library evaluates it)."""
    simple = fast_jsonpath.simple_plan(query)
    return simple if simple is not None else fast_jsonpath.plan(compile_path(query))


def member(data: Any, dotted: str) -> Any:
    """The value at a plain dotted member path (``dose.value``), or None."""
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


# Per repository: (kinds, member) -> the member's value -> the artifacts of those kinds with it.
_BY_MEMBER: WeakKeyDictionary[
    Repository, dict[tuple[tuple[str, ...], str], dict[str, list[Document]]]
]
_BY_MEMBER = WeakKeyDictionary()


def by_member(repo: Repository, kinds: Iterable[str], by: str) -> dict[str, list[Document]]:
    """The artifacts of ``kinds`` by the value of their dotted member ``by`` (text, or a number
    as its text), each list in file order: built once per repository, for the checks that find
    artifacts by something other than their id (``reference`` with ``by``, ``token``)."""
    indexes = _BY_MEMBER.setdefault(repo, {})
    slot = (tuple(kinds), by)
    if slot not in indexes:
        index: dict[str, list[Document]] = {}
        for kind in slot[0]:
            for doc in repo.of_kind(kind):
                value = _text(member(doc.data, by))
                if value is not None:
                    index.setdefault(value, []).append(doc)
        indexes[slot] = {key: sorted(docs, key=_display) for key, docs in index.items()}
    return indexes[slot]


def with_member(repo: Repository, kinds: Sequence[str], by: str, value: str) -> list[Document]:
    """The artifacts of ``kinds`` whose dotted member ``by`` is ``value`` (text, or a number
    as its text), as :func:`by_member` lists them; from the repository's index of values when
    it has one (git mode: only the few holding ``value`` are loaded)."""
    held = repo.holding_value(kinds, value)
    if held is None:
        return list(by_member(repo, kinds, by).get(value, ()))
    return sorted((doc for doc in held if _text(member(doc.data, by)) == value), key=_display)


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _display(doc: Document) -> str:
    return doc.display


def json_key(value: Any) -> str:
    """Canonical JSON text of ``value``: equal exactly for JSON-equal values."""
    return _CANONICAL.encode(_plain(value))


# json.dumps with options builds an encoder on every call (a third of its time on scalars)
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


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
    # JSONPath results of this artifact, shared by the rules that look at it (never mutated)
    found: dict[str, list[tuple[Location, Any]]] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        """The artifact's data."""
        return self.doc.data

    def values(self, query: str) -> list[Any]:
        """The values of :meth:`find`, without locations (from its results when it has run)."""
        if query in self.found:
            return [value for _, value in self.found[query]]
        return values(query, self.doc.data)

    def find(self, query: str) -> list[tuple[Location, Any]]:
        """JSONPath matches in this artifact (each query evaluated once per artifact)."""
        if query not in self.found:
            self.found[query] = find(query, self.doc.data)
        return self.found[query]

    @property
    def standard(self) -> Document | None:
        """The standard this artifact derives from (``derived_from.id``), if any."""
        return self.repo.standard_of(self.doc)


@cache
def get(name: str, root: Path | None = None) -> ModuleType:
    """The module implementing check type ``name``. With ``root``, the repository under
    review: a plugin whose distribution or module lies inside it is refused, never imported
    (rule sets are loaded this way; later look-ups find the module already imported)."""
    if name in BUILTIN:
        return importlib.import_module(f"sp_config_guard.lint.checks.{name}")
    plugins = _plugins()
    if name in plugins:
        module = plugins[name].value.split(":")[0]
        inside = _inside_repository(plugins[name], module, root) if root else None
        if inside:
            raise KeyError(t("ruleset.plugin_in_repository", name=repr(name), where=inside))
        return importlib.import_module(module)
    known = sorted({*BUILTIN, *plugins})
    raise KeyError(t("ruleset.unknown_check", name=repr(name), known=", ".join(known)))


@cache
def _plugins() -> dict[str, EntryPoint]:
    """Plugin check types by name (their modules not imported until used). Asked only for a
    check type that is not built in: importing ``importlib.metadata`` costs 10-20 ms."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _inside_repository(ep: EntryPoint, module: str, root: Path) -> str | None:
    """Where in ``root`` the plugin's top-level module or its distribution lies, if it does
    (found without running any of it). The Python environment's own site-packages count as
    installed even there (a ``.venv`` in the checkout is the reviewer's, not the branch's)."""
    import site
    import sysconfig

    root = root.resolve()
    site_dirs = {
        Path(p).resolve() for p in (*site.getsitepackages(), sysconfig.get_path("purelib"))
    }
    venv = [folder for folder in site_dirs if folder != root and folder.is_relative_to(root)]
    try:
        spec = importlib.util.find_spec(module.split(".")[0])
    except (ImportError, ValueError):
        spec = None
    places: list[str] = []
    if spec is not None:
        places += [spec.origin] if spec.has_location and spec.origin else []
        places += spec.submodule_search_locations or []
    if ep.dist is not None:  # its metadata folder (``_path``: no public name for it)
        places.append(str(getattr(ep.dist, "_path", None) or ep.dist.locate_file("")))
    for place in places:
        path = Path(place).resolve()
        if path.is_relative_to(root) and not any(path.is_relative_to(f) for f in venv):
            return path.relative_to(root).as_posix()
    return None
