"""JSONPath queries of names and wildcards only (``$.spec.items[*].code``, ``$..code``), the
common case of the rule sets, evaluated directly on the data in the library's order without
building its node objects. A query in the plainest spelling (``.name``, ``.*``, ``[*]``,
``..name``, ``..*``, ``..[*]`` with ASCII names) is planned from its text, which needs no
library; any other is compiled (and checked) by ``jsonpath-rfc9535`` first, and any other
selector (an index, a slice, a filter) leaves the query to the library."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonpath_rfc9535 import JSONPathQuery

Location = tuple[str | int, ...]
# (descendant segment?, names; None = wildcard) per segment
Plan = list[tuple[bool, tuple[str | None, ...]]]

_SEGMENT = r"(\.\.?)(?:([A-Za-z_][A-Za-z0-9_]*)|\*)|(\.\.)?\[\*\]"
_SIMPLE, _SEGMENTS = re.compile(rf"\$(?:{_SEGMENT})*"), re.compile(_SEGMENT)


def simple_plan(query: str) -> Plan | None:
    """The plan of ``query`` read from its text, when it is written in the plainest spelling
    (each such query is valid RFC 9535); None for any other (compile it, then :func:`plan`)."""
    if not _SIMPLE.fullmatch(query):
        return None
    return [
        (dots == ".." or bracket == "..", (name or None,))
        for dots, name, bracket in _SEGMENTS.findall(query, 1)
    ]


def plan(query: JSONPathQuery) -> Plan | None:
    """The plan of a compiled query, or None when it has other selectors than names and
    wildcards."""
    import jsonpath_rfc9535 as jsonpath

    out: Plan = []
    for segment in query.segments:
        names: list[str | None] = []
        for selector in segment.selectors:
            if isinstance(selector, jsonpath.selectors.NameSelector):
                names.append(selector.name)
            elif isinstance(selector, jsonpath.selectors.WildcardSelector):
                names.append(None)
            else:
                return None
        descend = isinstance(segment, jsonpath.segments.JSONPathRecursiveDescentSegment)
        out.append((descend, tuple(names)))
    return out


def find(steps: Plan, data: Any) -> list[tuple[Location, Any]]:
    """(location, value) of every node the plan selects, as the library's ``find`` gives."""
    nodes: list[tuple[Location, Any]] = [((), data)]
    for descend, names in steps:
        if descend:
            nodes = [found for node in nodes for found in _descendants(*node)]
        nodes = [found for node in nodes for found in _select(names, *node)]
    return nodes


def values(steps: Plan, data: Any) -> list[Any]:
    """The values :func:`find` gives, without making their locations."""
    nodes = [data]
    for descend, names in steps:
        if descend:
            nodes = [found for node in nodes for found in _descendant_values(node)]
        nodes = [found for node in nodes for found in _select_values(names, node)]
    return nodes


def _select(names: tuple[str | None, ...], loc: Location, value: Any) -> list[tuple[Location, Any]]:
    out: list[tuple[Location, Any]] = []
    for name in names:
        if name is not None:
            if isinstance(value, dict) and name in value:
                out.append(((*loc, name), value[name]))
        elif isinstance(value, dict):
            out += [((*loc, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            out += [((*loc, index), item) for index, item in enumerate(value)]
    return out


def _descendants(loc: Location, value: Any) -> Iterator[tuple[Location, Any]]:
    """``value`` and every container inside it, depth first, parents first."""
    yield loc, value
    if isinstance(value, dict):
        items: Iterable[tuple[str | int, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if isinstance(item, dict | list):
            yield from _descendants((*loc, key), item)


def _select_values(names: tuple[str | None, ...], value: Any) -> list[Any]:
    out: list[Any] = []
    for name in names:
        if name is not None:
            if isinstance(value, dict) and name in value:
                out.append(value[name])
        elif isinstance(value, dict):
            out += value.values()
        elif isinstance(value, list):
            out += value
    return out


def _descendant_values(value: Any) -> Iterator[Any]:
    """``value`` and every container inside it, in :func:`_descendants`' order."""
    yield value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        if isinstance(item, dict | list):
            yield from _descendant_values(item)
