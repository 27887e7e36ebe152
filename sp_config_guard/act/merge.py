"""The three-way merge of ``spguard upgrade``: *base* (the standard as it was when the copy was
made), *theirs* (the standard's new revision) and *ours* (the department's copy), decided field
by field by the governance contract, read as drift reads it
(:func:`~sp_config_guard.drift.classify.contract_at`, :func:`~sp_config_guard.drift.classify.classify`).

- Where only one side changed a field, that side's value is the result: a field the department
  never touched takes the standard's new value, one the standard never touched keeps the
  department's (a locked field the department changed stays a violation: repairing it is
  ``fix``'s business, not the upgrade's).
- Where both changed it, differently: a ``locked`` field takes the standard's value, a
  ``local`` one keeps the department's, an ``adaptable`` one is a conflict (the department's
  value is kept until a builder decides).
- Items of identity lists (``x-identity``) are matched by identity: items the standard added
  are added, items it removed are removed unless the department changed them (a conflict),
  the department's own items stay; an item the department dropped stays dropped (unless it is
  locked and the standard changed it: then it is the standard's again). Members of unordered
  scalar lists merge as sets.
- Ordered lists follow the standard's order; the department's own items go after the item
  they followed in the copy.
- Last, the result is classified against the new standard as drift does: an adaptable value
  of the department's outside its bounds is a conflict too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sp_config_guard.drift.artifact_diff import (
    Change,
    ItemRef,
    SemanticPath,
    diff_artifacts,
    display_path,
    same,
    value_at,
)
from sp_config_guard.drift.classify import classify, contract_at
from sp_config_guard.model.kinds import Kind, Node

ABSENT: Any = object()
"""A field or item one side does not have."""

REASONS = ("both-changed", "out-of-bounds", "removed-changed")


@dataclass(frozen=True)
class Conflict:
    """A field the merge cannot decide: its JSONPath, why, and the three values (None where a
    side does not have it)."""

    path: str
    reason: str
    base: Any
    department: Any
    standard: Any

    def as_record(self) -> dict[str, Any]:
        """The conflict as written to ``meta.upgrade.conflicts`` and in JSON reports."""
        return {
            "path": self.path,
            "reason": self.reason,
            "base": self.base,
            "department": self.department,
            "standard": self.standard,
        }


@dataclass
class _Run:
    root: Node
    theirs: Mapping[str, Any]
    ours: Mapping[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)

    def contract(self, path: SemanticPath) -> str:
        return contract_at(self.root, path, self.theirs, self.ours)[0]

    def conflict(self, path: SemanticPath, reason: str, b: Any, o: Any, t: Any) -> None:
        self.conflicts.append(Conflict(display_path(path), reason, _shown(b), _shown(o), _shown(t)))


def _shown(value: Any) -> Any:
    return None if value is ABSENT else value


def _same(a: Any, b: Any) -> bool:
    """Equal in value and type all the way down; a missing value equals only another."""
    if a is ABSENT or b is ABSENT:
        return a is b
    return same(a, b)


def _keyed(item: Any, identity: str) -> bool:
    """Whether a list item has its identity, as a value that can name it."""
    return isinstance(item, dict) and isinstance(item.get(identity), str | int | float)


def _merge(b: Any, t: Any, o: Any, node: Node | None, path: SemanticPath, run: _Run) -> Any:
    if _same(o, b) or _same(o, t):
        return t
    if _same(t, b):
        return o
    if all(isinstance(v, dict) for v in (t, o)) and (b is ABSENT or isinstance(b, dict)):
        return _merge_maps({} if b is ABSENT else b, t, o, node, path, run)
    if all(isinstance(v, list) for v in (t, o)) and (b is ABSENT or isinstance(b, list)):
        base = [] if b is ABSENT else b
        identity = node.identity if node is not None else None
        if (
            node is not None
            and identity
            and all(_keyed(i, identity) for side in (base, t, o) for i in side)
        ):
            return _merge_items(base, t, o, node, identity, path, run)
        if node is not None and not node.ordered and run.contract(path) != "locked":
            return _merge_members(base, t, o)
    contract = run.contract(path)
    if contract == "locked":
        return t
    if contract == "adaptable":
        run.conflict(path, "both-changed", b, o, t)
    return o


def _merge_maps(
    b: dict[str, Any],
    t: dict[str, Any],
    o: dict[str, Any],
    node: Node | None,
    path: SemanticPath,
    run: _Run,
) -> dict[str, Any]:
    out = {}
    for key in [*t, *(k for k in o if k not in t), *(k for k in b if k not in t and k not in o)]:
        child = node.child(key) if node is not None else None
        value = _merge(
            b.get(key, ABSENT), t.get(key, ABSENT), o.get(key, ABSENT), child, (*path, key), run
        )
        if value is not ABSENT:
            out[key] = value
    return out


def _merge_members(b: list[Any], t: list[Any], o: list[Any]) -> list[Any]:
    """An unordered scalar list as a set: each side's additions and removals both apply."""
    out = [m for m in t if any(_same(m, x) for x in o) or not any(_same(m, x) for x in b)]
    return out + [
        m for m in o if not any(_same(m, x) for x in b) and not any(_same(m, x) for x in out)
    ]


def _merge_items(
    b: list[Any],
    t: list[Any],
    o: list[Any],
    node: Node,
    identity: str,
    path: SemanticPath,
    run: _Run,
) -> list[Any]:
    olds, theirs, ours = ({i[identity]: i for i in side} for side in (b, t, o))
    items = node.child(0)
    merged: dict[Any, Any] = {}
    for key in [
        *theirs,
        *(k for k in ours if k not in theirs),
        *(k for k in olds if k not in theirs and k not in ours),
    ]:
        at = (*path, ItemRef(identity, key))
        was, new, mine = (side.get(key, ABSENT) for side in (olds, theirs, ours))
        if mine is not ABSENT and new is ABSENT and was is not ABSENT and not _same(mine, was):
            run.conflict(at, "removed-changed", was, mine, new)  # the standard removed it
            value = mine
        elif mine is ABSENT and was is not ABSENT:  # the department dropped it
            # a locked item the standard changed since is the standard's again; elsewhere
            # dropping it was the department's to do, whatever the standard did to it since
            locked = new is not ABSENT and not _same(new, was) and run.contract(at) == "locked"
            value = new if locked else ABSENT
        else:
            value = _merge(was, new, mine, items, at, run)
        if value is not ABSENT:
            merged[key] = value
    return _in_order(merged, t, o, identity, node.ordered)


def _in_order(
    merged: dict[Any, Any], t: list[Any], o: list[Any], identity: str, ordered: bool
) -> list[Any]:
    """The merged items in the standard's order (an ordered list; the department's own after
    the item they followed in the copy), or in the copy's with the standard's new ones last."""
    theirs = [i[identity] for i in t if i[identity] in merged]
    ours = [i[identity] for i in o if i[identity] in merged]
    if not ordered:
        keys = ours + [k for k in theirs if k not in ours]
        return [merged[k] for k in keys]
    keys = list(theirs)
    placed = set(keys)
    for index, key in enumerate(ours):
        if key in placed:
            continue
        before = next((k for k in reversed(ours[:index]) if k in placed), None)
        keys.insert(keys.index(before) + 1 if before is not None else 0, key)
        placed.add(key)
    return [merged[k] for k in keys]


@dataclass
class Merge:
    """What the merge gives: the compared fields merged, the conflicts left open, and how the
    result still differs from the new standard (the department's changes kept)."""

    data: dict[str, Any]
    conflicts: list[Conflict]
    standard: dict[str, Any]
    kept: list[Change]


def merge(
    base: Mapping[str, Any], theirs: Mapping[str, Any], ours: Mapping[str, Any], kind: Kind
) -> Merge:
    """The three-way merge of the fields a copy is compared with its standard on
    (``kind.compared``: ``spec`` and the governed envelope fields); ``ours`` own fields are
    not part of it."""
    keys = kind.compared
    b, t, o = ({k: side[k] for k in keys if k in side} for side in (base, theirs, ours))
    run = _Run(kind.root, t, o)
    data = _merge_maps(b, t, o, kind.root, (), run)
    seen = {c.path for c in run.conflicts}
    kept = diff_artifacts(t, data, kind)
    for change in kept:
        verdict = classify(change, kind.root, t, data)
        where = display_path(change.path)
        if verdict is not None and verdict[0] == "out-of-bounds" and where not in seen:
            mine, was = value_at(data, change.path), value_at(b, change.path)
            run.conflicts.append(Conflict(where, "out-of-bounds", was, mine, change.old))
            seen.add(where)
    return Merge(data, sorted(run.conflicts, key=lambda c: c.path), t, kept)
