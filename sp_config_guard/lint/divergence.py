"""Uniformity across regions and hospitals: for every standard and every governed field
(locked or adaptable, by the kind's ``x-governance`` contract, envelope and spec), the values
its local copies have, grouped by region or by hospital, and whether the groups split.

A group is the copies of one standard in one region (or hospital) that have the field's
place (an item of a list with ``x-identity`` is matched by identity; a copy that dropped the
item counts at the item, as "missing", not at its fields). A group **counts** when it has at
least ``min_variants`` copies and one value is held by a share of at least ``share`` of them
and by more copies than any other value (its **dominant** value; a tie has none). A field is
**divergent** when at least two groups count and their dominant values are not all the same.
The copies reported are those holding the dominant value of a counting group where that value
is not the standard's: the side of the split that left the standard. Fields a copy adds and
``local`` fields are never measured. Both lint (check type ``divergent``, rules UNI001/UNI002)
and drift (the report's divergence section) take their answer from :func:`divergences`, so
they never disagree. This module lives in ``lint`` because both floors use it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sp_config_guard.lint.checks import json_key
from sp_config_guard.lint.places import (
    Step,
    find,
    locate,
    members_below,
    places_of,
    value_key,
)
from sp_config_guard.lint.ruleset import Rule
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.model.kinds import Node, default_registry

LEVELS = ("region", "hospital")
DEFAULTS: dict[str, dict[str, Any]] = {
    "region": {"min_variants": 3, "share": 0.8},
    "hospital": {"min_variants": 2, "share": 1.0},
}
PRESENT, MISSING = "present", "missing"  # the values of an item's place: kept or dropped
_LOCAL_LEVELS = ("region", "hospital", "department")


@dataclass(frozen=True)
class Thresholds:
    """When groups of copies split: at ``level``, groups of ``min_variants`` copies or more
    whose dominant value has a ``share`` of at least this of the group."""

    level: str
    min_variants: int
    share: float


def thresholds(level: str, options: Mapping[str, Any] | None = None) -> Thresholds:
    """The thresholds at ``level``, the defaults filled in where ``options`` has none."""
    given = {**DEFAULTS[level], **{k: v for k, v in (options or {}).items() if k != "level"}}
    return Thresholds(level, int(given["min_variants"]), float(given["share"]))


def rule_limits(rules: Sequence[Rule]) -> tuple[Thresholds, ...]:
    """The thresholds of the enabled ``divergent`` rules among ``rules``, for drift (its
    divergence section then names what lint reports); the defaults when there is no such rule."""
    found = {
        thresholds(rule.options["level"], rule.options)
        for rule in rules
        if rule.check_type == "divergent" and rule.enabled
    }
    return tuple(sorted(found, key=lambda x: (x.level, x.min_variants, x.share))) or DEFAULT_LIMITS


DEFAULT_LIMITS = tuple(thresholds(level) for level in LEVELS)


@dataclass(frozen=True)
class Group:
    """One region's or hospital's copies at a field: ``counts`` as (value, copies), most
    copies first (then by value as JSON); ``dominant`` is the index in ``counts`` of the
    dominant value, or None when the group does not count."""

    key: str
    region: str
    copies: int
    counts: tuple[tuple[Any, int], ...]
    dominant: int | None


@dataclass(frozen=True)
class Divergence:
    """One governed field of one standard on which the groups split."""

    level: str
    kind: str
    standard: str
    standard_file: str
    path: str
    """RFC 9535 JSONPath of the field, list items by identity filter (as drift names them)."""
    location: tuple[str | int, ...]
    """Where the field lies in the standard (list items by index)."""
    contract: str
    item: bool
    """Whether the place is a list item (its values are ``present`` and ``missing``)."""
    standard_value: Any
    groups: tuple[Group, ...]
    reported: tuple[tuple[str, tuple[str | int, ...]], ...]
    """(file, location) of every copy reported: holding a counting group's dominant value
    where that value is not the standard's; sorted by file."""


@dataclass(frozen=True)
class _Leaf:
    steps: tuple[Step, ...]
    contract: str
    item: bool


def _leaves(
    node: Node | None, value: Any, steps: tuple[Step, ...], contract: str, bound: frozenset[str]
) -> Iterator[_Leaf]:
    """The governed places of a standard's value: leaf fields, lists without identity as one
    value, and each item of a list with identity (its presence) with its fields."""
    if isinstance(value, dict):
        for key in sorted(value, key=str):
            child = node.child(key) if node is not None else None
            here = contract
            if child is not None and child.governance is not None:
                here = str(child.contract_in(value))
            if key in bound:
                here = "locked"
            yield from _leaves(child, value[key], (*steps, str(key)), here, frozenset())
        return
    identity = node.identity if node is not None else None
    if isinstance(value, list) and identity and node is not None:
        items = node.child(0)
        for item in value:
            if not isinstance(item, dict) or identity not in item:
                continue
            own = node.item_contract(item) or contract
            at = (*steps, (identity, item[identity]))
            if own in ("locked", "adaptable"):
                yield _Leaf(at, own, True)
            rest = {k: v for k, v in item.items() if k != identity}
            yield from _leaves(items, rest, at, own, node.identity_bound)
        return
    if contract in ("locked", "adaptable"):
        yield _Leaf(steps, contract, False)


def _display(steps: tuple[Step, ...]) -> str:
    out = "$"
    for step in steps:
        if isinstance(step, tuple):
            out += f"[?@.{step[0]}=={json_key(step[1])}]".replace('"', "'")
        else:
            out += f".{step}" if step.isidentifier() else f"['{step}']"
    return out


def _group_key(doc: Document, level: str) -> tuple[str, str] | None:
    scope = doc.data.get("scope") or {}
    if scope.get("level") not in _LOCAL_LEVELS:
        return None
    region, key = scope.get(level if level == "region" else "region"), scope.get(level)
    if not isinstance(region, str) or not isinstance(key, str) or not region or not key:
        return None
    return key, region


Held = tuple[Document, Any, Any, str]  # a copy, its location and value at a field, value_key


def _measure(limits: Thresholds, cells: Mapping[tuple[str, str], list[Held]]) -> list[Group]:
    groups = []
    for (key, region), held in sorted(cells.items()):
        tally: Counter[str] = Counter(vkey for _, _, _, vkey in held)
        shown = {vkey: value for _, _, value, vkey in reversed(held)}
        order = sorted(tally, key=lambda k: (-tally[k], k))
        counts = tuple((shown[k], tally[k]) for k in order)
        top = counts[0][1]
        dominant = (
            0
            if len(held) >= limits.min_variants
            and top / len(held) >= limits.share
            and (len(counts) == 1 or counts[1][1] < top)
            else None
        )
        groups.append(Group(key, region, len(held), counts, dominant))
    return groups


@dataclass(frozen=True)
class _Field:
    """One governed place of a standard with what its copies hold there (every copy, in file
    order, whatever the level); only places where the copies hold two values or more."""

    leaf: _Leaf
    location: tuple[str | int, ...]
    own: Any
    held: tuple[Held, ...]
    second: int
    """How many copies hold the field's second most held value (for :func:`_can_split`)."""


# Per repository: the fields of the family scanned last (lint asks for a family at each
# level in turn, for the same copy; workers are handed whole families)
_LAST: WeakKeyDictionary[Repository, tuple[str, list[_Field]]] = WeakKeyDictionary()


def _fields(repo: Repository, standard: Document, root: Node, std: Any) -> list[_Field]:
    """The copies of ``standard`` read once at every governed field, for all levels."""
    last = _LAST.get(repo)
    if last is not None and last[0] == standard.display:
        return last[1]
    leaves = list(_leaves(root, std, (), "local", frozenset()))
    needed = {leaf.steps[:end] for leaf in leaves for end in range(len(leaf.steps) + 1)}
    copies = sorted(repo.variants_of(standard), key=lambda d: d.display)
    below = members_below(needed)
    places = [(doc, places_of(root, doc.data, needed, below)) for doc in copies]
    out = []
    for leaf in leaves:
        found = locate(std, leaf.steps)
        if found is None:
            continue
        held: list[Held] = []
        for doc, at in places:
            there = find(at, doc.data, leaf.steps)
            if there is not None:
                location, value = there[0], PRESENT if leaf.item else there[1]
            elif not leaf.item:
                continue  # the item (or the field's parent) is gone: counted at the item
            else:
                holder = find(at, doc.data, leaf.steps[:-1])
                if holder is None:
                    continue  # the list's own item is gone: counted there
                location, value = holder[0], MISSING
            held.append((doc, location, value, value_key(value)))
        tally = Counter(vkey for *_, vkey in held)
        if len(tally) < 2:
            continue  # one value everywhere: no two groups can hold different ones
        second = sorted(tally.values())[-2]
        own = PRESENT if leaf.item else found[1]
        out.append(_Field(leaf, found[0], own, tuple(held), second))
    _LAST[repo] = standard.display, out
    return out


def _least_dominant(limits: Thresholds) -> int:
    """The fewest copies a counting group's dominant value has: a group counts with at least
    ``min_variants`` copies of which a ``share`` hold it. Two counting groups that disagree
    hold two values so often, so a field whose second most held value has fewer copies
    cannot split (its groups are not measured); the margin absorbs float rounding."""
    return max(1, math.ceil(limits.min_variants * limits.share - 1e-9))


def _family(repo: Repository, standard: Document, limits: Thresholds) -> list[Divergence]:
    """The divergent fields of one standard's copies at one level."""
    registry = default_registry()
    if standard.kind not in registry:
        return []
    kind = registry.get(standard.kind or "")
    keys = {doc.display: _group_key(doc, limits.level) for doc in repo.variants_of(standard)}
    if len({key for key in keys.values() if key is not None}) < 2:
        return []
    out = []
    std = {k: standard.data[k] for k in kind.compared if k in standard.data}
    least = _least_dominant(limits)
    for field in _fields(repo, standard, kind.root, std):
        if field.second < least:
            continue  # no two values are held widely enough to dominate two groups
        cells: dict[tuple[str, str], list[Held]] = {}
        for held in field.held:
            key = keys[held[0].display]
            if key is not None:
                cells.setdefault(key, []).append(held)
        groups = _measure(limits, cells)
        counting = [g for g in groups if g.dominant is not None]
        if len(counting) < 2 or len({value_key(g.counts[0][0]) for g in counting}) < 2:
            continue
        own_key = value_key(field.own)
        leaving = {
            (g.key, g.region): value_key(g.counts[0][0])
            for g in counting
            if value_key(g.counts[0][0]) != own_key
        }
        reported = sorted(
            (doc.display, location)
            for key, held in cells.items()
            if key in leaving
            for doc, location, _, vkey in held
            if vkey == leaving[key]
        )
        out.append(
            Divergence(
                level=limits.level,
                kind=standard.kind or "",
                standard=standard.id or "",
                standard_file=standard.display,
                path=_display(field.leaf.steps),
                location=field.location,
                contract=field.leaf.contract,
                item=field.leaf.item,
                standard_value=field.own,
                groups=tuple(groups),
                reported=tuple(reported),
            )
        )
    return out


# Per repository: (thresholds, kind, standard id) -> the divergences of the families of the
# standards with that kind and id; (thresholds, None, None) -> those of every standard.
_CACHE: WeakKeyDictionary[
    Repository, dict[tuple[Thresholds, str | None, str | None], list[Divergence]]
] = WeakKeyDictionary()


def _of(
    repo: Repository,
    limits: Thresholds,
    slot: tuple[str | None, str | None],
    standards: Callable[[], Iterable[Document]],
) -> list[Divergence]:
    """The divergences of the families of ``standards`` (those with local copies), sorted
    by kind, standard, field; computed once per repository, thresholds and ``slot``."""
    cache = _CACHE.setdefault(repo, {})
    if (limits, *slot) not in cache:
        found = []
        for doc in standards():
            if not isinstance(doc.data.get("derived_from"), dict) and repo.variants_of(doc):
                found += _family(repo, doc, limits)
        found.sort(key=lambda d: (d.kind, d.standard, d.path))
        cache[(limits, *slot)] = found
    return cache[(limits, *slot)]


def divergences(repo: Repository, limits: Thresholds) -> list[Divergence]:
    """Every divergent field of every standard in ``repo`` at ``limits.level`` (computed
    once per repository and thresholds), sorted by kind, standard, field."""
    return _of(repo, limits, (None, None), lambda: repo.docs)


def reported_at(repo: Repository, limits: Thresholds, doc: Document) -> list[Divergence]:
    """The divergences that report the copy ``doc``: those of its standard's family (of
    each artifact that is that standard, in file order), computed for that family only."""
    kind, parent = doc.facts.kind, doc.facts.parent
    if kind is None or parent is None:
        return []
    found = _of(
        repo, limits, (kind, parent), lambda: (s for s in repo.with_id(parent) if s.kind == kind)
    )
    return [d for d in found if any(file == doc.display for file, _ in d.reported)]
