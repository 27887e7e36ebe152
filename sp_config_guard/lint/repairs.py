"""Certain repairs applied to an artifact's data (``spguard fix``), and the same repair as an
edit of the file's text (SARIF ``fixes``). A repair is applied only where it still fits the
data: a field set where its parent is, an item restored where its identity is missing; one
that no longer fits (the file changed since it was linted) is left out, never forced."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sp_config_guard.lint.checks import json_key
from sp_config_guard.load.loader import Document
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.result import Repair


def _node(data: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` in ``data``, or None when the path does not lead anywhere."""
    for key in path:
        at_item = isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data)
        if at_item or (isinstance(key, str) and isinstance(data, dict) and key in data):
            data = data[key]
        else:
            return None
    return data


def _set(data: dict[str, Any], repair: Repair) -> bool:
    parent, key = _node(data, repair.path[:-1]), repair.path[-1] if repair.path else None
    if isinstance(parent, dict) and isinstance(key, str):
        parent[key] = copy.deepcopy(repair.value)
        return True
    if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        parent[key] = copy.deepcopy(repair.value)
        return True
    return False


def _insert(data: dict[str, Any], repair: Repair, anywhere: bool = True) -> bool | None:
    """Restore the item of ``repair``: True when done, False when it cannot be (or is there
    already), None when its neighbour in the standard is missing and not ``anywhere``."""
    items, identity = _node(data, repair.path), repair.identity
    if not isinstance(items, list) or identity is None or not isinstance(repair.value, dict):
        return False
    keys = [json_key(i.get(identity)) if isinstance(i, dict) else None for i in items]
    if json_key(repair.value.get(identity)) in keys:
        return False  # restored already (two rules, one item)
    position, after = len(items), json_key(repair.after)
    if repair.ordered and repair.after is None:  # the standard's first item
        position = 0
    elif repair.ordered and after in keys:  # after the item before it in the standard
        position = keys.index(after) + 1
    elif repair.ordered and not anywhere:  # that one is being restored too: after it
        return None
    items.insert(position, copy.deepcopy(repair.value))
    return True


def apply_repairs(data: dict[str, Any], repairs: Sequence[Repair]) -> tuple[dict[str, Any], int]:
    """A copy of ``data`` with ``repairs`` applied, and how many of them applied. Fields are
    set before items are restored, so that list positions in the fields' paths still hold;
    an item whose neighbour in the standard is restored too goes in after it."""
    out = copy.deepcopy(data)
    done = sum(1 for r in repairs if r.op == "set" and _set(out, r))
    pending = [r for r in repairs if r.op == "insert"]
    while pending:
        waiting = []
        for repair in pending:
            outcome = _insert(out, repair, anywhere=False)
            done += outcome is True
            waiting += [repair] if outcome is None else []
        if len(waiting) == len(pending):  # its neighbour is gone for good: at the end
            done += sum(1 for r in waiting if _insert(out, r))
            break
        pending = waiting
    return out, done


def repaired_text(doc: Document, repairs: Sequence[Repair]) -> str | None:
    """The file text of ``doc`` with ``repairs`` applied (canonical, its comments kept), or
    None when its kind is unknown or none of them applies."""
    from sp_config_guard.normalize.comments import artifact_text  # libyaml: only to write

    if doc.kind is None or doc.kind not in default_registry():
        return None
    data, done = apply_repairs(doc.data, repairs)
    return artifact_text(data, default_registry().get(doc.kind), doc.text) if done else None


def text_edit(old: str, new: str) -> tuple[int, int, str]:
    """The lines of ``old`` (1-based ``start`` to ``end``, end excluded) that become ``text``
    to give ``new``: the smallest such block, by the lines both texts begin and end with."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head + 1, len(a) - tail + 1, "".join(b[head : len(b) - tail])


def with_edit(doc: Document, repair: Repair) -> Repair:
    """``repair`` with its edit of the file's text (as it is when the edit would change
    nothing)."""
    new = repaired_text(doc, [repair])
    if new is None or new == doc.text:
        return repair
    return replace(repair, edit=text_edit(doc.text, new))
