"""Identity-aware comparison of two versions of an artifact, with DeepDiff as the engine.

Lists are turned into keyed maps before diffing: items of an ``x-identity`` list by their
identity, members of an unordered scalar list by their value. DeepDiff then never pairs items
by position or similarity (``ignore_order`` stays off: it is quadratic and mis-pairs), and
the result is linear in the size of the artifacts. Order changes of ordered identity lists are
reported separately as ``reordered``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sp_config_guard.model.kinds import Kind, Node

_MARK = "\x00"
IGNORED = frozenset({"meta"})


@dataclass(frozen=True)
class ItemRef:
    """A list item named by its identity (``field`` = ``value``), or a set member (``field``
    empty)."""

    field: str
    value: Any


Segment = str | int | ItemRef
SemanticPath = tuple[Segment, ...]


@dataclass(frozen=True)
class Change:
    """One difference: ``added``, ``removed``, ``changed`` or ``reordered``, at a path."""

    op: str
    path: SemanticPath
    old: Any = None
    new: Any = None


def _key(field: str, value: Any) -> str:
    return f"{_MARK}{field}{_MARK}{json.dumps(value, sort_keys=True, ensure_ascii=False)}"


def _segment(key: Any) -> Segment:
    if isinstance(key, str) and key.startswith(_MARK):
        _, field, value = key.split(_MARK, 2)
        return ItemRef(field, json.loads(value))
    return key if isinstance(key, int) else str(key)


def prepare(value: Any, node: Node | None) -> Any:
    """``value`` with identity lists and unordered scalar lists turned into keyed maps."""
    if isinstance(value, dict):
        return {k: prepare(v, node.child(k) if node else None) for k, v in value.items()}
    if isinstance(value, list):
        items = node.child(0) if node else None
        identity = node.identity if node else None
        if identity and all(isinstance(i, dict) and identity in i for i in value):
            return {_key(identity, i[identity]): prepare(i, items) for i in value}
        if node is not None and not node.ordered:
            return {_key("", i): prepare(i, items) for i in value}
        return [prepare(i, items) for i in value]
    return value


def _reorders(old: Any, new: Any, node: Node | None, path: SemanticPath) -> Iterator[Change]:
    """Order changes of ordered identity lists present in both versions (the kind's schema
    says which lists are ordered: below a place it does not describe there are none)."""
    if node is None:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old.keys() & new.keys():
            yield from _reorders(old[key], new[key], node.child(key), (*path, key))
    elif isinstance(old, list) and isinstance(new, list):
        identity, items = node.identity, node.child(0)
        if identity and node.ordered:
            before = [i.get(identity) for i in old if isinstance(i, dict)]
            after = [i.get(identity) for i in new if isinstance(i, dict)]
            common = set(before) & set(after)
            kept_before = [i for i in before if i in common]
            kept_after = [i for i in after if i in common]
            if kept_before != kept_after:
                yield Change("reordered", path, kept_before, kept_after)
            by_id = {i.get(identity): i for i in old if isinstance(i, dict)}
            for item in new:
                if isinstance(item, dict) and item.get(identity) in by_id:
                    ref = ItemRef(identity, item.get(identity))
                    yield from _reorders(by_id[item.get(identity)], item, items, (*path, ref))


_OPS = {
    "values_changed": "changed",
    "type_changes": "changed",
    "dictionary_item_added": "added",
    "dictionary_item_removed": "removed",
    "iterable_item_added": "added",
    "iterable_item_removed": "removed",
}


def prepared(data: dict[str, Any], kind: Kind | None, ignore: Sequence[str] = ()) -> dict[str, Any]:
    """An artifact's members as :func:`diff_artifacts` compares them (lists keyed), for its
    ``old_prepared`` when one version is compared with many (a standard with its copies)."""
    skip = IGNORED | set(ignore)
    root = kind.root if kind is not None else None
    return {
        k: prepare(v, root.child(k) if root else None) for k, v in data.items() if k not in skip
    }


def diff_artifacts(
    old: dict[str, Any],
    new: dict[str, Any],
    kind: Kind | None,
    ignore: Sequence[str] = (),
    old_prepared: dict[str, Any] | None = None,
) -> list[Change]:
    """Every difference between two versions of one artifact (``meta`` ignored);
    ``old_prepared``: ``prepared(old, kind, ignore)`` when the caller has it already."""
    skip = IGNORED | set(ignore)
    root = kind.root if kind is not None else None
    a = old_prepared if old_prepared is not None else prepared(old, kind, ignore)
    changes = list(_diff_prepared(a, prepared(new, kind, ignore), ()))
    olds = {k: v for k, v in old.items() if k not in skip}
    news = {k: v for k, v in new.items() if k not in skip}
    changes += _reorders(olds, news, root, ())
    return sorted(changes, key=lambda c: (display_path(c.path), c.op))


def same(a: Any, b: Any) -> bool:
    """Equal in value and in type all the way down (1 and 1.0, or 1 and true, are not)."""
    if a.__class__ is not b.__class__:
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return bool(a == b)


def _diff_prepared(a: dict[Any, Any], b: dict[Any, Any], at: SemanticPath) -> Iterator[Change]:
    """DeepDiff's changes between two prepared maps, DeepDiff run only where they differ:
    equal members are skipped, members that are maps on both sides are descended into, and a
    member added or removed, or a scalar changed, is reported here as DeepDiff would (at
    40,000 artifacts DeepDiff's set-up was a quarter of drift's classification)."""
    mine, theirs = {}, {}
    for key in [*a, *(k for k in b if k not in a)]:
        old, new = a.get(key, _ABSENT), b.get(key, _ABSENT)
        if old.__class__ is dict and new.__class__ is dict:
            yield from _diff_prepared(old, new, (*at, _segment(key)))
        elif same(old, new):
            continue
        elif old is _ABSENT:  # as DeepDiff reports a member added, removed or a scalar changed
            yield Change("added", (*at, _segment(key)), None, _plain(new))
        elif new is _ABSENT:
            yield Change("removed", (*at, _segment(key)), _plain(old), None)
        elif _scalar(old) and _scalar(new):
            yield Change("changed", (*at, _segment(key)), old, new)
        else:
            mine[key], theirs[key] = old, new
    if not mine and not theirs:
        return
    from deepdiff import DeepDiff  # here: lint and a diff of equal files never need it (0.1 s)

    tree = DeepDiff(
        mine,
        theirs,
        view="tree",
        ignore_order=False,
        threshold_to_diff_deeper=0,
        ignore_private_variables=False,
        verbose_level=2,
    )
    for report, levels in tree.items():
        op = _OPS.get(report)
        if op is None:
            continue
        for level in levels:
            path = (*at, *(_segment(k) for k in level.path(output_format="list")))
            before = None if op == "added" else _plain(level.t1)
            after = None if op == "removed" else _plain(level.t2)
            yield Change(op, path, before, after)


_ABSENT: Any = object()
_SCALARS = (str, int, float, bool, type(None))


def _scalar(value: Any) -> bool:
    """A plain scalar that equals itself (DeepDiff holds a NaN equal to itself)."""
    return value.__class__ in _SCALARS and value == value


def _plain(value: Any) -> Any:
    """Undo :func:`prepare` for values reported by DeepDiff (keyed maps back to lists)."""
    if isinstance(value, dict):
        if value and all(isinstance(k, str) and k.startswith(_MARK) for k in value):
            return [_plain(v) for v in value.values()]
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def display_path(path: SemanticPath) -> str:
    """RFC 9535 JSONPath of a semantic path: items by identity filter (``[?@.id=='12']``)."""
    out = "$"
    for seg in path:
        if isinstance(seg, ItemRef):
            target = f"@.{seg.field}" if seg.field else "@"
            out += f"[?{target}=={json.dumps(seg.value, ensure_ascii=False)}]".replace('"', "'")
        elif isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += f".{seg}" if seg.isidentifier() else f"['{seg}']"
    return out


def index_path(data: Any, path: SemanticPath) -> tuple[str | int, ...]:
    """The index-based location of a semantic path in ``data`` (as far as it exists)."""
    out: list[str | int] = []
    node = data
    for seg in path:
        if isinstance(seg, ItemRef) and isinstance(node, list):
            index = next(
                (
                    i
                    for i, item in enumerate(node)
                    if (item.get(seg.field) if seg.field and isinstance(item, dict) else item)
                    == seg.value
                ),
                None,
            )
            if index is None:
                break
            out.append(index)
            node = node[index]
        elif isinstance(seg, str) and isinstance(node, dict) and seg in node:
            out.append(seg)
            node = node[seg]
        elif isinstance(seg, int) and isinstance(node, list) and seg < len(node):
            out.append(seg)
            node = node[int(seg)]
        else:
            break
    return tuple(out)


def value_at(data: Any, path: SemanticPath) -> Any:
    """The value at a semantic path, or None when it is not there."""
    location = index_path(data, path)
    if len(location) != len(path):
        return None
    node = data
    for step in location:
        node = node[step]
    return node
