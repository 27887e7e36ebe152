"""JSONPath queries of names, wildcards and equality filters (``$.spec.items[*].code``,
``$..code``, ``$.spec.groups[?@.local == true].id``), the common case of the rule sets,
evaluated directly on the data in the library's order without building its node objects.

A query in the plainest spelling is planned from its text, which needs no library: segments
``.name``, ``.*``, ``[*]``, ``['a','b']`` and ``[?@.name == literal]`` (a literal of
``'text'`` without quote, backslash or control character, ``true``, ``false``, ``null`` or an
integer of up to 15 digits), each also after ``..``, with ASCII names and no blanks. Any other query is compiled
(and checked) by ``jsonpath-rfc9535`` first, and planned when it has names and wildcards only;
the library evaluates the rest (an index, a slice, any other filter)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jsonpath_rfc9535 import JSONPathQuery

Location = tuple[str | int, ...]


class Test(NamedTuple):
    """``[?@.name == literal]``: the children that are objects whose ``name`` equals it."""

    name: str
    literal: Any


# (descendant segment?, selectors) per segment; a selector is a name, None (the wildcard) or
# a Test
Selector = str | Test | None
Plan = list[tuple[bool, tuple[Selector, ...]]]

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_LITERAL = r"'[^'\\\x00-\x1f]*'|true|false|null|0|-?[1-9][0-9]{0,14}"  # exact in a double
_SEGMENT = (
    rf"(\.\.?)(?:({_NAME})|\*)"  # .name .* ..name ..*
    rf"|(\.\.)?\[(?:(\*)|('{_NAME}'(?:,'{_NAME}')*)|\?@\.({_NAME}) == ({_LITERAL}))\]"
)
_SIMPLE, _SEGMENTS = re.compile(rf"\$(?:{_SEGMENT})*"), re.compile(_SEGMENT)


def simple_plan(query: str) -> Plan | None:
    """The plan of ``query`` read from its text, when it is written in the plainest spelling
    (each such query is valid RFC 9535); None for any other (compile it, then :func:`plan`)."""
    if not _SIMPLE.fullmatch(query):
        return None
    out: Plan = []
    for dots, name, before, _star, names, tested, literal in _SEGMENTS.findall(query, 1):
        selectors: tuple[Selector, ...] = (name or None,)
        if names:
            selectors = tuple(part.strip("'") for part in names.split(","))
        elif tested:
            value = literal[1:-1] if literal[0] == "'" else json.loads(literal)
            selectors = (Test(tested, value),)
        out.append((".." in (dots, before), selectors))
    return out


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


def _select(names: tuple[Selector, ...], loc: Location, value: Any) -> list[tuple[Location, Any]]:
    out: list[tuple[Location, Any]] = []
    for name in names:
        if isinstance(name, Test):
            out += [
                (loc_, item) for loc_, item in _select((None,), loc, value) if _passes(name, item)
            ]
        elif name is not None:
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


def _select_values(names: tuple[Selector, ...], value: Any) -> list[Any]:
    out: list[Any] = []
    for name in names:
        if isinstance(name, Test):
            out += [item for item in _select_values((None,), value) if _passes(name, item)]
        elif name is not None:
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


def _passes(test: Test, item: Any) -> bool:
    """Whether ``item`` is an object whose member ``test.name`` equals the literal as RFC 9535
    compares: a number only with a number (``true`` is no 1), text only with text."""
    if not isinstance(item, dict) or test.name not in item:
        return False
    value, literal = item[test.name], test.literal
    if isinstance(literal, bool) or literal is None:
        return value is literal
    if isinstance(literal, int):
        return isinstance(value, int | float) and not isinstance(value, bool) and value == literal
    return isinstance(value, str) and value == literal
