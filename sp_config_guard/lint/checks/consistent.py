"""``consistent``: variants of one standard should agree on the value at ``path`` (its first
match): a variant is reported when its value differs from the value most of the standard's
family (the standard and all its variants) have; ties go to the standard's value, then to the
value that sorts first as JSON. Artifacts where ``path`` matches nothing are left out, and only
local variants (with ``derived_from``) are reported. ``expected`` is the majority value,
``count`` how many of the family have it.

Passing::

    check: {type: consistent, path: $.spec.escalation.target}
    # standard: spec: {escalation: {target: Akutteam}}
    # 2 other variants: spec: {escalation: {target: Akutteam}}
    spec: {escalation: {target: Akutteam}}

Failing (the others agree on Akutteam)::

    spec: {escalation: {target: Vagthavende læge}}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, find, json_key, options_schema
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository

NAME = "consistent"
OPTIONS_SCHEMA = options_schema(["path"], path=PATH)
Majority = tuple[str, Any, int]  # JSON key, value, count

# Per repository: (kind, standard id, path) -> the family's majority value.
_CACHE: WeakKeyDictionary[Repository, dict[tuple[str, str, str], Majority | None]]
_CACHE = WeakKeyDictionary()


def _majority(repo: Repository, standard: Document, path: str) -> Majority | None:
    """The value most of the standard's family have at ``path`` (computed once per family)."""
    cache = _CACHE.setdefault(repo, {})
    slot = (standard.kind or "", standard.id or "", path)
    if slot not in cache:
        counts: Counter[str] = Counter()
        values: dict[str, Any] = {}
        for doc in [standard, *repo.variants_of(standard)]:
            found = find(path, doc.data)
            if found:
                key = json_key(found[0][1])
                counts[key] += 1
                values.setdefault(key, found[0][1])
        own = find(path, standard.data)
        own_key = json_key(own[0][1]) if own else None
        best = min(counts, key=lambda k: (-counts[k], k != own_key, k), default=None)
        cache[slot] = None if best is None else (best, values[best], counts[best])
    return cache[slot]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """One hit when this variant's value differs from its family's majority value."""
    standard = ctx.standard if isinstance(ctx.data.get("derived_from"), dict) else None
    found = ctx.find(options["path"])
    if standard is None or not found:
        return
    majority = _majority(ctx.repo, standard, options["path"])
    location, value = found[0]
    if majority is not None and json_key(value) != majority[0]:
        fields = {"expected": majority[1], "count": majority[2], "standard": standard.id}
        yield Hit(location, value, fields)
