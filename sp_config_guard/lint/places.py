"""Where a standard's governed fields lie in each of its copies, for the divergence check
(:mod:`~sp_config_guard.lint.divergence`): a field is named by its steps (members, and list
items by identity); :func:`places_of` finds all the places of a copy in one walk, so a
family's fields are looked up rather than searched for in every copy, and :func:`value_key`
is the JSON key of a value, remembered for scalars."""

from __future__ import annotations

from typing import Any

from sp_config_guard.lint.checks import json_key
from sp_config_guard.model.kinds import Node

Step = str | tuple[str, Any]  # a member, or a list item by (identity field, identity value)
Places = dict[tuple[Step, ...], tuple[tuple[str | int, ...], Any]]


def locate(data: Any, steps: tuple[Step, ...]) -> tuple[tuple[str | int, ...], Any] | None:
    """(location, value) of a place in ``data``, or None when it is not there."""
    location: list[str | int] = []
    here = data
    for step in steps:
        if isinstance(step, tuple):
            if not isinstance(here, list):
                return None
            found = next(
                (
                    i
                    for i, item in enumerate(here)
                    if isinstance(item, dict) and item.get(step[0]) == step[1]
                ),
                None,
            )
            if found is None:
                return None
            location.append(found)
            here = here[found]
        else:
            if not isinstance(here, dict) or step not in here:
                return None
            location.append(step)
            here = here[step]
    return tuple(location), here


def members_below(needed: set[tuple[Step, ...]]) -> dict[tuple[Step, ...], tuple[str, ...]]:
    """Per place in ``needed``, the members of it that ``needed`` names (for
    :func:`places_of`: a copy's mappings are looked into, not walked through)."""
    out: dict[tuple[Step, ...], list[str]] = {}
    for steps in needed:
        if steps and isinstance(steps[-1], str):
            out.setdefault(steps[:-1], []).append(steps[-1])
    return {steps: tuple(members) for steps, members in out.items()}


def places_of(
    node: Node | None,
    value: Any,
    needed: set[tuple[Step, ...]],
    below: dict[tuple[Step, ...], tuple[str, ...]] | None = None,
) -> Places:
    """The places of a copy's data that the family's fields name (``needed``: their steps
    and every prefix of them; ``below``: its :func:`members_below`, made once per family),
    at once: steps -> (location, value), as :func:`locate` finds each; a list item with
    identity by the first item holding it. Empty when an identity cannot be a key
    (:func:`locate` then searches)."""
    members = members_below(needed) if below is None else below
    out: Places = {}
    todo: list[tuple[Node | None, Any, tuple[Step, ...], tuple[str | int, ...]]] = [
        (node, value, (), ())
    ]
    while todo:
        node, value, steps, location = todo.pop()
        out[steps] = (location, value)
        if isinstance(value, dict):
            for key in members.get(steps, ()):
                if key in value:
                    child = node.child(key) if node is not None else None
                    todo.append((child, value[key], (*steps, key), (*location, key)))
        elif isinstance(value, list) and node is not None and node.identity:
            items = node.child(0)
            for index, item in enumerate(value):
                if not isinstance(item, dict) or node.identity not in item:
                    continue
                try:
                    at = (*steps, (node.identity, item[node.identity]))
                    if at in out or at not in needed:
                        continue
                except TypeError:  # an identity no key can hold
                    return {}
                out[at] = ((*location, index), item)  # the first item holding it
                todo.append((items, item, at, (*location, index)))
    return out


def find(
    places: Places, data: Any, steps: tuple[Step, ...]
) -> tuple[tuple[str | int, ...], Any] | None:
    """:func:`locate` through a copy's :func:`places_of` (searched when it has none)."""
    return places.get(steps) if places else locate(data, steps)


_SIMPLE = (str, int, bool, type(None))
_KEYS: dict[tuple[type, Any], str] = {}  # (type, scalar) -> its json_key, bounded


def value_key(value: Any) -> str:
    """:func:`json_key` of ``value``, remembered for the scalars most fields hold (a family's
    copies mostly hold the same few values)."""
    kind = type(value)
    if kind not in _SIMPLE:
        return json_key(value)
    found = _KEYS.get((kind, value))
    if found is None:
        if len(_KEYS) >= 100_000:
            _KEYS.clear()
        found = _KEYS[(kind, value)] = json_key(value)
    return found
