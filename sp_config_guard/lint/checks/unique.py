"""``unique``: values at ``path`` must not repeat. ``within: artifact`` (the default): a value
repeated inside the artifact is reported at each repeat after the first (``first`` is where it
first occurs, ``first_where`` the same in words). ``within: repository``: a value that another artifact of the same kind has at
the same path is reported once per value, ``other`` naming that artifact's file.

Passing::

    check: {type: unique, path: "$.spec.groups[*].lines[*].id"}
    spec: {groups: [{id: g1, lines: [{id: l1}, {id: l2}]}, {id: g2, lines: [{id: l3}]}]}

Failing (``l1`` twice)::

    spec: {groups: [{id: g1, lines: [{id: l1}, {id: l2}]}, {id: g2, lines: [{id: l1}]}]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from sp_config_guard.lint.checks import (
    PATH,
    CheckContext,
    Hit,
    Location,
    find,
    json_key,
    options_schema,
)
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.model.places import place_words
from sp_config_guard.result import json_path

NAME = "unique"
OPTIONS_SCHEMA = options_schema(
    ["path"], path=PATH, within={"enum": ["artifact", "repository"], "default": "artifact"}
)

# Per repository: (kind, path) -> value key -> the artifacts holding that value.
_INDEX: WeakKeyDictionary[Repository, dict[tuple[str, str], dict[str, list[Document]]]]
_INDEX = WeakKeyDictionary()


def _index(repo: Repository, kind: str, path: str) -> dict[str, list[Document]]:
    """Which artifacts of ``kind`` hold each value at ``path`` (built once per repository)."""
    indexes = _INDEX.setdefault(repo, {})
    if (kind, path) not in indexes:
        index: dict[str, list[Document]] = {}
        for doc in repo.of_kind(kind):
            for key in dict.fromkeys(json_key(value) for _, value in find(path, doc.data)):
                index.setdefault(key, []).append(doc)
        indexes[(kind, path)] = index
    return indexes[(kind, path)]


def _family(doc: Document) -> str | None:
    """The standard a variant belongs with (its own id for a standard): variants share values
    with their standard by design, so they are not duplicates of each other."""
    parent = doc.data.get("derived_from")
    return str(parent.get("id")) if isinstance(parent, dict) else doc.id


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each repeated value (within the artifact, or shared with another of the same kind)."""
    seen: dict[str, Location] = {}
    in_repo = options.get("within", "artifact") == "repository"
    index = _index(ctx.repo, ctx.doc.kind or "", options["path"]) if in_repo else {}
    for location, value in ctx.find(options["path"]):
        key = json_key(value)
        if key in seen:
            if not in_repo:
                first = seen[key]  # a member of an item: the item names the place
                item = first[:-1] if len(first) > 1 and isinstance(first[-2], int) else first
                where = place_words(ctx.doc.kind, ctx.data, item)
                yield Hit(location, value, {"first": json_path(seen[key]), "first_where": where})
            continue
        seen[key] = location
        family = _family(ctx.doc)
        others = [
            doc for doc in index.get(key, ()) if doc.path != ctx.doc.path and _family(doc) != family
        ]
        if others:
            other = min(others, key=lambda doc: doc.display)
            yield Hit(location, value, {"other": other.display, "count": len(others)})
